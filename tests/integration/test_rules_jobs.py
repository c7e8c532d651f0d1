"""The rules' outside effects against real parts: the SMTP server and Dovecot's Sent
(forward, reply + RFC 3834 guards), the Caflou stand-in and the local CRM (create a
task, comment), the file system (save attachments); exactly once across a crash."""

from __future__ import annotations

import datetime as dt
import email
import itertools
from email import policy
from pathlib import Path

import pytest

from desktop.crm import api, local
from desktop.crm import rules as crm_rules
from desktop.models.crm import Filing, Task
from desktop.models.db import close_store
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox, Message, Outbox
from desktop.models.rules import LocalComment, Rule, RuleJob
from desktop.profile import open_profile
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.services import rule_jobs
from desktop.sync.store import FetchedMessage, store_batch

_uid = itertools.count(1)


def raw(
    frm: str = "petr@example.cz",
    subject: str = "Poptávka",
    body: str = "Dobrý den",
    headers: str = "",
    mid: str | None = None,
) -> bytes:
    mid = mid or f"<j{next(_uid)}@example.cz>"
    return (
        f"From: Petr Novák <{frm}>\r\nTo: jana@firma.cz\r\nSubject: {subject}\r\n"
        f"Message-ID: {mid}\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n{headers}"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def with_attachment(name: str, data: bytes) -> bytes:
    import base64

    return (
        "From: petr@example.cz\r\nTo: jana@firma.cz\r\nSubject: Report\r\n"
        f"Message-ID: <a{next(_uid)}@example.cz>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        f'--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="{name}"\r\n'
        f"Content-Transfer-Encoding: base64\r\n\r\n{base64.b64encode(data).decode()}\r\n--B--\r\n"
    ).encode()


def put(folder: Folder, *raws: bytes) -> list[Message]:
    items = []
    for r in raws:
        n = next(_uid)
        items.append(FetchedMessage(remote_id=str(n), raw=r, uid=n))
    return [Message.get_by_id(i) for i in store_batch(folder, items).added]


def settle() -> None:
    assert rule_jobs.wait_idle(60)


def parsed(received) -> email.message.EmailMessage:
    return email.message_from_bytes(received.raw, policy=policy.default)


@pytest.fixture
def box(profile, smtp_server, dovecot, dovecot_user, tmp_path):
    smtp_server.user, smtp_server.password = dovecot_user.name, dovecot_user.password
    bundle = tmp_path / "cas.pem"
    bundle.write_text(Path(smtp_server.cafile).read_text() + Path(dovecot.cafile).read_text())
    mailbox = Mailbox.create(
        name="Práce",
        email=dovecot_user.email,
        username=dovecot_user.name,
        sender_name="Jana",
        import_from=dt.date(2026, 1, 1),
        imap_host=dovecot.host,
        imap_port=dovecot.imaps_port,
        imap_security="ssl",
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_security="starttls",
        cafile=str(bundle),
    )
    set_secret(MAILBOX_PASSWORD, mailbox.id, dovecot_user.password)
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX)
    yield mailbox, inbox
    settle()


def sent_copies(dovecot, user, message_id: str) -> int:
    client = dovecot.client(user)
    try:
        client.select_folder("Sent", readonly=True)
        return len(client.search(["HEADER", "Message-ID", message_id]))
    finally:
        client.logout()


def test_forward_goes_out_once_through_the_outbox(box, smtp_server, dovecot, dovecot_user):
    _, inbox = box
    crm_rules.add_rule("fw", "poptávka", [("forward", "boss@example.cz")])
    (m,) = put(inbox, raw())
    put(inbox, raw(subject="Něco jiného"))
    settle()
    assert len(smtp_server.messages) == 1
    got = smtp_server.messages[0]
    assert got.rcpt_tos == ["boss@example.cz"]
    assert parsed(got)["Subject"] == "Fwd: Poptávka"
    job = RuleJob.get()
    assert job.state == "done" and job.message_id == m.id
    [row] = Outbox.select()
    assert row.state == "sent" and sent_copies(dovecot, dovecot_user, row.message_id) == 1
    rule_jobs.run_due_jobs()  # nothing left: nothing repeated
    assert len(smtp_server.messages) == 1


