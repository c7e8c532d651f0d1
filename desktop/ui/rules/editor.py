"""The rule editor: name, applies to, condition with a live count and a preview of up
to 20 matching messages, actions with their arguments, "stop", and "Run now".

Every query runs off the GUI thread (desktop/ui/background.py); a newer query's answer
replaces an older one's (a generation counter), so typing never shows a stale count.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import rules as crm_rules
from desktop.errors import HolubError
from desktop.models.mail import Message
from desktop.models.rules import ACTION_ARGS, ACTIONS, APPLIES, Rule
from desktop.ui import dates
from desktop.ui.background import run_in_background

PREVIEW_LIMIT = 20
COUNT_DELAY_MS = 250


def action_label(widget: QWidget, action: str) -> str:
    """The action's name as the user reads it."""
    labels = {
        "mark-read": widget.tr("Mark as read"),
        "delete": widget.tr("Delete (in Holub only)"),
        "label": widget.tr("Add a label"),
        "move": widget.tr("Move to a Holub folder"),
        "save-attachments": widget.tr("Save attachments to a directory"),
        "create-task": widget.tr("Create a task in the CRM"),
        "forward": widget.tr("Forward to an address"),
        "reply": widget.tr("Reply with a template"),
        "comment": widget.tr("Add the e-mail as a comment in the CRM"),
    }
    return labels.get(action, action)


def applies_label(widget: QWidget, applies: str) -> str:
    return {
        "received": widget.tr("Received mail"),
        "sent": widget.tr("Sent mail"),
        "both": widget.tr("Received and sent mail"),
    }.get(applies, applies)


class ActionRow(QWidget):
    """One action: a choice and, for the actions that take one, its argument."""

    removed = Signal(object)

    def __init__(self, action: str = "mark-read", argument: str | None = None, parent=None):
        super().__init__(parent)
        self.kind = QComboBox(self)
        for name in ACTIONS:
            self.kind.addItem(action_label(self, name), name)
        self.argument = QLineEdit(argument or "", self)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(lambda: self.removed.emit(self))
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.kind, 2)
        box.addWidget(self.argument, 2)
        box.addWidget(remove)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(0, self.kind.findData(action)))
        self._kind_changed()

    def _kind_changed(self) -> None:
        action = self.kind.currentData()
        hints = {
            "label": self.tr("label name"),
            "move": self.tr("folder name"),
            "save-attachments": self.tr("directory"),
            "forward": self.tr("e-mail address"),
            "reply": self.tr("template name"),
        }
        self.argument.setVisible(action in ACTION_ARGS)
        self.argument.setPlaceholderText(hints.get(action, ""))

    def value(self) -> tuple[str, str | None]:
        action = self.kind.currentData()
        return action, (self.argument.text().strip() if action in ACTION_ARGS else None)


