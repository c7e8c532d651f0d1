"""Address completion for the To / Cc / Bcc fields (issue 7).

One list model per compose window, filled off the GUI thread from
services/addresses.py (the user's mail and the CRM's contacts). Each field gets a
completer that completes the address being typed after the last comma, matching
any part of the name or address, and keeps what was typed before it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.services.addresses import address_book
from desktop.ui.background import run_in_background


def _split_last(text: str) -> tuple[str, str]:
    """(what comes before the address being typed, the address being typed)."""
    cut = text.rfind(",")
    if cut < 0:
        return "", text.strip()
    return text[: cut + 1] + " ", text[cut + 1 :].strip()


class AddressCompleter(QCompleter):
    """Completes the last comma-separated address of a QLineEdit."""

    def __init__(self, model: QStringListModel, edit: QLineEdit) -> None:
        super().__init__(model, edit)
        self.edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(8)
        edit.setCompleter(self)

    def splitPath(self, path: str) -> list[str]:
        return [_split_last(path)[1]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        # What was typed (the prefix), not the field: a highlighted completion is
        # already in the field while the user moves through the list.
        before, _typed = _split_last(self.completionPrefix())
        return before + str(index.data()) + ", "


class AddressBook(QObject):
    """The addresses offered in one compose window, loaded in the background."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.model = QStringListModel(self)
        self.loaded = False

    def load(self) -> None:
        run_in_background(address_book, self._ready, lambda _e: None, owner=self)

    def _ready(self, addresses: list[str]) -> None:
        self.model.setStringList(addresses)
        self.loaded = True

    def attach(self, edit: QLineEdit) -> AddressCompleter:
        return AddressCompleter(self.model, edit)
