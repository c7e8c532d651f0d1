"""Sending outbox messages off the GUI thread.

``SendTask`` runs ``outbox.send_pending`` on a QThreadPool thread (the network never
touches the GUI thread) and reports each row's final state through ``outbox_events()``,
one QObject living on the GUI thread, so every open window and the Outbox view hear
about it through queued signal connections.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class OutboxEvents(QObject):
    """Application-wide outbox notifications (emitted from worker threads, queued)."""

    #: outbox id, state ("sent" | "failed" | ...), error text ("" when none)
    finished = Signal(int, str, str)
    #: anything in the outbox changed (queued, retried, finished)
    changed = Signal()
    #: a draft was saved, discarded or turned into an outbox message
    drafts_changed = Signal()


_events: OutboxEvents | None = None


def outbox_events() -> OutboxEvents:
    """The one OutboxEvents object (create it on the GUI thread first)."""
    global _events
    if _events is None:
        _events = OutboxEvents()
    return _events


class SendTask(QRunnable):
    """Send some outbox rows of one mailbox in a pool thread."""

    def __init__(self, mailbox_id: int, outbox_ids: list[int] | None = None) -> None:
        """``outbox_ids`` None: everything pending for the mailbox."""
        super().__init__()
        self.mailbox_id = mailbox_id
        self.outbox_ids = list(outbox_ids) if outbox_ids is not None else None
        self.events = outbox_events()

    def run(self) -> None:
        from desktop.models.db import database
        from desktop.models.mail import Outbox
        from desktop.services import sent_copies
        from desktop.sync.outbox import send_pending

        # What the user sends (compose, Retry) shows in Sent at once, marked as sending;
        # the copy loses the mark once sent and leaves Sent again if sending fails.
        # (Mail rules queue shows in Sent with the next sync, like any sent mail.)
        mine = self.outbox_ids or []
        results: list[tuple[int, str, str]] = []
        try:
            if mine:
                sent_copies.show_in_sent(
                    list(Outbox.select().where(Outbox.id.in_(mine) & (Outbox.state != "sent")))
                )
            rows = send_pending(self.mailbox_id, ids=self.outbox_ids)
            done = {row.id: row for row in rows}
            for outbox_id in self.outbox_ids if self.outbox_ids is not None else list(done):
                row = done.get(outbox_id)
                if row is None:
                    results.append((outbox_id, "unknown", ""))
                else:
                    results.append((outbox_id, row.state, row.error or ""))
        except Exception as exc:  # reported, never raised into Qt's thread pool
            log.exception("Sending failed")
            results = [(outbox_id, "failed", str(exc)) for outbox_id in mine]
        try:
            # Settled before anyone hears the outcome: a failed message is out of
            # Sent by the time the window says so.
            if mine:
                sent_copies.settle(list(Outbox.select().where(Outbox.id.in_(mine))))
        except Exception:  # never stands between the user and the Outbox's answer
            log.exception("Could not update the sent copies")
        finally:
            # Pool threads are reused: do not keep a connection to this store around.
            database.close()
        for outbox_id, state, error in results:
            self.events.finished.emit(outbox_id, state, error)
        self.events.changed.emit()


def start_sending(mailbox_id: int, outbox_ids: list[int]) -> None:
    outbox_events()  # make sure the notifier lives on the calling (GUI) thread
    QThreadPool.globalInstance().start(SendTask(mailbox_id, outbox_ids))


def resume_pending() -> list[int]:
    """Send what a previous run left queued or mid-send (call once at start-up).

    Returns the mailbox ids a send was started for. Crashed "sending" rows are checked
    against the server's Sent folder by the outbox before anything is sent again.
    """
    from desktop.models.mail import Outbox

    mailbox_ids = sorted(
        {
            row.mailbox_id
            for row in Outbox.select(Outbox.mailbox).where(
                Outbox.state.in_(["queued", "sending"])
                | ((Outbox.state == "sent") & (Outbox.appended_to_sent == False))  # noqa: E712
            )
        }
    )
    for mailbox_id in mailbox_ids:
        outbox_events()
        QThreadPool.globalInstance().start(SendTask(mailbox_id))
    return mailbox_ids
