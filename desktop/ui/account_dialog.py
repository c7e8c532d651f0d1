"""Add a mailbox (R1, R3, R4, R5): Google, Outlook 365 or IMAP + SMTP; a non-blocking dialog.

IMAP: the dialog collects the settings; saving awaits ``desktop.accounts`` (the same
service as ``holub account add``) in a thread of that loop's pool, which logs in to IMAP and
SMTP and reports exactly what is wrong. Google / Outlook 365: "Sign in with …" awaits
the provider's sign-in (the system browser, or a device code for Microsoft) in a
coroutine on the GUI thread's asyncio loop (desktop/ui/aio.py: qasync), the blocking
library calls in the loop's thread pool; Cancel cancels the task, which wakes the
provider's loopback listener or device-code poll. The signed-in address and sender name
come from the provider, and Save keeps the mailbox once the provider's first call
works. The GUI thread never touches the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLocale,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import presets
from desktop.accounts import MAX_IMPORT_DAYS
from desktop.models.mail import KIND_GMAIL, KIND_GRAPH, KIND_IMAP
from desktop.sync.cancel import CancelToken
from desktop.ui import aio
from desktop.ui.background import run_in_background
from desktop.ui.error_text import error_text

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


# The mailbox types of the Add mailbox dialog: (Mailbox.kind, label, sign-in button).
MAILBOX_TYPES = [
    (
        KIND_GMAIL,
        QT_TRANSLATE_NOOP("AccountDialog", "Google"),
        QT_TRANSLATE_NOOP("AccountDialog", "Sign in with Google"),
    ),
    (
        KIND_GRAPH,
        QT_TRANSLATE_NOOP("AccountDialog", "Outlook 365"),
        QT_TRANSLATE_NOOP("AccountDialog", "Sign in with Microsoft"),
    ),
    (KIND_IMAP, QT_TRANSLATE_NOOP("AccountDialog", "IMAP"), ""),
]


def _message(exc: BaseException) -> str:
    """An exception as the dialogs show it: the provider's or the service's words."""
    return str(exc) or type(exc).__name__


async def provider_sign_in(
    kind: str,
    *,
    login_hint: str | None = None,
    device_code: bool = False,
    show: Callable[[str], None] | None = None,
) -> Any:
    """The provider's OAuth sign-in (a SignedIn), awaited; its errors are raised here.

    The blocking sign-in runs in the loop's thread pool; ``show`` (device-code or
    browser instructions) is called on the GUI thread. Cancelling the awaiting task sets
    the sign-in's CancelToken: the provider's loopback listener is woken and closed, a
    device-code poll stops within a second.
    """
    from desktop.sync.providers.base import provider_for

    sign_in = getattr(provider_for(kind), "sign_in", None)
    if sign_in is None:
        raise TypeError(f"{kind} mailboxes do not sign in through the browser")
    loop = asyncio.get_running_loop()
    cancel = CancelToken()

    def relay(text: str) -> None:  # from the pool thread to the GUI thread
        if show is not None:
            loop.call_soon_threadsafe(lambda: None if cancel.is_set() else show(text))

    return await aio.in_thread(
        lambda: sign_in(login_hint=login_hint, device_code=device_code, show=relay, cancel=cancel),
        cancel=cancel,
    )


class SignInRunner(QObject):
    """One sign-in at a time for a widget (Add mailbox, Sign in again): starts the
    coroutine, cancels it, and reports on the GUI thread.

    ``then`` (optional) runs in the pool with the SignedIn (e.g. storing it), and its
    result is what ``finished`` carries.
    """

    finished = Signal(object)
    failed = Signal(str)
    instructions = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(
        self,
        kind: str,
        *,
        login_hint: str | None = None,
        device_code: bool = False,
        then: Callable[[Any], Any] | None = None,
    ) -> None:
        self.cancel()
        self._task = aio.start(
            self._run(kind, login_hint, device_code, then), name=f"sign-in {kind}"
        )

    async def _run(
        self,
        kind: str,
        login_hint: str | None,
        device_code: bool,
        then: Callable[[Any], Any] | None,
    ) -> None:
        try:
            result = await provider_sign_in(
                kind, login_hint=login_hint, device_code=device_code, show=self._show
            )
            if then is not None:
                result = await aio.in_thread(then, result)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # shown in the dialog, in the provider's words
            self.failed.emit(_message(exc))
            return
        self.finished.emit(result)

    def _show(self, text: str) -> None:
        # Instructions may still be on their way from the pool when the dialog is gone.
        if shiboken6.isValid(self):
            self.instructions.emit(text)

    def cancel(self) -> None:
        """Stop the sign-in: the task ends now, the provider stops waiting for the
        browser or the code (its listener closed) right after."""
        if self._task is not None:
            self._task.cancel()
            self._task = None


class AccountDialog(QDialog):
    mailboxAdded = Signal(int)

    def __init__(self, parent: QWidget | None = None, save_fn: SaveFunction | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("Add mailbox"))
        self.save_fn = save_fn or default_save
        # How SRV records are looked up (tests point it at a local DNS server).
        self.resolver: presets.Resolver | None = None
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.sender_name = QLineEdit(self)
        self.import_from = QDateEdit(self)
        self.import_from.setCalendarPopup(True)
        # The locale's one short date format (as the window's lists); days before the
        # 7-day limit are disabled in the field and its calendar.
        self.import_from.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        today = date.today()
        earliest = QDate(today.year, today.month, today.day).addDays(-MAX_IMPORT_DAYS)
        self.import_from.setMinimumDate(earliest)
        self.import_from.setMaximumDate(QDate(today.year, today.month, today.day))
        self.import_from.setDate(earliest)
        self.import_hint = QLabel(
            self.tr(
                "Holub imports existing mail from the last 7 days at most (from %1); "
                "older mail stays on the server. New mail always arrives."
            ).replace("%1", QLocale().toString(earliest, QLocale.FormatType.ShortFormat)),
            self,
        )
        self.import_hint.setObjectName("importHint")
        self.import_hint.setWordWrap(True)
        self.import_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
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
        self.cafile_button = QPushButton(self.tr("Browse…"), self)
        self.cafile_button.setObjectName("cafileBrowse")
        self.cafile_button.clicked.connect(self.browse_cafile)
        self.server_hint = QLabel(self)
        self.server_hint.setObjectName("serverHint")
        self.server_hint.setWordWrap(True)
        self.server_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.server_hint.hide()
        # Presets at once; other domains' SRV records once the address is typed (the
        # field left), off the GUI thread. A result for an address changed since is
        # dropped.
        self._lookup_serial = 0
        self._looked_up_domain = ""
        self.looking_up = False
        self.pairing = QCheckBox(self.tr("File e-mail under CRM objects automatically"), self)
        self.pairing.setChecked(True)
        self.signals = QCheckBox(self.tr("Suggest CRM objects (signals)"), self)
        self.signals.setChecked(True)
        self.snippet = QCheckBox(self.tr("Show a snippet in the message list"), self)
        self.snippet.setChecked(True)
        self.email.textChanged.connect(self._guess_servers)
        self.email.editingFinished.connect(self.look_up_servers)
        self.kind = QComboBox(self)
        self.kind.setObjectName("mailboxType")
        for kind, label, _button in MAILBOX_TYPES:
            self.kind.addItem(QCoreApplication.translate("AccountDialog", label), kind)
        self.kind.setCurrentIndex(self.kind.findData(KIND_IMAP))

        # Google / Outlook 365: the sign-in replaces the address, servers and password.
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_sign_in_button = QPushButton(self.tr("Cancel sign-in"), self)
        self.cancel_sign_in_button.setObjectName("cancelSignInButton")
        self.cancel_sign_in_button.clicked.connect(self.cancel_sign_in)
        self.cancel_sign_in_button.hide()
        self.device_code = QCheckBox(self.tr("Sign in on another device with a code"), self)
        self.signed_in_label = QLabel(self)
        self.signed_in_label.setObjectName("signedInAs")
        self.signed_in_label.setWordWrap(True)
        self.signed_in_label.setTextFormat(Qt.TextFormat.PlainText)
        self.signed_in_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.oauth_box = QGroupBox(self.tr("Sign-in"), self)
        oform = QVBoxLayout(self.oauth_box)
        row = QHBoxLayout()
        row.addWidget(self.sign_in_button)
        row.addWidget(self.cancel_sign_in_button)
        row.addStretch(1)
        oform.addLayout(row)
        oform.addWidget(self.device_code)
        oform.addWidget(self.signed_in_label)
        self.signed_in = None  # the SignedIn of the current sign-in, until saved
        self.runner = SignInRunner(self)
        self.runner.finished.connect(self._signed_in)
        self.runner.failed.connect(self._sign_in_failed)
        self.runner.instructions.connect(self.signed_in_label.setText)

        general = QFormLayout()
        general.addRow(self.tr("Mailbox type:"), self.kind)
        general.addRow(self.tr("Connection name:"), self.name)
        general.addRow(self.tr("E-mail address:"), self.email)
        general.addRow(self.tr("Sender name:"), self.sender_name)
        general.addRow(self.tr("Import e-mails from:"), self.import_from)
        general.addRow("", self.import_hint)
        self.general = general
        servers = QGroupBox(self.tr("Servers"), self)
        self.servers = servers
        sform = QFormLayout(servers)
        sform.addRow(self.server_hint)
        add_connection_rows(sform, self)
        cafile_row = QHBoxLayout()
        cafile_row.addWidget(self.cafile, 1)
        cafile_row.addWidget(self.cafile_button)
        sform.addRow(self.tr("CA certificate file:"), cafile_row)
        mfa = app_password_hint(self)
        sform.addRow(mfa)
        # Errors and progress: a line of their own, so they never replace the help texts.
        self.status = QLabel(self)
        self.status.setObjectName("accountStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(self.oauth_box)
        layout.addWidget(servers)
        layout.addWidget(self.pairing)
        layout.addWidget(self.signals)
        layout.addWidget(self.snippet)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._saving: asyncio.Task | None = None  # Save's call to the accounts service
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        # Wide enough for its texts: the servers, the help lines and the type's buttons.
        self.setMinimumWidth(max(560, self.fontMetrics().horizontalAdvance("M") * 44))

    # --- Google / Outlook 365 ----------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        oauth = self.current_kind() != KIND_IMAP
        self.runner.cancel()
        self.signed_in = None
        self.signed_in_label.clear()
        self.cancel_sign_in_button.hide()
        self.sign_in_button.setEnabled(True)
        self.oauth_box.setVisible(oauth)
        self.servers.setVisible(not oauth)
        # The address and the sender name come from the provider's sign-in (R3).
        for widget in (self.email, self.sender_name):
            widget.setVisible(not oauth)
            label = self.general.labelForField(widget)
            if label is not None:
                label.setVisible(not oauth)
        for kind, _label, button in MAILBOX_TYPES:
            if kind == self.current_kind() and button:
                self.sign_in_button.setText(QCoreApplication.translate("AccountDialog", button))
        # Only Microsoft's flow has the device-code fallback (issue 8).
        self.device_code.setVisible(self.current_kind() == KIND_GRAPH)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not oauth)
        self.status.clear()

    def sign_in(self) -> None:
        """Open the browser (or ask for the device code) in a coroutine; the dialog stays
        usable and Cancel sign-in stops the wait."""
        self.signed_in = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.sign_in_button.setEnabled(False)
        self.kind.setEnabled(False)
        self.cancel_sign_in_button.show()
        self.signed_in_label.clear()
        self._set_status(self.tr("Waiting for the sign-in in the browser…"))
        self.runner.start(
            self.current_kind(),
            device_code=self.device_code.isVisible() and self.device_code.isChecked(),
        )

    def cancel_sign_in(self) -> None:
        self.runner.cancel()
        self._sign_in_ended()
        self._set_status(self.tr("The sign-in was cancelled."))

    def _sign_in_ended(self) -> None:
        self.cancel_sign_in_button.hide()
        self.sign_in_button.setEnabled(True)
        self.kind.setEnabled(True)

    def _signed_in(self, signed_in) -> None:
        self._sign_in_ended()
        self.signed_in = signed_in
        who = signed_in.email
        if signed_in.sender_name:
            who = f"{signed_in.sender_name} <{signed_in.email}>"
        self.signed_in_label.setText(self.tr("Signed in as %1.").replace("%1", who))
        if not self.name.isModified() and not self.name.text().strip():
            self.name.setText(signed_in.email)
        self._set_status(self.tr("Save adds the mailbox."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _sign_in_failed(self, message: str) -> None:
        self._sign_in_ended()
        self._set_status(message)

    def reject(self) -> None:
        self.runner.cancel()  # closing the dialog ends a sign-in waiting for the browser
        if self._saving is not None:
            # Nothing is shown any more; what the service stores stays (as any Save).
            self._saving.cancel()
        super().reject()

    def _guess_servers(self, text: str) -> None:
        domain = presets.domain_of(text)
        self._lookup_serial += 1  # an answer for the previous address is stale now
        self.looking_up = False
        self._looked_up_domain = ""
        if not domain:
            return
        if not self.name.isModified():
            self.name.setText(domain)
        found = presets.preset_for(text)
        if found is not None:
            self._apply_servers(found)
            return
        # Until the DNS answers (or when it has nothing): the usual host names.
        self._fill_servers(f"imap.{domain}", None, f"smtp.{domain}", None)
        self.server_hint.hide()

    def look_up_servers(self) -> None:
        """The address's domain's SRV records (RFC 6186), when no preset matched."""
        email = self.email.text()
        domain = presets.domain_of(email)
        if (
            not domain
            or self.current_kind() != KIND_IMAP
            or presets.preset_for(email) is not None
            or domain == self._looked_up_domain
        ):
            return
        self._looked_up_domain = domain
        serial = self._lookup_serial
        self.looking_up = True
        self.server_hint.setText(self.tr("Looking up the servers of %1…").replace("%1", domain))
        self.server_hint.show()
        self._fit_height()
        run_in_background(
            lambda: presets.lookup_srv(domain, self.resolver),
            lambda found: self._looked_up(serial, found),
            lambda _error: self._looked_up(serial, None),
            owner=self,
        )

    def _looked_up(self, serial: int, found: presets.ServerSettings | None) -> None:
        if serial != self._lookup_serial:
            return  # the address changed meanwhile
        self.looking_up = False
        if found is None:
            self.server_hint.setText(
                self.tr("No server settings published for this domain: check the servers below.")
            )
            self._fit_height()
            return
        self._apply_servers(found)

    def _apply_servers(self, found: presets.ServerSettings) -> None:
        self._fill_servers(found.imap_host, found.imap_port, found.smtp_host, found.smtp_port)
        if found.source == "dns":
            text = self.tr("Servers found in the domain's DNS records (RFC 6186).")
        else:
            text = self.tr("Server settings for %1 filled in.").replace("%1", found.provider)
        if found.oauth_kind is not None:
            text += " " + self.tr(
                "Choosing %1 as the mailbox type signs in through the browser, without "
                "an app password."
            ).replace("%1", self._kind_label(found.oauth_kind))
        self.server_hint.setText(text)
        self.server_hint.show()
        self._fit_height()

    def _set_status(self, text: str) -> None:
        self.status.setText(error_text(text))  # a failure's sentence in the window's language
        self._fit_height()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The first size comes from size hints, which leave out the wrapped help lines'
        # second lines: grow to them now that the width is known.
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to what the wrapped texts need at this width: a long error must not
        squeeze the help lines (top-level layouts ignore height-for-width)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _kind_label(self, kind: str) -> str:
        for each, label, _button in MAILBOX_TYPES:
            if each == kind:
                return QCoreApplication.translate("AccountDialog", label)
        return kind

    def _fill_servers(
        self, imap_host: str, imap_port: int | None, smtp_host: str, smtp_port: int | None
    ) -> None:
        """Fill what the user has not typed in themselves."""
        if not self.imap_host.isModified():
            self.imap_host.setText(imap_host)
            if imap_port:
                self.imap_port.setValue(imap_port)
        if not self.smtp_host.isModified():
            self.smtp_host.setText(smtp_host)
            if smtp_port:
                self.smtp_port.setValue(smtp_port)

    def browse_cafile(self) -> None:
        dialog = QFileDialog(self, self.tr("CA certificate file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        dialog.fileSelected.connect(self.cafile.setText)
        self.cafile_dialog = dialog
        dialog.open()

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
        if self.current_kind() != KIND_IMAP:
            self._save_signed_in()
            return
        fields = self.fields()
        if "@" not in fields["email"]:
            self._set_status(self.tr("Enter the mailbox's e-mail address."))
            return
        if not fields["imap_host"] or not fields["smtp_host"]:
            self._set_status(self.tr("Enter the IMAP and SMTP servers."))
            return
        if fields["import_from"] < date.today() - timedelta(days=7):
            fields["import_from"] = date.today() - timedelta(days=7)
        password = self.password.text()
        self.buttons.setEnabled(False)
        self._set_status(self.tr("Signing in to the IMAP and SMTP servers…"))
        self._saving = aio.start(self._save(self.save_fn, fields, password), name="add mailbox")

    def _save_signed_in(self) -> None:
        """Keep the signed-in mailbox once the provider's first call works (awaited)."""
        if self.signed_in is None:
            self._set_status(self.tr("Sign in first."))
            return
        fields = self.fields()
        kind, signed_in = self.current_kind(), self.signed_in
        options = {
            key: fields[key] for key in ("pairing_enabled", "signals_enabled", "show_snippet")
        }
        import_from = max(fields["import_from"], date.today() - timedelta(days=7))
        name = self.name.text().strip()
        self.buttons.setEnabled(False)
        self._set_status(self.tr("Checking the sign-in with the provider…"))
        self._saving = aio.start(
            self._save(self._add_oauth_mailbox, kind, signed_in, name, import_from, options),
            name="add mailbox",
        )

    @staticmethod
    def _add_oauth_mailbox(kind, signed_in, name, import_from, options) -> int:  # type: ignore[no-untyped-def]
        from desktop import accounts

        mailbox = accounts.add_oauth_mailbox(
            kind, signed_in, name=name, import_from=import_from, **options
        )
        return mailbox.id

    async def _save(self, fn: Callable[..., int], *args: Any) -> None:
        """Run the accounts service in the pool; its error is shown in its own words."""
        try:
            mailbox_id = await aio.in_thread(fn, *args)
        except Exception as exc:  # the service's or the provider's words
            self._failed(_message(exc))
            return
        self._saved(mailbox_id)

    def _saved(self, mailbox_id: int) -> None:
        self.buttons.setEnabled(True)
        self.mailboxAdded.emit(int(mailbox_id))
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self._set_status(message)


