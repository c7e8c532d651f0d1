"""Headers first (issue 7) against a real Dovecot: the list rows of a big first import
commit before any body, the bodies fill them in place, a kill between or inside the
phases resumes with no gap and no duplicate, and a header-only message's body is
fetched on demand."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.integration.test_imap_sync import (
    assert_exactly_server,
    make_account,
    run_cli,
    stored,
)
from tests.servers.dovecot import make_message

# Headers first from the first message on, in chunks of 5 header rows.
HEADERS = {
    "HOLUB_SYNC_HEADERS_FROM": "1",
    "HOLUB_SYNC_HEADER_CHUNK": "5",
    "HOLUB_SYNC_LIST_ROWS_ABOVE": "0",  # every list row before the rest's bodies
}


def header_only(profile: Path) -> int:
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        return db.execute(
            "SELECT count(*) FROM message m LEFT JOIN message_body b ON b.message_id = m.id "
            "WHERE b.message_id IS NULL"
        ).fetchone()[0]


def assert_complete(profile: Path, dovecot, user) -> None:
    """Exactly the server's messages, every one with its body, snippet and body words."""
    assert_exactly_server(profile, dovecot, user)
    assert header_only(profile) == 0
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM message WHERE snippet = ''").fetchone()[0] == 0
        rows = db.execute("SELECT count(*) FROM message_fts WHERE body LIKE '%number%'")
        assert rows.fetchone()[0] == len(stored(profile))


def test_rows_commit_before_any_body_then_fill_in_place(dovecot, tmp_path, monkeypatch):
    from desktop.changes import bus
    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.profile import open_profile
    from desktop.sync import engine
    from desktop.sync.store import is_header_only

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(12)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    for key, value in HEADERS.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOLUB_SYNC_BATCH", "4")
    open_profile(profile)
    heard: list[tuple[list[int], list[int], bool]] = []

    def hear(changes) -> None:  # what the window's change bridge would hear, in order
        rows = changes.added or changes.updated
        heard.append((changes.added, changes.updated, all(is_header_only(i) for i in rows)))

    unsubscribe = bus.subscribe(hear)
    try:
        changes = engine.sync_mailbox(mailbox_id)
        # The first committed batch is the newest 5 list rows, bodies not yet there.
        first = heard[0]
        assert len(first[0]) == 5 and first[2]
        uids = sorted(Message.get_by_id(i).uid for i in first[0])
        assert uids == [8, 9, 10, 11, 12]
        # Then the bodies of those newest rows, newest first, filling the same rows.
        events = [
            ("add" if h[0] else "fill", {Message.get_by_id(i).uid for i in h[0] or h[1]})
            for h in heard
            if h[0] or h[1]
        ]
        assert events[1] == ("fill", {9, 10, 11, 12})
        assert events[2] == ("fill", {8})
        # Then (listing forced here) the other 7 rows, all before any of their bodies.
        rest = events[3:]
        first_fill = next(n for n, (kind, _) in enumerate(rest) if kind == "fill")
        assert set().union(*(u for kind, u in rest[:first_fill])) == set(range(1, 8))
        assert all(kind == "fill" for kind, _ in rest[first_fill:])
        assert set().union(*(u for _, u in rest[first_fill:])) == set(range(1, 8))
        assert len(changes.added) == 12 and changes.updated == []
    finally:
        unsubscribe()
        close_store()
    assert_complete(profile, dovecot, user)


def test_fast_link_lists_the_newest_rows_then_imports_the_rest_whole(
    dovecot, tmp_path, monkeypatch
):
    """On loopback the rest's bodies come in well under LIST_ROWS_ABOVE_SECONDS: after the
    newest rows and their bodies, the rest are imported whole (no second header pass)."""
    from desktop.changes import bus
    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.profile import open_profile
    from desktop.sync import engine
    from desktop.sync.store import is_header_only

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(12)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    monkeypatch.setenv("HOLUB_SYNC_HEADERS_FROM", "1")
    monkeypatch.setenv("HOLUB_SYNC_HEADER_CHUNK", "5")
    monkeypatch.setenv("HOLUB_SYNC_BATCH", "4")
    open_profile(profile)
    heard: list[tuple[set[int], bool]] = []

    def hear(changes) -> None:
        if changes.added:
            uids = {Message.get_by_id(i).uid for i in changes.added}
            heard.append((uids, all(is_header_only(i) for i in changes.added)))

    unsubscribe = bus.subscribe(hear)
    try:
        changes = engine.sync_mailbox(mailbox_id)
        assert heard[0] == ({8, 9, 10, 11, 12}, True)  # the newest list rows first
        assert all(not header_only for _, header_only in heard[1:])  # the rest whole
        assert set().union(*(u for u, _ in heard[1:])) == set(range(1, 8))
        assert len(changes.added) == 12
    finally:
        unsubscribe()
        close_store()
    assert header_only(profile) == 0
    assert_complete(profile, dovecot, user)


