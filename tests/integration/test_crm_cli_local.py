"""`crm import|status|repair|file|unfile|signals` on a local-CRM profile, as scripts use them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from desktop.models.db import close_store
from desktop.models.mail import Folder, Mailbox
from desktop.profile import open_profile
from desktop.sync.store import FetchedMessage, store_batch

REPO = Path(__file__).resolve().parents[2]


def run(prof: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(prof), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_local_crm_from_the_command_line(tmp_path: Path) -> None:
    prof = tmp_path / "p"
    open_profile(prof)
    mb = Mailbox.create(
        name="W",
        email="me@firma.cz",
        import_from=dt.date(2026, 1, 1),
        pairing_enabled=False,
        signals_enabled=True,
    )
    inbox = Folder.create(mailbox=mb, remote_name="INBOX")
    raws = [
        b"From: Jan <jan@acme.cz>\r\nTo: me@firma.cz\r\nSubject: Hi\r\nMessage-ID: <a@x>\r\n\r\nx\r\n",
        b"From: z@zeta.cz\r\nTo: me@firma.cz\r\nSubject: Re: #7#\r\nMessage-ID: <b@x>\r\n\r\nx\r\n",
    ]
    store_batch(inbox, [FetchedMessage(str(i), r, uid=i) for i, r in enumerate(raws, 1)])
    close_store()
    crm_file = tmp_path / "crm.json"
    crm_file.write_text(
        json.dumps(
            {
                "companies": [{"id": 1, "name": "Acme", "email": "office@acme.cz", "ico": "1"}],
                "contacts": [{"id": 1, "company_id": 1, "name": "Jan", "email": "jan@acme.cz"}],
                "projects": [{"id": 7, "name": "Web", "company_id": 1}],
                "tasks": [{"id": 8, "name": "Offer", "project_id": 7, "company_id": 1}],
            }
        )
    )
    r = run(prof, "crm", "import", str(crm_file))
    assert r.returncode == 0, r.stderr
    assert "1 companies, 1 contacts, 1 projects, 1 tasks" in r.stdout
    # The import re-paired the mail that was already there: two open signals now.
    lines = run(prof, "crm", "signals", "list", "--json").stdout.splitlines()
    sigs = [json.loads(line) for line in lines]
    assert {(s["kind"], s["object_id"]) for s in sigs} == {("company", 1), ("project", 7)}
    by_kind = {s["kind"]: s for s in sigs}
    assert run(prof, "crm", "signals", "accept", str(by_kind["company"]["id"])).returncode == 0
    assert run(prof, "crm", "signals", "dismiss", str(by_kind["project"]["id"])).returncode == 0
    assert run(prof, "crm", "signals", "list").stdout == ""
    r = run(prof, "crm", "file", "task", "8", "2")
    assert r.returncode == 0 and "Filed 1" in r.stdout
    assert run(prof, "crm", "unfile", "company", "1", "1").returncode == 0
    r = run(prof, "crm", "repair")
    assert r.returncode == 0
    status = json.loads(run(prof, "crm", "status", "--json").stdout)
    assert status["crm"] == "local" and status["filings"] == 1 and status["open_signals"] == 0
    # Expected failures: one line, exit 1.
    r = run(prof, "crm", "file", "task", "999", "1")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "999" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run(prof, "crm", "import", str(bad))
    assert r.returncode == 1 and "not a JSON file" in r.stderr
    assert run(prof, "crm", "pull").returncode == 1
