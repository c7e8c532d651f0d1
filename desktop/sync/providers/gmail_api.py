"""A small client for the Gmail API v1 (``users/me``), with Google's retry rules.

Every call goes through ``GmailClient.call``: google-auth's ``AuthorizedSession`` adds
the access token and refreshes it once on a 401; a failed refresh (revoked, expired)
or a second 401 is ``SignInRequired``. The import's pool processes hold only an access
token (``GmailClient.with_token``: no refresh token, no google-auth to import there); a
401 there is ``StaleToken``, and the sync process refreshes and hands the batch over
again. 429, 403 ``rateLimitExceeded`` /
``userRateLimitExceeded`` and 5xx wait and retry (exponential backoff with jitter,
``Retry-After`` honoured); a dropped connection is retried a few times, then is
``ConnectionFailed`` (the sync resumes from its last committed batch next time).

Raw messages are fetched several at a time: through the batch endpoint
(``/batch/gmail/v1``, up to ``BATCH_CALLS`` calls in one multipart/mixed request) or
with a small pool of concurrent requests; bench/gmail_sync.py measures both.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import random
import re
import secrets as random_tokens
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import pybase64
import requests

if TYPE_CHECKING:
    from google.auth import exceptions as auth_errors
    from google.oauth2.credentials import Credentials

from desktop.errors import ConnectionFailed, HolubError, ServerError, SignInRequired
from desktop.sync.providers.http_body import read_whole

log = logging.getLogger(__name__)

TIMEOUT = 60.0
MAX_ATTEMPTS = 6  # per call, for rate limits and 5xx
CONNECTION_RETRIES = 2  # a dropped connection is retried this often, then reported
BACKOFF_BASE = 1.0  # seconds; doubles per attempt, plus up to the same again of jitter
BACKOFF_CAP = 32.0
MAX_RETRY_AFTER = 120.0  # a longer wait is left to the next scheduled sync
BATCH_CALLS = 50  # Google advises at most 50 calls per batch request for Gmail
POOL_SIZE = 8
LIST_PAGE = 500  # messages.list / history.list maximum
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
# Above this size a message is sent through the upload URI (Google's guide: a simple
# request for 5 MB or less), which also spares the base64 third.
JSON_SEND_LIMIT = 5 * 1024 * 1024


class Cancelled(Exception):
    """The sync was cancelled while waiting; what is committed stays."""


class NotFound(ServerError):
    """404 from the API (an out-of-date history id; a message gone meanwhile)."""

    transient = False


@dataclass(frozen=True)
class RawMessage:
    id: str
    labels: frozenset[str]
    internal_date_ms: int
    raw: bytes


def _reason(response: requests.Response) -> tuple[str, str]:
    """(reason, message) from Google's JSON error shape; ("", text) otherwise."""
    try:
        error = response.json().get("error", {})
    except ValueError:
        return "", response.text[:200]
    if not isinstance(error, dict):  # OAuth endpoints: {"error": "invalid_grant", ...}
        return str(error), ""
    reasons = [e.get("reason", "") for e in error.get("errors", []) if isinstance(e, dict)]
    return (reasons[0] if reasons else error.get("status", "")), error.get("message", "")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import time

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def decode_raw(text: str | bytes) -> bytes:
    # pybase64 (SIMD): the standard library's decoder was a sixth of a first import's
    # CPU time (0.26 ms of a 62 KB message). Its strict decoder takes a third of the
    # time of the lenient one (0.015 vs 0.044 ms for 48 KB); an answer it refuses
    # (missing "=", stray characters) goes through the lenient one.
    try:
        return pybase64.b64decode(text, altchars=b"-_", validate=True)
    except ValueError:  # binascii.Error is a ValueError
        return pybase64.urlsafe_b64decode(text)


_RAW_KEY = re.compile(rb'"raw"\s*:\s*"')


