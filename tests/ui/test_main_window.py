"""The main window on a store filled through store_batch: panes, actions, delete/undo, search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.models.mail import Message
from desktop.ui.actions import ACTIONS
from desktop.ui.folder_tree import NodeRole


def test_panes_show_folders_and_messages(window, filled, qtbot):
    _prof, _mailbox, inbox, ids = filled
    model = window.folder_model
    mb_index = model.index(0, 0)
    assert mb_index.data() == "Work"
    inbox_index = model.folder_index(inbox.id)
    # Unread count, counted in the background; the first message was opened, so 29.
    qtbot.waitUntil(lambda: inbox_index.data() == "Inbox (29)")
    assert window.list_model.rowCount() == 30
    # Newest first; the first row is opened in the reader and so becomes read.
    assert window.list_model.message_id(0) == ids[-1]
    qtbot.waitUntil(lambda: Message.get_by_id(ids[-1]).seen)
    assert window.list_model.row(0).subject == "Message number 30"
    assert window.list_model.index(0, 1).data() == "Alice Novak"
    assert window.folder_model.counts[inbox.id] == (29, 30)
    assert window.folder_status.text() == "Work › Inbox: 30 messages, 29 unread"


def test_every_action_is_in_a_menu_with_its_shortcut(window):
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    for spec in ACTIONS:
        action = window.actions[spec.name]
        assert action in in_menus, spec.name
        assert [s.toString() for s in action.shortcuts()] == [
            QKeySequence(s).toString() for s in spec.shortcuts
        ]
    wanted = {
        "new": "Ctrl+N",
        "reply": "Ctrl+R",
        "reply_all": "Ctrl+Shift+R",
        "forward": "Ctrl+L",
        "delete": "Del",
        "undo": "Ctrl+Z",
        "refresh": "F5",
        "next": "J",
        "previous": "K",
    }
    for name, key in wanted.items():
        assert window.actions[name].shortcut().toString() == key
    assert {s.toString() for s in window.actions["search"].shortcuts()} == {"Ctrl+F", "/"}


def test_delete_and_undo(window, filled, qtbot):
    ids = filled[3]
    first = window.list_model.message_id(0)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert window.list_model.rowCount() == 29
    assert window.list_model.row_of(first) is None
    # The store follows in the write queue, off the GUI thread.
    qtbot.waitUntil(lambda: Message.get_by_id(first).deleted_locally)
    # The next message is selected and shown.
    assert window.current_message_id() == window.list_model.message_id(0)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 30)
    assert window.list_model.row_of(first) == 0
    # The bus may bring the row back before the undo's own answer reselects it.
    qtbot.waitUntil(lambda: window.current_message_id() == first)
    assert not Message.get_by_id(first).deleted_locally
    assert len(ids) == 30


def test_read_star_and_j_k(window, qtbot):
    model = window.list_model
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    second = model.message_id(1)
    assert window.current_message_id() == second
    # Read on open: written in the background, the list follows via the bus.
    qtbot.waitUntil(lambda: model.row(1).seen)
    assert Message.get_by_id(second).seen
    window.actions["mark_unread"].trigger()
    qtbot.waitUntil(lambda: not model.row(1).seen)
    assert not Message.get_by_id(second).seen
    window.actions["star"].trigger()
    qtbot.waitUntil(lambda: model.row(1).starred)
    assert Message.get_by_id(second).starred
    window.actions["star"].trigger()
    qtbot.waitUntil(lambda: not model.row(1).starred)
    assert not Message.get_by_id(second).starred
    qtbot.keyClick(window.list_view, Qt.Key.Key_K)
    assert window.current_message_id() == model.message_id(0)
    # A change that reaches the store recounts the folder (via the bus).
    with qtbot.waitSignal(window.folder_model.countsUpdated):
        window.actions["mark_unread"].trigger()


def test_search_shows_a_virtual_folder(window, qtbot):
    window.actions["search"].trigger()
    assert window.search_box.hasFocus() or window.search_box.selectedText() == ""
    window.search_box.setText("number 7")
    with qtbot.waitSignal(window.listShown):
        window.search_box.returnPressed.emit()
    assert window.list_model.rowCount() == 1
    assert window.list_model.row(0).subject == "Message number 7"
    assert window.folder_view.currentIndex().data(NodeRole).kind == "search"
    window.search_box.setText("has:attachment")
    window.run_search()
    assert window.list_model.rowCount() == 6
    window.search_box.setText("before:nonsense")
    window.run_search()
    assert "YYYY-MM-DD" in window.statusBar().currentMessage()
    window.search_box.clear()
    window.run_search()
    assert window.list_model.rowCount() == 30
    assert window.folder_view.currentIndex().data(NodeRole).kind == "folder"


def test_conversations_group_threads(window, filled, qtbot):
    from desktop.sync.store import FetchedMessage, store_batch
    from tests.ui.conftest import make_raw

    inbox = filled[2]
    # A reply to message 3, arriving last: message 3 moves up with it as one thread.
    store_batch(
        inbox,
        [FetchedMessage("100", make_raw(100, subject="Re: Message number 3", reply_to=3), uid=100)],
    )
    with qtbot.waitSignal(window.listShown):  # grouped in a worker, then swapped in
        window.actions["conversations"].setChecked(True)
    qtbot.waitUntil(lambda: window.list_model.source.children != frozenset())
    model = window.list_model
    # Collapsed: the conversation shows its newest message, with the count.
    assert model.row(0).subject == "Re: Message number 3" and model.row(0).thread_count == 2
    assert model.row(1).subject == "Message number 30"
    assert model.rowCount() == 30
    # Right opens it, Left closes it (from the reply too).
    window.list_view.setFocus()
    window.mail.select_row(0)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Right)
    assert model.row(1).subject == "Message number 3" and model.row(1).thread_child
    assert not model.row(2).thread_child
    assert model.rowCount() == 31
    # Undo/new mail reloads the grouped list in the background too.
    from desktop.changes import ChangeSet

    with qtbot.waitSignal(model.modelReset):
        window.apply_changes(ChangeSet(added=[1], folders={inbox.id}))
    assert model.row(1).thread_child  # still open
    window.mail.select_row(1)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Left)
    assert model.rowCount() == 30 and window.list_view.currentIndex().row() == 0
    window.actions["conversations"].setChecked(False)
    assert model.row(1).subject == "Message number 30"


def test_j_fetches_the_next_page_at_the_end(window, qtbot, monkeypatch, filled):
    from desktop.ui import message_list as ml

    monkeypatch.setattr(ml, "PAGE_SIZE", 5)
    window.show_folder(filled[2].id)
    assert window.list_model.rowCount() == 5
    window.list_view.setFocus()
    for _ in range(6):
        qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    assert window.list_view.currentIndex().row() == 6
    assert window.list_model.rowCount() >= 10


def test_delete_in_search_results_and_undo(window, qtbot):
    window.search_box.setText("number 1")  # prefix match: 1, 10-19
    window.run_search()
    assert window.list_model.rowCount() == 11
    window.list_view.setCurrentIndex(window.list_model.index(0, 2))
    victim = window.current_message_id()
    window.actions["delete"].trigger()
    assert window.list_model.rowCount() == 10
    assert window.list_model.row_of(victim) is None
    window.actions["undo"].trigger()
    # The rows come back with the bus's change-set, the selection with the undo's own
    # result just after it: wait for both (checking between the two was a race).
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 11)
    qtbot.waitUntil(lambda: window.current_message_id() == victim)
