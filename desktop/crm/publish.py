"""Publishing filed mail to the team's CRM (R9): a durable queue, exactly once.

The store says what the CRM should show; this module brings the CRM in line.

- ``mark_due(ids)`` runs inside the transaction that changed a message's filings (the
  pairing step, a manual filing, an accepted signal): it writes one ``Publication`` row
  per message, so a crash can never lose the fact that the CRM copy is out of date.
- ``publish_pending()`` runs after commit (``crm push``, after every sync, the window's
  background job). For each due message it works out the copy the CRM should hold —
  the envelope, date, snippet, sanitised HTML and text, attachment names and sizes,
  ``company_id``/``project_id``/``task_id`` and the open signals as ``hint_*_id`` — or
  that it should hold none (unfiled, deleted in Holub) — and creates, PATCHes only the
  fields that changed, turns an accepted hint real (``make_hint_real``) or withdraws it.

Never twice: the remote id is kept; a create is recorded as ``posting`` (committed)
before it is sent, and a row found ``posting`` later (the process died before the answer
was stored) is first looked up in its CRM folder by its Message-ID and envelope.
Failures: 403 on a message → ``failed`` with the reason (shown on the message, not
retried forever); 429/5xx are retried by the client honouring Retry-After, and if they
persist the row waits with exponential backoff; a refused sign-in stops the run.

Nothing else leaves the desk: mail of an unshared mailbox is published only while it is
filed.
"""

from __future__ import annotations

import contextlib
import html as html_module
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.crm import api
from desktop.errors import (
    AuthenticationError,
    ConnectionFailed,
    HolubError,
    InvalidInput,
    ServerError,
)
from desktop.models.base import utcnow
from desktop.models.crm import OBJECT_KINDS, CrmAccount, Filing, Signal
from desktop.models.db import database
from desktop.models.mail import Attachment, Folder, Mailbox, Message, MessageBody
from desktop.models.team import (
    DONE,
    DUE,
    FAILED,
    POSTING,
    CrmConnection,
    CrmFolder,
    Publication,
)

log = logging.getLogger(__name__)

# Backoff for a row whose attempt failed transiently: 1 min, 2, 4 … at most 6 hours.
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=6)
# Sanitised HTML and text sent with a message: enough to read it in the CRM.
MAX_BODY_CHARS = 200_000

# Which filing wins when a message is filed under several objects of one kind: a
# decision of the user's first, then the oldest.
_SOURCE_RANK = {"manual": 0, "signal": 1, "rule": 2, "auto": 3, "inherited": 4}


@dataclass
class PushResult:
    published: int = 0  # created or updated
    withdrawn: int = 0
    failed: int = 0  # refused for good in this run
    waiting: int = 0  # still due after the run (backoff, or stopped early)
    stopped_by: str | None = None  # the CRM was down or throttling: why the run stopped

    def summary(self) -> str:
        line = (
            f"Published {self.published}, withdrew {self.withdrawn}, "
            f"failed {self.failed}, {self.waiting} waiting."
        )
        return f"{line} Stopped: {self.stopped_by}" if self.stopped_by else line


# -- the store side (inside the caller's transaction) ----------------------------------


def connected_account() -> CrmAccount | None:
    """The connected Caflou account, or None (the local CRM publishes nowhere)."""
    return (
        CrmAccount.select()
        .where(CrmAccount.account_id.is_null(False))
        .order_by(CrmAccount.id.desc())
        .first()
    )


def mark_due(message_ids: Iterable[int]) -> int:
    """Record that these messages' CRM copies must be brought in line; returns how many.

    Call it inside the transaction that changed them. Does nothing without a connected
    Caflou account. A row found ``posting`` stays so (its create may have reached the
    CRM: it is looked up before any new create).
    """
    ids = sorted({int(i) for i in message_ids})
    if not ids or connected_account() is None:
        return 0
    now = utcnow()
    rows = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        mailbox_of = dict(
            Message.select(Message.id, Message.mailbox).where(Message.id.in_(chunk)).tuples()
        )
        known = {
            p.message: p
            for p in Publication.select(Publication.message, Publication.state).where(
                Publication.message.in_(chunk)
            )
        }
        mirrors = _mirror_mailboxes()
        for message_id in chunk:
            if message_id not in mailbox_of and message_id not in known:
                continue  # never published and gone: nothing to bring in line
            if mailbox_of.get(message_id) in mirrors:
                continue  # a colleague's shared mailbox: its copy is theirs (sharing.py)
            rows.append((message_id, mailbox_of.get(message_id), known.get(message_id)))
    new = [
        {"message": m, "mailbox": mb or 0, "state": DUE, "updated_at": now}
        for m, mb, row in rows
        if row is None
    ]
    for start in range(0, len(new), 200):
        Publication.insert_many(new[start : start + 200]).execute()
    again = [m for m, _, row in rows if row is not None and row.state != POSTING]
    for start in range(0, len(again), 500):
        Publication.update(
            state=DUE, attempts=0, next_attempt_at=None, error=None, updated_at=now
        ).where(Publication.message.in_(again[start : start + 500])).execute()
    return len(rows)


