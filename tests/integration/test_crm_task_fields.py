"""Tasks carry their due date, state and assignee into the CRM cache: from Caflou (the
stand-in answers in the documented Task shape), from the local CRM's JSON, and from the
local CRM's own add/edit. A wrong shape is one plain error and leaves the cache alone."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.crm import api, local
from desktop.errors import InvalidInput, ServerError
from desktop.models.crm import CrmAccount, Task


def _pull(caflou):
    account = CrmAccount.create(base_url=caflou.url, email="jana@firma.cz", account_id=42)
    client = api.CaflouClient(caflou.url, account_id=42, sleep=lambda s: None)
    client.login("jana@firma.cz", "heslo")
    return api.pull(account, client=client)


def test_pull_reads_due_date_state_and_assignee(profile, caflou) -> None:
    st = caflou.state
    st.add(42, "users", {"id": 3, "name": "Ondřej", "email": "ondrej@firma.cz"})
    st.add(42, "tasks", {"id": 1, "name": "Offer", "end_date": "2026-12-24", "target_user_id": 3})
    st.add(42, "tasks", {"id": 2, "name": "Print", "end_time": "2026-12-05T16:00:00.000+01:00"})
    st.add(42, "tasks", {"id": 3, "name": "Invoice", "finished": True, "user_ids": [3]})
    assert _pull(caflou)["tasks"] == 3
    got = {t.id: (t.due_date, t.finished, t.assignee_id) for t in Task.select()}
    assert got == {
        1: (date(2026, 12, 24), False, 3),
        2: (date(2026, 12, 5), False, None),
        3: (None, True, 3),
    }
    # The stand-in's answer carries the schema's fields (null when unset).
    assert Task.get_by_id(2).data["target_user_id"] is None


@pytest.mark.parametrize(
    "bad", [{"end_date": "po Vánocích"}, {"finished": "ano"}, {"target_user_id": {"id": 3}}]
)
def test_a_task_of_the_wrong_shape_is_one_plain_error(profile, caflou, bad) -> None:
    caflou.state.add(42, "tasks", {"id": 1, "name": "Offer"})
    _pull(caflou)
    caflou.state.add(42, "tasks", {"id": 2, "name": "Odd", **bad})
    with pytest.raises(ServerError, match="does not understand"):
        _pull(caflou)
    assert [t.id for t in Task.select()] == [1]  # the cache as it was


def test_a_task_created_in_caflou_keeps_what_caflou_answered(profile, caflou) -> None:
    caflou.state.add(42, "users", {"id": 3, "name": "Ondřej", "email": "ondrej@firma.cz"})
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo")
    new_id = api.create_object(account, "task", {"name": "Call back"})
    task = Task.get_by_id(new_id)
    assert (task.due_date, task.finished, task.assignee_id) == (None, False, None)
    assert caflou.state.data[42]["tasks"][new_id]["finished"] is False


def test_local_json_and_edits_keep_the_fields(profile, tmp_path) -> None:
    path = tmp_path / "crm.json"
    path.write_text(
        json.dumps(
            {
                "users": [{"id": 1, "name": "Petra", "email": "petra@studio.cz"}],
                "tasks": [
                    {"id": 7, "name": "Offer", "end_date": "2026-12-24", "target_user_id": 1},
                    {"id": 8, "name": "Done", "finished": True, "target_user_id": 99},
                ],
            }
        )
    )
    local.import_json(path)
    assert (Task.get_by_id(7).due_date, Task.get_by_id(7).assignee_id) == (date(2026, 12, 24), 1)
    assert Task.get_by_id(8).finished and Task.get_by_id(8).assignee_id is None  # no user 99
    local.edit("task", 7, due_date="2027-01-10", finished=True, assignee_id=None)
    task = Task.get_by_id(7)
    assert (task.due_date, task.finished, task.assignee_id) == (date(2027, 1, 10), True, None)
    new = local.add_task("Call", due_date=date(2026, 12, 31), assignee_id=1)
    assert Task.get_by_id(new).due_date == date(2026, 12, 31)
    with pytest.raises(InvalidInput, match="not a date"):
        local.edit("task", 7, due_date="tomorrow")
    with pytest.raises(InvalidInput, match="no user"):
        local.edit("task", 7, assignee_id=42)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"tasks": [{"id": 9, "name": "X", "finished": "yes"}]}))
    with pytest.raises(InvalidInput, match="finished"):
        local.import_json(bad)
    assert Task.get_by_id(7).finished  # all or nothing: the CRM as it was
