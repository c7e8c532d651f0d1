"""A local stand-in for Caflou API v1 (http.server on 127.0.0.1, in a thread).

Follows /work/shared/reference: ``POST /api/v1/login`` with HTTP Basic (+ ``?otp=``),
bearer tokens, ``GET /api/v1/accounts``, ``/api/v1/{account_id}/companies|contacts|
projects|tasks|users`` (and ``companies/{id}/contacts``), each paged with ``page`` (from
1) and ``per`` (default 20, at most 1000) in the ``results``/``total_results``/
``total_pages`` wrapper; object reads, creation (201). Faults can be injected:
``fail_next(status, count, retry_after)``, ``expire_tokens()``, ``forbid(kind, id)``, and,
for a hostile server: ``answer_next(body)`` (any JSON, wrong types included),
``endless_pages()`` (every page full, ``total_pages: 1e9``), ``huge_next(n_bytes)`` (a body
of n bytes, streamed), ``redirect_next(location)`` (302 to anywhere).

Fixture ``caflou`` gives a started server with one user and one account.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

COLLECTIONS = ("companies", "contacts", "projects", "tasks", "users")

# The task fields Holub reads, as the Task schema of the reference gives them: the due
# date (``end_date``; ``end_time`` is the writable ISO 8601 date-time), the state
# (``finished``, ``task_status_id``) and the people (``user_id`` entered it,
# ``target_user_id`` is whom it is for, ``user_ids`` everyone on it).
TASK_FIELDS: dict[str, Any] = {
    "end_date": None,
    "end_time": None,
    "finished": False,
    "finished_at": None,
    "task_status_id": None,
    "user_id": None,
    "target_user_id": None,
    "user_ids": [],
}


def shaped(collection: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as Caflou returns it: a task has every field of its schema Holub reads
    (null when unset), and ``end_date`` follows ``end_time`` as in Caflou's answers."""
    if collection != "tasks":
        return record
    out = {**TASK_FIELDS, **record}
    if not out.get("end_date") and isinstance(out.get("end_time"), str):
        out["end_date"] = out["end_time"][:10]
    return out


class CaflouState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users: dict[str, dict[str, Any]] = {}  # email → {"password", "otp"}
        self.tokens: set[str] = set()
        self.accounts: list[dict[str, Any]] = []
        self.data: dict[int, dict[str, dict[int, dict]]] = {}
        self.forbidden: set[tuple[str, int]] = set()
        self.failures: list[tuple[int, str | None]] = []
        self.requests: list[tuple[str, str]] = []
        self.logins = 0
        # Hostile answers, consumed one per request before normal handling:
        # ("json", body) | ("huge", n_bytes) | ("redirect", location).
        self.hostile: list[tuple[str, Any]] = []
        self.endless = False

    def add_account(self, account_id: int, name: str = "Firma", plan: str = "Delfín") -> None:
        self.accounts.append(
            {
                "id": account_id,
                "name": name,
                "plan": {"id": 3, "name_cs": plan, "name_en": plan, "limits_api_calls": 10000},
            }
        )
        self.data[account_id] = {c: {} for c in COLLECTIONS}

    def add(self, account_id: int, collection: str, record: dict[str, Any]) -> dict:
        record = shaped(collection, record)
        self.data[account_id][collection][int(record["id"])] = record
        return record

    def fail_next(self, status: int, count: int = 1, retry_after: str | None = None) -> None:
        with self.lock:
            self.failures += [(status, retry_after)] * count

    def answer_next(self, body: Any, count: int = 1) -> None:
        with self.lock:
            self.hostile += [("json", body)] * count

    def huge_next(self, n_bytes: int) -> None:
        """The next answer is n_bytes of (whitespace) body, chunked."""
        with self.lock:
            self.hostile.append(("huge", n_bytes))

    def redirect_next(self, location: str) -> None:
        with self.lock:
            self.hostile.append(("redirect", location))

    def endless_pages(self) -> None:
        self.endless = True

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    def forbid(self, kind_collection: str, object_id: int) -> None:
        self.forbidden.add((kind_collection, object_id))


