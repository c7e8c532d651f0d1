"""The one interface every kind of mailbox implements, and the registry by kind.

A provider turns a mailbox of its kind into rows in the store through the one import
path (``desktop.sync.store.store_batch``), sends mail, and tells the outbox whether
the server files a sent copy itself. It classifies its own failures into the
``desktop.errors`` classes: ``AuthenticationError`` (stop and ask the user: wrong
password, revoked or expired sign-in), ``transient`` errors (``ConnectionFailed``,
``ServerError``: retry with backoff, resume where the last batch committed), and
data errors (a message that cannot be parsed is stored raw, never dropped).

Holub only reads the provider's mailbox (R2): the one write a provider may make is
sending, and appending the sent copy where the server does not file it itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.changes import ChangeSet
from desktop.errors import HolubError
from desktop.models.mail import Mailbox

# (folder name, done, total) — the CLI prints it, the window shows it.
Progress = Callable[[str, int, int], None]


class MailProvider(Protocol):
    """What the rest of Holub may ask of a mailbox's provider."""

    #: The mailbox kind it serves (``Mailbox.kind``: "imap", "gmail", "graph").
    kind: str

    def verify(self, mailbox: Mailbox) -> None:
        """One real call with the stored credentials (IMAP+SMTP login; Gmail
        ``users/me/profile``; Graph ``/me``). Raises a HolubError saying what is wrong."""
        ...

    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ChangeSet:
        """Bring the store up to date with the mailbox's Inbox and Sent: the first
        import from ``mailbox.import_from``, then only what changed (new messages,
        flag changes and removals keyed by ``remote_id``). Each batch is committed with
        the folder's resume point. Returns what changed; raises HolubError."""
        ...

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        """Submit one RFC 5322 message (Bcc already stripped from ``raw``) to
        ``recipients``. Raises HolubError with the server's own words on refusal."""
        ...

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        """Whether the server puts a copy of submitted mail into Sent by itself
        (Gmail, Graph, Microsoft 365 SMTP); if not, the outbox appends one."""
        ...


class SentFolder(Protocol):
    """The server's Sent folder, where the outbox looks for and appends sent copies."""

    def contains(self, message_id: str) -> bool: ...

    def append(self, raw: bytes) -> None: ...

    def close(self) -> None: ...


class HasSentFolder(Protocol):
    """Optional: a provider whose outbox can reach the Sent folder itself (IMAP).

    ``sent_folder`` returns it (opened lazily), or None when the mailbox has none; it
    raises AuthenticationError when the stored credentials are missing. With it the
    outbox checks Sent before resending a message a crash may have sent, and appends
    the sent copy unless ``files_sent_itself``. A provider without it (Gmail, Graph)
    files sent mail itself, and a send a crash interrupted is left for the user to retry.
    """

    def sent_folder(self, mailbox: Mailbox) -> SentFolder | None: ...


def sent_folder_of(provider: MailProvider, mailbox: Mailbox) -> SentFolder | None:
    """The provider's Sent folder for ``mailbox``, if it offers one (see HasSentFolder)."""
    opener = getattr(provider, "sent_folder", None)
    return opener(mailbox) if opener is not None else None


@dataclass(frozen=True)
class SignedIn:
    """The outcome of an OAuth sign-in, before the mailbox row exists."""

    email: str  # from the provider's own profile call (Gmail users/me/profile, Graph /me)
    sender_name: str
    # What the provider needs to sign in again without the user (a refresh token, or
    # msal's serialized token cache). Goes to the keyring only, never to the store.
    secret: str


class OAuthProvider(MailProvider, Protocol):
    """A provider whose mailboxes sign in through the browser (Gmail, Graph).

    The secret is kept with ``desktop.secrets`` under ``secrets.MAILBOX_OAUTH`` for the
    mailbox; a refresh that fails for good raises ``errors.SignInRequired`` (the
    mailbox shows "needs sign-in"; other mailboxes go on syncing).
    """

    def sign_in(
        self,
        *,
        login_hint: str | None = None,
        device_code: bool = False,
        show: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SignedIn:
        """Run the interactive sign-in: the system browser with a loopback redirect
        (``webbrowser``, so ``$BROWSER`` is honoured), or the device-code flow, whose
        instructions go to ``show``. Blocks until done or ``cancel`` is set. Raises
        HolubError in plain words (no client id configured, consent refused, admin
        consent required — with the R5 help text)."""
        ...


_registry: dict[str, MailProvider] = {}


def register(provider: MailProvider) -> None:
    """Make ``provider`` the one for its kind (each provider module registers itself)."""
    _registry[provider.kind] = provider


def provider_for(mailbox: Mailbox | str) -> MailProvider:
    """The provider of a mailbox (or of a kind); a plain HolubError for an unknown kind."""
    kind = mailbox if isinstance(mailbox, str) else mailbox.kind
    if kind not in _registry:
        _load_builtin()
    try:
        return _registry[kind]
    except KeyError:
        raise HolubError(f"Holub cannot sync mailboxes of the kind {kind!r}.") from None


def has_provider(kind: str) -> bool:
    """Whether mailboxes of ``kind`` sync at all (not, e.g., mail imported from files)."""
    if kind not in _registry:
        _load_builtin()
    return kind in _registry


_builtin_lock = threading.Lock()


def _load_builtin() -> None:
    # Imported on first use, so a command that never syncs never imports the
    # HTTP and OAuth libraries. Each module calls register() at import.
    import importlib

    with _builtin_lock:
        for name in ("imap", "gmail", "graph", "shared", "demo"):
            try:
                importlib.import_module(f"desktop.sync.providers.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"desktop.sync.providers.{name}":
                    raise