class RuleEditor(QDialog):
    """Create (``rule_id`` None) or change a rule. ``saved(rule_id)`` after saving."""

    saved = Signal(int)

    def __init__(self, mailbox_id: int | None, rule_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleEditor")
        self.mailbox_id = mailbox_id
        self.rule_id = rule_id
        self._generation = 0
        self.setWindowTitle(self.tr("Rule"))
        rule = Rule.get_by_id(rule_id) if rule_id is not None else None

        self.name = QLineEdit(rule.name if rule else "", self)
        self.applies = QComboBox(self)
        for value in APPLIES:
            self.applies.addItem(applies_label(self, value), value)
        self.applies.setCurrentIndex(self.applies.findData(rule.applies if rule else "received"))
        self.all_mailboxes = QCheckBox(self.tr("All mailboxes"), self)
        self.all_mailboxes.setChecked(rule is not None and rule.mailbox_id is None)
        self.query = QLineEdit(rule.filter.query if rule else "", self)
        self.query.setObjectName("ruleQuery")
        self.query.setPlaceholderText(self.tr("e.g. from:acme.cz has:attachment filed:no"))
        self.count = QLabel(self)
        self.count.setObjectName("ruleCount")
        self.preview = QListWidget(self)
        self.preview.setObjectName("rulePreview")
        self.stop = QCheckBox(self.tr("Stop processing further rules"), self)
        self.stop.setChecked(bool(rule.stop) if rule else False)

        self.actions_box = QVBoxLayout()
        self.action_rows: list[ActionRow] = []
        for action, arg in rule.actions if rule else [("mark-read", None)]:
            self.add_action(action, arg)
        add_action = QPushButton(self.tr("Add an action"), self)
        add_action.clicked.connect(lambda: self.add_action())

        self.run_now_button = QPushButton(self.tr("Run now on existing mail…"), self)
        self.run_now_button.setEnabled(rule is not None)
        self.run_now_button.clicked.connect(self.ask_run_now)
        self.status = QLabel(self)
        self.status.setObjectName("ruleStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Applies to:"), self.applies)
        form.addRow("", self.all_mailboxes)
        form.addRow(self.tr("Condition:"), self.query)
        form.addRow("", self.count)
        actions = QVBoxLayout()
        actions.addLayout(self.actions_box)
        actions.addWidget(add_action, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.tr("Actions:"), actions)
        form.addRow("", self.stop)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Matching messages (up to 20):"), self))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.run_now_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh_count)
        self.query.textChanged.connect(self._timer.start)
        self.applies.currentIndexChanged.connect(self._timer.start)
        self.all_mailboxes.toggled.connect(self._timer.start)
        self.resize(620, 620)
        self.refresh_count()

    # ----------------------------------------------------------- actions

    def add_action(self, action: str = "mark-read", argument: str | None = None) -> ActionRow:
        row = ActionRow(action, argument, self)
        row.removed.connect(self._remove_action)
        self.action_rows.append(row)
        self.actions_box.addWidget(row)
        return row

    def _remove_action(self, row: ActionRow) -> None:
        if row in self.action_rows:
            self.action_rows.remove(row)
            row.deleteLater()

    # ----------------------------------------------------------- live count

    def _scope(self) -> tuple[str, str, int | None]:
        mailbox = None if self.all_mailboxes.isChecked() else self.mailbox_id
        return self.query.text(), self.applies.currentData(), mailbox

    def refresh_count(self) -> None:
        query, applies, mailbox = self._scope()
        self._generation += 1
        generation = self._generation
        if not query.strip():
            self.count.setText(self.tr("Type a condition in the search language."))
            self.preview.clear()
            return
        self.count.setText(self.tr("Counting…"))

        def work() -> tuple[int, list[str]]:
            total = crm_rules.count_matches(query, applies=applies, mailbox_id=mailbox)
            ids = crm_rules.preview(query, applies=applies, mailbox_id=mailbox, limit=PREVIEW_LIMIT)
            rows = {
                m.id: m
                for m in Message.select(
                    Message.id, Message.date, Message.from_name, Message.from_addr, Message.subject
                ).where(Message.id.in_(ids))
            }
            lines = [
                f"{dates.date_time(rows[i].date)}  {rows[i].from_name or rows[i].from_addr}  "
                f"{rows[i].subject}"
                for i in ids
                if i in rows
            ]
            return total, lines

        def done(result: tuple[int, list[str]]) -> None:
            if generation != self._generation:
                return  # a newer condition was typed meanwhile
            total, lines = result
            self.count.setText(self.tr("%n matching message(s)", "", total))
            self.preview.clear()
            self.preview.addItems(lines)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.count.setText(message)
                self.preview.clear()

        run_in_background(work, done, failed, owner=self)

    # ----------------------------------------------------------- saving

    def save(self) -> None:
        query, applies, mailbox = self._scope()
        actions = [row.value() for row in self.action_rows]
        try:
            if self.rule_id is None:
                rule, _ = crm_rules.add_rule(
                    self.name.text(),
                    query,
                    actions,
                    applies=applies,
                    mailbox_id=mailbox,
                    stop=self.stop.isChecked(),
                )
                self.rule_id = rule.id
            else:
                crm_rules.update_rule(
                    self.rule_id,
                    name=self.name.text(),
                    query=query,
                    actions=actions,
                    applies=applies,
                    mailbox_id=mailbox,
                    stop=self.stop.isChecked(),
                )
        except HolubError as exc:
            self.status.setText(str(exc))
            return
        self.saved.emit(self.rule_id)
        self.accept()

    # ----------------------------------------------------------- run now

    def ask_run_now(self) -> None:
        if self.rule_id is None:
            return
        rule_id = self.rule_id
        self.run_now_button.setEnabled(False)
        self.status.setText(self.tr("Counting…"))
        run_in_background(
            lambda: crm_rules.pending_count(rule_id),
            self._confirm_run_now,
            self._run_failed,
            owner=self,
        )

    def _confirm_run_now(self, count: int) -> None:
        self.run_now_button.setEnabled(True)
        self.status.clear()
        if count == 0:
            self.status.setText(self.tr("No existing message is waiting for this rule."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Run the rule now"),
            self.tr("Apply the rule to %n existing message(s)?", "", count),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run_now()

    def run_now(self) -> None:
        rule_id = self.rule_id
        if rule_id is None:
            return
        self.run_now_button.setEnabled(False)

        def work() -> int:
            from desktop.changes import bus
            from desktop.services import rule_jobs

            count, changes = crm_rules.run_now(rule_id)
            bus.publish(changes)
            rule_jobs.kick()
            return count

        def done(count: int) -> None:
            self.run_now_button.setEnabled(True)
            self.status.setText(self.tr("Applied to %n message(s).", "", count))

        run_in_background(work, done, self._run_failed, owner=self)

    def _run_failed(self, message: str) -> None:
        self.run_now_button.setEnabled(True)
        self.status.setText(message)
