"""Microsoft Graph v1.0 over requests: auth, retries, JSON batching, errors in words.

One ``GraphApi`` per sync or send. It keeps at most ``MAX_CONCURRENT`` (4)
connections to Graph per mailbox (Graph throttles above that per app and mailbox),
retries 429/503/504 after the server's ``Retry-After`` (else exponential backoff with
jitter) and dropped connections with backoff, and on a 401 refreshes the token once
before giving up with ``SignInRequired``.
"""

from __future__ import annotations

import binascii
import json
import logging
import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import pybase64
import requests
from requests.adapters import HTTPAdapter

from desktop.errors import (
    AuthenticationError,
    ConnectionFailed,
    HolubError,
    ServerError,
    SignInRequired,
)
from desktop.sync.providers.http_body import read_whole

log = logging.getLogger(__name__)

MAX_CONCURRENT = 4
BATCH_LIMIT = 20  # Graph's JSON batch takes at most 20 requests
ATTEMPTS = 6
RETRY_STATUSES = {429, 503, 504}
MAX_RETRY_AFTER = 120.0  # seconds; a longer wait ends this sync (retried later)
TIMEOUT = (10, 60)  # connect, read


class TokenSource(Protocol):
    def token(self) -> str: ...

    def refresh(self, stale: str) -> str: ...


class SyncStateGone(ServerError):
    """410 Gone / syncStateNotFound / resyncRequired: the delta round starts over."""


class Cancelled(HolubError):
    """The caller's cancel flag was set while waiting."""


def _retry_after(headers: Any) -> float | None:
    value = (headers or {}).get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None


def _backoff(attempt: int) -> float:
    return min(30.0, 0.5 * 2**attempt) * random.uniform(0.5, 1.0)


