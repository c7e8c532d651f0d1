"""A local HTTPS stand-in for Microsoft's identity platform and Microsoft Graph v1.0.

The real msal and requests talk to it (msal accepts only ``https`` authorities: TLS
with the throwaway CA of ``tests/servers/tls.py``). Shapes follow Microsoft's
documentation (learn.microsoft.com: identity platform v2.0 endpoints, Graph delta
query for messages, JSON batching, sendMail with MIME, Graph's error shape):

Authority (``{url}/{tenant}``):
- ``/{tenant}/v2.0/.well-known/openid-configuration``
- ``/{tenant}/oauth2/v2.0/authorize`` → 302 to the loopback ``redirect_uri`` with
  ``code`` and ``state`` (PKCE S256 recorded, checked at the token endpoint); with
  admin consent required, ``error=access_denied`` and an AADSTS90094 description.
- ``/{tenant}/oauth2/v2.0/token``: ``authorization_code`` (PKCE), ``refresh_token``
  (``invalid_grant`` AADSTS70008 once revoked), ``urn:ietf:params:oauth:grant-type:
  device_code`` (``authorization_pending`` until approved); AADSTS65001
  ``consent_required`` on demand.
- ``/{tenant}/oauth2/v2.0/devicecode``.

Graph (``{url}/v1.0``): ``/me``, ``/me/mailFolders/{inbox|sentitems|id}``,
``/me/mailFolders/{id}/messages/delta`` (``$select``, ``$filter=receivedDateTime ge``,
``Prefer: odata.maxpagesize``, ``@odata.nextLink`` → ``@odata.deltaLink``, ``@removed``),
``/me/messages/{id}/$value``, ``/$batch`` (≤ 20 requests; non-JSON bodies base64),
``/me/sendMail`` (base64 MIME, ``Content-Type: text/plain``, 202).

Faults on demand: ``fail_next`` (status + Retry-After + error code, optionally only for
paths matching a pattern), ``cut_next`` (a connection dropped mid-body),
``expire_access_tokens``, ``revoke_refresh_tokens``, ``expire_delta_tokens`` (410
``syncStateNotFound``), ``consent`` ("user" → AADSTS65001, "admin" → admin approval).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

import pybase64
import pytest

from tests.servers.tls import HTTPSServer, TestCA, make_ca, trust_ca

TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad"
USER_OID = "00000000-0000-0000-66f3-3332eca7ea81"
WELL_KNOWN = {  # well-known name → the folder's id
    "inbox": "AQMkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAuAAADinbox",
    "sentitems": "AQMkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAuAAADsent",
}
DEFAULT_PAGE = 10  # Graph's default page size for message delta
MAX_PAGE = 200


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _now() -> int:
    return int(time.time())


@dataclass
class StoredMessage:
    id: str
    folder: str  # "inbox" | "sentitems"
    raw: bytes
    received: datetime  # UTC, aware
    is_read: bool = False
    flagged: bool = False
    seq: int = 0  # change counter at the last change (delta tokens compare to it)
    _batch_body: bytes | None = field(default=None, repr=False, compare=False)

    def batch_body(self) -> bytes:
        """The MIME as a $batch answer carries it: a JSON string of its base64, made on
        first use and kept (the MIME of a message never changes), as a real server
        would not encode the same message again for every client."""
        if self._batch_body is None:
            # The base64 alphabet needs no JSON escapes: quoted, it is the JSON string.
            self._batch_body = b'"' + pybase64.b64encode(self.raw) + b'"'
        return self._batch_body


@dataclass
class Fault:
    status: int
    retry_after: str | None
    code: str
    path: re.Pattern[str] | None


@dataclass
class MicrosoftState:
    client_id: str = "11111111-2222-3333-4444-555555555555"
    email: str = "adele@contoso.test"
    display_name: str = "Adele Vance"
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: dict[str, StoredMessage] = field(default_factory=dict)
    tombstones: list[tuple[str, str, int]] = field(default_factory=list)  # id, folder, seq
    seq: int = 0
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    refresh_tokens: dict[str, bool] = field(default_factory=dict)  # token → revoked
    access_tokens: dict[str, int] = field(default_factory=dict)  # token → expires at
    device_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    delta_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    skip_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    cuts: list[re.Pattern[str] | None] = field(default_factory=list)
    consent: str | None = None  # None | "user" | "admin"
    requests: list[tuple[str, str]] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)
    token_requests: list[str] = field(default_factory=list)  # grant types, in order
    access_token_lifetime: int = 3600

    # -- mailbox content -------------------------------------------------------------
    def _bump(self) -> int:
        self.seq += 1
        return self.seq

    def add_message(
        self,
        raw: bytes,
        folder: str = "inbox",
        *,
        received: datetime | None = None,
        is_read: bool = False,
        flagged: bool = False,
    ) -> str:
        with self.lock:
            message_id = "AAMkAG" + _b64url(uuid.uuid4().bytes + secrets.token_bytes(12))
            self.messages[message_id] = StoredMessage(
                message_id,
                folder,
                raw,
                received or datetime.now(UTC),
                is_read,
                flagged,
                self._bump(),
            )
            return message_id

    def delete_message(self, message_id: str) -> None:
        with self.lock:
            message = self.messages.pop(message_id)
            self.tombstones.append((message_id, message.folder, self._bump()))

    def set_read(self, message_id: str, is_read: bool = True) -> None:
        with self.lock:
            self.messages[message_id].is_read = is_read
            self.messages[message_id].seq = self._bump()

    def set_flagged(self, message_id: str, flagged: bool = True) -> None:
        with self.lock:
            self.messages[message_id].flagged = flagged
            self.messages[message_id].seq = self._bump()

    # -- faults ----------------------------------------------------------------------
    def fail_next(
        self,
        status: int,
        count: int = 1,
        *,
        retry_after: str | None = None,
        code: str | None = None,
        path: str | None = None,
    ) -> None:
        default = {
            429: "TooManyRequests",
            503: "ServiceNotAvailable",
            504: "GatewayTimeout",
            410: "syncStateNotFound",
        }.get(status, "generalException")
        with self.lock:
            pattern = re.compile(path) if path else None
            self.faults += [Fault(status, retry_after, code or default, pattern)] * count

    def cut_next(self, count: int = 1, *, path: str | None = None) -> None:
        with self.lock:
            self.cuts += [re.compile(path) if path else None] * count

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self.access_tokens:
                self.access_tokens[token] = 0

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            for token in self.refresh_tokens:
                self.refresh_tokens[token] = True

    def expire_delta_tokens(self) -> None:
        with self.lock:
            self.delta_tokens.clear()
            self.skip_tokens.clear()

    def approve_device_code(self, user_code: str) -> None:
        with self.lock:
            for entry in self.device_codes.values():
                if entry["user_code"] == user_code:
                    entry["approved"] = True
                    return
        raise KeyError(user_code)

    def count(self, pattern: str, method: str | None = None) -> int:
        regex = re.compile(pattern)
        with self.lock:
            return sum(
                1 for m, p in self.requests if regex.search(p) and (method is None or m == method)
            )

    # -- tokens ----------------------------------------------------------------------
    def issue_tokens(self, base: str, scope: str, nonce: str | None) -> dict[str, Any]:
        access = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(24)
        refresh = "M.C5" + secrets.token_urlsafe(32)
        self.access_tokens[access] = _now() + self.access_token_lifetime
        self.refresh_tokens[refresh] = False
        claims = {
            "aud": self.client_id,
            "iss": f"{base}/{TENANT_ID}/v2.0",
            "iat": _now(),
            "nbf": _now(),
            "exp": _now() + 3600,
            "name": self.display_name,
            "oid": USER_OID,
            "preferred_username": self.email,
            "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
            "tid": TENANT_ID,
            "ver": "2.0",
        }
        if nonce:
            claims["nonce"] = nonce
        header = _b64url(json.dumps({"typ": "JWT", "alg": "none"}).encode())
        id_token = f"{header}.{_b64url(json.dumps(claims).encode())}."
        granted = " ".join(
            s for s in scope.split() if s not in ("openid", "profile", "offline_access")
        )
        return {
            "token_type": "Bearer",
            "scope": granted,
            "expires_in": self.access_token_lifetime,
            "ext_expires_in": self.access_token_lifetime,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": id_token,
            "client_info": _b64url(json.dumps({"uid": USER_OID, "utid": TENANT_ID}).encode()),
        }


def _aad_error(error: str, code: int, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "error": error,
        "error_description": f"AADSTS{code}: {description}\r\nTrace ID: {uuid.uuid4()}\r\n"
        f"Correlation ID: {uuid.uuid4()}\r\nTimestamp: {datetime.now(UTC):%Y-%m-%d %H:%M:%SZ}",
        "error_codes": [code],
        "timestamp": f"{datetime.now(UTC):%Y-%m-%d %H:%M:%SZ}",
        "trace_id": str(uuid.uuid4()),
        "correlation_id": str(uuid.uuid4()),
        **extra,
    }


def _graph_error(code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S}",
                "request-id": str(uuid.uuid4()),
                "client-request-id": str(uuid.uuid4()),
            },
        }
    }


def _graph_message(message: StoredMessage, select: list[str] | None) -> dict[str, Any]:
    full = {
        "@odata.type": "#microsoft.graph.message",
        "@odata.etag": f'W/"CQAAABYAAA{message.seq}"',
        "id": message.id,
        "receivedDateTime": message.received.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "isRead": message.is_read,
        "flag": {"flagStatus": "flagged" if message.flagged else "notFlagged"},
        "parentFolderId": WELL_KNOWN[message.folder],
    }
    if select:
        keep = {"@odata.type", "@odata.etag", "id", *select}
        return {k: v for k, v in full.items() if k in keep}
    return full


class Response:
    def __init__(
        self,
        status: int,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
        batch_body: bytes | None = None,
    ) -> None:
        self.status = status
        self.headers = dict(headers or {})
        # The body as JSON inside a $batch answer, when it is known already.
        self.batch_body = batch_body
        if raw is not None:
            self.data = raw
            self.content_type = content_type
        elif body is None:
            self.data = b""
            self.content_type = content_type
        else:
            self.data = json.dumps(body).encode()
            self.content_type = "application/json; odata.metadata=minimal"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Graph's clients use it
    state: MicrosoftState
    base: str

    def log_message(self, *args: object) -> None:  # quiet
        pass

    # -- plumbing -------------------------------------------------------------------
    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, response: Response, *, cut: bool = False) -> None:
        if cut and not response.data:  # nothing to cut in half: drop before answering
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.data)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if cut:  # the connection drops half-way through the body
            self.wfile.write(response.data[: len(response.data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(response.data)

    def do_GET(self) -> None:
        self._dispatch("GET", b"")

    def do_POST(self) -> None:
        self._dispatch("POST", self._body())

    def _dispatch(self, method: str, body: bytes) -> None:
        state = self.state
        split = urlsplit(self.path)
        path = unquote(split.path)
        with state.lock:
            state.requests.append((method, self.path))
            fault = next((f for f in state.faults if f.path is None or f.path.search(path)), None)
            if fault is not None and "/v1.0/" in path:
                state.faults.remove(fault)
            else:
                fault = None
            cut = next((c for c in state.cuts if c is None or c.search(path)), False)
            if cut is not False and "/v1.0/" in path:
                state.cuts.remove(cut)
                cut = True
            else:
                cut = False
        if fault is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self._send(
                Response(fault.status, _graph_error(fault.code, "Injected fault."), headers=headers)
            )
            return
        try:
            if path.startswith("/v1.0/"):
                response = self._graph(method, path[len("/v1.0") :], split.query, body)
            else:
                response = self._authority(method, path, split.query, body)
        except Exception as exc:  # a stand-in bug: say so plainly to the client
            response = Response(500, _graph_error("generalException", repr(exc)))
        self._send(response, cut=cut)

    # -- authority -------------------------------------------------------------------
    def _authority(self, method: str, path: str, query: str, body: bytes) -> Response:
        match = re.fullmatch(r"/([^/]+)(/.*)", path)
        if not match:
            return Response(404, {"error": "not_found"})
        tenant, rest = match.groups()
        prefix = f"{self.base}/{tenant}/oauth2/v2.0"
        if rest == "/v2.0/.well-known/openid-configuration":
            return Response(
                200,
                {
                    "token_endpoint": f"{prefix}/token",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "jwks_uri": f"{self.base}/{tenant}/discovery/v2.0/keys",
                    "response_modes_supported": ["query", "fragment", "form_post"],
                    "subject_types_supported": ["pairwise"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "response_types_supported": ["code", "id_token", "code id_token"],
                    "scopes_supported": ["openid", "profile", "email", "offline_access"],
                    "issuer": f"{self.base}/{TENANT_ID}/v2.0",
                    "request_uri_parameter_supported": False,
                    "authorization_endpoint": f"{prefix}/authorize",
                    "device_authorization_endpoint": f"{prefix}/devicecode",
                    "http_logout_supported": True,
                    "end_session_endpoint": f"{prefix}/logout",
                    "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "tid"],
                    "tenant_region_scope": "EU",
                    "cloud_instance_name": "microsoftonline.com",
                },
            )
        if rest == "/oauth2/v2.0/authorize" and method == "GET":
            return self._authorize(parse_qs(query))
        if rest == "/oauth2/v2.0/devicecode" and method == "POST":
            form = parse_qs(body.decode())
            device_code = secrets.token_urlsafe(32)
            user_code = secrets.token_hex(4).upper()
            with self.state.lock:
                self.state.device_codes[device_code] = {
                    "user_code": user_code,
                    "approved": False,
                    "scope": form.get("scope", [""])[0],
                    "client_id": form.get("client_id", [""])[0],
                }
            return Response(
                200,
                {
                    "user_code": user_code,
                    "device_code": device_code,
                    "verification_uri": "https://microsoft.com/devicelogin",
                    "expires_in": 900,
                    "interval": 1,
                    "message": "To sign in, use a web browser to open the page "
                    f"https://microsoft.com/devicelogin and enter the code {user_code} "
                    "to authenticate.",
                },
            )
        if rest == "/oauth2/v2.0/token" and method == "POST":
            return self._token(parse_qs(body.decode()))
        return Response(404, {"error": "not_found"})

    def _authorize(self, params: dict[str, list[str]]) -> Response:
        get = {k: v[0] for k, v in params.items()}
        redirect = get.get("redirect_uri", "")
        if not re.fullmatch(r"http://(localhost|127\.0\.0\.1)(:\d+)?/?.*", redirect):
            return Response(400, _aad_error("invalid_request", 50011, "Redirect URI mismatch."))
        if get.get("client_id") != self.state.client_id:
            return Response(400, _aad_error("unauthorized_client", 700016, "App not found."))
        state_param = get.get("state", "")
        if self.state.consent == "admin":
            query = {
                "error": "access_denied",
                "error_subcode": "cancel",
                "error_description": "AADSTS90094: The grant requires admin permission.",
                "state": state_param,
            }
        else:
            if get.get("code_challenge_method") != "S256" or not get.get("code_challenge"):
                return Response(400, _aad_error("invalid_request", 50148, "PKCE required."))
            code = "0.ARoA" + secrets.token_urlsafe(32)
            with self.state.lock:
                self.state.codes[code] = {
                    "redirect_uri": redirect,
                    "challenge": get["code_challenge"],
                    "scope": get.get("scope", ""),
                    "nonce": get.get("nonce"),
                }
            query = {"code": code, "state": state_param, "session_state": str(uuid.uuid4())}
        if get.get("response_mode") == "form_post":
            # What Entra answers for form_post (msal asks for it): a page whose
            # script posts the response to the redirect URI.
            fields = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}"/>'
                for k, v in query.items()
            )
            page = (
                "<html><head><title>Working...</title></head><body>"
                f'<form method="POST" name="hiddenform" action="{html.escape(redirect)}">'
                f"{fields}<noscript><p>Script is disabled. Click Submit to continue.</p>"
                '<input type="submit" value="Submit"/></noscript></form>'
                "<script>document.forms[0].submit();</script></body></html>"
            )
            return Response(200, raw=page.encode(), content_type="text/html; charset=utf-8")
        return Response(302, headers={"Location": f"{redirect}?{urlencode(query)}"})

    def _token(self, form: dict[str, list[str]]) -> Response:
        get = {k: v[0] for k, v in form.items()}
        state = self.state
        grant = get.get("grant_type", "")
        with state.lock:
            state.token_requests.append(grant)
        if get.get("client_id") != state.client_id:
            return Response(400, _aad_error("unauthorized_client", 700016, "App not found."))
        if state.consent == "user" and grant != "refresh_token":
            return Response(
                400,
                _aad_error(
                    "invalid_grant",
                    65001,
                    f"The user or administrator has not consented to use the application "
                    f"with ID '{state.client_id}' named 'Holub'. Send an interactive "
                    "authorization request for this user and resource.",
                    suberror="consent_required",
                ),
            )
        with state.lock:
            if grant == "authorization_code":
                entry = state.codes.pop(get.get("code", ""), None)
                if entry is None or entry["redirect_uri"] != get.get("redirect_uri"):
                    return Response(
                        400, _aad_error("invalid_grant", 70008, "The code has expired.")
                    )
                verifier = get.get("code_verifier", "").encode()
                if _b64url(hashlib.sha256(verifier).digest()) != entry["challenge"]:
                    return Response(
                        400, _aad_error("invalid_grant", 501481, "Code verifier mismatch.")
                    )
                return Response(200, state.issue_tokens(self.base, entry["scope"], entry["nonce"]))
            if grant == "refresh_token":
                revoked = state.refresh_tokens.get(get.get("refresh_token", ""), True)
                if revoked:
                    return Response(
                        400,
                        _aad_error(
                            "invalid_grant",
                            70008,
                            "The provided authorization code or refresh token has expired "
                            "due to inactivity.",
                            suberror="bad_token",
                        ),
                    )
                return Response(200, state.issue_tokens(self.base, get.get("scope", ""), None))
            if grant == "urn:ietf:params:oauth:grant-type:device_code":
                entry = state.device_codes.get(get.get("device_code", ""))
                if entry is None:
                    return Response(400, _aad_error("expired_token", 70020, "Code expired."))
                if not entry["approved"]:
                    return Response(
                        400,
                        _aad_error(
                            "authorization_pending",
                            70016,
                            "OAuth 2.0 device flow error. Authorization is pending.",
                        ),
                    )
                del state.device_codes[get["device_code"]]
                return Response(200, state.issue_tokens(self.base, entry["scope"], None))
        return Response(400, _aad_error("unsupported_grant_type", 70003, "Unsupported grant."))

    # -- Graph -----------------------------------------------------------------------
    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else ""
        with self.state.lock:
            return self.state.access_tokens.get(token, 0) > _now()

    def _graph(self, method: str, path: str, query: str, body: bytes) -> Response:
        if not self._authorized():
            return Response(
                401,
                _graph_error(
                    "InvalidAuthenticationToken", "Access token has expired or is not yet valid."
                ),
                headers={"WWW-Authenticate": 'Bearer realm="", error="invalid_token"'},
            )
        if path == "/$batch" and method == "POST":
            return self._batch(json.loads(body or b"{}"))
        if path == "/me/sendMail" and method == "POST":
            return self._send_mail(body)
        return self._graph_get(method, path, query)

    def _graph_get(self, method: str, path: str, query: str) -> Response:
        state = self.state
        if method != "GET":
            return Response(405, _graph_error("BadRequest", "Method not allowed."))
        if path == "/me":
            return Response(
                200,
                {
                    "@odata.context": f"{self.base}/v1.0/$metadata#users/$entity",
                    "displayName": state.display_name,
                    "givenName": state.display_name.split()[0],
                    "surname": state.display_name.split()[-1],
                    "mail": state.email,
                    "userPrincipalName": state.email,
                    "id": USER_OID,
                },
            )
        match = re.fullmatch(r"/me/mailFolders/([^/]+)", path)
        if match:
            name = self._folder_name(match.group(1))
            if name is None:
                return Response(404, _graph_error("ErrorItemNotFound", "Folder not found."))
            return Response(
                200,
                {
                    "id": WELL_KNOWN[name],
                    "displayName": {"inbox": "Inbox", "sentitems": "Sent Items"}[name],
                    "parentFolderId": "AQMkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAuAAADroot",
                    "childFolderCount": 0,
                    "unreadItemCount": 0,
                    "totalItemCount": sum(1 for m in state.messages.values() if m.folder == name),
                },
            )
        # /me/mailFolders/{id}/… or, in Graph's own links, /me/mailFolders('{id}')/…
        match = re.fullmatch(r"/me/mailFolders(?:/([^/]+)|\('([^']+)'\))/messages/delta", path)
        if match:
            name = self._folder_name(match.group(1) or match.group(2))
            if name is None:
                return Response(404, _graph_error("ErrorItemNotFound", "Folder not found."))
            return self._delta(name, parse_qs(query))
        match = re.fullmatch(r"/me/messages/([^/]+)/\$value", path)
        if match:
            with state.lock:
                message = state.messages.get(match.group(1))
            if message is None:
                return Response(404, _graph_error("ErrorItemNotFound", "Not found."))
            return Response(
                200, raw=message.raw, content_type="text/plain", batch_body=message.batch_body()
            )
        return Response(404, _graph_error("BadRequest", f"Resource not found for {path}."))

    @staticmethod
    def _folder_name(ref: str) -> str | None:
        ref = ref.lower() if ref.lower() in WELL_KNOWN else ref
        if ref in WELL_KNOWN:
            return ref
        return next((name for name, fid in WELL_KNOWN.items() if fid == ref), None)

    def _delta(self, folder: str, params: dict[str, list[str]]) -> Response:
        state = self.state
        get = {k: v[0] for k, v in params.items()}
        match = re.search(r"odata\.maxpagesize=(\d+)", self.headers.get("Prefer", ""))
        # Graph caps the preference (200 per page for objects such as messages and
        # contacts, as Microsoft's staff answer on learn.microsoft.com/answers).
        page_size = min(int(match.group(1)), MAX_PAGE) if match else DEFAULT_PAGE
        with state.lock:
            if "$skiptoken" in get:
                cursor = state.skip_tokens.get(get["$skiptoken"])  # reusable, as in Graph
                if cursor is None:
                    return Response(
                        410,
                        _graph_error("syncStateNotFound", "The sync state is not found."),
                    )
            else:
                if "$deltatoken" in get:
                    since = state.delta_tokens.get(get["$deltatoken"])
                    if since is None:
                        return Response(
                            410,
                            _graph_error("resyncRequired", "A resync is required."),
                        )
                    after, select, floor = since["seq"], since["select"], since["floor"]
                else:
                    select = get.get("$select", "").split(",") if get.get("$select") else None
                    floor = None
                    flt = get.get("$filter", "")
                    if flt:
                        m = re.fullmatch(r"receivedDateTime (ge|gt) (\S+)", flt.strip())
                        if not m:
                            return Response(
                                400,
                                _graph_error(
                                    "ErrorInvalidUrlQueryFilter",
                                    "The query filter contains one or more invalid nodes.",
                                ),
                            )
                        floor = datetime.fromisoformat(m.group(2).replace("Z", "+00:00"))
                    after = -1
                items: list[dict[str, Any]] = [
                    _graph_message(m, select)
                    for m in sorted(state.messages.values(), key=lambda m: m.seq)
                    if m.folder == folder
                    and m.seq > after
                    and (floor is None or m.received >= floor)
                ]
                if after >= 0:
                    items += [
                        {
                            "@odata.type": "#microsoft.graph.message",
                            "id": mid,
                            "@removed": {"reason": "deleted"},
                        }
                        for mid, fname, seq in state.tombstones
                        if fname == folder and seq > after
                    ]
                cursor = {
                    "items": items,
                    "seq": state.seq,
                    "select": select,
                    "floor": floor,
                }
            page, rest = cursor["items"][:page_size], cursor["items"][page_size:]
            base = f"{self.base}/v1.0/me/mailFolders('{WELL_KNOWN[folder]}')/messages/delta"
            body: dict[str, Any] = {
                "@odata.context": f"{self.base}/v1.0/$metadata#Collection(message)",
                "value": page,
            }
            if rest:
                token = secrets.token_urlsafe(24)
                state.skip_tokens[token] = {**cursor, "items": rest}
                body["@odata.nextLink"] = f"{base}?$skiptoken={quote(token)}"
            else:
                token = secrets.token_urlsafe(24)
                state.delta_tokens[token] = {
                    "seq": cursor["seq"],
                    "select": cursor["select"],
                    "floor": cursor["floor"],
                }
                body["@odata.deltaLink"] = f"{base}?$deltatoken={quote(token)}"
        return Response(200, body)

    def _batch(self, payload: dict[str, Any]) -> Response:
        requests = payload.get("requests", [])
        if not isinstance(requests, list) or not requests:
            return Response(400, _graph_error("BadRequest", "Invalid batch payload format."))
        if len(requests) > 20:
            return Response(
                400,
                _graph_error("BadRequest", "The number of batch requests exceeds the limit of 20."),
            )
        responses: list[bytes] = []
        for request in requests:
            url = request.get("url", "")
            if not url.startswith("/"):
                url = "/" + url
            split = urlsplit(url)
            with self.state.lock:
                self.state.requests.append((request.get("method", "GET"), "$batch:" + url))
                fault = next(
                    (f for f in self.state.faults if f.path and f.path.search(split.path)), None
                )
                if fault is not None:
                    self.state.faults.remove(fault)
            if fault is not None:
                inner = Response(
                    fault.status,
                    _graph_error(fault.code, "Injected fault."),
                    headers={"Retry-After": fault.retry_after} if fault.retry_after else {},
                )
            else:
                inner = self._graph_get(request.get("method", "GET"), split.path, split.query)
            headers = {"Content-Type": inner.content_type, **inner.headers}
            if inner.batch_body is not None:
                value = inner.batch_body
            elif inner.content_type.startswith("application/json"):
                value = inner.data or b"null"  # JSON already
            else:  # non-JSON bodies come back base64-encoded inside the JSON batch
                value = json.dumps(base64.b64encode(inner.data).decode()).encode()
            # {"id", "status", "headers", "body"}, put together from encoded parts: the
            # MIME's base64 is not decoded and encoded again for each answer.
            head = json.dumps({"id": request.get("id"), "status": inner.status, "headers": headers})
            if responses:
                responses.append(b", ")
            responses += (head[:-1].encode(), b', "body": ', value, b"}")
        return Response(
            200,
            raw=b"".join([b'{"responses": [', *responses, b"]}"]),  # copied once
            content_type="application/json; odata.metadata=minimal",
        )

    def _send_mail(self, body: bytes) -> Response:
        if not self.headers.get("Content-Type", "").startswith("text/plain"):
            # JSON sendMail (a message resource) is not what Holub sends; refuse it loudly.
            return Response(400, _graph_error("ErrorInvalidRequest", "Expected MIME (text/plain)."))
        try:
            raw = base64.b64decode(body, validate=False)
        except ValueError:
            return Response(400, _graph_error("ErrorMimeContentInvalidBase64String", "Bad base64."))
        head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)
        if len(head) < 2 or not re.search(rb"(?im)^(to|cc|bcc):", head[0]):
            return Response(
                400, _graph_error("ErrorMimeContentInvalid", "The MIME content is invalid.")
            )
        with self.state.lock:
            self.state.sent.append(raw)
        self.state.add_message(raw, "sentitems", is_read=True)  # Graph files it in Sent Items
        return Response(202)


class MicrosoftServer:
    """The authority and Graph on one HTTPS server (paths never overlap)."""

    def __init__(self, ca: TestCA, state: MicrosoftState | None = None) -> None:
        self.ca = ca
        self.state = state or MicrosoftState()
        handler = type("BoundHandler", (Handler,), {"state": self.state, "base": ""})
        self._server = HTTPSServer(handler, ca)
        handler.base = self._server.url

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def authority(self) -> str:
        return f"{self.url}/organizations"

    @property
    def graph(self) -> str:
        return f"{self.url}/v1.0"

    def environ(self) -> dict[str, str]:
        """The configuration that points Holub at this stand-in."""
        return {
            "HOLUB_MS_CLIENT_ID": self.state.client_id,
            "HOLUB_MS_AUTHORITY": self.authority,
            "HOLUB_GRAPH_API": self.graph,
            "SSL_CERT_FILE": str(self.ca.ca_file),
            "REQUESTS_CA_BUNDLE": str(self.ca.ca_file),
        }

    def start(self) -> MicrosoftServer:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()


FAKE_BROWSER = """#!/bin/sh
# A $BROWSER for tests: webbrowser waits for this command, while msal answers the
# loopback redirect only after it returns, so the "user" runs in the background.
"{python}" "{script}" "$1" >>"{log}" 2>&1 &
exit 0
"""


def write_fake_browser(directory: Path, python: str) -> Path:
    """A ``$BROWSER`` command that signs the user in (see tests/servers/fake_browser.py)."""
    script = Path(__file__).with_name("fake_browser.py")
    path = directory / "fake-browser.sh"
    path.write_text(
        FAKE_BROWSER.format(python=python, script=script, log=directory / "browser.log")
    )
    path.chmod(0o755)
    return path


def serve(ca: TestCA, monkeypatch: pytest.MonkeyPatch) -> Iterator[MicrosoftServer]:
    """A started stand-in with Holub's configuration and trust pointed at it (for a
    fixture: ``yield from serve(ca, monkeypatch)``)."""
    server = MicrosoftServer(ca).start()
    for name, value in server.environ().items():
        monkeypatch.setenv(name, value)
    try:
        with trust_ca(ca):
            yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def microsoft_ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    """One throwaway CA per test module (making one costs a key pair)."""
    return make_ca(tmp_path_factory.mktemp("microsoft-ca"))


@pytest.fixture(name="microsoft")
def microsoft_server(
    microsoft_ca: TestCA, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MicrosoftServer]:
    """A started stand-in for the test (import this and ``microsoft_ca`` to use it)."""
    yield from serve(microsoft_ca, monkeypatch)