class SignInAgainBox(QGroupBox):
    """Mailbox settings of a Google / Outlook 365 mailbox: its sign-in state and the
    Sign in again action (after a revoked or expired sign-in: "needs sign-in")."""

    signedIn = Signal(int)  # mailbox id, once the new sign-in is stored and works

    def __init__(self, mailbox, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign-in"), parent)
        self.setObjectName("signInAgain")
        self.mailbox_id = int(mailbox.id)
        self.kind = mailbox.kind
        self.email = mailbox.email
        self.state = QLabel(self)
        self.state.setObjectName("signInState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Sign in again"), self)
        self.button.setObjectName("signInAgainButton")
        self.button.clicked.connect(self.sign_in)
        self.cancel_button = QPushButton(self.tr("Cancel sign-in"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.device_code = QCheckBox(self.tr("Sign in on another device with a code"), self)
        self.device_code.setVisible(self.kind == KIND_GRAPH)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(row)
        layout.addWidget(self.device_code)
        layout.addStretch(1)
        self.runner = SignInRunner(self)
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(self._failed)
        self.runner.instructions.connect(self.state.setText)
        self._show_state(mailbox.signin_state)

    def _show_state(self, state: str) -> None:
        from desktop.models.mail import SIGNIN_NEEDED

        if state == SIGNIN_NEEDED:
            text = self.tr("The sign-in of %1 has expired or was revoked: sign in again.")
        else:
            text = self.tr("Signed in as %1.")
        self.state.setText(text.replace("%1", self.email))

    def sign_in(self) -> None:
        from desktop import accounts

        mailbox_id = self.mailbox_id
        self.button.setEnabled(False)
        self.cancel_button.show()
        self.state.setText(self.tr("Waiting for the sign-in in the browser…"))
        self.runner.start(
            self.kind,
            login_hint=self.email,
            device_code=self.device_code.isVisible() and self.device_code.isChecked(),
            then=lambda signed_in: accounts.sign_in_again(mailbox_id, signed_in),
        )

    def cancel(self) -> None:
        from desktop.models.mail import Mailbox

        self.runner.cancel()
        self.button.setEnabled(True)
        self.cancel_button.hide()
        mailbox = Mailbox.get_or_none(Mailbox.id == self.mailbox_id)
        if mailbox is not None:
            self._show_state(mailbox.signin_state)

    def _done(self, mailbox) -> None:
        self.button.setEnabled(True)
        self.cancel_button.hide()
        self._show_state(mailbox.signin_state)
        self.signedIn.emit(self.mailbox_id)

    def _failed(self, message: str) -> None:
        self.button.setEnabled(True)
        self.cancel_button.hide()
        self.state.setText(message)
