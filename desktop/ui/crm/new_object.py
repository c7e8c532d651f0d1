"""A new company, project or task from its CRM view (not from a message)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.models.crm import Company, Project
from desktop.services.crm_objects import create_object
from desktop.ui.background import run_in_background
from desktop.ui.crm import dialog_parts


class NewObjectDialog(QDialog):
    """Non-blocking (``open()``); ``created(kind, id)`` once the CRM has it."""

    created = Signal(str, int)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newObjectDialog")
        self.kind = kind
        self.setWindowTitle(
            {
                "company": self.tr("New company"),
                "project": self.tr("New project"),
                "task": self.tr("New task"),
            }.get(kind, kind)
        )
        form = QFormLayout()
        self.name = QLineEdit(self)
        form.addRow(self.tr("Name"), self.name)
        self.email = QLineEdit(self)
        self.company = QComboBox(self)
        self.project = QComboBox(self)
        if kind == "company":
            form.addRow(self.tr("E-mail"), self.email)
        else:
            self.company.addItem(self.tr("(none)"), None)
            for cid, name in (
                Company.select(Company.id, Company.name).order_by(Company.name).tuples()
            ):
                self.company.addItem(f"{name}  #{cid}", cid)
            form.addRow(self.tr("Company"), self.company)
        if kind == "task":
            self.project.addItem(self.tr("(none)"), None)
            for pid, name in (
                Project.select(Project.id, Project.name).order_by(Project.name).tuples()
            ):
                self.project.addItem(f"{name}  #{pid}", pid)
            form.addRow(self.tr("Project"), self.project)
        self.error = dialog_parts.message_label(self)
        self.buttons = dialog_parts.ok_cancel(self, self.tr("Create"), self.create)
        dialog_parts.stack(self, form, self.error, self.buttons)
        self._busy = False

    def create(self) -> None:
        if self._busy:
            return
        kind = self.kind
        fields = {
            "name": self.name.text(),
            "email": self.email.text(),
            "company_id": self.company.currentData() if kind != "company" else None,
            "project_id": self.project.currentData() if kind == "task" else None,
        }
        # With a CRM account, creating is a network call: off the GUI thread.
        self._busy = True
        self.buttons.setEnabled(False)
        run_in_background(
            lambda: create_object(kind, **fields), self._created, self._refused, owner=self
        )

    def _created(self, new_id: int) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.created.emit(self.kind, new_id)
        self.accept()

    def _refused(self, message: str) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        dialog_parts.show_error(self.error, message)
