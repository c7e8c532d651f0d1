"""Publishing filed mail to Caflou (R9) against the e-mail stand-in, on a real store.

The real import path files the messages (store_batch → pairing), the real Caflou
client talks to tests/servers/caflou_mail.py over HTTP, the queue is a SQLite table.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from desktop.crm import api, publish, service
from desktop.models.crm import Signal
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox, Message
from desktop.models.team import DONE, FAILED, POSTING, CrmConnection, Publication
from desktop.sync.store import FetchedMessage, store_batch

_n = itertools.count(1)


def raw(frm: str, subject: str = "Hello", mid: str | None = None) -> bytes:
    mid = mid or f"<p{next(_n)}@test>"
    return (
        f"From: Jan <{frm}>\r\nTo: me@firma.cz\r\nSubject: {subject}\r\n"
        f"Message-ID: {mid}\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>Dobrý den <script>alert(1)</script><b>nabídka</b></p>\r\n"
    ).encode()


def put(folder: Folder, *raws: bytes) -> list[Message]:
    items = [FetchedMessage(remote_id=str(next(_n)), raw=r) for r in raws]
    return [Message.get_by_id(i) for i in store_batch(folder, items).added]


@pytest.fixture
def team(profile, caflou_mail):
    state = caflou_mail.state
    state.add(42, "companies", {"id": 7, "name": "Acme", "email": "office@acme.cz"})
    state.add(42, "companies", {"id": 8, "name": "Beta", "email": "info@beta.cz"})
    state.add(42, "companies", {"id": 40, "name": "Delta", "email": "shared@holding.cz"})
    state.add(42, "companies", {"id": 50, "name": "Epsilon", "email": "shared@holding.cz"})
    state.add(42, "projects", {"id": 1234, "name": "Web", "company_id": 7})
    account, _ = api.login(caflou_mail.url, "jana@firma.cz", "heslo", account_id=42)
    api.pull(account)
    mailbox = Mailbox.create(
        name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 25), sender_name="Jana"
    )
    inbox = Folder.create(
        mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX, display_name="Inbox"
    )
    return caflou_mail, inbox


def remote_messages(server) -> list[dict]:
    return [m for m in server.state.messages.values() if not m.get("trash")]


def test_filed_mail_is_published_once_and_unfiled_mail_stays_home(team) -> None:
    server, inbox = team
    filed, unfiled = put(inbox, raw("office@acme.cz", "Offer #1234#"), raw("x@nowhere.cz"))
    assert publish.waiting_count() == 1  # only the filed one was made due, in the import

    result = publish.publish_pending()
    assert (result.published, result.failed, result.waiting) == (1, 0, 0)
    [conn] = server.state.connections.values()
    assert conn["username"] == "me@firma.cz" and conn["enable_pairing"] is True
    assert [f["name"] for f in server.state.folders.values()] == ["Inbox"]
    [copy] = remote_messages(server)
    assert copy["company_id"] == 7 and copy["project_id"] == 1234
    assert copy["name"] == "Offer #1234#" and copy["from"] == "office@acme.cz"
    assert copy["email_datetime"] == "2026-11-30T10:00:00Z"
    assert "<script" not in copy["description"] and "nabídka" in copy["description"]
    assert copy["message_id"] == filed.message_id
    assert unfiled.message_id not in {m.get("message_id") for m in remote_messages(server)}

    # Nothing due: a second push makes no request at all.
    before = len(server.state.requests)
    assert publish.publish_pending().published == 0
    assert len(server.state.requests) == before
    # A new mailbox sync never registers the connection twice.
    put(inbox, raw("info@beta.cz"))
    publish.publish_pending()
    assert len(server.state.connections) == 1 and len(server.state.folders) == 1
    assert CrmConnection.select().count() == 1


def test_manual_filing_refiling_and_unfiling(team) -> None:
    server, inbox = team
    [message] = put(inbox, raw("x@nowhere.cz", "Question"))
    publish.publish_pending()
    assert remote_messages(server) == []

    service.file_message(message.id, "company", 8)
    publish.publish_pending()
    [copy] = remote_messages(server)
    assert copy["company_id"] == 8

    service.file_message(message.id, "project", 1234)
    before = len(server.state.messages)
    publish.publish_pending()
    assert len(server.state.messages) == before  # a PATCH, not a second copy
    patches = [p for m, p in server.state.requests if m == "PATCH"]
    assert len(patches) == 1
    assert remote_messages(server)[0]["project_id"] == 1234

    service.unfile_message(message.id, "company", 8)
    service.unfile_message(message.id, "project", 1234)
    result = publish.publish_pending()
    assert result.withdrawn == 1
    assert remote_messages(server) == []  # withdrawn: in Caflou's trash
    assert Publication.get(Publication.message == message.id).remote_id is None


def test_signals_travel_as_hints_and_accepting_makes_them_real(team) -> None:
    server, inbox = team
    # Filed under the project by its tag; the sender's address is two companies' → hints.
    [message] = put(inbox, raw("shared@holding.cz", "Plan #1234#"))
    publish.publish_pending()
    [copy] = remote_messages(server)
    assert copy["project_id"] == 1234
    assert copy["hint_company_id"] in (40, 50)
    hinted = copy["hint_company_id"]

    signal = Signal.get(
        (Signal.message == message.id)
        & (Signal.object_kind == "company")
        & (Signal.object_id == hinted)
    )
    service.accept_signals(signal.id)
    publish.publish_pending()
    assert server.state.hints_made_real == [copy["id"]]
    assert remote_messages(server)[0]["company_id"] == hinted


def test_crash_between_commit_and_publish_publishes_exactly_once(team) -> None:
    server, inbox = team
    [message] = put(inbox, raw("office@acme.cz"))
    row = Publication.get(Publication.message == message.id)
    assert row.state == "due"  # committed with the filing, before any request

    # The process died after its create reached the CRM but before the answer was stored.
    publisher = publish._Publisher(
        publish.connected_account(), api.client_for(publish.connected_account())
    )
    folder_remote = publisher.folder(message.folder)
    rest = publisher.messages_path(folder_remote, message)
    publisher.client.request("POST", publisher.path(rest), json=publish.desired_copy(message.id))
    Publication.update(state=POSTING).where(Publication.id == row.id).execute()

    publish.publish_pending()
    assert len(remote_messages(server)) == 1
    assert Publication.get_by_id(row.id).state == DONE

    # And one that died before its create was sent is posted once.
    [other] = put(inbox, raw("office@acme.cz"))
    Publication.update(state=POSTING).where(Publication.message == other.id).execute()
    publish.publish_pending()
    assert len(remote_messages(server)) == 2


def test_forbidden_object_is_shown_on_the_message_not_retried(team) -> None:
    server, inbox = team
    server.state.forbid("companies", 8)
    [message] = put(inbox, raw("info@beta.cz"))
    result = publish.publish_pending()
    assert result.failed == 1
    assert "no right" in (publish.publication_error(message.id) or "")
    assert Publication.get(Publication.message == message.id).state == FAILED
    before = len(server.state.requests)
    publish.publish_pending()
    assert len(server.state.requests) == before  # not retried forever


def test_throttling_and_outage_wait_and_resume(team) -> None:
    server, inbox = team
    put(inbox, raw("office@acme.cz"))
    server.state.fail_next(429, 1, retry_after="0")
    assert publish.publish_pending().published == 1  # Retry-After honoured, then done

    [message] = put(inbox, raw("office@acme.cz"))
    server.state.fail_next(503, 10, retry_after="0")
    result = publish.publish_pending()
    assert result.published == 0 and result.waiting == 1
    row = Publication.get(Publication.message == message.id)
    assert row.attempts == 1 and row.next_attempt_at is not None
    server.state.failures.clear()
    assert publish.publish_pending().published == 0  # waiting out its backoff
    later = row.next_attempt_at + dt.timedelta(seconds=1)
    assert publish.publish_pending(now=later).published == 1
    assert len(remote_messages(server)) == 2


def test_local_crm_publishes_nothing(profile) -> None:
    mailbox = Mailbox.create(name="W", email="me@firma.cz", import_from=dt.date(2026, 11, 25))
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX)
    put(inbox, raw("office@acme.cz"))
    assert Publication.select().count() == 0
    assert publish.publish_pending().published == 0


def test_cli_push_and_status(tmp_path, caflou_mail) -> None:
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    caflou_mail.state.add(42, "companies", {"id": 7, "name": "Acme", "email": "office@acme.cz"})

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(REPO / "main.py"), "--profile", str(tmp_path / "p"), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    r = cli("crm", "push")
    assert r.returncode == 1 and "crm login" in r.stderr
    login = ("crm", "login", "--url", caflou_mail.url, "--email", "jana@firma.cz")
    assert cli(*login, "--password-stdin", stdin="heslo\n").returncode == 0
    eml = tmp_path / "offer.eml"
    eml.write_bytes(raw("office@acme.cz", "Offer"))
    assert cli("import", str(eml), "--quiet").returncode == 0
    status = json.loads(cli("crm", "status", "--json").stdout)
    assert status["publish_waiting"] == 1
    r = cli("crm", "push")
    assert r.returncode == 0, r.stderr
    assert "Published 1, withdrew 0, failed 0, 0 waiting." in r.stdout
    assert [m["company_id"] for m in remote_messages(caflou_mail)] == [7]
    assert "0 waiting, 0 refused" in cli("crm", "status").stdout


def test_plan_is_read_at_every_pull_and_a_plan_without_mail_says_which_do(team) -> None:
    server, inbox = team
    put(inbox, raw("office@acme.cz"))
    account = publish.connected_account()
    server.state.accounts[0]["plan"] = {"name_cs": "Mravenec", "name_en": "Ant"}
    api.pull(account)  # R14: the plan changed in Caflou; the pull notices
    account = publish.connected_account()
    assert account.plan == "Mravenec"
    before = len(server.state.requests)
    with pytest.raises(publish.PlanWithoutMail, match="Delfín or Žralok"):
        publish.publish_pending()
    assert len(server.state.requests) == before  # said before any request
    outcome = publish.publish_quietly()
    assert outcome.result is None and "Mravenec" in (outcome.error or "")
    state = publish.crm_state()
    assert not state.plan_allows_mail and "Delfín" in state.plan_message
    assert state.waiting == 1  # nothing lost: it waits for the upgrade

    server.state.accounts[0]["plan"] = {"name_cs": "Žralok", "name_en": "Shark"}
    api.pull(account)
    assert publish.crm_state().plan_allows_mail
    assert publish.publish_pending().published == 1


def test_cli_pull_says_when_the_plan_has_no_mail(tmp_path, caflou_mail) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(REPO / "main.py"), "--profile", str(tmp_path / "p"), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    login = ("crm", "login", "--url", caflou_mail.url, "--email", "jana@firma.cz")
    assert cli(*login, "--password-stdin", stdin="heslo\n").returncode == 0
    caflou_mail.state.accounts[0]["plan"] = {"name_cs": "Mravenec", "name_en": "Ant"}
    r = cli("crm", "pull")
    assert r.returncode == 0, r.stderr
    assert "holub: " in r.stderr and "Delfín or Žralok" in r.stderr
    r = cli("crm", "push")
    assert r.returncode == 1 and "Mravenec" in r.stderr
