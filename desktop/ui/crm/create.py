"""Create a company, contact, project or task from a message, prefilled from it (R8)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.crm import service
from desktop.models.crm import Company, Project
from desktop.ui.background import run_in_background
from desktop.ui.crm import dialog_parts


class CreateObjectDialog(QDialog):
    """Non-blocking (``open()``). ``changed(ChangeSet)`` and ``created(kind, id)`` on success."""

    changed = Signal(object)
    created = Signal(str, int)

    def __init__(self, kind: str, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.message_id = message_id
        titles = {
            "company": self.tr("New company from this e-mail"),
            "contact": self.tr("New contact from this e-mail"),
            "project": self.tr("New project from this e-mail"),
            "task": self.tr("New task from this e-mail"),
        }
        self.setWindowTitle(titles.get(kind, kind))
        values = service.prefill_from_message(kind, message_id)
        form = QFormLayout()
        self.name = QLineEdit(str(values.get("name") or ""), self)
        form.addRow(self.tr("Name"), self.name)
        self.email = QLineEdit(str(values.get("email") or ""), self)
        if kind in ("company", "contact"):
            form.addRow(self.tr("E-mail"), self.email)
        else:
            self.email.hide()
        self.company = QComboBox(self)
        self.project = QComboBox(self)
        if kind in ("contact", "project", "task"):
            self.company.addItem(self.tr("(none)"), None)
            for cid, name in (
                Company.select(Company.id, Company.name).order_by(Company.name).tuples()
            ):
                self.company.addItem(f"{name}  #{cid}", cid)
            self._choose(self.company, values.get("company_id"))
            form.addRow(self.tr("Company"), self.company)
        else:
            self.company.hide()
        if kind == "task":
            self.project.addItem(self.tr("(none)"), None)
            for pid, name in (
                Project.select(Project.id, Project.name).order_by(Project.name).tuples()
            ):
                self.project.addItem(f"{name}  #{pid}", pid)
            self._choose(self.project, values.get("project_id"))
            form.addRow(self.tr("Project"), self.project)
        else:
            self.project.hide()
        self.file_it = QCheckBox(self.tr("File this e-mail under it"), self)
        self.file_it.setChecked(True)
        self.error = dialog_parts.message_label(self)
        self.buttons = dialog_parts.ok_cancel(self, self.tr("Create"), self.create)
        dialog_parts.stack(self, form, self.file_it, self.error, self.buttons)
        self._busy = False

    @staticmethod
    def _choose(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def create(self) -> None:
        kwargs: dict[str, object] = {
            "name": self.name.text().strip(),
            "file": self.file_it.isChecked(),
        }
        if self.kind in ("company", "contact"):
            kwargs["email"] = self.email.text().strip()
        if self.kind in ("contact", "project", "task"):
            kwargs["company_id"] = self.company.currentData()
        if self.kind == "task":
            kwargs["project_id"] = self.project.currentData()
        if self._busy:
            return
        # With Caflou connected, creating is a network call: run it in the thread pool.
        kind, message_id = self.kind, self.message_id
        self._busy = True
        self.buttons.setEnabled(False)
        run_in_background(
            lambda: service.create_object_from_message(kind, message_id, **kwargs),
            self._created,
            self._refused,
            owner=self,
        )

    def _created(self, changes) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.changed.emit(changes)
        if changes.created:
            self.created.emit(*changes.created)
        self.accept()

    def _refused(self, message: str) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        dialog_parts.show_error(self.error, message)
