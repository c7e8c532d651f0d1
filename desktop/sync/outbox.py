"""The outbox: a message is stored before it is sent, and sent once.

States: queued → sending → sent | failed (``error`` holds the server's words,
``attempts`` counts tries). The rules that make "never lost, never twice" hold:

1. ``queue_message`` commits the raw bytes to the store before any network traffic.
2. A row is claimed by moving it to "sending" (and counting the attempt) in one
   committed UPDATE before the SMTP transaction starts, and moved to "sent" in one
   committed UPDATE as soon as the server accepts the DATA.
3. All sending in a profile runs under one exclusive file lock (released by the OS
   when a process dies), so a row found in "sending" while holding the lock was left
   by a run that crashed mid-send. Whether that run's message went out is unknown, so
   the Sent folder on the IMAP server is searched for its Message-ID (``UID SEARCH
   HEADER Message-ID``) before sending again; found → it is marked sent, not resent.
   Any row tried before (attempts > 0) gets the same check on retry, so a failure
   that happened after the server took the message (lost connection waiting for the
   reply) does not send it twice either.
4. After sending, the message is appended to Sent (flag \\Seen) unless the server files
   sent mail there by itself: Gmail and Microsoft 365 do (a per-provider rule, since
   their copy may appear only after a delay), and for any other server Holub searches
   Sent for the Message-ID once right after sending and appends only when it is not
   there. A failed append is retried by the next ``send_pending`` (the message stays
   "sent"; ``appended_to_sent`` tells), again searching first so it is appended once.

The one window left is a crash between the server accepting DATA and the "sent" commit
on a server that does not file sent mail itself: that message may go out twice. It is
milliseconds wide; closing it would need the server's help (no SMTP server offers it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from desktop.errors import AuthenticationError, HolubError
from desktop.models.base import utcnow
from desktop.models.db import database
from desktop.models.mail import KIND_IMAP, Mailbox, Outbox
from desktop.sync import smtp
from desktop.sync.compose import envelope_recipients, serialise

log = logging.getLogger(__name__)

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"

# SMTP hosts whose providers put a copy of every sent message into Sent themselves.
AUTO_FILING_HOSTS = (
    "smtp.gmail.com",
    "smtp.googlemail.com",
    "smtp.office365.com",
    "smtp-mail.outlook.com",
    "outlook.office365.com",
)


# --- queueing -----------------------------------------------------------------------------


def queue_message(mailbox: Mailbox, msg: EmailMessage) -> Outbox:
    """Store ``msg`` (Bcc stripped from the bytes, kept as envelope recipients) as queued."""
    message_id = str(msg.get("Message-ID", "")).strip()
    if not message_id:
        raise HolubError("The message has no Message-ID; build it with compose.build_message.")
    recipients = envelope_recipients(msg)
    if not recipients:
        raise HolubError("The message has no recipients.")
    raw = serialise(msg)
    now = utcnow()
    with database.atomic():
        row = Outbox.create(
            mailbox=mailbox,
            message_id=message_id,
            raw=raw,
            recipients=recipients,
            subject=str(msg.get("Subject", "")),
            state=QUEUED,
            created_at=now,
            updated_at=now,
        )
    return row


def retry(outbox_id: int) -> Outbox:
    """Put a failed message back in the queue (``send_pending`` then sends it)."""
    row = Outbox.get_or_none(Outbox.id == outbox_id)
    if row is None:
        raise HolubError(f"There is no outbox message with id {outbox_id}.")
    if row.state == SENT:
        raise HolubError(f"Outbox message {outbox_id} was already sent.")
    if row.state == FAILED:
        Outbox.update(state=QUEUED, updated_at=utcnow()).where(
            (Outbox.id == outbox_id) & (Outbox.state == FAILED)
        ).execute()
    return Outbox.get_by_id(outbox_id)


def discard(outbox_id: int) -> None:
    """Delete a message that is waiting or failed (the user gives it up or edits it).

    Rows being sent or already sent are kept: they are the record of what went out.
    """
    deleted = (
        Outbox.delete()
        .where((Outbox.id == outbox_id) & (Outbox.state.in_([QUEUED, FAILED])))
        .execute()
    )
    if not deleted:
        row = Outbox.get_or_none(Outbox.id == outbox_id)
        if row is None:
            raise HolubError(f"There is no outbox message with id {outbox_id}.")
        raise HolubError(f"Outbox message {outbox_id} is {row.state}; it cannot be discarded.")


def list_outbox(mailbox_id: int | None = None) -> list[Outbox]:
    query = Outbox.select().order_by(Outbox.created_at.desc(), Outbox.id.desc())
    if mailbox_id is not None:
        query = query.where(Outbox.mailbox == mailbox_id)
    return list(query)


# --- the Sent folder ------------------------------------------------------------------------


class SentFolder(Protocol):
    """Where sent copies live on the server (IMAP for IMAP mailboxes)."""

    def contains(self, message_id: str) -> bool: ...

    def append(self, raw: bytes) -> None: ...

    def close(self) -> None: ...


class ImapSentFolder:
    """The mailbox's Sent folder over IMAP: EXAMINE + UID SEARCH, and APPEND."""

    def __init__(self, mailbox: Mailbox, password: str) -> None:
        self.mailbox = mailbox
        self.password = password
        self._client = None
        self._name: str | None = None

    def _connect(self):
        if self._client is None:
            from desktop.sync.imap import find_folder_roles, open_connection

            self._client = open_connection(self.mailbox, self.password)
            self._name = find_folder_roles(self._client).get("sent")
        return self._client

    @property
    def name(self) -> str | None:
        self._connect()
        return self._name

    def contains(self, message_id: str) -> bool:
        client = self._connect()
        if not self._name:
            return False
        try:
            # Read-only (EXAMINE): Holub never changes flags on the server (R2).
            client.select_folder(self._name, readonly=True)
            uids = client.search(["HEADER", "Message-ID", message_id])
        except Exception as exc:
            raise _imap_error(exc, self.mailbox) from exc
        return bool(uids)

    def append(self, raw: bytes) -> None:
        client = self._connect()
        if not self._name:
            raise HolubError("The mailbox has no Sent folder on the server to copy the message to.")
        try:
            client.append(self._name, raw, flags=[b"\\Seen"])
        except Exception as exc:
            raise _imap_error(exc, self.mailbox) from exc

    def close(self) -> None:
        if self._client is not None:
            from desktop.sync.imap import close_connection

            close_connection(self._client)
            self._client = None


