"""The Caflou stand-in grown by the e-mail endpoints (R9, R11), with users and rights.

Paths as in /work/shared/reference/caflou-api-v1-subset.json:
``email_connections`` (list, create, get, patch, delete), ``email_connections/{id}/
email_folders`` (list, create), ``…/email_folders/{fid}/email_messages`` (list, create,
get, patch, delete), ``email_messages`` (list across connections, Rails-style
``filter[company_ids]``, ``filter[project_ids]``, ``filter[task_ids]``),
``email_messages/{id}`` (get, patch, delete) and ``email_messages/{id}/make_hint_real``.

Rights follow what the reference's README says of the live service: a connection is its
creator's; ``users`` on the connection (``{"<user id>": "read" | "read_write"}``) with
``privacy`` = ``"shared"`` opens it to those colleagues; anyone else gets 403 for the
connection and its messages. Messages filed under an object are readable by every user
of the account with the Read right on that object (R9) — here, everyone but the users
named in ``no_rights``. Each token belongs to one user (``login`` records whose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.servers.caflou import CaflouServer, CaflouState, _Handler

_FILTERS = {"company_ids": "company_id", "project_ids": "project_id", "task_ids": "task_id"}


class MailState(CaflouState):
    def __init__(self) -> None:
        super().__init__()
        self.user_ids: dict[str, int] = {}  # e-mail → Caflou user id
        self.token_users: dict[str, int] = {}  # token → user id
        self.connections: dict[int, dict[str, Any]] = {}
        self.folders: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.no_rights: set[int] = set()  # users with no Read right on CRM objects
        self.hints_made_real: list[int] = []
        self._next = 100

    def next_id(self) -> int:
        self._next += 1
        return self._next

    def add_user(self, user_id: int, email: str, password: str, account_id: int = 42) -> None:
        self.users[email] = {"password": password, "otp": None}
        self.user_ids[email] = user_id
        self.add(account_id, "users", {"id": user_id, "name": email.split("@")[0], "email": email})

    # -- rights ----------------------------------------------------------------------

    def level(self, user_id: int, connection: dict[str, Any]) -> str | None:
        """The user's level on a connection: owner, read, read_write, or None."""
        if connection["user_id"] == user_id:
            return "owner"
        if (connection.get("privacy") or {}).get("kind") != "shared":
            return None
        return (connection.get("users") or {}).get(str(user_id))

    def may_read_message(self, user_id: int, message: dict[str, Any]) -> bool:
        connection = self.connections.get(message["email_connection_id"])
        if connection is not None and self.level(user_id, connection):
            return True
        filed = any(message.get(k) for k in ("company_id", "project_id", "task_id"))
        return filed and user_id not in self.no_rights


