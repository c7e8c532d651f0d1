"""The local CRM: companies, contacts, projects and tasks kept in the profile itself.

This is the default when no Caflou account is connected. It uses the same cache
tables as the Caflou client (desktop/models/crm.py), so pairing and the views do not
care where the data came from. Ids are unique per kind, as in Caflou, because
``#1234#`` in a subject names a project or task by its id.

File shape for ``import_json`` (extra keys are kept in ``data`` and otherwise ignored;
a task's due date, state and assignee use Caflou's names, read by crm/task_fields.py)::

    {"companies": [{"id": 1, "name": "Acme", "email": "office@acme.cz"}],
     "contacts":  [{"id": 1, "company_id": 1, "name": "Jan", "email": "jan@acme.cz"}],
     "projects":  [{"id": 1234, "name": "Web", "company_id": 1}],
     "tasks":     [{"id": 77, "name": "Offer", "project_id": 1234, "company_id": 1,
                    "end_date": "2026-12-24", "finished": false, "target_user_id": 1}],
     "users":     [{"id": 1, "name": "Petra", "email": "petra@firma.cz"}]}   # optional
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from peewee import fn

from desktop.crm import cache, task_fields
from desktop.errors import InvalidInput
from desktop.models.crm import Company, Contact, CrmAccount, CrmUser, Project, Task
from desktop.models.db import database

_KINDS = {"company": Company, "contact": Contact, "project": Project, "task": Task}


def _ensure_local() -> None:
    if CrmAccount.select().where(CrmAccount.account_id.is_null(False)).exists():
        raise InvalidInput(
            "A Caflou account is connected: edit companies, projects and tasks in Caflou "
            "and run `crm pull`."
        )


def _model(kind: str):
    try:
        return _KINDS[kind]
    except KeyError:
        raise InvalidInput(f"Unknown CRM object kind {kind!r}.") from None


def _next_id(model) -> int:
    return (model.select(fn.MAX(model.id)).scalar() or 0) + 1


def _check_ref(model, value: int | None, what: str) -> int | None:
    if value in (None, ""):
        return None
    value = int(value)
    if not model.select().where(model.id == value).exists():
        raise InvalidInput(f"There is no {what} with id {value}.")
    return value


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    if email and "@" not in email:
        raise InvalidInput(f"{email!r} is not an e-mail address.")
    return email


def add(kind: str, *, id: int | None = None, **fields: Any) -> int:
    """Add a company, contact, project or task; returns its id."""
    _ensure_local()
    model = _model(kind)
    with database.atomic():
        if id is None:
            id = _next_id(model)
        elif model.select().where(model.id == int(id)).exists():
            raise InvalidInput(f"A {kind} with id {id} already exists.")
        row = _validated(kind, fields, creating=True)
        model.insert(id=int(id), **row).execute()
        cache.bump_version()
    return int(id)


def edit(kind: str, object_id: int, **fields: Any) -> None:
    _ensure_local()
    model = _model(kind)
    with database.atomic():
        if not model.select().where(model.id == object_id).exists():
            raise InvalidInput(f"There is no {kind} with id {object_id}.")
        row = _validated(kind, fields, creating=False)
        if row:
            model.update(**row).where(model.id == object_id).execute()
        cache.bump_version()


def remove(kind: str, object_id: int) -> None:
    """Remove an object. Its filings stay (they name an id) but no longer show."""
    _ensure_local()
    model = _model(kind)
    with database.atomic():
        if not model.delete().where(model.id == object_id).execute():
            raise InvalidInput(f"There is no {kind} with id {object_id}.")
        cache.bump_version()


def _validated(kind: str, fields: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if "name" in fields or creating:
        name = str(fields.get("name") or "").strip()
        if not name and kind != "contact":
            raise InvalidInput(f"A {kind} needs a name.")
        row["name"] = name
    if "email" in fields and kind in ("company", "contact"):
        row["email"] = _clean_email(str(fields["email"] or ""))
    if "company_id" in fields and kind != "company":
        row["company"] = _check_ref(Company, fields["company_id"], "company")
    if "project_id" in fields and kind == "task":
        row["project"] = _check_ref(Project, fields["project_id"], "project")
    if kind == "task":
        row.update(_task_row(fields))
    if "data" in fields:
        row["data"] = fields["data"]
    return row


def _task_row(fields: dict[str, Any]) -> dict[str, Any]:
    """A task's due date (a date or ISO text; None clears it), state and assignee."""
    row: dict[str, Any] = {}
    if "due_date" in fields:
        due = fields["due_date"]
        if isinstance(due, date):
            row["due_date"] = due
        else:
            try:
                row["due_date"] = task_fields.parse_date(due, "due_date")
            except task_fields.BadTaskField:
                raise InvalidInput(f"{due!r} is not a date (YYYY-MM-DD).") from None
    if "finished" in fields:
        row["finished"] = bool(fields["finished"])
    if "assignee_id" in fields:
        row["assignee_id"] = _check_ref(CrmUser, fields["assignee_id"], "user")
    return row


