"""Mailbox settings (R3, R4, R11): a non-blocking dialog; Save works in the thread pool.

Saving calls ``desktop.accounts`` (the same service as ``holub account set`` and
``holub account password``). A new password or new server settings are verified by
logging in to IMAP and SMTP first, and changing pairing re-pairs the mailbox's mail:
both take time, so the GUI thread only collects the fields and shows the answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import accounts
from desktop.errors import HolubError
from desktop.models.mail import KIND_IMAP
from desktop.ui import dates
from desktop.ui.account_dialog import (
    SignInAgainBox,
    add_connection_rows,
    app_password_hint,
    login_method_combo,
)
from desktop.ui.background import run_in_background
from desktop.ui.rules.tab import RulesTab
from desktop.ui.sharing.tab import SharingTab
from desktop.ui.signature import SignatureEditor


class MailboxSettingsDialog(QDialog):
    """Non-blocking (``open()``). ``changed(mailbox_id)`` after a successful save."""

    changed = Signal(int)

    def __init__(self, mailbox_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailboxSettingsDialog")
        self.mailbox_id = mailbox_id
        mailbox = accounts.get_account(mailbox_id)
        self._original = accounts.settings_dict(mailbox)
        self._busy = False
        self.setWindowTitle(self.tr("Mailbox settings – %1").replace("%1", mailbox.name))

        # --- general
        self.name = QLineEdit(mailbox.name, self)
        self.email = QLabel(mailbox.email, self)
        self.sender_name = QLineEdit(mailbox.sender_name, self)
        self.import_from = QLabel(dates.day(mailbox.import_from), self)
        self.import_from.setToolTip(self.tr("Set when the mailbox was added; it cannot change."))
        self.pairing = QCheckBox(self.tr("File e-mail under CRM objects automatically"), self)
        self.pairing.setChecked(bool(mailbox.pairing_enabled))
        self.signals = QCheckBox(self.tr("Suggest CRM objects (signals)"), self)
        self.signals.setChecked(bool(mailbox.signals_enabled))
        self.snippet = QCheckBox(self.tr("Show a snippet in the message list"), self)
        self.snippet.setChecked(bool(mailbox.show_snippet))
        self.notify = QCheckBox(self.tr("Notify me of new mail"), self)
        self.notify.setChecked(bool(mailbox.notify))
        general = QWidget(self)
        gform = QFormLayout(general)
        gform.addRow(self.tr("Connection name:"), self.name)
        gform.addRow(self.tr("E-mail address:"), self.email)
        gform.addRow(self.tr("Sender name:"), self.sender_name)
        gform.addRow(self.tr("Import e-mails from:"), self.import_from)
        gform.addRow(self.pairing)
        gform.addRow(self.signals)
        gform.addRow(self.snippet)
        gform.addRow(self.notify)
        # R9: what leaves the desk, said where the mailbox is set up (issue 10).
        self.privacy_note = QLabel(
            self.tr(
                "Filed mail is published to the CRM for the team; unfiled mail of a mailbox "
                "that is not shared is never published."
            ),
            self,
        )
        self.privacy_note.setObjectName("publishingNote")
        self.privacy_note.setWordWrap(True)
        gform.addRow(self.privacy_note)

        # --- signature (desktop/ui/signature: the editor and its preview)
        self.signature_editor = SignatureEditor(self)
        self.signature_editor.set_html(mailbox.signature_html or "")
        self.signature = self.signature_editor.edit
        self.signature_in_replies = QCheckBox(
            self.tr("Add the signature to replies and forwards too"), self
        )
        self.signature_in_replies.setChecked(bool(mailbox.signature_in_replies))
        signature = QWidget(self)
        sbox = QVBoxLayout(signature)
        sbox.addWidget(self.signature_editor, 1)
        sbox.addWidget(self.signature_in_replies)

        # --- pairing exclusions (sharing is its own tab: desktop/ui/sharing/tab.py)
        self.exclusions = QPlainTextEdit(mailbox.pairing_exclusions or "", self)
        self.exclusions.setPlaceholderText("someone@firm.cz\n@firm.cz")
        others = QWidget(self)
        obox = QVBoxLayout(others)
        obox.addWidget(
            QLabel(self.tr("Never pair these addresses or domains (one per line):"), self)
        )
        obox.addWidget(self.exclusions, 1)

        # --- connection (IMAP only: Google and Outlook sign in with the provider)
        self.imap_host = QLineEdit(mailbox.imap_host, self)
        self.imap_port = self._port(mailbox.imap_port)
        self.smtp_host = QLineEdit(mailbox.smtp_host, self)
        self.smtp_port = self._port(mailbox.smtp_port)
        self.imap_auth = login_method_combo(self, mailbox.imap_auth)
        self.imap_auth.setObjectName("imapAuth")
        self.smtp_auth = login_method_combo(self, mailbox.smtp_auth)
        self.smtp_auth.setObjectName("smtpAuth")
        self.username = QLineEdit(mailbox.username, self)
        self.username.setPlaceholderText(self.tr("the e-mail address, if empty"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged"))
        connection = QWidget(self)
        cform = QFormLayout(connection)
        add_connection_rows(cform, self)
        mfa = app_password_hint(self)
        cform.addRow(mfa)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(signature, self.tr("Signature"))
        self.tabs.addTab(others, self.tr("Pairing and sharing"))
        self.tabs.addTab(RulesTab(mailbox_id, self), self.tr("Rules"))  # R15
        self.tabs.addTab(SharingTab(mailbox_id, self), self.tr("Sharing"))  # R11
        if mailbox.kind == KIND_IMAP:
            self.tabs.addTab(connection, self.tr("Connection"))
        else:
            connection.hide()
            self.tabs.addTab(SignInAgainBox(mailbox, self), self.tr("Sign-in"))
        self.status = QLabel(self)
        self.status.setObjectName("mailboxSettingsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(720, 640)

    # --- small builders ---------------------------------------------------------
    def _port(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(1, 65535)
        box.setValue(int(value))
        return box

    # --- sharing --------------------------------------------------------------------
    def settings_changes(self) -> dict[str, Any]:
        """The R3 settings that differ from the stored ones."""
        old_signature = self._original["signature_html"]
        new = {
            "name": self.name.text().strip(),
            "sender_name": self.sender_name.text().strip(),
            "pairing_enabled": self.pairing.isChecked(),
            "signals_enabled": self.signals.isChecked(),
            "show_snippet": self.snippet.isChecked(),
            "notify": self.notify.isChecked(),
            "signature_html": (
                self.signature_editor.signature_html()
                if self.signature_editor.is_modified()
                else old_signature
            ),
            "signature_in_replies": self.signature_in_replies.isChecked(),
            "pairing_exclusions": self.exclusions.toPlainText(),
        }
        old = self._original
        before = {
            "name": old["name"],
            "sender_name": old["sender_name"],
            "pairing_enabled": old["pairing"],
            "signals_enabled": old["signals"],
            "show_snippet": old["snippet"],
            "notify": old["notify"],
            "signature_html": old["signature_html"],
            "signature_in_replies": old["signature_in_replies"],
            "pairing_exclusions": "\n".join(old["exclusions"]),  # type: ignore[arg-type]
        }
        return {k: v for k, v in new.items() if v != before[k]}

    def connection_changes(self) -> dict[str, Any]:
        if self.tabs.count() < 4:  # not an IMAP mailbox
            return {}
        new = {
            "imap_host": self.imap_host.text().strip(),
            "imap_port": self.imap_port.value(),
            "smtp_host": self.smtp_host.text().strip(),
            "smtp_port": self.smtp_port.value(),
            "imap_auth": self.imap_auth.currentData(),
            "smtp_auth": self.smtp_auth.currentData(),
            "username": self.username.text().strip(),
        }
        old = self._original
        old_username = "" if old["username"] == old["email"] else old["username"]
        before = {**{k: old[k] for k in new if k != "username"}, "username": old_username}
        return {k: v for k, v in new.items() if v != before[k]}

    def busy(self) -> bool:
        return self._busy

    def save(self) -> None:
        if self._busy:
            return
        changes = self.settings_changes()
        connection = self.connection_changes()
        password = self.password.text()
        try:  # cheap checks here, so that a typo does not wait for a login
            if "name" in changes and not changes["name"]:
                raise HolubError(self.tr("The connection name must not be empty."))
            if not password and {"imap_host", "smtp_host", "username"} & set(connection):
                # A saved password goes only to the server and login it was saved for.
                raise HolubError(self.tr("Enter the password to use with the new server or login."))
            if "pairing_exclusions" in changes:
                accounts.normalise_exclusions(changes["pairing_exclusions"])
        except HolubError as exc:
            self._fail(str(exc))
            return
        if not changes and not connection and not password:
            self.accept()
            return
        mailbox_id = self.mailbox_id

        def work() -> list[str]:
            from desktop import secrets

            done: list[str] = []
            if connection or password:
                # Verify the logins before anything is saved: nothing changes on a refusal.
                secret = password or secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox_id)
                if not secret:
                    raise HolubError("Enter the password to check the new server settings.")
                accounts.change_password(mailbox_id, secret, **connection)
                done += list(connection) + (["password"] if password else [])
            if changes:
                done += accounts.update_mailbox_settings(mailbox_id, **changes).changed
            return done

        self._busy = True
        self.buttons.setEnabled(False)
        self.status.setStyleSheet("")
        if connection or password:
            self.status.setText(self.tr("Signing in to the IMAP and SMTP servers…"))
        else:
            self.status.setText(self.tr("Saving…"))
        run_in_background(work, self._saved, self._fail, owner=self)

    def _saved(self, _changed: list[str]) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.password.clear()
        self.changed.emit(self.mailbox_id)
        self.accept()

    def _fail(self, message: str) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(message)
