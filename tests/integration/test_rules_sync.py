"""Rules on mail synced from a real Dovecot: applied once, and a UIDVALIDITY change
(the folder imported again) repeats no forward while the local effects come back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.crm import rules as crm_rules
from desktop.models.mail import Mailbox, Message
from desktop.models.rules import RuleJob, RuleLedger
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.services import rule_jobs
from desktop.sync import engine
from tests.servers.dovecot import make_message


def test_rules_on_synced_mail_survive_uidvalidity_change(
    profile, smtp_server, dovecot, dovecot_user, tmp_path
):
    smtp_server.user, smtp_server.password = dovecot_user.name, dovecot_user.password
    bundle = tmp_path / "cas.pem"
    bundle.write_text(Path(smtp_server.cafile).read_text() + Path(dovecot.cafile).read_text())
    mailbox = Mailbox.create(
        name="Práce",
        email=dovecot_user.email,
        username=dovecot_user.name,
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
    dovecot.deliver(
        dovecot_user,
        [
            make_message(1, subject="Invoice 1"),
            make_message(2),
            make_message(3, subject="Invoice 3"),
        ],
    )
    crm_rules.add_rule(
        "invoices",
        "subject:invoice",
        [("label", "Invoices"), ("mark-read", None), ("forward", "accounts@example.cz")],
        mailbox_id=mailbox.id,
    )
    changes = engine.sync_mailbox(mailbox.id)
    assert rule_jobs.wait_idle(60)
    assert len(smtp_server.messages) == 2
    labelled = list(Message.select().where(Message.seen == True))  # noqa: E712
    assert sorted(m.subject for m in labelled) == ["Invoice 1", "Invoice 3"]
    assert set(changes.updated) == {m.id for m in labelled}

    dovecot.set_uidvalidity(dovecot_user, "INBOX", 4242)
    engine.sync_mailbox(mailbox.id)
    assert rule_jobs.wait_idle(60)
    assert len(smtp_server.messages) == 2  # nothing forwarded again
    assert RuleJob.select().count() == 2 and RuleLedger.select().count() == 2
    inbox = [m for m in Message.select() if m.folder.remote_name == "INBOX"]
    labels = crm_rules.labels_for_messages([m.id for m in inbox])
    assert sorted(m.subject for m in inbox if labels.get(m.id) == ["Invoices"]) == [
        "Invoice 1",
        "Invoice 3",
    ]
