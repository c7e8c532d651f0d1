"""`rules …` and `templates …` from the command line, and export's labels/local_folder."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from desktop.models.db import close_store
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
from desktop.profile import open_profile
from desktop.sync.store import FetchedMessage, store_batch

REPO = Path(__file__).resolve().parents[2]


def run(prof: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(prof), *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
    )


def _mail(n: int, subject: str) -> FetchedMessage:
    raw = (
        f"From: jan@acme.cz\r\nTo: me@firma.cz\r\nSubject: {subject}\r\n"
        f"Message-ID: <c{n}@x>\r\n\r\nbody\r\n"
    ).encode()
    return FetchedMessage(str(n), raw, uid=n)


def test_rules_and_templates_cli(tmp_path: Path) -> None:
    prof = tmp_path / "p"
    open_profile(prof)
    mb = Mailbox.create(name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)
    store_batch(inbox, [_mail(1, "Invoice 1"), _mail(2, "Hello")])
    close_store()

    r = run(
        prof,
        *("rules", "add", "--name", "Invoices", "--applies", "both"),
        *("--filter", "subject:invoice", "--action", "label", "Money"),
        *("--action", "move", "Účetnictví", "--action", "mark-read", "--stop"),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "rule 1 added"
    assert run(prof, "rules", "run", "1", "--count-only").stdout.strip() == "1 messages"
    r = run(prof, "rules", "run", "1")
    assert (r.returncode, r.stdout.strip()) == (0, "1 messages")
    assert run(prof, "rules", "run", "1").stdout.strip() == "0 messages"  # nothing repeated

    rows = [json.loads(line) for line in run(prof, "rules", "list", "--json").stdout.splitlines()]
    assert rows[0]["actions"] == [["label", "Money"], ["move", "Účetnictví"], ["mark-read"]]
    assert rows[0]["stop"] and rows[0]["touched"] == 1 and rows[0]["filter"] == "subject:invoice"
    assert run(prof, "rules", "disable", "1").returncode == 0
    assert "\toff\t" in run(prof, "rules", "list").stdout

    exported = [
        json.loads(line) for line in run(prof, "export", "--format", "jsonl").stdout.splitlines()
    ]
    by_subject = {row["subject"]: row for row in exported}
    assert by_subject["Invoice 1"]["labels"] == ["Money"]
    assert by_subject["Invoice 1"]["local_folder"] == "Účetnictví"
    assert by_subject["Invoice 1"]["seen"] is True
    assert (by_subject["Hello"]["labels"], by_subject["Hello"]["local_folder"]) == ([], None)

    body = tmp_path / "body.txt"
    body.write_text("Dobrý den {sender_name},\ndíky za {subject}.", encoding="utf-8")
    r = run(
        prof, "templates", "add", "Díky", "--subject", "Re: {subject}", "--body-file", str(body)
    )
    assert r.returncode == 0, r.stderr
    assert run(prof, "templates", "list").stdout.strip() == "1\tDíky\tRe: {subject}"
    r = run(prof, "rules", "add", "--name", "A", "--filter", "x", "--action", "reply", "Díky")
    assert r.returncode == 0, r.stderr
    assert run(prof, "rules", "remove", "1").returncode == 0
    assert [
        json.loads(x)["name"] for x in run(prof, "rules", "list", "--json").stdout.split("\n") if x
    ] == ["A"]


def test_rules_cli_errors(tmp_path: Path) -> None:
    prof = tmp_path / "p"
    bad_action = run(prof, "rules", "add", "--name", "x", "--filter", "a", "--action", "zap")
    assert bad_action.returncode == 2 and "unknown action" in bad_action.stderr
    missing_arg = run(prof, "rules", "add", "--name", "x", "--filter", "a", "--action", "label")
    assert missing_arg.returncode == 2 and "NAME" in missing_arg.stderr
    r = run(prof, "rules", "add", "--name", "x", "--filter", "a", "--action", "reply", "none")
    assert r.returncode == 1 and r.stderr.startswith("holub: ") and "template" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run(prof, "rules", "add", "--name", "x", "--filter", "after:nope", "--action", "delete")
    assert r.returncode == 1 and "after:" in r.stderr
    r = run(prof, "rules", "remove", "9")
    assert r.returncode == 1 and "no rule with id 9" in r.stderr
    r = run(prof, "templates", "add", "T", "--body-file", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "Cannot read" in r.stderr


def test_rules_run_runs_the_outside_actions(tmp_path: Path) -> None:
    prof = tmp_path / "p"
    open_profile(prof)
    mb = Mailbox.create(name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)
    store_batch(inbox, [_mail(1, "Invoice 1")])
    close_store()
    r = run(prof, "rules", "add", "--name", "C", "--filter", "invoice", "--action", "comment")
    assert r.returncode == 0, r.stderr
    r = run(prof, "rules", "run", "1")
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "1 messages",
        "actions: 0 done, 0 skipped, 0 to retry, 1 failed",
    ]
    assert r.stderr.startswith("holub: 1 action(s) failed") and len(r.stderr.splitlines()) == 1
    listed = json.loads(run(prof, "rules", "list", "--json").stdout)
    assert "not filed" in listed["last_error"]