def test_forward_with_the_original_attached(box, smtp_server):
    _, inbox = box
    crm_rules.add_rule("fw", "poptávka", [("forward", "boss@example.cz attached")])
    put(inbox, raw())
    settle()
    [got] = smtp_server.messages
    names = [p.get_filename() for p in parsed(got).iter_attachments()]
    assert names == ["Poptávka.eml"]


def test_crash_between_commit_and_forward_sends_once_after_restart(box, smtp_server, profile):
    _, inbox = box
    crm_rules.add_rule("fw", "poptávka", [("forward", "boss@example.cz")])
    rule_jobs.autorun = False  # the process "dies" right after the import committed
    try:
        put(inbox, raw())
    finally:
        rule_jobs.autorun = True
    assert smtp_server.messages == [] and RuleJob.get().state == "queued"
    close_store()
    open_profile(profile.root)  # the restart: the pipeline resumes the queued job
    settle()
    assert len(smtp_server.messages) == 1
    # A second crash, after the job queued its message but before sending: the
    # job is done and the Outbox sends what is queued, still once.
    put(inbox, raw(subject="Poptávka 2"))
    settle()
    assert len(smtp_server.messages) == 2
    rule_jobs.run_due_jobs()
    close_store()
    open_profile(profile.root)
    settle()
    assert len(smtp_server.messages) == 2


def test_reply_with_template_and_the_rfc3834_guards(box, smtp_server):
    _, inbox = box
    # Another of the user's own addresses (mail from the box itself counts as sent).
    Mailbox.create(name="Soukromá", email="jana@soukroma.cz", import_from=dt.date(2026, 1, 1))
    crm_rules.add_template(
        "thanks", "Re: {subject}", "Dear {sender_name}, thanks for the mail of {date}."
    )
    rule, _ = crm_rules.add_rule("auto", "poptávka", [("reply", "thanks")])
    put(inbox, raw())
    settle()
    [got] = smtp_server.messages
    msg = parsed(got)
    assert got.rcpt_tos == ["petr@example.cz"]
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["Subject"] == "Re: Poptávka"
    assert "Dear Petr Novák, thanks for the mail of 2026-11-30." in msg.get_body().get_content()
    assert msg["In-Reply-To"]
    put(
        inbox,
        raw(),  # the same sender again within 24 hours
        raw(frm="robot@example.cz", headers="Auto-Submitted: auto-generated\r\n"),
        raw(frm="list@example.cz", headers="List-Id: <news.example.cz>\r\n"),
        raw(frm="bulk@example.cz", headers="Precedence: bulk\r\n"),
        raw(frm="jana@soukroma.cz"),
    )
    settle()
    assert len(smtp_server.messages) == 1
    states = [j.state for j in RuleJob.select().order_by(RuleJob.id)]
    assert states == ["done"] + ["skipped"] * 5
    reasons = [j.result for j in RuleJob.select().where(RuleJob.state == "skipped")]
    assert any("24 hours" in r for r in reasons) and any("List-Id" in r for r in reasons)
    assert Rule.get_by_id(rule.id).last_error is None


def test_save_attachments_never_overwrites(box, tmp_path):
    _, inbox = box
    target = tmp_path / "saved"
    target.mkdir()
    (target / "offer.pdf").write_bytes(b"someone else's file")
    crm_rules.add_rule("save", "has:attachment", [("save-attachments", str(target))])
    put(inbox, with_attachment("offer.pdf", b"%PDF-1 our offer"))
    settle()
    assert (target / "offer.pdf").read_bytes() == b"someone else's file"
    assert (target / "offer (2).pdf").read_bytes() == b"%PDF-1 our offer"
    # Run again (as after a crash mid-way): the same bytes are not written twice.
    RuleJob.update(state="queued").execute()
    rule_jobs.run_due_jobs()
    assert sorted(p.name for p in target.iterdir()) == ["offer (2).pdf", "offer.pdf"]


