"""A task's due date, state and assignee from a CRM record (Caflou API v1's Task names),
and the migration that gives older stores the columns."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from desktop.crm import task_fields
from desktop.crm.task_fields import BadTaskField, TaskFields
from desktop.models import db
from desktop.models.crm import Task


def test_the_documented_fields_are_read():
    record = {"end_date": "2026-12-24", "finished": True, "target_user_id": 7, "user_id": 1}
    assert task_fields.read(record) == TaskFields(date(2026, 12, 24), True, 7)


def test_end_time_gives_the_date_in_its_own_offset():
    got = task_fields.read({"end_time": "2026-12-05T23:30:00.000+01:00"})
    assert got.due_date == date(2026, 12, 5)
    assert task_fields.read({"end_time": "2026-12-05T08:00:00Z"}).due_date == date(2026, 12, 5)


def test_nothing_set_is_an_open_task_for_nobody():
    assert task_fields.read({}) == TaskFields()
    empty = {"end_date": "", "end_time": None, "finished": None, "target_user_id": None}
    assert task_fields.read(empty) == TaskFields()


def test_without_a_target_user_the_first_of_user_ids_is_the_assignee():
    assert task_fields.read({"user_ids": [4, 5]}).assignee_id == 4
    assert task_fields.read({"target_user_id": 2, "user_ids": [4]}).assignee_id == 2


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"end_date": "soon"}, "end_date"),
        ({"end_date": 20261224}, "end_date"),
        ({"end_time": "2026-13-01T00:00:00"}, "end_time"),
        ({"finished": "yes"}, "finished"),
        ({"finished": 1}, "finished"),
        ({"target_user_id": [1]}, "target_user_id"),
        ({"target_user_id": True}, "target_user_id"),
        ({"target_user_id": 2.5}, "target_user_id"),
        ({"target_user_id": 10**30}, "target_user_id"),
        ({"user_ids": "1,2"}, "user_ids"),
        ({"user_ids": [{"id": 1}]}, "user_ids"),
    ],
)
def test_wrong_shapes_name_the_field(record, field):
    with pytest.raises(BadTaskField, match=field):
        task_fields.read(record)


def _task_columns(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[1] for row in conn.execute("PRAGMA table_info(task)")}


def test_a_store_from_before_the_columns_gets_them_with_its_tasks_intact(tmp_path):
    path = tmp_path / "holub.sqlite3"
    db.open_store(path)
    Task.insert(id=5, name="Offer").execute()
    db.close_store()
    [index] = [i for i, f in enumerate(db.MIGRATIONS) if f.__name__.endswith("_task_fields")]
    with sqlite3.connect(path) as conn:
        for column in ("due_date", "finished", "assignee_id"):
            conn.execute(f"ALTER TABLE task DROP COLUMN {column}")
        conn.execute(f"PRAGMA user_version = {index}")
    db.open_store(path)
    try:
        task = Task.get_by_id(5)
        assert (task.name, task.due_date, task.finished, task.assignee_id) == (
            "Offer",
            None,
            False,
            None,
        )
        db.MIGRATIONS[index](db.database)  # idempotent: run again, nothing to add
    finally:
        db.close_store()
    assert {"due_date", "finished", "assignee_id"} <= _task_columns(path)
