"""Base model and small field helpers shared by the model modules."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from peewee import Model, TextField

from desktop.models.db import database


def utcnow() -> datetime:
    """Naive UTC datetime: the store keeps every timestamp in UTC without tzinfo."""
    return datetime.now(UTC).replace(tzinfo=None)


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
