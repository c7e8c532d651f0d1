"""The local CRM: add/edit/remove with ids unique per kind, and import_json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.crm import cache, local
from desktop.errors import InvalidInput
from desktop.models.crm import Company, Contact, CrmAccount, Project, Task


def test_add_edit_remove_and_unique_ids(profile) -> None:
    acme = local.add_company("Acme", "office@acme.cz")
    assert acme == 1
    assert local.add_project("Web", acme, id=1) == 1  # same id, other kind: fine
    with pytest.raises(InvalidInput, match="already exists"):
        local.add_company("Dup", id=1)
    with pytest.raises(InvalidInput, match="no company"):
        local.add_project("X", 77)
    with pytest.raises(InvalidInput, match="not an e-mail"):
        local.add_company("Bad", "nope")
    with pytest.raises(InvalidInput, match="needs a name"):
        local.add_task("  ")
    contact = local.add_contact(acme, "Jan", "jan@acme.cz")
    task = local.add_task("Offer", 1, acme)
    before = cache.version()
    local.edit("company", acme, email="new@acme.cz", name="Acme a.s.")
    assert cache.version() == before + 1
    assert cache.current_index().by_address["new@acme.cz"] == (acme,)
    local.edit("task", task, project_id=None)
    assert Task.get_by_id(task).project_id is None
    local.remove("company", acme)
    assert Contact.get_by_id(contact).company_id is None
    assert "jan@acme.cz" not in cache.current_index().by_address
    with pytest.raises(InvalidInput):
        local.remove("company", acme)


def test_import_json_replaces_all_or_nothing(profile, tmp_path: Path) -> None:
    local.add_company("Old", "old@x.cz")
    good = tmp_path / "crm.json"
    good.write_text(
        json.dumps(
            {
                "companies": [{"id": 5, "name": "Acme", "email": "a@acme.cz", "ico": "123"}],
                "contacts": [{"id": 1, "company_id": 5, "name": "Jan", "email": "j@acme.cz"}],
                "projects": [{"id": 1234, "name": "Web", "company_id": 99}],
                "tasks": [{"id": 7, "name": "T", "project_id": 1234, "company_id": 5}],
                "extra": True,
            }
        )
    )
    counts = local.import_json(good)
    assert counts == {"companies": 1, "contacts": 1, "projects": 1, "tasks": 1}
    assert [c.name for c in Company.select()] == ["Acme"]
    assert Company.get_by_id(5).data["ico"] == "123"
    assert Project.get_by_id(1234).company_id is None  # unknown company dropped
    dup = tmp_path / "dup.json"
    dup.write_text(json.dumps({"companies": [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}]}))
    with pytest.raises(InvalidInput, match="two company records"):
        local.import_json(dup)
    with pytest.raises(InvalidInput, match="Cannot read"):
        local.import_json(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"companies": "no"}))
    with pytest.raises(InvalidInput, match="must be a list"):
        local.import_json(bad)
    assert [c.name for c in Company.select()] == ["Acme"]


def test_local_edits_refused_with_a_caflou_account(profile) -> None:
    CrmAccount.create(base_url="https://app.caflou.com", email="a@b.cz", account_id=1)
    with pytest.raises(InvalidInput, match="Caflou account is connected"):
        local.add_company("X")
