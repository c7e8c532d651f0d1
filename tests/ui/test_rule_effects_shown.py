"""pytest-qt: what rules did is visible where the user looks (issue 9) — labels as chips
in the list, messages a rule moved to a Holub folder only there, and a rule action's
failure as one line on the message in the reader. Real store, real import path."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.crm import rules as crm_rules
from desktop.models.db import database
from desktop.models.mail import Message
from desktop.models.rules import Rule, RuleJob
from desktop.services.listing import conversation_ids, load_rows
from desktop.ui.message_list import COL_SUBJECT, FolderSource


def _paint(window, row: int, width: int = 600) -> set[int]:
    index = window.list_model.index(row, COL_SUBJECT)
    option = QStyleOptionViewItem()
    window.list_view.initViewItemOption(option)
    option.rect = QRect(0, 0, width, window.list_view.visualRect(index).height())
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    window.list_view.itemDelegate().paint(painter, option, index)
    painter.end()
    return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height())}


def test_labels_are_chips_loaded_with_the_block(window, filled, qtbot) -> None:
    _profile, _mailbox, inbox, ids = filled
    rule, _ = crm_rules.add_rule("Offers", "has:attachment", [("label", "Nabídky")])
    count, changes = crm_rules.run_now(rule.id)
    assert count == 6
    window.list_model.show_folder(inbox.id)
    window.apply_changes(changes)
    model = window.list_model
    labelled = {m for m in ids if Message.get_by_id(m).has_attachments}
    rows = [model.row(r) for r in range(model.rowCount())]
    assert {r.id for r in rows if r.labels == ("Nabídky",)} == labelled
    assert all(r.labels == () for r in rows if r.id not in labelled)
    # One block of rows costs one label query, not one per row.
    queries: list[str] = []
    original = database.execute_sql
    database.execute_sql = lambda sql, params=None, *a, **k: (
        queries.append(sql),
        original(sql, params, *a, **k),
    )[1]
    try:
        load_rows(ids)
    finally:
        database.execute_sql = original
    # The row query, one for filings at most, one for labels.
    assert len(queries) <= 3
    first = next(r for r in range(model.rowCount()) if model.row(r).labels)
    assert model.row(first).all_chips() == (("label", 0, "Nabídky"),)
    assert QColor("#555").lighter(185).rgb() in _paint(window, first)


def test_moved_messages_leave_their_server_folder(window, filled, qtbot) -> None:
    _profile, _mailbox, inbox, ids = filled
    window.list_model.show_folder(inbox.id)
    assert window.list_model.rowCount() == 30
    rule, _ = crm_rules.add_rule("Offers", "has:attachment", [("move", "Obchod")])
    count, changes = crm_rules.run_now(rule.id)
    assert count == 6
    window.apply_changes(changes)
    model = window.list_model
    moved = {m for m in ids if Message.get_by_id(m).has_attachments}
    assert model.rowCount() == 24
    assert not moved & set(model.loaded_ids())
    # A fresh read of the folder, and its conversations, agree.
    source = FolderSource(inbox.id)
    assert not moved & set(source.more(100))
    assert not moved & set(conversation_ids(inbox.id)[0])
    # The folder's counts agree with its list.
    from desktop.services.folders import count_messages

    assert count_messages()["folders"][inbox.id][1] == 24
    # Under the Holub folder they are all there.
    window.open_node(_holub_node(window))
    assert set(window.list_model.loaded_ids()) == moved


def _holub_node(window):
    from desktop.ui.folder_tree import NodeRole

    window.reload_mailboxes()
    model = window.folder_model
    for row in range(model.rowCount()):
        if model.item(row).text() == "Holub folders":
            return model.item(row).child(0).data(NodeRole)
    raise AssertionError("no Holub folders branch")


def test_a_failed_rule_action_shows_on_the_message(window, filled, qtbot) -> None:
    _profile, mailbox, _inbox, ids = filled
    rule, _ = crm_rules.add_rule("Forward", "subject:nothing-matches", [("forward", "a@b.cz")])
    reader = window.reader
    reader.show_message(ids[0])
    assert reader.rule_notice.isHidden()
    RuleJob.create(
        rule=rule,
        mailbox=mailbox,
        message=ids[0],
        message_key="k",
        action="forward",
        state="failed",
        error="550 relay not permitted",
    )
    reader.show_message(ids[0])
    assert not reader.rule_notice.isHidden()
    text = reader.rule_notice.text()
    assert "Forward (forward): 550 relay not permitted" in text
    assert "\n" not in text
    reader.show_message(ids[1])
    assert reader.rule_notice.isHidden()
    assert Rule.select().count() == 1
