"""Live updates: every committed batch reaches the window through the change bus (on the
GUI thread), the list keeps its selection and scroll position, syncs start on start and
after a mailbox is added, and the notification counts everything that arrived."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QThread, QThreadPool

from desktop.changes import ChangeSet, bus
from desktop.models.base import utcnow
from desktop.models.mail import Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui import settings as prefs
from desktop.ui.change_bridge import change_bridge
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import fill, make_raw


def _window(qtbot, prof, **kw) -> MainWindow:
    win = MainWindow(prof.root, prefs.open_settings(prof.root), **kw)
    qtbot.addWidget(win)
    win.show()
    return win


def _batch(inbox: Folder, start: int, n: int, when: datetime | None = None) -> list:
    return [
        FetchedMessage(str(start + i), make_raw(start + i, when=when), uid=start + i)
        for i in range(n)
    ]


def test_bridge_delivers_on_the_gui_thread(qtbot):
    seen: list[tuple[ChangeSet, bool]] = []
    bridge = change_bridge()
    bridge.changed.connect(lambda c: seen.append((c, QThread.currentThread() is bridge.thread())))
    changes = ChangeSet(updated=[7], folders={1})
    publisher = threading.Thread(target=bus.publish, args=(changes,))
    with qtbot.waitSignal(bridge.changed):
        publisher.start()
    publisher.join()
    assert seen[-1] == (changes, True)


def test_a_batch_committed_by_a_sync_shows_without_moving_the_list(qtbot, profile):
    _mailbox, inbox, _ids = fill(300)
    win = _window(qtbot, profile)
    win.resize(1000, 500)
    view, model = win.list_view, win.list_model
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    # The user scrolled down and picked a message there.
    win.mail.select_row(120)
    picked = win.current_message_id()
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    top_before = model.message_id(view.rowAt(0))
    # A sync thread commits a batch of newer mail (store_batch publishes it).
    newer = datetime(2026, 6, 1, 8, 0)
    worker = threading.Thread(target=lambda: store_batch(inbox, _batch(inbox, 1000, 3, newer)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: model.rowCount() == 303)
    assert model.row(0).subject.startswith("Message number 100")  # newest on top
    assert win.current_message_id() == picked
    assert [model.message_id(i.row()) for i in view.selectionModel().selectedRows()] == [picked]
    assert model.message_id(view.rowAt(0)) == top_before  # the same rows stay in view


def test_flag_changes_from_the_store_repaint_the_row(qtbot, filled):
    prof, _mailbox, _inbox, ids = filled
    win = _window(qtbot, prof)
    row = win.list_model.row_of(ids[3])
    assert not win.list_model.row(row).starred
    from desktop.services import messages

    worker = threading.Thread(target=lambda: messages.set_starred([ids[3]]))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: win.list_model.row(row).starred)


def _sync_storing(n_batches: int, per_batch: int, calls: list[int]):
    def sync(mailbox_id, progress, cancel) -> ChangeSet:
        calls.append(mailbox_id)
        inbox = Folder.get((Folder.mailbox == mailbox_id) & (Folder.role == "inbox"))
        total = ChangeSet()
        for b in range(n_batches):
            start = 5000 + b * per_batch
            total.merge(store_batch(inbox, _batch(inbox, start, per_batch)))
        return total

    return sync


def test_sync_starts_with_holub_when_the_last_is_older_than_the_slot(qtbot, filled):
    prof, mailbox, _inbox, _ids = filled
    calls: list[int] = []
    win = _window(qtbot, prof, sync_fn=_sync_storing(1, 1, calls), sync_on_start=True)
    with qtbot.waitSignal(win.sync.finished, timeout=10_000):
        pass
    assert calls == [mailbox.id]


def test_no_sync_at_start_when_the_last_one_is_recent(qtbot, filled):
    prof = filled[0]
    Mailbox.update(last_sync_at=utcnow()).execute()
    calls: list[int] = []
    win = _window(qtbot, prof, sync_fn=_sync_storing(1, 1, calls), sync_on_start=True)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(10)
    assert not win.sync.is_running() and calls == []


def test_a_mailbox_added_syncs_at_once_and_shows(qtbot, profile):
    fill(3, name="First")
    calls: list[int] = []
    win = _window(qtbot, profile, sync_fn=_sync_storing(1, 2, calls))
    second, _inbox, _ids = fill(0, name="Second")
    with qtbot.waitSignal(win.sync.finished, timeout=10_000):
        win._mailbox_added(second.id)
    assert calls == [second.id]
    assert second.id in win.folder_model.mailbox_ids()


def test_the_notification_counts_everything_that_arrived(qtbot, filled):
    prof, mailbox, _inbox, _ids = filled
    calls: list[int] = []
    win = _window(qtbot, prof, sync_fn=_sync_storing(2, 400, calls))
    with qtbot.waitSignal(win.notified, timeout=30_000) as blocker:
        win.start_sync(mailbox.id)
    assert blocker.args[0].startswith("800 new message") and "Work" in blocker.args[0]
