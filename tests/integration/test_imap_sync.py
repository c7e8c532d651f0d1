"""`sync --once` against a real Dovecot: first import, incremental, flags, faults.

Every test gets its own Dovecot user (an empty mailbox) and its own profile.
The store is checked with plain sqlite3, the server with imapclient.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli import run_cli
from tests.servers.dovecot import make_message
from tests.servers.proxy import CuttingProxy

REPO = Path(__file__).resolve().parents[2]


def make_account(profile: Path, dovecot, user, *, port: int | None = None, **extra) -> int:
    """An IMAP mailbox row + keyring password, as `account add` leaves them."""
    from desktop import secrets
    from desktop.models.db import close_store
    from desktop.models.mail import Mailbox
    from desktop.profile import open_profile

    open_profile(profile)
    values = dict(
        name=user.name,
        email=user.email,
        username=user.name,
        import_from=date.today() - timedelta(days=7),
        imap_host=dovecot.host,
        imap_port=port or dovecot.imaps_port,
        imap_security="ssl",
        smtp_host=dovecot.host,
        cafile=str(dovecot.cafile),
    )
    values.update(extra)
    mailbox = Mailbox.create(**values)
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, user.password)
    close_store()
    return mailbox.id


def stored(profile: Path, folder: str = "INBOX") -> list[tuple[int, str]]:
    """(uid, Message-ID) of the stored messages of a folder, by uid."""
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        return db.execute(
            "SELECT m.uid, m.message_id FROM message m JOIN folder f ON f.id = m.folder_id "
            "WHERE f.remote_name = ? ORDER BY m.uid",
            (folder,),
        ).fetchall()


def server_uids(dovecot, user, folder: str = "INBOX") -> list[int]:
    client = dovecot.client(user)
    try:
        client.select_folder(folder, readonly=True)
        return sorted(client.search(["SINCE", date.today() - timedelta(days=7)]))
    finally:
        client.logout()


def assert_exactly_server(profile: Path, dovecot, user, folder: str = "INBOX") -> None:
    rows = stored(profile, folder)
    uids = [uid for uid, _ in rows]
    assert uids == server_uids(dovecot, user, folder)
    assert len({mid for _, mid in rows}) == len(rows)  # no message twice


def test_first_sync_incremental_flags_and_read_only(dovecot, tmp_path):
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(12)])
    dovecot.deliver(user, [make_message(100 + i) for i in range(3)], folder="Sent")
    # Older than the import date (INTERNALDATE is what SEARCH SINCE looks at).
    dovecot.deliver(user, [make_message(999)], date=datetime.now() - timedelta(days=30))
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)

    first = run_cli(profile, "sync", "--once")
    assert first.returncode == 0, first.stderr
    assert "INBOX: 12/12" in first.stderr
    assert "Sent: 3/3" in first.stderr
    assert len(stored(profile)) == 12
    assert len(stored(profile, "Sent")) == 3
    assert_exactly_server(profile, dovecot, user)

    with sqlite3.connect(profile / "holub.sqlite3") as db:
        subject, direction, snippet = db.execute(
            "SELECT subject, direction, snippet FROM message WHERE uid = 1 AND folder_id = "
            "(SELECT id FROM folder WHERE remote_name = 'INBOX')"
        ).fetchone()
        assert subject.startswith("Message ")
        assert direction == "received"
        assert "Hello" in snippet
        assert db.execute("SELECT count(*) FROM message_fts").fetchone()[0] == 15
        sent = db.execute(
            "SELECT DISTINCT direction FROM message m JOIN folder f "
            "ON f.id = m.folder_id WHERE f.role = 'sent'"
        ).fetchall()
        assert sent == [("sent",)]

    # New mail and a flag set elsewhere.
    dovecot.deliver(user, [make_message(200 + i) for i in range(4)])
    dovecot.add_flags(user, "INBOX", 2, "\\Flagged", "\\Seen")
    second = run_cli(profile, "sync", "--once")
    assert second.returncode == 0, second.stderr
    assert "4 new, 1 updated" in second.stdout
    assert_exactly_server(profile, dovecot, user)
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute(
            "SELECT seen, starred FROM message WHERE uid = 2 AND folder_id = "
            "(SELECT id FROM folder WHERE remote_name = 'INBOX')"
        ).fetchone() == (1, 1)

    third = run_cli(profile, "sync", "--once")
    assert third.returncode == 0, third.stderr
    assert "0 new, 0 updated" in third.stdout
    assert len(stored(profile)) == 16

    # R2: fetching never set \Seen (BODY.PEEK) nor changed anything else.
    client = dovecot.client(user)
    client.select_folder("INBOX", readonly=True)
    flags = client.get_flags(client.search(["ALL"]))
    client.logout()
    assert [uid for uid, f in flags.items() if b"\\Seen" in f] == [2]


@pytest.mark.parametrize(
    ("kill", "pool"),
    [("before:1", False), ("after:2", False), ("before:4", True), ("after:5", True)],
)
def test_sigkill_mid_import_then_resync(dovecot, tmp_path, kill, pool):
    """Killed at several points, inline and with the worker pool (own connections)."""
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(33)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    env = {"HOLUB_SYNC_BATCH": "7", "HOLUB_TEST_KILL": kill}
    if pool:
        env["HOLUB_SYNC_POOL_MIN"] = "1"
    killed = run_cli(profile, "sync", "--once", env=env)
    assert killed.returncode == -9, killed.stderr
    batches = int(kill.split(":")[1]) - (1 if kill.startswith("before") else 0)
    assert len(stored(profile)) == min(7 * batches, 33)
    # A second run picks up where the first stopped; a third finds nothing new.
    again = run_cli(profile, "sync", "--once", env={**env, "HOLUB_TEST_KILL": ""})
    assert again.returncode == 0, again.stderr
    assert_exactly_server(profile, dovecot, user)
    assert run_cli(profile, "sync", "--once").returncode == 0
    assert_exactly_server(profile, dovecot, user)


@pytest.mark.parametrize("pool", [False, True])
def test_connection_cut_mid_fetch_is_transient(dovecot, tmp_path, pool):
    """Inline, and with the pool workers fetching over their own connections."""
    user = dovecot.new_user()
    body = "Lorem ipsum dolor sit amet. " * 700 + "\r\n"  # ~20 KB each
    dovecot.deliver(user, [make_message(i, body=body) for i in range(30)])
    proxy = CuttingProxy(dovecot.host, dovecot.imaps_port, cut_after=250_000)
    profile = tmp_path / "p"
    make_account(profile, dovecot, user, port=proxy.port)
    try:
        env = {"HOLUB_SYNC_BATCH": "5", "HOLUB_SYNC_POOL_MIN": "1" if pool else "1000"}
        cut = run_cli(profile, "sync", "--once", env=env)
    finally:
        proxy.close()
    assert proxy.cuts >= 1
    assert cut.returncode == 1
    lines = cut.stderr.strip().splitlines()
    assert lines[-1].startswith("holub: ") and "lost" in lines[-1]
    assert "Traceback" not in cut.stderr
    partial = len(stored(profile))
    assert 0 < partial < 30
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert "lost" in db.execute("SELECT last_error FROM mailbox").fetchone()[0]

    # Straight to the server now: the sync completes, nothing missing or twice.
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        db.execute("UPDATE mailbox SET imap_port = ?", (dovecot.imaps_port,))
    ok = run_cli(profile, "sync", "--once")
    assert ok.returncode == 0, ok.stderr
    assert_exactly_server(profile, dovecot, user)
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute("SELECT last_error FROM mailbox").fetchone()[0] is None


def test_uidvalidity_change_reimports_folder(dovecot, tmp_path):
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(5)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    assert run_cli(profile, "sync", "--once").returncode == 0
    before = stored(profile)
    dovecot.set_uidvalidity(user, "INBOX", 4242)
    result = run_cli(profile, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert "5 new" in result.stdout
    assert stored(profile) == before  # same UIDs and messages, imported again
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute(
            "SELECT uidvalidity FROM folder WHERE remote_name = 'INBOX'"
        ).fetchone() == (4242,)
        assert db.execute("SELECT count(*) FROM message_fts").fetchone()[0] == 5


def test_in_process_sync_reports_progress(dovecot, tmp_path, monkeypatch):
    """sync_mailbox as the GUI worker calls it: progress callback and change-set."""
    from desktop.models.db import close_store
    from desktop.profile import open_profile
    from desktop.sync import engine

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(6)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    open_profile(profile)
    monkeypatch.setenv("HOLUB_SYNC_BATCH", "4")
    seen: list[tuple[str, int, int]] = []
    try:
        changes = engine.sync_mailbox(mailbox_id, progress=lambda *a: seen.append(a))
    finally:
        close_store()
    assert len(changes.added) == 6
    assert ("INBOX", 4, 6) in seen and ("INBOX", 6, 6) in seen
    assert ("Sent", 0, 0) in seen


def test_new_uids_are_searched_in_uid_ranges(dovecot, tmp_path, monkeypatch):
    """A big folder is searched range by range (one answer line each, below imaplib's
    1 MB limit); the ranges join up with no gap and no overlap, first sync and later."""
    import imapclient

    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.profile import open_profile
    from desktop.sync import engine

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(10)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    monkeypatch.setattr(engine, "SEARCH_UID_RANGE", 3)
    searches: list[list] = []
    real_search = imapclient.IMAPClient.search

    def counting_search(self, criteria="ALL", charset=None):
        searches.append(list(criteria))
        return real_search(self, criteria, charset)

    monkeypatch.setattr(imapclient.IMAPClient, "search", counting_search)
    open_profile(profile)
    try:
        assert len(engine.sync_mailbox(mailbox_id).added) == 10
        inbox_ranges = [c[1] for c in searches if c[:1] == ["UID"]]
        assert inbox_ranges[:4] == ["1:3", "4:6", "7:9", "10:10"]
        dovecot.deliver(user, [make_message(i) for i in range(10, 15)])
        dovecot.add_flags(user, "INBOX", 2, "\\Seen")  # flags changed on the server
        dovecot.add_flags(user, "INBOX", 9, "\\Flagged")
        searches.clear()
        assert len(engine.sync_mailbox(mailbox_id).added) == 5
        uid_searches = [c for c in searches if c[:1] == ["UID"]]
        flag_ranges = [c[1] for c in uid_searches if "MODSEQ" in c]
        assert flag_ranges == ["1:3", "4:6", "7:9", "10:10"]  # CONDSTORE: changed flags
        assert [c[1] for c in uid_searches if "SINCE" in c] == ["11:13", "14:15"]
        flags = {m.uid: m.flags for m in Message.select().where(Message.uid.in_([2, 9]))}
        assert "\\Seen" in flags[2] and "\\Flagged" in flags[9]
    finally:
        close_store()
    assert_exactly_server(profile, dovecot, user)


@pytest.mark.parametrize("pool", [False, True], ids=["inline", "pool"])
def test_cancel_ends_a_sync_waiting_on_a_silent_server_at_once(dovecot, tmp_path, pool):
    """The server goes silent mid-FETCH: cancelling hangs up instead of waiting for the
    socket timeout; what was stored stays, no error is recorded, and the next sync
    completes with nothing missing or twice."""
    import threading
    import time

    from desktop.models.db import close_store
    from desktop.profile import open_profile
    from desktop.sync import engine
    from desktop.sync.cancel import CancelToken

    user = dovecot.new_user()
    body = "Lorem ipsum dolor sit amet. " * 700 + "\r\n"  # ~20 KB each
    dovecot.deliver(user, [make_message(i, body=body) for i in range(30)])
    proxy = CuttingProxy(dovecot.host, dovecot.imaps_port, stall_after=250_000)
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user, port=proxy.port)
    env = {"HOLUB_SYNC_BATCH": "5", "HOLUB_SYNC_POOL_MIN": "1" if pool else "1000"}
    old_env = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    open_profile(profile)
    cancel = CancelToken()
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(engine.sync_mailbox(mailbox_id, cancel=cancel))
        except BaseException as exc:  # reported to the test below
            outcome.append(exc)

    thread = threading.Thread(target=run)
    try:
        thread.start()
        assert proxy.stalled.wait(30)
        time.sleep(0.3)  # the sync is now blocked reading from the silent server
        started = time.monotonic()
        cancel.set()
        thread.join(10)
        elapsed = time.monotonic() - started
        assert not thread.is_alive()
    finally:
        for key, value in old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        close_store()
        proxy.close()
    assert elapsed < 2.0, f"cancel took {elapsed:.1f} s"
    [changes] = outcome
    assert not isinstance(changes, BaseException), changes
    assert 0 < len(stored(profile)) < 30  # the batches stored before the stall stay
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute("SELECT last_error FROM mailbox").fetchone()[0] is None
        db.execute("UPDATE mailbox SET imap_port = ?", (dovecot.imaps_port,))
    ok = run_cli(profile, "sync", "--once")
    assert ok.returncode == 0, ok.stderr
    assert_exactly_server(profile, dovecot, user)