def _mirror_mailboxes() -> set[int]:
    """Mailboxes shared with me (R11): cached from the CRM, never published from here."""
    from desktop.models.shared import KIND_SHARED

    return {r[0] for r in Mailbox.select(Mailbox.id).where(Mailbox.kind == KIND_SHARED).tuples()}


def mark_filed_due(message_ids: Iterable[int]) -> int:
    """``mark_due`` for those of ``message_ids`` whose CRM copy may have to change: the
    filed ones, those published before (to be updated or withdrawn) and all of a shared
    mailbox. For the pairing and re-pairing steps, which touch many messages at once."""
    ids = sorted({int(i) for i in message_ids})
    if not ids or connected_account() is None:
        return 0
    from desktop.models.mail import MailboxShare

    shared = {r[0] for r in MailboxShare.select(MailboxShare.mailbox).tuples()}
    wanted: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        wanted.update(
            r[0]
            for r in Filing.select(Filing.message)
            .where(Filing.message.in_(chunk) & (Filing.removed == False))  # noqa: E712
            .tuples()
        )
        wanted.update(
            r[0]
            for r in Publication.select(Publication.message)
            .where(Publication.message.in_(chunk))
            .tuples()
        )
        if shared:
            wanted.update(
                r[0]
                for r in Message.select(Message.id)
                .where(Message.id.in_(chunk) & Message.mailbox.in_(list(shared)))
                .tuples()
            )
    return mark_due(wanted)


def queue_batch(mailbox: Any, changes: Any) -> None:
    """The import pipeline's publish step: new messages and those whose filings or
    signals the earlier steps changed (inherited filings of older replies too)."""
    mark_filed_due({*changes.added, *changes.filings, *changes.signals})


def waiting_count() -> int:
    """Messages whose CRM copy is not in line yet (due or being posted)."""
    return Publication.select().where(Publication.state.in_([DUE, POSTING])).count()


def failed_publications() -> list[Publication]:
    return list(Publication.select().where(Publication.state == FAILED).order_by(Publication.id))


def publication_error(message_id: int) -> str | None:
    """Why a message could not be published (shown on the message), or None."""
    row = Publication.get_or_none(Publication.message == message_id)
    return row.error if row is not None and row.state == FAILED else None


# -- what the CRM should hold -------------------------------------------------------------


def _is_shared(mailbox_id: int) -> bool:
    from desktop.models.mail import MailboxShare

    return MailboxShare.select().where(MailboxShare.mailbox == mailbox_id).exists()


def _addresses(pairs: Iterable[Iterable[str]] | None) -> str:
    out = []
    for pair in pairs or []:
        name, addr = [*pair, "", ""][:2]
        out.append(f"{name} <{addr}>" if name else addr)
    return ", ".join(out)


# -- reading one message's state, thousands of times per run ----------------------------

_SENTINEL = -7_301_955_001  # stands for the message id in a query compiled once
_compiled: dict[str, tuple[str, list[Any]]] = {}


def _rows(name: str, query_for: Callable[[int], Any], fields: tuple, message_id: int) -> list:
    """Rows of a query built by peewee once and then run with each message id: building
    the SQL costs far more than SQLite's answer, and a run reads thousands of messages.
    Values are converted as peewee would (``python_value``)."""
    cached = _compiled.get(name)
    if cached is None:
        cached = _compiled[name] = query_for(_SENTINEL).sql()
    sql, params = cached
    cursor = database.execute_sql(sql, [message_id if p == _SENTINEL else p for p in params])
    return [
        tuple(f.python_value(v) for f, v in zip(fields, row, strict=True))
        for row in cursor.fetchall()
    ]


