"""The Drafts view: every unsent message saved while it was written, to go on with it.

Drafts are saved to the store as the user types (the compose window's autosave), so
closing a compose window, or a crash, never loses one; this view is where they are
found again. There are few drafts, so the table is reloaded whole when they change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.mail import Draft, Mailbox
from desktop.ui import dates
from desktop.ui.compose.row_table import RowTable
from desktop.ui.compose.sending import outbox_events


class DraftsView(QWidget):
    """A table of drafts (mailbox, recipients, subject, last edit) with Open and Discard."""

    draftActivated = Signal(int)  # Draft id: the main window opens it in a compose window
    refreshed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drafts"))
        self.table = RowTable(
            [self.tr("Mailbox"), self.tr("To"), self.tr("Subject"), self.tr("Edited")],
            stretch_column=2,
            parent=self,
        )
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
        return self.table.row_ids()

    def select_id(self, draft_id: int) -> None:
        self.table.select_id(draft_id)

    def selected_id(self) -> int | None:
        return self.table.selected_id()

    @Slot()
    def refresh(self) -> None:
        names = {m.id: m.name for m in Mailbox.select(Mailbox.id, Mailbox.name)}
        drafts = list(Draft.select().order_by(Draft.updated_at.desc(), Draft.id.desc()))
        no_subject = self.tr("(no subject)")
        self.table.fill(
            [
                (
                    draft.id,
                    [
                        QTableWidgetItem(names.get(draft.mailbox_id, "")),
                        QTableWidgetItem(draft.to),
                        QTableWidgetItem(draft.subject or no_subject),
                        QTableWidgetItem(dates.date_time(draft.updated_at)),
                    ],
                )
                for draft in drafts
            ]
        )
        self.empty_label.setVisible(not drafts)
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
