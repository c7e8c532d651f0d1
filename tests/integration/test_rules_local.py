"""Rules through the real import path (store_batch → pipeline) on a real store:
conditions (search language + CRM terms), the local actions, order and stop, Run now."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from desktop.crm import local
from desktop.crm import rules as crm_rules
from desktop.errors import InvalidInput
from desktop.models import search
from desktop.models.db import database
from desktop.models.mail import ROLE_INBOX, ROLE_SENT, Folder, Mailbox, Message
from desktop.models.rules import MessagePlacement, Rule, RuleJob, RuleLedger
from desktop.services import rule_jobs
from desktop.sync.store import FetchedMessage, drop_folder_messages, store_batch

_uid = itertools.count(1)


def raw(frm="jan@acme.cz", to="me@firma.cz", subject="Hello", body="body", mid=None) -> bytes:
    mid = mid or f"<r{next(_uid)}@test>"
    return (
        f"From: {frm}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {mid}\r\n"
        f"Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n"
    ).encode()


def put(folder: Folder, *raws: bytes) -> list[Message]:
    items = []
    for r in raws:
        n = next(_uid)
        items.append(FetchedMessage(remote_id=str(n), raw=r, uid=n))
    changes = store_batch(folder, items)
    return [Message.get_by_id(i) for i in changes.added]


@pytest.fixture
def box(profile):
    rule_jobs.autorun = False  # these tests look at the jobs, not their effects
    acme = local.add_company("Acme", "office@acme.cz", id=7)
    local.add_contact(acme, "Jan", "jan@acme.cz")
    local.add_project("Web", acme, id=1234)
    mb = Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)
    sent = Folder.create(mailbox=mb, remote_name="Sent", role=ROLE_SENT)
    yield mb, inbox, sent
    rule_jobs.autorun = True


def labels(m: Message) -> list[str]:
    return crm_rules.labels_for_messages([m.id]).get(m.id, [])


def test_local_actions_and_change_set(box) -> None:
    _mb, inbox, _ = box
    crm_rules.add_rule("read", "subject:invoice", [("mark-read", None)])
    crm_rules.add_rule("lab", "from:jan", [("label", "Acme"), ("move", "Clients")])
    crm_rules.add_rule("spam", "viagra", [("delete", None)])
    items = [
        FetchedMessage("a", raw(subject="Invoice 12"), uid=1),
        FetchedMessage("b", raw(frm="x@spam.cz", body="cheap viagra"), uid=2),
        FetchedMessage("c", raw(frm="other@else.cz"), uid=3),
    ]
    changes = store_batch(inbox, items)
    a, b, c = (Message.get_by_id(i) for i in changes.added)
    assert a.seen and not b.seen and not c.seen
    assert b.deleted_locally and not a.deleted_locally
    assert labels(a) == ["Acme"] and labels(b) == [] and labels(c) == []
    assert crm_rules.placements_for_messages([a.id, c.id]) == {a.id: "Clients"}
    assert set(changes.updated) == {a.id, b.id}
    assert changes.filings == {a.id}  # pairing's part of the same change-set
    assert search.search_message_ids(database, "label:acme") == [a.id]
    assert search.search_message_ids(database, "in:clients") == [a.id]
    assert crm_rules.list_labels() == [("Acme", 1)]
    assert Rule.get(Rule.name == "lab").touched == 1


def test_applies_received_sent_both(box) -> None:
    _, inbox, sent = box
    crm_rules.add_rule("r", "hello", [("label", "R")], applies="received")
    crm_rules.add_rule("s", "hello", [("label", "S")], applies="sent")
    crm_rules.add_rule("b", "hello", [("label", "B")], applies="both")
    (got,) = put(inbox, raw())
    (out,) = put(sent, raw(frm="me@firma.cz", to="jan@acme.cz"))
    assert labels(got) == ["B", "R"] and labels(out) == ["B", "S"]


def test_crm_terms(box) -> None:
    _, inbox, _ = box
    crm_rules.add_rule("acme", "company:7", [("label", "company")])
    crm_rules.add_rule("proj", "project:1234", [("label", "project")])
    crm_rules.add_rule("unfiled", "filed:no", [("label", "unfiled")])
    crm_rules.add_rule("filed", "filed:yes hello", [("label", "filed")])
    acme, tagged, stranger = put(
        inbox, raw(), raw(frm="a@b.cz", subject="Re: #1234# web"), raw(frm="z@z.cz")
    )
    assert labels(acme) == ["company", "filed"]
    assert labels(tagged) == ["project"]
    assert labels(stranger) == ["unfiled"]
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("bad", "company:acme", [("label", "x")])


def test_order_and_stop(box) -> None:
    _, inbox, _ = box
    first, _ = crm_rules.add_rule("first", "hello", [("label", "one")], stop=True)
    crm_rules.add_rule("second", "hello", [("label", "two")])
    crm_rules.add_rule("other", "bye", [("label", "three")])
    (m,) = put(inbox, raw(subject="hello bye"))
    assert labels(m) == ["one"]
    crm_rules.move_rule(first.id, 2)  # last: the others run first now
    (m2,) = put(inbox, raw(subject="hello bye"))
    assert labels(m2) == ["one", "three", "two"]
    crm_rules.set_enabled(first.id, False)
    (m3,) = put(inbox, raw(subject="hello"))
    assert labels(m3) == ["two"]


def test_jobs_once_per_rule_and_message_across_reimport_and_run_now(box, tmp_path) -> None:
    _mb, inbox, _ = box
    rule, _ = crm_rules.add_rule(
        "fw",
        "hello",
        [("label", "L"), ("forward", "boss@firma.cz"), ("save-attachments", str(tmp_path))],
    )
    put(inbox, raw(), raw(subject="other"))
    assert RuleJob.select().count() == 2  # two outside actions on the one match
    # UIDVALIDITY changed: the folder is dropped and imported again.
    drop_folder_messages(inbox)
    (_again, _) = put(inbox, raw(mid="<x1@test>"), raw(subject="other"))
    assert RuleJob.select().count() == 4  # a new message (new Message-ID): its own jobs
    drop_folder_messages(inbox)
    (back,) = put(inbox, raw(mid="<x1@test>"))
    assert RuleJob.select().count() == 4  # same Message-ID again: nothing repeated
    assert labels(back) == ["L"]  # the local effect came back with the message
    # Run now twice: the messages already handled are left alone.
    count, _ = crm_rules.run_now(rule.id)
    assert count == 0 and crm_rules.pending_count(rule.id) == 0
    assert RuleJob.select().count() == 4
    assert RuleLedger.select().count() == 2


def test_run_now_counts_and_applies_once(box) -> None:
    _, inbox, _ = box
    put(inbox, raw(subject="old one"), raw(subject="old two"), raw(subject="new"))
    rule, _ = crm_rules.add_rule("old", "old", [("label", "Old"), ("move", "Archive")])
    assert crm_rules.count_matches("old") == 2
    assert len(crm_rules.preview("old", limit=1)) == 1
    assert crm_rules.pending_count(rule.id) == 2
    count, changes = crm_rules.run_now(rule.id)
    assert count == 2 and len(changes.updated) == 2
    assert MessagePlacement.select().count() == 2
    assert crm_rules.run_now(rule.id)[0] == 0
    assert Rule.get_by_id(rule.id).touched == 2


def test_bad_rules_are_refused(box) -> None:
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("x", "hello", [("explode", None)])
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("x", "hello", [("label", None)])
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("x", "hello", [("reply", "nope")])
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("x", "before:yesterday", [("mark-read", None)])
    with pytest.raises(InvalidInput):
        crm_rules.add_rule("x", "hello", [("mark-read", None)], applies="all")
    assert Rule.select().count() == 0


@pytest.mark.parametrize("applies", ["received", "sent", "both"])
@pytest.mark.parametrize(
    "action", [("mark-read", None), ("delete", None), ("label", "L"), ("move", "Kept")]
)
def test_each_local_action_on_received_sent_both(box, applies, action) -> None:
    _, inbox, sent = box
    crm_rules.add_rule("r", "hello", [action], applies=applies)
    (got,) = put(inbox, raw())
    (out,) = put(sent, raw(frm="me@firma.cz", to="jan@acme.cz"))

    def applied(m: Message) -> bool:
        m = Message.get_by_id(m.id)
        return {
            "mark-read": m.seen,
            "delete": m.deleted_locally,
            "label": labels(m) == ["L"],
            "move": crm_rules.placements_for_messages([m.id]).get(m.id) == "Kept",
        }[action[0]]

    assert applied(got) == (applies in ("received", "both"))
    assert applied(out) == (applies in ("sent", "both"))


def test_forward_address_and_directory_are_checked(box, tmp_path, monkeypatch) -> None:
    with pytest.raises(InvalidInput, match="e-mail address"):
        crm_rules.add_rule("x", "hello", [("forward", "not-an-address")])
    monkeypatch.chdir(tmp_path)
    rule, _ = crm_rules.add_rule("x", "hello", [("save-attachments", "faktury")])
    assert rule.actions == [["save-attachments", str(tmp_path / "faktury")]]
