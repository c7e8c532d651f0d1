"""pytest-qt: Mailbox settings → Rules, the rule editor (live count, preview, Run now)
and Settings → Templates, on a store filled through the real import path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.crm import rules as crm_rules
from desktop.models.rules import Rule, Template
from desktop.ui.mailbox_settings import MailboxSettingsDialog
from desktop.ui.rules.editor import RuleEditor
from desktop.ui.rules.tab import RulesTab
from desktop.ui.rules.templates import TemplatesDialog
from tests.ui.conftest import fill


def wait_count(qtbot, editor: RuleEditor, count: int) -> None:
    # As the editor says it in the language loaded (the English catalogue writes the
    # plural out: "6 matching messages"; other tests may have loaded it).
    text = editor.tr("%n matching message(s)", "", count)

    def shown() -> None:  # an assertion, so a time-out says what the editor showed
        assert editor.count.text() == text

    qtbot.waitUntil(shown, timeout=30_000)


def test_editor_live_count_preview_save_and_run_now(qtbot, profile, monkeypatch) -> None:
    mailbox, _inbox, _ids = fill(30)
    editor = RuleEditor(mailbox.id)
    qtbot.addWidget(editor)
    editor.open()
    editor.name.setText("Attachments")
    editor.query.setText("has:attachment")
    wait_count(qtbot, editor, 6)
    assert editor.preview.count() == 6
    assert "Message number 30" in editor.preview.item(0).text()  # newest first
    editor.query.setText("has:attachment number 1*")  # 10, 15
    wait_count(qtbot, editor, 2)
    editor.query.setText("before:soon")
    qtbot.waitUntil(lambda: "before:" in editor.count.text(), timeout=10_000)
    assert editor.preview.count() == 0
    editor.query.setText("has:attachment")
    wait_count(qtbot, editor, 6)

    editor.action_rows[0].kind.setCurrentIndex(editor.action_rows[0].kind.findData("label"))
    assert editor.action_rows[0].argument.isVisibleTo(editor)
    editor.action_rows[0].argument.setText("Offers")
    editor.add_action("move", "Nabídky")
    editor.save()
    assert "needs" not in editor.status.text()
    rule = Rule.get(Rule.name == "Attachments")
    assert rule.actions == [["label", "Offers"], ["move", "Nabídky"]]
    assert rule.mailbox_id == mailbox.id

    # Run now: the count first, then (confirmed) applied once.
    again = RuleEditor(mailbox.id, rule.id)
    qtbot.addWidget(again)
    again.open()
    asked: list[str] = []

    def confirm(_parent, _title, text, *args, **kw):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    again.ask_run_now()
    qtbot.waitUntil(lambda: "Applied to" in again.status.text(), timeout=10_000)
    assert asked == [again.tr("Apply the rule to %n existing message(s)?", "", 6)]
    assert again.status.text() == again.tr("Applied to %n message(s).", "", 6)
    assert crm_rules.count_matches("label:offers") == 6
    again.ask_run_now()
    qtbot.waitUntil(lambda: "No existing message" in again.status.text(), timeout=10_000)
    assert len(asked) == 1  # nothing left to ask about: nothing repeated


def test_editor_refuses_a_bad_rule(qtbot, profile) -> None:
    mailbox, _inbox, _ids = fill(3)
    editor = RuleEditor(mailbox.id)
    qtbot.addWidget(editor)
    editor.open()
    editor.name.setText("Bad")
    editor.query.setText("hello")
    editor.action_rows[0].kind.setCurrentIndex(editor.action_rows[0].kind.findData("reply"))
    editor.action_rows[0].argument.setText("missing")
    editor.save()
    assert "template" in editor.status.text() and editor.isVisible()
    assert Rule.select().count() == 0


def test_rules_tab_in_mailbox_settings_enable_and_order(qtbot, profile) -> None:
    mailbox, _inbox, _ids = fill(3)
    first, _ = crm_rules.add_rule("First", "hello", [("mark-read", None)], mailbox_id=mailbox.id)
    second, _ = crm_rules.add_rule("Second", "message", [("label", "M")])
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    dialog.open()
    tab = dialog.findChild(RulesTab, "rulesTab")
    assert tab is not None
    assert [tab.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)] == [
        first.id,
        second.id,
    ]
    assert "all mailboxes" in tab.list.item(1).text()
    tab.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not Rule.get_by_id(first.id).enabled
    # Drag the second rule above the first: the run order follows the list.
    tab.list.model().moveRow(
        tab.list.model().index(1, 0).parent(), 1, tab.list.model().index(0, 0).parent(), 0
    )
    assert [r.id for r in crm_rules.list_rules()] == [second.id, first.id]
    tab.list.setCurrentRow(0)
    editor = tab.edit_selected()  # a child of the dialog: closed and deleted with it
    assert editor.name.text() == "Second"
    editor.name.setText("Second rule")
    editor.save()
    assert tab.list.item(0).text().startswith("Second rule")
    tab.list.setCurrentRow(1)
    tab.remove_selected()
    assert [r.name for r in crm_rules.list_rules()] == ["Second rule"]


def test_templates_dialog(qtbot, profile) -> None:
    dialog = TemplatesDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.new_template()
    dialog.name.setText("Díky")
    dialog.subject.setText("Re: {subject}")
    dialog.body.setPlainText("Dobrý den {sender_name}, děkujeme.")
    dialog.save_current()
    assert dialog.status.text() == "Saved."
    assert Template.get(Template.name == "Díky").body.startswith("Dobrý den")
    crm_rules.add_rule("Auto", "poptávka", [("reply", "Díky")])
    dialog.name.setText("Děkujeme")
    dialog.save_current()
    assert Rule.get(Rule.name == "Auto").actions == [["reply", "Děkujeme"]]  # follows
    dialog.remove_current()
    assert "used by the rule" in dialog.status.text()
    assert dialog.list.count() == 1


def test_folder_tree_lists_labels_and_saved_filters(window, qtbot) -> None:
    from desktop.ui.folder_tree import NodeRole

    rule, _ = crm_rules.add_rule(
        "Offers", "has:attachment", [("label", "Nabídky 2026"), ("move", "Obchod")]
    )
    assert crm_rules.run_now(rule.id)[0] == 6
    window.reload_mailboxes()
    model = window.folder_model
    branches = {model.item(row).text(): model.item(row) for row in range(model.rowCount())}
    assert {"Holub folders", "Labels", "Saved filters"} <= set(branches)
    label_item = branches["Labels"].child(0)
    assert label_item.text() == "Nabídky 2026"
    with qtbot.waitSignal(window.listShown):
        window.folder_view.setCurrentIndex(label_item.index())
    assert window.search_box.text() == 'label:"Nabídky 2026"'
    assert window.list_model.rowCount() == 6
    assert window.folder_view.currentIndex().data(NodeRole).kind == "search"
    window.open_node(branches["Holub folders"].child(0).data(NodeRole))
    assert window.search_box.text() == "in:Obchod"
    assert window.list_model.rowCount() == 6
    saved = branches["Saved filters"].child(0)
    window.open_node(saved.data(NodeRole))
    assert window.search_box.text() == "has:attachment"
    assert window.list_model.rowCount() == 6
