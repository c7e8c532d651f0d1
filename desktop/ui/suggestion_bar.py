"""Above the reader: the shown message's suggested filings (open signals), each with
Accept (which dismisses the others), and Dismiss for all of them (R7)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services import suggestions
from desktop.ui.background import run_in_background
from desktop.ui.crm.chips import kind_label
from desktop.ui.crm.reasons import reason_text


class SuggestionBar(QWidget):
    changed = Signal(object)  # ChangeSet after Accept / Dismiss

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionBar")
        self.message_id: int | None = None
        self.items: list[suggestions.Suggestion] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(6, 0, 6, 0)
        self._busy = False
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.items:
            self._show(self.items)  # the texts in the new language
        super().changeEvent(event)

    def set_message(self, message_id: int | None) -> None:
        self.message_id = message_id
        self.refresh()

    def refresh(self) -> None:
        message_id = self.message_id
        if message_id is None:
            self._show([])
            return

        def loaded(found: list[suggestions.Suggestion]) -> None:
            if message_id == self.message_id:
                self._show(found)

        run_in_background(lambda: suggestions.open_suggestions(message_id), loaded, owner=self)

    def _show(self, found: list[suggestions.Suggestion]) -> None:
        self.items = found
        while self._row.count():
            item = self._row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if not found:
            self.hide()
            return
        self._row.addWidget(QLabel(self.tr("Suggested:"), self))
        for s in found:
            button = QPushButton(f"✓ {kind_label(s.kind)}: {s.name}", self)
            button.setObjectName(f"acceptSuggestion_{s.signal_id}")
            tip = self.tr("File the message here (the other suggestions are dismissed)")
            button.setToolTip(f"{tip}\n{reason_text(s.reason)}" if s.reason else tip)
            button.clicked.connect(lambda _c=False, sid=s.signal_id: self.accept(sid))
            self._row.addWidget(button)
        dismiss = QPushButton(self.tr("Dismiss"), self)
        dismiss.setObjectName("dismissSuggestions")
        dismiss.setToolTip(self.tr("Forget these suggestions"))
        dismiss.clicked.connect(self.dismiss)
        self._row.addWidget(dismiss)
        self._row.addStretch(1)
        self.show()

    def accept(self, signal_id: int) -> None:
        others = [s.signal_id for s in self.items if s.signal_id != signal_id]
        self._run(lambda: suggestions.accept_one(signal_id, others))

    def dismiss(self) -> None:
        ids = [s.signal_id for s in self.items]
        if ids:
            self._run(lambda: suggestions.dismiss_all(ids))

    def _run(self, work) -> None:
        # Accepting asks a connected CRM about the object (network): off the GUI thread.
        if self._busy:
            return
        self._busy = True
        self.setEnabled(False)

        def done(changes) -> None:
            self._busy = False
            self.setEnabled(True)
            self.refresh()
            self.changed.emit(changes)

        def failed(message: str) -> None:
            self._busy = False
            self.setEnabled(True)
            self.setToolTip(message)

        run_in_background(work, done, failed, owner=self)
