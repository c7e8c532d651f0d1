"""The folder tree's "Shared with me" group (R11): each mailbox a colleague shared
through Caflou, with its owner and my level, and its Inbox and Sent under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QStandardItem

from desktop.models.mail import Folder, Mailbox
from desktop.models.shared import KIND_SHARED, READ_WRITE, SharedMailbox

CONTEXT = "SharedTree"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def own_mailboxes_only(query: Any) -> Any:
    """The tree's mailbox query without the shared ones (they go under their group)."""
    return query.where(Mailbox.kind != KIND_SHARED)


def mailbox_label(row: SharedMailbox) -> str:
    level = tr("Read+Write") if row.level == READ_WRITE else tr("Read")
    return f"{row.mailbox.name} – {row.owner_email or row.mailbox.email} ({level})"


def add_shared_nodes(model: Any, node: Any, node_role: int, order: dict[str, int]) -> None:
    """Append the group (only when something is shared with me) to ``model``'s root,
    registering the mailboxes and folders as the tree's own, so counts and navigation
    work for them as for any mailbox."""
    rows = list(SharedMailbox.select(SharedMailbox, Mailbox).join(Mailbox).order_by(Mailbox.name))
    if not rows:
        return
    group = QStandardItem(tr("Shared with me"))
    group.setEditable(False)
    group.setData(node("shared"), node_role)
    group.setToolTip(tr("Mailboxes colleagues shared with you through Caflou"))
    for row in rows:
        item = QStandardItem(mailbox_label(row))
        item.setEditable(False)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        item.setData(node("mailbox", row.mailbox_id, row.mailbox_id), node_role)
        item.setToolTip(
            tr("Shared by %1; you can only read it").replace("%1", row.owner_email)
            if row.level != READ_WRITE
            else tr("Shared by %1; you can read and act on it").replace("%1", row.owner_email)
        )
        model._mailbox_items[row.mailbox_id] = item
        folders = list(Folder.select().where(Folder.mailbox == row.mailbox_id))
        folders.sort(key=lambda f: (order.get(f.role, 9), (f.display_name or f.remote_name)))
        for folder in folders:
            child = QStandardItem()
            child.setEditable(False)
            child.setData(node("folder", folder.id, row.mailbox_id), node_role)
            child.setData(folder.display_name or folder.remote_name, Qt.ItemDataRole.UserRole + 11)
            model._folder_items[folder.id] = child
            item.appendRow(child)
        group.appendRow(item)
    model.invisibleRootItem().appendRow(group)
