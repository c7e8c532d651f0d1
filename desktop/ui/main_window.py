"""The main window: it composes the parts and routes between them.

Parts, one job each:
- folder tree (desktop/ui/folder_tree.py) → picks a node;
- the mail pane (mail_pane.py): list + reader + the message commands;
- the page stack (pages.py): every other node kind's page, by kind;
- the sync controller (sync_controller.py) and its status-bar part (sync_status.py);
- the notifier (notifier.py), the dialogs (window_dialogs.py);
- the change bridge (change_bridge.py): every committed change-set, on the GUI
  thread, handed to the parts that show it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.changes import ChangeSet
from desktop.models import shared as shared_access
from desktop.models.db import database
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox, Message
from desktop.models.search import QueryError, search_message_ids
from desktop.sync.worker import SyncFunction
from desktop.ui import actions as action_table
from desktop.ui import settings as prefs
from desktop.ui.change_bridge import change_bridge
from desktop.ui.crm.crm_menu import install_crm_menu
from desktop.ui.folder_tree import FolderTreeModel, FolderTreeView, Node, NodeRole
from desktop.ui.mail_pane import MailPane
from desktop.ui.mailbox_commands import MailboxCommands
from desktop.ui.message_list import ListSource
from desktop.ui.notifier import Notifier
from desktop.ui.pages import PageStack
from desktop.ui.placeholders import Pending
from desktop.ui.rules.tree import RULE_NODE_KINDS, query_for_node
from desktop.ui.signin_notice import SignInNotice, show_sign_in_tab
from desktop.ui.sync_controller import SyncController
from desktop.ui.sync_status import SyncStatus, mailbox_name
from desktop.ui.welcome import ICON_PATH, WelcomePage, app_icon  # noqa: F401 - re-exported
from desktop.ui.window_dialogs import WindowDialogs

log = logging.getLogger(__name__)

SEARCH_LIMIT = 5000
MAIL_KINDS = {"folder", "mailbox", "search"}


class MainWindow(QMainWindow):
    messageShown = Signal(int)
    listShown = Signal()
    notified = Signal(str, str)

    def __init__(
        self,
        profile_root: Path,
        settings: QSettings | None = None,
        *,
        sync_fn: SyncFunction | None = None,
        clock: Callable[[], datetime] | None = None,
        demo: bool = False,
        sync_on_start: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.profile_root = Path(profile_root)
        self.settings = settings or prefs.open_settings(self.profile_root)
        self.demo = demo
        self.current_node: Node | None = None
        self.last_folder_id: int | None = None
        self._fitted = False
        self.setWindowIcon(app_icon())

        self.syncs = SyncController(sync_fn, clock, self)
        self.sync = self.syncs.manager  # the threads (tests and the app's exit wait on it)
        self.clock = self.syncs.clock
        self.dialogs = WindowDialogs(self)
        self.mailbox_commands = MailboxCommands(self)
        self.actions = action_table.build_actions(self, self._handlers())
        self.menus = action_table.build_menus(self.menuBar(), self.actions)
        self._build_toolbar()
        self._build_panes()
        self.folder_status = QLabel(self.statusBar())
        self.folder_status.setObjectName("folderStatusLabel")
        self.statusBar().addWidget(self.folder_status)
        self.sync_status = SyncStatus(self.statusBar(), self.syncs)
        self.crm_menu = install_crm_menu(self)
        self.signin_notice = SignInNotice(self.statusBar())  # "needs sign-in" (issue 7)
        self.signin_notice.changed.connect(self.folder_model.set_signin_needed)
        self.signin_notice.signInRequested.connect(self.sign_in_again)
        self.syncs.stateChanged.connect(self.signin_notice.update)
        self.notifier = Notifier(self, self.settings, app_icon, self.statusBar().showMessage)
        self.notifier.notified.connect(self.notified)
        self.notifier.build_tray(self.actions)
        self.syncs.syncStarted.connect(self.notifier.sync_started)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.update_refresh_action)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.run_search)
        self.syncs.stateChanged.connect(self.update_refresh_action)
        self.syncs.mailboxSynced.connect(self._mailbox_synced)
        change_bridge().changed.connect(self.apply_changes)
        self._listen_for_drafts()

        conversations = prefs.get_bool(self.settings, prefs.KEY_CONVERSATIONS, False)
        self.mail.conversations = conversations
        self.actions["conversations"].blockSignals(True)
        self.actions["conversations"].setChecked(conversations)
        self.actions["conversations"].blockSignals(False)
        self.retranslate()
        self.restore_state()
        self.reload_mailboxes()
        if sync_on_start:
            self.syncs.sync_due_at_start()

    # --- construction --------------------------------------------------------
    def _handlers(self) -> dict[str, Callable]:
        d = self.dialogs
        return {
            "new": lambda: d.compose("new", d.sending_mailbox_id()),
            "add_mailbox": self.add_mailbox,
            "mailbox_settings": self.open_mailbox_settings,
            "open_demo": d.open_demo,
            "settings": self.open_settings,
            "quit": self.close,
            "undo": lambda: self.mail.undo(),
            "search": self.focus_search,
            "reply": lambda: self.reply(False),
            "reply_all": lambda: self.reply(True),
            "forward": lambda: self.forward(False),
            "forward_attachment": lambda: self.forward(True),
            "delete": lambda: self.mail.delete_selected(),
            "mark_read": lambda: self.mail.mark_selected(True),
            "mark_unread": lambda: self.mail.mark_selected(False),
            "star": lambda: self.mail.toggle_star(),
            "refresh": self.refresh,
            "file_under": lambda: d.file_under(self.selected_ids(), self.apply_changes),
            "create_company": lambda: self.create_crm_object("company"),
            "create_project": lambda: self.create_crm_object("project"),
            "create_task": lambda: self.create_crm_object("task"),
            "next": lambda: self.mail.move_selection(1),
            "previous": lambda: self.mail.move_selection(-1),
            "conversations": self.set_conversations,
            "about": lambda: d.about(app_icon()),
            "outbox": d.open_outbox,
            "restore": lambda: self.mail.restore_selected(),
            "remove_mailbox": self.remove_mailbox,
            "import_mail": lambda: d.choose_import(False, self.import_mail),
            "import_folder": lambda: d.choose_import(True, self.import_mail),
            "deleted_view": lambda: self.open_tree_node("deleted"),
        }

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new", "reply", "reply_all", "forward", "delete", "refresh"):
            bar.addAction(self.actions[name])
        spacer = QWidget(bar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        bar.addWidget(spacer)
        self.search_box = QLineEdit(bar)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(280)
        self.search_box.returnPressed.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search_box)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_panes(self) -> None:
        self.folder_model = FolderTreeModel(self)
        self.folder_view = FolderTreeView(self.folder_model, self)
        self.folder_view.nodeActivated.connect(self.open_node)
        self.folder_model.countsUpdated.connect(self._update_folder_status)
        self.folder_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.folder_view.customContextMenuRequested.connect(self._folder_menu)
        self.mail = MailPane(self.actions["file_under"], self)
        self.mail.listShown.connect(self.listShown)
        self.mail.messageShown.connect(self.messageShown)
        self.mail.statusMessage.connect(self.statusBar().showMessage)
        self.mail.changesMade.connect(self.apply_changes)
        self.mail.selectionChanged.connect(self.update_actions)
        self.mail.listShown.connect(self.update_actions)
        self.mail.list_view.customContextMenuRequested.connect(
            lambda pos: self.mail.context_menu(self.actions, pos)
        )
        # The names the rest of Holub and the tests know these parts by.
        self.mail_splitter = self.mail
        self.list_model = self.mail.list_model
        self.list_view = self.mail.list_view
        self.reader = self.mail.reader
        self.filing_bar = self.mail.filing_bar
        if self.filing_bar is not None:
            self.filing_chips = self.mail.filing_chips
        self.crm_page_holder = PageStack(
            self, lambda: Pending(self.tr("The CRM views are not available in this build."), self)
        )
        self._crm_pages = self.crm_page_holder.pages
        self.right_stack = QStackedWidget(self)
        self.right_stack.addWidget(self.mail)
        self.right_stack.addWidget(self.crm_page_holder)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.folder_view)
        self.main_splitter.addWidget(self.right_stack)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([220, 1000])
        self.welcome = WelcomePage(self)
        self.welcome.add_button.clicked.connect(self.add_mailbox)
        self.welcome.demo_button.clicked.connect(self.dialogs.open_demo)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.main_splitter)
        self.setCentralWidget(self.pages)

    @property
    def _compose_windows(self) -> list[QWidget]:
        return self.dialogs.compose_windows

    @property
    def undo_stack(self):
        return self.mail.undo_stack

    @property
    def tray(self):
        return self.notifier.tray

    @property
    def last_notification(self) -> tuple[str, str] | None:
        return self.notifier.last_notification

    @property
    def last_sync_label(self) -> QLabel:
        return self.sync_status.last_sync_label

    @property
    def error_button(self):
        return self.sync_status.error_button

    @property
    def error_box(self):
        return self.sync_status.error_box

    @property
    def _schedule_timer(self) -> QTimer:
        return self.syncs.schedule_timer

    # --- language ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = "Holub"
        if self.demo:
            title += " — " + self.tr("demo")
        self.setWindowTitle(title)
        action_table.retranslate_actions(self.actions)
        action_table.retranslate_menus(self.menus)
        self.search_box.setPlaceholderText(
            self.tr("Search (from: to: subject: has:attachment is:unread before: after:)")
        )
        self.sync_status.retranslate()
        self.signin_notice.retranslate()
        self.welcome.retranslate()
        self.mail.retranslate()
        self.folder_model.retranslate()
        self.update_refresh_action()
        self.update_actions()

    # --- state ---------------------------------------------------------------
    def restore_state(self) -> None:
        s = self.settings
        if (geometry := s.value(prefs.KEY_GEOMETRY)) is not None:
            self.restoreGeometry(geometry)  # where it was (Qt keeps it on a screen)
        else:
            self.resize(self.sizeHint())
        self._fit_on_screen()
        self._restored_size = self.size()
        if (state := s.value(prefs.KEY_MAIN_SPLITTER)) is not None:
            self.main_splitter.restoreState(state)
        if (state := s.value(prefs.KEY_MAIL_SPLITTER)) is not None:
            self.mail_splitter.restoreState(state)
        if (state := s.value(prefs.KEY_LIST_HEADER)) is not None:
            self.list_view.restore_columns_state(state)

    def save_state(self) -> None:
        s = self.settings
        s.setValue(prefs.KEY_GEOMETRY, self.saveGeometry())
        s.setValue(prefs.KEY_MAIN_SPLITTER, self.main_splitter.saveState())
        s.setValue(prefs.KEY_MAIL_SPLITTER, self.mail_splitter.saveState())
        s.setValue(prefs.KEY_LIST_HEADER, self.list_view.columns_state())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.syncs.cancel_all()
        self.notifier.hide_tray()
        super().closeEvent(event)

    # --- navigation ----------------------------------------------------------
    def reload_mailboxes(self) -> None:
        self.folder_model.rebuild()
        self.folder_view.expandAll()
        has_mailbox = Mailbox.select().exists()
        self.pages.setCurrentIndex(1 if has_mailbox else 0)
        if not has_mailbox:
            self.mail.clear()
            return
        target = self.last_folder_id
        if target is None or not Folder.select().where(Folder.id == target).exists():
            inbox = (
                Folder.select()
                .where(Folder.role == ROLE_INBOX)
                .order_by(Folder.mailbox, Folder.id)
                .first()
            )
            target = inbox.id if inbox else None
            if target is None and (first := Folder.select().order_by(Folder.id).first()):
                target = first.id
        if target is not None:
            self.select_folder(target)
        self.sync_status.update_last_sync()
        self.signin_notice.update()

    def select_folder(self, folder_id: int) -> None:
        index = self.folder_model.folder_index(folder_id)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)
            if self.current_node != Node("folder", folder_id, self._mailbox_of(folder_id)):
                self.open_node(index.data(NodeRole))

    def _mailbox_of(self, folder_id: int) -> int | None:
        folder = Folder.get_or_none(Folder.id == folder_id)
        return folder.mailbox_id if folder else None

    def open_node(self, node: Node) -> None:
        self.current_node = node
        if node.kind == "folder":
            self.last_folder_id = node.id
            self.right_stack.setCurrentWidget(self.mail)
            self.show_folder(node.id)
            self._update_folder_status()
        elif node.kind == "mailbox":
            first = (
                Folder.select()
                .where(Folder.mailbox == node.id)
                .order_by((Folder.role != ROLE_INBOX), Folder.id)
                .first()
            )
            if first is not None:
                self.select_folder(first.id)
        elif node.kind == "search":
            self.right_stack.setCurrentWidget(self.mail)
        elif node.kind == "deleted":
            self.right_stack.setCurrentWidget(self.mail)
            self.mail.show_deleted()
        elif node.kind in RULE_NODE_KINDS:  # R15: a label or saved filter is a search
            self.search_box.setText(query_for_node(node.kind, node.id))
            self.run_search()
            return
        else:
            self.show_page(node.kind)
        if node.kind not in {"folder", "mailbox"}:
            self.folder_status.clear()
        self.update_refresh_action()
        self.update_actions()

    def open_tree_node(self, kind: str) -> None:
        """Select a top-level node of the tree (Signals, Drafts, Deleted in Holub, …)."""
        index = self.folder_model.node_index(kind)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)

    def update_actions(self) -> None:
        """Enable what applies to what is on screen; the tooltip says why not."""
        mail_visible = self.right_stack.currentWidget() is self.mail and self.pages.currentIndex()
        state = action_table.ScreenState(
            mail_visible=bool(mail_visible),
            message_shown=self.mail.shown_message_id() is not None,
            rows=self.list_model.rowCount(),
            deleted_view=self.mail.deleted_view,
            can_undo=self.mail.undo_stack.can_undo(),
            has_mailbox=self.pages.currentIndex() == 1,
            current_mailbox=self.current_node is not None
            and self.current_node.mailbox_id is not None,
            access=shared_access.mailbox_access(self.current_node.mailbox_id)
            if self.current_node is not None and self.current_node.mailbox_id is not None
            else "owner",
        )
        action_table.set_availability(self.actions, action_table.reasons(state))

    def show_page(self, kind: str) -> None:
        fresh = kind not in self.crm_page_holder.pages
        page = self.crm_page_holder.show_page(kind)
        if page is None:
            return
        if fresh:
            if hasattr(page, "changed"):
                page.changed.connect(self.apply_changes)
            if hasattr(page, "messageActivated"):
                page.messageActivated.connect(self.reveal_message)
            if hasattr(page, "draftActivated"):
                page.draftActivated.connect(self.dialogs.open_draft)
        self.right_stack.setCurrentWidget(self.crm_page_holder)

    def show_crm_page(self, kind: str) -> None:  # the older name
        self.show_page(kind)

    def show_folder(self, folder_id: int) -> None:
        mailbox = Mailbox.get_or_none(Mailbox.id == self._mailbox_of(folder_id))
        self.mail.show_folder(folder_id, two_line=bool(mailbox and mailbox.show_snippet))

    def reveal_message(self, message_id: int) -> None:
        """Show a message (from a CRM view or a signal) in its folder, selected."""
        message = Message.get_or_none(Message.id == message_id)
        if message is None:
            return
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.folder_model.set_search(None)
        self.select_folder(message.folder_id)
        self.mail.reveal(message_id)

    def current_mailbox(self) -> Mailbox | None:
        node = self.current_node
        if node is None or node.mailbox_id is None:
            return None
        return Mailbox.get_or_none(Mailbox.id == node.mailbox_id)

    def selected_ids(self) -> list[int]:
        return self.mail.selected_ids()

    def current_message_id(self) -> int | None:
        return self.mail.current_message_id()

    def move_selection(self, step: int) -> None:
        self.mail.move_selection(step)

    # --- changes -------------------------------------------------------------
    def apply_changes(self, changes: ChangeSet) -> None:
        """One committed change-set (from the bus, or a dialog): refresh what it names."""
        self.syncs.store_changed(changes)  # filed mail is published to the CRM soon after
        known = self.folder_model.folder_ids()
        if changes.folders - known or changes.mailboxes - self.folder_model.mailbox_ids():
            self.reload_mailboxes()  # a new folder or mailbox: the tree's structure changed
        self.mail.apply_changes(changes)
        if changes.folders or changes.messages or changes.signals:
            self.folder_model.refresh_counts()
        self.crm_page_holder.apply_changes(changes)
        if changes.mailboxes:
            self.sync_status.update_last_sync()
            self.update_refresh_action()

    def _mailbox_synced(self, mailbox_id: int, changes: ChangeSet) -> None:
        # The batches reached the views through the bus as they committed; what is left
        # is the notification (all of what arrived) and a folder that got no message.
        self.notifier.sync_finished(mailbox_id)
        if changes.folders - self.folder_model.folder_ids():
            self.reload_mailboxes()
        self.sync_status.update_last_sync()

    def notify_new_mail(self, mailbox_id: int, changes: ChangeSet) -> None:
        self.notifier.new_mail(mailbox_id, changes)

    def set_conversations(self, on: bool) -> None:
        self.settings.setValue(prefs.KEY_CONVERSATIONS, bool(on))
        self.mail.conversations = bool(on)
        if self.current_node is not None and self.current_node.kind == "folder":
            self.show_folder(self.current_node.id)

    def _update_folder_status(self) -> None:
        node = self.current_node
        if node is None or node.kind != "folder":
            self.folder_status.clear()
            return
        unread, total = self.folder_model.counts.get(node.id, (0, 0))
        mailbox = mailbox_name(node.mailbox_id) if node.mailbox_id else ""
        self.folder_status.setText(
            self.tr("%1 › %2: %3 messages, %4 unread")
            .replace("%1", mailbox)
            .replace("%2", self.folder_model.folder_label(node.id))
            .replace("%3", QLocale().toString(total))
            .replace("%4", QLocale().toString(unread))
        )

    def show_unexpected_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(
            self.tr("Something went wrong: %1 (details in holub.log)").replace("%1", str(exc)),
            15000,
        )

    # --- search --------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if not text:
            if self.current_node is not None and self.current_node.kind == "search":
                self.folder_model.set_search(None)
                if self.last_folder_id is not None:
                    self.select_folder(self.last_folder_id)
            else:
                self.folder_model.set_search(None)
            return
        try:
            ids = search_message_ids(database, text, limit=SEARCH_LIMIT)
        except QueryError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        index = self.folder_model.set_search(text)
        self.current_node = Node("search")
        self.folder_view.blockSignals(True)
        self.folder_view.selectionModel().blockSignals(True)
        self.folder_view.setCurrentIndex(index)
        self.folder_view.selectionModel().blockSignals(False)
        self.folder_view.blockSignals(False)
        self.right_stack.setCurrentWidget(self.mail)
        first = [ids]

        def compute() -> list[int]:
            # The first page uses the ids just found; a reload (undo, new mail) searches again.
            return first.pop() if first else search_message_ids(database, text, limit=SEARCH_LIMIT)

        self.statusBar().showMessage(self.tr("%n message(s) found", "", len(ids)), 5000)
        self.mail.show_source(ListSource(compute))
        self.update_refresh_action()

    # --- sync ----------------------------------------------------------------
    def update_refresh_action(self) -> None:
        enabled, tip, retry_ms = self.syncs.refresh_state(self.current_mailbox())
        action = self.actions["refresh"]
        action.setEnabled(enabled)
        action.setToolTip(tip)
        if retry_ms is not None:
            self._refresh_timer.start(retry_ms)

    def refresh(self) -> None:
        self.syncs.refresh(self.current_mailbox())

    def start_sync(self, mailbox_id: int) -> bool:
        return self.syncs.start(mailbox_id)

    # --- commands that open something ----------------------------------------
    def _listen_for_drafts(self) -> None:
        from desktop.ui.compose.sending import outbox_events
        from desktop.ui.compose.sent_notice import SentNotice

        # The Drafts count in the folder tree follows every save and discard.
        outbox_events().drafts_changed.connect(self.folder_model.refresh_counts)
        self.sent_notice = SentNotice(self.statusBar())  # "Sent: …" / the server's words

    def open_draft(self, draft_id: int) -> None:
        self.dialogs.open_draft(draft_id)

    def open_outbox(self) -> None:
        self.dialogs.open_outbox()

    def new_message(self) -> None:
        self.dialogs.compose("new", self.dialogs.sending_mailbox_id())

    def reply(self, reply_all: bool) -> None:
        if (mid := self.current_message_id()) is not None:
            self.dialogs.compose("reply", mid, reply_all)

    def forward(self, as_attachment: bool) -> None:
        if (mid := self.current_message_id()) is not None:
            self.dialogs.compose("forward", mid, as_attachment)

    def file_under(self) -> None:
        self.dialogs.file_under(self.selected_ids(), self.apply_changes)

    def create_crm_object(self, kind: str) -> None:
        self.dialogs.create_crm_object(kind, self.current_message_id(), self.apply_changes)

    def add_mailbox(self) -> None:
        self.dialogs.add_mailbox(self._mailbox_added)

    def _mailbox_added(self, mailbox_id: int) -> None:
        self.reload_mailboxes()
        # The new mailbox shows, selected, and its first sync starts at once.
        index = self.folder_model.mailbox_index(mailbox_id)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)
        if self.syncs.syncable(Mailbox.get_or_none(Mailbox.id == mailbox_id)):
            self.syncs.start(mailbox_id)

    def _folder_menu(self, pos) -> None:
        index = self.folder_view.indexAt(pos)
        node = index.data(NodeRole) if index.isValid() else None
        if node is None or node.mailbox_id is None:
            return
        menu = QMenu(self)
        action = menu.addAction(self.actions["mailbox_settings"].text())
        action.setObjectName("folderMenu_mailbox_settings")
        action.triggered.connect(lambda: self.open_mailbox_settings(node.mailbox_id))
        if node.mailbox_id in self.folder_model.signin_needed:
            again = menu.addAction(self.tr("Sign in again"))
            again.triggered.connect(lambda: self.sign_in_again(node.mailbox_id))
        remove = menu.addAction(self.actions["remove_mailbox"].text())
        remove.setObjectName("folderMenu_remove_mailbox")
        remove.triggered.connect(lambda: self.remove_mailbox(node.mailbox_id))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.folder_view.viewport().mapToGlobal(pos))
        self.folder_menu = menu

    def open_mailbox_settings(self, mailbox_id: int | None = None) -> None:
        """The settings of ``mailbox_id`` (default: the mailbox shown), non-blocking."""
        if mailbox_id is None:
            mailbox = self.current_mailbox()
            if mailbox is None:
                mailbox = Mailbox.select().order_by(Mailbox.id).first()
            if mailbox is None:
                return
            mailbox_id = mailbox.id
        self.dialogs.mailbox_settings(mailbox_id, self._mailbox_settings_saved)

    def sign_in_again(self, mailbox_id: int) -> None:
        """Mailbox settings on its Sign-in tab; once signed in, the mark goes and it syncs."""
        self.open_mailbox_settings(mailbox_id)
        dialog = getattr(self, "mailbox_settings_dialog", None)
        if dialog is not None:
            show_sign_in_tab(dialog, self._signed_in_again)

    def _signed_in_again(self, mailbox_id: int) -> None:
        self.signin_notice.update()
        if self.syncs.syncable(Mailbox.get_or_none(Mailbox.id == mailbox_id)):
            self.syncs.start(mailbox_id)

    def _mailbox_settings_saved(self, _mailbox_id: int) -> None:
        # New name in the tree, snippet rows on or off, and filings after a re-pair.
        self.reload_mailboxes()
        node = self.current_node
        if node is not None and node.kind == "folder":
            self.show_folder(node.id)
        if self.filing_bar is not None:
            self.filing_chips.refresh()

    def remove_mailbox(self, mailbox_id: int | None = None) -> None:
        """Forget a mailbox and its local mail, after asking (the server keeps it)."""
        mailbox = (
            Mailbox.get_or_none(Mailbox.id == mailbox_id)
            if mailbox_id is not None
            else self.current_mailbox()
        )
        if mailbox is None:
            return
        self.dialogs.confirm_remove_mailbox(mailbox, lambda: self._remove_mailbox(mailbox.id))

    def _remove_mailbox(self, mailbox_id: int) -> None:
        self.mailbox_commands.remove(mailbox_id)

    def import_mail(self, path: str) -> None:
        self.mailbox_commands.import_mail(path)

    def open_demo(self) -> None:
        self.dialogs.open_demo()

    def open_settings(self) -> None:
        self.dialogs.settings(self.settings, self._settings_changed)

    def _settings_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.ui import i18n

        i18n.install(QApplication.instance(), str(self.settings.value(prefs.KEY_LANGUAGE, "")))
        # Qt posts LanguageChange to every widget later; this window retranslates now.
        self.retranslate()
        self.notifier.settings_changed(self.actions)

    def about(self) -> None:
        self.dialogs.about(app_icon())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            # The frame's size is known once shown: fit again, frame included (unless
            # whoever opened the window gave it a size of their own since).
            self._fitted = True
            if self.size() == self._restored_size:
                QTimer.singleShot(0, self._fit_on_screen)

    def _available(self) -> QRect | None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _fit_on_screen(self) -> None:
        """Never larger than the screen's free area (a 1366×768 laptop too), and on it."""
        area = self._available()
        if area is None:
            return
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def sizeHint(self) -> QSize:
        area = self._available()
        if area is None:
            return QSize(1280, 800)
        # Most of the screen, up to 1280×800, leaving room for the window frame.
        return QSize(min(1280, area.width() - 16), min(800, area.height() - 40))
