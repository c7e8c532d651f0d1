"""Connect a Caflou account: sign in, choose the account, pull its data (R10, R14).

The network work is awaited in a coroutine on the GUI thread's asyncio loop
(desktop/ui/aio.py: qasync), the blocking calls in the loop's thread pool; the dialog
stays responsive and shows the CRM's answer (wrong password, two-factor code needed,
plan too low) in plain words.
Shown also when the stored credentials stop working (``email`` prefilled).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.changes import ChangeSet
from desktop.crm import api
from desktop.errors import HolubError
from desktop.ui import aio
from desktop.ui.crm import dialog_parts


async def _crm_call(work: Callable[[], ChangeSet]) -> ChangeSet:
    """``work`` in the loop's pool, awaited; any failure arrives as a HolubError."""
    try:
        return await aio.in_thread(work)
    except HolubError:
        raise
    except Exception as exc:  # shown, not swallowed: the dialog must not hang
        raise HolubError(f"Unexpected error: {exc}") from exc


class CrmLoginDialog(QDialog):
    """Non-blocking (``open()``). ``changed(ChangeSet)`` after sign-in, pull and re-pair."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, email: str = "", url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect Caflou"))
        self.url = QLineEdit(url or api.DEFAULT_URL, self)
        self.email = QLineEdit(email, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.otp = QLineEdit(self)
        self.otp.setPlaceholderText(self.tr("only with two-factor sign-in"))
        self.account = QComboBox(self)
        self.account_label = QLabel(self.tr("Account"), self)
        self.account.hide()
        self.account_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Caflou address"), self.url)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Two-factor code"), self.otp)
        form.addRow(self.account_label, self.account)
        self.status = dialog_parts.message_label(self)
        self.buttons = dialog_parts.ok_cancel(self, self.tr("Sign in"), self.sign_in)
        dialog_parts.stack(self, form, self.status, self.buttons)
        self._client: api.CaflouClient | None = None
        self._task: asyncio.Task | None = None

    def sign_in(self) -> None:
        if self._task is not None and not self._task.done():
            return
        url, email, password = (
            self.url.text().strip(),
            self.email.text().strip(),
            self.password.text(),
        )
        otp = self.otp.text().strip() or None
        account_id = self.account.currentData() if self.account.isVisible() else None
        client = self._client

        def work() -> ChangeSet:
            from desktop.crm import publish, service

            account, _ = api.login(
                url, email, password, otp=otp, account_id=account_id, client=client
            )
            api.pull(account)
            publish.note_sign_in_ok()  # the status bar stops saying "sign in again"
            return service.repair()

        dialog_parts.show_note(self.status, self.tr("Signing in and reading the CRM…"))
        self.buttons.setEnabled(False)
        self._task = aio.start(self._sign_in(work), name="crm sign-in")

    async def _sign_in(self, work: Callable[[], ChangeSet]) -> None:
        try:
            changes = await _crm_call(work)
        except HolubError as exc:
            self._task = None  # a retry may start at once
            if shiboken6.isValid(self):
                self._failed(exc)
        else:
            self._task = None
            if shiboken6.isValid(self):
                # Also after the dialog was closed meanwhile: what was pulled is
                # announced, so the views show it.
                self._done(changes)

    def _done(self, changes: ChangeSet) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.changed.emit(changes)
        self.accept()

    def _failed(self, exc: HolubError) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, api.AccountChoiceNeeded):
            self._client = exc.client
            self.account.clear()
            for acc in exc.accounts:
                self.account.addItem(f"{acc.get('name', '')} ({api.plan_name(acc)})", acc["id"])
            self.account.show()
            self.account_label.show()
            dialog_parts.show_note(self.status, self.tr("Choose the account Holub should use."))
            return
        dialog_parts.show_error(self.status, str(exc))


class CrmRefresher(QObject):
    """ "Refresh CRM" / "Re-pair" for the main window, off the GUI thread.

    ``refresh()`` pulls from Caflou (when connected) and re-pairs; ``repair()`` only
    re-pairs. ``done(ChangeSet)`` on success; ``failed(HolubError)`` otherwise, and
    ``needsLogin(email, url)`` when the stored credentials no longer work — the one
    case in which the user is asked to sign in again (open CrmLoginDialog).
    """

    done = Signal(object)
    failed = Signal(object)
    needsLogin = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task | None = None

    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def refresh(self) -> bool:
        return self._start(pull=True)

    def repair(self) -> bool:
        return self._start(pull=False)

    def _start(self, *, pull: bool) -> bool:
        if self.busy():
            return False

        def work() -> ChangeSet:
            from desktop.crm import publish, service

            account = service.remote_account()
            if pull and account is not None:
                api.pull(account)
                publish.note_sign_in_ok()
            return service.repair()

        self._task = aio.start(self._run(work), name="crm refresh")
        return True

    async def _run(self, work: Callable[[], ChangeSet]) -> None:
        try:
            changes = await _crm_call(work)
        except HolubError as exc:
            self._failed(exc)
        else:
            self.done.emit(changes)

    def wait(self, msecs: int = 30_000) -> None:
        """Block until the pool's jobs have ended (tests, before the store closes)."""
        aio.wait_for_jobs(msecs / 1000)

    def _failed(self, exc: HolubError) -> None:
        from desktop.errors import AuthenticationError

        if isinstance(exc, AuthenticationError):
            from desktop.crm import service

            account = service.remote_account()
            if account is not None:
                self.needsLogin.emit(account.email, account.base_url)
        self.failed.emit(exc)