@pytest.mark.parametrize(
    ("kill", "pool", "rows"),
    [
        ("HOLUB_TEST_KILL_HEADERS=after:1", False, 5),  # the newest chunk only
        ("HOLUB_TEST_KILL_HEADERS=after:2", False, 10),  # newest + the oldest 5
        ("HOLUB_TEST_KILL_HEADERS=after:2", True, 10),  # the same, chunks from the workers
        ("HOLUB_TEST_KILL_HEADERS=after:3", True, 13),  # every row, by the workers
        ("HOLUB_TEST_KILL=before:1", False, 5),  # the newest rows, no body yet
        ("HOLUB_TEST_KILL=after:2", False, 5),  # the newest rows and their bodies
        ("HOLUB_TEST_KILL=after:3", False, 13),  # every row, one batch of the rest's bodies
        ("HOLUB_TEST_KILL=after:3", True, 13),  # the same with the worker pool
    ],
)
def test_killed_between_or_inside_phases_resumes_without_gaps(dovecot, tmp_path, kill, pool, rows):
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(13)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    name, value = kill.split("=")
    env = {**HEADERS, "HOLUB_SYNC_BATCH": "3", name: value}
    if pool:
        env["HOLUB_SYNC_POOL_MIN"] = "1"
    killed = run_cli(profile, "sync", "--once", env=env)
    assert killed.returncode == -9, killed.stderr
    assert len(stored(profile)) == rows
    if name == "HOLUB_TEST_KILL":
        # Batches of 3: the newest 5 rows' bodies in two, then (every row listed) the
        # rest's 8 bodies.
        assert header_only(profile) == {"before:1": 5, "after:2": 0, "after:3": 5}[value]
    again = run_cli(profile, "sync", "--once", env={**env, name: ""})
    assert again.returncode == 0, again.stderr
    assert_complete(profile, dovecot, user)
    third = run_cli(profile, "sync", "--once", env={**env, name: ""})
    assert third.returncode == 0 and "0 new, 0 updated" in third.stdout
    assert_complete(profile, dovecot, user)


@pytest.mark.parametrize("pool", [False, True])
def test_killed_while_the_rest_comes_whole_resumes_without_gaps(dovecot, tmp_path, pool):
    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(13)])
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    env = {**HEADERS, "HOLUB_SYNC_LIST_ROWS_ABOVE": "1000", "HOLUB_SYNC_BATCH": "3"}
    if pool:
        env["HOLUB_SYNC_POOL_MIN"] = "1"
    killed = run_cli(profile, "sync", "--once", env={**env, "HOLUB_TEST_KILL": "after:3"})
    assert killed.returncode == -9, killed.stderr
    # The newest 5 with their bodies (two batches), then the oldest 3 whole.
    assert [uid for uid, _ in stored(profile)] == [1, 2, 3, 9, 10, 11, 12, 13]
    assert header_only(profile) == 0
    again = run_cli(profile, "sync", "--once", env=env)
    assert again.returncode == 0, again.stderr
    assert_complete(profile, dovecot, user)
    third = run_cli(profile, "sync", "--once", env=env)
    assert third.returncode == 0 and "0 new, 0 updated" in third.stdout


def test_header_only_message_is_fetched_on_demand(dovecot, tmp_path):
    from desktop.changes import bus
    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.profile import open_profile
    from desktop.render.message import load_message as load
    from desktop.sync import engine
    from desktop.sync.store import is_header_only

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(6)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    env = {**HEADERS, "HOLUB_SYNC_HEADER_CHUNK": "10"}  # all 6 rows in the newest chunk
    env.update({"HOLUB_SYNC_BATCH": "2", "HOLUB_TEST_KILL": "before:1"})
    assert run_cli(profile, "sync", "--once", env=env).returncode == -9
    # Export says which rows are only headers so far (snippet etc. not known yet).
    exported = run_cli(profile, "export", "--format", "jsonl")
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == 6 and {(r["body"], r["snippet"], r["has_attachments"]) for r in rows} == {
        (False, "", False)
    }
    open_profile(profile)
    heard = []
    unsubscribe = bus.subscribe(heard.append)
    try:
        message = Message.get(Message.uid == 3)
        assert is_header_only(message.id)
        assert message.snippet == "" and message.subject == "Message 2"
        assert load(message.id).loading  # the reader shows it as loading
        changes = engine.fetch_body_now(message.id)
        assert changes.updated == [message.id]
        assert [c.updated for c in heard] == [[message.id]]  # published for the window
        assert not is_header_only(message.id)
        shown = load(message.id)
        assert not shown.loading and "message number 2" in shown.text
        assert Message.get_by_id(message.id).snippet.startswith("Hello, this is message")
        assert engine.fetch_body_now(message.id).updated == []  # nothing twice
        assert mailbox_id
    finally:
        unsubscribe()
        close_store()
    # The sync fills the other five and leaves the fetched one as it is.
    assert run_cli(profile, "sync", "--once", env={**HEADERS}).returncode == 0
    assert_complete(profile, dovecot, user)


