"""`sync` without --once: syncs at once, then keeps running until the next slot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from desktop import secrets
from desktop.models.db import close_store
from desktop.profile import open_profile
from tests.integration.test_imap_sync import REPO, make_account, run_cli, stored
from tests.servers.dovecot import make_message


def test_keeps_running_after_the_first_pass_and_stops_on_ctrl_c(dovecot, tmp_path):
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(4)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)

    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile), "sync", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
        # Ctrl+C reaches a terminal's foreground job. A test run started in the background
        # (CI, nohup) ignores SIGINT, children inherit that, and Python then installs no
        # handler for it: give the child the default disposition a terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        first = proc.stdout.readline()  # blocks until the first pass has been reported
        assert first.endswith(": 4 new, 0 updated\n"), first
        announced = [proc.stderr.readline(), proc.stderr.readline()]
        assert "every 30 minutes on the clock" in announced[0]
        assert announced[1].startswith("Next sync at ")  # waiting for that slot now
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "interrupted" in err
    assert "Traceback" not in err
    assert len(stored(profile)) == 4


def test_a_refused_login_stops_the_mailbox_instead_of_retrying_forever(dovecot, tmp_path):
    user = dovecot.new_user()
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    open_profile(profile)
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox_id, "not-the-password")
    close_store()

    result = run_cli(profile, "sync", "-q")
    assert result.returncode == 1
    assert "refused the login" in result.stderr
    assert "no mailbox left to sync" in result.stderr
    assert "Traceback" not in result.stderr


def test_sigterm_stops_the_headless_sync_cleanly(dovecot, tmp_path):
    """A service manager stops `sync` with SIGTERM: one line, exit 143, no traceback,
    and what was stored stays."""
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(3)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile), "sync", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert proc.stdout.readline().endswith(": 3 new, 0 updated\n")
        assert "every 30 minutes" in proc.stderr.readline()
        assert proc.stderr.readline().startswith("Next sync at ")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143
    assert err.strip() == "holub: stopped"
    assert len(stored(profile)) == 3
