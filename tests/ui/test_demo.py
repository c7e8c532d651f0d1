"""The demo profile: shipped sample mail and CRM data through the normal import paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.db import close_store
from desktop.models.mail import Folder, Mailbox, Message
from desktop.ui.application import DEMO_DIR, fill_demo_profile

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (DEMO_DIR / "demo.mbox").exists(), reason="demo data not in this checkout"
)


def test_demo_profile_opens_with_mail_and_crm(tmp_path, qtbot):
    from desktop.models.crm import Company, Filing, Signal
    from desktop.ui.main_window import MainWindow

    prof = fill_demo_profile(tmp_path / "demo")
    try:
        assert Message.select().count() > 150
        assert Company.select().count() > 0
        assert Filing.select().count() > 0  # paired while importing
        assert Signal.select().count() > 0  # the ambiguous photographer
        assert Message.select().where(Message.direction == "sent").count() > 0
        inbox = Folder.get(Folder.role == "inbox")
        win = MainWindow(prof.root, demo=True)
        qtbot.addWidget(win)
        win.show()
        assert win.pages.currentIndex() == 1
        assert win.list_model.rowCount() > 150
        assert win.list_model.source.folder_id == inbox.id
        assert "demo" in win.windowTitle()
        # Some row carries the "filed" marker, some an attachment.
        rows = [win.list_model.row(r) for r in range(win.list_model.rowCount())]
        assert any(r.filed for r in rows) and any(r.attachment for r in rows)
        # A filed message shows its filings as chips above the reader.
        filed = Filing.select().where(Filing.removed == False).first()  # noqa: E712
        win.reveal_message(filed.message_id)
        assert win.current_message_id() == filed.message_id
        assert win.filing_chips.chips()
        # Signals and a CRM view open in the right-hand pane.
        win.open_node(type(win.current_node)("signals"))
        assert win.right_stack.currentWidget() is win.crm_page_holder
        win.open_node(type(win.current_node)("crm_company"))
        assert win.crm_page_holder.currentWidget() is win._crm_pages["crm_company"]
        win.close()
    finally:
        close_store()


def test_demo_command_starts_the_window(tmp_path):
    env = dict(os.environ, HOLUB_STARTUP_PROBE="1", TMPDIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("startup-ready"))
    rows = int(line.split("rows=")[1])
    assert rows > 150
    # The throwaway profile is gone afterwards.
    assert not list(tmp_path.glob("holub-demo-*"))


def test_demo_in_a_chosen_profile_is_kept(tmp_path):
    profile = tmp_path / "mine"
    env = dict(os.environ, HOLUB_STARTUP_PROBE="1", TMPDIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--demo", "--profile", str(profile)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("startup-ready"))
    assert int(line.split("rows=")[1]) > 150
    assert (profile / "holub.sqlite3").exists()  # kept
    assert not list(tmp_path.glob("holub-demo-*"))  # no throwaway one
    # Kept as the demo: its mailbox sends (into the local sink) and has a Sent folder.
    from desktop.profile import open_profile

    open_profile(profile)
    try:
        _assert_the_demo_mailbox_sends()
    finally:
        close_store()


def _assert_the_demo_mailbox_sends() -> None:
    """The open profile's one mailbox is the demo's, which sends and has a Sent folder."""
    from desktop.sync.providers.demo import KIND_DEMO

    [mailbox] = Mailbox.select()
    assert mailbox.kind == KIND_DEMO
    assert Folder.select().where((Folder.mailbox == mailbox) & (Folder.role == "sent")).exists()


def test_a_demo_profile_kept_from_before_learns_to_send(tmp_path):
    """A demo profile made when its mailbox could not send (imported mail, no Sent)."""
    from desktop.models.mail import KIND_LOCAL
    from desktop.ui.application import open_demo_profile

    fill_demo_profile(tmp_path / "old")
    Mailbox.update(kind=KIND_LOCAL).execute()
    Folder.delete().where(Folder.role == "sent").execute()
    close_store()
    open_demo_profile(tmp_path / "old")
    try:
        _assert_the_demo_mailbox_sends()
    finally:
        close_store()


def test_demo_cleans_up_on_sigterm(tmp_path):
    import signal
    import time

    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        # Up once its throwaway profile has a log (written after the demo is filled).
        while not list(tmp_path.glob("holub-demo-*/profile/*.log")):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not list(tmp_path.glob("holub-demo-*"))
