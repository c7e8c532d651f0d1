"""The CRM dialogs share one message line and one OK/Cancel box (dialog_parts)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.crm import dialog_parts
from desktop.ui.crm.login import CrmLoginDialog
from desktop.ui.crm.new_object import NewObjectDialog


def test_the_dialogs_share_the_message_line_and_buttons(qtbot, profile) -> None:
    for dialog, message, ok_text in (
        (NewObjectDialog("task"), "error", "Create"),
        (CrmLoginDialog(), "status", "Sign in"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        label = getattr(dialog, message)
        assert label.isHidden() and label.wordWrap()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == ok_text
        dialog_parts.show_note(label, "Working…")
        assert label.isVisible() and label.styleSheet() == ""
        dialog_parts.show_error(label, "Refused")
        assert label.text() == "Refused" and label.styleSheet() == dialog_parts.ERROR_STYLE
        with qtbot.waitSignal(dialog.rejected):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