def _error_words(status: int, body: Any) -> tuple[str, str]:
    """(code, message) of Graph's error shape: {"error": {"code", "message"}}."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        return str(error.get("code", "")), str(error.get("message", ""))
    return "", f"HTTP {status}"


def graph_error(status: int, body: Any) -> HolubError:
    code, message = _error_words(status, body)
    words = f"{code}: {message}" if code else message
    if status == 410 or code in ("syncStateNotFound", "resyncRequired", "SyncStateNotFound"):
        return SyncStateGone(f"Microsoft Graph asks for a full re-sync ({words}).")
    if status == 403:
        return AuthenticationError(f"Microsoft Graph refused access: {words}")
    if status in RETRY_STATUSES or status >= 500:
        return ServerError(f"Microsoft Graph is unavailable or busy: {words}")
    return HolubError(f"Microsoft Graph refused the request: {words}")


class GraphApi:
    def __init__(
        self, base: str, tokens: TokenSource, cancel: threading.Event | None = None
    ) -> None:
        self.base = base.rstrip("/")
        self.tokens = tokens
        self.cancel = cancel
        self.http = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=MAX_CONCURRENT, max_retries=0)
        self.http.mount("https://", adapter)
        self.http.mount("http://", adapter)
        # The environment's proxies and CA bundle read once for the session, not by
        # requests on every request (0.35 ms each, with a ~/.netrc look-up whose Basic
        # auth would only replace the bearer token).
        self.http.trust_env = False
        self.http.proxies.update(requests.utils.get_environ_proxies(self.base))
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            self.http.verify = bundle
        self.requests_made = 0
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self.http.close()

    def _url(self, url: str) -> str:
        return url if url.startswith(("https://", "http://")) else f"{self.base}{url}"

    def _wait(self, seconds: float) -> None:
        if self.cancel is not None:
            if self.cancel.wait(seconds):
                raise Cancelled("The sync was cancelled.")
        else:
            threading.Event().wait(seconds)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
        json: Any = None,
        idempotent: bool = True,
    ) -> requests.Response:
        """One Graph call with retries; a 2xx response or a HolubError.

        ``idempotent=False`` (sendMail): a dropped connection or a 504 may come after
        Graph accepted the request, so they are not retried here (the outbox checks
        Sent by Message-ID before trying again); 429 and 503 are refusals, retried.
        """
        target = self._url(url)
        refreshed = False
        failure: HolubError | None = None
        token = self.tokens.token()
        for attempt in range(ATTEMPTS):
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("The sync was cancelled.")
            with self._count_lock:
                self.requests_made += 1
            try:
                response = read_whole(
                    self.http.request(
                        method,
                        target,
                        headers={"Authorization": f"Bearer {token}", **(headers or {})},
                        data=data,
                        json=json,
                        timeout=TIMEOUT,
                        stream=True,  # read in one go below: see http_body
                    )
                )
            except requests.RequestException as exc:  # refused, reset, cut mid-body
                failure = ConnectionFailed(
                    f"The connection to Microsoft Graph failed ({type(exc).__name__}); "
                    "it is tried again later."
                )
                if not idempotent:
                    raise failure from exc
                self._wait(_backoff(attempt))
                continue
            if response.status_code == 401:
                if refreshed:
                    raise SignInRequired(
                        "Microsoft Graph refused the refreshed sign-in; sign in again."
                    )
                token = self.tokens.refresh(token)
                refreshed = True
                continue
            if response.status_code in RETRY_STATUSES:
                failure = graph_error(response.status_code, _json(response))
                if not idempotent and response.status_code == 504:
                    raise failure
                delay = _retry_after(response.headers)
                if delay is not None and delay > MAX_RETRY_AFTER:
                    raise failure
                self._wait(delay if delay is not None else _backoff(attempt))
                continue
            if response.status_code >= 400:
                raise graph_error(response.status_code, _json(response))
            return response
        assert failure is not None
        raise failure

    def get_json(self, url: str, *, headers: dict[str, str] | None = None) -> dict[str, Any]:
        body = _json(self.request("GET", url, headers=headers))
        if not isinstance(body, dict):
            raise ServerError("Microsoft Graph answered with something that is not JSON.")
        return body

    # -- raw messages ----------------------------------------------------------------
    def raw_messages(self, ids: list[str], *, batch: bool = True) -> dict[str, bytes | None]:
        """The MIME source of each message (None: gone since the delta page listed it).

        ``batch``: JSON $batch of 20 per request, else one ``$value`` request each;
        either way at most MAX_CONCURRENT requests in flight.
        """
        if not ids:
            return {}
        result: dict[str, bytes | None] = {}
        if batch:
            chunks = [ids[i : i + BATCH_LIMIT] for i in range(0, len(ids), BATCH_LIMIT)]
            work, fn = chunks, self.batch_values
        else:
            work, fn = [[i] for i in ids], self.single_values
        if len(work) == 1:
            result.update(fn(work[0]))
            return result
        with ThreadPoolExecutor(MAX_CONCURRENT, thread_name_prefix="graph") as pool:
            for part in pool.map(fn, work):
                result.update(part)
        return result

    def single_values(self, ids: list[str]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        for message_id in ids:
            try:
                out[message_id] = self.request("GET", f"/me/messages/{message_id}/$value").content
            except HolubError as exc:
                if "ErrorItemNotFound" not in str(exc):
                    raise
                out[message_id] = None
        return out

    def batch_values(self, ids: list[str]) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        pending = list(ids)
        for attempt in range(ATTEMPTS):
            payload = {
                "requests": [
                    {"id": str(n), "method": "GET", "url": f"/me/messages/{mid}/$value"}
                    for n, mid in enumerate(pending)
                ]
            }
            body = batch_answer(self.request("POST", "/$batch", json=payload).content)
            responses = body.get("responses", []) if isinstance(body, dict) else []
            again: list[str] = []
            delay = 0.0
            stale_token = False
            for item in responses:
                try:
                    message_id = pending[int(item.get("id"))]
                except (TypeError, ValueError, IndexError):
                    continue
                status = int(item.get("status", 0))
                if 200 <= status < 300:
                    out[message_id] = _batch_body(item.get("body"))
                elif status == 404:
                    out[message_id] = None
                elif status in RETRY_STATUSES:
                    again.append(message_id)
                    wait = _retry_after(item.get("headers"))
                    delay = max(delay, wait if wait is not None else _backoff(attempt))
                elif status == 401:
                    again.append(message_id)
                    stale_token = True
                else:
                    raise graph_error(status, item.get("body"))
            missing = [m for m in pending if m not in out and m not in again]
            again += missing
            if not again:
                return out
            if stale_token:
                self.tokens.refresh(self.tokens.token())
            if delay > MAX_RETRY_AFTER:
                raise ServerError("Microsoft Graph asks Holub to wait; the sync resumes later.")
            self._wait(delay)
            pending = again
        raise ServerError("Microsoft Graph kept refusing to hand out messages; retried later.")


# A body string shorter than this is left to the JSON parser (not worth a placeholder).
_BIG_BODY = 256


def batch_answer(data: bytes) -> Any:
    """A $batch answer parsed, its big base64 bodies already decoded to bytes.

    The MIME of each message is a base64 JSON string of ~64 KB (MBs per answer): made
    into a Python string by the JSON parser and then decoded, it cost more than the
    rest of the fetch. Here each ``"body": "<base64>"`` is decoded straight from the
    answer's bytes and replaced by a short placeholder (``"\\u0000<n>"``) before the
    rest is parsed. Whatever does not fit — escapes in the string, a ``body`` key that
    is not a response's body, a placeholder found twice or not at all — and the whole
    answer goes through the JSON parser as it came.
    """
    pieces: list[bytes] = []
    decoded: dict[str, bytes] = {}
    view = memoryview(data)
    start = 0
    key = data.find(b'"body":')
    while key >= 0:
        quote = key + 7
        while data[quote : quote + 1] in (b" ", b"\t", b"\r", b"\n"):
            quote += 1
        end = data.find(b'"', quote + 1) if data[quote : quote + 1] == b'"' else -1
        if end - quote > _BIG_BODY:
            try:  # the strict alphabet: a backslash (an escape) fails here
                raw = pybase64.b64decode(view[quote + 1 : end], validate=True)
            except binascii.Error:
                pass
            else:
                placeholder = f"\x00{len(decoded)}"
                decoded[placeholder] = raw
                pieces += (data[start : quote + 1], f"\\u0000{len(decoded) - 1}".encode())
                start = end
        key = data.find(b'"body":', max(end, key + 7))
    if not decoded:
        return _loads(data)
    pieces.append(data[start:])
    doc = _loads(b"".join(pieces))
    responses = doc.get("responses") if isinstance(doc, dict) else None
    for item in responses if isinstance(responses, list) else ():
        body = item.get("body") if isinstance(item, dict) else None
        if isinstance(body, str) and body.startswith("\x00"):
            if body not in decoded:  # a placeholder twice, or such a string of Graph's
                return _loads(data)
            item["body"] = decoded.pop(body)
    return _loads(data) if decoded else doc


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)  # bytes: UTF-8 (or -16/-32) as JSON allows
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are; so is an empty body
        return None


def _batch_body(body: Any) -> bytes:
    # A non-JSON body (the MIME of $value) comes back base64-encoded in the batch
    # (decoded already by batch_answer, unless it did not fit there).
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        # pybase64 (SIMD): five times faster than the standard library's decoder, which
        # took a quarter of the sync thread's time. Graph's base64 is plain (no line
        # breaks): the strict decoder is four times faster again; anything else goes
        # through the non-strict rules as before.
        try:
            return pybase64.b64decode(body, validate=True)
        except binascii.Error:
            return pybase64.b64decode(body)
    if body is None:
        return b""
    raise ServerError("Microsoft Graph answered a message request with JSON, not MIME.")


def _json(response: requests.Response) -> Any:
    return _loads(response.content)
