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
    )
    try:
        first = proc.stdout.readline()  # blocks until the first pass has been reported
        assert first.endswith(": 4 new, 0 updated\n"), first
        assert proc.poll() is None  # waiting for the next half-hour slot, not exited
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
