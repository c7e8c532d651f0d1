"""The main window: folder tree | message list | reader, with toolbar, search and status bar."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QProcess,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.changes import ChangeSet
from desktop.models.base import utcnow
from desktop.models.db import database
from desktop.models.mail import KIND_LOCAL, ROLE_INBOX, Folder, Mailbox, Message
from desktop.models.search import QueryError, search_message_ids
from desktop.resources import resources_dir
from desktop.services import messages as message_service
from desktop.sync import schedule
from desktop.sync.worker import SyncFunction, SyncManager
from desktop.ui import actions as action_table
from desktop.ui import settings as prefs
from desktop.ui.background import run_in_background
from desktop.ui.folder_tree import FolderTreeModel, FolderTreeView, Node
from desktop.ui.message_list import (
    COL_SUBJECT,
    ListSource,
    MessageListModel,
    MessageListView,
    conversation_ids,
)
from desktop.ui.placeholders import Pending, PlainReader
from desktop.ui.rules.tree import RULE_NODE_KINDS, query_for_node

log = logging.getLogger(__name__)

ICON_PATH = resources_dir() / "holub.svg"
SEARCH_LIMIT = 5000


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH)) if ICON_PATH.exists() else QIcon()


def _local(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def make_reader(parent: QWidget) -> QWidget:
    try:
        from desktop.ui.reader import ReaderView
    except ImportError:
        return PlainReader(parent)
    return ReaderView(parent)


class WelcomePage(QWidget):
    """First start: no mailbox yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addMailboxButton")
        self.demo_button = QPushButton(self)
        self.demo_button.setObjectName("openDemoButton")
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<h2>" + self.tr("Welcome to Holub") + "</h2>")
        self.text.setText(
            self.tr(
                "Holub files your e-mail under the companies, projects and tasks it belongs to. "
                "Add a mailbox to start, or look around in the demo first."
            )
        )
        self.add_button.setText(self.tr("Add mailbox…"))
        self.demo_button.setText(self.tr("Open the demo"))


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
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.profile_root = Path(profile_root)
        self.settings = settings or prefs.open_settings(self.profile_root)
        self.clock = clock or utcnow  # naive UTC, like the store
        self.demo = demo
        self.undo_stack = message_service.UndoStack()
        self.sync = SyncManager(sync_fn, self)
        self.current_node: Node | None = None
        self.last_folder_id: int | None = None
        self.last_notification: tuple[str, str] | None = None
        self.sync_errors: dict[int, tuple[str, str]] = {}
        self._compose_windows: list[QWidget] = []
        self._shown_id: int | None = None
        self.setWindowIcon(app_icon())

        self.actions = action_table.build_actions(self, self._handlers())
        self.menus = action_table.build_menus(self.menuBar(), self.actions)
        self._build_toolbar()
        self._build_panes()
        self._build_status_bar()
        self._build_tray()
        self._listen_for_drafts()

        self.sync.progress.connect(self._on_sync_progress)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self._on_sync_failed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.update_refresh_action)
        self._schedule_timer = QTimer(self)
        self._schedule_timer.setSingleShot(True)
        self._schedule_timer.timeout.connect(self._scheduled_sync)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.run_search)

        conversations = prefs.get_bool(self.settings, prefs.KEY_CONVERSATIONS, False)
        self.actions["conversations"].blockSignals(True)
        self.actions["conversations"].setChecked(conversations)
        self.actions["conversations"].blockSignals(False)
        self.retranslate()
        self.restore_state()
        self.reload_mailboxes()
        self._arm_schedule()

    # --- construction --------------------------------------------------------
    def _handlers(self) -> dict[str, Callable]:
        return {
            "new": self.new_message,
            "add_mailbox": self.add_mailbox,
            "mailbox_settings": self.open_mailbox_settings,
            "open_demo": self.open_demo,
            "settings": self.open_settings,
            "quit": self.close,
            "undo": self.undo,
            "search": self.focus_search,
            "reply": lambda: self.reply(False),
            "reply_all": lambda: self.reply(True),
            "forward": lambda: self.forward(False),
            "forward_attachment": lambda: self.forward(True),
            "delete": self.delete_selected,
            "mark_read": lambda: self.mark_selected(True),
            "mark_unread": lambda: self.mark_selected(False),
            "star": self.toggle_star,
            "refresh": self.refresh,
            "file_under": self.file_under,
            "create_company": lambda: self.create_crm_object("company"),
            "create_project": lambda: self.create_crm_object("project"),
            "create_task": lambda: self.create_crm_object("task"),
            "next": lambda: self.move_selection(1),
            "previous": lambda: self.move_selection(-1),
            "conversations": self.set_conversations,
            "about": self.about,
            "outbox": self.open_outbox,
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
        self.list_model = MessageListModel(self)
        self.list_view = MessageListView(self.list_model, self)
        self.list_view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._list_menu)
        self.reader = make_reader(self)
        self.reader_box = QWidget(self)
        box = QVBoxLayout(self.reader_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.filing_bar = self._make_filing_bar()
        if self.filing_bar is not None:
            box.addWidget(self.filing_bar)
        box.addWidget(self.reader, 1)
        self.mail_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.mail_splitter.setObjectName("mailSplitter")
        self.mail_splitter.addWidget(self.list_view)
        self.mail_splitter.addWidget(self.reader_box)
        self.mail_splitter.setStretchFactor(0, 3)
        self.mail_splitter.setStretchFactor(1, 4)
        self.right_stack = QStackedWidget(self)
        self.right_stack.addWidget(self.mail_splitter)
        self.crm_page_holder = QStackedWidget(self)
        self.right_stack.addWidget(self.crm_page_holder)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.folder_view)
        self.main_splitter.addWidget(self.right_stack)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([220, 1000])
        self.mail_splitter.setSizes([520, 560])
        self.welcome = WelcomePage(self)
        self.welcome.add_button.clicked.connect(self.add_mailbox)
        self.welcome.demo_button.clicked.connect(self.open_demo)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.main_splitter)
        self.setCentralWidget(self.pages)
        self._crm_pages: dict[str, QWidget] = {}

    def _make_filing_bar(self) -> QWidget | None:
        """The shown message's filings as removable chips, and a "File under…" button."""
        try:
            from desktop.ui.crm import FilingChips
        except ImportError:
            return None
        bar = QWidget(self)
        bar.setObjectName("filingBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 4, 6, 0)
        self.filing_label = QLabel(bar)
        self.filing_chips = FilingChips(bar)
        self.filing_chips.changed.connect(self.apply_changes)
        self.file_button = QToolButton(bar)
        self.file_button.setDefaultAction(self.actions["file_under"])
        self.file_button.setAutoRaise(True)
        row.addWidget(self.filing_label)
        row.addWidget(self.filing_chips, 1)
        row.addWidget(self.file_button)
        return bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.folder_status = QLabel(bar)
        self.folder_status.setObjectName("folderStatusLabel")
        bar.addWidget(self.folder_status)
        self.progress_label = QLabel(bar)
        self.progress_label.setObjectName("syncProgressLabel")
        self.progress_bar = QProgressBar(bar)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.last_sync_label = QLabel(bar)
        self.last_sync_label.setObjectName("lastSyncLabel")
        self.error_button = QToolButton(bar)
        self.error_button.setObjectName("syncErrorButton")
        self.error_button.setAutoRaise(True)
        self.error_button.setStyleSheet("color: #b00020; font-weight: bold")
        self.error_button.clicked.connect(self.show_error_details)
        self.error_button.hide()
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.error_button)
        bar.addPermanentWidget(self.last_sync_label)

    def _build_tray(self) -> None:
        self.tray: QSystemTrayIcon | None = None
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if not prefs.get_bool(self.settings, prefs.KEY_TRAY, True):
            return
        self.tray = QSystemTrayIcon(app_icon(), self)
        menu = QMenu(self)
        menu.addAction(self.actions["new"])
        menu.addAction(self.actions["refresh"])
        menu.addSeparator()
        menu.addAction(self.actions["quit"])
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda _reason: (self.showNormal(), self.activateWindow()))
        self.tray.show()

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
        self.error_button.setText(self.tr("Sync error – details"))
        self.welcome.retranslate()
        if self.filing_bar is not None:
            self.filing_label.setText(self.tr("Filed under:"))
        self.folder_model.retranslate()
        self.list_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._update_last_sync_label()
        self.update_refresh_action()

    # --- state ---------------------------------------------------------------
    def restore_state(self) -> None:
        s = self.settings
        if (geometry := s.value(prefs.KEY_GEOMETRY)) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if (state := s.value(prefs.KEY_MAIN_SPLITTER)) is not None:
            self.main_splitter.restoreState(state)
        if (state := s.value(prefs.KEY_MAIL_SPLITTER)) is not None:
            self.mail_splitter.restoreState(state)
        if (state := s.value(prefs.KEY_LIST_HEADER)) is not None:
            self.list_view.header().restoreState(state)

    def save_state(self) -> None:
        s = self.settings
        s.setValue(prefs.KEY_GEOMETRY, self.saveGeometry())
        s.setValue(prefs.KEY_MAIN_SPLITTER, self.main_splitter.saveState())
        s.setValue(prefs.KEY_MAIL_SPLITTER, self.mail_splitter.saveState())
        s.setValue(prefs.KEY_LIST_HEADER, self.list_view.header().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.sync.cancel_all()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)

    # --- folders -------------------------------------------------------------
    def reload_mailboxes(self) -> None:
        self.folder_model.rebuild()
        self.folder_view.expandAll()
        has_mailbox = Mailbox.select().exists()
        self.pages.setCurrentIndex(1 if has_mailbox else 0)
        if not has_mailbox:
            self.list_model.set_source(None)
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
        self._update_last_sync_label()

    def select_folder(self, folder_id: int) -> None:
        index = self.folder_model.folder_index(folder_id)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)
            if self.current_node != Node("folder", folder_id, self._mailbox_of(folder_id)):
                self.open_node(index.data(Qt.ItemDataRole.UserRole + 10))

    def _mailbox_of(self, folder_id: int) -> int | None:
        folder = Folder.get_or_none(Folder.id == folder_id)
        return folder.mailbox_id if folder else None

    def open_node(self, node: Node) -> None:
        self.current_node = node
        if node.kind == "folder":
            self.last_folder_id = node.id
            self.right_stack.setCurrentWidget(self.mail_splitter)
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
            self.right_stack.setCurrentWidget(self.mail_splitter)
        elif node.kind in RULE_NODE_KINDS:  # R15: a label or saved filter is a search
            self.search_box.setText(query_for_node(node.kind, node.id))
            self.run_search()
            return
        elif node.kind in {
            "signals",
            "outbox",
            "drafts",
            "crm_company",
            "crm_project",
            "crm_task",
            "crm",
        }:
            self.show_crm_page(node.kind)
        if node.kind not in {"folder", "mailbox"}:
            self.folder_status.clear()
        self.update_refresh_action()

    def show_folder(self, folder_id: int) -> None:
        mailbox = Mailbox.get_or_none(Mailbox.id == self._mailbox_of(folder_id))
        two_line = bool(mailbox and mailbox.show_snippet)
        # The plain list first: it pages, so it is instant at any folder size.
        self.list_model.show_folder(folder_id, two_line=two_line)
        self._after_list_change()
        if self.actions["conversations"].isChecked():
            # Grouping reads the whole folder: a worker does it, then the list swaps.
            token = object()
            self._conversation_token = token

            def ready(result) -> None:
                node = self.current_node
                if (
                    token is not self._conversation_token
                    or node is None
                    or node.kind != "folder"
                    or node.id != folder_id
                    or not self.actions["conversations"].isChecked()
                ):
                    return
                current = self.current_message_id()
                self.list_model.set_source(
                    ListSource(lambda: conversation_ids(folder_id), folder_id, initial=result),
                    two_line=two_line,
                )
                self._after_list_change(keep=current)

            run_in_background(lambda: conversation_ids(folder_id), ready, owner=self)

    def _after_list_change(self, keep: int | None = None) -> None:
        self.list_view.doItemsLayout()
        row = self.list_model.row_of(keep) if keep is not None else None
        if row is not None:
            self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
            self.list_view.scrollTo(self.list_view.currentIndex())
        elif self.list_model.rowCount() > 0:
            self.list_view.setCurrentIndex(self.list_model.index(0, COL_SUBJECT))
        else:
            self._show_message(None)
        self.listShown.emit()

    def show_crm_page(self, kind: str) -> None:
        page = self._crm_pages.get(kind)
        if page is None:
            page = self._make_crm_page(kind)
            self._crm_pages[kind] = page
            self.crm_page_holder.addWidget(page)
        self.crm_page_holder.setCurrentWidget(page)
        self.right_stack.setCurrentWidget(self.crm_page_holder)

    def _make_crm_page(self, kind: str) -> QWidget:
        try:
            from desktop.ui import crm as crm_ui
        except ImportError:
            crm_ui = None
        if crm_ui is not None:
            try:
                if kind == "signals" and hasattr(crm_ui, "SignalsView"):
                    view = crm_ui.SignalsView(self)
                elif kind == "outbox":
                    from desktop.ui.compose import OutboxView

                    view = OutboxView(None, self)
                elif kind == "drafts":
                    from desktop.ui.compose import DraftsView

                    view = DraftsView(self)
                    view.draftActivated.connect(self.open_draft)
                elif kind.startswith("crm_") and hasattr(crm_ui, "CrmObjectView"):
                    view = crm_ui.CrmObjectView(kind[4:], self)
                else:
                    view = None
                if view is not None:
                    if hasattr(view, "changed"):
                        view.changed.connect(self.apply_changes)
                    if hasattr(view, "messageActivated"):
                        view.messageActivated.connect(self.reveal_message)
                    return view
            except Exception:
                log.exception("CRM view %s failed to open", kind)
        return Pending(self.tr("The CRM views are not available in this build."), self)

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
        row = self.list_model.row_of(message_id)
        while row is None and self.list_model.canFetchMore():
            self.list_model.fetchMore()
            row = self.list_model.row_of(message_id)
        if row is not None:
            self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
            self.list_view.scrollTo(self.list_view.currentIndex())

    def current_mailbox(self) -> Mailbox | None:
        node = self.current_node
        if node is None or node.mailbox_id is None:
            return None
        return Mailbox.get_or_none(Mailbox.id == node.mailbox_id)

    # --- selection and reader ------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        if not rows and self.list_view.currentIndex().isValid():
            rows = [self.list_view.currentIndex().row()]
        return [mid for r in rows if (mid := self.list_model.message_id(r)) is not None]

    def current_message_id(self) -> int | None:
        index = self.list_view.currentIndex()
        return self.list_model.message_id(index.row()) if index.isValid() else None

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        message_id = self.list_model.message_id(current.row()) if current.isValid() else None
        if message_id is not None and message_id == self._shown_id:
            self._shown_id = None
            return
        self._show_message(message_id)

    def _show_message(self, message_id: int | None) -> None:
        if self.filing_bar is not None:
            self.filing_chips.set_message(message_id)
            self.filing_bar.setVisible(message_id is not None)
        if message_id is None:
            if hasattr(self.reader, "clear_message"):
                self.reader.clear_message()
            return
        self.reader.show_message(message_id)
        changes = message_service.mark_read([message_id])
        if changes:
            self.apply_changes(changes)
        self.messageShown.emit(message_id)

    def move_selection(self, step: int) -> None:
        index = self.list_view.currentIndex()
        row = index.row() + step if index.isValid() else 0
        if row >= self.list_model.rowCount() and self.list_model.canFetchMore():
            self.list_model.fetchMore()
        if 0 <= row < self.list_model.rowCount():
            self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
            self.list_view.scrollTo(self.list_view.currentIndex())

    def _list_menu(self, pos) -> None:
        menu = QMenu(self)
        for name in (
            "reply",
            "reply_all",
            "forward",
            None,
            "mark_read",
            "mark_unread",
            "star",
            None,
            "delete",
        ):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        menu.popup(self.list_view.viewport().mapToGlobal(pos))

    # --- changes -------------------------------------------------------------
    def apply_changes(self, changes: ChangeSet) -> None:
        current = self.current_message_id()
        self.list_model.apply_changes(changes)
        if current is not None and self.current_message_id() != current:
            # A reload (new mail) resets the list: keep the message the user is on.
            row = self.list_model.row_of(current)
            if row is not None:
                self._shown_id = current  # already in the reader: do not load it again
                self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
                self._shown_id = None
        self.folder_model.refresh_counts()
        if current is not None and current in changes.updated:
            if hasattr(self.reader, "refresh"):
                self.reader.refresh()
            if self.filing_bar is not None:
                self.filing_chips.refresh()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        first_row = self.list_model.row_of(ids[0]) or 0
        changes = message_service.delete_with_undo(
            ids, self.undo_stack, self.tr("Delete %n message(s)", "", len(ids))
        )
        self.apply_changes(changes)
        count = self.list_model.rowCount()
        if count:
            row = min(first_row, count - 1)
            self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
        else:
            self._show_message(None)
        self.statusBar().showMessage(
            self.tr(
                "%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.",
                "",
                len(changes.removed),
            ),
            8000,
        )

    def undo(self) -> None:
        if not self.undo_stack.can_undo():
            self.statusBar().showMessage(self.tr("Nothing to undo"), 3000)
            return
        changes = self.undo_stack.undo()
        self.apply_changes(changes)
        if changes.added:
            row = self.list_model.row_of(changes.added[0])
            if row is not None:
                self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))

    def mark_selected(self, read: bool) -> None:
        self.apply_changes(message_service.mark_read(self.selected_ids(), read))

    def toggle_star(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        starred = Message.select().where(Message.id.in_(ids) & (Message.starred == True))  # noqa: E712
        to_star = starred.count() < len(ids)
        self.apply_changes(message_service.set_starred(ids, to_star))

    def set_conversations(self, on: bool) -> None:
        self.settings.setValue(prefs.KEY_CONVERSATIONS, bool(on))
        if self.current_node is not None and self.current_node.kind == "folder":
            self.show_folder(self.current_node.id)

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
        self.right_stack.setCurrentWidget(self.mail_splitter)
        first = [ids]

        def compute() -> list[int]:
            # The first page uses the ids just found; a reload (undo, new mail) searches again.
            return first.pop() if first else search_message_ids(database, text, limit=SEARCH_LIMIT)

        self.list_model.set_source(ListSource(compute), two_line=True)
        self.statusBar().showMessage(self.tr("%n message(s) found", "", len(ids)), 5000)
        self._after_list_change()
        self.update_refresh_action()

    # --- sync ----------------------------------------------------------------
    def _syncable(self, mailbox: Mailbox | None) -> bool:
        return mailbox is not None and mailbox.kind != KIND_LOCAL

    def update_refresh_action(self) -> None:
        action = self.actions["refresh"]
        mailbox = self.current_mailbox()
        if not self._syncable(mailbox):
            action.setEnabled(False)
            action.setToolTip(
                self.tr("Imported mail is not synchronised")
                if mailbox is not None
                else self.tr("Choose a mailbox to refresh")
            )
            return
        now = self.clock()
        available = schedule.manual_refresh_available_at(mailbox.last_manual_refresh_at, now)
        if self.sync.is_running(mailbox.id):
            action.setEnabled(False)
            action.setToolTip(self.tr("Synchronising %1…").replace("%1", mailbox.name))
        elif available > now:
            action.setEnabled(False)
            action.setToolTip(
                self.tr("Refresh is possible once every 5 minutes; available again at %1").replace(
                    "%1", _local(available).strftime("%H:%M")
                )
            )
            wait_ms = int((available - now).total_seconds() * 1000) + 50
            self._refresh_timer.start(max(wait_ms, 50))
        else:
            action.setEnabled(True)
            action.setToolTip(self.tr("Synchronise %1 now (F5)").replace("%1", mailbox.name))

    def refresh(self) -> None:
        mailbox = self.current_mailbox()
        if not self._syncable(mailbox):
            return
        now = self.clock()
        if not schedule.manual_refresh_allowed(mailbox.last_manual_refresh_at, now):
            self.update_refresh_action()
            return
        Mailbox.update(last_manual_refresh_at=now).where(Mailbox.id == mailbox.id).execute()
        self.start_sync(mailbox.id)

    def start_sync(self, mailbox_id: int) -> bool:
        started = self.sync.start(mailbox_id)
        if started:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.show()
        self.update_refresh_action()
        return started

    def _arm_schedule(self) -> None:
        seconds = schedule.seconds_until_next_slot(datetime.now())
        self._schedule_timer.start(int(seconds * 1000) + 500)

    def _scheduled_sync(self) -> None:
        for mailbox in Mailbox.select().where(Mailbox.kind != KIND_LOCAL):
            self.start_sync(mailbox.id)
        self._arm_schedule()

    def _mailbox_name(self, mailbox_id: int) -> str:
        mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
        return mailbox.name if mailbox else str(mailbox_id)

    def _on_sync_progress(self, mailbox_id: int, folder: str, done: int, total: int) -> None:
        name = self._mailbox_name(mailbox_id)
        loc = QLocale()
        self.progress_label.setText(
            f"{name} › {folder} {loc.toString(done)} / {loc.toString(total)}"
        )
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.progress_bar.show()

    def _on_sync_finished(self, mailbox_id: int, changes: ChangeSet) -> None:
        Mailbox.update(last_sync_at=utcnow(), last_error=None).where(
            Mailbox.id == mailbox_id
        ).execute()
        self.sync_errors.pop(mailbox_id, None)
        self._sync_done()
        # Announce first: showing the list may open (and so mark read) a new message.
        self.notify_new_mail(mailbox_id, changes)
        known_folders = self.folder_model.folder_ids()
        if changes.folders - known_folders:
            self.reload_mailboxes()
        if changes:
            self.apply_changes(changes)
            signals = self._crm_pages.get("signals")
            if signals is not None and hasattr(signals, "refresh"):
                signals.refresh()

    def _on_sync_failed(self, mailbox_id: int, message: str, details: str) -> None:
        Mailbox.update(last_error=message).where(Mailbox.id == mailbox_id).execute()
        self.sync_errors[mailbox_id] = (message, details)
        self._sync_done()

    def _sync_done(self) -> None:
        self.progress_bar.hide()
        self.progress_label.clear()
        self.error_button.setVisible(bool(self.sync_errors))
        if self.sync_errors:
            mailbox_id, (message, _details) = next(iter(self.sync_errors.items()))
            self.error_button.setToolTip(f"{self._mailbox_name(mailbox_id)}: {message}")
        self._update_last_sync_label()
        QTimer.singleShot(0, self.update_refresh_action)

    def _update_folder_status(self) -> None:
        node = self.current_node
        if node is None or node.kind != "folder":
            self.folder_status.clear()
            return
        unread, total = self.folder_model.counts.get(node.id, (0, 0))
        mailbox = self._mailbox_name(node.mailbox_id) if node.mailbox_id else ""
        self.folder_status.setText(
            self.tr("%1 › %2: %3 messages, %4 unread")
            .replace("%1", mailbox)
            .replace("%2", self.folder_model.folder_label(node.id))
            .replace("%3", QLocale().toString(total))
            .replace("%4", QLocale().toString(unread))
        )

    def _update_last_sync_label(self) -> None:
        parts = []
        for mailbox in Mailbox.select().where(Mailbox.kind != KIND_LOCAL).order_by(Mailbox.name):
            when = (
                _local(mailbox.last_sync_at).strftime("%H:%M")
                if mailbox.last_sync_at
                else self.tr("never")
            )
            parts.append(f"{mailbox.name} {when}")
        self.last_sync_label.setText(
            self.tr("Last sync: %1").replace("%1", ", ".join(parts)) if parts else ""
        )

    def show_error_details(self) -> None:
        if not self.sync_errors:
            return
        text = "\n\n".join(
            f"{self._mailbox_name(mid)}: {message}"
            for mid, (message, _d) in self.sync_errors.items()
        )
        details = "\n\n".join(d for _m, d in self.sync_errors.values())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Synchronisation failed"),
            text,
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setObjectName("syncErrorBox")
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box

    def show_unexpected_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(
            self.tr("Something went wrong: %1 (details in holub.log)").replace("%1", str(exc)),
            15000,
        )

    # --- notifications (R13) -------------------------------------------------
    def notify_new_mail(self, mailbox_id: int, changes: ChangeSet) -> None:
        if not changes.added or not prefs.get_bool(self.settings, prefs.KEY_NOTIFICATIONS, True):
            return
        mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
        if mailbox is None or not mailbox.notify:
            return
        ids = changes.added[:500]
        fresh = list(
            Message.select(Message.subject, Message.from_name, Message.from_addr)
            .join(Folder)
            .where(
                Message.id.in_(ids)
                & (Message.seen == False)  # noqa: E712
                & (Message.direction == "received")
                & (Folder.role == ROLE_INBOX)
            )
            .order_by(Message.date.desc())
        )
        if not fresh:
            return
        title = self.tr("%n new message(s) in %1", "", len(fresh)).replace("%1", mailbox.name)
        first = fresh[0]
        text = f"{first.from_name or first.from_addr}: {first.subject}"
        self.last_notification = (title, text)
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, app_icon(), 8000)
        self.statusBar().showMessage(f"{title} — {text}", 8000)
        self.notified.emit(title, text)

    # --- compose, dialogs ----------------------------------------------------
    def _compose(self, factory: str, *args) -> None:
        try:
            from desktop.ui.compose import ComposeWindow
        except ImportError:
            self.statusBar().showMessage(
                self.tr("Writing mail is not available in this build."), 5000
            )
            return
        window = getattr(ComposeWindow, factory)(*args)
        if window is not None:
            self._compose_windows.append(window)
            window.show()

    def _listen_for_drafts(self) -> None:
        from desktop.ui.compose.sending import outbox_events

        # The Drafts count in the folder tree follows every save and discard.
        outbox_events().drafts_changed.connect(self.folder_model.refresh_counts)

    def open_draft(self, draft_id: int) -> None:
        """Go on writing a saved draft (the window already open for it, if any)."""
        for window in self._compose_windows:
            if getattr(window, "draft_id", None) == draft_id and window.isVisible():
                window.raise_()
                window.activateWindow()
                return
        self._compose("open_draft", draft_id)

    def open_outbox(self) -> None:
        """The Outbox (queued / sending / sent / failed, with Retry) in its own window."""
        from desktop.ui.compose import OutboxView

        if getattr(self, "outbox_view", None) is None:
            self.outbox_view = OutboxView()
            self.outbox_view.resize(760, 320)
        self.outbox_view.refresh()
        self.outbox_view.show()
        self.outbox_view.raise_()

    def _sending_mailbox_id(self) -> int | None:
        mailbox = self.current_mailbox()
        if mailbox is not None:
            return mailbox.id
        first = (
            Mailbox.select().where(Mailbox.kind != KIND_LOCAL).first() or Mailbox.select().first()
        )
        return first.id if first else None

    def new_message(self) -> None:
        self._compose("new", self._sending_mailbox_id())

    def reply(self, reply_all: bool) -> None:
        if (mid := self.current_message_id()) is not None:
            self._compose("reply", mid, reply_all)

    def forward(self, as_attachment: bool) -> None:
        if (mid := self.current_message_id()) is not None:
            self._compose("forward", mid, as_attachment)

    def file_under(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            from desktop.ui.crm import FilePickerDialog
        except ImportError:
            return
        dialog = FilePickerDialog(ids, self)
        dialog.changed.connect(self.apply_changes)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.crm_dialog = dialog

    def create_crm_object(self, kind: str) -> None:
        message_id = self.current_message_id()
        if message_id is None:
            return
        try:
            from desktop.ui.crm import CreateObjectDialog
        except ImportError:
            return
        dialog = CreateObjectDialog(kind, message_id, self)
        dialog.changed.connect(self.apply_changes)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.crm_dialog = dialog

    def add_mailbox(self) -> None:
        from desktop.ui.account_dialog import AccountDialog

        dialog = AccountDialog(self)
        dialog.mailboxAdded.connect(lambda _id: self.reload_mailboxes())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.account_dialog = dialog

    def _folder_menu(self, pos) -> None:
        index = self.folder_view.indexAt(pos)
        node = index.data(Qt.ItemDataRole.UserRole + 10) if index.isValid() else None
        if node is None or node.mailbox_id is None:
            return
        menu = QMenu(self)
        action = menu.addAction(self.actions["mailbox_settings"].text())
        action.setObjectName("folderMenu_mailbox_settings")
        action.triggered.connect(lambda: self.open_mailbox_settings(node.mailbox_id))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.folder_view.viewport().mapToGlobal(pos))
        self.folder_menu = menu

    def open_mailbox_settings(self, mailbox_id: int | None = None) -> None:
        """The settings of ``mailbox_id`` (default: the mailbox shown), non-blocking."""
        from desktop.ui.mailbox_settings import MailboxSettingsDialog

        if mailbox_id is None:
            mailbox = self.current_mailbox()
            if mailbox is None:
                mailbox = Mailbox.select().order_by(Mailbox.id).first()
            if mailbox is None:
                return
            mailbox_id = mailbox.id
        dialog = MailboxSettingsDialog(mailbox_id, self)
        dialog.changed.connect(self._mailbox_settings_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.mailbox_settings_dialog = dialog

    def _mailbox_settings_saved(self, _mailbox_id: int) -> None:
        # New name in the tree, snippet rows on or off, and filings after a re-pair.
        self.reload_mailboxes()
        node = self.current_node
        if node is not None and node.kind == "folder":
            self.show_folder(node.id)
        if self.filing_bar is not None:
            self.filing_chips.refresh()

    def open_demo(self) -> None:
        # From a source checkout its main.py; from an installed package, the module.
        main_py = Path(__file__).resolve().parents[2] / "main.py"
        args = [str(main_py), "--demo"] if main_py.is_file() else ["-m", "desktop", "--demo"]
        QProcess.startDetached(sys.executable, args)

    def open_settings(self) -> None:
        dialog = prefs.SettingsDialog(self.settings, self)
        dialog.accepted.connect(self._settings_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.settings_dialog = dialog

    def _settings_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.ui import i18n

        i18n.install(QApplication.instance(), str(self.settings.value(prefs.KEY_LANGUAGE, "")))
        # Qt posts LanguageChange to every widget later; this window retranslates now.
        self.retranslate()
        tray_on = prefs.get_bool(self.settings, prefs.KEY_TRAY, True)
        if self.tray is not None and not tray_on:
            self.tray.hide()
            self.tray = None
        elif self.tray is None and tray_on:
            self._build_tray()

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About Holub"),
            self.tr("Holub — e-mail filed under your CRM's companies, projects and tasks."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def sizeHint(self) -> QSize:
        return QSize(1280, 800)
