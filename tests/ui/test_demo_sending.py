"""pytest-qt on the demo profile: its mailbox sends, into a local sink in the profile
(desktop/sync/providers/demo.py), through the same Outbox → Sent flow as IMAP: the
message shows in Sent at once, "Sent: …" in the status bar, the Outbox row ends sent
with its copy filed in the sink's Sent, and the next sync's copy takes over the row."""

from __future__ import annotations

import mailbox as maildir_lib

import pytest

from desktop.models.db import close_store
from desktop.models.mail import Folder, Mailbox, Message, Outbox
from desktop.services import sent_copies
from desktop.services.demo import DEMO_DIR, DEMO_MAILBOX, fill_demo_profile
from desktop.sync import outbox
from desktop.sync.providers.demo import KIND_DEMO, SERVER_DIR
from desktop.ui.compose import ComposeWindow
from desktop.ui.main_window import MainWindow
from desktop.ui.message_list import COL_DATE

pytestmark = pytest.mark.skipif(
    not (DEMO_DIR / "demo.mbox").exists(), reason="demo data not in this checkout"
)

SEND_TIMEOUT = 20_000


@pytest.fixture
def demo(qtbot, tmp_path):
    prof = fill_demo_profile(tmp_path / "demo")
    mailbox = Mailbox.get(Mailbox.name == DEMO_MAILBOX)
    sent = Folder.get((Folder.mailbox == mailbox.id) & (Folder.role == "sent"))
    win = MainWindow(prof.root, demo=True)
    qtbot.addWidget(win)
    win.show()
    try:
        yield win, prof, mailbox, sent
    finally:
        win.sync.cancel_all()
        win.close()
        close_store()


def test_the_demo_mailbox_sends_into_its_sink_and_shows_it_in_sent(qtbot, demo):
    win, prof, mailbox, sent = demo
    assert mailbox.kind == KIND_DEMO
    assert mailbox.last_sync_at is not None  # its local server was synced once when built
    # The Sent folder is in the tree, empty until something is sent.
    qtbot.waitUntil(lambda: sent.id in win.folder_model.folder_ids())
    win.select_folder(sent.id)
    model = win.list_model
    qtbot.waitUntil(lambda: model.source.folder_id == sent.id)
    assert model.rowCount() == 0

    compose = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(compose)
    compose.show()
    assert compose.from_combo.count() >= 1 and compose.send_button.isEnabled()
    compose.to_edit.setText("jan.dvorak@pekarna-umlyna.cz")
    compose.subject_edit.setText("Fotky produktů — termín")
    # Hold the outbox's sender back a moment: the message is in Sent at once, marked as
    # sending, while its Outbox row still waits.
    with (
        qtbot.waitSignal(compose.sendFinished, timeout=SEND_TIMEOUT) as done,
        outbox._thread_lock,
    ):
        compose.send()
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=SEND_TIMEOUT)
        assert model.row(0).sending
        assert model.index(0, COL_DATE).data() == "Sending…"
        assert Outbox.get().state == "queued"
    assert done.args[1] == "sent", done.args
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.row(0).sending)
    assert model.index(0, COL_DATE).data() != "Sending…"
    assert model.row(0).subject == "Fotky produktů — termín"
    qtbot.waitUntil(
        lambda: win.statusBar().currentMessage() == "Sent: Fotky produktů — termín",
        timeout=5000,
    )
    row = Outbox.get()
    assert row.state == "sent" and row.appended_to_sent and not row.error
    # The sink got it: delivered once, and a copy in its Sent folder.
    server = prof.root / SERVER_DIR
    delivered = maildir_lib.Maildir(server / "delivered", create=False)
    sink_sent = maildir_lib.Maildir(server / "Sent", create=False)
    assert len(delivered) == 1 and len(sink_sent) == 1
    [copy] = list(sink_sent.iterkeys())
    assert row.message_id.encode() in sink_sent.get_bytes(copy)
    [ours] = Message.select().where(Message.folder == sent.id)
    assert ours.remote_id.startswith(sent_copies.PREFIX)
    assert ours.direction == "sent"

    # The next sync brings the sink's copy, which takes over the row shown.
    with qtbot.waitSignal(win.sync.finished, timeout=60_000):
        assert win.start_sync(mailbox.id)
    [theirs] = Message.select().where(Message.folder == sent.id)
    assert theirs.id == ours.id and theirs.remote_id == copy
    qtbot.waitUntil(lambda: model.loaded_ids() == [theirs.id])
    # A second sync adds nothing.
    with qtbot.waitSignal(win.sync.finished, timeout=60_000):
        assert win.start_sync(mailbox.id)
    assert Message.select().where(Message.folder == sent.id).count() == 1
