"""A local HTTPS stand-in for Google's OAuth 2.0 endpoints and the Gmail API v1.

Follows the documented shapes (developers.google.com/identity/protocols/oauth2/native-app,
developers.google.com/gmail/api/reference/rest):

- ``GET /o/oauth2/auth``: the installed-app authorization endpoint. Checks the client id,
  a loopback ``redirect_uri`` and a PKCE ``code_challenge`` (S256), then redirects to the
  redirect URI with ``code`` and ``state`` — or with ``error=access_denied`` /
  ``error=admin_policy_enforced`` when a test says the user refused or the Workspace
  admin has not trusted the app.
- ``POST /token``: ``authorization_code`` (checks ``code_verifier`` against the challenge)
  and ``refresh_token``; a revoked refresh token → 400 ``invalid_grant``. The answer for
  an ``openid`` scope carries an ``id_token`` whose claims hold the user's name.
- ``/gmail/v1/users/me/``: ``profile``, ``messages`` (list: ``q=after:<epoch>``,
  repeated ``labelIds``, ``pageToken``/``nextPageToken``, ``maxResults`` ≤ 500),
  ``messages/{id}?format=raw`` (base64url), ``history`` (``startHistoryId``, repeated
  ``historyTypes``, paged; 404 for a history id older than the mailbox keeps),
  ``messages/send`` (``{"raw": …}``, or the raw message/rfc822 at the upload URI
  ``/upload/gmail/v1/users/me/messages/send?uploadType=media``; it gets ``SENT``).
- ``POST /batch/gmail/v1``: multipart/mixed, one ``application/http`` part per call
  (at most 100), answered part by part with ``Content-ID: <response-…>``.

Errors use Google's JSON error shape (``{"error": {"code", "message", "errors":
[{"domain", "reason", "message"}], "status"}}``). Faults can be injected: rate limits
(429 or 403 ``rateLimitExceeded``) with ``Retry-After``, 5xx, an expired access token
(401), a connection cut in the middle of an answer. Every request is logged.
"""

from __future__ import annotations

import base64
import email.policy
import hashlib
import json
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest

from tests.servers.tls import HTTPSServer, TestCA, make_ca, trust_ca

CLIENT_ID = "holub-test.apps.googleusercontent.com"
CLIENT_SECRET = "test-installed-app-secret"
GMAIL_PREFIX = "/gmail/v1/users/me/"
BATCH_PATH = "/batch/gmail/v1"
UPLOAD_SEND = "/upload/gmail/v1/users/me/messages/send"  # media upload (message/rfc822)
HISTORY_TYPES = ("messageAdded", "messageDeleted", "labelAdded", "labelRemoved")
FAKE_BROWSER = Path(__file__).with_name("fake_browser.py")


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    raw: bytes
    labels: set[str]
    internal_date: int  # ms since the epoch, as Gmail's internalDate
    history_id: int
    # The raw message as its JSON value (a quoted base64url string), made on first use:
    # the stand-in shares the benchmark's cores, and Gmail's own encoding work is not
    # part of what a Holub user's machine does.
    _raw_json: bytes | None = None

    def raw_json(self) -> bytes:
        if self._raw_json is None:
            self._raw_json = json.dumps(_b64url(self.raw)).encode()
        return self._raw_json


class RawValue:
    """A payload's ``raw`` field: the message whose encoded form is written out."""

    def __init__(self, message: StoredMessage) -> None:
        self.message = message


def encode_payload(payload: Any) -> bytes:
    """The JSON of an answer; a ``RawValue`` under ``raw`` goes in as it was encoded."""
    if isinstance(payload, dict) and isinstance(payload.get("raw"), RawValue):
        rest = {k: v for k, v in payload.items() if k != "raw"}
        head = json.dumps(rest).encode()
        return head[:-1] + b', "raw": ' + payload["raw"].message.raw_json() + b"}"
    return json.dumps(payload).encode()


@dataclass
class Fault:
    """One injected failure for the next matching request."""

    kind: str  # "status" | "cut" | "expire" | "garble"
    path: str = ""  # applies to requests whose path starts with this
    status: int = 0
    reason: str = ""
    retry_after: str | None = None
    skip: int = 0  # matching requests let through before this one applies


