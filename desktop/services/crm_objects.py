"""Create a CRM object from the CRM views (no message to start from), Qt-free.

With a CRM account the CRM creates it (network: call from a background job);
otherwise the local CRM does. Publishes ``crm`` on the bus.
"""

from __future__ import annotations

from desktop.changes import ChangeSet, bus
from desktop.crm import service
from desktop.errors import InvalidInput


def create_object(
    kind: str,
    *,
    name: str,
    email: str = "",
    company_id: int | None = None,
    project_id: int | None = None,
) -> int:
    """A new company, project or task; returns its id."""
    name = name.strip()
    if not name:
        raise InvalidInput(f"A {kind} needs a name.")
    if kind == "company":
        fields: dict = {"name": name, "email": email.strip()}
    elif kind == "project":
        fields = {"name": name, "company_id": company_id}
    elif kind == "task":
        fields = {"name": name, "company_id": company_id, "project_id": project_id}
    else:
        raise InvalidInput(f"Holub cannot create a {kind} here.")
    account = service.remote_account()
    if account is not None:
        from desktop.crm import api

        new_id = int(api.create_object(account, kind, fields))
    else:
        from desktop.crm import local

        new_id = local.add(kind, **fields)
    bus.publish(ChangeSet(crm=True))
    return new_id
