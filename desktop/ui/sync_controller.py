"""When mailboxes sync, from the window's side (R12): on start, after a mailbox is
added, every 30-minute slot, and on Refresh (at most once per 5 minutes).

Owns the SyncManager (one thread per mailbox) and remembers the last error per
mailbox. The engine records ``last_sync_at`` / ``last_error`` itself; the
controller only records a manual refresh, in the write queue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.changes import ChangeSet
from desktop.crm.publish import CrmState, PushOutcome, crm_state, publish_quietly
from desktop.models.base import utcnow
from desktop.models.mail import KIND_LOCAL, Mailbox
from desktop.services import mailboxes as mailbox_service
from desktop.sync import schedule
from desktop.sync.worker import SyncFunction, SyncManager
from desktop.ui import dates
from desktop.ui.background import run_in_background, run_write

# A filing in the window is published this long after it (a burst is one run).
PUBLISH_DELAY_MS = 1000


class SyncController(QObject):
    # Something about the syncs changed (started, progressed, finished, failed).
    stateChanged = Signal()
    syncStarted = Signal(int)  # mailbox id
    # A mailbox finished: its id and everything the sync committed (merged).
    mailboxSynced = Signal(int, object)
    # The CRM's state was read again (desktop.crm.publish.CrmState).
    crmStateChanged = Signal(object)

    def __init__(
        self,
        sync_fn: SyncFunction | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock or utcnow  # naive UTC, like the store
        self.manager = SyncManager(sync_fn, self)
        self.errors: dict[int, tuple[str, str]] = {}
        self._recording: set[int] = set()  # manual refresh being recorded, then started
        self.manager.finished.connect(self._finished)
        self.manager.failed.connect(self._failed)
        self.manager.running_changed.connect(self.stateChanged)
        self.schedule_timer = QTimer(self)
        self.schedule_timer.setSingleShot(True)
        self.schedule_timer.timeout.connect(self._scheduled)
        self.arm_schedule()
        # Publishing (R9): after every sync and shortly after a filing or an accepted
        # signal (coalesced), in the publisher's thread, never on the GUI thread.
        self.publisher = self.manager.publisher
        self.publisher.fn = publish_quietly
        self.publisher.published.connect(self._published)
        self.crm_state: CrmState | None = None
        self.publish_error: str | None = None
        self._publish_timer = QTimer(self)
        self._publish_timer.setSingleShot(True)
        self._publish_timer.setInterval(PUBLISH_DELAY_MS)
        self._publish_timer.timeout.connect(self.publish_now)
        self.refresh_crm_state()

    # --- starting ------------------------------------------------------------
    def start(self, mailbox_id: int) -> bool:
        started = self.manager.start(mailbox_id)
        if started:
            self.syncStarted.emit(mailbox_id)
        self.stateChanged.emit()
        return started

    def is_busy(self, mailbox_id: int) -> bool:
        return self.manager.is_running(mailbox_id) or mailbox_id in self._recording

    def sync_due_at_start(self) -> None:
        """Sync every mailbox whose last sync is older than the last 30-minute slot."""
        now_local, now_utc = datetime.now(), self.clock()
        run_in_background(
            lambda: mailbox_service.due_at_start(now_local, now_utc),
            lambda ids: [self.start(mid) for mid in ids],
            owner=self,
        )

    def arm_schedule(self) -> None:
        seconds = schedule.seconds_until_next_slot(datetime.now())
        self.schedule_timer.start(int(seconds * 1000) + 500)

    def _scheduled(self) -> None:
        for mailbox_id in mailbox_service.syncable_ids():
            self.start(mailbox_id)
        self.arm_schedule()

    # --- manual refresh (R12) ------------------------------------------------
    @staticmethod
    def syncable(mailbox: Mailbox | None) -> bool:
        return mailbox is not None and mailbox.kind != KIND_LOCAL

    @staticmethod
    def refresh_available_at(mailbox: Mailbox, now: datetime) -> datetime:
        return schedule.manual_refresh_available_at(mailbox.last_manual_refresh_at, now)

    def refresh_state(self, mailbox: Mailbox | None) -> tuple[bool, str, int | None]:
        """Whether Refresh applies to ``mailbox`` now, the tooltip saying why (not), and
        in how many ms to look again (the 5-minute limit running out). The texts keep
        the window's translation context, where their translations are."""
        if not self.syncable(mailbox):
            if mailbox is not None:
                return (
                    False,
                    QCoreApplication.translate("MainWindow", "Imported mail is not synchronised"),
                    None,
                )
            return (
                False,
                QCoreApplication.translate("MainWindow", "Choose a mailbox to refresh"),
                None,
            )
        now = self.clock()
        available = self.refresh_available_at(mailbox, now)
        if self.is_busy(mailbox.id):
            tip = QCoreApplication.translate("MainWindow", "Synchronising %1…")
            return False, tip.replace("%1", mailbox.name), None
        if available > now:
            tip = QCoreApplication.translate(
                "MainWindow", "Refresh is possible once every 5 minutes; available again at %1"
            )
            wait_ms = int((available - now).total_seconds() * 1000) + 50
            return False, tip.replace("%1", dates.time_of(available)), max(wait_ms, 50)
        tip = QCoreApplication.translate("MainWindow", "Synchronise %1 now (F5)")
        return True, tip.replace("%1", mailbox.name), None

    def refresh(self, mailbox: Mailbox | None) -> None:
        if not self.syncable(mailbox) or self.is_busy(mailbox.id):
            return
        now = self.clock()
        if not schedule.manual_refresh_allowed(mailbox.last_manual_refresh_at, now):
            self.stateChanged.emit()
            return
        mailbox_id = mailbox.id
        self._recording.add(mailbox_id)

        def recorded(_changes: ChangeSet | None) -> None:
            self._recording.discard(mailbox_id)
            self.start(mailbox_id)

        def failed(_message: str) -> None:
            self._recording.discard(mailbox_id)
            self.start(mailbox_id)

        run_write(
            lambda: mailbox_service.record_manual_refresh(mailbox_id, now),
            recorded,
            failed,
            owner=self,
        )
        self.stateChanged.emit()

    # --- outcomes ------------------------------------------------------------
    def _finished(self, mailbox_id: int, changes: ChangeSet) -> None:
        self.errors.pop(mailbox_id, None)
        self.stateChanged.emit()
        self.mailboxSynced.emit(mailbox_id, changes)
        self.publish_now()

    # --- publishing to the CRM (R9) --------------------------------------------
    def publish_now(self) -> None:
        """Publish what waits, unless no Caflou account is connected (known from the
        last state read; unknown counts as connected: the run finds out off-thread)."""
        self._publish_timer.stop()
        if self.crm_state is not None and not self.crm_state.connected:
            return
        self.publisher.request()

    def store_changed(self, changes: ChangeSet) -> None:
        """Every change-set the window applies (from the bus, or a filing dialog): when
        messages, filings or signals changed (a manual filing, an accepted signal, a sync
        batch), their Publication rows were written with them: publish shortly after."""
        if changes.filings or changes.signals or changes.updated or changes.added:
            self._publish_timer.start()

    def _published(self, outcome: PushOutcome | str) -> None:
        self.publish_error = outcome if isinstance(outcome, str) else outcome.error
        self.refresh_crm_state()

    def refresh_crm_state(self) -> None:
        """Read the CRM's state off the GUI thread; ``crmStateChanged`` carries it."""
        run_in_background(crm_state, self._crm_state_read, owner=self)

    def _crm_state_read(self, state: CrmState) -> None:
        first = self.crm_state is None
        self.crm_state = state
        self.crmStateChanged.emit(state)
        if first and state.connected and state.waiting:
            self.publish_now()  # left waiting by the last session (closed, or crashed)

    def _failed(self, mailbox_id: int, message: str, details: str) -> None:
        self.errors[mailbox_id] = (message, details)
        self.stateChanged.emit()

    def stop(self, mailbox_id: int) -> None:
        """Stop one mailbox's sync (before it is removed), waiting for it to end."""
        thread = self.manager._threads.get(mailbox_id)
        if thread is not None:
            thread.cancel_event.set()
            thread.wait(5000)

    def cancel_all(self) -> bool:
        return self.manager.cancel_all()
