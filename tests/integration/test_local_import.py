"""import_path: mbox and .eml directories into a local mailbox, idempotently, index in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import InvalidInput
from desktop.models import search
from desktop.models.db import database
from desktop.models.mail import KIND_LOCAL, ROLE_LOCAL, Folder, Mailbox, Message
from desktop.sync.local_import import import_path
from desktop.sync.store import drop_folder_messages, raw_source


def _msg(
    subject: str, body: str, *, extra: str = "", date: str = "Mon, 02 Nov 2026 10:00:00 +0100"
) -> str:
    head = f"From: Jana <jana@example.cz>\nTo: petr@example.com\nSubject: {subject}\n"
    if date:
        head += f"Date: {date}\n"
    return head + extra + "\n" + body + "\n"


MBOX = (
    "From jana@example.cz Mon Nov  2 09:00:00 2026\n"
    + _msg("first", "hello", extra="Status: RO\nX-Status: F\n")
    + "\nFrom jana@example.cz Tue Nov  3 09:00:00 2026\n"
    + _msg("quoted", ">From the start of a line\n>>From twice quoted\nnot >From here")
    + "\nFrom jana@example.cz Tue Nov  3 09:00:00 2026\n"
    + _msg("quoted", ">From the start of a line\n>>From twice quoted\nnot >From here")
    + "\nFrom MAILER-DAEMON Wed Nov  4 07:30:00 2026\n"
    + _msg("no date", "undated", date="", extra="Status: O\n")
    + "\nFrom - Thu Nov  5 10:00:00 2026\n"
    + _msg("thunderbird", "tb", extra="X-Mozilla-Status: 0005\nX-Mozilla-Status2: 00000000\n")
)


def _folder_counts(folder: Folder) -> tuple[int, int]:
    ids = [m.id for m in Message.select(Message.id).where(Message.folder == folder)]
    indexed = 0
    if ids:
        marks = ",".join("?" * len(ids))
        indexed = database.execute_sql(
            f"SELECT count(*) FROM {search.FTS_TABLE} WHERE rowid IN ({marks})", ids
        ).fetchone()[0]
    return len(ids), indexed


def _index_in_step() -> None:
    messages = {m.id for m in Message.select(Message.id)}
    indexed = {r[0] for r in database.execute_sql(f"SELECT rowid FROM {search.FTS_TABLE}")}
    assert messages == indexed


def test_mbox_import(profile, tmp_path: Path) -> None:
    path = tmp_path / "archive.mbox"
    path.write_text(MBOX)
    changes = import_path(path)
    assert len(changes.added) == 5

    folder = Folder.get()
    assert (folder.remote_name, folder.role) == ("archive.mbox", ROLE_LOCAL)
    assert (folder.mailbox.name, folder.mailbox.kind) == ("Imported", KIND_LOCAL)
    rows = list(Message.select().order_by(Message.id))
    assert [m.subject for m in rows] == ["first", "quoted", "quoted", "no date", "thunderbird"]
    # Status R → \Seen, X-Status F → \Flagged; "O" alone (old, unread) → no flag.
    assert rows[0].flags.split() == ["\\Seen", "\\Flagged"]
    assert rows[0].seen and rows[0].starred
    assert rows[3].flags == "" and not rows[3].seen
    assert rows[4].flags.split() == ["\\Seen", "\\Flagged"]  # X-Mozilla-Status 0x1|0x4
    # Two identical copies are both kept, under distinct stable ids.
    assert rows[1].remote_id != rows[2].remote_id
    assert rows[1].remote_id.split(":")[0] == rows[2].remote_id.split(":")[0]
    # mboxrd quoting undone by one level; the From_ line is not part of the message.
    raw = raw_source(rows[1]).decode()
    assert raw.startswith("From: Jana")
    assert "\nFrom the start of a line\n>From twice quoted\nnot >From here" in raw
    # No Date header: the From_ line's date stands in.
    assert rows[3].date.isoformat() == "2026-11-04T07:30:00"
    assert rows[0].date.isoformat() == "2026-11-02T09:00:00"
    _index_in_step()


def test_reimport_adds_nothing_and_appended_mail_is_added(profile, tmp_path: Path) -> None:
    path = tmp_path / "archive.mbox"
    path.write_text(MBOX)
    import_path(path)
    again = import_path(path)
    assert again.added == [] and Message.select().count() == 5

    with path.open("a") as fh:
        fh.write("\nFrom x@example.cz Thu Nov  5 09:00:00 2026\n" + _msg("new one", "fresh"))
    more = import_path(path)
    assert [Message.get_by_id(i).subject for i in more.added] == ["new one"]
    assert Message.select().count() == 6
    _index_in_step()


def test_eml_directory(profile, tmp_path: Path) -> None:
    src = tmp_path / "saved mail"
    (src / "sub").mkdir(parents=True)
    (src / "a.eml").write_text(_msg("alpha", "one"))
    (src / "sub" / "b.EML").write_text(_msg("beta", "two"))
    (src / "notes.txt").write_text("not mail")
    changes = import_path(src, mailbox_name="Archive")
    assert len(changes.added) == 2
    assert Folder.get().remote_name == "saved mail"
    assert Mailbox.get().name == "Archive"
    assert import_path(src, mailbox_name="Archive").added == []
    # The same mail under another mailbox name is another mailbox.
    assert len(import_path(src).added) == 2
    assert Mailbox.select().count() == 2


def test_single_eml_file(profile, tmp_path: Path) -> None:
    path = tmp_path / "one.eml"
    path.write_text(_msg("single", "body"))
    assert len(import_path(path).added) == 1
    assert Message.get().subject == "single"


def test_missing_and_empty_sources(profile, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        import_path(tmp_path / "nope.mbox")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match=r"no \.eml files"):
        import_path(tmp_path / "empty")


def test_index_follows_drop_and_reimport(profile, tmp_path: Path) -> None:
    path = tmp_path / "archive.mbox"
    path.write_text(MBOX)
    import_path(path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.eml").write_text(_msg("čeština jinde", "text"))
    import_path(other)
    folder = Folder.get(Folder.remote_name == "archive.mbox")
    assert _folder_counts(folder) == (5, 5)

    drop_folder_messages(folder)
    assert _folder_counts(folder) == (0, 0)
    _index_in_step()
    assert search.search_message_ids(database, "quoted") == []
    assert len(search.search_message_ids(database, "cestina")) == 1

    import_path(path)
    assert _folder_counts(folder) == (5, 5)
    _index_in_step()
    assert len(search.search_message_ids(database, "quoted")) == 2
