"""Settings → Templates: the reply templates rules use ({sender_name}, {subject}, {date})."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import rules as crm_rules
from desktop.errors import HolubError
from desktop.models.rules import Template

TEMPLATE_ID = Qt.ItemDataRole.UserRole


class TemplatesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Templates"))
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._show)
        self.name = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(self.tr("empty: Re: and the original subject"))
        self.body = QPlainTextEdit(self)
        hint = QLabel(
            self.tr("{sender_name}, {subject} and {date} are replaced in the subject and text."),
            self,
        )
        hint.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("templatesStatus")
        self.status.setWordWrap(True)
        new = QPushButton(self.tr("New"), self)
        new.clicked.connect(self.new_template)
        save = QPushButton(self.tr("Save"), self)
        save.clicked.connect(self.save_current)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (new, save, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Subject:"), self.subject)
        form.addRow(self.tr("Text:"), self.body)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        side = QHBoxLayout()
        side.addWidget(self.list, 1)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(hint)
        editor.addLayout(buttons)
        editor.addWidget(self.status)
        side.addLayout(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(close)
        self.resize(640, 420)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for t in crm_rules.list_templates():
            item = QListWidgetItem(t.name, self.list)
            item.setData(TEMPLATE_ID, t.id)
            if t.id == select:
                self.list.setCurrentItem(item)

    def _current(self) -> Template | None:
        item = self.list.currentItem()
        return Template.get_or_none(Template.id == item.data(TEMPLATE_ID)) if item else None

    def _show(self, *_args) -> None:
        t = self._current()
        self.name.setText(t.name if t else "")
        self.subject.setText(t.subject if t else "")
        self.body.setPlainText(t.body if t else "")
        self.status.clear()

    def new_template(self) -> None:
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        for field in (self.name, self.subject):
            field.clear()
        self.body.clear()
        self.name.setFocus()

    def save_current(self) -> None:
        current = self._current()
        try:
            if current is None:
                t = crm_rules.add_template(
                    self.name.text(), self.subject.text(), self.body.toPlainText()
                )
            else:
                t = crm_rules.update_template(
                    current.id, self.name.text(), self.subject.text(), self.body.toPlainText()
                )
        except HolubError as exc:
            self.status.setText(str(exc))
            return
        self.reload(select=t.id)
        self.status.setText(self.tr("Saved."))

    def remove_current(self) -> None:
        current = self._current()
        if current is None:
            return
        try:
            crm_rules.remove_template(current.id)
        except HolubError as exc:
            self.status.setText(str(exc))
            return
        self.reload()
        self._show()


def templates_button(parent: QWidget) -> QPushButton:
    """ "Templates…" for Settings: opens the templates dialog (non-blocking)."""
    button = QPushButton(parent.tr("Templates…"), parent)
    button.setObjectName("templatesButton")

    def show() -> None:
        dialog = TemplatesDialog(parent)
        button.setProperty("dialog", dialog)  # kept alive while open
        dialog.open()

    button.clicked.connect(show)
    return button
