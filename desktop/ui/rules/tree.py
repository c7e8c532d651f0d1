"""The folder tree's Labels and Saved filters (R15).

Each label and saved filter is a node; opening one searches for it (``label:NAME`` or
the filter's query), so the list, the search box and the rules share one language.
Branches appear only when there is something in them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem

from desktop.models.db import database
from desktop.models.rules import Label, MessagePlacement, SavedFilter

NODE_LABEL = "label"
NODE_SAVED_FILTER = "saved_filter"
NODE_PLACEMENT = "holub_folder"
RULE_NODE_KINDS = frozenset({NODE_LABEL, NODE_SAVED_FILTER, NODE_PLACEMENT})


def _tr(text: str) -> str:
    return QCoreApplication.translate("RulesTree", text)


def _quoted(value: str) -> str:
    return f'"{value}"' if any(ch.isspace() for ch in value) else value


def add_rule_nodes(root: QStandardItem, node_type: type, role: int) -> None:
    """Append the Holub folders, Labels and Saved filters branches under ``root`` (small
    lists: read on the GUI thread like the folder list itself)."""
    placements = placement_names()
    if placements:
        branch = QStandardItem(_tr("Holub folders"))
        branch.setEditable(False)
        branch.setSelectable(False)
        for name, message_id in placements:
            item = QStandardItem(name)
            item.setEditable(False)
            # The node names the folder by one of its messages (Node ids are ints).
            item.setData(node_type(NODE_PLACEMENT, message_id), role)
            branch.appendRow(item)
        root.appendRow(branch)
    for title, kind, rows in (
        (_tr("Labels"), NODE_LABEL, Label.select(Label.id, Label.name).order_by(Label.name)),
        (
            _tr("Saved filters"),
            NODE_SAVED_FILTER,
            SavedFilter.select(SavedFilter.id, SavedFilter.name).order_by(SavedFilter.name),
        ),
    ):
        rows = list(rows)
        if not rows:
            continue
        branch = QStandardItem(title)
        branch.setEditable(False)
        branch.setSelectable(False)
        for row in rows:
            item = QStandardItem(row.name)
            item.setEditable(False)
            item.setData(node_type(kind, row.id), role)
            branch.appendRow(item)
        root.appendRow(branch)


def placement_names() -> list[tuple[str, int]]:
    """The Holub-side folders rules or the user placed messages in, each with the id
    of one message in it."""
    table = MessagePlacement._meta.table_name
    return [
        (row[0], row[1])
        for row in database.execute_sql(
            f'SELECT folder_name, MIN(message_id) FROM "{table}" '
            "GROUP BY folder_name ORDER BY folder_name"
        )
    ]


def query_for_node(kind: str, node_id: int | None) -> str:
    """The search text a tree node of this module stands for ("" if it is gone)."""
    if kind == NODE_PLACEMENT:
        placed = MessagePlacement.get_or_none(MessagePlacement.message == node_id)
        return f"in:{_quoted(placed.folder_name)}" if placed else ""
    if kind == NODE_LABEL:
        label = Label.get_or_none(Label.id == node_id)
        return f"label:{_quoted(label.name)}" if label else ""
    saved = SavedFilter.get_or_none(SavedFilter.id == node_id)
    return saved.query if saved else ""
