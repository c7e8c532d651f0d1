"""The CLI on a demo profile: `send` goes through the Outbox into the demo's local sink
(never the network), and `sync` brings the sink's Sent copy into the store's Sent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.models.db import close_store
from desktop.models.mail import Folder, Mailbox, Message, Outbox
from desktop.profile import open_profile
from desktop.services.demo import DEMO_DIR, DEMO_MAILBOX, fill_demo_profile
from tests.cli import run_cli

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (DEMO_DIR / "demo.mbox").exists(), reason="demo data not in this checkout"
)


def test_send_and_sync_on_a_demo_profile(tmp_path):
    root = tmp_path / "demo"
    fill_demo_profile(root)
    mailbox_id = Mailbox.get(Mailbox.name == DEMO_MAILBOX).id
    close_store()

    out = run_cli(
        root,
        "send",
        "--account",
        str(mailbox_id),
        "--to",
        "info@pekarna-umlyna.cz",
        "--subject",
        "Objednávka #1201#",
        "--body-file",
        "-",
        stdin="Dobrý den,\n\nposílám objednávku.\n",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Sent: outbox ")
    listed = run_cli(root, "outbox", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["state"] == "sent"

    synced = run_cli(root, "sync", "--account", str(mailbox_id), "--once", "--quiet")
    assert synced.returncode == 0, synced.stderr
    open_profile(root)
    try:
        sent = Folder.get((Folder.mailbox == mailbox_id) & (Folder.role == "sent"))
        [message] = Message.select().where(Message.folder == sent.id)
        assert message.subject == "Objednávka #1201#"
        assert message.message_id == Outbox.get().message_id
        assert message.direction == "sent"
    finally:
        close_store()


def test_a_sink_that_cannot_be_written_fails_the_send_with_its_reason(tmp_path):
    from desktop.sync.compose import build_message
    from desktop.sync.outbox import queue_message, send_pending
    from desktop.sync.providers.demo import SERVER_DIR

    root = tmp_path / "demo"
    fill_demo_profile(root)
    try:
        mailbox = Mailbox.get(Mailbox.name == DEMO_MAILBOX)
        server = root / SERVER_DIR
        shutil.rmtree(server)  # the sink turned into a file: nothing can be filed there
        server.write_text("not a directory")
        msg = build_message(mailbox, to=["a@b.cz"], subject="X", html="<p>x</p>", text="x")
        row = queue_message(mailbox, msg)
        [row] = send_pending(mailbox.id, ids=[row.id])
        assert row.state == "failed"
        assert "demo mailbox cannot write" in row.error
    finally:
        close_store()
