"""Opening the profile's SQLite store: pragmas, versioned migrations, backups.

One database object for the whole process; peewee gives every thread its own
connection (thread-local state), which is what the sync workers need.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from desktop.models import checkpoint


class StoreDatabase(SqliteDatabase):
    """SQLite whose transactions take the write lock when they begin (IMMEDIATE).

    The sync, the rule and publishing workers and the window write from their own
    connections. A DEFERRED transaction that reads and then writes fails at once with
    "database is locked" when another connection committed in between (WAL cannot
    upgrade a stale read snapshot, and busy_timeout does not apply to that case);
    an IMMEDIATE one waits its turn under busy_timeout instead. Read-only work runs
    outside transactions and is never blocked (WAL).
    """

    def atomic(self, *args, **kwargs):  # type: ignore[override]
        if not args and "lock_type" not in kwargs:
            kwargs["lock_type"] = "IMMEDIATE"
        return super().atomic(*args, **kwargs)


# Deferred: the path is known only once the profile is chosen.
database = StoreDatabase(None)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    # WAL + NORMAL is durable against application crashes (the case a sync
    # killed mid-import cares about); only an OS crash can lose the last commit.
    "synchronous": "normal",
    "cache_size": -32_000,
    "temp_store": "memory",
}

# SQLite page cache of each connection a sync uses (IMAP, Gmail, Graph): a first import
# writes far more than it reads back, and at the profile's 32 MB the caches were most
# of its memory, growing with the import until full (IMAP's 10k bench: 165 → 132 MiB).
SYNC_CACHE_KIB = 8_000


# SQLite's default: a commit that leaves more WAL pages than this checkpoints.
WAL_AUTOCHECKPOINT = 1000


def use_sync_cache() -> None:
    """This thread's connection is a sync's: a small page cache (see SYNC_CACHE_KIB),
    and its commits leave checkpoints to a thread beside it (see models/checkpoint.py)."""
    database.execute_sql(f"PRAGMA cache_size = -{SYNC_CACHE_KIB}")
    database.execute_sql("PRAGMA wal_autocheckpoint = 0")
    checkpoint.start_writing(database.database)


def restore_cache() -> None:
    """Back to the profile's settings; never in the way of the sync's own outcome."""
    with contextlib.suppress(Exception):
        database.execute_sql(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
        database.execute_sql(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")
    checkpoint.stop_writing(database.database)


def _all_models() -> list:
    from desktop.models import crm, mail, rules, shared, team

    return [*mail.MODELS, *crm.MODELS, *team.MODELS, *rules.MODELS, *shared.MODELS]


def _v1_create_schema(db: SqliteDatabase) -> None:
    from desktop.models import search

    db.create_tables(_all_models())
    search.create_fts(db)


def _v2_login_methods(db: SqliteDatabase) -> None:
    """Mailbox.imap_auth and smtp_auth (R4: the login method, "plain" or "login").

    v1 creates its tables from the current models, so a store made by this Holub
    already has them at v1: only add what is missing.
    """
    have = {row[1] for row in db.execute_sql("PRAGMA table_info(mailbox)").fetchall()}
    for column in ("imap_auth", "smtp_auth"):
        if column not in have:
            db.execute_sql(
                f"ALTER TABLE mailbox ADD COLUMN {column} VARCHAR(255) NOT NULL DEFAULT 'plain'"
            )


def _v3_profile_secrets(db: SqliteDatabase) -> None:
    """A random id for the profile (Setting "profile.id") that keys its keyring entries,
    and the owners whose secrets still sit under the old keys shared by every profile
    (Setting "secrets.legacy_owners"; desktop/secrets.py moves them on first use)."""
    import json
    import uuid

    db.execute_sql(
        "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
        ("profile.id", json.dumps(uuid.uuid4().hex)),
    )
    owners = {
        "mailbox": [row[0] for row in db.execute_sql("SELECT id FROM mailbox").fetchall()],
        "crm": [row[0] for row in db.execute_sql("SELECT id FROM crm_account").fetchall()],
    }
    if owners["mailbox"] or owners["crm"]:
        db.execute_sql(
            "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
            ("secrets.legacy_owners", json.dumps(owners)),
        )


def _v4_team(db: SqliteDatabase) -> None:
    """The CRM publishing tables (R9): connections, folders and the publication queue."""
    from desktop.models import team

    db.create_tables(team.MODELS, safe=True)


def _v5_signature_images(db: SqliteDatabase) -> None:
    """SignatureImage: signature pictures stored once per mailbox (issue 12)."""
    from desktop.models.mail import SignatureImage

    db.create_tables([SignatureImage], safe=True)


def _v6_rules(db: SqliteDatabase) -> None:
    """Rules, saved filters, templates, labels, local folders, rule jobs and ledger (R15).

    Only creates what is missing (a v1 store made by this Holub already has them).
    """
    from desktop.models import rules

    db.create_tables(rules.MODELS, safe=True)


def _v7_signature_data_urls(db: SqliteDatabase) -> None:
    """Signatures written before signature pictures were stored carry them as data:
    URLs: move those into SignatureImage (scaled like the editor's, by content hash).

    A picture that cannot be read is left as it was (sending still makes it an inline
    part); the migration never fails on one mailbox's signature.
    """
    from desktop.errors import HolubError
    from desktop.models.mail import Mailbox
    from desktop.services.signature_images import store_signature_html

    query = Mailbox.select(Mailbox.id, Mailbox.signature_html)
    for box in query.where(Mailbox.signature_html.contains("data:image/")):
        try:
            html = store_signature_html(box.id, box.signature_html)
        except HolubError:
            continue
        Mailbox.update(signature_html=html).where(Mailbox.id == box.id).execute()


def _v8_signin_state(db: SqliteDatabase) -> None:
    """Mailbox.signin_state: "ok", or "needs sign-in" once a provider's sign-in expired."""
    have = {row[1] for row in db.execute_sql("PRAGMA table_info(mailbox)").fetchall()}
    if "signin_state" not in have:
        db.execute_sql(
            "ALTER TABLE mailbox ADD COLUMN signin_state VARCHAR(255) NOT NULL DEFAULT 'ok'"
        )


def _v9_shared_mailboxes(db: SqliteDatabase) -> None:
    """SharedMailbox: mailboxes colleagues shared through the CRM (R11)."""
    from desktop.models import shared

    db.create_tables(shared.MODELS, safe=True)


def _v10_task_fields(db: SqliteDatabase) -> None:
    """Task.due_date, finished and assignee_id (tasks show them, issue 7)."""
    have = {row[1] for row in db.execute_sql("PRAGMA table_info(task)").fetchall()}
    for column, ddl in (
        ("due_date", "DATE"),
        ("finished", "INTEGER NOT NULL DEFAULT 0"),
        ("assignee_id", "INTEGER"),
    ):
        if column not in have:
            db.execute_sql(f"ALTER TABLE task ADD COLUMN {column} {ddl}")


# Each entry takes the schema from version i to i+1. Never edit a released one:
# append a new function instead.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1_create_schema,
    _v2_login_methods,
    _v3_profile_secrets,
    _v4_team,
    _v5_signature_images,
    _v6_rules,
    _v7_signature_data_urls,
    _v8_signin_state,
    _v9_shared_mailboxes,
    _v10_task_fields,
]
SCHEMA_VERSION = len(MIGRATIONS)


def open_store(path: Path | str) -> SqliteDatabase:
    """Open (creating if needed) the store at ``path`` and bring its schema up to date."""
    path = Path(path)
    if path != Path(":memory:"):
        path.parent.mkdir(parents=True, exist_ok=True)
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    database.connect(reuse_if_open=True)
    migrate(database, path)
    return database


def migrate(db: SqliteDatabase, path: Path) -> None:
    current = db.execute_sql("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"The profile was written by a newer Holub (schema {current}, this one knows "
            f"{SCHEMA_VERSION}). Upgrade Holub to open it."
        )
    if current == SCHEMA_VERSION:
        return
    if current > 0 and path.exists():
        backup = path.with_name(f"{path.name}.v{current}-{int(time.time())}.bak")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, backup)
    for version in range(current, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")


def close_store() -> None:
    if not database.is_closed():
        database.close()