def loads_message(body: bytes) -> dict[str, Any]:
    """A ``messages.get?format=raw`` answer as ``json.loads`` would read it, the big
    ``raw`` string taken out by slicing (its ``raw`` stays bytes).

    The JSON decoder copies a 60 KB base64url string character by character (0.12 ms a
    message, a tenth of a first import's fetch and parse). base64url needs no JSON
    escapes, so the value ends at the next quote; a value with a backslash in it goes
    through the decoder as it is.
    """
    found = _RAW_KEY.search(body)
    if found is not None:
        start = found.end()
        end = body.find(b'"', start)
        if end > 0 and body.find(b"\\", start, end) < 0:
            payload = json.loads(body[:start] + body[end:])
            payload["raw"] = body[start:end]
            return payload
    return json.loads(body)


def _raw_message(payload: dict[str, Any]) -> RawMessage:
    return RawMessage(
        payload["id"],
        frozenset(payload.get("labelIds", ())),
        int(payload.get("internalDate") or 0),
        decode_raw(payload.get("raw", "")),
    )


class StaleToken(Exception):
    """A pool process's access token was refused (401): the sync process refreshes it.
    (Pickled back to the sync process: it names no token.)"""


class _Never(Exception):
    """Stands for google-auth's errors where google-auth is not used (never raised)."""


