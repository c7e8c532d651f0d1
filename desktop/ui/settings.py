"""Per-profile GUI preferences (QSettings in the profile dir) and the settings dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.rules.templates import templates_button

SETTINGS_FILE = "holub-gui.ini"
KEY_LANGUAGE = "general/language"  # "" = system, "en", "cs"
KEY_NOTIFICATIONS = "notifications/enabled"
KEY_TRAY = "notifications/tray"
KEY_CONVERSATIONS = "view/conversations"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_MAIN_SPLITTER = "window/mainSplitter"
KEY_MAIL_SPLITTER = "window/mailSplitter"
KEY_LIST_HEADER = "window/listHeader"


def open_settings(profile_root: Path) -> QSettings:
    return QSettings(str(Path(profile_root) / SETTINGS_FILE), QSettings.Format.IniFormat)


def get_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in {"1", "true", "yes"}
    return bool(value)


class SettingsDialog(QDialog):
    """Language and notifications. Non-blocking: callers use open() and ``accepted``."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Čeština", "cs")
        index = self.language.findData(str(settings.value(KEY_LANGUAGE, "") or ""))
        self.language.setCurrentIndex(max(index, 0))
        self.notifications = QCheckBox(self.tr("Announce new mail"), self)
        self.notifications.setObjectName("notificationsCheck")
        self.notifications.setChecked(get_bool(settings, KEY_NOTIFICATIONS, True))
        self.tray = QCheckBox(self.tr("Show an icon in the system tray"), self)
        self.tray.setObjectName("trayCheck")
        self.tray.setChecked(get_bool(settings, KEY_TRAY, True))
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Notifications:"), self.notifications)
        form.addRow("", self.tray)
        self._add_keyring_rows(form)
        form.addRow(self.tr("Reply templates:"), templates_button(self))  # R15: rules' replies
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _add_keyring_rows(self, form: QFormLayout) -> None:
        # Which keyring holds the passwords, and the explicit opt-in to a plain-text
        # one (issue 11 item 2); kept in the profile's store, read by desktop/secrets.py.
        from PySide6.QtCore import Qt

        from desktop import secrets

        backend = secrets.current_backend()
        where = {
            "named": self.tr("%1, named by the keyring configuration"),
            "found": "%1",
            "allowed": self.tr("%1: a plain-text file, allowed by you"),
        }.get(backend.how, self.tr("None: no secure keyring, so no password is stored"))
        self.keyring_backend = QLabel(where.replace("%1", backend.name), self)
        self.keyring_backend.setObjectName("keyringBackendLabel")
        self.keyring_backend.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_backend.setWordWrap(True)
        self.plaintext_keyring = QCheckBox(self.tr("Allow a plain-text keyring"), self)
        self.plaintext_keyring.setObjectName("plaintextKeyringCheck")
        self.plaintext_keyring.setChecked(secrets.plaintext_allowed())
        meaning = QLabel(
            self.tr(
                "Only where no secure keyring exists: passwords are then kept in a file "
                "in your home directory that anyone who can read your files can read."
            ),
            self,
        )
        meaning.setWordWrap(True)
        form.addRow(self.tr("Passwords kept in:"), self.keyring_backend)
        form.addRow("", self.plaintext_keyring)
        form.addRow("", meaning)

    def accept(self) -> None:
        from desktop import secrets

        if self.plaintext_keyring.isChecked() != secrets.plaintext_allowed():
            secrets.set_plaintext_allowed(self.plaintext_keyring.isChecked())
        self.settings.setValue(KEY_LANGUAGE, self.language.currentData())
        self.settings.setValue(KEY_NOTIFICATIONS, self.notifications.isChecked())
        self.settings.setValue(KEY_TRAY, self.tray.isChecked())
        self.settings.sync()
        super().accept()
