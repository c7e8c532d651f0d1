"""The "Signals" view: open suggestions, accepted or dismissed one or many at once (R7)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import service
from desktop.ui.background import run_in_background
from desktop.ui.crm.chips import kind_label


class SignalsView(QWidget):
    """``changed(ChangeSet)`` after accept/dismiss; ``messageActivated(id)`` on double-click."""

    changed = Signal(object)
    messageActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None, mailbox_id: int | None = None) -> None:
        super().__init__(parent)
        self.mailbox_id = mailbox_id
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("From"),
                self.tr("Subject"),
                self.tr("Suggestion"),
                self.tr("Why"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.accept_button.setToolTip(self.tr("File the selected messages (A)"))
        self.dismiss_button.setToolTip(self.tr("Forget the selected suggestions (D)"))
        self.status = QLabel(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self.accept_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        QShortcut(QKeySequence("A"), self.table, self.accept_selected)
        QShortcut(QKeySequence("D"), self.table, self.dismiss_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._activated)
        self._busy = False
        self.refresh()

    def refresh(self) -> None:
        rows = service.list_signals("open", self.mailbox_id)
        self.table.setRowCount(len(rows))
        names: dict[tuple[str, int], str] = {}
        for r, sig in enumerate(rows):
            key = (sig.object_kind, sig.object_id)
            if key not in names:
                names[key] = service.object_name(*key)
            msg = sig.message
            values = [
                msg.date.strftime("%Y-%m-%d %H:%M") if msg.date else "",
                msg.from_name or msg.from_addr,
                msg.subject,
                f"{kind_label(sig.object_kind)}: {names[key]}",
                sig.reason,
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, sig.id)
                    item.setData(Qt.ItemDataRole.UserRole + 1, msg.id)
                self.table.setItem(r, c, item)
        self.status.setText(self.tr("%n open signal(s)", "", len(rows)))
        self._update_buttons()

    def signal_ids(self) -> list[int]:
        return [
            self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.table.rowCount())
        ]

    def selected_signal_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    def _update_buttons(self) -> None:
        has = bool(self.table.selectionModel().selectedRows()) and not self._busy
        self.accept_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def _activated(self, row: int, _column: int) -> None:
        self.messageActivated.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1))

    def accept_selected(self) -> None:
        self._apply(service.accept_signals)

    def dismiss_selected(self) -> None:
        self._apply(service.dismiss_signals)

    def _apply(self, action) -> None:
        # Accepting asks a connected CRM about each object (network): off the GUI thread.
        ids = self.selected_signal_ids()
        if not ids or self._busy:
            return
        self._busy = True
        self.accept_button.setEnabled(False)
        self.dismiss_button.setEnabled(False)
        run_in_background(lambda: action(ids), self._applied, self._refused, owner=self)

    def _applied(self, changes: object) -> None:
        self._busy = False
        self.error.hide()
        self.refresh()
        self.changed.emit(changes)

    def _refused(self, message: str) -> None:
        self._busy = False
        self.error.setText(message)
        self.error.show()
        self._update_buttons()
