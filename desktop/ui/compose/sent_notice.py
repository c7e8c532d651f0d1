"""A quiet line in the status bar when the Outbox has sent a message, and the server's
words when it could not (the message then waits in the Outbox; issue 7)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from desktop.models.mail import Outbox
from desktop.ui.compose.sending import outbox_events

SENT_SHOWN_MS = 5_000
FAILED_SHOWN_MS = 20_000


class SentNotice(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        outbox_events().finished.connect(self._finished)

    @Slot(int, str, str)
    def _finished(self, outbox_id: int, state: str, error: str) -> None:
        # One row by its key: the subject for the line.
        row = Outbox.get_or_none(Outbox.id == outbox_id)
        subject = (row.subject if row else "") or self.tr("(no subject)")
        if state == "sent":
            self.bar.showMessage(self.tr("Sent: %1").replace("%1", subject), SENT_SHOWN_MS)
        elif state == "failed":
            reason = (error or self.tr("unknown error")).rstrip(". ")
            self.bar.showMessage(
                self.tr("Not sent: %1 — %2. It waits in the Outbox.")
                .replace("%1", subject)
                .replace("%2", reason),
                FAILED_SHOWN_MS,
            )
