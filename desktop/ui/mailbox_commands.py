"""Mailbox commands of the window: remove a mailbox (local data only, R2) and import
an mbox file, an .eml file or a folder of them. Both run off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from desktop.changes import ChangeSet
from desktop.ui.background import run_in_background, run_write
from desktop.ui.sync_status import mailbox_name

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class MailboxCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _status(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def remove(self, mailbox_id: int) -> None:
        """Forget the mailbox and its local mail (asked first by the window)."""
        from desktop import accounts

        window = self.window
        window.syncs.stop(mailbox_id)
        name = mailbox_name(mailbox_id)

        def removed(_mailbox) -> None:
            node = window.current_node
            if node is not None and node.mailbox_id == mailbox_id:
                window.current_node = None
                window.last_folder_id = None
            window.reload_mailboxes()
            self._status(
                self.tr("%1 removed from Holub; its mail is still on the server.").replace(
                    "%1", name
                )
            )

        run_write(
            lambda: accounts.remove_account(mailbox_id),
            removed,
            lambda message: self._status(message, 10_000),
            owner=self,
        )

    def import_mail(self, path: str) -> None:
        """Import in the background; the messages show as each batch commits (the bus)."""
        if not path:
            return
        from desktop.sync.local_import import import_path

        self._status(self.tr("Importing %1…").replace("%1", path), 0)

        def done(changes: ChangeSet) -> None:
            self.window.reload_mailboxes()
            self._status(
                QCoreApplication.translate(
                    "MailboxCommands", "%n message(s) imported.", None, len(changes.added)
                )
            )

        # Not in the write queue: a long import must not hold up a mark-read behind it.
        run_in_background(
            lambda: import_path(path),
            done,
            lambda message: self._status(message, 10_000),
            owner=self,
        )