class _MailHandler(_Handler):
    state: MailState
    # Headers and body go out in separate writes: without TCP_NODELAY every answer on a
    # kept-alive connection waits ~40 ms for the client's delayed ACK (Nagle), which a
    # real server does not do and which would swamp what bench/publish_bench.py measures.
    disable_nagle_algorithm = True

    def _login(self, query: dict[str, str]) -> None:
        before = set(self.state.tokens)
        super()._login(query)
        new = self.state.tokens - before
        if new:
            import base64

            email = base64.b64decode(self.headers["Authorization"][6:]).decode().split(":")[0]
            with self.state.lock:
                for token in new:
                    self.state.token_users[token] = self.state.user_ids.get(email, 1)

    def _user(self) -> int | None:
        auth = self.headers.get("Authorization", "")
        return self.state.token_users.get(auth[7:]) if auth.startswith("Bearer ") else None

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        m = re.fullmatch(r"/api/v1/(\d+)/(email_.+)", parts.path.rstrip("/"))
        user = self._user()
        if m is None or user is None or self.state.failures:
            return super()._handle(method)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        body = self._body() if method in ("POST", "PATCH") else None
        with self.state.lock:
            self.state.requests.append((method, self.path))
            return self._email(method, m.group(2), query, body or {}, user)

    # -- the e-mail routes (called with the state's lock held) -----------------------

    def _email(self, method: str, rest: str, query: dict, body: dict, user: int) -> None:
        st = self.state
        if rest == "email_connections":
            if method == "GET":
                rows = [c for c in st.connections.values() if st.level(user, c)]
                return self._page([self._connection_view(c, user) for c in rows], query)
            if method == "POST":
                if not body.get("name"):
                    return self._reply(422, {"errors": {"name": ["can't be blank"]}})
                conn = {**body, "id": st.next_id(), "user_id": user}
                conn.setdefault("users", {})
                conn.setdefault("privacy", {"kind": "private"})
                st.connections[conn["id"]] = conn
                return self._reply(201, self._connection_view(conn, user))
        if m := re.fullmatch(r"email_connections/(\d+)", rest):
            conn = st.connections.get(int(m.group(1)))
            if conn is None:
                return self._reply(404, {"error": "Not found"})
            level = st.level(user, conn)
            if level is None or (method != "GET" and level != "owner"):
                return self._reply(403, {"error": "Forbidden"})
            if method == "PATCH":
                conn.update({k: v for k, v in body.items() if k not in ("id", "user_id")})
            if method == "DELETE":
                del st.connections[conn["id"]]
                return self._reply(204)
            return self._reply(200, self._connection_view(conn, user))
        if m := re.fullmatch(r"email_connections/(\d+)/email_folders", rest):
            conn = st.connections.get(int(m.group(1)))
            if conn is None:
                return self._reply(404, {"error": "Not found"})
            level = st.level(user, conn)
            if level is None or (method == "POST" and level != "owner"):
                return self._reply(403, {"error": "Forbidden"})
            if method == "POST":
                folder = {**body, "id": st.next_id(), "email_connection_id": conn["id"]}
                st.folders[folder["id"]] = folder
                return self._reply(201, folder)
            rows = [f for f in st.folders.values() if f["email_connection_id"] == conn["id"]]
            return self._page(rows, query)
        if m := re.fullmatch(
            r"email_connections/(\d+)/email_folders/(\d+)/email_messages(?:/(\d+))?", rest
        ):
            conn = st.connections.get(int(m.group(1)))
            folder = st.folders.get(int(m.group(2)))
            if conn is None or folder is None or folder["email_connection_id"] != conn["id"]:
                return self._reply(404, {"error": "Not found"})
            level = st.level(user, conn)
            writes = method in ("POST", "PATCH", "DELETE")
            if level is None or (writes and level not in ("owner", "read_write")):
                return self._reply(403, {"error": "Forbidden"})
            if writes and self._forbidden_object(body):
                return self._reply(403, {"error": "Forbidden"})
            if m.group(3) is None:
                if method == "POST":
                    msg = {
                        **body,
                        "id": st.next_id(),
                        "email_connection_id": conn["id"],
                        "email_folder_id": folder["id"],
                        "creator_id": user,
                        "trash": False,
                    }
                    st.messages[msg["id"]] = msg
                    return self._reply(201, msg)
                rows = [
                    x
                    for x in st.messages.values()
                    if x["email_folder_id"] == folder["id"] and not x.get("trash")
                ]
                return self._page(rows, query)
            return self._message(method, int(m.group(3)), body, user)
        if rest == "email_messages" and method == "GET":
            if self._forbidden_filter(query):
                return self._reply(403, {"error": "Forbidden"})
            rows = [x for x in st.messages.values() if not x.get("trash")]
            for key, field in _FILTERS.items():
                wanted = query.get(f"filter[{key}]")
                if wanted:
                    ids = {int(v) for v in wanted.split(",") if v.strip().isdigit()}
                    rows = [x for x in rows if x.get(field) in ids]
            rows = [x for x in rows if st.may_read_message(user, x)]
            return self._page(rows, query)
        if m := re.fullmatch(r"email_messages/(\d+)/make_hint_real", rest):
            msg = st.messages.get(int(m.group(1)))
            if msg is None:
                return self._reply(404, {"error": "Not found"})
            conn = st.connections.get(msg["email_connection_id"], {})
            if st.level(user, conn) not in ("owner", "read_write"):
                return self._reply(403, {"error": "Forbidden"})
            for kind in ("company", "project", "task"):
                if msg.get(f"hint_{kind}_id"):
                    msg[f"{kind}_id"] = msg.pop(f"hint_{kind}_id")
            st.hints_made_real.append(msg["id"])
            return self._reply(200, msg)
        if m := re.fullmatch(r"email_messages/(\d+)", rest):
            return self._message(method, int(m.group(1)), body, user)
        return self._reply(404, {"error": "Not found"})

    def _forbidden_filter(self, query: dict) -> bool:
        """Listing the e-mails of an object the user may not open is refused (403)."""
        for key, coll in (
            ("company_ids", "companies"),
            ("project_ids", "projects"),
            ("task_ids", "tasks"),
        ):
            for value in (query.get(f"filter[{key}]") or "").split(","):
                if value.strip().isdigit() and (coll, int(value)) in self.state.forbidden:
                    return True
        return False

    def _forbidden_object(self, body: dict) -> bool:
        """Filing under an object the user has no right to is refused (403)."""
        for kind, coll in (("company", "companies"), ("project", "projects"), ("task", "tasks")):
            for key in (f"{kind}_id", f"hint_{kind}_id"):
                if body.get(key) and (coll, int(body[key])) in self.state.forbidden:
                    return True
        return False

    def _message(self, method: str, message_id: int, body: dict, user: int) -> None:
        st = self.state
        msg = st.messages.get(message_id)
        if msg is None or msg.get("trash"):
            return self._reply(404, {"error": "Not found"})
        conn = st.connections.get(msg["email_connection_id"], {})
        level = st.level(user, conn) if conn else None
        if method == "GET":
            if not st.may_read_message(user, msg):
                return self._reply(403, {"error": "Forbidden"})
            return self._reply(200, msg)
        if level not in ("owner", "read_write"):
            return self._reply(403, {"error": "Forbidden"})
        if method == "PATCH":
            msg.update({k: v for k, v in body.items() if k not in ("id", "creator_id")})
            msg["updater_id"] = user
            return self._reply(200, msg)
        if method == "DELETE":
            # Caflou moves a message to the trash; it no longer lists or reads.
            msg["trash"] = True
            return self._reply(204)
        return self._reply(405, {"error": "Method not allowed"})

    def _connection_view(self, conn: dict[str, Any], user: int) -> dict[str, Any]:
        return {**conn, "is_owner": str(conn["user_id"] == user).lower()}


class CaflouMailServer(CaflouServer):
    def __init__(self) -> None:
        super().__init__()
        self.state = MailState()
        handler = type("Handler", (_MailHandler,), {"state": self.state})
        self.httpd.RequestHandlerClass = handler


@pytest.fixture
def caflou_mail() -> Iterator[CaflouMailServer]:
    """Account 42 (Delfín) with the owner jana@firma.cz (user 1, password heslo), the
    colleague petr@firma.cz (user 2, heslo2) and eva@firma.cz (user 3, heslo3), who has
    no right on CRM objects."""
    server = CaflouMailServer().start()
    state = server.state
    state.add_account(42, "Firma s.r.o.", "Delfín")
    state.add_user(1, "jana@firma.cz", "heslo")
    state.add_user(2, "petr@firma.cz", "heslo2")
    state.add_user(3, "eva@firma.cz", "heslo3")
    state.no_rights.add(3)
    yield server
    server.stop()
