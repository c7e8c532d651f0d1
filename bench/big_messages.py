"""Peak memory of a first sync of big messages (issue 11 item 9: < 150 MB RSS).

Starts a private Dovecot (the test suite's, tests/servers/dovecot.py: TLS on
loopback), APPENDs COUNT messages of about SIZE_MB each to INBOX (a short text part
and a base64 attachment of random bytes, so nothing compresses), then runs the CLI
``main.py sync --once -q`` into an empty profile and reports its peak RSS
(``ru_maxrss`` from ``os.wait4`` on that process) and
wall time. ``HOLUB_SYNC_MAX_BYTES`` passes through, to compare batch budgets.

    python bench/big_messages.py                 # COUNT=10 SIZE_MB=50
    COUNT=3 SIZE_MB=20 python bench/big_messages.py
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COUNT = int(os.environ.get("COUNT", "10"))
SIZE_MB = float(os.environ.get("SIZE_MB", "50"))
SYNC = ["sync", "--once", "-q"]


def big_message(index: int, size: int) -> bytes:
    """A multipart message of about ``size`` bytes: text plus a base64 attachment."""
    payload = base64.encodebytes(os.urandom(size * 3 // 4)).replace(b"\n", b"\r\n")
    head = (
        "From: Alice <alice@example.org>\r\nTo: bob@example.test\r\n"
        f"Subject: Big {index}\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
        f"Message-ID: <big{index}.{os.getpid()}@example.org>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Attached: data {index}.\r\n"
        "--b\r\nContent-Type: application/octet-stream\r\n"
        f'Content-Disposition: attachment; filename="data{index}.bin"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode()
    return head + payload + b"--b--\r\n"


def append(cafile: str, port: str) -> None:
    """APPEND COUNT big messages to the user's INBOX (run as a child process; the test
    user's login in BENCH_LOGIN / BENCH_PASSWORD, not in the arguments)."""
    import ssl

    import imapclient

    context = ssl.create_default_context(cafile=cafile)
    client = imapclient.IMAPClient("127.0.0.1", port=int(port), ssl=True, ssl_context=context)
    client.login(os.environ["BENCH_LOGIN"], os.environ["BENCH_PASSWORD"])
    for index in range(COUNT):
        client.append("INBOX", big_message(index, int(SIZE_MB * 1024 * 1024)))
    client.logout()


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="holub-big-bench-"))
    # A file keyring in the bench directory, never the user's own.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(root / "xdg")

    from desktop import secrets
    from desktop.models.db import close_store
    from desktop.models.mail import Mailbox
    from desktop.profile import open_profile
    from tests.servers.dovecot import DovecotServer

    server_root = Path(tempfile.mkdtemp(prefix="holub-big-dovecot-"))
    server = DovecotServer(server_root)
    server.start()
    try:
        user = server.new_user()
        started = time.perf_counter()
        # In a child process: the messages made here would otherwise count in the sync
        # process's peak RSS (a forked child starts with its parent's high-water mark).
        subprocess.run(
            [sys.executable, __file__, "--append", str(server.cafile), str(server.imaps_port)],
            env={**os.environ, "BENCH_LOGIN": user.name, "BENCH_PASSWORD": user.password},
            check=True,
        )
        print(
            f"APPEND of {COUNT} × {SIZE_MB:g} MB: {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )

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
        close_store()

        started = time.perf_counter()
        out, err = root / "sync.out", root / "sync.err"
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, str(REPO / "main.py"), "--profile", str(profile), *SYNC],
                stdout=stdout,
                stderr=stderr,
                cwd=REPO,
            )
            # wait4: the resource usage of that process (and what it waited for) alone.
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        peak_mib = usage.ru_maxrss / 1024
        if process.returncode != 0:
            print(out.read_text(), err.read_text(), file=sys.stderr)
            return 1
        print(out.read_text().strip())
        print(
            f"first sync of {COUNT} × {SIZE_MB:g} MB messages: {wall:.1f} s, "
            f"peak RSS {peak_mib:.0f} MiB (target < 150 MB)"
        )
        return 0
    finally:
        server.stop()
        shutil.rmtree(server_root, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--append"]:
        append(*sys.argv[2:4])
        sys.exit(0)
    sys.exit(main())
