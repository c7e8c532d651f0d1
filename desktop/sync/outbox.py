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

Sending goes through the mailbox's provider (``provider_for(mailbox).send``: SMTP,
Gmail's messages.send, Graph's sendMail). Rules 3 and 4 need the server's Sent folder,
which only providers that offer one have (IMAP: ``sent_folder``); Gmail and Graph file
sent mail themselves, and a send a crash interrupted there is left to the user's Retry.

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

from desktop.errors import HolubError
from desktop.models.base import utcnow
from desktop.models.db import database
from desktop.models.mail import Mailbox, Outbox
from desktop.sync.compose import envelope_recipients, serialise
from desktop.sync.providers import base

log = logging.getLogger(__name__)

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"

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


# Where sent copies live on the server: offered by providers that can reach it (IMAP).
SentFolder = base.SentFolder


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


def send_pending(
    mailbox_id: int,
    *,
    ids: Iterable[int] | None = None,
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
            provider = base.provider_for(mailbox)
            if sent_folder is None:
                sent_folder = base.sent_folder_of(provider, mailbox)
        except HolubError as exc:  # no credentials stored, an unknown kind
            for row in rows:
                if row.state != SENT:
                    _mark(row, state=FAILED, error=str(exc))
            return rows
        try:
            for row in rows:
                _process(mailbox, provider, row, sent_folder)
        finally:
            if owned_folder and sent_folder is not None:
                sent_folder.close()
    return [Outbox.get_by_id(r.id) for r in rows]


def _process(
    mailbox: Mailbox, provider: base.MailProvider, row: Outbox, sent: SentFolder | None
) -> None:
    if row.state == SENT:
        _file_in_sent(mailbox, provider, row, sent, check_first=True)
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
        provider.send(mailbox, bytes(row.raw), list(row.recipients))
    except HolubError as exc:
        _mark(row, state=FAILED, error=str(exc))
        return
    except Exception as exc:  # a bug must not leave the row claimed forever
        log.exception("Unexpected error sending outbox %s", row.id)
        _mark(row, state=FAILED, error=f"Unexpected error while sending: {exc}")
        return
    _mark(row, state=SENT, error=None, sent_at=utcnow())
    log.info("Outbox %s sent", row.id)
    _file_in_sent(mailbox, provider, row, sent, check_first=True)


def _file_in_sent(
    mailbox: Mailbox,
    provider: base.MailProvider,
    row: Outbox,
    sent: SentFolder | None,
    *,
    check_first: bool,
) -> None:
    if sent is None or provider.files_sent_itself(mailbox):
        _mark(row, appended_to_sent=True)
        return
    try:
        if not (check_first and sent.contains(row.message_id)):
            sent.append(bytes(row.raw))
    except HolubError as exc:
        _mark(row, error=f"Sent, but not copied to the Sent folder yet: {exc}")
        return
    _mark(row, appended_to_sent=True, error=None)