_FILING_FIELDS = (Filing.object_kind, Filing.object_id, Filing.source)
_SIGNAL_FIELDS = (Signal.object_kind, Signal.object_id)
_BODY_FIELDS = (MessageBody.text, MessageBody.html)
_ATTACHMENT_FIELDS = (Attachment.filename, Attachment.size, Attachment.content_type)
_MESSAGE_FIELDS = (
    Message.mailbox,
    Message.deleted_locally,
    Message.subject,
    Message.from_addr,
    Message.from_name,
    Message.to,
    Message.cc,
    Message.date,
    Message.snippet,
    Message.message_id,
    Message.seen,
    Message.direction,
)


def _filed(message_id: int) -> dict[str, int]:
    rows = _rows(
        "filed",
        lambda i: (
            Filing.select(*_FILING_FIELDS)
            .where((Filing.message == i) & (Filing.removed == False))  # noqa: E712
            .order_by(Filing.id)
        ),
        _FILING_FIELDS,
        message_id,
    )
    chosen: dict[str, tuple[tuple[int, int], int]] = {}
    for order, (kind, object_id, source) in enumerate(rows):
        rank = (_SOURCE_RANK.get(source, 9), order)
        if kind not in chosen or rank < chosen[kind][0]:
            chosen[kind] = (rank, object_id)
    return {kind: object_id for kind, (_, object_id) in chosen.items()}


def _hints(message_id: int) -> dict[str, int]:
    hints: dict[str, int] = {}
    for kind, object_id in _rows(
        "hints",
        lambda i: (
            Signal.select(*_SIGNAL_FIELDS)
            .where((Signal.message == i) & (Signal.state == "open"))
            .order_by(Signal.id)
        ),
        _SIGNAL_FIELDS,
        message_id,
    ):
        hints.setdefault(kind, object_id)
    return hints


def _body_html(text: str | None, html: str | None) -> str:
    if html:
        from desktop.render.sanitize import sanitize

        return sanitize(html[:MAX_BODY_CHARS]).html
    text = (text or "")[:MAX_BODY_CHARS]
    return f"<pre>{html_module.escape(text)}</pre>" if text else ""


def desired_copy(message_id: int) -> dict[str, Any] | None:
    """The fields the CRM copy of a message should have, or None: no copy at all."""
    found = _rows(
        "message",
        lambda i: Message.select(*_MESSAGE_FIELDS).where(Message.id == i),
        _MESSAGE_FIELDS,
        message_id,
    )
    if not found:
        return None
    (mailbox_id, deleted, subject, from_addr, from_name, to, cc, date, snippet, mid, seen,
     direction) = found[0]  # fmt: skip
    if deleted:
        return None
    filed = _filed(message_id)
    if not filed and not _is_shared(mailbox_id):
        return None
    # Not the raw message (it may be megabytes of attachments): only what is published.
    [(text, html)] = _rows(
        "body",
        lambda i: MessageBody.select(*_BODY_FIELDS).where(MessageBody.message == i),
        _BODY_FIELDS,
        message_id,
    ) or [(None, None)]
    attachments = [
        {"name": name, "size": size, "content_type": content_type}
        for name, size, content_type in _rows(
            "attachments",
            lambda i: (
                Attachment.select(*_ATTACHMENT_FIELDS)
                .where((Attachment.message == i) & (Attachment.inline == False))  # noqa: E712
                .order_by(Attachment.id)
            ),
            _ATTACHMENT_FIELDS,
            message_id,
        )
    ]
    hints = {k: v for k, v in _hints(message_id).items() if filed.get(k) != v}
    copy: dict[str, Any] = {
        "name": subject,
        "from": from_addr,
        "from_name": from_name,
        "to": _addresses(to),
        "cc": _addresses(cc),
        "email_datetime": date.isoformat(timespec="seconds") + "Z" if date else None,
        "short_desc": snippet,
        "description": _body_html(text, html),
        "text": (text or "")[:MAX_BODY_CHARS],
        "message_id": mid,
        "is_read": bool(seen),
        "is_mine_sent": direction == "sent",
        "attachments": attachments,
    }
    for kind in OBJECT_KINDS:
        copy[f"{kind}_id"] = filed.get(kind)
        copy[f"hint_{kind}_id"] = hints.get(kind)
    return copy


