"""A sync's connection: its commits leave checkpoints to a thread beside it, and the
store's set-based helpers (among, insert_or_ignore) read and write as peewee would."""

from __future__ import annotations

import threading
import time
from datetime import date

from desktop.models import checkpoint
from desktop.models.base import among, insert_or_ignore
from desktop.models.crm import Filing, ReplyLink
from desktop.models.db import database, restore_cache, use_sync_cache
from desktop.models.mail import Folder, Mailbox, Message
from desktop.sync.store import FetchedMessage, existing_remote_ids, store_batch


def _batch(folder: Folder, start: int, count: int) -> None:
    body = "word " * 3000  # ~15 KB each: a batch takes the WAL well past 1000 pages
    store_batch(
        folder,
        [
            FetchedMessage(
                remote_id=str(i),
                raw=f"From: a@example.com\r\nSubject: s{i}\r\n\r\n{body}{i}\r\n".encode(),
            )
            for i in range(start, start + count)
        ],
    )


def _checkpointers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "wal-checkpoint" and t.is_alive()]


def _wal_frames() -> tuple[int, int]:
    """(frames in the WAL, frames of it already in the database)."""
    _, frames, done = database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return frames, done


def test_a_sync_leaves_checkpoints_to_its_own_thread(profile) -> None:
    mailbox = Mailbox.create(name="M", email="me@example.org", import_from=date.today())
    folder = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    errors: list[BaseException] = []
    wrote = threading.Event()
    finish = threading.Event()

    def sync() -> None:  # a sync runs on its own thread, with its own connection
        try:
            use_sync_cache()
            assert database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
            _batch(folder, 0, 300)
            wrote.set()
            finish.wait(10)
            restore_cache()
            assert database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
            wrote.set()
        finally:
            database.close()

    thread = threading.Thread(target=sync)
    thread.start()
    assert wrote.wait(30)
    assert _checkpointers(), "no checkpoint thread while the sync writes"
    # The commit left the WAL to the checkpoint thread, which catches up by itself.
    deadline = time.monotonic() + 5
    frames, done = _wal_frames()
    while done < frames and time.monotonic() < deadline:
        time.sleep(0.05)
        frames, done = _wal_frames()
    assert frames > 1000 and done == frames
    finish.set()
    thread.join(10)
    assert not errors, errors
    deadline = time.monotonic() + 5
    while _checkpointers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _checkpointers()  # it ended with the last writer
    assert Message.select().count() == 300


def test_a_writer_thread_that_ends_without_saying_so_lets_it_end(profile) -> None:
    thread = threading.Thread(target=lambda: (use_sync_cache(), database.close()))
    thread.start()
    thread.join()
    deadline = time.monotonic() + 5
    while _checkpointers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _checkpointers()
    assert not checkpoint._running


def test_among_and_insert_or_ignore_match_peewee(profile) -> None:
    mailbox = Mailbox.create(name="M", email="me@example.org", import_from=date.today())
    folder = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    _batch(folder, 0, 5)
    ids = [m.id for m in Message.select().order_by(Message.id)]
    assert existing_remote_ids(folder, ["1", "3", "x", "3"]) == {"1", "3"}
    assert existing_remote_ids(folder, []) == set()
    assert sorted(m.id for m in Message.select().where(among(Message.id, ids[1:3]))) == ids[1:3]
    # 1,200 values: more than SQLite's host parameters of old, in one statement.
    many = [str(i) for i in range(1200)]
    assert existing_remote_ids(folder, many) == {"0", "1", "2", "3", "4"}

    insert_or_ignore(
        Filing,
        [
            {"message": ids[0], "object_kind": "company", "object_id": 7},
            {"message": ids[0], "object_kind": "company", "object_id": 7},  # conflict
            {"message": ids[1], "object_kind": "project", "object_id": 8, "source": "rule"},
        ],
    )
    first, second = Filing.select().order_by(Filing.id)
    assert (first.source, first.removed, second.source) == ("auto", False, "rule")
    assert first.created_at is not None
    insert_or_ignore(ReplyLink, [{"message": ids[2], "parent_message_id": "<p@x>", "rank": 0}])
    insert_or_ignore(ReplyLink, [{"message": ids[2], "parent_message_id": "<p@x>", "rank": 1}])
    assert [(r.message_id, r.rank) for r in ReplyLink.select()] == [(ids[2], 0)]
    insert_or_ignore(ReplyLink, [])
