"""Mailbox settings → Rules: the rules that apply to the mailbox, in run order.

Each row has an enable switch (its check box), shows the last run, how many messages
the rule has touched and its last error; rows are reordered by drag and drop (the new
order is the run order). Add / Edit open the editor (desktop/ui/rules/editor.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import rules as crm_rules
from desktop.models.rules import Rule
from desktop.ui import dates
from desktop.ui.rules.editor import RuleEditor

RULE_ID = Qt.ItemDataRole.UserRole


class RulesTab(QWidget):
    def __init__(self, mailbox_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesTab")
        self.mailbox_id = mailbox_id
        self._filling = False
        self.list = QListWidget(self)
        self.list.setObjectName("rulesList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.itemChanged.connect(self._item_changed)
        self.list.model().rowsMoved.connect(self._rows_moved)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        add = QPushButton(self.tr("Add…"), self)
        add.clicked.connect(self.add_rule)
        edit = QPushButton(self.tr("Edit…"), self)
        edit.clicked.connect(self.edit_selected)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(
            self.tr(
                "Rules run on new mail in this order (drag to change it). A rule is active "
                "once saved; use Run now in the editor for mail already here."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.editor: RuleEditor | None = None
        self.reload()

    def rule_text(self, rule: Rule) -> str:
        where = self.tr("all mailboxes") if rule.mailbox_id is None else ""
        last = (
            self.tr("last run %1").replace("%1", dates.date_time(rule.last_run_at))
            if rule.last_run_at
            else self.tr("not run yet")
        )
        parts = [rule.name, rule.filter.query, self.tr("%n message(s)", "", rule.touched), last]
        if where:
            parts.insert(1, where)
        text = " · ".join(parts)
        if rule.last_error:
            text += "\n" + self.tr("Last error: %1").replace("%1", rule.last_error)
        return text

    def reload(self) -> None:
        self._filling = True
        try:
            self.list.clear()
            for rule in crm_rules.list_rules(self.mailbox_id):
                item = QListWidgetItem(self.rule_text(rule), self.list)
                item.setData(RULE_ID, rule.id)
                item.setFlags(
                    item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(
                    Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
                )
                if rule.last_error:
                    item.setToolTip(rule.last_error)
        finally:
            self._filling = False

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        crm_rules.set_enabled(item.data(RULE_ID), item.checkState() == Qt.CheckState.Checked)

    def _rows_moved(self, *_args) -> None:
        # The list's order is the new run order.
        crm_rules.reorder_rules(
            [self.list.item(row).data(RULE_ID) for row in range(self.list.count())]
        )

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(RULE_ID) if item is not None else None

    def add_rule(self) -> RuleEditor:
        return self._open_editor(None)

    def edit_selected(self) -> RuleEditor | None:
        rule_id = self.selected_id()
        return self._open_editor(rule_id) if rule_id is not None else None

    def _open_editor(self, rule_id: int | None) -> RuleEditor:
        self.editor = RuleEditor(self.mailbox_id, rule_id, self)
        self.editor.saved.connect(lambda _id: self.reload())
        self.editor.open()
        return self.editor

    def remove_selected(self) -> None:
        rule_id = self.selected_id()
        if rule_id is not None:
            crm_rules.remove_rule(rule_id)
            self.reload()
