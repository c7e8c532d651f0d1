"""The Drafts view: every unsent message saved while it was written, to go on with it.

Drafts are saved to the store as the user types (the compose window's autosave), so
closing a compose window, or a crash, never loses one; this view is where they are
found again. There are few drafts, so the table is reloaded whole when they change.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.mail import Draft, Mailbox
from desktop.ui.compose.sending import outbox_events

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _local_time(value: datetime | None) -> str:
    """A stored (naive UTC) time in the user's zone and locale's short format."""
    if value is None:
        return ""
    seconds = int(value.replace(tzinfo=UTC).timestamp())
    return QLocale().toString(
        QDateTime.fromSecsSinceEpoch(seconds).toLocalTime(), QLocale.FormatType.ShortFormat
    )


class DraftsView(QWidget):
    """A table of drafts (mailbox, recipients, subject, last edit) with Open and Discard."""

    draftActivated = Signal(int)  # Draft id: the main window opens it in a compose window
    refreshed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drafts"))
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Mailbox"), self.tr("To"), self.tr("Subject"), self.tr("Edited")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Go on writing this message"))
        self.open_button.clicked.connect(self.open_selected)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Delete the draft without sending it"))
        self.discard_button.clicked.connect(self.discard_selected)
        self.empty_label = QLabel(self.tr("No drafts."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        outbox_events().drafts_changed.connect(self.refresh)
        self.refresh()

    def row_ids(self) -> list[int]:
        return [self.table.item(r, 0).data(ID_ROLE) for r in range(self.table.rowCount())]

    def select_id(self, draft_id: int) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(ID_ROLE) == draft_id:
                self.table.selectRow(r)
                return

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return self.table.item(items[0].row(), 0).data(ID_ROLE)

    @Slot()
    def refresh(self) -> None:
        selected = self.selected_id()
        names = {m.id: m.name for m in Mailbox.select(Mailbox.id, Mailbox.name)}
        drafts = list(Draft.select().order_by(Draft.updated_at.desc(), Draft.id.desc()))
        self.table.setRowCount(len(drafts))
        no_subject = self.tr("(no subject)")
        for r, draft in enumerate(drafts):
            mailbox = QTableWidgetItem(names.get(draft.mailbox_id, ""))
            mailbox.setData(ID_ROLE, draft.id)
            cells = [
                mailbox,
                QTableWidgetItem(draft.to),
                QTableWidgetItem(draft.subject or no_subject),
                QTableWidgetItem(_local_time(draft.updated_at)),
            ]
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
        self.empty_label.setVisible(not drafts)
        if selected is not None:
            self.select_id(selected)
        self._update_buttons()
        self.refreshed.emit()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    @Slot()
    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.draftActivated.emit(draft_id)

    @Slot()
    def discard_selected(self) -> None:
        draft_id = self.selected_id()
        draft = Draft.get_or_none(Draft.id == draft_id) if draft_id is not None else None
        if draft is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard draft"),
            self.tr("Discard the draft “{subject}”? It cannot be brought back.").format(
                subject=draft.subject or self.tr("(no subject)")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        Draft.delete().where(Draft.id == draft.id).execute()
        outbox_events().drafts_changed.emit()
