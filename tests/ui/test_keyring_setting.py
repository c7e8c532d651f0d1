"""The Settings dialog names the keyring and is where the plain-text keyring is allowed."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import secrets
from desktop.ui.settings import SettingsDialog


def test_settings_show_the_keyring_and_keep_the_plain_text_choice(qtbot, profile, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.keyring_backend.text() == secrets.backend_description()
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
