"""Tasks show their due date (in the locale's format), state and assignee: on the task's
page, in the task list and in the filing picker — from Caflou (the stand-in) read-only,
and editable in the local CRM (issue 7)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from desktop.crm import api, local
from desktop.models.crm import Task
from desktop.ui import dates
from desktop.ui.crm.object_view import CrmObjectView
from desktop.ui.crm.picker import FilePickerDialog
from desktop.ui.crm.task_text import DONE_COLOR, OVERDUE_COLOR

TODAY = date.today()
DUE = TODAY + timedelta(days=9)
LATE = TODAY - timedelta(days=3)


def _caflou_tasks(caflou) -> None:
    st = caflou.state
    st.add(42, "users", {"id": 3, "name": "Ondřej Beneš", "email": "ondrej@firma.cz"})
    st.add(
        42, "tasks", {"id": 11, "name": "Offer", "end_date": DUE.isoformat(), "target_user_id": 3}
    )
    st.add(
        42, "tasks", {"id": 12, "name": "Proofs", "end_time": f"{LATE.isoformat()}T16:00:00+01:00"}
    )
    st.add(42, "tasks", {"id": 13, "name": "Invoice", "finished": True, "user_ids": [3]})
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo", account_id=42)
    api.pull(account)


def test_a_caflou_tasks_page_list_and_picker(qtbot, profile, caflou) -> None:
    _caflou_tasks(caflou)
    page = CrmObjectView("task", 11)
    qtbot.addWidget(page)
    page.show()
    assert page.due_label.text() == dates.day(DUE)
    assert page.state_label.text() == "Not done"
    assert page.assignee_label.text() == "Ondřej Beneš"

    late = CrmObjectView("task", 12)
    qtbot.addWidget(late)
    assert (late.due_label.text(), late.state_label.text()) == (dates.day(LATE), "Overdue")
    assert late.assignee_label.text() == "Nobody"

    tasks = CrmObjectView("task")
    qtbot.addWidget(tasks)
    rows = {tasks.objects.item(r).text(): tasks.objects.item(r) for r in range(3)}
    offer = rows[f"Offer  #11\ndue {dates.day(DUE)} · Not done · Ondřej Beneš"]
    proofs = rows[f"Proofs  #12\ndue {dates.day(LATE)} · Overdue"]
    invoice = rows["Invoice  #13\nDone · Ondřej Beneš"]
    assert proofs.foreground().color() == OVERDUE_COLOR
    assert invoice.foreground().color() == DONE_COLOR and invoice.font().strikeOut()
    assert not offer.font().strikeOut()
    assert f"Due: {dates.day(DUE)}" in offer.toolTip()

    picker = FilePickerDialog([], None)
    qtbot.addWidget(picker)
    picker.search.setText("Offer")
    assert [picker.results.item(r).text() for r in range(picker.results.count())] == [
        f"Task: Offer  #11 — due {dates.day(DUE)} · Not done · Ondřej Beneš"
    ]


def test_the_local_crm_edits_them_on_the_page(qtbot, profile, tmp_path) -> None:
    import json

    crm = tmp_path / "crm.json"
    crm.write_text(
        json.dumps(
            {
                "users": [{"id": 1, "name": "Petra"}, {"id": 2, "name": "Ondřej"}],
                "tasks": [{"id": 5, "name": "Leták", "end_date": DUE.isoformat()}],
            }
        )
    )
    local.import_json(crm)
    page = CrmObjectView("task", 5)
    qtbot.addWidget(page)
    page.show()
    assert page.has_due.isChecked() and page.due_edit.date().toPython() == DUE
    assert not page.done_check.isChecked()
    assert page.assignee_combo.currentData() is None
    page.done_check.setChecked(True)
    page.assignee_combo.setCurrentIndex(page.assignee_combo.findData(2))
    page.has_due.setChecked(False)
    assert not page.due_edit.isEnabled()
    page.save()
    task = Task.get_by_id(5)
    assert (task.due_date, task.finished, task.assignee_id) == (None, True, 2)
    # The page shows what was saved; a due date can be set again.
    assert page.done_check.isChecked() and page.assignee_combo.currentData() == 2
    page.has_due.setChecked(True)
    page.due_edit.setDate(page.due_edit.date().fromString(LATE.isoformat(), "yyyy-MM-dd"))
    page.save()
    assert Task.get_by_id(5).due_date == LATE


def test_a_narrow_task_list_elides_rather_than_scrolls_sideways(qtbot, profile) -> None:
    local.add_task("A task with a rather long name to outgrow a narrow list", due_date=DUE)
    tasks = CrmObjectView("task")
    qtbot.addWidget(tasks)
    tasks.resize(700, 400)
    tasks.show()
    tasks.objects.setFixedWidth(160)
    qtbot.waitUntil(lambda: tasks.objects.viewport().width() < 160)
    view = tasks.objects
    room = view.viewport().width()
    item = view.item(0)
    assert view.visualItemRect(item).width() <= room
    assert not view.horizontalScrollBar().isVisible()
    assert item.toolTip()  # the whole text, elided on screen
    # Projects and companies are one line, "Name  #id": elided in the middle, the id kept.
    projects = CrmObjectView("project")
    qtbot.addWidget(projects)
    assert projects.objects.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert view.textElideMode() == Qt.TextElideMode.ElideRight  # a task's lines end-elided