class GmailClient:
    """One mailbox's API session. Thread-safe for the concurrent raw fetches."""

    def __init__(
        self,
        credentials: Credentials | None,
        api: str,
        *,
        cancel: threading.Event | None = None,
        access_token: str | None = None,
    ) -> None:
        """With ``credentials``, google-auth adds and refreshes the token; with only
        ``access_token`` (see with_token), a 401 is StaleToken."""
        self.base = api.rstrip("/")
        self.cancel = cancel
        # A pool process's client: no refresh here, a 401 is StaleToken.
        self.token_only = credentials is None
        self._refresh_error: type[Exception] = _Never
        self._transport_error: type[Exception] = _Never
        if credentials is not None:
            from google.auth import exceptions as errors
            from google.auth.transport.requests import AuthorizedSession

            self.session: requests.Session = AuthorizedSession(
                credentials, max_refresh_attempts=1, refresh_timeout=30
            )
            self._refresh_error = errors.RefreshError
            self._transport_error = errors.TransportError
        else:
            self.session = requests.Session()
            self.session.headers["Authorization"] = f"Bearer {access_token}"
        adapter = requests.adapters.HTTPAdapter(pool_connections=2, pool_maxsize=POOL_SIZE)
        self.session.mount("https://", adapter)
        self.requests = 0  # API requests sent (retries included), for the benchmark
        self._count_lock = threading.Lock()

    @classmethod
    def with_token(cls, api: str, access_token: str) -> GmailClient:
        """A client of an import's pool process: the access token it was handed only."""
        return cls(None, api, access_token=access_token)

    def refresh(self) -> str:
        """A fresh access token for the pool processes (here, in the sync process)."""
        from google.auth.transport.requests import Request

        credentials = self.session.credentials  # type: ignore[attr-defined]
        with self._sign_in_errors():
            credentials.refresh(Request())
        return str(credentials.token)

    @contextlib.contextmanager
    def _sign_in_errors(self) -> Iterator[None]:
        """google-auth's failures to refresh as HolubErrors: refused is "sign in again",
        unreachable is a connection failure (none where google-auth is not used)."""
        try:
            yield
        except self._refresh_error as exc:
            raise _refresh_failed(exc) from exc  # type: ignore[arg-type]
        except self._transport_error as exc:
            raise ConnectionFailed(f"Holub could not reach Google to sign in: {exc}") from exc

    def close(self) -> None:
        self.session.close()

    # -- one call, with the retry rules ------------------------------------------------

    def call(
        self, method: str, path: str, *, idempotent: bool = True, **kwargs: Any
    ) -> requests.Response:
        """``method`` on ``{api}{path}``; the response of a 2xx answer, else a HolubError.

        A call that is not ``idempotent`` (sending) is repeated only after an answer
        that says it was not carried out (a rate limit): a dropped connection or a 5xx
        may come after Gmail took the message, and mail must never go out twice.
        """
        url = f"{self.base}{path}"
        kwargs.setdefault("timeout", TIMEOUT)
        dropped = 0
        for attempt in range(MAX_ATTEMPTS):
            self.check_cancel()
            with self._count_lock:
                self.requests += 1
            try:
                with self._sign_in_errors():
                    response = read_whole(self.session.request(method, url, stream=True, **kwargs))
            except requests.RequestException as exc:
                dropped += 1
                if dropped > CONNECTION_RETRIES or not idempotent:
                    raise ConnectionFailed(
                        f"The connection to Gmail was lost ({type(exc).__name__}); "
                        "the sync resumes where it stopped next time."
                    ) from exc
                log.info("Gmail connection dropped (%s); retrying", exc)
                self._wait(self._backoff(attempt))
                continue
            if response.status_code < 300:
                return response
            reason, message = _reason(response)
            if response.status_code == 401:
                if self.token_only:  # a pool process's: the sync process refreshes
                    raise StaleToken("Gmail refused the access token")
                # AuthorizedSession already refreshed the token once and retried.
                raise SignInRequired(
                    "Google no longer accepts Holub's sign-in for this mailbox "
                    f"({message or reason or 'unauthorized'}); sign in again."
                )
            retryable = (
                response.status_code == 429
                or (response.status_code >= 500 and idempotent)
                or (response.status_code == 403 and reason in RATE_REASONS)
            )
            if not retryable:
                if response.status_code == 404:
                    raise NotFound(f"Gmail: {message or 'not found'}")
                if response.status_code >= 500:
                    raise ServerError(f"Gmail answered {response.status_code}: {message or reason}")
                # A refusal (bad request, no permission): retrying will not help.
                raise HolubError(f"Gmail refused the request: {message or reason}")
            delay = _retry_after(response.headers.get("Retry-After"))
            if delay is None:
                delay = self._backoff(attempt)
            if attempt == MAX_ATTEMPTS - 1 or delay > MAX_RETRY_AFTER:
                break
            log.info("Gmail said %s (%s); waiting %.1f s", response.status_code, reason, delay)
            self._wait(delay)
        raise ServerError(
            f"Gmail is busy or failing ({response.status_code} {reason}); "
            "the sync will try again later."
        )

    def json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return self.call(method, path, **kwargs).json()

    @staticmethod
    def _backoff(attempt: int) -> float:
        base = min(BACKOFF_CAP, BACKOFF_BASE * (2**attempt))
        return base + random.uniform(0, base)

    def _wait(self, seconds: float) -> None:
        if self.cancel is not None:
            if self.cancel.wait(seconds):
                raise Cancelled
        else:
            threading.Event().wait(seconds)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled

    # -- the calls Holub makes ----------------------------------------------------------

    def profile(self) -> dict[str, Any]:
        return self.json("GET", "/gmail/v1/users/me/profile")

    def list_ids(
        self,
        label: str,
        after_epoch: int,
        extra_labels: Sequence[str] = (),
        on_estimate: Callable[[int], object] | None = None,
    ) -> list[str]:
        """Ids of the messages with ``label`` (and ``extra_labels``) received after the time.

        ``on_estimate`` hears Gmail's ``resultSizeEstimate`` from the first page, while
        the other pages are still to come."""
        ids: list[str] = []
        page: str | None = None
        while True:
            params: dict[str, Any] = {
                "labelIds": [label, *extra_labels],
                "q": f"after:{after_epoch}",
                "maxResults": LIST_PAGE,
                "includeSpamTrash": "false",
            }
            if page:
                params["pageToken"] = page
            answer = self.json("GET", "/gmail/v1/users/me/messages", params=params)
            if on_estimate is not None and not page:
                on_estimate(int(answer.get("resultSizeEstimate") or 0))
            ids += [m["id"] for m in answer.get("messages", ())]
            page = answer.get("nextPageToken")
            if not page:
                return ids

    def sent_has(self, message_id: str) -> bool:
        """Whether Sent holds a message with this Message-ID (Gmail's ``rfc822msgid:``)."""
        bare = message_id.strip().strip("<>")
        answer = self.json(
            "GET",
            "/gmail/v1/users/me/messages",
            params={"labelIds": ["SENT"], "q": f"rfc822msgid:{bare}", "maxResults": 1},
        )
        return bool(answer.get("messages"))

    def history_pages(self, start_history_id: str) -> Iterator[dict[str, Any]]:
        """The pages of ``history.list`` after ``start_history_id`` (NotFound if too old)."""
        page: str | None = None
        while True:
            params: dict[str, Any] = {
                "startHistoryId": start_history_id,
                "historyTypes": ["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"],
                "maxResults": LIST_PAGE,
            }
            if page:
                params["pageToken"] = page
            answer = self.json("GET", "/gmail/v1/users/me/history", params=params)
            yield answer
            page = answer.get("nextPageToken")
            if not page:
                return

    def get_raw(self, message_id: str) -> RawMessage | None:
        try:
            answer = loads_message(
                self.call(
                    "GET", f"/gmail/v1/users/me/messages/{message_id}", params={"format": "raw"}
                ).content
            )
        except NotFound:
            return None  # deleted since it was listed: the next history sync says so
        return _raw_message(answer)

    def fetch_raw(self, ids: Sequence[str], mode: str = "batch") -> list[RawMessage]:
        """The raw messages of ``ids`` (those still there), in the order asked."""
        if mode == "pool":
            return self._fetch_pool(ids)
        found: dict[str, RawMessage] = {}
        for start in range(0, len(ids), BATCH_CALLS):
            found.update(self._batch(ids[start : start + BATCH_CALLS]))
        return [found[i] for i in ids if i in found]

    def _fetch_pool(self, ids: Sequence[str]) -> list[RawMessage]:
        with ThreadPoolExecutor(max_workers=POOL_SIZE, thread_name_prefix="gmail-get") as pool:
            results = list(pool.map(self.get_raw, ids))
        return [r for r in results if r is not None]

    def _batch(self, ids: Sequence[str]) -> dict[str, RawMessage]:
        """One batch request for ``ids``; parts that hit a rate limit go again, alone."""
        pending = list(ids)
        found: dict[str, RawMessage] = {}
        for attempt in range(MAX_ATTEMPTS):
            if not pending:
                break
            boundary = "holub_" + random_tokens.token_hex(12)
            body = (
                b"".join(
                    f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <{i}>\r\n\r\n"
                    f"GET /gmail/v1/users/me/messages/{mid}?format=raw\r\n\r\n".encode()
                    for i, mid in enumerate(pending)
                )
                + f"--{boundary}--\r\n".encode()
            )
            response = self.call(
                "POST",
                "/batch/gmail/v1",
                data=body,
                headers={"Content-Type": f"multipart/mixed; boundary={boundary}"},
            )
            retry: list[str] = []
            delay = 0.0
            for index, status, headers, payload in _batch_parts(response):
                if index is None or not 0 <= index < len(pending):
                    continue
                message_id = pending[index]
                if status == 200:
                    found[message_id] = _raw_message(payload)
                elif status == 404:
                    continue  # deleted since listed
                elif status == 401:
                    if self.token_only:
                        raise StaleToken("Gmail refused the access token")
                    raise SignInRequired("Google no longer accepts Holub's sign-in; sign in again.")
                elif status in (403, 429) or status >= 500:
                    retry.append(message_id)
                    delay = max(delay, _retry_after(headers.get("retry-after")) or 0.0)
                else:
                    message = payload.get("error", {}).get("message", "") if payload else ""
                    raise ServerError(f"Gmail answered {status} for a message: {message}")
            pending = retry
            if pending:
                self._wait(delay or self._backoff(attempt))
        if pending:
            raise ServerError("Gmail kept refusing some messages (rate limit); later sync retries.")
        return found

    def send(self, raw: bytes) -> dict[str, Any]:
        """``messages.send``: the raw message base64url-encoded in JSON; a big one goes to
        the media upload URI as it is (message/rfc822, up to Gmail's 35 MB)."""
        if len(raw) > JSON_SEND_LIMIT:
            return self.json(
                "POST",
                "/upload/gmail/v1/users/me/messages/send",
                idempotent=False,
                params={"uploadType": "media"},
                data=raw,
                headers={"Content-Type": "message/rfc822"},
            )
        body = json.dumps({"raw": base64.urlsafe_b64encode(raw).decode("ascii")})
        return self.json(
            "POST",
            "/gmail/v1/users/me/messages/send",
            idempotent=False,
            data=body,
            headers={"Content-Type": "application/json"},
        )


