"""Refresh in the window against a real Dovecot: the engine runs in the sync thread,
new mail shows up in the list, counts and notifications follow (R12, R13)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from desktop import accounts
from desktop.models.mail import Folder, Mailbox
from desktop.ui.folder_tree import NodeRole
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import open_settings
from tests.ui.conftest import make_raw


def test_refresh_syncs_from_dovecot(qtbot, profile, tmp_path, dovecot, dovecot_user, smtp_server):
    bundle = tmp_path / "ca.pem"
    bundle.write_text(
        Path(dovecot.cafile).read_text() + "\n" + Path(smtp_server.cafile).read_text()
    )
    smtp_server.user, smtp_server.password = dovecot_user.name, dovecot_user.password
    mailbox = accounts.add_imap_mailbox(
        password=dovecot_user.password,
        name="Dovecot",
        email=dovecot_user.email,
        username=dovecot_user.name,
        imap_host=dovecot.host,
        imap_port=dovecot.imaps_port,
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        cafile=str(bundle),
        import_from=date.today() - timedelta(days=7),
    )
    now = datetime.now() - timedelta(hours=1)
    dovecot.deliver(
        dovecot_user,
        [make_raw(i, when=now, subject=f"From Dovecot {i}") for i in range(3)],
        date=now,
    )

    win = MainWindow(profile.root, open_settings(profile.root))
    qtbot.addWidget(win)
    win.show()
    # A new mailbox has no folders yet: the mailbox itself is selected.
    win.open_node(win.folder_model.index(0, 0).data(NodeRole))
    assert win.current_mailbox().id == mailbox.id
    assert win.actions["refresh"].isEnabled()
    with qtbot.waitSignal(win.sync.finished, timeout=60_000) as blocker:
        win.actions["refresh"].trigger()
    changes = blocker.args[1]
    assert len(changes.added) == 3
    inbox = Folder.get((Folder.mailbox == mailbox.id) & (Folder.role == "inbox"))
    qtbot.waitUntil(lambda: inbox.id in win.folder_model.folder_ids())
    win.select_folder(inbox.id)
    subjects = {win.list_model.row(r).subject for r in range(win.list_model.rowCount())}
    assert subjects == {"From Dovecot 0", "From Dovecot 1", "From Dovecot 2"}
    assert not win.actions["refresh"].isEnabled()  # once per 5 minutes
    assert Mailbox.get_by_id(mailbox.id).last_sync_at is not None
    assert "Dovecot" in win.last_sync_label.text()
    # Counted off the GUI thread, then announced.
    qtbot.waitUntil(lambda: win.last_notification is not None)
    assert "3 new" in win.last_notification[0]


def test_closing_the_window_stops_a_sync_stuck_on_a_silent_server(
    qtbot, profile, dovecot, dovecot_user
):
    """Quitting mid-sync: the window closes at once (the sync's connection is hung up),
    no QThread is left running, and nothing is reported as an error."""
    import time

    from desktop import secrets
    from tests.servers.dovecot import make_message
    from tests.servers.proxy import CuttingProxy

    body = "Lorem ipsum dolor sit amet. " * 700 + "\r\n"  # ~20 KB each
    dovecot.deliver(dovecot_user, [make_message(i, body=body) for i in range(30)])
    proxy = CuttingProxy(dovecot.host, dovecot.imaps_port, stall_after=250_000)
    mailbox = Mailbox.create(
        name="Stuck",
        email=dovecot_user.email,
        username=dovecot_user.name,
        import_from=date.today() - timedelta(days=7),
        imap_host=dovecot.host,
        imap_port=proxy.port,
        imap_security="ssl",
        smtp_host=dovecot.host,
        cafile=str(dovecot.cafile),
    )
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, dovecot_user.password)
    win = MainWindow(profile.root, open_settings(profile.root))
    qtbot.addWidget(win)
    win.show()
    failures: list = []
    win.sync.failed.connect(lambda *args: failures.append(args))
    try:
        assert win.start_sync(mailbox.id)
        assert proxy.stalled.wait(30)
        [thread] = win.sync._threads.values()
        started = time.monotonic()
        win.close()
        assert time.monotonic() - started < 2.0
        assert thread.isFinished()
    finally:
        proxy.close()
    qtbot.wait(0)  # deliver the thread's queued signals, if any
    assert failures == []
    assert Mailbox.get_by_id(mailbox.id).last_error is None


def test_a_sync_deaf_to_cancel_outlives_its_manager_without_aborting(qtbot):
    """A sync stuck where the hang-up cannot reach (say, a DNS lookup): cancel_all stops
    waiting, the thread ends on its own later, and destroying the manager meanwhile
    does not abort the process as destroying a running QThread would."""
    import threading

    from PySide6.QtCore import QObject

    from desktop.changes import ChangeSet
    from desktop.sync import worker

    release = threading.Event()

    def deaf_sync(_mailbox_id, _progress, _cancel) -> ChangeSet:
        release.wait(10)  # ignores the cancel flag
        return ChangeSet()

    owner = QObject()
    manager = worker.SyncManager(deaf_sync, owner)
    assert manager.start(1)
    [thread] = manager._threads.values()
    assert manager.cancel_all(wait_ms=50) is False
    assert not manager.is_running() and thread in worker._outliving
    owner.deleteLater()  # the manager (and, before the hand-over, its thread) with it
    qtbot.wait(10)
    release.set()
    assert worker.wait_for_outliving(5000)
    assert worker._outliving == set()
