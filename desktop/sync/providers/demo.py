"""The demo mailbox's provider: a mail "server" made of two Maildirs in the profile.

The demo (``--demo``) must be able to send without reaching the network, yet through the
very path real mail takes: compose → Outbox (queued, sending, sent) → the provider's
``send`` → the sent copy appended to the server's Sent folder → the next sync brings
that copy into the store, where it takes over the row shown at once (as with IMAP).

So this provider is a real one, only its server is local: ``send`` delivers the message
into ``demo-server/delivered`` (the recipients' side, where it stays to be looked at),
``sent_folder`` is ``demo-server/Sent`` (searched by Message-ID, appended to by the
outbox, since this "server" does not file sent mail itself), and ``sync`` imports that
Sent Maildir into the mailbox's Sent folder in the store. Nothing leaves the machine.
"""

from __future__ import annotations

import email.parser
import email.policy
import logging
import mailbox as maildir_lib
import os
import threading
from pathlib import Path

from desktop.changes import ChangeSet
from desktop.errors import HolubError
from desktop.models.db import database
from desktop.models.mail import ROLE_SENT, Folder, Mailbox
from desktop.sync.providers.base import Progress, register

log = logging.getLogger(__name__)

KIND_DEMO = "demo"
SERVER_DIR = "demo-server"
BATCH_SIZE = 200


def server_root() -> Path:
    """The demo "server" of the open profile: beside its store."""
    return Path(database.database).resolve().parent / SERVER_DIR


def _maildir(name: str) -> maildir_lib.Maildir:
    try:
        server_root().mkdir(mode=0o700, exist_ok=True)  # private mail, like the profile
        box = maildir_lib.Maildir(server_root() / name, create=True)
    except OSError as exc:
        raise HolubError(f"The demo mailbox cannot write its {name} folder: {exc}") from exc
    if os.name == "nt":
        box.colon = "!"  # Maildir's ":2,S" is not a valid file name on Windows
    return box


def _message_id(raw: bytes) -> str:
    headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    return str(headers.get("Message-ID", "")).strip()


class DemoSentFolder:
    """``demo-server/Sent``: what the outbox searches and appends to (base.SentFolder)."""

    def __init__(self) -> None:
        self.box = _maildir("Sent")

    def contains(self, message_id: str) -> bool:
        keys = self.box.iterkeys()
        return any(_message_id(self.box.get_bytes(key)) == message_id for key in keys)

    def append(self, raw: bytes) -> None:
        message = maildir_lib.MaildirMessage(raw)
        message.set_subdir("cur")
        message.add_flag("S")  # \Seen, like the IMAP append
        try:
            self.box.add(message)
        except OSError as exc:
            raise HolubError(f"The demo mailbox could not file the sent copy: {exc}") from exc

    def close(self) -> None:
        self.box.close()


class DemoProvider:
    """Sends into the local sink, files sent copies in its Sent, syncs them back."""

    kind = KIND_DEMO

    def verify(self, mailbox: Mailbox) -> None:
        _maildir("Sent").close()
        _maildir("delivered").close()

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        if not recipients:
            raise HolubError("The message has no recipients.")
        box = _maildir("delivered")
        try:
            box.add(maildir_lib.MaildirMessage(raw))
        except OSError as exc:
            raise HolubError(f"The demo mailbox could not deliver the message: {exc}") from exc
        finally:
            box.close()
        log.info("%s: delivered to the demo sink for %s", mailbox.name, ", ".join(recipients))

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        return False  # the outbox appends the copy, as for an ordinary IMAP server

    def sent_folder(self, mailbox: Mailbox) -> DemoSentFolder:
        return DemoSentFolder()

    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ChangeSet:
        """Import the sink's Sent into the store's Sent folder (idempotent on the key);
        the demo's Inbox is the shipped sample mail, imported once when it was built."""
        from desktop.sync.store import FetchedMessage, store_batch

        folder = ensure_sent_folder(mailbox)
        changes = ChangeSet(folders={folder.id}, mailboxes={mailbox.id})
        box = _maildir("Sent")
        try:
            keys = sorted(box.keys())
            for start in range(0, len(keys), BATCH_SIZE):
                if cancel is not None and cancel.is_set():
                    break
                batch = [
                    FetchedMessage(remote_id=key, raw=box.get_bytes(key), flags=("\\Seen",))
                    for key in keys[start : start + BATCH_SIZE]
                ]
                changes.merge(store_batch(folder, batch))
                if progress:
                    progress(folder.remote_name, min(start + BATCH_SIZE, len(keys)), len(keys))
        finally:
            box.close()
        return changes


def ensure_sent_folder(mailbox: Mailbox) -> Folder:
    """The demo mailbox's Sent folder in the store (made when missing)."""
    folder, _ = Folder.get_or_create(
        mailbox=mailbox,
        remote_name="Sent",
        defaults={"display_name": "Sent", "role": ROLE_SENT},
    )
    return folder


register(DemoProvider())
