"""The Outbox view: every message waiting, being sent, sent or failed, with Retry.

The outbox is small (messages leave it as they are sent), so it is reloaded whole
whenever the outbox changes; sending itself runs on a pool thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HolubError
from desktop.ui.compose.row_table import ID_ROLE, RowTable
from desktop.ui.compose.sending import outbox_events, start_sending


class OutboxView(QWidget):
    """A table of outbox rows (state, recipients, subject, attempts, the server's words)."""

    refreshed = Signal()
    retryStarted = Signal(int)

    def __init__(self, mailbox_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mailbox_id = mailbox_id
        self.setWindowTitle(self.tr("Outbox"))
        self.table = RowTable(
            [
                self.tr("State"),
                self.tr("To"),
                self.tr("Subject"),
                self.tr("Tries"),
                self.tr("Server's answer"),
            ],
            stretch_column=4,
            parent=self,
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Delete the failed message without sending it"))
        self.discard_button.clicked.connect(self.discard_selected)
        self.empty_label = QLabel(self.tr("The outbox is empty."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.states = {
            "queued": self.tr("Queued"),
            "sending": self.tr("Sending"),
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
        }
        outbox_events().changed.connect(self.refresh)
        self.refresh()

    def row_ids(self) -> list[int]:
        return self.table.row_ids()

    def select_id(self, outbox_id: int) -> None:
        self.table.select_id(outbox_id)

    def selected_id(self) -> int | None:
        return self.table.selected_id()

    def row_state(self, outbox_id: int) -> str:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item.data(ID_ROLE) == outbox_id:
                return item.data(Qt.ItemDataRole.UserRole)
        return ""

    @Slot()
    def refresh(self) -> None:
        from desktop.sync.outbox import list_outbox

        rows = list_outbox(self.mailbox_id)
        table_rows = []
        for row in rows:
            state = QTableWidgetItem(self.states.get(row.state, row.state))
            state.setData(Qt.ItemDataRole.UserRole, row.state)
            answer = QTableWidgetItem(row.error or "")
            answer.setToolTip(row.error or "")
            cells = [
                state,
                QTableWidgetItem(", ".join(row.recipients)),
                QTableWidgetItem(row.subject),
                QTableWidgetItem(str(row.attempts)),
                answer,
            ]
            table_rows.append((row.id, cells))
        self.table.fill(table_rows)
        self.empty_label.setVisible(not rows)
        self._update_buttons()
        self.refreshed.emit()

    def _update_buttons(self) -> None:
        outbox_id = self.selected_id()
        failed = outbox_id is not None and self.row_state(outbox_id) == "failed"
        self.retry_button.setEnabled(failed)
        self.discard_button.setEnabled(failed)

    @Slot()
    def retry_selected(self) -> None:
        from desktop.sync.outbox import retry

        outbox_id = self.selected_id()
        if outbox_id is None:
            return
        try:
            row = retry(outbox_id)
        except HolubError as exc:
            self.empty_label.setText(str(exc))
            self.empty_label.setVisible(True)
            return
        self.retry_button.setEnabled(False)
        self.retryStarted.emit(outbox_id)
        start_sending(row.mailbox_id, [row.id])
        self.refresh()

    @Slot()
    def discard_selected(self) -> None:
        from desktop.sync.outbox import discard

        outbox_id = self.selected_id()
        if outbox_id is None:
            return
        try:
            discard(outbox_id)
        except HolubError as exc:
            self.empty_label.setText(str(exc))
            self.empty_label.setVisible(True)
            return
        outbox_events().changed.emit()