def _changed(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    old = old or {}
    return {k: v for k, v in new.items() if old.get(k) != v}


def _hints_made_real(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """Whether a hint published earlier is now the filing (an accepted signal)."""
    old = old or {}
    return any(
        old.get(f"hint_{kind}_id") is not None
        and old.get(f"hint_{kind}_id") == new.get(f"{kind}_id")
        for kind in OBJECT_KINDS
    )


# -- the CRM side (after commit) --------------------------------------------------------

_thread_lock = threading.Lock()


@contextlib.contextmanager
def _push_lock() -> Iterator[None]:
    """One publisher per profile at a time, across threads and processes (as the Outbox)."""
    path = Path(database.database)
    lock_path = path.with_name(path.name + ".publish.lock")
    with _thread_lock, open(lock_path, "a+b") as handle:
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            yield
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _connection_fields(mailbox: Mailbox) -> dict[str, Any]:
    from desktop.crm import sharing  # Caflou's users/privacy shape (R11)

    return {
        "name": mailbox.name,
        "username": mailbox.email,
        "from_name": mailbox.sender_name,
        "start_date": mailbox.import_from.isoformat() if mailbox.import_from else None,
        "enable_pairing": bool(mailbox.pairing_enabled),
        "enable_associations_hints": bool(mailbox.signals_enabled),
        "enable_short_desc": bool(mailbox.show_snippet),
        "signature": mailbox.signature_html,
        "reply_signature": bool(mailbox.signature_in_replies),
        **sharing.connection_sharing(mailbox.id),
    }


class _Publisher:
    def __init__(self, account: CrmAccount, client: api.CaflouClient) -> None:
        self.account = account
        self.client = client

    def path(self, rest: str) -> str:
        return f"/api/v1/{self.account.account_id}/{rest}"

    # connections and folders: found again before ever being created twice

    def connection(self, mailbox: Mailbox) -> CrmConnection:
        known = CrmConnection.get_or_none(
            (CrmConnection.mailbox == mailbox.id)
            & (CrmConnection.crm_account == self.account.account_id)
        )
        if known is not None:
            return known
        fields = _connection_fields(mailbox)
        remote = None
        for conn in self.client.pages("email_connections", what="read the e-mail connections"):
            if (
                str(conn.get("username", "")).lower() == mailbox.email.lower()
                and conn.get("name") == mailbox.name
                and str(conn.get("is_owner", "true")).lower() != "false"
            ):
                remote = conn
                break
        if remote is None:
            remote = self.client.request(
                "POST",
                self.path("email_connections"),
                json=fields,
                what="register the mailbox in the CRM",
            )
        with database.atomic():
            CrmConnection.delete().where(CrmConnection.mailbox == mailbox.id).execute()
            return CrmConnection.create(
                mailbox=mailbox.id,
                crm_account=self.account.account_id,
                remote_id=int(remote["id"]),
                published=fields,
            )

    def folder(self, folder: Folder) -> int:
        known = CrmFolder.get_or_none(CrmFolder.folder == folder.id)
        if known is not None:
            return known.remote_id
        connection = self.connection(folder.mailbox)
        name = folder.display_name or folder.remote_name
        rest = f"email_connections/{connection.remote_id}/email_folders"
        remote = next(
            (
                f
                for f in self.client.pages(rest, what="read the CRM's folders")
                if f.get("name") == name
            ),
            None,
        )
        if remote is None:
            remote = self.client.request(
                "POST",
                self.path(rest),
                json={"name": name, "icon": folder.role or ""},
                what="create the folder in the CRM",
            )
        CrmFolder.create(folder=folder.id, connection=connection, remote_id=int(remote["id"]))
        return int(remote["id"])

    def messages_path(self, folder_remote: int, message: Message) -> str:
        connection = self.connection(message.mailbox)
        return (
            f"email_connections/{connection.remote_id}/email_folders/{folder_remote}/email_messages"
        )

    # one message

    def find_posted(self, rest: str, copy: dict[str, Any]) -> int | None:
        """The copy a create that died before its answer was stored may have made."""
        for remote in self.client.pages(rest, what="read the CRM's messages"):
            if copy.get("message_id") and remote.get("message_id") == copy["message_id"]:
                return int(remote["id"])
            if not copy.get("message_id") and all(
                remote.get(k) == copy.get(k) for k in ("from", "email_datetime", "name")
            ):
                return int(remote["id"])
        return None

    # one message: worked out here (store reads and writes, on the publishing thread),
    # sent by _Task.send (HTTP only, possibly on one of the pool's threads), recorded by
    # finish (on the publishing thread again)

    def _remote_ids(self, message_id: int) -> tuple[int, str]:
        """The message's CRM folder id and messages path, from a per-run cache (one
        publishing run touches a few folders and thousands of messages)."""
        cache = self.__dict__.setdefault("_folder_cache", {})
        [(folder_id,)] = _rows(
            "folder",
            lambda i: Message.select(Message.folder).where(Message.id == i),
            (Message.folder,),
            message_id,
        )
        if folder_id not in cache:
            message = Message.get_by_id(message_id)
            folder_remote = self.folder(Folder.get_by_id(folder_id))
            cache[folder_id] = (folder_remote, self.messages_path(folder_remote, message))
        return cache[folder_id]

    def prepare(self, row: Publication) -> _Task | str:
        """What one row needs: a _Task of requests, or what was done without any."""
        copy = desired_copy(row.message)
        if copy is None:
            if row.remote_id is None:
                _save(row, state=DONE, remote_id=None, published=None, error=None)
                return "none"
            return _Task(
                row,
                "withdraw",
                copy,
                [("DELETE", self.path(f"email_messages/{row.remote_id}"), None)],
            )
        folder_remote, rest = self._remote_ids(row.message)
        remote_id = row.remote_id
        if remote_id is None and row.state == POSTING:
            remote_id = self.find_posted(rest, copy)
            if remote_id is not None:
                _save(row, remote_id=remote_id, published={})
                row.published = {}
        if remote_id is None:
            _save(row, state=POSTING, remote_folder=folder_remote)  # committed before the POST
            return _Task(row, "create", copy, [("POST", self.path(rest), copy)])
        requests: list[tuple[str, str, dict[str, Any] | None]] = []
        if _hints_made_real(row.published, copy):
            requests.append(("POST", self.path(f"email_messages/{remote_id}/make_hint_real"), None))
        changes = _changed(row.published, copy)
        if changes:
            requests.append(("PATCH", self.path(f"{rest}/{remote_id}"), changes))
        if not requests:
            _save(row, state=DONE, remote_id=remote_id, published=copy, error=None)
            return "none"
        task = _Task(row, "update", copy, requests)
        task.remote_id = remote_id
        return task

    def finish(self, task: _Task) -> str:
        """Record what the CRM answered for one task (after its requests)."""
        row = task.row
        if task.kind == "withdraw":
            _save(row, state=DONE, remote_id=None, published=None, error=None)
            return "withdrawn"
        if task.kind == "create":
            _save(row, state=DONE, remote_id=task.remote_id, published=task.copy, error=None)
            return "published"
        if task.gone:
            # 404 on the PATCH: the CRM copy is gone (deleted there): publish it afresh.
            _save(row, state=DUE, remote_id=None, published=None)
            return "again"
        _save(row, state=DONE, remote_id=task.remote_id, published=task.copy, error=None)
        return "published"

    def bring_in_line(self, row: Publication) -> str:
        """Create, update or withdraw one message's copy, here and now."""
        task = self.prepare(row)
        if isinstance(task, str):
            return task
        task.send(self.client)
        done = self.finish(task)
        if done == "again":
            return self.bring_in_line(Publication.get_by_id(row.id))
        return done


class _Task:
    """The requests one row needs. ``send`` only talks HTTP (no store access), so that
    several can run at once; the row is recorded afterwards by _Publisher.finish."""

    def __init__(
        self,
        row: Publication,
        kind: str,
        copy: dict[str, Any] | None,
        requests: list[tuple[str, str, dict[str, Any] | None]],
    ) -> None:
        self.row = row
        self.kind = kind  # create | update | withdraw
        self.copy = copy
        self.requests = requests
        self.remote_id: int | None = None
        self.gone = False  # the CRM copy to update was not found (404)

    def send(self, client: api.CaflouClient) -> None:
        whats = {
            "create": "publish the message to the CRM",
            "update": "update the message in the CRM",
            "withdraw": "withdraw the message from the CRM",
        }
        for method, path, body in self.requests:
            what = whats[self.kind]
            if path.endswith("/make_hint_real"):
                what = "accept the CRM's suggestion"
            try:
                answer = client.request(method, path, json=body, what=what)
            except InvalidInput:
                if method == "DELETE":
                    continue  # 404: gone already
                if method == "PATCH":
                    self.gone = True
                    return
                raise
            if self.kind == "create":
                self.remote_id = int(answer["id"])


def _save(row: Publication, **fields: Any) -> None:
    fields["updated_at"] = utcnow()
    Publication.update(**fields).where(Publication.id == row.id).execute()
    for key, value in fields.items():
        setattr(row, key, value)


class PlanWithoutMail(HolubError):
    """The Caflou account's plan has no e-mail (R14): nothing can be published."""


def plan_allows_mail(account: CrmAccount) -> bool:
    """Whether the account's plan (as read at sign-in and at the last pull) has e-mail."""
    return api.plan_allows_mail({"plan": account.plan})


def plan_message(account: CrmAccount) -> str:
    """Which plans have e-mail, said of this account."""
    return api.plan_message({"name": account.account_name, "plan": account.plan})


def _backoff(attempts: int) -> timedelta:
    return min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** max(0, attempts - 1))


# Requests in flight at once while publishing: the round trips overlap, while the store
# work (what each copy holds, recording the answers) stays on one thread.
CONCURRENT_REQUESTS = 4


def publish_pending(
    *,
    client: api.CaflouClient | None = None,
    now: datetime | None = None,
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    concurrency: int | None = None,
) -> PushResult:
    """Bring every due message's CRM copy in line (those not waiting out a backoff).

    Raises AuthenticationError when the CRM refuses the sign-in (nothing is lost: the
    rows stay due). Other failures are recorded on the rows. With ``concurrency`` > 1
    (and no ``client`` given) up to that many requests are in flight at once, each row
    still handled by exactly one of them.
    """
    result = PushResult()
    account = connected_account()
    if account is None:
        return result
    if not plan_allows_mail(account):
        # R14: said plainly before any request, not as a CRM error per message later.
        raise PlanWithoutMail(plan_message(account))
    with _push_lock():
        workers = 1 if client is not None else max(1, concurrency or CONCURRENT_REQUESTS)
        now = now or utcnow()
        query = (
            Publication.select()
            .where(
                Publication.state.in_([DUE, POSTING])
                & (Publication.next_attempt_at.is_null() | (Publication.next_attempt_at <= now))
            )
            .order_by(Publication.id)
        )
        if limit is not None:
            query = query.limit(limit)
        rows = list(query)
        if not rows:  # the common case after a mark-read: no keyring, no request
            result.waiting = waiting_count()
            return result
        if client is None:
            client = api.client_for(account)
        publisher = _Publisher(account, client)
        if workers == 1:
            _publish_serially(publisher, rows, now, result, should_stop)
        else:
            _publish_concurrently(publisher, account, rows, now, result, should_stop, workers)
    result.waiting = waiting_count()
    return result


def _count(result: PushResult, done: str) -> None:
    if done == "published":
        result.published += 1
    elif done == "withdrawn":
        result.withdrawn += 1


def _failed(row: Publication, exc: HolubError, now: datetime, result: PushResult) -> bool:
    """Record a row's failure; True when the run must stop (the CRM is down)."""
    if isinstance(exc, AuthenticationError):
        raise exc
    if isinstance(exc, (ConnectionFailed, ServerError)):
        # The CRM is down or throttling past the client's own retries: wait.
        attempts = row.attempts + 1
        _save(row, attempts=attempts, next_attempt_at=now + _backoff(attempts), error=str(exc))
        log.info("publishing stopped: %s", exc)
        result.stopped_by = str(exc)
        return True
    # 403 (PermissionDenied) and other refusals: shown on the message, not retried.
    _save(row, state=FAILED, error=str(exc))
    result.failed += 1
    return False


def _publish_serially(
    publisher: _Publisher,
    rows: list[Publication],
    now: datetime,
    result: PushResult,
    should_stop: Callable[[], bool] | None,
) -> None:
    for row in rows:
        if should_stop is not None and should_stop():
            break  # the window is closing: the rest stays due for the next run
        try:
            done = publisher.bring_in_line(row)
        except HolubError as exc:
            if _failed(row, exc, now, result):
                break
            continue
        _count(result, done)


def _publish_concurrently(
    publisher: _Publisher,
    account: CrmAccount,
    rows: list[Publication],
    now: datetime,
    result: PushResult,
    should_stop: Callable[[], bool] | None,
    workers: int,
) -> None:
    """Prepare and record on this thread; send on a pool of ``workers`` threads, each
    with its own HTTP client (connections are not shared between threads)."""
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    local = threading.local()

    def send(task: _Task) -> None:
        if not hasattr(local, "client"):
            local.client = api.client_for(account)
        task.send(local.client)

    pending = list(reversed(rows))
    in_flight: dict[Future, _Task] = {}
    stop = False
    auth_error: AuthenticationError | None = None
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="publish") as pool:
        while pending or in_flight:
            while not stop and pending and len(in_flight) < workers * 2:
                if should_stop is not None and should_stop():
                    stop = True
                    break
                row = pending.pop()
                try:
                    task = publisher.prepare(row)
                except HolubError as exc:
                    if isinstance(exc, AuthenticationError):
                        auth_error, stop = exc, True
                        break
                    stop = _failed(row, exc, now, result) or stop
                    continue
                if isinstance(task, str):
                    _count(result, task)
                    continue
                in_flight[pool.submit(send, task)] = task
                time.sleep(0)  # let a waiting GUI thread have the interpreter now
            if not in_flight:
                if stop or not pending:
                    break
                continue
            finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
            for future in finished:
                task = in_flight.pop(future)
                exc = future.exception()
                if exc is None:
                    done = publisher.finish(task)
                    if done == "again":
                        pending.append(Publication.get_by_id(task.row.id))
                    else:
                        _count(result, done)
                elif isinstance(exc, AuthenticationError):
                    auth_error, stop = exc, True
                elif isinstance(exc, HolubError):
                    stop = _failed(task.row, exc, now, result) or stop
                else:
                    raise exc
    if auth_error is not None:
        raise auth_error


