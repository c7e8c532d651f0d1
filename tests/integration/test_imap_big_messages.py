"""Issue 11 item 9: IMAP FETCH in batches bounded by bytes (RFC822.SIZE), big messages
stored without whole copies in memory, peak RSS of a first sync bounded. Real Dovecot."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.integration.test_imap_sync import make_account
from tests.servers.dovecot import make_message

REPO = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def big_message(index: int, size: int) -> bytes:
    """About ``size`` bytes: a text part and a base64 attachment of pseudo-random bytes."""
    seed = hashlib.sha256(str(index).encode()).digest()
    data = (seed * (size * 3 // 4 // len(seed) + 1))[: size * 3 // 4]
    payload = base64.encodebytes(data).replace(b"\n", b"\r\n")
    return (
        (
            "From: Alice <alice@example.org>\r\nTo: bob@example.test\r\n"
            f"Subject: Big {index}\r\nMessage-ID: <big{index}@example.org>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Attached: data {index}.\r\n"
            "--b\r\nContent-Type: application/octet-stream\r\n"
            f'Content-Disposition: attachment; filename="data{index}.bin"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode()
        + payload
        + b"--b--\r\n"
    )


@pytest.mark.parametrize("pool", [False, True], ids=["inline", "pool"])
def test_fetch_batches_follow_the_sizes_and_big_messages_round_trip(
    dovecot, tmp_path, monkeypatch, pool
):
    from desktop.models.db import close_store
    from desktop.models.mail import Attachment, Message
    from desktop.profile import open_profile
    from desktop.sync import engine, imap, store

    user = dovecot.new_user()
    big = {2: big_message(2, 6 * MB), 5: big_message(5, 3 * MB)}
    raws = [big.get(i) or make_message(i, body="x" * 300_000) for i in range(1, 8)]
    dovecot.deliver(user, raws)
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    open_profile(profile)
    monkeypatch.setenv("HOLUB_SYNC_MAX_BYTES", str(1 * MB))
    monkeypatch.setenv("HOLUB_SYNC_POOL_MIN", "1" if pool else "1000")
    fetched: list[list[int]] = []
    real_fetch = imap.fetch_bodies

    def recording_fetch(client, uids, **kw):
        # With the pool, the workers fetch in their own processes: what shows here is
        # only what this process fetched itself.
        fetched.append(list(uids))
        return real_fetch(client, uids, **kw)

    monkeypatch.setattr(imap, "fetch_bodies", recording_fetch)
    try:
        changes = engine.sync_mailbox(mailbox_id)
        assert len(changes.added) == 7
        if pool:
            # Both messages above the batch budget were fetched by this process alone.
            assert fetched == [[2], [5]]
        else:
            # ~300 KB each: three fit in 1 MB; each big message alone.
            assert fetched == [[1], [2], [3, 4], [5], [6, 7]]
        by_uid = {m.uid: m for m in Message.select()}
        for uid, raw in zip(range(1, 8), raws, strict=True):
            assert store.raw_source(by_uid[uid]) == raw  # byte for byte, big ones too
            assert by_uid[uid].size == len(store.raw_source(by_uid[uid]))
        two = Attachment.get(Attachment.message == by_uid[2])
        assert (two.filename, two.size) == ("data2.bin", 6 * MB * 3 // 4)
        # Nothing new: nothing fetched again.
        fetched.clear()
        assert not engine.sync_mailbox(mailbox_id).added and fetched == []
    finally:
        close_store()


# The CLI in a child process, reporting its own peak RSS: VmHWM belongs to the process
# image, so it starts afresh at exec and does not include this (large) test process.
_MEASURED_CLI = textwrap.dedent(
    """
    import sys
    from desktop.cli import main
    code = main(sys.argv[1:])
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak-kib", line.split()[1], file=sys.stderr)
    sys.exit(code)
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_first_sync_of_big_messages_keeps_peak_rss_bounded(dovecot, tmp_path):
    """Two 40 MB messages: today's sync peaks far below the 150 MB target (one FETCH of
    both, held with their stored copies, peaked at ~340 MB before)."""
    user = dovecot.new_user()
    client = dovecot.client(user)
    try:
        for index in range(2):
            client.append("INBOX", big_message(index, 40 * MB))
    finally:
        client.logout()
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_CLI, "--profile", str(profile), "sync", "--once"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "2 new" in done.stdout
    peak_mib = int(done.stderr.split("peak-kib")[1].split()[0]) / 1024
    assert peak_mib < 150, f"peak RSS {peak_mib:.0f} MiB"
