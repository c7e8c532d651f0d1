"""The window's dialogs and secondary windows: compose, outbox, CRM pickers, mailbox
and application settings, About. Non-blocking (``open()``), kept on the window as
attributes (tests and the window reach them there)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.models.mail import KIND_LOCAL, Mailbox
from desktop.ui import settings as prefs

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class WindowDialogs(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.compose_windows: list[QWidget] = []

    def _status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- compose -------------------------------------------------------------
    def compose(self, factory: str, *args) -> None:
        try:
            from desktop.ui.compose import ComposeWindow
        except ImportError:
            self._status(self.tr("Writing mail is not available in this build."))
            return
        window = getattr(ComposeWindow, factory)(*args)
        if window is not None:
            self.compose_windows.append(window)
            window.mailboxAdded.connect(self.window._mailbox_added)  # its first sync starts
            window.show()

    def open_draft(self, draft_id: int) -> None:
        """Go on writing a saved draft (the window already open for it, if any)."""
        for window in self.compose_windows:
            if getattr(window, "draft_id", None) == draft_id and window.isVisible():
                window.raise_()
                window.activateWindow()
                return
        self.compose("open_draft", draft_id)

    def open_outbox(self) -> None:
        """The Outbox (queued / sending / sent / failed, with Retry) in its own window."""
        from desktop.ui.compose import OutboxView

        w = self.window
        if getattr(w, "outbox_view", None) is None:
            w.outbox_view = OutboxView()
            w.outbox_view.resize(760, 320)
        w.outbox_view.refresh()
        w.outbox_view.show()
        w.outbox_view.raise_()

    def sending_mailbox_id(self) -> int | None:
        mailbox = self.window.current_mailbox()
        if mailbox is not None:
            return mailbox.id
        first = (
            Mailbox.select().where(Mailbox.kind != KIND_LOCAL).first() or Mailbox.select().first()
        )
        return first.id if first else None

    # --- CRM -----------------------------------------------------------------
    def _open(self, attr: str, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        setattr(self.window, attr, dialog)

    def file_under(self, ids: list[int], apply: Callable) -> None:
        if not ids:
            return
        try:
            from desktop.ui.crm import FilePickerDialog
        except ImportError:
            return
        dialog = FilePickerDialog(ids, self.window)
        dialog.changed.connect(apply)
        self._open("crm_dialog", dialog)

    def create_crm_object(self, kind: str, message_id: int | None, apply: Callable) -> None:
        if message_id is None:
            return
        try:
            from desktop.ui.crm import CreateObjectDialog
        except ImportError:
            return
        dialog = CreateObjectDialog(kind, message_id, self.window)
        dialog.changed.connect(apply)
        self._open("crm_dialog", dialog)

    # --- mailboxes and settings ----------------------------------------------
    def add_mailbox(self, added: Callable[[int], None]) -> None:
        from desktop.ui.account_dialog import AccountDialog

        dialog = AccountDialog(self.window)
        dialog.mailboxAdded.connect(added)
        self._open("account_dialog", dialog)

    def mailbox_settings(self, mailbox_id: int, saved: Callable[[int], None]) -> None:
        from desktop.ui.mailbox_settings import MailboxSettingsDialog

        dialog = MailboxSettingsDialog(mailbox_id, self.window)
        dialog.changed.connect(saved)
        self._open("mailbox_settings_dialog", dialog)

    def settings(self, settings, accepted: Callable[[], None]) -> None:
        dialog = prefs.SettingsDialog(settings, self.window)
        dialog.accepted.connect(accepted)
        self._open("settings_dialog", dialog)

    def confirm_remove_mailbox(self, mailbox: Mailbox, remove: Callable[[], None]) -> None:
        """Ask first: removing forgets the local mail, filings and settings (R2: the
        server keeps everything)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove mailbox"),
            self.tr(
                "Remove %1 from Holub?\n\nHolub forgets its mail, filings and settings on "
                "this computer. Nothing changes on the server: adding the mailbox again "
                "brings the mail back."
            ).replace("%1", f"{mailbox.name} <{mailbox.email}>" if mailbox.email else mailbox.name),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("removeMailboxBox")
        button = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        button.setObjectName("removeMailboxButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        button.clicked.connect(remove)
        box.open()
        self.window.remove_mailbox_box = box

    def choose_import(self, folder: bool, chosen: Callable[[str], None]) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self.window, self.tr("Import mail"))
        dialog.setObjectName("importDialog")
        if folder:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilters(
                [self.tr("Mail (*.mbox *.mbx *.eml *.msg)"), self.tr("All files (*)")]
            )
        dialog.fileSelected.connect(chosen)
        self._open("import_dialog", dialog)

    @staticmethod
    def open_demo() -> None:
        # From a source checkout its main.py; from an installed package, the module.
        main_py = Path(__file__).resolve().parents[2] / "main.py"
        args = [str(main_py), "--demo"] if main_py.is_file() else ["-m", "desktop", "--demo"]
        QProcess.startDetached(sys.executable, args)

    def about(self, icon) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About Holub"),
            self.tr("Holub — e-mail filed under your CRM's companies, projects and tasks."),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setIconPixmap(icon.pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
