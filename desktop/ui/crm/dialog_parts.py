"""What the CRM dialogs share: a form above a message line and an OK/Cancel box.

The message line is hidden until there is something to say; an error shows in red, a
progress note ("Signing in…") in the normal colour. While the dialog's work runs off the
GUI thread, the dialog disables its button box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020"


def message_label(parent: QWidget) -> QLabel:
    """The dialog's message line: wraps, hidden until ``show_error``/``show_note``."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setText(text)
    label.show()


def show_note(label: QLabel, text: str) -> None:
    label.setStyleSheet("")
    label.setText(text)
    label.show()


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """OK (named ``ok_text``) runs ``on_ok``; Cancel rejects the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def stack(dialog: QDialog, *parts: QLayout | QWidget) -> QVBoxLayout:
    """The dialog's layout: its parts top to bottom (form, extras, message, buttons)."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
