"""The shipped demo data: deterministic, parseable, and matching the CRM sample."""

from __future__ import annotations

import json
import mailbox
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.sync import mime

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


@pytest.fixture(scope="module")
def parsed() -> list[mime.ParsedMessage]:
    return [mime.parse(m.as_bytes()) for m in mailbox.mbox(str(DEMO / "demo.mbox"))]


@pytest.fixture(scope="module")
def crm() -> dict:
    return json.loads((DEMO / "crm.json").read_text(encoding="utf-8"))


def test_generator_is_deterministic(tmp_path):
    subprocess.run(
        [sys.executable, str(DEMO / "make_demo.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "demo.mbox").read_bytes() == (DEMO / "demo.mbox").read_bytes()
    assert (tmp_path / "crm.json").read_bytes() == (DEMO / "crm.json").read_bytes()


def test_small_enough():
    assert sum(p.stat().st_size for p in DEMO.iterdir()) < 2_000_000


def test_about_two_hundred_messages_in_two_languages(parsed):
    assert 180 <= len(parsed) <= 220
    subjects = " ".join(p.subject for p in parsed)
    assert "Faktura" in subjects and "Invoice" in subjects


def test_crm_shape(crm):
    for key, fields in {
        "companies": {"id", "name", "email"},
        "contacts": {"id", "company_id", "name", "email"},
        "projects": {"id", "name", "company_id"},
        "tasks": {"id", "name", "project_id", "company_id", "end_date", "finished"},
    }.items():
        assert crm[key]
        for row in crm[key]:
            assert fields <= row.keys()


def test_tasks_have_due_dates_states_and_assignees(crm):
    from desktop.crm import task_fields

    users = {u["id"] for u in crm["users"]}
    fields = [task_fields.read(t) for t in crm["tasks"]]
    assert any(f.finished for f in fields) and any(not f.finished for f in fields)
    assert any(f.due_date for f in fields) and any(f.due_date is None for f in fields)
    assert {f.assignee_id for f in fields} - {None} <= users


def test_tags_and_senders_match_the_crm(parsed, crm):
    ids = {p["id"] for p in crm["projects"]} | {t["id"] for t in crm["tasks"]}
    tags = {int(t) for p in parsed for t in re.findall(r"#(\d+)#", p.subject)}
    assert tags and tags <= ids
    assert len(tags) >= 10
    crm_addrs = {c["email"] for c in crm["companies"]} | {c["email"] for c in crm["contacts"]}
    senders = {p.from_addr for p in parsed}
    assert len(crm_addrs & senders) >= 10


def test_threads_point_at_messages_in_the_box(parsed):
    ids = {p.message_id for p in parsed}
    replies = [p for p in parsed if p.in_reply_to]
    assert len(replies) >= 40
    assert all(p.in_reply_to in ids and set(p.references) <= ids for p in replies)


def test_attachments_newsletter_and_malformed(parsed):
    types = {a.content_type for p in parsed for a in p.attachments}
    assert {"application/pdf", "image/png", "text/csv"} <= types
    assert any(a.content_id and a.inline for p in parsed for a in p.attachments)
    newsletters = [p for p in parsed if "open.gif" in p.html]
    assert newsletters and all("https://cdn.newsletter.example.com" in p.html for p in newsletters)
    assert sum(1 for p in parsed if p.parse_errors or not (p.text or p.html)) >= 3


def test_demo_through_the_real_import_paths_pairs_everywhere(profile, crm):
    """CRM first, then the mbox, into a local mailbox that knows the owner's address."""
    from datetime import date

    from desktop.crm.local import import_json
    from desktop.models.crm import Filing, Signal
    from desktop.models.mail import KIND_LOCAL, Mailbox, Message
    from desktop.sync.local_import import import_path

    import_json(DEMO / "crm.json")
    Mailbox.create(
        name="Demo", kind=KIND_LOCAL, email=crm["owner"]["email"], import_from=date(2026, 11, 2)
    )
    changes = import_path(DEMO / "demo.mbox", mailbox_name="Demo")
    assert len(changes.added) == Message.select().count() >= 180
    assert Message.select().where(Message.direction == "sent").count() >= 40
    filed = {(f.object_kind, f.object_id) for f in Filing.select()}
    assert {("company", c["id"]) for c in crm["companies"]} <= filed
    assert {("project", p["id"]) for p in crm["projects"]} <= filed
    assert len({i for k, i in filed if k == "task"}) >= 8
    # The photographer works for two companies: a signal, not a filing.
    assert Signal.select().where(Signal.state == "open").count() >= 2