class _Handler(BaseHTTPRequestHandler):
    state: CaflouState
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def _reply(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else {}

    def _handle(self, method: str) -> None:
        st = self.state
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        body = self._body() if method in ("POST", "PATCH") else None
        with st.lock:
            st.requests.append((method, self.path))
            failure = st.failures.pop(0) if st.failures else None
            hostile = st.hostile.pop(0) if st.hostile and not failure else None
        if failure:
            status, retry_after = failure
            headers = {"Retry-After": retry_after} if retry_after is not None else None
            return self._reply(status, {"error": "injected"}, headers)
        if hostile:
            return self._hostile(*hostile)
        path = parts.path.rstrip("/")
        if path == "/api/v1/login" and method == "POST":
            return self._login(query)
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in st.tokens:
            return self._reply(401, {"error": "Unauthorized"})
        if path == "/api/v1/accounts" and method == "GET":
            return self._reply(200, st.accounts)
        m = re.fullmatch(r"/api/v1/(\d+)/(.+)", path)
        if not m or int(m.group(1)) not in st.data:
            return self._reply(404, {"error": "Not found"})
        data = st.data[int(m.group(1))]
        rest = m.group(2)
        if m2 := re.fullmatch(r"companies/(\d+)/contacts", rest):
            cid = int(m2.group(1))
            if ("companies", cid) in st.forbidden:
                return self._reply(403, {"error": "Forbidden"})
            if method == "POST":
                return self._create(data, "contacts", {**body, "company_id": cid})
            rows = [c for c in data["contacts"].values() if c.get("company_id") == cid]
            return self._page(rows, query)
        if rest == "comments" and method == "POST":  # POST comments (rules' comment action)
            if not body or not body.get("text") or not body.get("commented_id"):
                return self._reply(422, {"errors": {"text": ["can't be blank"]}})
            with st.lock:
                comments = data.setdefault("comments", {})
                record = {**body, "id": len(comments) + 1}
                comments[record["id"]] = record
            return self._reply(201, record)
        if rest in COLLECTIONS:
            if method == "GET":
                rows = [r for r in data[rest].values() if (rest, r["id"]) not in st.forbidden]
                return self._page(rows, query)
            if method == "POST" and rest != "users":
                return self._create(data, rest, body)
        if m3 := re.fullmatch(r"(companies|contacts|projects|tasks|users)/(\d+)", rest):
            coll, oid = m3.group(1), int(m3.group(2))
            if (coll, oid) in st.forbidden:
                return self._reply(403, {"error": "Forbidden"})
            if oid not in data[coll]:
                return self._reply(404, {"error": "Not found"})
            return self._reply(200, data[coll][oid])
        return self._reply(404, {"error": "Not found"})

    def _hostile(self, kind: str, value: Any) -> None:
        if kind == "json":
            return self._reply(200, value)
        if kind == "redirect":
            return self._reply(302, None, {"Location": value})
        # A body of ``value`` bytes, written in chunks (never held in memory whole);
        # sent chunked, without a Content-Length the client could refuse up front.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b" " * 65536
        remaining = value
        try:
            while remaining > 0:
                part = block[: min(remaining, len(block))]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                remaining -= len(part)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client hung up, as it should
            pass
        self.close_connection = True

    def _login(self, query: dict[str, str]) -> None:
        st = self.state
        auth = self.headers.get("Authorization", "")
        try:
            email, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        except Exception:
            return self._reply(401, {"error": "Unauthorized"})
        user = st.users.get(email)
        if not auth.startswith("Basic ") or user is None or user["password"] != password:
            return self._reply(401, {"error": "Invalid credentials"})
        if user.get("otp") and query.get("otp") != user["otp"]:
            return self._reply(401, {"error": "OTP required"})
        token = secrets.token_hex(16)
        with st.lock:
            st.tokens.add(token)
            st.logins += 1
        return self._reply(200, {"access_token": token, "token_type": "Bearer"})

    def _page(self, rows: list[dict], query: dict[str, str]) -> None:
        try:
            page = max(1, int(query.get("page", 1)))
            per = max(1, min(1000, int(query.get("per", 20))))
        except ValueError:
            return self._reply(400, {"error": "bad paging"})
        rows = sorted(rows, key=lambda r: r["id"])
        total_pages = (len(rows) + per - 1) // per
        chunk = rows[(page - 1) * per : page * per]
        if self.state.endless:  # a hostile server: always another full page
            return self._reply(
                200, {"results": rows[:per], "total_results": 10**12, "total_pages": 1e9}
            )
        return self._reply(
            200, {"results": chunk, "total_results": len(rows), "total_pages": total_pages}
        )

    def _create(self, data: dict, coll: str, body: dict) -> None:
        if not body or not body.get("name"):
            return self._reply(422, {"errors": {"name": ["can't be blank"]}})
        with self.state.lock:
            new_id = max([0, *data[coll].keys()]) + 1
            record = shaped(coll, {**body, "id": new_id})
            data[coll][new_id] = record
        return self._reply(201, record)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")


class CaflouServer:
    def __init__(self) -> None:
        self.state = CaflouState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> CaflouServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def caflou() -> Iterator[CaflouServer]:
    """A started stand-in with user jana@firma.cz / heslo and account 42 (Delfín plan)."""
    server = CaflouServer().start()
    server.state.users["jana@firma.cz"] = {"password": "heslo", "otp": None}
    server.state.add_account(42, "Firma s.r.o.", "Delfín")
    yield server
    server.stop()
