"""Base model and small field helpers shared by the model modules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from peewee import SQL, AutoField, Expression, Field, Model, TextField

from desktop.models.db import database


def utcnow() -> datetime:
    """Naive UTC datetime: the store keeps every timestamp in UTC without tzinfo."""
    return datetime.now(UTC).replace(tzinfo=None)


def among(field: Field, values: Iterable[Any]) -> Expression:
    """``field IN (values)`` with the values as one JSON parameter (SQLite's json_each).

    peewee writes ``IN (?, ?, …)`` through Python one value at a time: for the few
    hundred ids of an import batch that was most of the batch's SQL time. The index on
    ``field`` is used as for a plain IN list, and there is no limit on the count.
    """
    return field.in_(SQL("(SELECT value FROM json_each(?))", [json.dumps(list(values))]))


def insert_sql(model: type[Model], fields: Sequence[Field], verb: str = "INSERT") -> str:
    """``INSERT INTO table (columns…) VALUES (?…)`` for executemany over ``fields``."""
    return (
        f'{verb} INTO "{model._meta.table_name}" ('
        + ", ".join(f'"{f.column_name}"' for f in fields)
        + ") VALUES ("
        + ", ".join("?" for _ in fields)
        + ")"
    )


def insert_or_ignore(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """``model.insert_many(rows).on_conflict_ignore()`` by executemany.

    Keys are field names; a field left out gets its default, as peewee gives it. peewee
    builds one statement of every row's values through Python, which cost an import
    batch more than SQLite's own work on the rows.
    """
    if not rows:
        return
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, AutoField)]
    sql = insert_sql(model, fields, verb="INSERT OR IGNORE")

    def values(row: dict[str, Any]) -> list[Any]:
        out = []
        for f in fields:
            if f.name in row:
                value = row[f.name]
            else:
                value = f.default() if callable(f.default) else f.default
            out.append(f.db_value(value))
        return out

    database.connection().executemany(sql, [values(row) for row in rows])


class JSONField(TextField):
    """A JSON document kept in a TEXT column (address lists, small settings)."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
