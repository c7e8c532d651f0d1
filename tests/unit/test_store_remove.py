"""store.remove_messages: the local side of a server-side expunge (R2: local only)."""

from __future__ import annotations

from datetime import date

from desktop.models.crm import Filing, KeptFiling, Signal
from desktop.models.db import database
from desktop.models.mail import Folder, Mailbox, Message, MessageBody
from desktop.models.search import FTS_TABLE
from desktop.sync.imap import parse_sequence_set
from desktop.sync.store import FetchedMessage, remove_messages, store_batch


def _fill(folder: Folder, uids: list[int]) -> None:
    store_batch(
        folder,
        [
            FetchedMessage(
                remote_id=str(uid),
                uid=uid,
                raw=(
                    f"From: a{uid}@example.com\r\nSubject: s{uid}\r\n"
                    f"Message-ID: <{uid}@x>\r\n\r\nbody {uid}\r\n"
                ).encode(),
            )
            for uid in uids
        ],
    )


def _fts_rows() -> int:
    return database.execute_sql(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]


def test_remove_messages_keeps_manual_decisions_and_drops_index_rows(profile):
    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    sent = Folder.create(mailbox=mb, remote_name="Sent", role="sent")
    _fill(inbox, [1, 2, 3, 4])
    _fill(sent, [2])  # same UID in another folder: untouched
    two = Message.get((Message.folder == inbox) & (Message.uid == 2))
    three = Message.get((Message.folder == inbox) & (Message.uid == 3))
    Filing.create(message=two, object_kind="company", object_id=5, source="manual")
    Filing.create(message=three, object_kind="company", object_id=6, source="auto")
    Signal.create(message=three, object_kind="project", object_id=9, state="dismissed")
    assert _fts_rows() == 5

    changes = remove_messages(inbox, [2, 3, 99])  # 99: never stored
    assert sorted(changes.removed) == sorted([two.id, three.id])
    assert changes.folders == {inbox.id}
    assert [
        m.uid for m in Message.select().where(Message.folder == inbox).order_by(Message.uid)
    ] == [
        1,
        4,
    ]
    assert Message.select().where(Message.folder == sent).count() == 1
    assert MessageBody.select().count() == 3 and _fts_rows() == 3
    kept = {(k.message_id, k.object_kind, k.object_id, k.source) for k in KeptFiling.select()}
    # The manual filing and the dismissed signal survive; the automatic filing does not.
    assert kept == {
        ("<2@x>", "company", 5, "manual"),
        ("<3@x>", "project", 9, "dismissed-signal"),
    }
    assert not remove_messages(inbox, [2, 3])  # again: nothing left to remove


def test_parse_sequence_set():
    assert parse_sequence_set("1:3,7, 9:8") == {1, 2, 3, 7, 8, 9}
    assert parse_sequence_set("") == set()
    assert parse_sequence_set("5,x,*") == {5}


def test_search_index_takes_the_first_64k_of_a_body(profile):
    from desktop.sync.store import FTS_BODY_CHARS

    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    body = "zacatek " + "x" * 200_000 + " konec"
    raw = f"From: a@example.com\r\nSubject: big\r\nMessage-ID: <big@x>\r\n\r\n{body}\r\n"
    store_batch(inbox, [FetchedMessage(remote_id="1", uid=1, raw=raw.encode())])
    (length,) = database.execute_sql(f"SELECT length(body) FROM {FTS_TABLE}").fetchone()
    assert length == FTS_BODY_CHARS
    hits = database.execute_sql(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH 'zacatek'"
    ).fetchone()
    assert hits == (1,)
    assert MessageBody.get().text.rstrip().endswith("konec")  # the stored text is whole
