"""The window's CRM menu (R10, R14): Connect Caflou…, Pull now, Disconnect.

Also wires the first-start screen's "Connect Caflou…" button. Every network step runs
off the GUI thread: the sign-in in CrmLoginDialog's worker, the pull in CrmRefresher's,
the disconnect as a queued store write. The CRM's state (connected as …, last pull,
waiting to publish, "sign in again") is read by the SyncController and shown by the
status bar; this menu only enables what applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.changes import ChangeSet
from desktop.crm import publish
from desktop.crm.publish import CrmState
from desktop.errors import AuthenticationError, HolubError
from desktop.ui.background import run_write
from desktop.ui.crm.login import CrmLoginDialog, CrmRefresher

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class CrmMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.syncs
        self.login_dialog: CrmLoginDialog | None = None
        self.confirm_box: QMessageBox | None = None
        # A flag, not CrmRefresher.busy(): its thread is still ending when the result comes.
        self._pulling = False
        self.refresher = CrmRefresher(window)
        self.refresher.done.connect(self._pulled)
        self.refresher.failed.connect(self._pull_failed)
        self.refresher.needsLogin.connect(lambda email, url: self.connect_caflou(email, url))

        self.menu = QMenu(window)
        self.menu.setObjectName("menu_crm")
        self.connect_action = QAction(self.menu)
        self.connect_action.setObjectName("action_crm_connect")
        self.connect_action.triggered.connect(lambda: self.connect_caflou())
        self.pull_action = QAction(self.menu)
        self.pull_action.setObjectName("action_crm_pull")
        self.pull_action.triggered.connect(self.pull_now)
        self.disconnect_action = QAction(self.menu)
        self.disconnect_action.setObjectName("action_crm_disconnect")
        self.disconnect_action.triggered.connect(self.disconnect)
        self.menu.addAction(self.connect_action)
        self.menu.addAction(self.pull_action)
        self.menu.addSeparator()
        self.menu.addAction(self.disconnect_action)
        bar = window.menuBar()
        help_menu = window.menus.get("help") if isinstance(window.menus, dict) else None
        if isinstance(help_menu, QMenu):
            bar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            bar.addMenu(self.menu)
        window.welcome.crm_button.clicked.connect(lambda: self.connect_caflou())
        self.controller.crmStateChanged.connect(self._state_changed)
        window.installEventFilter(self)
        self.retranslate()
        self._state_changed(self.controller.crm_state)

    # --- texts and what applies -------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("C&RM"))
        self.connect_action.setText(self.tr("&Connect Caflou…"))
        self.pull_action.setText(self.tr("&Pull now"))
        self.disconnect_action.setText(self.tr("&Disconnect"))
        self._state_changed(self.controller.crm_state)

    def _state_changed(self, state: CrmState | None) -> None:
        connected = state is not None and state.connected
        self.pull_action.setEnabled(connected and not self._pulling)
        self.disconnect_action.setEnabled(connected)
        if connected:
            self.pull_action.setToolTip(self.tr("Read companies, projects and tasks again"))
            self.disconnect_action.setToolTip(
                self.tr("Forget the Caflou account %1; Holub uses its local CRM").replace(
                    "%1", state.email
                )
            )
        else:
            why = self.tr("Connect Caflou first")
            self.pull_action.setToolTip(why)
            self.disconnect_action.setToolTip(why)

    # --- the commands -----------------------------------------------------------
    def connect_caflou(self, email: str = "", url: str = "") -> None:
        """Open the sign-in dialog (prefilled with the account's address and e-mail when
        the stored sign-in stopped working)."""
        state = self.controller.crm_state
        if state is not None and state.connected and not email:
            email = state.email
        if self.login_dialog is not None and self.login_dialog.isVisible():
            self.login_dialog.raise_()
            return
        dialog = CrmLoginDialog(self.window, email=email, url=url or self._known_url())
        dialog.setObjectName("crmLoginDialog")
        dialog.changed.connect(self._connected)
        self.login_dialog = dialog
        dialog.open()

    def _known_url(self) -> str:
        state = self.controller.crm_state
        return state.base_url if state is not None and state.connected else ""

    def _connected(self, changes: ChangeSet) -> None:
        self.window.apply_changes(changes)
        self.window.statusBar().showMessage(self.tr("Caflou is connected"), 5000)
        self.controller.refresh_crm_state()
        self.controller.publish_now()  # what was filed before may now be published

    def pull_now(self) -> None:
        if self.refresher.refresh():
            self._pulling = True
            self.pull_action.setEnabled(False)
            self.window.statusBar().showMessage(self.tr("Reading the CRM…"))

    def _pulled(self, changes: ChangeSet) -> None:
        self._pulling = False
        self.window.apply_changes(changes)
        self.window.statusBar().showMessage(self.tr("The CRM is read"), 5000)
        self.controller.refresh_crm_state()
        self.controller.publish_now()

    def _pull_failed(self, exc: HolubError) -> None:
        self._pulling = False
        if isinstance(exc, AuthenticationError):
            publish.note_sign_in_refused()  # CrmRefresher opens the sign-in (needsLogin)
        self.window.statusBar().showMessage(
            self.tr("Reading the CRM failed: %1").replace("%1", str(exc)), 15000
        )
        self.controller.refresh_crm_state()

    def disconnect(self) -> None:
        state = self.controller.crm_state
        if state is None or not state.connected:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Disconnect Caflou"),
            self.tr(
                "Forget the Caflou account of %1? Holub keeps your mail and filings and "
                "uses its local CRM; nothing is deleted in Caflou."
            ).replace("%1", state.email),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("crmDisconnectBox")
        box.finished.connect(
            lambda result: (
                self._disconnect_confirmed() if result == QMessageBox.StandardButton.Yes else None
            )
        )
        self.confirm_box = box
        box.open()

    def _disconnect_confirmed(self) -> None:
        from desktop.crm import api

        run_write(api.logout, lambda _r: self._disconnected(), self._disconnect_failed, owner=self)

    def _disconnected(self) -> None:
        self.window.statusBar().showMessage(self.tr("Caflou is disconnected"), 5000)
        self.controller.refresh_crm_state()

    def _disconnect_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)


def install_crm_menu(window: MainWindow) -> CrmMenu:
    """Add the CRM menu to the window (the one call the main window makes)."""
    return CrmMenu(window)
