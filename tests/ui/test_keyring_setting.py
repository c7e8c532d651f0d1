"""The Settings dialog names the keyring and is where the plain-text keyring is allowed."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import secrets
from desktop.ui.settings import SettingsDialog


def test_settings_show_the_keyring_and_keep_the_plain_text_choice(qtbot, profile, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    # The tests name keyrings.alt's file keyring through PYTHON_KEYRING_BACKEND.
    assert dialog.keyring_backend.text() == secrets.backend_description()
    assert "PlaintextKeyring" in dialog.keyring_backend.text()
    assert not dialog.plaintext_keyring.isChecked()
    dialog.plaintext_keyring.setChecked(True)
    dialog.accept()
    assert secrets.plaintext_allowed()

    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    assert again.plaintext_keyring.isChecked()
    again.plaintext_keyring.setChecked(False)
    again.accept()
    assert not secrets.plaintext_allowed()


def test_a_saved_password_is_not_sent_to_a_new_server(qtbot, profile):
    import datetime as dt

    from desktop.models.mail import Mailbox
    from desktop.ui.mailbox_settings import MailboxSettingsDialog

    mb = Mailbox.create(
        name="Work",
        email="me@firma.cz",
        imap_host="imap.firma.cz",
        smtp_host="smtp.firma.cz",
        import_from=dt.date(2026, 11, 20),
    )
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mb.id, "heslo")
    dialog = MailboxSettingsDialog(mb.id)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.imap_host.setText("imap.evil.example")
    dialog.save()
    # Refused at once: no login was started in the background with the saved password.
    assert "Enter the password" in dialog.status.text() and not dialog.busy()
    assert Mailbox.get_by_id(mb.id).imap_host == "imap.firma.cz"


def test_adding_a_mailbox_without_a_secure_keyring_says_so(qtbot, profile, no_secure_keyring):
    from desktop.models.mail import Mailbox
    from desktop.ui.account_dialog import AccountDialog

    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText("jana@firma.cz")
    dialog.imap_host.setText("imap.firma.cz")
    dialog.smtp_host.setText("smtp.firma.cz")
    dialog.password.setText("heslo")
    dialog.save()
    # Told before any login is tried, in the dialog; nothing is stored.
    qtbot.waitUntil(lambda: "No secure keyring" in dialog.status.text(), timeout=10_000)
    assert "HOLUB_ALLOW_PLAINTEXT_KEYRING=1" in dialog.status.text() and dialog.isVisible()
    assert Mailbox.select().count() == 0


def test_settings_say_when_no_password_can_be_stored(qtbot, profile, tmp_path, no_secure_keyring):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.keyring_backend.text().startswith("None: no secure keyring")
    dialog.plaintext_keyring.setChecked(True)
    dialog.accept()
    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    assert again.keyring_backend.text().endswith("a plain-text file, allowed by you")