def test_create_task_and_comment_in_the_local_crm(box):
    _, inbox = box
    acme = local.add_company("Acme", "office@acme.cz")
    local.add_project("Web", acme, id=1234)
    crm_rules.add_rule("task", "filed:yes", [("create-task", None), ("comment", None)])
    (m,) = put(inbox, raw(subject="Re: #1234# Nový web", body="Prosíme o nabídku."))
    settle()
    task = Task.get(Task.name == "Nový web")
    assert task.project_id == 1234
    assert Filing.get_or_none((Filing.message == m.id) & (Filing.object_id == task.id))
    [comment] = LocalComment.select()
    assert (comment.object_kind, comment.object_id) == ("task", task.id)
    assert "Prosíme o nabídku." in comment.text


def test_failure_is_shown_on_rule_and_message(box):
    _, inbox = box
    rule, _ = crm_rules.add_rule("c", "poptávka", [("comment", None)])
    (m,) = put(inbox, raw())
    settle()
    assert RuleJob.get().state == "failed"
    assert "not filed" in Rule.get_by_id(rule.id).last_error
    assert "not filed" in crm_rules.failures_for_messages([m.id])[m.id][0]


@pytest.fixture
def caflou_crm(box, caflou):
    caflou.state.add(42, "companies", {"id": 1, "name": "Acme", "email": "office@acme.cz"})
    caflou.state.add(42, "projects", {"id": 1234, "name": "Web", "company_id": 1})
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo")
    api.pull(account)
    yield caflou
    api.logout()


def test_create_task_and_comment_in_caflou_with_retry(box, caflou_crm):
    _, inbox = box
    crm_rules.add_rule("task", "project:1234", [("create-task", None), ("comment", None)])
    # Caflou is down for longer than the client's own retries: the job backs off.
    caflou_crm.state.fail_next(503, count=api.RETRIES + 1, retry_after="0")
    (m,) = put(inbox, raw(subject="#1234# Nový web", body="Prosíme o nabídku."))
    settle()
    task_job, _comment_job = RuleJob.select().order_by(RuleJob.id)
    assert (task_job.state, task_job.attempts) == ("queued", 1)
    assert task_job.next_attempt_at > dt.datetime.utcnow() + dt.timedelta(seconds=20)
    assert "503" in task_job.error
    # The backoff is over (as if 30 s passed): it runs, once.
    RuleJob.update(next_attempt_at=dt.datetime(2000, 1, 1)).where(
        RuleJob.state == "queued"
    ).execute()
    rule_jobs.run_due_jobs()
    tasks = caflou_crm.state.data[42]["tasks"]
    assert [t["name"] for t in tasks.values()] == ["Nový web"]
    [task_id] = tasks
    assert Filing.get_or_none((Filing.message == m.id) & (Filing.object_id == task_id))
    comments = list(caflou_crm.state.data[42]["comments"].values())
    assert len(comments) == 1
    assert (comments[0]["commented_type"], comments[0]["commented_id"]) == ("Task", task_id)
    rule_jobs.run_due_jobs()
    assert len(caflou_crm.state.data[42]["comments"]) == 1


def test_crash_during_a_caflou_call_is_not_repeated(box, caflou_crm):
    _, inbox = box
    crm_rules.add_rule("task", "project:1234", [("create-task", None)])
    rule_jobs.autorun = False
    try:
        put(inbox, raw(subject="#1234# Web"))
    finally:
        rule_jobs.autorun = True
    # A runner that died while the request was in flight left the job claimed.
    RuleJob.update(state="running").execute()
    rule_jobs.run_due_jobs()
    job = RuleJob.get()
    assert job.state == "failed" and "Check there" in job.error
    assert caflou_crm.state.data[42]["tasks"] == {}


def test_forward_of_sent_mail_only(box, smtp_server, dovecot_user):
    mailbox, inbox = box
    sent = Folder.create(mailbox=mailbox, remote_name="Sent", role="sent")
    crm_rules.add_rule("copy", "poptávka", [("forward", "archive@example.cz")], applies="sent")
    put(inbox, raw())
    (out,) = put(sent, raw(frm=dovecot_user.email))
    settle()
    assert out.direction == "sent"
    [got] = smtp_server.messages
    assert got.rcpt_tos == ["archive@example.cz"]
    assert RuleJob.get().message_id == out.id
