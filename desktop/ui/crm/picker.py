"""Search-as-you-type picker: file messages under a company, project or task (R8).

With a Caflou account connected, filing first asks the CRM whether the user may see
the object (a network call): that runs in the thread pool, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from desktop.crm import service, task_status
from desktop.models.crm import OBJECT_KINDS
from desktop.ui.background import run_in_background
from desktop.ui.crm import dialog_parts, task_text
from desktop.ui.crm.chips import kind_label


class FilePickerDialog(QDialog):
    """Non-blocking: ``open()`` it; ``changed(ChangeSet)`` fires after a filing."""

    changed = Signal(object)

    def __init__(self, message_ids: Iterable[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_ids = list(message_ids)
        self.setWindowTitle(self.tr("File under…"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Company, project or task name or #id"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Everything"), None)
        for kind in OBJECT_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.results = QListWidget(self)
        self.error = dialog_parts.message_label(self)
        self.buttons = dialog_parts.ok_cancel(self, self.tr("File"), self.file_selected)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        layout = dialog_parts.stack(
            self,
            QLabel(self.tr("File %n message(s) under:", "", len(self.message_ids)), self),
            top,
            self.results,
            self.error,
            self.buttons,
        )
        layout.setStretchFactor(self.results, 1)
        self.search.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.results.itemActivated.connect(lambda _item: self.file_selected())
        self.results.currentRowChanged.connect(self._update_ok)
        self.resize(460, 420)
        self._busy = False
        self.refresh()

    def refresh(self) -> None:
        kind = self.kind.currentData()
        kinds = (kind,) if kind else OBJECT_KINDS
        self.results.clear()
        found = service.search_objects(self.search.text(), kinds)
        # A task says when it is due, whether done and whose: one query for the list.
        states = task_status.statuses(o for k, o, _n in found if k == "task")
        today = date.today()
        for obj_kind, oid, name in found:
            item = QListWidgetItem(f"{kind_label(obj_kind)}: {name}  #{oid}")
            if obj_kind == "task" and (state := states.get(oid)) is not None:
                item.setText(f"{item.text()} — {task_text.summary(state, today)}")
                task_text.decorate(item, state, today)
            item.setData(Qt.ItemDataRole.UserRole, (obj_kind, oid))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self, *_args: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.results.currentItem() is not None)

    def select(self, kind: str, object_id: int) -> bool:
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.ItemDataRole.UserRole) == (kind, object_id):
                self.results.setCurrentRow(row)
                return True
        return False

    def file_selected(self) -> None:
        item = self.results.currentItem()
        if item is None or self._busy:
            return
        kind, oid = item.data(Qt.ItemDataRole.UserRole)
        ids = list(self.message_ids)
        self._busy = True
        self.buttons.setEnabled(False)
        dialog_parts.show_note(self.error, self.tr("Filing…"))
        run_in_background(
            lambda: service.file_message(ids, kind, oid),
            self._filed,
            self._refused,
            owner=self,
        )

    def busy(self) -> bool:
        return self._busy

    def _filed(self, changes: object) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.error.hide()
        self.changed.emit(changes)
        self.accept()

    def _refused(self, message: str) -> None:
        # Nothing changed locally (e.g. the CRM refused the object): say so, stay open.
        self._busy = False
        self.buttons.setEnabled(True)
        self._update_ok()
        dialog_parts.show_error(self.error, message)
