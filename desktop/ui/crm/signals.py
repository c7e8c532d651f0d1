"""The "Signals" view: open suggestions, one row per message with its candidates (R7).

Accept files a message under its suggestion (one or many rows at once); a message
with several candidates shows them below the table, each with its own Accept —
accepting one dismisses the others. Dismiss forgets every suggestion of a row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
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
from desktop.ui import dates
from desktop.ui.background import run_in_background
from desktop.ui.crm.chips import kind_label
from desktop.ui.crm.reasons import reason_text


class SignalsView(QWidget):
    """``changed(ChangeSet)`` after accept/dismiss; ``messageActivated(id)`` on double-click."""

    changed = Signal(object)
    messageActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None, mailbox_id: int | None = None) -> None:
        super().__init__(parent)
        self.mailbox_id = mailbox_id
        self.table = QTableWidget(0, 5, self)
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
        self.accept_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        # The candidates of the current message, when it has more than one.
        self.candidates = QWidget(self)
        self.candidates.setObjectName("signalCandidates")
        self.candidate_row = QHBoxLayout(self.candidates)
        self.candidate_row.setContentsMargins(6, 0, 6, 0)
        self.candidates.hide()
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
        layout.addWidget(self.candidates)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self.accept_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        QShortcut(QKeySequence("A"), self.table, self.accept_selected)
        QShortcut(QKeySequence("D"), self.table, self.dismiss_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._activated)
        self._busy = False
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        # The language switch reaches an open view too.
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("From"),
                self.tr("Subject"),
                self.tr("Suggestion"),
                self.tr("Why"),
            ]
        )
        self.accept_button.setText(self.tr("Accept"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Forget the selected suggestions (D)"))

    def refresh(self) -> None:
        signals = service.list_signals("open", self.mailbox_id)
        # One row per message (newest first), its candidates in the order found.
        by_message: dict[int, list] = {}
        for sig in signals:
            by_message.setdefault(sig.message_id, []).append(sig)
        self.table.setRowCount(len(by_message))
        names: dict[tuple[str, int], str] = {}
        for r, group in enumerate(by_message.values()):
            for sig in group:
                key = (sig.object_kind, sig.object_id)
                if key not in names:
                    names[key] = service.object_name(*key)
            msg = group[0].message
            suggestions = " · ".join(
                f"{kind_label(sig.object_kind)}: {names[(sig.object_kind, sig.object_id)]}"
                for sig in group
            )
            values = [
                dates.date_time(msg.date),
                msg.from_name or msg.from_addr,
                msg.subject,
                suggestions,
                "; ".join(dict.fromkeys(reason_text(sig.reason) for sig in group if sig.reason)),
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c >= 2:  # subject, suggestion, why: often wider than their column
                    item.setToolTip(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, [sig.id for sig in group])
                    item.setData(Qt.ItemDataRole.UserRole + 1, msg.id)
                    item.setData(
                        Qt.ItemDataRole.UserRole + 2,
                        [
                            (sig.id, names[(sig.object_kind, sig.object_id)], sig.object_kind)
                            for sig in group
                        ],
                    )
                self.table.setItem(r, c, item)
        self.status.setText(self.tr("%n open signal(s)", "", len(by_message)))
        self._update_buttons()

    def _row_signals(self, row: int) -> list[int]:
        return list(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) or [])

    def signal_ids(self) -> list[int]:
        """The first candidate's signal id of each row (one row per message)."""
        return [self._row_signals(r)[0] for r in range(self.table.rowCount())]

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def selected_signal_ids(self) -> list[int]:
        """Every candidate of the selected rows."""
        return [sid for r in self._selected_rows() for sid in self._row_signals(r)]

    def _update_buttons(self) -> None:
        rows = self._selected_rows()
        has = bool(rows) and not self._busy
        several = [r for r in rows if len(self._row_signals(r)) > 1]
        self.accept_button.setEnabled(has and not several)
        self.accept_button.setToolTip(
            self.tr("Choose which suggestion to accept below")
            if several
            else self.tr("File the selected messages (A)")
        )
        self.dismiss_button.setEnabled(has)
        self._show_candidates(rows[0] if len(rows) == 1 else None)

    def _show_candidates(self, row: int | None) -> None:
        while self.candidate_row.count():
            item = self.candidate_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        group = (
            self.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 2) if row is not None else None
        )
        if not group or len(group) < 2:
            self.candidates.hide()
            return
        self.candidate_row.addWidget(QLabel(self.tr("Accept one:"), self.candidates))
        for sid, name, kind in group:
            button = QPushButton(f"{kind_label(kind)}: {name}", self.candidates)
            button.setObjectName(f"acceptCandidate_{sid}")
            button.setToolTip(self.tr("File the message here and dismiss the other suggestions"))
            button.setEnabled(not self._busy)
            button.clicked.connect(lambda _c=False, s=sid: self.accept_candidate(s))
            self.candidate_row.addWidget(button)
        self.candidate_row.addStretch(1)
        self.candidates.show()

    def accept_candidate(self, signal_id: int) -> None:
        """Accept one candidate of a message; its other candidates are dismissed."""
        others: list[int] = []
        for r in range(self.table.rowCount()):
            ids = self._row_signals(r)
            if signal_id in ids:
                others = [i for i in ids if i != signal_id]
        if self._busy:
            return

        def work():
            changes = service.accept_signals([signal_id])
            return changes.merge(service.dismiss_signals(others)) if others else changes

        self._start(work)

    def _activated(self, row: int, _column: int) -> None:
        self.messageActivated.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1))

    def accept_selected(self) -> None:
        if any(len(self._row_signals(r)) > 1 for r in self._selected_rows()):
            return  # which one? the candidates below say
        self._apply(service.accept_signals)

    def dismiss_selected(self) -> None:
        self._apply(service.dismiss_signals)

    def _apply(self, action) -> None:
        # Accepting asks a connected CRM about each object (network): off the GUI thread.
        ids = self.selected_signal_ids()
        if not ids or self._busy:
            return
        self._start(lambda: action(ids))

    def _start(self, work) -> None:
        self._busy = True
        self.accept_button.setEnabled(False)
        self.dismiss_button.setEnabled(False)
        run_in_background(work, self._applied, self._refused, owner=self)

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
