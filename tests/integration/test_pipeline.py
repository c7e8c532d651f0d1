"""The explicit import pipeline: fixed order, change-set parts, no sync↔crm imports."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from desktop import pipeline
from desktop.changes import ChangeSet, bus
from desktop.crm import local
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch

REPO = Path(__file__).resolve().parents[2]


def _mail(n: int, frm: str = "jan@acme.cz") -> FetchedMessage:
    raw = f"From: {frm}\r\nTo: me@firma.cz\r\nSubject: Hi {n}\r\nMessage-ID: <p{n}@t>\r\n\r\nx\r\n"
    return FetchedMessage(remote_id=str(n), uid=n, raw=raw.encode())


def _inbox() -> Folder:
    mb = Mailbox.create(
        name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1), pairing_enabled=True
    )
    return Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)


def test_profile_installs_pairing_then_rules(profile) -> None:
    assert pipeline.active().names()[0] == "pairing"
    assert pipeline.active().names() == pipeline.default().names()


def test_published_change_set_names_filings(profile) -> None:
    local.add_company("Acme", "office@acme.cz")
    local.add_contact(1, "Jan", "jan@acme.cz")
    folder = _inbox()
    seen: list[ChangeSet] = []
    unsubscribe = bus.subscribe(seen.append)
    try:
        changes = store_batch(folder, [_mail(1), _mail(2, "nobody@else.cz")])
    finally:
        unsubscribe()
    paired = changes.added[0]
    assert changes.filings == {paired}
    assert seen and seen[-1].filings == {paired} and len(seen[-1].added) == 2


def test_steps_run_in_order_inside_the_transaction(profile) -> None:
    from desktop.models.db import database

    calls: list[str] = []

    def step(name: str):
        def run(mailbox, stored):
            assert database.in_transaction()
            calls.append(name)
            return ChangeSet(updated=[m.id for m, _ in stored]) if name == "b" else None

        return run

    after: list[ChangeSet] = []
    pipeline.install(
        pipeline.Pipeline(
            (
                pipeline.Step("a", on_import=step("a")),
                pipeline.Step("b", on_import=step("b"), after_commit=after.append),
            )
        )
    )
    try:
        changes = store_batch(_inbox(), [_mail(3)])
    finally:
        pipeline.install(pipeline.default())
    assert calls == ["a", "b"]
    assert changes.updated == changes.added
    assert after and after[0].added == changes.added


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (REPO / "desktop" / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
    return found


def test_sync_and_crm_do_not_import_each_other() -> None:
    assert not {m for m in _imports("sync") if m.startswith("desktop.crm")}
    assert not {m for m in _imports("crm") if m.startswith("desktop.sync")}
