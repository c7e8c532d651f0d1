"""pytest-qt against a real Dovecot and SMTP server: what the user sends shows in Sent at
once, marked as sending until the server took it; a quiet "Sent" in the status bar; a
failure takes it out of Sent again with the server's words (it waits in the Outbox);
and the sync's copy of it takes over the row shown, so Sent never lists it twice —
even while Refresh is held back by its 5-minute limit (issue 7)."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop import accounts
from desktop.models.mail import Folder, Message, Outbox
from desktop.services import sent_copies
from desktop.ui.compose import ComposeWindow
from desktop.ui.folder_tree import NodeRole
from desktop.ui.main_window import MainWindow
from desktop.ui.message_list import COL_DATE
from desktop.ui.settings import open_settings

SEND_TIMEOUT = 20_000


@pytest.fixture
def window(qtbot, profile, tmp_path, dovecot, dovecot_user, smtp_server):
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
    win = MainWindow(profile.root, open_settings(profile.root), sync_on_start=False)
    qtbot.addWidget(win)
    win.show()
    win.open_node(win.folder_model.index(0, 0).data(NodeRole))
    with qtbot.waitSignal(win.sync.finished, timeout=60_000):
        win.actions["refresh"].trigger()  # the first sync: folders, Sent among them
    sent = Folder.get((Folder.mailbox == mailbox.id) & (Folder.role == "sent"))
    qtbot.waitUntil(lambda: sent.id in win.folder_model.folder_ids())
    win.select_folder(sent.id)
    assert win.list_model.rowCount() == 0
    yield win, mailbox, sent
    win.sync.cancel_all()


def _compose(qtbot, mailbox, subject: str) -> ComposeWindow:
    compose = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(compose)
    compose.show()
    compose.to_edit.setText("petr@example.cz")
    compose.subject_edit.setText(subject)
    return compose


def test_sent_mail_shows_in_sent_at_once_then_once(qtbot, window, smtp_server):
    win, mailbox, sent = window
    model = win.list_model
    hold = threading.Event()
    smtp_server.on_message = lambda _got: hold.wait(15)  # the server takes its time
    compose = _compose(qtbot, mailbox, "Nabídka na plachtu")
    compose.send()
    # In Sent while the server still holds the DATA: marked as sending.
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=SEND_TIMEOUT)
    row = model.row(0)
    assert row.subject == "Nabídka na plachtu" and row.sending
    assert model.index(0, COL_DATE).data() == "Sending…"
    hold.set()
    qtbot.waitUntil(lambda: not model.row(0).sending, timeout=SEND_TIMEOUT)
    assert model.index(0, COL_DATE).data() == model.row(0).date_text != "Sending…"
    qtbot.waitUntil(
        lambda: win.statusBar().currentMessage() == "Sent: Nabídka na plachtu", timeout=5000
    )
    assert Outbox.get().state == "sent"
    [ours] = Message.select().where(Message.folder == sent.id)
    assert ours.remote_id.startswith(sent_copies.PREFIX)

    # Refresh waits for its 5 minutes; the message is shown all the same. The next
    # sync brings the server's copy (appended by the Outbox), which replaces ours.
    assert not win.actions["refresh"].isEnabled()
    with qtbot.waitSignal(win.sync.finished, timeout=60_000):
        assert win.start_sync(mailbox.id)
    # The server's copy took over our row: same list row, now with its UID.
    [theirs] = Message.select().where(Message.folder == sent.id)
    assert theirs.id == ours.id and theirs.message_id == ours.message_id
    assert theirs.remote_id.isdigit() and theirs.uid == int(theirs.remote_id)
    qtbot.waitUntil(lambda: model.loaded_ids() == [theirs.id])
    qtbot.waitUntil(lambda: model.row(0).outbox_state == "")
    assert not model.row(0).sending


def test_a_failed_send_leaves_sent_with_the_servers_words(qtbot, window, smtp_server):
    win, mailbox, sent = window
    model = win.list_model
    smtp_server.fail_data = "451 4.3.0 Mailbox full, try later"
    compose = _compose(qtbot, mailbox, "Zkouška")
    with qtbot.waitSignal(compose.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        compose.send()
    assert blocker.args[1] == "failed"
    assert Message.select().where(Message.folder == sent.id).count() == 0
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    message = win.statusBar().currentMessage()
    assert message.startswith("Not sent: Zkouška — ")
    assert "451 4.3.0 Mailbox full, try later" in message
    assert "Outbox" in message
    assert Outbox.get().state == "failed"
    # Retry: in Sent again, then sent.
    with qtbot.waitSignal(compose.sendFinished, timeout=SEND_TIMEOUT) as again:
        compose.retry()
    assert again.args[1] == "sent"
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.row(0).sending)
