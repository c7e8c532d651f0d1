"""The pairing index, built once per CRM refresh and shared by the process.

Every CRM change (local edit, JSON import, `crm pull`) bumps a version number kept
in the store (Setting "crm.version"), so a GUI process notices a pull made by the
CLI: checking the version is one primary-key read per import batch.
"""

from __future__ import annotations

import threading

from desktop.crm.pairing import PairingIndex
from desktop.models.base import insert_sql
from desktop.models.crm import Company, Contact, Project, Task
from desktop.models.db import database
from desktop.models.mail import Setting

VERSION_KEY = "crm.version"

_lock = threading.Lock()
_cached: tuple[tuple[str, int], PairingIndex] | None = None


def version() -> int:
    row = Setting.get_or_none(Setting.key == VERSION_KEY)
    return int(row.value) if row is not None and row.value is not None else 0


def bump_version() -> None:
    """Call inside the transaction that changed the CRM cache."""
    (
        Setting.insert(key=VERSION_KEY, value=version() + 1)
        .on_conflict(conflict_target=[Setting.key], update={Setting.value: version() + 1})
        .execute()
    )
    invalidate()


def invalidate() -> None:
    global _cached
    with _lock:
        _cached = None


def build_index() -> PairingIndex:
    return PairingIndex.build(
        Company.select(Company.id, Company.name, Company.email).tuples().iterator(),
        Contact.select(Contact.company, Contact.email)
        .where(Contact.email != "")
        .tuples()
        .iterator(),
        Project.select(Project.id, Project.company).tuples().iterator(),
        Task.select(Task.id, Task.project, Task.company).tuples().iterator(),
    )


def current_index() -> PairingIndex:
    global _cached
    # Keyed by the store's path too: tests (and profile switches) open other stores.
    current = (str(database.database), version())
    with _lock:
        if _cached is not None and _cached[0] == current:
            return _cached[1]
    index = build_index()
    with _lock:
        _cached = (current, index)
    return index


def bulk_insert(model, rows: list[dict]) -> None:
    """Insert many CRM records fast (executemany; peewee's insert_many builds huge SQL).

    Keys are field names (``company`` for a foreign key); values go through each
    field's ``db_value`` (JSON for ``data``)."""
    if not rows:
        return
    names = list(rows[0].keys())
    fields = [model._meta.fields[name] for name in names]
    sql = insert_sql(model, fields)
    conn = database.connection()
    conn.executemany(
        sql, ([f.db_value(row.get(n)) for f, n in zip(fields, names, strict=True)] for row in rows)
    )
