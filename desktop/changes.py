"""What a committed store operation changed, and the one bus that carries it.

Every committed batch — of a sync, a file import, a CRM pull, a re-pair, a rule, a
user action — is described by one ``ChangeSet`` (Anki's ``OpChanges``, Mailspring's
deltas) and published on the application-wide ``bus`` *after* its transaction
commits. Views subscribe and refresh only what a change-set names.

Qt-free on purpose: ``models/``, ``sync/``, ``crm/`` and ``services/`` publish from
any thread; the window's subscriber (``desktop/ui``) hands the change-set over to
the GUI thread with a queued Qt signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class ChangeSet:
    """Ids of what changed; empty sets mean "nothing of that kind"."""

    # Message ids (Message.id) inserted, changed (flags, read, star, local delete,
    # labels, local folder) or gone from the store.
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    # Folder ids whose contents or counts changed.
    folders: set[int] = field(default_factory=set)
    # Message ids whose CRM filings / signals changed (pairing, rules, manual filing).
    filings: set[int] = field(default_factory=set)
    signals: set[int] = field(default_factory=set)
    # Mailbox ids whose own state changed (last sync, error, sign-in state, settings).
    mailboxes: set[int] = field(default_factory=set)
    # The CRM's objects (companies, projects, tasks, contacts, users) changed.
    crm: bool = False

    def merge(self, other: ChangeSet) -> ChangeSet:
        self.added += other.added
        self.updated += other.updated
        self.removed += other.removed
        self.folders |= other.folders
        self.filings |= other.filings
        self.signals |= other.signals
        self.mailboxes |= other.mailboxes
        self.crm = self.crm or other.crm
        return self

    @property
    def messages(self) -> bool:
        """Whether any message row was added, updated or removed."""
        return bool(self.added or self.updated or self.removed)

    def __bool__(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.removed
            or self.filings
            or self.signals
            or self.mailboxes
            or self.crm
        )


Subscriber = Callable[[ChangeSet], None]


class ChangeBus:
    """Publish/subscribe for change-sets. Subscribers run on the publishing thread.

    A subscriber that raises is logged and skipped: one broken view must not stop
    the others (or the sync that published) from going on.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber``; returns the function that removes it again."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: ChangeSet) -> None:
        """Deliver a committed change-set to every subscriber (nothing if it is empty)."""
        if not changes and not changes.folders:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:
                log.exception("a change-set subscriber failed")


# The application-wide bus.
bus = ChangeBus()
