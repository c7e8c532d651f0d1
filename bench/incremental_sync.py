"""Incremental sync with nothing new, on a 10,000-message folder (DESIGN.md §8: < 50 ms).

Starts a private Dovecot (the test suite's, tests/servers/dovecot.py: TLS on
loopback), APPENDs N messages to INBOX, syncs them once, then times:

- ``sync_mailbox`` in-process with nothing new (what the GUI's scheduler calls),
  median of RUNS runs;
- TLS connect + LOGIN + LOGOUT alone (part of the above, shown separately);
- the whole CLI process ``main.py sync --once -q`` (Python start-up and imports
  included), median of CLI_RUNS runs.

    python bench/incremental_sync.py                 # N=10000 RUNS=20 CLI_RUNS=5
    N=2000 RUNS=10 python bench/incremental_sync.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

N = int(os.environ.get("N", "10000"))
RUNS = int(os.environ.get("RUNS", "20"))
CLI_RUNS = int(os.environ.get("CLI_RUNS", "5"))


def _ms(values: list[float]) -> str:
    values = sorted(values)
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms  "
        f"min {values[0] * 1000:6.1f}  max {values[-1] * 1000:6.1f}  (n={len(values)})"
    )


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="holub-incr-bench-"))
    # A file keyring in the bench directory, never the user's own.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(root / "xdg")

    from desktop import secrets
    from desktop.models.mail import Mailbox
    from desktop.profile import open_profile
    from desktop.sync import engine, imap
    from tests.servers.dovecot import DovecotServer, make_message

    # Its own temporary folder: Dovecot's processes must be able to enter it.
    server_root = Path(tempfile.mkdtemp(prefix="holub-incr-dovecot-"))
    server = DovecotServer(server_root)
    server.start()
    try:
        user = server.new_user()
        started = time.perf_counter()
        client = server.client(user)
        for start in range(0, N, 500):
            client.multiappend(
                "INBOX", [make_message(i) for i in range(start, min(N, start + 500))]
            )
        client.logout()
        print(f"APPEND of {N} messages: {time.perf_counter() - started:.1f} s", file=sys.stderr)

        profile = root / "profile"
        open_profile(profile)
        mailbox = Mailbox.create(
            name="bench",
            email=user.email,
            username=user.name,
            import_from=date(2000, 1, 1),
            imap_host=server.host,
            imap_port=server.imaps_port,
            imap_security="ssl",
            smtp_host=server.host,
            cafile=str(server.cafile),
        )
        secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, user.password)

        started = time.perf_counter()
        first = engine.sync_mailbox(mailbox.id)
        elapsed = time.perf_counter() - started
        print(
            f"first sync: {len(first.added)} messages in {elapsed:.1f} s "
            f"({len(first.added) / elapsed:.0f} msgs/s)",
            file=sys.stderr,
        )
        assert len(first.added) == N, len(first.added)

        incremental: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            changes = engine.sync_mailbox(mailbox.id)
            incremental.append(time.perf_counter() - started)
            assert not changes, changes

        # A server without QRESYNC: expunges are found by comparing UIDs.
        with_qresync = engine._enable_extensions
        engine._enable_extensions = lambda client: (with_qresync(client)[0], False)
        no_qresync: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            changes = engine.sync_mailbox(mailbox.id)
            no_qresync.append(time.perf_counter() - started)
            assert not changes, changes
        engine._enable_extensions = with_qresync

        if os.environ.get("PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(RUNS):
                engine.sync_mailbox(mailbox.id)
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)

        login: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            imap.close_connection(imap.open_connection(mailbox, user.password))
            login.append(time.perf_counter() - started)

        cli: list[float] = []
        command = [sys.executable, str(REPO / "main.py"), "--profile", str(profile)]
        for _ in range(CLI_RUNS):
            started = time.perf_counter()
            subprocess.run([*command, "sync", "--once", "-q"], check=True, capture_output=True)
            cli.append(time.perf_counter() - started)
        # The process alone: the same CLI doing nothing over the network.
        idle: list[float] = []
        for _ in range(CLI_RUNS):
            started = time.perf_counter()
            subprocess.run([*command, "--help"], check=True, capture_output=True)
            idle.append(time.perf_counter() - started)

        print(f"incremental sync, nothing new, {N}-message INBOX (+ empty Sent):")
        print(f"  sync_mailbox in-process     {_ms(incremental)}")
        print(f"  of which TLS+LOGIN+LOGOUT   {_ms(login)}")
        print(f"  without QRESYNC (UID SEARCH) {_ms(no_qresync)}")
        print(f"  CLI `sync --once -q`        {_ms(cli)}")
        print(f"  CLI `--help` (start-up)     {_ms(idle)}")
        target = statistics.median(incremental) < 0.050
        print(f"  DESIGN.md §8 target < 50 ms in-process: {'met' if target else 'missed'}")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(server_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
