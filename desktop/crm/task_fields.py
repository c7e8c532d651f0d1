"""A task's due date, state and assignee, read from a CRM record (pure, no I/O).

Caflou API v1 (reference/caflou-api-v1-subset.json, schema ``Task``) gives them as
``end_date`` (a date) and ``end_time`` (an ISO 8601 date-time, the writable one),
``finished`` (boolean), and ``target_user_id`` (the user the task is for; ``user_id``
is who entered it) with ``user_ids`` (everyone working on it). The local CRM's JSON uses
the same names, so one reader serves both and the cache holds the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


class BadTaskField(ValueError):
    """A field of the record has a shape Holub does not understand (says which)."""


@dataclass(frozen=True)
class TaskFields:
    due_date: date | None = None
    finished: bool = False
    assignee_id: int | None = None

    def row(self) -> dict[str, Any]:
        """The Task model's columns."""
        return {
            "due_date": self.due_date,
            "finished": self.finished,
            "assignee_id": self.assignee_id,
        }


def parse_date(value: Any, field: str) -> date | None:
    """An ISO 8601 date, or the date part of a date-time (in its own offset: the day
    the CRM's user sees); empty → None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadTaskField(field)
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise BadTaskField(field) from None


def _user_id(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise BadTaskField(field)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadTaskField(field) from None
    if isinstance(value, float) and not value.is_integer():
        raise BadTaskField(field)
    if not 0 < number < 2**63:
        raise BadTaskField(field)
    return number


def read(record: dict[str, Any]) -> TaskFields:
    """The fields of one task record; BadTaskField names the first one that is wrong."""
    due = parse_date(record.get("end_date"), "end_date")
    if due is None:
        due = parse_date(record.get("end_time"), "end_time")
    finished = record.get("finished")
    if finished is not None and not isinstance(finished, bool):
        raise BadTaskField("finished")
    assignee = _user_id(record.get("target_user_id"), "target_user_id")
    if assignee is None:
        others = record.get("user_ids")
        if others not in (None, ""):
            if not isinstance(others, list):
                raise BadTaskField("user_ids")
            ids = [_user_id(v, "user_ids") for v in others]
            assignee = next((i for i in ids if i is not None), None)
    return TaskFields(due_date=due, finished=bool(finished), assignee_id=assignee)