def _imap_error(exc: Exception, mailbox: Mailbox) -> HolubError:
    from desktop.sync.net import describe_network_error

    if isinstance(exc, OSError | HolubError):
        return describe_network_error(exc, mailbox.imap_host, mailbox.imap_port, "IMAP server")
    return HolubError(f"The IMAP server {mailbox.imap_host} refused: {exc}")


def files_sent_automatically(mailbox: Mailbox) -> bool:
    """Providers known to copy submitted mail into Sent themselves."""
    host = (mailbox.smtp_host or "").lower().rstrip(".")
    return host in AUTO_FILING_HOSTS


# --- sending ----------------------------------------------------------------------------------

_thread_lock = threading.Lock()


@contextlib.contextmanager
def _send_lock() -> Iterator[None]:
    """One sender per profile at a time, across threads and processes.

    The lock file sits beside the store; an OS file lock is dropped when its process
    dies, which is what lets a later run tell a crashed "sending" row from a live one.
    """
    path = Path(database.database)
    lock_path = path.with_name(path.name + ".outbox.lock")
    with _thread_lock, open(lock_path, "a+b") as handle:
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if os.name != "nt":
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _mark(row: Outbox, **fields: object) -> None:
    fields["updated_at"] = utcnow()
    Outbox.update(**fields).where(Outbox.id == row.id).execute()
    for key, value in fields.items():
        setattr(row, key, value)


def _password(mailbox: Mailbox) -> str:
    from desktop.secrets import MAILBOX_PASSWORD, get_secret

    password = get_secret(MAILBOX_PASSWORD, mailbox.id)
    if not password:
        raise AuthenticationError(
            f"No password is stored for the mailbox {mailbox.name}; add the mailbox again."
        )
    return password


