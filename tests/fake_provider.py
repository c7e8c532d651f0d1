"""A tiny provider of a made-up kind, for testing the seam's plumbing while Gmail and Graph
land separately.

It is a real provider as far as Holub can tell: registered in the real registry, its
sign-in secret kept in the real keyring, its mail stored through ``store_batch``,
``update_flags`` and ``remove_remote_ids`` into a real SQLite store. Only the "server"
is a few Python lists: accounts with Inbox and Sent, and a refresh token that the test
can revoke (then every call raises SignInRequired, as Gmail and Graph do).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop import secrets
from desktop.changes import ChangeSet
from desktop.errors import AuthenticationError, HolubError, SignInRequired
from desktop.models.mail import ROLE_INBOX, ROLE_SENT, Folder, Mailbox
from desktop.sync.providers import base
from desktop.sync.store import FetchedMessage, remove_remote_ids, store_batch, update_flags

KIND = "test-oauth"


@dataclass
class ServerMessage:
    remote_id: str
    raw: bytes
    flags: list[str] = field(default_factory=list)


@dataclass
class Account:
    email: str
    name: str
    token: str
    folders: dict[str, list[ServerMessage]] = field(
        default_factory=lambda: {ROLE_INBOX: [], ROLE_SENT: []}
    )


class FakeProvider:
    kind = KIND

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.calls: list[tuple[str, str]] = []  # (what, e-mail)
        self.refuse_verify = False  # the first call after sign-in fails (e.g. no consent)
        self.signed_in = threading.Event()  # set when sign_in is waiting or done
        self.hold_sign_in: threading.Event | None = None  # sign_in waits for it (or cancel)

    # -- the "server" side ------------------------------------------------------------

    def add_account(self, email: str, name: str) -> Account:
        account = Account(email=email, name=name, token=f"refresh-{email}")
        self.accounts[email] = account
        return account

    def deliver(self, email: str, role: str, remote_id: str, subject: str) -> None:
        raw = (
            f"From: Petr <petr@example.cz>\r\nTo: {email}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{remote_id}@fake.test>\r\nDate: Wed, 02 Dec 2026 09:00:00 +0100\r\n"
            f"\r\n{subject}\r\n"
        ).encode()
        self.accounts[email].folders[role].append(ServerMessage(remote_id, raw))

    # -- MailProvider / OAuthProvider ---------------------------------------------------

    def sign_in(self, *, login_hint=None, device_code=False, show=None, cancel=None):
        if device_code and show is not None:
            show("To sign in, open https://login.fake.test/device and enter the code FAKE-123.")
        self.signed_in.set()
        if self.hold_sign_in is not None:
            while not self.hold_sign_in.wait(0.05):
                if cancel is not None and cancel.is_set():
                    raise HolubError("The sign-in was cancelled.")
        account = self.accounts.get(login_hint or "") or next(iter(self.accounts.values()))
        self.calls.append(("sign_in", account.email))
        return base.SignedIn(email=account.email, sender_name=account.name, secret=account.token)

    def _account(self, mailbox: Mailbox) -> Account:
        token = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id)
        account = self.accounts.get(mailbox.email)
        if account is None or not token:
            raise AuthenticationError(f"No sign-in is stored for {mailbox.name}.")
        if token != account.token:
            raise SignInRequired(f"The sign-in of {mailbox.email} expired; sign in again.")
        return account

    def verify(self, mailbox: Mailbox) -> None:
        account = self._account(mailbox)
        self.calls.append(("verify", account.email))
        if self.refuse_verify:
            raise AuthenticationError("The provider refused: the administrator has not consented.")

    def sync(self, mailbox: Mailbox, progress=None, cancel=None) -> ChangeSet:
        account = self._account(mailbox)
        self.calls.append(("sync", account.email))
        changes = ChangeSet()
        for role, items in account.folders.items():
            folder, _ = Folder.get_or_create(
                mailbox=mailbox, remote_name=role.upper(), defaults={"role": role}
            )
            changes.folders.add(folder.id)
            on_server = {m.remote_id for m in items}
            stored = {m.remote_id for m in folder.messages}
            changes.merge(remove_remote_ids(folder, stored - on_server))
            changes.merge(update_flags(folder, {m.remote_id: m.flags for m in items}))
            new = [
                FetchedMessage(remote_id=m.remote_id, raw=m.raw, flags=m.flags)
                for m in items
                if m.remote_id not in stored
            ]
            if new:
                changes.merge(store_batch(folder, new))
            if progress is not None:
                progress(role.upper(), len(new), len(new))
        return changes

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        account = self._account(mailbox)
        self.calls.append(("send", account.email))
        number = sum(len(v) for v in account.folders.values()) + 1
        account.folders[ROLE_SENT].append(ServerMessage(f"sent{number}", raw, ["\\Seen"]))

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        return True


def install(monkeypatch) -> FakeProvider:
    """Register a fresh FakeProvider and make ``account add --type test`` reach it."""
    from desktop.cli import account as account_cli

    provider = FakeProvider()
    monkeypatch.setitem(base._registry, KIND, provider)
    monkeypatch.setitem(account_cli.OAUTH_TYPES, "test", KIND)
    return provider
