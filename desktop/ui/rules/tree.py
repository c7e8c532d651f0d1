"""The folder tree's Labels and Saved filters (R15).

Each label and saved filter is a node; opening one searches for it (``label:NAME`` or
the filter's query), so the list, the search box and the rules share one language.
Branches appear only when there is something in them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem

from desktop.models.rules import Label, SavedFilter

NODE_LABEL = "label"
NODE_SAVED_FILTER = "saved_filter"
RULE_NODE_KINDS = frozenset({NODE_LABEL, NODE_SAVED_FILTER})


def _tr(text: str) -> str:
    return QCoreApplication.translate("RulesTree", text)


def _quoted(value: str) -> str:
    return f'"{value}"' if any(ch.isspace() for ch in value) else value


def add_rule_nodes(root: QStandardItem, node_type: type, role: int) -> None:
    """Append the Labels and Saved filters branches under ``root`` (small tables: read
    on the GUI thread like the folder list itself)."""
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


def query_for_node(kind: str, node_id: int | None) -> str:
    """The search text a Labels / Saved filters node stands for ("" if it is gone)."""
    if kind == NODE_LABEL:
        label = Label.get_or_none(Label.id == node_id)
        return f"label:{_quoted(label.name)}" if label else ""
    saved = SavedFilter.get_or_none(SavedFilter.id == node_id)
    return saved.query if saved else ""