def send_pending(
    mailbox_id: int,
    *,
    ids: Iterable[int] | None = None,
    password: str | None = None,
    sent_folder: SentFolder | None = None,
) -> list[Outbox]:
    """Send the mailbox's queued messages (and recover crashed ones); return them.

    ``ids`` limits the run to those outbox rows. Each row ends "sent" or "failed" with
    the reason; errors are recorded, not raised, except that a missing mailbox raises.
    """
    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    if mailbox is None:
        raise HolubError(f"There is no mailbox with id {mailbox_id}.")
    wanted = set(ids) if ids is not None else None
    with _send_lock():
        query = Outbox.select().where(
            (Outbox.mailbox == mailbox.id)
            & (
                Outbox.state.in_([QUEUED, SENDING])
                | ((Outbox.state == SENT) & (Outbox.appended_to_sent == False))  # noqa: E712
            )
        )
        rows = [r for r in query.order_by(Outbox.id) if wanted is None or r.id in wanted]
        if not rows:
            return []
        owned_folder = sent_folder is None
        try:
            if password is None:
                try:
                    password = _password(mailbox)
                except HolubError as exc:
                    for row in rows:
                        if row.state != SENT:
                            _mark(row, state=FAILED, error=str(exc))
                    return rows
            if sent_folder is None and mailbox.kind == KIND_IMAP and mailbox.imap_host:
                sent_folder = ImapSentFolder(mailbox, password)
            for row in rows:
                _process(mailbox, password, row, sent_folder)
        finally:
            if owned_folder and sent_folder is not None:
                sent_folder.close()
    return [Outbox.get_by_id(r.id) for r in rows]


def _process(mailbox: Mailbox, password: str, row: Outbox, sent: SentFolder | None) -> None:
    if row.state == SENT:
        _file_in_sent(mailbox, row, sent, check_first=True)
        return
    if row.state == SENDING or row.attempts > 0:
        # Left mid-send by a crash, or tried before: it may already have gone out.
        if sent is None:
            if row.state == SENDING:
                _mark(
                    row,
                    state=FAILED,
                    error="Holub stopped while sending this message and cannot check the "
                    "Sent folder; check with the recipients, then Retry to send it again.",
                )
                return
        else:
            try:
                found = sent.contains(row.message_id)
            except HolubError as exc:
                _mark(
                    row,
                    state=FAILED,
                    error=f"Could not check whether the message already went out: {exc}",
                )
                return
            if found:
                log.info("Outbox %s already in Sent; not sending again", row.id)
                _mark(row, state=SENT, error=None, sent_at=utcnow(), appended_to_sent=True)
                return
    # Claim the row: committed before the first byte goes to the SMTP server.
    claimed = (
        Outbox.update(state=SENDING, attempts=Outbox.attempts + 1, updated_at=utcnow())
        .where((Outbox.id == row.id) & (Outbox.state.in_([QUEUED, SENDING, FAILED])))
        .execute()
    )
    if not claimed:
        return
    row = Outbox.get_by_id(row.id)
    try:
        words = smtp.send_raw(mailbox, password, bytes(row.raw), mailbox.email, row.recipients)
    except HolubError as exc:
        _mark(row, state=FAILED, error=str(exc))
        return
    except Exception as exc:  # a bug must not leave the row claimed forever
        log.exception("Unexpected error sending outbox %s", row.id)
        _mark(row, state=FAILED, error=f"Unexpected error while sending: {exc}")
        return
    _mark(row, state=SENT, error=None, sent_at=utcnow())
    log.info("Outbox %s sent: %s", row.id, words)
    _file_in_sent(mailbox, row, sent, check_first=True)


def _file_in_sent(mailbox: Mailbox, row: Outbox, sent: SentFolder | None, *, check_first: bool):
    if sent is None or files_sent_automatically(mailbox):
        _mark(row, appended_to_sent=True)
        return
    try:
        if not (check_first and sent.contains(row.message_id)):
            sent.append(bytes(row.raw))
    except HolubError as exc:
        _mark(row, error=f"Sent, but not copied to the Sent folder yet: {exc}")
        return
    _mark(row, appended_to_sent=True, error=None)
