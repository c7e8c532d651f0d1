"""New-mail notifications (R13): the tray icon's balloon and the status bar.

What arrived is counted in a background job (desktop/services/notifications.py),
all of it, however many messages a sync brought.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from desktop.changes import ChangeSet, bus
from desktop.services.notifications import ArrivalTally, NewMail, new_mail
from desktop.ui import settings as prefs
from desktop.ui.background import run_in_background


class Notifier(QObject):
    notified = Signal(str, str)  # title, text

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        icon: Callable[[], QIcon],
        show_status: Callable[[str, int], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.icon = icon
        self.show_status = show_status
        self.tray: QSystemTrayIcon | None = None
        self.last_notification: tuple[str, str] | None = None
        # Counted on the sync thread as each batch commits (see ArrivalTally).
        self.tally = ArrivalTally()
        unsubscribe = bus.subscribe(self.tally)
        self.destroyed.connect(lambda *_: unsubscribe())

    # --- the tray icon -------------------------------------------------------
    def build_tray(self, actions: dict[str, QAction]) -> None:
        if self.tray is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if not prefs.get_bool(self.settings, prefs.KEY_TRAY, True):
            return
        self.tray = QSystemTrayIcon(self.icon(), self)
        menu = QMenu(self.window)
        menu.addAction(actions["new"])
        menu.addAction(actions["refresh"])
        menu.addSeparator()
        menu.addAction(actions["quit"])
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(
            lambda _reason: (self.window.showNormal(), self.window.activateWindow())
        )
        self.tray.show()

    def settings_changed(self, actions: dict[str, QAction]) -> None:
        tray_on = prefs.get_bool(self.settings, prefs.KEY_TRAY, True)
        if self.tray is not None and not tray_on:
            self.hide_tray()
        elif self.tray is None and tray_on:
            self.build_tray(actions)

    def hide_tray(self) -> None:
        if self.tray is not None:
            self.tray.hide()
            self.tray = None

    # --- new mail ------------------------------------------------------------
    def sync_started(self, mailbox_id: int) -> None:
        self.tally.reset(mailbox_id)

    def sync_finished(self, mailbox_id: int) -> None:
        """Announce what the sync of ``mailbox_id`` brought (all of it)."""
        mail = self.tally.take(mailbox_id)
        if mail is not None and prefs.get_bool(self.settings, prefs.KEY_NOTIFICATIONS, True):
            self._announce(mail)

    def new_mail(self, mailbox_id: int, changes: ChangeSet) -> None:
        """Announce the unread inbox mail among what a sync added (counted off the GUI)."""
        if not changes.added or not prefs.get_bool(self.settings, prefs.KEY_NOTIFICATIONS, True):
            return
        added = list(changes.added)
        run_in_background(lambda: new_mail(mailbox_id, added), self._announce, owner=self)

    def _announce(self, mail: NewMail | None) -> None:
        if mail is None:
            return
        # The window's context: its plural forms are in the translations already.
        title = QCoreApplication.translate(
            "MainWindow", "%n new message(s) in %1", None, mail.count
        )
        title = title.replace("%1", mail.mailbox_name)
        text = f"{mail.sender}: {mail.subject}"
        self.last_notification = (title, text)
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, self.icon(), 8000)
        self.show_status(f"{title} — {text}", 8000)
        self.notified.emit(title, text)
