"""The search query language: parsing, and that no input breaks FTS5."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.search import QueryError, parse_query, search_message_ids


def test_parse_structure() -> None:
    q = parse_query('from:jana subject:"two words" faktura "exact phrase" has:attachment')
    assert q.fts == [
        'sender : "jana"*',
        'subject : "two words"*',
        '"faktura"*',
        '"exact phrase"',
    ]
    assert q.sql == ["m.has_attachments = 1"]
    q = parse_query("is:unread IS:Starred before:2026-11-02 after:2026-10-01")
    assert q.sql == ["m.seen = 0", "m.starred = 1", "m.date < ?", "m.date >= ?"]
    assert q.params == ["2026-11-02 00:00:00", "2026-10-01 00:00:00"]
    assert parse_query("   ").empty and parse_query("!!! ---").empty


@pytest.mark.parametrize(
    "text",
    ["before:02.11.2026", "after:", "is:", "is:spam", "has:", "has:images", "to:", "subject:..."],
)
def test_bad_queries_raise_query_error(text: str) -> None:
    with pytest.raises(QueryError):
        parse_query(text)


@pytest.fixture
def indexed(profile, tmp_path: Path):
    from desktop.models.db import database
    from desktop.sync.local_import import import_path

    src = tmp_path / "m"
    src.mkdir()
    (src / "a.eml").write_text(
        "From: Jiří Novák <jiri@firma.cz>\nTo: a@x.cz\nCc: Šárka <sarka@x.cz>\n"
        'Subject: OR NEAR AND\n\nčeština (závorky) "uvozovky" a*b\n'
    )
    (src / "b.eml").write_text("From: bob@x.org\nSubject: other\n\nnothing here\n")
    import_path(src)
    return database


@pytest.mark.parametrize(
    "text",
    [
        "NEAR(a b)",
        "a OR b",
        "AND",
        '"unbalanced',
        "don't",
        "*",
        "^start",
        "col:umn",
        "-minus",
        "(((",
        "a*b",
        'subject:"OR"',
        'from:"Jiří Novák"',
        "sender:x",
        "' OR 1=1 --",
        "\\",
    ],
)
def test_no_input_breaks_fts(indexed, text: str) -> None:
    assert isinstance(search_message_ids(indexed, text), list)


def test_operators_are_plain_words(indexed) -> None:
    assert len(search_message_ids(indexed, "NEAR")) == 1
    assert len(search_message_ids(indexed, "OR")) == 2  # prefix: "or" also finds "other"
    assert len(search_message_ids(indexed, 'subject:"or near"')) == 1
    assert len(search_message_ids(indexed, 'from:"Jiří Novák"')) == 1
    assert len(search_message_ids(indexed, "from:jiri novak")) == 1  # free words: any column
    assert len(search_message_ids(indexed, "from:jiri bob")) == 0  # all terms must match
    assert len(search_message_ids(indexed, "to:sarka cestina")) == 1
    assert len(search_message_ids(indexed, "zavorky")) == 1
    assert len(search_message_ids(indexed, "")) == 2  # empty: everything, newest first


def test_dense_path_gives_the_sorted_join_result(profile, monkeypatch) -> None:
    """The chunked walk for common words returns exactly what sorting all matches does."""
    import random
    from datetime import datetime, timedelta

    from desktop.models import search
    from desktop.models.db import database
    from desktop.models.mail import Folder, Mailbox, Message

    rng = random.Random(5)
    boxes = [Mailbox.create(name=f"b{i}", email="x@x.cz", import_from="2026-01-01") for i in (1, 2)]
    folders = [Folder.create(mailbox=b, remote_name="INBOX") for b in boxes]
    start = datetime(2026, 1, 1)
    words = ["faktura", "schůzka", "report", "other"]
    for i in range(400):
        # Mostly in date order, some out of order, some equal dates (ties by id).
        offset = i if rng.random() < 0.8 else rng.randrange(400)
        box = rng.randrange(2)
        m = Message.create(
            mailbox=boxes[box],
            folder=folders[box],
            remote_id=str(i),
            date=start + timedelta(hours=offset // 2),
            seen=rng.random() < 0.5,
            has_attachments=rng.random() < 0.3,
            deleted_locally=rng.random() < 0.05,
        )
        body = " ".join(rng.choice(words) for _ in range(3))
        search.index_message(database, m.id, "s", "jana@firma.cz", "", body)

    walked = []
    real_dense = search._dense_search

    def counting(*args):
        result = real_dense(*args)
        walked.append(result is not None)
        return result

    monkeypatch.setattr(search, "_dense_search", counting)
    queries = ["faktura", "cestina", "schuzka report", "is:unread faktura", "has:attachment re"]
    for query in queries:
        for kwargs in ({}, {"mailbox_id": boxes[1].id}, {"include_deleted": True}):
            for limit, chunk in ((1, 9), (7, 9), (60, 600), (150, 600), (500, 600)):
                monkeypatch.setattr(search, "DENSE_MATCHES", 10**9)
                expected = search.search_message_ids(database, query, limit=limit, **kwargs)
                monkeypatch.setattr(search, "DENSE_MATCHES", 3)
                monkeypatch.setattr(search, "DENSE_CHUNK", chunk)
                got = search.search_message_ids(database, query, limit=limit, **kwargs)
                assert got == expected, (query, kwargs, limit)
    assert sum(walked) > 20  # the chunked walk really answered most of them
