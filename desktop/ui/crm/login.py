"""Connect a Caflou account: sign in, choose the account, pull its data (R10, R14).

The network work runs in a worker thread; the dialog stays responsive and shows the
CRM's answer (wrong password, two-factor code needed, plan too low) in plain words.
Shown also when the stored credentials stop working (``email`` prefilled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
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
from desktop.ui.crm import dialog_parts


class _Worker(QThread):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: QWidget) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        from desktop.models.db import database

        try:
            self.done.emit(self._fn())
        except HolubError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # shown, not swallowed: the dialog must not hang
            self.failed.emit(HolubError(f"Unexpected error: {exc}"))
        finally:
            database.close()  # this thread's own connection


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
        self._worker: _Worker | None = None
        self._busy = False

    def sign_in(self) -> None:
        # A busy flag, not QThread.isRunning(): the result signal arrives while
        # run() is still unwinding, and a retry right after a failure must work.
        if self._busy:
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
        self._busy = True
        if self._worker is not None:
            self._worker.wait()  # the previous run has emitted its result; let it finish
        self._worker = _Worker(work, self)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._worker.start()

    def _done(self, changes: ChangeSet) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.password.clear()
        self.changed.emit(changes)
        self.accept()

    def _failed(self, exc: HolubError) -> None:
        self._busy = False
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

    def done(self, result: int) -> None:  # closing waits for a running sign-in
        if self._worker is not None:
            self._worker.wait(30_000)
        super().done(result)


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
        self._worker: _Worker | None = None

    def busy(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

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

        self._worker = _Worker(work, self.parent() or None)
        self._worker.done.connect(self.done)
        self._worker.failed.connect(self._failed)
        self._worker.start()
        return True

    def wait(self, msecs: int = 30_000) -> None:
        if self._worker is not None:
            self._worker.wait(msecs)

    def _failed(self, exc: HolubError) -> None:
        from desktop.errors import AuthenticationError

        if isinstance(exc, AuthenticationError):
            from desktop.crm import service

            account = service.remote_account()
            if account is not None:
                self.needsLogin.emit(account.email, account.base_url)
        self.failed.emit(exc)
