"""pytest-qt: the mailbox settings dialog (R3, R4, R11), its action and context menu.

Saving runs in the thread pool: the tests wait on the dialog's signals, never sleep.
The password change logs in to the real Dovecot + aiosmtpd.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor, QImage, QTextCursor

from desktop import secrets
from desktop.crm import local
from desktop.models.crm import Filing
from desktop.models.mail import Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui import dates
from desktop.ui.mailbox_settings import MailboxSettingsDialog
from tests.integration.test_account_cli import add_account
from tests.integration.test_account_cli import smtp as smtp


@pytest.fixture
def mailbox(profile) -> Mailbox:
    local.add_company("Acme", "office@acme.cz")
    mb = Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 20))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    raw = b"From: office@acme.cz\r\nSubject: A\r\nMessage-ID: <1@x>\r\n\r\nx\r\n"
    store_batch(inbox, [FetchedMessage("1", raw, uid=1)])
    return mb


def save(qtbot, dialog: MailboxSettingsDialog) -> None:
    with qtbot.waitSignal(dialog.changed, timeout=15_000):
        dialog.save()


def test_settings_saved_and_pairing_follows(qtbot, mailbox, tmp_path) -> None:
    assert Filing.select().where(Filing.source == "auto").count() == 1
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.import_from.text() == dates.day(dt.date(2026, 11, 20))  # not editable
    assert dialog.settings_changes() == {}
    dialog.sender_name.setText("Jana Nováková")
    dialog.snippet.setChecked(False)
    dialog.notify.setChecked(False)
    dialog.pairing.setChecked(False)
    dialog.signals.setChecked(False)
    dialog.exclusions.setPlainText("Spam.cz\nboss@firma.cz")
    dialog.signature_in_replies.setChecked(False)

    # The signature: bold text, a link, an embedded picture (the editor's own tests are
    # in tests/ui/test_signature_editor.py).
    editor = dialog.signature
    sig_editor = dialog.signature_editor
    editor.setPlainText("Jana")
    editor.selectAll()
    sig_editor.toggle_bold()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    sig_editor.apply_link("https://firma.cz", "https://firma.cz")
    logo = QImage(800, 100, QImage.Format.Format_RGB32)
    logo.fill(QColor("navy"))
    assert logo.save(str(tmp_path / "logo.png"))
    assert sig_editor.insert_image(str(tmp_path / "logo.png"))
    (tmp_path / "not.png").write_bytes(b"nothing")
    assert not sig_editor.insert_image(str(tmp_path / "not.png"))
    assert "not a picture" in sig_editor.status.text()

    save(qtbot, dialog)
    mb = Mailbox.get_by_id(mailbox.id)
    assert mb.sender_name == "Jana Nováková"
    assert not mb.show_snippet and not mb.notify and not mb.signature_in_replies
    assert mb.pairing_exclusions == "@spam.cz\nboss@firma.cz"
    sig = mb.signature_html
    assert "font-weight" in sig and 'href="https://firma.cz"' in sig
    assert '<img src="holub-sig:' in sig and "data:" not in sig and "<body" not in sig
    assert "file:" not in sig
    # Pairing switched off: the automatic filing is gone (re-paired in the worker).
    assert Filing.select().count() == 0

    # Reopened: what is stored shows, and nothing counts as changed.
    again = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(again)
    assert again.settings_changes() == {}
    assert again.signature.toPlainText().startswith("Jana")


def test_refusals_are_shown_and_nothing_changes(qtbot, mailbox) -> None:
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.name.setText("  ")
    dialog.save()
    assert "name" in dialog.status.text() and dialog.isVisible()
    dialog.name.setText("Office")
    dialog.exclusions.setPlainText("what ever!")
    dialog.save()
    assert "neither" in dialog.status.text()
    assert Mailbox.get_by_id(mailbox.id).name == "Work"


def test_password_change_is_verified_in_the_background(qtbot, profile, dovecot, smtp) -> None:
    mb, user = add_account(dovecot, smtp)
    dialog = MailboxSettingsDialog(mb.id)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.tabs.count() == 6  # General, Signature, Pairing, Rules, Sharing, Connection
    assert dialog.connection_changes() == {}
    dialog.password.setText("wrong")
    dialog.save()
    assert dialog.busy() and not dialog.buttons.isEnabled()  # the login runs elsewhere
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=15_000)
    assert "password" in dialog.status.text().lower() and dialog.isVisible()
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, mb.id) == user.password

    dialog.password.setText(user.password)
    dialog.name.setText("Office")
    save(qtbot, dialog)
    assert Mailbox.get_by_id(mb.id).name == "Office"
    assert dialog.password.text() == ""


def test_action_and_folder_menu_open_it(window, filled, qtbot) -> None:
    _prof, mailbox, inbox, _ids = filled
    action = window.actions["mailbox_settings"]
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    assert window.list_model.two_line
    action.trigger()
    dialog = window.mailbox_settings_dialog
    assert dialog.isVisible() and dialog.mailbox_id == mailbox.id
    dialog.name.setText("Office")
    dialog.snippet.setChecked(False)
    save(qtbot, dialog)
    assert window.folder_model.index(0, 0).data() == "Office"
    assert not window.list_model.two_line  # the list follows the snippet switch

    # Right-click on the mailbox in the folder tree.
    index = window.folder_model.folder_index(inbox.id)
    pos = window.folder_view.visualRect(index).center()
    window._folder_menu(pos)
    entry = window.folder_menu.actions()[0]
    entry.trigger()
    assert window.mailbox_settings_dialog is not dialog
    assert window.mailbox_settings_dialog.mailbox_id == mailbox.id
    window.mailbox_settings_dialog.reject()