# -- after a sync, after a filing in the window (never failing the caller) -------------

# Set when the CRM refused the stored sign-in during a push, cleared by the next push or
# pull that got through: the window's status bar then says "sign in again".
_sign_in_refused = False


@dataclass
class PushOutcome:
    """What a background push did: its result, or why it could not run (one line)."""

    result: PushResult | None = None
    error: str | None = None
    sign_in_refused: bool = False


def publish_quietly(should_stop: Callable[[], bool] | None = None) -> PushOutcome:
    """``publish_pending`` for the sync and the window: never raises, so publishing can
    never fail a sync; failures stay recorded on the rows and are returned as text."""
    global _sign_in_refused
    try:
        result = publish_pending(should_stop=should_stop)
    except AuthenticationError as exc:
        _sign_in_refused = True
        return PushOutcome(error=str(exc), sign_in_refused=True)
    except HolubError as exc:
        return PushOutcome(error=str(exc))
    except Exception as exc:  # a bug must not take the sync down with it; logged
        log.exception("publishing failed")
        return PushOutcome(error=str(exc) or type(exc).__name__)
    if result.published or result.withdrawn:
        _sign_in_refused = False  # the CRM took the sign-in (a run with nothing due asks not)
    return PushOutcome(result=result, error=result.stopped_by)