def _batch_parts(
    response: requests.Response,
) -> Iterator[tuple[int | None, int, dict[str, str], dict[str, Any]]]:
    """(index from Content-ID, status, headers, JSON) of each part of a batch answer.

    Split by hand on the boundary: the email parser feeds every line through Python
    and costs more than the network for a batch of fifty raw messages.
    """
    content_type = response.headers.get("Content-Type", "")
    boundary = ""
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not content_type.lower().startswith("multipart/") or not boundary:
        raise ServerError("Gmail's batch answer was not multipart.")
    content = response.content
    delimiter = b"--" + boundary.encode()
    # Positions, not pieces: each part's JSON body is the only part of the answer
    # (three megabytes for fifty messages) copied out of it.
    at = content.find(delimiter)
    while at >= 0:
        start = at + len(delimiter)
        if content.startswith(b"--", start):
            break
        at = content.find(delimiter, start)
        end = len(content) if at < 0 else at
        while start < end and content[start] in b"\r\n":
            start += 1
        outer_end = content.find(b"\r\n\r\n", start, end)
        if outer_end < 0:
            continue
        index = None
        for line in content[start:outer_end].decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            content_id = value.strip().strip("<>")
            if key.strip().lower() == "content-id" and content_id.startswith("response-"):
                try:
                    index = int(content_id[len("response-") :])
                except ValueError:
                    index = None
        status_end = content.find(b"\r\n", outer_end + 4, end)
        headers_end = content.find(b"\r\n\r\n", status_end, end) if status_end >= 0 else -1
        if status_end < 0:
            status_line, headers_blob, body = content[outer_end + 4 : end], b"", b""
        elif headers_end < 0:
            status_line = content[outer_end + 4 : status_end]
            headers_blob, body = content[status_end + 2 : end], b""
        else:
            status_line = content[outer_end + 4 : status_end]
            headers_blob = content[status_end + 2 : headers_end]
            body = content[headers_end + 4 : end]
        try:
            status = int(status_line.split()[1])
        except (IndexError, ValueError):
            continue
        headers = {}
        for line in headers_blob.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        try:
            payload = loads_message(body) if body.strip() else {}
        except ValueError:
            payload = {}
        yield index, status, headers, payload


def _refresh_failed(exc: auth_errors.RefreshError) -> HolubError:
    # google-auth marks 5xx/timeouts of the token endpoint as retryable; anything else
    # (invalid_grant: revoked or expired) needs the user.
    if getattr(exc, "retryable", False):
        return ServerError(f"Google's sign-in service is failing ({exc}); trying again later.")
    return SignInRequired(
        "Google no longer accepts Holub's sign-in for this mailbox (it was revoked or has "
        "expired); sign in again."
    )