@dataclass
class GoogleState:
    email: str = "jana.novakova@example.com"
    name: str = "Jana Nováková"
    lock: threading.RLock = field(default_factory=threading.RLock)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    refresh_tokens: set[str] = field(default_factory=set)
    access_tokens: dict[str, float] = field(default_factory=dict)  # token → expiry
    token_owner: dict[str, str] = field(default_factory=dict)  # access → refresh token
    # What the "user" (or the Workspace policy) answers at the consent screen.
    authorize_error: str | None = None
    messages: dict[str, StoredMessage] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    history_id: int = 1000
    oldest_history_id: int = 0  # startHistoryId below this → 404
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, method, path)
    token_requests: list[str] = field(default_factory=list)  # grant types asked
    sent: list[bytes] = field(default_factory=list)
    raw_served: Counter[str] = field(default_factory=Counter)  # message id → raw answers
    page_size_cap: int = 500
    _counter: int = 0

    # -- the mailbox, as a test changes it --------------------------------------------

    def _next_history(self) -> int:
        self.history_id += 1 + secrets.randbelow(3)  # ids grow, not contiguously
        return self.history_id

    def add_message(
        self,
        raw: bytes,
        labels: set[str] | list[str] = ("INBOX", "UNREAD"),
        when: float | None = None,
    ) -> str:
        with self.lock:
            self._counter += 1
            message_id = f"{0x18C0000000000000 + self._counter * 7919:x}"
            hid = self._next_history()
            stored = StoredMessage(
                message_id,
                message_id,
                raw,
                set(labels),
                int((when if when is not None else time.time()) * 1000),
                hid,
            )
            self.messages[message_id] = stored
            self.history.append(
                {
                    "id": hid,
                    "type": "messagesAdded",
                    "message": message_id,
                    "labelIds": sorted(stored.labels),
                }
            )
            return message_id

    def delete_message(self, message_id: str) -> None:
        with self.lock:
            stored = self.messages.pop(message_id)
            self.history.append(
                {
                    "id": self._next_history(),
                    "type": "messagesDeleted",
                    "message": message_id,
                    "labelIds": sorted(stored.labels),
                }
            )

    def modify(
        self, message_id: str, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
    ) -> None:
        with self.lock:
            stored = self.messages[message_id]
            for kind, labels in (("labelsAdded", add), ("labelsRemoved", remove)):
                changed = [
                    lab for lab in labels if (lab in stored.labels) != (kind == "labelsAdded")
                ]
                if not changed:
                    continue
                if kind == "labelsAdded":
                    stored.labels |= set(changed)
                else:
                    stored.labels -= set(changed)
                stored.history_id = self._next_history()
                self.history.append(
                    {
                        "id": stored.history_id,
                        "type": kind,
                        "message": message_id,
                        "labelIds": sorted(stored.labels),
                        "changed": changed,
                    }
                )

    def forget_history(self) -> None:
        """History older than now is gone (a history id a week old → 404)."""
        with self.lock:
            self.oldest_history_id = self.history_id
            self.history.clear()

    # -- faults -----------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        count: int = 1,
        path: str = "",
        reason: str = "",
        retry_after: str | None = None,
    ) -> None:
        with self.lock:
            self.faults += [
                Fault("status", path, status, reason, retry_after) for _ in range(count)
            ]

    def garble_next(self, path: str = "") -> None:
        """The next answer to ``path`` is 200 with a body that is not JSON."""
        with self.lock:
            self.faults.append(Fault("garble", path))

    def cut_next(self, path: str = "", count: int = 1, skip: int = 0) -> None:
        """The next answers (to paths starting with ``path``, after ``skip`` of them) stop
        half-way: a network cut."""
        with self.lock:
            self.faults += [Fault("cut", path, skip=skip if i == 0 else 0) for i in range(count)]

    def expire_tokens_at(self, path: str = "") -> None:
        """At the next request to ``path``, every access token has just expired."""
        with self.lock:
            self.faults.append(Fault("expire", path))

    def revoke(self, refresh_token: str | None = None) -> None:
        """The user removed Holub's access (one grant, or all of them)."""
        with self.lock:
            if refresh_token is None:
                self.refresh_tokens.clear()
                self.access_tokens.clear()
            else:
                self.refresh_tokens.discard(refresh_token)
                for token, owner in list(self.token_owner.items()):
                    if owner == refresh_token:
                        self.access_tokens.pop(token, None)

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for index, fault in enumerate(self.faults):
                # Calls inside a batch ("…#/gmail/…") only take faults meant for them.
                if ("#" in path) != ("#" in fault.path):
                    continue
                if path.startswith(fault.path):
                    if fault.skip:
                        fault.skip -= 1
                        return None
                    return self.faults.pop(index)
        return None

    def api_requests(self, prefix: str = "") -> list[tuple[float, str, str]]:
        """Requests to the Gmail API (and its batch endpoint)."""
        with self.lock:
            return [
                r
                for r in self.requests
                if r[2].startswith((GMAIL_PREFIX, BATCH_PATH, UPLOAD_SEND))
                and r[2].startswith(prefix)
            ]