def note_sign_in_refused() -> None:
    """A pull found the stored sign-in refused: the status bar says "sign in again"."""
    global _sign_in_refused
    _sign_in_refused = True


def note_sign_in_ok() -> None:
    """A pull or a new sign-in got through: forget an earlier refusal."""
    global _sign_in_refused
    _sign_in_refused = False


@dataclass
class CrmState:
    """The CRM's state for the status bar and the CRM menu."""

    connected: bool = False
    base_url: str = ""
    email: str = ""
    account_name: str = ""
    plan: str = ""
    plan_allows_mail: bool = True
    plan_message: str = ""
    last_pull_at: datetime | None = None
    waiting: int = 0
    failed: int = 0
    sign_in_refused: bool = False


def crm_state() -> CrmState:
    """Read the CRM's state from the store (run it off the GUI thread)."""
    account = connected_account()
    if account is None:
        return CrmState()
    return CrmState(
        connected=True,
        base_url=account.base_url,
        email=account.email,
        account_name=account.account_name,
        plan=account.plan,
        plan_allows_mail=plan_allows_mail(account),
        plan_message="" if plan_allows_mail(account) else plan_message(account),
        last_pull_at=account.last_pull_at,
        waiting=waiting_count(),
        failed=Publication.select().where(Publication.state == FAILED).count(),
        sign_in_refused=_sign_in_refused,
    )
