"""The folder pane: mailboxes → folders with unread counts, search results, Signals, CRM views.

The structure (mailboxes and folders: a few dozen rows) is read on the GUI
thread; the unread counts scan messages, so they are counted in the background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.models.mail import (
    ROLE_DRAFTS,
    ROLE_INBOX,
    ROLE_SENT,
    SIGNIN_NEEDED,
    Folder,
    Mailbox,
)
from desktop.services.folders import count_messages
from desktop.ui.background import run_in_background
from desktop.ui.rules.tree import add_rule_nodes
from desktop.ui.sharing.tree import add_shared_nodes, own_mailboxes_only

NodeRole = Qt.ItemDataRole.UserRole + 10

ROLE_ORDER = {ROLE_INBOX: 0, ROLE_SENT: 1, ROLE_DRAFTS: 2}


@dataclass(frozen=True)
class Node:
    # mailbox | folder | search | signals | outbox | drafts | crm | crm_company | ...
    kind: str
    id: int | None = None
    mailbox_id: int | None = None


class FolderTreeModel(QStandardItemModel):
    countsUpdated = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts: dict[int, tuple[int, int]] = {}
        self.open_signals = 0
        self.drafts = 0
        self._folder_items: dict[int, QStandardItem] = {}
        self._mailbox_items: dict[int, QStandardItem] = {}
        self._search_item: QStandardItem | None = None
        self._signals_item: QStandardItem | None = None
        self._outbox_item: QStandardItem | None = None
        self._drafts_item: QStandardItem | None = None
        self._deleted_item: QStandardItem | None = None
        self._crm_items: dict[str, QStandardItem] = {}
        # Mailboxes whose provider refused the stored sign-in: marked until signed in.
        self.signin_needed: set[int] = set()
        self._pending_count = False
        self._counting = False

    def rebuild(self) -> None:
        self.clear()
        self._folder_items.clear()
        self._mailbox_items.clear()
        self._search_item = None
        self.signin_needed = set()
        root = self.invisibleRootItem()
        for mailbox in own_mailboxes_only(Mailbox.select()).order_by(Mailbox.name, Mailbox.id):
            mb_item = QStandardItem(mailbox.name)
            mb_item.setEditable(False)
            font = QFont()
            font.setBold(True)
            mb_item.setFont(font)
            mb_item.setData(Node("mailbox", mailbox.id, mailbox.id), NodeRole)
            mb_item.setData(mailbox.name, Qt.ItemDataRole.UserRole + 11)
            mb_item.setData(mailbox.email, Qt.ItemDataRole.UserRole + 12)
            if mailbox.signin_state == SIGNIN_NEEDED:
                self.signin_needed.add(mailbox.id)
            self._mailbox_items[mailbox.id] = mb_item
            folders = list(Folder.select().where(Folder.mailbox == mailbox))
            folders.sort(
                key=lambda f: (ROLE_ORDER.get(f.role, 9), (f.display_name or f.remote_name).lower())
            )
            for folder in folders:
                item = QStandardItem()
                item.setEditable(False)
                item.setData(Node("folder", folder.id, mailbox.id), NodeRole)
                item.setData(self._folder_name(folder), Qt.ItemDataRole.UserRole + 11)
                item.setData(folder.role, Qt.ItemDataRole.UserRole + 13)
                self._folder_items[folder.id] = item
                mb_item.appendRow(item)
            root.appendRow(mb_item)
        add_shared_nodes(self, Node, NodeRole, ROLE_ORDER)  # R11: "Shared with me"
        self._signals_item = QStandardItem()
        self._signals_item.setEditable(False)
        self._signals_item.setData(Node("signals"), NodeRole)
        root.appendRow(self._signals_item)
        self._outbox_item = QStandardItem()
        self._outbox_item.setEditable(False)
        self._outbox_item.setData(Node("outbox"), NodeRole)
        root.appendRow(self._outbox_item)
        self._drafts_item = QStandardItem()
        self._drafts_item.setEditable(False)
        self._drafts_item.setData(Node("drafts"), NodeRole)
        root.appendRow(self._drafts_item)
        self._deleted_item = QStandardItem()
        self._deleted_item.setEditable(False)
        self._deleted_item.setData(Node("deleted"), NodeRole)
        root.appendRow(self._deleted_item)
        crm = QStandardItem()
        crm.setEditable(False)
        crm.setData(Node("crm"), NodeRole)
        self._crm_items = {"crm": crm}
        for kind in ("company", "project", "task"):
            item = QStandardItem()
            item.setEditable(False)
            item.setData(Node(f"crm_{kind}"), NodeRole)
            self._crm_items[kind] = item
            crm.appendRow(item)
        root.appendRow(crm)
        add_rule_nodes(root, Node, NodeRole)  # R15: Labels and Saved filters
        self.retranslate()
        self.refresh_counts()

    def _folder_name(self, folder: Folder) -> str:
        return folder.display_name or folder.remote_name

    def folder_label(self, folder_id: int) -> str:
        item = self._folder_items.get(folder_id)
        if item is None:
            return ""
        name = item.data(Qt.ItemDataRole.UserRole + 11)
        # Special folders by role, in the user's language, whatever the server calls them
        # (Thunderbird does the same: "Sent Items", "Odeslaná pošta" and SENT are all Sent).
        role = item.data(Qt.ItemDataRole.UserRole + 13)
        by_role = {
            ROLE_INBOX: self.tr("Inbox"),
            ROLE_SENT: self.tr("Sent"),
            ROLE_DRAFTS: self.tr("Drafts"),
        }
        return by_role.get(role) or {"INBOX": self.tr("Inbox")}.get(name, name)

    def set_signin_needed(self, mailbox_ids: set[int]) -> None:
        if mailbox_ids != self.signin_needed:
            self.signin_needed = set(mailbox_ids)
            self._mark_mailboxes()

    def _mark_mailboxes(self) -> None:
        for mailbox_id, item in self._mailbox_items.items():
            name = item.data(Qt.ItemDataRole.UserRole + 11)
            email = item.data(Qt.ItemDataRole.UserRole + 12)
            if mailbox_id in self.signin_needed:
                # The mark first: it stays visible when a narrow pane elides the text.
                item.setText(f"⚠ {name} — {self.tr('needs sign-in')}")
                item.setForeground(QBrush(QColor("#b00020")))
                item.setToolTip(
                    self.tr("%1: the sign-in expired or was revoked. Sign in again.").replace(
                        "%1", email
                    )
                )
            else:
                item.setText(name)
                item.setData(None, Qt.ItemDataRole.ForegroundRole)
                item.setToolTip(email)

    def retranslate(self) -> None:
        self._mark_mailboxes()
        for folder_id, item in self._folder_items.items():
            unread, _total = self.counts.get(folder_id, (0, 0))
            label = self.folder_label(folder_id)
            item.setText(f"{label} ({unread})" if unread else label)
            font = QFont()
            font.setBold(bool(unread))
            item.setFont(font)
        if self._signals_item is not None:
            text = self.tr("Signals")
            self._signals_item.setText(
                f"{text} ({self.open_signals})" if self.open_signals else text
            )
        if self._outbox_item is not None:
            self._outbox_item.setText(self.tr("Outbox"))
        if self._drafts_item is not None:
            text = self.tr("Drafts")
            self._drafts_item.setText(f"{text} ({self.drafts})" if self.drafts else text)
        if self._deleted_item is not None:
            self._deleted_item.setText(self.tr("Deleted in Holub"))
            self._deleted_item.setToolTip(
                self.tr("Messages hidden in Holub; they are still on the server")
            )
        if self._crm_items:
            self._crm_items["crm"].setText(self.tr("CRM"))
            self._crm_items["company"].setText(self.tr("Companies"))
            self._crm_items["project"].setText(self.tr("Projects"))
            self._crm_items["task"].setText(self.tr("Tasks"))
        if self._search_item is not None:
            self._search_item.setText(
                self.tr("Search: %1").replace("%1", self._search_item.data(NodeRole + 1))
            )

    def refresh_counts(self) -> None:
        """Recount in the background; a request during a count is coalesced into one more."""
        if self._counting:
            self._pending_count = True
            return
        self._counting = True
        run_in_background(count_messages, self._counts_ready, self._counts_failed, owner=self)

    def _counts_failed(self, _message: str) -> None:
        self._counting = False

    def _counts_ready(self, result: dict) -> None:
        self._counting = False
        self.counts = result["folders"]
        self.open_signals = result["signals"]
        self.drafts = result["drafts"]
        self.retranslate()
        self.countsUpdated.emit()
        if self._pending_count:
            self._pending_count = False
            self.refresh_counts()

    def folder_ids(self) -> set[int]:
        return set(self._folder_items)

    def mailbox_ids(self) -> set[int]:
        return set(self._mailbox_items)

    def mailbox_index(self, mailbox_id: int) -> QModelIndex:
        item = self._mailbox_items.get(mailbox_id)
        return item.index() if item is not None else QModelIndex()

    def folder_index(self, folder_id: int) -> QModelIndex:
        item = self._folder_items.get(folder_id)
        return item.index() if item is not None else QModelIndex()

    def node_index(self, kind: str) -> QModelIndex:
        if kind == "signals" and self._signals_item is not None:
            return self._signals_item.index()
        if kind == "outbox" and self._outbox_item is not None:
            return self._outbox_item.index()
        if kind == "drafts" and self._drafts_item is not None:
            return self._drafts_item.index()
        if kind == "deleted" and self._deleted_item is not None:
            return self._deleted_item.index()
        if kind.startswith("crm_") and kind[4:] in self._crm_items:
            return self._crm_items[kind[4:]].index()
        if kind == "search" and self._search_item is not None:
            return self._search_item.index()
        return QModelIndex()

    def set_search(self, text: str | None) -> QModelIndex:
        """Show (or with None remove) the "Search: …" virtual folder at the top."""
        if text is None:
            if self._search_item is not None:
                self.removeRow(self._search_item.row())
                self._search_item = None
            return QModelIndex()
        if self._search_item is None:
            self._search_item = QStandardItem()
            self._search_item.setEditable(False)
            self._search_item.setData(Node("search"), NodeRole)
            self.insertRow(0, self._search_item)
        self._search_item.setData(text, NodeRole + 1)
        self.retranslate()
        return self._search_item.index()


class FolderTreeView(QTreeView):
    nodeActivated = Signal(object)  # Node

    def __init__(self, model: FolderTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderTree")
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self.expandAll)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = current.data(NodeRole) if current.isValid() else None
        if node is not None:
            self.nodeActivated.emit(node)

    def current_node(self) -> Node | None:
        index = self.currentIndex()
        return index.data(NodeRole) if index.isValid() else None
