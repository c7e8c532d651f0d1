"""Messages expunged on the server leave the local mirror (and only it: R2).

A separate imapclient connection (the test's side, not Holub) expunges; Holub
notices through QRESYNC's VANISHED answer, or, without QRESYNC state (a first
sync that was killed), by comparing the stored UIDs with the server's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.integration.test_imap_sync import (
    assert_exactly_server,
    make_account,
    run_cli,
    stored,
)
from tests.servers.dovecot import make_message


def expunge(dovecot, user, uids: list[int], folder: str = "INBOX") -> None:
    client = dovecot.client(user)
    try:
        client.select_folder(folder)
        client.add_flags(uids, [b"\\Deleted"])
        client.uid_expunge(uids)
    finally:
        client.logout()


def file_manually(profile: Path, uid: int) -> str:
    """A manual CRM filing of the INBOX message ``uid``; returns its Message-ID."""
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        message_id, mid = db.execute(
            "SELECT m.id, m.message_id FROM message m JOIN folder f ON f.id = m.folder_id "
            "WHERE f.remote_name = 'INBOX' AND m.uid = ?",
            (uid,),
        ).fetchone()
        db.execute(
            "INSERT INTO filing (message_id, object_kind, object_id, source, removed, "
            "created_at) VALUES (?, 'company', 7, 'manual', 0, '2026-01-01 00:00:00')",
            (message_id,),
        )
    return mid


def fts_count(profile: Path) -> int:
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        return db.execute("SELECT count(*) FROM message_fts").fetchone()[0]


def test_expunged_messages_vanish_via_qresync(dovecot, tmp_path):
    user = dovecot.new_user()
    raws = [make_message(i) for i in range(6)]
    dovecot.deliver(user, raws)
    client = dovecot.client(user)
    assert client.has_capability("QRESYNC")  # this test is about the QRESYNC path
    client.logout()
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    assert run_cli(profile, "sync", "--once").returncode == 0
    assert len(stored(profile)) == 6
    kept_mid = file_manually(profile, 3)

    expunge(dovecot, user, [2, 3])
    result = run_cli(profile, "-v", "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert "INBOX: 2 messages expunged on the server (QRESYNC)" in result.stderr
    assert ", 2 removed" in result.stdout
    assert [uid for uid, _ in stored(profile)] == [1, 4, 5, 6]
    assert_exactly_server(profile, dovecot, user)
    assert fts_count(profile) == 4
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute(
            "SELECT object_kind, object_id, source FROM kept_filing WHERE message_id = ?",
            (kept_mid,),
        ).fetchall() == [("company", 7, "manual")]
        assert db.execute("SELECT count(*) FROM filing WHERE source = 'manual'").fetchone() == (0,)

    # The message comes back (moved back by another client): the decision is restored.
    dovecot.deliver(user, [raws[2]])
    assert run_cli(profile, "sync", "--once").returncode == 0
    assert_exactly_server(profile, dovecot, user)
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute(
            "SELECT f.object_kind, f.object_id, f.source FROM filing f JOIN message m "
            "ON m.id = f.message_id WHERE m.message_id = ? AND f.source = 'manual'",
            (kept_mid,),
        ).fetchall() == [("company", 7, "manual")]

    # Nothing else changes on a sync with nothing new; R2: the server kept its mail.
    quiet = run_cli(profile, "sync", "--once")
    assert quiet.returncode == 0 and "0 new, 0 updated" in quiet.stdout
    assert_exactly_server(profile, dovecot, user)


def test_expunged_after_an_interrupted_first_sync(dovecot, tmp_path):
    """No HIGHESTMODSEQ stored yet (the first sync was killed): UIDs are compared."""
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(10)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    env = {"HOLUB_SYNC_BATCH": "4", "HOLUB_TEST_KILL": "after:1"}
    assert run_cli(profile, "sync", "--once", env=env).returncode == -9
    assert [uid for uid, _ in stored(profile)] == [1, 2, 3, 4]

    expunge(dovecot, user, [1, 4, 7])
    result = run_cli(profile, "-v", "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert "INBOX: 2 messages expunged on the server (UID comparison)" in result.stderr
    assert [uid for uid, _ in stored(profile)] == [2, 3, 5, 6, 8, 9, 10]
    assert_exactly_server(profile, dovecot, user)
    assert fts_count(profile) == 7
