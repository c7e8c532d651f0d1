"""What a task view shows of a task: due date, state and assignee's name (Qt-free).

One query for any number of tasks (the task list, the picker), so no view runs a
query per row. The values come from the CRM cache (desktop/crm/task_fields.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from desktop.models.crm import CrmUser, Task

OPEN, DONE, OVERDUE = "open", "done", "overdue"


@dataclass(frozen=True)
class TaskStatus:
    due_date: date | None = None
    finished: bool = False
    assignee_id: int | None = None
    assignee: str = ""  # the user's name (or e-mail); "" for nobody

    def state(self, today: date | None = None) -> str:
        """done, overdue (past its due date and not done) or open."""
        if self.finished:
            return DONE
        if self.due_date is not None and self.due_date < (today or date.today()):
            return OVERDUE
        return OPEN


def statuses(task_ids: Iterable[int]) -> dict[int, TaskStatus]:
    """The status of each task the cache holds among ``task_ids``."""
    ids = list(task_ids)
    out: dict[int, TaskStatus] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = (
            Task.select(
                Task.id, Task.due_date, Task.finished, Task.assignee_id, CrmUser.name, CrmUser.email
            )
            .join(CrmUser, on=(CrmUser.id == Task.assignee_id), join_type=JOIN.LEFT_OUTER)
            .where(Task.id.in_(chunk))
            .tuples()
        )
        for task_id, due, finished, assignee_id, name, email in rows:
            out[task_id] = TaskStatus(
                due_date=due,
                finished=bool(finished),
                assignee_id=assignee_id,
                assignee=(name or email or "") if assignee_id is not None else "",
            )
    return out


def status(task_id: int) -> TaskStatus | None:
    return statuses([task_id]).get(task_id)
