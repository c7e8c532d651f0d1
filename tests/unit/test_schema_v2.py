"""Schema v2: the login method columns reach stores made before them, rows intact."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.models.db import SCHEMA_VERSION, close_store, open_store
from desktop.models.mail import Mailbox


def columns(path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[1] for row in db.execute("PRAGMA table_info(mailbox)")}


def test_fresh_store_is_v2_with_the_columns(tmp_path):
    path = tmp_path / "holub.sqlite3"
    open_store(path)
    close_store()
    assert SCHEMA_VERSION >= 2  # later migrations append to the list
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"imap_auth", "smtp_auth"} <= columns(path)


def test_v1_store_without_the_columns_is_upgraded(tmp_path):
    path = tmp_path / "holub.sqlite3"
    open_store(path)
    Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 20))
    close_store()
    # What a v1 store looked like before the columns existed.
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE mailbox DROP COLUMN imap_auth")
        db.execute("ALTER TABLE mailbox DROP COLUMN smtp_auth")
        db.execute("PRAGMA user_version = 1")
    assert not {"imap_auth", "smtp_auth"} & columns(path)

    open_store(path)
    try:
        mailbox = Mailbox.get(Mailbox.name == "Work")
        assert (mailbox.email, mailbox.imap_auth, mailbox.smtp_auth) == (
            "me@firma.cz",
            "plain",
            "plain",
        )
    finally:
        close_store()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert list(tmp_path.glob("holub.sqlite3.v1-*.bak"))  # the pre-upgrade copy
