"""`sync` without --once: syncs at once, then keeps running until the next slot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from desktop import secrets
from desktop.models.db import close_store
from desktop.profile import open_profile
from tests.integration.test_imap_sync import REPO, make_account, run_cli, stored
from tests.servers.dovecot import make_message


def _stop_while_waiting(profile, messages: int, signum: int) -> tuple[int, str]:
    """Start the headless `sync`, let it finish its first pass and announce the next
    slot, send ``signum``; returns its exit code and stderr after that."""
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
        assert first.endswith(f": {messages} new, 0 updated\n"), first
        announced = [proc.stderr.readline(), proc.stderr.readline()]
        assert "every 30 minutes on the clock" in announced[0]
        assert announced[1].startswith("Next sync at ")  # waiting for that slot now
        assert proc.poll() is None
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [
        (signal.SIGINT, 130, "holub: interrupted"),  # Ctrl+C
        (signal.SIGTERM, 143, "holub: stopped"),  # a service manager's stop
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_keeps_running_after_the_first_pass_until_stopped(dovecot, tmp_path, signum, code, line):
    """One line, the usual exit code, no traceback, and what was stored stays."""
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(4)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    returncode, err = _stop_while_waiting(profile, 4, signum)
    assert returncode == code
    assert err.strip() == line
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
