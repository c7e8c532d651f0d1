"""Sync threads for the GUI (the only Qt in desktop/sync, and QtCore only).

One QThread per mailbox runs ``desktop.sync.engine.sync_mailbox`` (which hands the
mailbox to its provider, desktop/sync/providers) and reports
through queued signals: progress(mailbox, folder, done, total), finished with
the ChangeSet, or failed with a plain message and the details. The GUI thread
never touches the network.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from desktop.changes import ChangeSet
from desktop.models.db import database
from desktop.sync.cancel import CancelToken

log = logging.getLogger(__name__)

SyncFunction = Callable[..., ChangeSet]


def default_sync_function() -> SyncFunction:
    from desktop.sync.engine import sync_mailbox  # imported late: owned by the engine

    return sync_mailbox


class MailboxSyncThread(QThread):
    progress = Signal(int, str, int, int)  # mailbox id, folder, done, total
    succeeded = Signal(int, object)  # mailbox id, ChangeSet
    failed = Signal(int, str, str)  # mailbox id, message, details

    def __init__(self, mailbox_id: int, sync_fn: SyncFunction, parent=None) -> None:
        super().__init__(parent)
        self.mailbox_id = mailbox_id
        self.sync_fn = sync_fn
        # Setting it also hangs up the sync's connection (desktop/sync/cancel.py).
        self.cancel_event = CancelToken()

    def run(self) -> None:
        try:
            database.connect(reuse_if_open=True)
            try:
                changes = self.sync_fn(
                    self.mailbox_id,
                    lambda folder, done, total: self.progress.emit(
                        self.mailbox_id, str(folder), int(done), int(total)
                    ),
                    self.cancel_event,
                )
            finally:
                database.close()
        except Exception as exc:
            log.warning("sync of mailbox %s failed: %s", self.mailbox_id, exc)
            self.failed.emit(
                self.mailbox_id, str(exc) or type(exc).__name__, traceback.format_exc()
            )
            return
        self.succeeded.emit(self.mailbox_id, changes if changes is not None else ChangeSet())


class SyncManager(QObject):
    """Starts at most one sync per mailbox and forwards the threads' signals."""

    progress = Signal(int, str, int, int)
    finished = Signal(int, object)
    failed = Signal(int, str, str)
    running_changed = Signal()

    def __init__(self, sync_fn: SyncFunction | None = None, parent=None) -> None:
        super().__init__(parent)
        self._sync_fn = sync_fn
        self._threads: dict[int, MailboxSyncThread] = {}
        # Publishing to the CRM after syncs and filings (owned here so that stopping the
        # syncs at exit stops it too).
        self.publisher = PublishRunner(self)

    def is_running(self, mailbox_id: int | None = None) -> bool:
        if mailbox_id is None:
            return bool(self._threads)
        return mailbox_id in self._threads

    def start(self, mailbox_id: int) -> bool:
        if mailbox_id in self._threads:
            return False
        fn = self._sync_fn or default_sync_function()
        thread = MailboxSyncThread(mailbox_id, fn, self)
        thread.progress.connect(self.progress)
        thread.succeeded.connect(self._on_succeeded)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(lambda mid=mailbox_id: self._forget(mid))
        self._threads[mailbox_id] = thread
        thread.start()
        self.running_changed.emit()
        return True

    def _on_succeeded(self, mailbox_id: int, changes: ChangeSet) -> None:
        self.finished.emit(mailbox_id, changes)

    def _on_failed(self, mailbox_id: int, message: str, details: str) -> None:
        self.failed.emit(mailbox_id, message, details)

    def _forget(self, mailbox_id: int) -> None:
        thread = self._threads.pop(mailbox_id, None)
        if thread is not None:
            thread.deleteLater()
        self.running_changed.emit()

    def cancel_all(self, wait_ms: int = 5000) -> bool:
        """Stop every sync; True when all of them ended within ``wait_ms``.

        Cancelling hangs up the connections, so a sync normally ends at once. One still
        running after ``wait_ms`` is in a call nothing can interrupt (a DNS lookup, a TLS
        handshake): it is handed over to ``_outliving`` to end on its own, since Qt
        aborts the process when a running QThread is destroyed with its parent.
        """
        threads = list(self._threads.values())
        for thread in threads:
            thread.cancel_event.set()
        all_ended = self.publisher.stop(wait_ms)
        for thread in threads:
            if thread.wait(wait_ms):
                continue
            all_ended = False
            log.warning("sync of mailbox %s is still ending; not waiting", thread.mailbox_id)
            self._threads.pop(thread.mailbox_id, None)
            thread.finished.disconnect()
            thread.setParent(None)
            _outliving.add(thread)
            thread.finished.connect(lambda t=thread: _outliving.discard(t))
        return all_ended


#: Sync threads that outlived their manager (see SyncManager.cancel_all).
_outliving: set[QThread] = set()


def wait_for_outliving(wait_ms: int) -> bool:
    """At exit: give threads that outlived their manager ``wait_ms`` to end."""
    for thread in list(_outliving):
        if thread.wait(wait_ms):
            _outliving.discard(thread)
    return not _outliving


# What a PublishRunner runs: ``fn(should_stop=…)`` returning its outcome, never raising
# (desktop.crm.publish.publish_quietly, handed in by the window: sync does not import crm).
PublishFunction = Callable[..., object]


class _PublishThread(QThread):
    done = Signal(object)  # the function's outcome, or a str: why it could not run

    def __init__(self, fn: PublishFunction, parent=None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.stop_event = CancelToken()

    def run(self) -> None:
        try:
            database.connect(reuse_if_open=True)
            try:
                outcome = self.fn(should_stop=self.stop_event.is_set)
            finally:
                database.close()
        except Exception as exc:  # the store itself failed: reported, never raised
            log.warning("publishing failed: %s", exc)
            outcome = str(exc) or type(exc).__name__
        self.done.emit(outcome)


class PublishRunner(QObject):
    """Publishes filed mail to the CRM (R9) in its own thread, one run at a time.

    ``request()`` while a run is going marks one more run, so what was filed during it
    is published right after; requests never pile up. ``published`` carries each run's
    PushOutcome (on the GUI thread, via the queued signal).
    """

    published = Signal(object)
    running_changed = Signal()

    def __init__(self, parent=None, fn: PublishFunction | None = None) -> None:
        super().__init__(parent)
        self.fn = fn  # set by the window; without it, request() does nothing
        self._thread: _PublishThread | None = None
        self._again = False
        self._stopping = False

    def is_running(self) -> bool:
        return self._thread is not None

    def request(self) -> None:
        if self._stopping or self.fn is None:
            return
        if self._thread is not None:
            self._again = True
            return
        thread = _PublishThread(self.fn, self)
        thread.done.connect(self._done)
        thread.finished.connect(self._ended)
        self._thread = thread
        thread.start()
        self.running_changed.emit()

    def _done(self, outcome: object) -> None:
        self.published.emit(outcome)

    def _ended(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.deleteLater()
        self.running_changed.emit()
        if self._again and not self._stopping:
            self._again = False
            self.request()

    def stop(self, wait_ms: int = 5000) -> bool:
        """Stop after the message being published (the rest stays due); True if ended."""
        self._stopping = True
        thread = self._thread
        if thread is None:
            return True
        thread.stop_event.set()
        if thread.wait(wait_ms):
            return True
        thread.finished.disconnect()
        thread.setParent(None)
        _outliving.add(thread)
        thread.finished.connect(lambda t=thread: _outliving.discard(t))
        return False