def gmail_error(code: int, message: str, reason: str, status: str, domain: str = "global") -> dict:
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
            "status": status,
        }
    }


STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.1: connections stay open between requests, as with the real API.
    protocol_version = "HTTP/1.1"
    state: GoogleState  # set on the subclass made per server

    def log_message(self, *args: Any) -> None:
        pass

    # -- plumbing ---------------------------------------------------------------------

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        fault = getattr(self, "_cut", False)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if fault:
            # Half the answer, then the connection drops.
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, encode_payload(payload), "application/json; charset=UTF-8", headers)

    def _error(self, code: int, message: str, reason: str, headers: dict[str, str] | None = None):
        domain = (
            "usageLimits" if "RateLimit" in reason or reason == "rateLimitExceeded" else "global"
        )
        self._json(
            code,
            gmail_error(code, message, reason, STATUS_NAMES.get(code, "UNKNOWN"), domain),
            headers,
        )

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self) -> None:
        self._dispatch("GET", b"")

    def do_POST(self) -> None:
        self._dispatch("POST", self._body())

    def _dispatch(self, method: str, body: bytes) -> None:
        state = self.state
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        with state.lock:
            state.requests.append((time.monotonic(), method, path))
        if path == "/o/oauth2/auth" and method == "GET":
            return self._authorize(query)
        if path == "/token" and method == "POST":
            return self._token(parse_qs(body.decode()))
        if path == UPLOAD_SEND and method == "POST":
            if query.get("uploadType") != ["media"] or not self.headers.get(
                "Content-Type", ""
            ).startswith("message/rfc822"):
                return self._error(400, "Media upload needs uploadType=media", "badRequest")
            body = json.dumps({"raw": _b64url(body)}).encode()
            path = GMAIL_PREFIX + "messages/send"
        if not (path.startswith(GMAIL_PREFIX) or path == BATCH_PATH):
            return self._error(404, "Not found", "notFound")
        fault = state.take_fault(path)
        if fault is not None and fault.kind == "expire":
            with state.lock:
                state.access_tokens.clear()
        elif fault is not None and fault.kind == "cut":
            self._cut = True
        elif fault is not None and fault.kind == "garble":
            return self._send(200, b"<html>Service Unavailable</html>", "text/html")
        elif fault is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else None
            reason = fault.reason or (
                "rateLimitExceeded" if fault.status in (403, 429) else "backendError"
            )
            return self._error(fault.status, f"Injected {reason}", reason, headers)
        if not self._authorized():
            return self._error(
                401,
                "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                "login cookie or other valid authentication credential.",
                "authError",
                {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'},
            )
        if path == BATCH_PATH and method == "POST":
            return self._batch(body)
        status, payload = self._api(method, path[len(GMAIL_PREFIX) :], query, body)
        self._json(status, payload)

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
        with self.state.lock:
            expiry = self.state.access_tokens.get(token)
        return expiry is not None and expiry > time.time()

    # -- OAuth ------------------------------------------------------------------------

    def _authorize(self, query: dict[str, list[str]]) -> None:
        one = {k: v[0] for k, v in query.items()}
        redirect = one.get("redirect_uri", "")
        host = urlsplit(redirect).hostname
        if one.get("client_id") != CLIENT_ID or host not in ("127.0.0.1", "localhost", "::1"):
            return self._send(400, b"Error 400: invalid_request", "text/plain")
        if one.get("response_type") != "code" or one.get("code_challenge_method") != "S256":
            return self._send(400, b"Error 400: invalid_request (PKCE S256 required)", "text/plain")
        if not one.get("code_challenge"):
            return self._send(400, b"Error 400: invalid_request (code_challenge)", "text/plain")
        answer: dict[str, str] = {"state": one.get("state", "")}
        if self.state.authorize_error:
            answer["error"] = self.state.authorize_error
        else:
            code = secrets.token_urlsafe(24)
            with self.state.lock:
                self.state.codes[code] = {
                    "challenge": one["code_challenge"],
                    "redirect_uri": redirect,
                    "scope": one.get("scope", ""),
                }
            answer.update(code=code, scope=one.get("scope", ""))
        self._send(302, b"", "text/html", {"Location": f"{redirect}?{urlencode(answer)}"})

    def _token(self, form: dict[str, list[str]]) -> None:
        one = {k: v[0] for k, v in form.items()}
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):  # RFC 6749 2.3.1: either form is accepted
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            one.setdefault("client_id", unquote(user))
            one.setdefault("client_secret", unquote(password))
        state = self.state
        with state.lock:
            state.token_requests.append(one.get("grant_type", ""))
        if one.get("client_id") != CLIENT_ID or one.get("client_secret") != CLIENT_SECRET:
            return self._json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        grant = one.get("grant_type")
        if grant == "authorization_code":
            with state.lock:
                issued = state.codes.pop(one.get("code", ""), None)
            verifier = one.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if issued is None or issued["redirect_uri"] != one.get("redirect_uri"):
                return self._json(
                    400, {"error": "invalid_grant", "error_description": "Bad Request"}
                )
            if challenge != issued["challenge"]:
                return self._json(
                    400, {"error": "invalid_grant", "error_description": "Invalid code verifier."}
                )
            refresh = "1//" + secrets.token_urlsafe(32)
            with state.lock:
                state.refresh_tokens.add(refresh)
            answer = self._access(issued["scope"], refresh)
            answer["refresh_token"] = refresh
            if "openid" in issued["scope"].split():
                answer["id_token"] = self._id_token()
            return self._json(200, answer)
        if grant == "refresh_token":
            with state.lock:
                known = one.get("refresh_token") in state.refresh_tokens
            if not known:
                return self._json(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "Token has been expired or revoked.",
                    },
                )
            return self._json(200, self._access(one.get("scope", ""), one["refresh_token"]))
        return self._json(400, {"error": "unsupported_grant_type"})

    def _access(self, scope: str, refresh_token: str) -> dict[str, Any]:
        token = "ya29." + secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.access_tokens[token] = time.time() + 3599
            self.state.token_owner[token] = refresh_token
        return {"access_token": token, "expires_in": 3599, "scope": scope, "token_type": "Bearer"}

    def _id_token(self) -> str:
        # Claims only; the client takes them straight from the token endpoint over TLS
        # (OpenID Connect Core 3.1.3.7), so the signature is not what is tested here.
        header = {"alg": "RS256", "kid": "test", "typ": "JWT"}
        claims = {
            "iss": "https://accounts.google.com",
            "aud": CLIENT_ID,
            "sub": "1098765432101234567890",
            "email": self.state.email,
            "email_verified": True,
            "name": self.state.name,
            "iat": int(time.time()),
            "exp": int(time.time()) + 3600,
        }
        encode = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
        return f"{encode(header)}.{encode(claims)}.c2lnbmF0dXJl"

    # -- Gmail API --------------------------------------------------------------------

    def _api(
        self, method: str, rest: str, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, Any]:
        state = self.state
        if rest == "profile" and method == "GET":
            with state.lock:
                return 200, {
                    "emailAddress": state.email,
                    "messagesTotal": len(state.messages),
                    "threadsTotal": len(state.messages),
                    "historyId": str(state.history_id),
                }
        if rest == "messages" and method == "GET":
            return self._list(query)
        if rest == "messages/send" and method == "POST":
            try:
                raw = _b64url_decode(json.loads(body)["raw"])
            except (ValueError, KeyError):
                return 400, gmail_error(
                    400, "Invalid value for raw", "invalidArgument", "INVALID_ARGUMENT"
                )
            with state.lock:
                state.sent.append(raw)
                message_id = state.add_message(raw, {"SENT"})
            return 200, {"id": message_id, "threadId": message_id, "labelIds": ["SENT"]}
        if rest.startswith("messages/") and method == "GET":
            return self._get(rest[len("messages/") :], query)
        if rest == "history" and method == "GET":
            return self._history(query)
        return 404, gmail_error(404, "Not found", "notFound", "NOT_FOUND")

    def _list(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        labels = set(query.get("labelIds", []))
        after = 0
        wanted_id = None
        for term in " ".join(query.get("q", [])).split():
            if term.startswith("after:"):
                after = int(term[len("after:") :])
            elif term.startswith("rfc822msgid:"):
                wanted_id = term[len("rfc822msgid:") :].strip("<>")
        size = min(int(query.get("maxResults", ["100"])[0]), 500, self.state.page_size_cap)
        start = int(query.get("pageToken", ["0"])[0] or 0)
        with self.state.lock:
            # Newest first, as Gmail lists.
            rows = sorted(
                (
                    m
                    for m in self.state.messages.values()
                    if labels <= m.labels
                    and m.internal_date // 1000 > after
                    and (wanted_id is None or _message_id(m.raw) == wanted_id)
                ),
                key=lambda m: (m.internal_date, m.id),
                reverse=True,
            )
        page = rows[start : start + size]
        answer: dict[str, Any] = {"resultSizeEstimate": len(rows)}
        if page:
            answer["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in page]
        if start + size < len(rows):
            answer["nextPageToken"] = str(start + size)
        return 200, answer

    def _get(self, message_id: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        with self.state.lock:
            stored = self.state.messages.get(message_id)
            if stored is None:
                return 404, gmail_error(
                    404, "Requested entity was not found.", "notFound", "NOT_FOUND"
                )
            answer: dict[str, Any] = {
                "id": stored.id,
                "threadId": stored.thread_id,
                "labelIds": sorted(stored.labels),
                "snippet": "",
                "sizeEstimate": len(stored.raw),
                "historyId": str(stored.history_id),
                "internalDate": str(stored.internal_date),
            }
        if query.get("format", ["full"])[0] == "raw":
            answer["raw"] = RawValue(stored)
            self.state.raw_served[stored.id] += 1
        return 200, answer

    def _history(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        state = self.state
        try:
            start = int(query["startHistoryId"][0])
        except (KeyError, ValueError):
            return 400, gmail_error(
                400, "Invalid startHistoryId", "invalidArgument", "INVALID_ARGUMENT"
            )
        types = set(query.get("historyTypes", HISTORY_TYPES))
        size = min(int(query.get("maxResults", ["100"])[0]), 500, state.page_size_cap)
        offset = int(query.get("pageToken", ["0"])[0] or 0)
        with state.lock:
            if start < state.oldest_history_id:
                return 404, gmail_error(
                    404, "Requested entity was not found.", "notFound", "NOT_FOUND"
                )
            records = [
                r for r in state.history if r["id"] > start and _history_type(r["type"]) in types
            ]
            current = state.history_id
        page = records[offset : offset + size]
        answer: dict[str, Any] = {"historyId": str(current)}
        if page:
            answer["history"] = [_history_record(r) for r in page]
        if offset + size < len(records):
            answer["nextPageToken"] = str(offset + size)
        return 200, answer

    def _batch(self, body: bytes) -> None:
        content_type = self.headers.get("Content-Type", "")
        boundary = content_type.partition("boundary=")[2].strip('"')
        if not content_type.startswith("multipart/mixed") or not boundary:
            return self._error(400, "Batch requests must be multipart/mixed", "invalidArgument")
        calls = _split_multipart(body, boundary.encode())
        if len(calls) > 100:
            return self._error(400, "Too many requests in batch", "invalidArgument")
        out_boundary = "batch_" + secrets.token_hex(8)
        chunks: list[bytes] = []
        for headers, inner in calls:
            request_line = inner.split(b"\r\n", 1)[0].decode()
            method, target, *_ = request_line.split(" ")
            parts = urlsplit(target)
            content_id = headers.get("content-id", "").strip("<>")
            fault = self.state.take_fault(BATCH_PATH + "#" + parts.path)
            if fault is not None and fault.kind == "status":
                reason = fault.reason or "rateLimitExceeded"
                status, payload = (
                    fault.status,
                    gmail_error(
                        fault.status,
                        f"Injected {reason}",
                        reason,
                        STATUS_NAMES.get(fault.status, "UNKNOWN"),
                    ),
                )
            elif parts.path.startswith(GMAIL_PREFIX):
                status, payload = self._api(
                    method, parts.path[len(GMAIL_PREFIX) :], parse_qs(parts.query), b""
                )
            else:
                status, payload = 404, gmail_error(404, "Not found", "notFound", "NOT_FOUND")
            data = encode_payload(payload)
            chunks.append(
                f"--{out_boundary}\r\nContent-Type: application/http\r\n"
                f"Content-ID: <response-{content_id}>\r\n\r\n"
                f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
                f"Content-Type: application/json; charset=UTF-8\r\nContent-Length: {len(data)}\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        chunks.append(f"--{out_boundary}--\r\n".encode())
        self._send(200, b"".join(chunks), f"multipart/mixed; boundary={out_boundary}")


def _message_id(raw: bytes) -> str:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    value = BytesParser(policy=email.policy.compat32).parsebytes(head.encode(), headersonly=True)
    return str(value.get("Message-ID", "")).strip().strip("<>")


def _history_type(kind: str) -> str:
    return {
        "messagesAdded": "messageAdded",
        "messagesDeleted": "messageDeleted",
        "labelsAdded": "labelAdded",
        "labelsRemoved": "labelRemoved",
    }[kind]


def _history_record(record: dict[str, Any]) -> dict[str, Any]:
    message = {
        "id": record["message"],
        "threadId": record["message"],
        "labelIds": record["labelIds"],
    }
    entry: dict[str, Any] = {"id": str(record["id"]), "messages": [message]}
    if record["type"] in ("messagesAdded", "messagesDeleted"):
        entry[record["type"]] = [{"message": message}]
    else:
        entry[record["type"]] = [{"message": message, "labelIds": record["changed"]}]
    return entry


def _split_multipart(body: bytes, boundary: bytes) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a multipart/mixed body: (their headers, lower-cased; their content)."""
    parts = []
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.lstrip(b"\r\n")
        head, _, content = chunk.partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        parts.append((headers, content.rstrip(b"\r\n") + b"\r\n"))
    return parts


class GoogleServer:
    """The stand-in, started on 127.0.0.1 with TLS from the test CA."""

    def __init__(self, ca: TestCA) -> None:
        self.ca = ca
        self.state = GoogleState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = HTTPSServer(handler, ca)

    @property
    def url(self) -> str:
        return self._server.url

    def environment(self) -> dict[str, str]:
        """The configuration that points Holub at this stand-in."""
        return {
            "HOLUB_GOOGLE_CLIENT_ID": CLIENT_ID,
            "HOLUB_GOOGLE_CLIENT_SECRET": CLIENT_SECRET,
            "HOLUB_GOOGLE_AUTH_URI": f"{self.url}/o/oauth2/auth",
            "HOLUB_GOOGLE_TOKEN_URI": f"{self.url}/token",
            "HOLUB_GMAIL_API": self.url,
        }

    def grant(self) -> str:
        """A refresh token as a finished sign-in leaves it (for tests that skip the browser)."""
        token = "1//" + secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.refresh_tokens.add(token)
        return token

    def start(self) -> GoogleServer:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()


def browser_command() -> str:
    """A ``$BROWSER`` value that runs the fake browser (webbrowser puts the URL for %s)."""
    import sys

    return f"{sys.executable} {FAKE_BROWSER} %s"


def retry_after_seconds(value: str) -> float:
    """Retry-After as seconds (either form), for tests that check the wait."""
    try:
        return float(value)
    except ValueError:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())


@pytest.fixture(name="google")
def google_server(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GoogleServer]:
    """A started stand-in, trusted through SSL_CERT_FILE/REQUESTS_CA_BUNDLE, with Holub's
    provider configuration pointing at it."""
    ca = make_ca(tmp_path_factory.mktemp("google-ca"))
    server = GoogleServer(ca).start()
    for key, value in server.environment().items():
        monkeypatch.setenv(key, value)
    with trust_ca(ca):
        yield server
    server.stop()