def add_company(name: str, email: str = "", *, id: int | None = None) -> int:
    return add("company", id=id, name=name, email=email)


def add_contact(company_id: int | None, name: str, email: str, *, id: int | None = None) -> int:
    return add("contact", id=id, company_id=company_id, name=name, email=email)


def add_project(name: str, company_id: int | None = None, *, id: int | None = None) -> int:
    return add("project", id=id, name=name, company_id=company_id)


def add_task(
    name: str,
    project_id: int | None = None,
    company_id: int | None = None,
    *,
    id: int | None = None,
    due_date: date | str | None = None,
    finished: bool = False,
    assignee_id: int | None = None,
) -> int:
    return add(
        "task",
        id=id,
        name=name,
        project_id=project_id,
        company_id=company_id,
        due_date=due_date,
        finished=finished,
        assignee_id=assignee_id,
    )


def _int_or_none(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{value!r} is not an id.") from None


def import_json(path: str | Path) -> dict[str, int]:
    """Replace the local CRM with the file's content (shape in the module docstring).

    All or nothing: a bad file leaves the CRM as it was. Returns counts per kind.
    """
    _ensure_local()
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path} is not a JSON file: {exc}") from exc
    if not isinstance(doc, dict):
        raise InvalidInput(f"{path}: expected an object with companies, contacts, projects, tasks")
    data = {
        key: doc.get(key) or [] for key in ("companies", "contacts", "projects", "tasks", "users")
    }
    for key, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InvalidInput(f"{path}: {key!r} must be a list of objects")

    def rows(items: list[dict], kind: str, build) -> list[dict]:
        out, seen = [], set()
        for item in items:
            oid = _int_or_none(item.get("id"))
            if oid is None:
                raise InvalidInput(f"{path}: a {kind} without an id")
            if oid in seen:
                raise InvalidInput(f"{path}: two {kind} records have id {oid}")
            seen.add(oid)
            out.append({"id": oid, **build(item), "data": item})
        return out

    companies = rows(
        data["companies"],
        "company",
        lambda i: {"name": str(i.get("name") or ""), "email": str(i.get("email") or "")},
    )
    company_ids = {c["id"] for c in companies}

    def company_ref(i: dict) -> int | None:
        cid = _int_or_none(i.get("company_id"))
        return cid if cid in company_ids else None

    contacts = rows(
        data["contacts"],
        "contact",
        lambda i: {
            "company": company_ref(i),
            "name": str(i.get("name") or ""),
            "email": str(i.get("email") or ""),
        },
    )
    projects = rows(
        data["projects"],
        "project",
        lambda i: {"name": str(i.get("name") or ""), "company": company_ref(i)},
    )
    project_ids = {p["id"] for p in projects}
    users = rows(
        data["users"],
        "user",
        lambda i: {"name": str(i.get("name") or ""), "email": str(i.get("email") or "")},
    )
    user_ids = {u["id"] for u in users}

    def task_row(i: dict) -> dict:
        try:
            extra = task_fields.read(i)
        except task_fields.BadTaskField as exc:
            raise InvalidInput(f"{path}: task {i.get('id')}: {exc} is not valid") from None
        row = extra.row()
        if row["assignee_id"] not in user_ids:
            row["assignee_id"] = None  # a user the file does not list: nobody to show
        return row

    tasks = rows(
        data["tasks"],
        "task",
        lambda i: {
            "name": str(i.get("name") or ""),
            "project": (p if (p := _int_or_none(i.get("project_id"))) in project_ids else None),
            "company": company_ref(i),
            **task_row(i),
        },
    )
    with database.atomic():
        for model in (Task, Project, Contact, Company, CrmUser):
            model.delete().execute()
        for model, items in (
            (Company, companies),
            (Contact, contacts),
            (Project, projects),
            (Task, tasks),
            (CrmUser, users),
        ):
            cache.bulk_insert(model, items)
        cache.bump_version()
    return {
        "companies": len(companies),
        "contacts": len(contacts),
        "projects": len(projects),
        "tasks": len(tasks),
    }