def test_rules_on_the_body_run_when_the_body_arrives(dovecot, tmp_path, monkeypatch):
    """Rule conditions on body words and attachments decide on the whole message, and
    the header-only rows never pass as complete (no snippet, no attachment flag)."""
    from desktop.crm import rules as crm_rules
    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.models.rules import Label, MessageLabel
    from desktop.profile import open_profile
    from desktop.sync import engine

    user = dovecot.new_user()
    attached = (
        b"From: Alice <alice@example.org>\r\nTo: bob@example.test\r\nSubject: Offer\r\n"
        b"Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <offer@example.org>\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee the offer.\r\n--b\r\n"
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="offer.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    )
    dovecot.deliver(
        user,
        [
            make_message(1, body="A zebra crossed the road.\r\n"),
            make_message(2),
            attached,
            make_message(4, body="Another zebra.\r\n"),
        ],
    )
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user)
    for key, value in HEADERS.items():
        monkeypatch.setenv(key, value)
    open_profile(profile)
    seen_half: list[tuple] = []
    monkeypatch.setattr(
        engine.FolderSync,
        "_fill_pending",
        lambda self, folder, real=engine.FolderSync._fill_pending: (
            seen_half.extend(
                Message.select(Message.snippet, Message.has_attachments, Message.parse_error)
                .where(Message.folder == folder)
                .tuples()
            ),
            real(self, folder),
        ),
    )
    try:
        crm_rules.add_rule("zebras", "zebra", [("label", "Zebra")], mailbox_id=mailbox_id)
        crm_rules.add_rule("files", "has:attachment", [("label", "Files")], mailbox_id=mailbox_id)
        engine.sync_mailbox(mailbox_id)
        assert seen_half == [("", False, None)] * 4

        def labelled(name: str) -> list[str]:
            return sorted(
                m.subject
                for m in Message.select().join(MessageLabel).join(Label).where(Label.name == name)
            )

        assert labelled("Zebra") == ["Message 1", "Message 4"]
        assert labelled("Files") == ["Offer"]
        assert Message.get(Message.subject == "Offer").has_attachments
    finally:
        close_store()
    assert header_only(profile) == 0


def test_list_rows_of_malformed_headers_end_as_a_whole_parse_reads_them(dovecot, tmp_path):
    """The list rows come from the server's pick of the header fields; where a broken
    header block reads otherwise there (a line without a colon: the Subject after it),
    the body's parse decides, so the rows end as storing the messages whole makes them."""
    malformed = Path(__file__).resolve().parents[1] / "data" / "malformed"
    # The malformed corpus (a server stores no empty message).
    raws = [p.read_bytes() for p in sorted(malformed.glob("*.eml")) if p.stat().st_size]
    user = dovecot.new_user()
    dovecot.deliver(user, raws)
    columns = (
        'uid, subject, from_name, from_addr, message_id, in_reply_to, "references", '
        '"to", cc, reply_to, date, thread_key, direction, snippet, has_attachments, parse_error'
    )
    found = []
    for name, env in (("headers", HEADERS), ("whole", {"HOLUB_SYNC_HEADERS_FROM": "100000"})):
        profile = tmp_path / name
        make_account(profile, dovecot, user)
        done = run_cli(profile, "sync", "--once", env=env)
        assert done.returncode == 0, done.stderr
        assert header_only(profile) == 0
        with sqlite3.connect(profile / "holub.sqlite3") as db:
            found.append(db.execute(f"SELECT {columns} FROM message ORDER BY uid").fetchall())
    headers_first, whole = found
    assert len(whole) == len(raws)
    assert headers_first == whole
    junk = next(r for r in whole if r[1] == "" and r[3] == "a@example.cz")
    assert junk[-1]  # its parse error: the Subject after the junk line is the body's
