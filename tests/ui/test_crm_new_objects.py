"""CRM views: new company / project / task buttons (local CRM)."""

from __future__ import annotations

from desktop.crm import local
from desktop.models.crm import Company, Project, Task
from desktop.ui.crm.object_view import CrmObjectView


def _create(qtbot, view: CrmObjectView, **fields) -> None:
    view.new_button.click()
    dialog = view.new_dialog
    assert dialog.isVisible()
    dialog.name.setText(fields["name"])
    if "company" in fields:
        dialog.company.setCurrentIndex(dialog.company.findData(fields["company"]))
    with qtbot.waitSignal(dialog.created):
        dialog.buttons.accepted.emit()


def test_new_objects_from_their_views(qtbot, profile):
    acme = local.add_company("Acme", "office@acme.cz")
    companies = CrmObjectView("company")
    qtbot.addWidget(companies)
    companies.show()
    assert companies.new_button.text() == "New company…"
    _create(qtbot, companies, name="Beta")
    beta = Company.get(Company.name == "Beta")
    assert companies.object_id == beta.id
    assert companies.objects.currentItem().text().startswith("Beta")
    projects = CrmObjectView("project")
    qtbot.addWidget(projects)
    _create(qtbot, projects, name="Web", company=acme)
    assert Project.get(Project.name == "Web").company_id == acme
    tasks = CrmObjectView("task")
    qtbot.addWidget(tasks)
    tasks.new_button.click()
    tasks.new_dialog.buttons.accepted.emit()  # no name: refused, the dialog stays
    qtbot.waitUntil(lambda: tasks.new_dialog.error.isVisible())
    assert "needs a name" in tasks.new_dialog.error.text()
    assert Task.select().count() == 0
