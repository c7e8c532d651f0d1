"""Add an IMAP + SMTP mailbox (R3, R4, R5): a non-blocking dialog; Save verifies in a thread.

The dialog collects the settings; saving runs ``desktop.accounts`` (the same
service as ``holub account add``) in a worker thread, which logs in to IMAP and
SMTP and reports exactly what is wrong. The GUI thread never touches the network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.db import database

SaveFunction = Callable[[dict[str, Any], str], int]


def default_save(fields: dict[str, Any], password: str) -> int:
    """Create the mailbox through the accounts service (logs in to IMAP and SMTP first)."""
    from desktop import accounts

    return accounts.add_imap_mailbox(password=password, **fields).id


def app_password_hint(parent: QWidget) -> QLabel:
    """The R4 hint shown wherever a mailbox password is typed (add and settings dialogs)."""
    label = QLabel(
        QCoreApplication.translate(
            "AppPasswordHint",
            "With two-factor authentication switched on, use an app password "
            "created in your provider's security settings.",
        ),
        parent,
    )
    label.setWordWrap(True)
    return label


# The server and login rows of both mailbox dialogs (add, settings): one order, one wording.
_CONNECTION_ROWS = (
    ("imap_host", QT_TRANSLATE_NOOP("ConnectionForm", "IMAP server:")),
    ("imap_port", QT_TRANSLATE_NOOP("ConnectionForm", "IMAP port:")),
    ("imap_auth", QT_TRANSLATE_NOOP("ConnectionForm", "IMAP login method:")),
    ("smtp_host", QT_TRANSLATE_NOOP("ConnectionForm", "SMTP server:")),
    ("smtp_port", QT_TRANSLATE_NOOP("ConnectionForm", "SMTP port:")),
    ("smtp_auth", QT_TRANSLATE_NOOP("ConnectionForm", "SMTP login method:")),
    ("username", QT_TRANSLATE_NOOP("ConnectionForm", "Login:")),
    ("password", QT_TRANSLATE_NOOP("ConnectionForm", "Password:")),
)


def add_connection_rows(form: QFormLayout, dialog: QWidget) -> None:
    """Add the IMAP/SMTP server, port, login method, login and password rows, taking the
    widgets from the dialog's attributes of those names."""
    for attribute, label in _CONNECTION_ROWS:
        form.addRow(QCoreApplication.translate("ConnectionForm", label), getattr(dialog, attribute))


