"""A task's due date, state and assignee as the task views say them (translated; the
date in the locale's format). Used by the task page, the task list and the picker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QListWidgetItem

from desktop.crm.task_status import DONE, OVERDUE, TaskStatus
from desktop.ui import dates

OVERDUE_COLOR = QColor("#b00020")
DONE_COLOR = QColor("#6b6b6b")


def state_text(status: TaskStatus, today: date | None = None) -> str:
    return {
        DONE: QCoreApplication.translate("TaskText", "Done"),
        OVERDUE: QCoreApplication.translate("TaskText", "Overdue"),
    }.get(status.state(today), QCoreApplication.translate("TaskText", "Not done"))


def due_text(status: TaskStatus) -> str:
    return (
        dates.day(status.due_date)
        if status.due_date
        else QCoreApplication.translate("TaskText", "No due date")
    )


def assignee_text(status: TaskStatus) -> str:
    if status.assignee:
        return status.assignee
    if status.assignee_id is not None:  # a user the CRM does not show us
        return QCoreApplication.translate("TaskText", "user #%1").replace(
            "%1", str(status.assignee_id)
        )
    return QCoreApplication.translate("TaskText", "Nobody")


def summary(status: TaskStatus, today: date | None = None) -> str:
    """One line for a list row: "due 24. 12. 2026 · Not done · Petra Nováková"."""
    parts = [state_text(status, today)]
    if status.due_date:
        parts.insert(
            0,
            QCoreApplication.translate("TaskText", "due %1").replace(
                "%1", dates.day(status.due_date)
            ),
        )
    if status.assignee or status.assignee_id is not None:
        parts.append(assignee_text(status))
    return " · ".join(parts)


def decorate(item: QListWidgetItem, status: TaskStatus, today: date | None = None) -> None:
    """A list row: done tasks greyed and struck through, overdue ones in red."""
    state = status.state(today)
    if state == DONE:
        font = QFont(item.font())
        font.setStrikeOut(True)
        item.setFont(font)
        item.setForeground(DONE_COLOR)
    elif state == OVERDUE:
        item.setForeground(OVERDUE_COLOR)
    item.setToolTip(
        "\n".join(
            [
                QCoreApplication.translate("TaskText", "Due: %1").replace("%1", due_text(status)),
                QCoreApplication.translate("TaskText", "State: %1").replace(
                    "%1", state_text(status, today)
                ),
                QCoreApplication.translate("TaskText", "Assignee: %1").replace(
                    "%1", assignee_text(status)
                ),
            ]
        )
    )
