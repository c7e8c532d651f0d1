"""The `import`, `export` and `search` commands, run as a user runs them."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "malformed"

EXPORT_KEYS = {
    "id",
    "mailbox",
    "mailbox_id",
    "folder",
    "remote_id",
    "message_id",
    "date",
    "from",
    "to",
    "cc",
    "subject",
    "snippet",
    "flags",
    "seen",
    "starred",
    "has_attachments",
    "deleted_locally",
    "filings",
    "signals",
    "parse_error",
    "labels",
    "local_folder",
    "body",
    "shared_from",
    "access",
}


def holub(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def export(profile: Path, *args: str) -> list[dict]:
    result = holub(profile, "export", "--format", "jsonl", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_malformed_corpus_is_imported_whole_and_exported(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("*.eml"))
    assert len(files) >= 40
    profile = tmp_path / "p"
    first = holub(profile, "import", str(CORPUS))
    assert first.returncode == 0, first.stderr
    assert f"imported {len(files)} new messages" in first.stdout
    again = holub(profile, "import", str(CORPUS))
    assert again.returncode == 0 and "imported 0 new messages" in again.stdout

    rows = export(profile)
    assert len(rows) == len(files)
    by_hash = {r["remote_id"].split(":")[0]: r for r in rows}
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        row = by_hash[digest]  # every file is there, once
        assert set(row) == EXPORT_KEYS, path.name
        assert row["folder"] == "malformed" and row["mailbox"] == "Imported"
        assert row["date"].endswith("Z")

    # Whole means byte for byte: the stored source is the file.
    from desktop.models.db import close_store
    from desktop.models.mail import Message
    from desktop.profile import open_profile
    from desktop.sync.store import raw_source

    open_profile(profile)
    try:
        stored = {hashlib.sha256(raw_source(m)).hexdigest(): m.remote_id for m in Message.select()}
    finally:
        close_store()
    assert sorted(stored) == sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in files)

    subjects = {r["subject"] for r in rows}
    assert {"Nečitelný předmět", "Čeština cp1250", "čeština", "Zpráva"} <= subjects


@pytest.fixture
def mail_profile(tmp_path: Path) -> Path:
    """A profile with a small Czech/English .eml set imported through the CLI."""
    src = tmp_path / "mail"
    src.mkdir()
    messages = {
        "1.eml": (
            "From: Jiří Novák <jiri@firma.cz>\nTo: Petr <petr@example.com>\n"
            "Cc: Šárka <sarka@example.cz>\nSubject: Čeština a faktura\n"
            "Date: Mon, 02 Nov 2026 10:00:00 +0100\nMessage-ID: <one@x>\n\n"
            "Posílám fakturu za říjen.\n"
        ),
        "2.eml": (
            "From: Alice Smith <alice@example.org>\nTo: jiri@firma.cz\n"
            "Subject: Quarterly report\nDate: Wed, 04 Nov 2026 08:00:00 +0000\n"
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
            "The exact phrase lives here.\n--b\nContent-Type: application/pdf\n"
            "Content-Disposition: attachment; filename=report.pdf\n\nx\n--b--\n"
        ),
        "3.eml": (
            "From: Bob <bob@example.org>\nTo: alice@example.org\nSubject: Re: Quarterly report\n"
            "Date: Fri, 06 Nov 2026 12:00:00 +0000\n\nphrase exact, reversed.\n"
        ),
    }
    for name, text in messages.items():
        (src / name).write_text(text)
    profile = tmp_path / "p"
    result = holub(profile, "import", "--quiet", str(src))
    assert result.returncode == 0, result.stderr
    return profile


def _subjects(profile: Path, *query: str) -> list[str]:
    result = holub(profile, "search", *query)
    assert result.returncode == 0, result.stderr
    return [line.split("\t")[2] for line in result.stdout.splitlines()]


def test_search_command(mail_profile: Path) -> None:
    p = mail_profile
    one, two, three = "Čeština a faktura", "Quarterly report", "Re: Quarterly report"
    checks = {
        ("cestina",): [one],  # diacritics-insensitive
        ("čeština",): [one],
        ("FAKTUR",): [one],  # prefix, case-insensitive
        ("from:jiri@firma.cz",): [one],
        ("from:novák",): [one],
        ("from:alice",): [two],
        ("to:sarka",): [one],  # Cc counts as a recipient
        ("to:alice@example.org",): [three],
        ("subject:quarterly",): [three, two],  # newest first
        ("has:attachment",): [two],
        ("is:unread", "report"): [three, two],
        ("before:2026-11-04",): [one],
        ("after:2026-11-04",): [three, two],
        ("after:2026-11-03", "before:2026-11-05"): [two],
        ('"exact phrase"',): [two],
        ("exact", "phrase"): [three, two],
        ("nothing-like-this",): [],
    }
    for query, expected in checks.items():
        assert _subjects(p, *query) == expected, query

    result = holub(p, "search", "report", "--limit", "1")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    date, sender, subject, message_id = lines[0].split("\t")
    assert (date, sender, subject) == ("2026-11-06 12:00", "bob@example.org", three)
    assert message_id.isdigit()


BAD_QUERIES = {
    "before:2026-13-01": "before: expects a date",
    "after:yesterday": "after: expects a date",
    "is:important": "is: knows",
    "has:pdf": "has: knows only",
    "from:": "from: needs",
    "!!!": "nothing to search for",
}


def test_search_bad_input_is_one_line(mail_profile: Path) -> None:
    for query, words in BAD_QUERIES.items():
        result = holub(mail_profile, "search", query)
        assert result.returncode == 1, query
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert result.stderr.startswith("holub: ")


def test_unknown_account_and_missing_path(mail_profile: Path, tmp_path: Path) -> None:
    for args in (("export", "--account", "99"), ("search", "x", "--account", "99")):
        result = holub(mail_profile, *args)
        assert result.returncode == 1 and "no mailbox with id 99" in result.stderr
    result = holub(mail_profile, "import", str(tmp_path / "missing.mbox"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no such file or directory")
    assert "Traceback" not in result.stderr


def test_export_contract(mail_profile: Path) -> None:
    from desktop.models.crm import Filing, Signal
    from desktop.models.db import close_store
    from desktop.models.mail import Mailbox, Message
    from desktop.profile import open_profile

    open_profile(mail_profile)
    try:
        first = Message.get(Message.message_id == "<one@x>")
        Filing.create(message=first, object_kind="company", object_id=7, source="auto")
        Filing.create(message=first, object_kind="project", object_id=1234, source="manual")
        Filing.create(message=first, object_kind="task", object_id=9, removed=True)
        Signal.create(message=first, object_kind="company", object_id=8, reason="address")
        first.deleted_locally = True
        first.save()
        other = Mailbox.create(name="Other", kind="local", email="", import_from="2026-11-01")
    finally:
        close_store()

    rows = export(mail_profile)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    row = next(r for r in rows if r["message_id"] == "<one@x>")
    assert set(row) == EXPORT_KEYS
    assert row["date"] == "2026-11-02T09:00:00Z"
    assert row["from"] == {"name": "Jiří Novák", "address": "jiri@firma.cz"}
    assert row["to"] == [{"name": "Petr", "address": "petr@example.com"}]
    assert row["cc"] == [{"name": "Šárka", "address": "sarka@example.cz"}]
    assert row["subject"] == "Čeština a faktura"
    assert row["snippet"] == "Posílám fakturu za říjen."
    assert row["flags"] == [] and row["seen"] is False and row["body"] is True
    assert row["has_attachments"] is False and row["deleted_locally"] is True
    assert row["filings"] == [
        {"kind": "company", "id": 7, "source": "auto"},
        {"kind": "project", "id": 1234, "source": "manual"},
    ]
    assert row["signals"] == [{"kind": "company", "id": 8, "state": "open", "reason": "address"}]
    assert next(r for r in rows if r["subject"] == "Quarterly report")["has_attachments"] is True

    assert len(export(mail_profile, "--exclude-deleted")) == 2
    assert len(export(mail_profile, "--account", str(row["mailbox_id"]))) == 3
    assert export(mail_profile, "--account", str(other.id)) == []


def test_export_streams_in_chunks(profile, tmp_path: Path) -> None:
    from desktop.services.export import export_messages
    from desktop.sync.local_import import import_path

    src = tmp_path / "many"
    src.mkdir()
    for i in range(7):
        (src / f"{i}.eml").write_text(f"Subject: n{i}\nMessage-ID: <{i}@x>\n\nbody {i}\n")
    import_path(src)
    rows = export_messages(chunk=3)
    assert next(rows)["subject"].startswith("n")  # a generator: nothing loaded up front
    assert len(list(rows)) == 6