def login_method_combo(parent: QWidget, value: str = "plain") -> QComboBox:
    """The R4 login method choice (add and settings dialogs): data "plain" or "login"."""
    combo = QComboBox(parent)
    combo.addItem(QCoreApplication.translate("LoginMethod", "Plain"), "plain")
    combo.addItem(QCoreApplication.translate("LoginMethod", "Login"), "login")
    combo.setToolTip(
        QCoreApplication.translate(
            "LoginMethod",
            "How Holub sends the password: Plain uses PLAIN, or LOGIN where the server "
            "has only that; Login always uses LOGIN. Leave Plain unless told otherwise.",
        )
    )
    combo.setCurrentIndex(max(0, combo.findData(value)))
    return combo


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class AccountDialog(QDialog):
    mailboxAdded = Signal(int)

    def __init__(self, parent: QWidget | None = None, save_fn: SaveFunction | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("Add mailbox"))
        self.save_fn = save_fn or default_save
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.sender_name = QLineEdit(self)
        self.import_from = QDateEdit(self)
        self.import_from.setCalendarPopup(True)
        today = date.today()
        self.import_from.setDate(QDate(today.year, today.month, today.day).addDays(-7))
        self.import_from.setMinimumDate(QDate.currentDate().addDays(-7))
        self.import_from.setMaximumDate(QDate.currentDate())
        self.imap_host = QLineEdit(self)
        self.imap_host.setPlaceholderText("imap.example.com")
        self.imap_port = QSpinBox(self)
        self.imap_port.setRange(1, 65535)
        self.imap_port.setValue(993)
        self.smtp_host = QLineEdit(self)
        self.smtp_host.setPlaceholderText("smtp.example.com")
        self.smtp_port = QSpinBox(self)
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setValue(587)
        self.imap_auth = login_method_combo(self)
        self.imap_auth.setObjectName("imapAuth")
        self.smtp_auth = login_method_combo(self)
        self.smtp_auth.setObjectName("smtpAuth")
        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("the e-mail address, if empty"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.cafile = QLineEdit(self)
        self.cafile.setPlaceholderText(self.tr("only for servers with their own certificate"))
        self.pairing = QCheckBox(self.tr("File e-mail under CRM objects automatically"), self)
        self.pairing.setChecked(True)
        self.signals = QCheckBox(self.tr("Suggest CRM objects (signals)"), self)
        self.signals.setChecked(True)
        self.snippet = QCheckBox(self.tr("Show a snippet in the message list"), self)
        self.snippet.setChecked(True)
        self.email.textChanged.connect(self._guess_servers)

        general = QFormLayout()
        general.addRow(self.tr("Connection name:"), self.name)
        general.addRow(self.tr("E-mail address:"), self.email)
        general.addRow(self.tr("Sender name:"), self.sender_name)
        general.addRow(self.tr("Import e-mails from:"), self.import_from)
        servers = QGroupBox(self.tr("Servers"), self)
        sform = QFormLayout(servers)
        add_connection_rows(sform, self)
        sform.addRow(self.tr("CA certificate file:"), self.cafile)
        mfa = app_password_hint(self)
        sform.addRow(mfa)
        self.status = QLabel(self)
        self.status.setObjectName("accountStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(servers)
        layout.addWidget(self.pairing)
        layout.addWidget(self.signals)
        layout.addWidget(self.snippet)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._relay: _Relay | None = None

    def _guess_servers(self, text: str) -> None:
        domain = text.rpartition("@")[2].strip()
        if not domain:
            return
        if not self.imap_host.isModified():
            self.imap_host.setText(f"imap.{domain}")
        if not self.smtp_host.isModified():
            self.smtp_host.setText(f"smtp.{domain}")
        if not self.name.isModified():
            self.name.setText(domain)

    def fields(self) -> dict[str, Any]:
        qd = self.import_from.date()
        return {
            "name": self.name.text().strip() or self.email.text().strip(),
            "email": self.email.text().strip(),
            "sender_name": self.sender_name.text().strip(),
            "import_from": date(qd.year(), qd.month(), qd.day()),
            "imap_host": self.imap_host.text().strip(),
            "imap_port": self.imap_port.value(),
            "smtp_host": self.smtp_host.text().strip(),
            "smtp_port": self.smtp_port.value(),
            "imap_auth": self.imap_auth.currentData(),
            "smtp_auth": self.smtp_auth.currentData(),
            "username": self.username.text().strip(),
            "cafile": self.cafile.text().strip() or None,
            "pairing_enabled": self.pairing.isChecked(),
            "signals_enabled": self.signals.isChecked(),
            "show_snippet": self.snippet.isChecked(),
        }

    def save(self) -> None:
        fields = self.fields()
        if "@" not in fields["email"]:
            self.status.setText(self.tr("Enter the mailbox's e-mail address."))
            return
        if not fields["imap_host"] or not fields["smtp_host"]:
            self.status.setText(self.tr("Enter the IMAP and SMTP servers."))
            return
        if fields["import_from"] < date.today() - timedelta(days=7):
            fields["import_from"] = date.today() - timedelta(days=7)
        password = self.password.text()
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Signing in to the IMAP and SMTP servers…"))
        relay = _Relay(self)
        relay.done.connect(self._saved)
        relay.failed.connect(self._failed)
        self._relay = relay

        def work() -> None:
            try:
                database.connect(reuse_if_open=True)
                try:
                    mailbox_id = self.save_fn(fields, password)
                finally:
                    database.close()
            except Exception as exc:  # shown in the dialog, in the service's words
                relay.failed.emit(str(exc) or type(exc).__name__)
                return
            relay.done.emit(mailbox_id)

        threading.Thread(target=work, name="add-mailbox", daemon=True).start()

    def _saved(self, mailbox_id: int) -> None:
        self.buttons.setEnabled(True)
        self.mailboxAdded.emit(int(mailbox_id))
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(message)
