"""Actions fit what is on screen: message actions only with a message shown in the
visible list, the reason in the tooltip otherwise; delete/undo keeps the selection;
"Deleted in Holub" lists hidden messages with Restore."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from desktop.models.mail import Folder, Message
from desktop.ui.folder_tree import Node

MESSAGE_ACTIONS = ("reply", "forward", "delete", "mark_read", "star", "file_under")


def test_message_actions_only_with_a_message_on_screen(window, filled, qtbot):
    mailbox = filled[1]
    for name in MESSAGE_ACTIONS:
        assert window.actions[name].isEnabled(), name
    assert not window.actions["restore"].isEnabled()
    assert "Deleted in Holub" in window.actions["restore"].toolTip()
    assert not window.actions["undo"].isEnabled()
    assert window.actions["undo"].toolTip() == "Nothing to undo"
    assert window.actions["remove_mailbox"].isEnabled()
    # A CRM page hides the list: nothing may act on its (hidden) selection.
    window.open_node(Node("signals"))
    assert not window.actions["remove_mailbox"].isEnabled()
    assert "Choose a mailbox" in window.actions["remove_mailbox"].toolTip()
    for name in MESSAGE_ACTIONS:
        assert not window.actions[name].isEnabled(), name
        assert window.actions[name].toolTip() == "Open a folder to act on its messages"
    hidden = window.current_message_id()
    window.actions["delete"].trigger()  # the shortcut cannot fire either
    assert not Message.get_by_id(hidden).deleted_locally
    # An empty folder: the list is there but no message.
    sent = Folder.get((Folder.mailbox == mailbox.id) & (Folder.role == "sent"))
    window.select_folder(sent.id)
    assert window.list_model.rowCount() == 0
    assert not window.actions["reply"].isEnabled()
    assert window.actions["reply"].toolTip() == "Select a message in the list first"
    window.select_folder(filled[2].id)
    assert window.actions["reply"].isEnabled()
    assert window.actions["reply"].toolTip().startswith("Reply")


def test_delete_and_undo_keep_the_selection(window, qtbot):
    model, view = window.list_model, window.list_view
    window.mail.select_row(3)
    for row in (4, 5):
        view.selectionModel().select(
            model.index(row, 2),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    picked = [model.message_id(r) for r in (3, 4, 5)]
    after = model.message_id(6)
    window.actions["delete"].trigger()
    assert model.rowCount() == 27
    # The row below takes the place of what went: the same position stays selected.
    assert window.current_message_id() == after
    assert window.actions["undo"].isEnabled()
    qtbot.waitUntil(lambda: all(Message.get_by_id(i).deleted_locally for i in picked))
    window.actions["undo"].trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 30)

    def selected() -> list[int]:
        return sorted(model.message_id(i.row()) for i in view.selectionModel().selectedRows())

    # The bus may bring the rows back before the undo's own answer reselects them.
    qtbot.waitUntil(lambda: selected() == sorted(picked))
    assert window.current_message_id() == picked[0]


def test_deleted_in_holub_lists_hidden_messages_with_restore(window, filled, qtbot):
    inbox = filled[2]
    victim = window.current_message_id()
    window.actions["delete"].trigger()
    qtbot.waitUntil(lambda: Message.get_by_id(victim).deleted_locally)
    with qtbot.waitSignal(window.listShown):
        window.actions["deleted_view"].trigger()
    assert window.list_model.loaded_ids() == [victim]
    assert window.current_message_id() == victim
    assert window.actions["restore"].isEnabled()
    assert not window.actions["delete"].isEnabled()
    assert "Restore" in window.actions["delete"].toolTip()
    window.actions["restore"].trigger()
    assert window.list_model.rowCount() == 0
    qtbot.waitUntil(lambda: not Message.get_by_id(victim).deleted_locally)
    window.select_folder(inbox.id)
    assert window.list_model.row_of(victim) is not None
