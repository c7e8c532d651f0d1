"""Pairing through the real import path (store_batch → pair_new_messages) on a real store."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from desktop.crm import local, service
from desktop.errors import InvalidInput
from desktop.models.crm import Filing, Signal
from desktop.models.mail import ROLE_INBOX, ROLE_SENT, Folder, Mailbox, Message
from desktop.sync.store import FetchedMessage, drop_folder_messages, store_batch

_uid = itertools.count(1)


def raw(
    frm: str = "someone@else.cz",
    to: str = "me@firma.cz",
    subject: str = "Hello",
    mid: str | None = None,
    reply_to: str | None = None,
    refs: str | None = None,
    cc: str | None = None,
) -> bytes:
    mid = mid or f"<m{next(_uid)}@test>"
    lines = [f"From: {frm}", f"To: {to}", f"Subject: {subject}", f"Message-ID: {mid}"]
    if cc:
        lines.append(f"Cc: {cc}")
    if reply_to:
        lines.append(f"In-Reply-To: {reply_to}")
    if refs:
        lines.append(f"References: {refs}")
    lines.append("Date: Mon, 02 Nov 2026 10:00:00 +0000")
    return ("\r\n".join(lines) + "\r\n\r\nbody\r\n").encode()


def put(folder: Folder, *raws: bytes) -> list[Message]:
    items = []
    for r in raws:
        n = next(_uid)
        items.append(FetchedMessage(remote_id=str(n), raw=r, uid=n))
    changes = store_batch(folder, items)
    return [Message.get_by_id(i) for i in changes.added]


def filings(message: Message) -> set[tuple[str, int, str]]:
    return {
        (f.object_kind, f.object_id, f.source)
        for f in Filing.select().where((Filing.message == message.id) & (Filing.removed == False))  # noqa: E712
    }


def signals(message: Message, state: str = "open") -> set[tuple[str, int]]:
    return {
        (s.object_kind, s.object_id)
        for s in Signal.select().where((Signal.message == message.id) & (Signal.state == state))
    }


@pytest.fixture
def crm(profile):
    acme = local.add_company("Acme", "office@acme.cz")
    beta = local.add_company("Beta", "info@beta.cz")
    local.add_contact(acme, "Jan", "jan@acme.cz")
    local.add_company("Delta", "shared@holding.cz", id=40)
    local.add_company("Epsilon", "shared@holding.cz", id=50)
    local.add_project("Web", acme, id=1234)
    local.add_task("Offer", 1234, None, id=88)
    return {"acme": acme, "beta": beta}


def make_mailbox(active: bool, signals_on: bool, exclusions: str = "") -> tuple[Folder, Folder]:
    mb = Mailbox.create(
        name="Work",
        email="me@firma.cz",
        import_from=dt.date(2026, 1, 1),
        pairing_enabled=active,
        signals_enabled=signals_on,
        pairing_exclusions=exclusions,
    )
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role=ROLE_INBOX)
    sent = Folder.create(mailbox=mb, remote_name="Sent", role=ROLE_SENT)
    return inbox, sent


def test_active_pairing_files(crm) -> None:
    inbox, sent = make_mailbox(True, False)
    (m1,) = put(inbox, raw("Jan <JAN@acme.cz>"))
    (m2,) = put(sent, raw("me@firma.cz", to="x@y.cz", cc="info@beta.cz", subject="Re: #88#"))
    assert filings(m1) == {("company", crm["acme"], "auto")}
    assert filings(m2) == {
        ("company", crm["beta"], "auto"),
        ("task", 88, "auto"),
        ("project", 1234, "auto"),
        ("company", crm["acme"], "auto"),
    }
    assert signals(m1) == set() and signals(m2) == set()


def test_signal_pairing_only_signals(crm) -> None:
    inbox, _ = make_mailbox(False, True)
    (m,) = put(inbox, raw("office@acme.cz", subject="#1234#"))
    assert filings(m) == set()
    assert signals(m) == {("company", crm["acme"]), ("project", 1234)}


def test_both_on_files_and_signals_only_the_ambiguous(crm) -> None:
    inbox, _ = make_mailbox(True, True)
    (m,) = put(inbox, raw("shared@holding.cz", subject="#1234#"))
    assert filings(m) == {("project", 1234, "auto")}
    assert signals(m) == {("company", 40), ("company", 50)}


def test_ambiguous_signals_even_with_active_only(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    (m,) = put(inbox, raw("shared@holding.cz"))
    assert filings(m) == set()
    assert signals(m) == {("company", 40), ("company", 50)}


def test_both_off_pairs_nothing(crm) -> None:
    inbox, _ = make_mailbox(False, False)
    (m,) = put(inbox, raw("office@acme.cz", subject="#1234#"))
    assert filings(m) == set() and signals(m) == set()


def test_exclusions_and_own_address(crm) -> None:
    inbox, sent = make_mailbox(True, False, exclusions="@acme.cz")
    (m1,) = put(inbox, raw("office@acme.cz"))
    Mailbox.update(email="info@beta.cz").execute()
    (m2,) = put(Folder.get_by_id(sent.id), raw("info@beta.cz", to="info@beta.cz"))
    assert filings(m1) == set() and filings(m2) == set()


def test_reply_inherits_parent_first(crm) -> None:
    inbox, sent = make_mailbox(True, False)
    put(sent, raw("me@firma.cz", to="a@b.cz", subject="Offer #88#", mid="<p1@x>"))
    (child,) = put(inbox, raw("a@b.cz", subject="Re: Offer", reply_to="<p1@x>"))
    assert ("task", 88, "inherited") in filings(child)
    assert ("project", 1234, "inherited") in filings(child)


def test_reply_inherits_when_parent_arrives_later_even_grandchild(crm) -> None:
    inbox, sent = make_mailbox(True, False)
    (grandchild,) = put(
        inbox, raw("a@b.cz", subject="Re: Re: Offer", refs="<p2@x> <c2@x>", mid="<g2@x>")
    )
    (child,) = put(inbox, raw("a@b.cz", subject="Re: Offer", reply_to="<p2@x>", mid="<c2@x>"))
    assert filings(child) == set()
    (parent,) = put(sent, raw("me@firma.cz", to="a@b.cz", subject="Offer #1234#", mid="<p2@x>"))
    assert filings(parent) == {("project", 1234, "auto")}
    assert filings(child) == {("project", 1234, "inherited")}
    assert filings(grandchild) == {("project", 1234, "inherited")}


def test_reply_inherits_signals_as_signals(crm) -> None:
    inbox, _ = make_mailbox(False, True)
    put(inbox, raw("x@y.cz", subject="#1234#", mid="<s1@x>"))
    (child,) = put(inbox, raw("x@y.cz", subject="Re: no tag", reply_to="<s1@x>"))
    assert signals(child) == {("project", 1234)}


def test_manual_filing_unfile_and_repair(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    m1, m2, m3 = put(
        inbox, raw("new@gamma.cz"), raw("office@acme.cz"), raw("office@acme.cz", subject="x")
    )
    changes = service.file_message(m1.id, "company", crm["beta"])
    assert changes.updated == [m1.id]
    service.unfile_message(m2.id, "company", crm["acme"])
    assert filings(m2) == set()
    # The CRM changes: gamma gets a contact, so repair pairs m1... but m1 carries a
    # manual decision and is left alone; m2's removed marker holds; m3 stays filed.
    gamma = local.add_company("Gamma", "new@gamma.cz")
    service.repair()
    assert filings(m1) == {("company", crm["beta"], "manual")}
    assert filings(m2) == set()
    assert filings(m3) == {("company", crm["acme"], "auto")}
    (m4,) = put(inbox, raw("new@gamma.cz"))
    assert filings(m4) == {("company", gamma, "auto")}


def test_repair_pairs_old_mail_after_crm_change(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    (m,) = put(inbox, raw("late@gamma.cz", subject="#4242#"))
    assert filings(m) == set()
    local.add_company("Gamma", "late@gamma.cz", id=9)
    local.add_project("Later", None, id=4242)
    changes = service.repair()
    assert m.id in changes.updated
    assert filings(m) == {("company", 9, "auto"), ("project", 4242, "auto")}


def test_accept_and_dismiss_many(crm) -> None:
    inbox, _ = make_mailbox(False, True)
    m1, m2 = put(inbox, raw("office@acme.cz"), raw("info@beta.cz"))
    s1 = Signal.get(Signal.message == m1.id)
    s2 = Signal.get(Signal.message == m2.id)
    service.accept_signals([s1.id])
    assert filings(m1) == {("company", crm["acme"], "signal")}
    service.dismiss_signals([s2.id])
    assert signals(m2, "dismissed") == {("company", crm["beta"])}
    service.repair()
    assert signals(m2) == set() and filings(m2) == set()
    assert filings(m1) == {("company", crm["acme"], "signal")}
    with pytest.raises(InvalidInput):
        service.accept_signals([999])


def test_create_object_from_message(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    (m,) = put(inbox, raw('"Karel" <karel@novafirma.cz>', subject="RE: Poptávka #9999#"))
    pre = service.prefill_from_message("company", m.id)
    assert pre == {"name": "Novafirma", "email": "karel@novafirma.cz", "domain": "novafirma.cz"}
    changes = service.create_object_from_message("company", m.id)
    kind, cid = changes.created
    assert kind == "company" and ("company", cid, "manual") in filings(m)
    changes = service.create_object_from_message("project", m.id)
    pid = changes.created[1]
    assert service.object_name("project", pid) == "Poptávka"
    assert service.messages_for_object("company", cid) == [m.id]


def test_task_mail_shows_under_project_and_company(crm) -> None:
    inbox, _ = make_mailbox(False, False)
    (m,) = put(inbox, raw("x@y.cz"))
    service.file_message(m.id, "task", 88)
    assert service.messages_for_object("task", 88) == [m.id]
    assert service.messages_for_object("project", 1234) == [m.id]
    assert service.messages_for_object("company", crm["acme"]) == [m.id]


def test_manual_filings_survive_uidvalidity_reimport(crm) -> None:
    inbox, _ = make_mailbox(True, False)
    data = raw("office@acme.cz", mid="<keep@x>")
    (m,) = put(inbox, data)
    service.file_message(m.id, "project", 1234)
    service.unfile_message(m.id, "company", crm["acme"])
    (other,) = put(inbox, raw("shared@holding.cz", mid="<amb@x>"))
    service.dismiss_signals([s.id for s in Signal.select().where(Signal.message == other.id)])
    drop_folder_messages(inbox)
    (again,) = put(inbox, data)
    assert filings(again) == {("project", 1234, "manual")}
    (other_again,) = put(inbox, raw("shared@holding.cz", mid="<amb@x>"))
    assert signals(other_again) == set()
    assert signals(other_again, "dismissed") == {("company", 40), ("company", 50)}


def test_in_reply_to_wins_over_references(crm) -> None:
    local.add_project("Other", None, id=500)
    inbox, _ = make_mailbox(True, False)
    put(inbox, raw("x@y.cz", subject="#500#", mid="<root@x>"))
    put(inbox, raw("x@y.cz", subject="#88#", mid="<mid@x>"))
    (child,) = put(inbox, raw("x@y.cz", subject="Re:", reply_to="<mid@x>", refs="<root@x> <mid@x>"))
    assert filings(child) == {
        ("task", 88, "inherited"),
        ("project", 1234, "inherited"),
        ("company", crm["acme"], "inherited"),
    }
    # No In-Reply-To and the nearest reference unknown: the next one back is used.
    (other,) = put(inbox, raw("x@y.cz", subject="Re:", refs="<root@x> <gone@x>"))
    assert filings(other) == {("project", 500, "inherited")}


def test_repair_in_small_chunks_keeps_threads(crm, monkeypatch) -> None:
    monkeypatch.setattr(service, "REPAIR_CHUNK", 1)
    inbox, _ = make_mailbox(True, False)
    (root,) = put(inbox, raw("x@y.cz", subject="Plan #4243#", mid="<r@x>"))
    (reply,) = put(inbox, raw("x@y.cz", subject="Re: Plan", reply_to="<r@x>", mid="<q@x>"))
    (reply2,) = put(inbox, raw("x@y.cz", subject="Re: Re: Plan", reply_to="<q@x>"))
    assert filings(reply2) == set()
    local.add_project("Plan", None, id=4243)
    changes = service.repair()
    assert {root.id, reply.id, reply2.id} <= set(changes.updated)
    assert filings(root) == {("project", 4243, "auto")}
    assert filings(reply) == {("project", 4243, "inherited")}
    assert filings(reply2) == {("project", 4243, "inherited")}
    service.repair()  # idempotent
    assert filings(reply2) == {("project", 4243, "inherited")}


def test_prefill_of_sent_mail_uses_the_recipient_and_contact_files_its_company(crm) -> None:
    _, sent = make_mailbox(False, False)
    (m,) = put(sent, raw("me@firma.cz", to='"Eva Malá" <eva@acme.cz>', subject="Fwd: Nabídka"))
    assert service.prefill_from_message("company", m.id)["email"] == "eva@acme.cz"
    pre = service.prefill_from_message("contact", m.id)
    assert pre["name"] == "Eva Malá" and pre["email"] == "eva@acme.cz"
    changes = service.create_object_from_message("contact", m.id, company_id=crm["acme"])
    assert changes.created[0] == "contact"
    assert filings(m) == {("company", crm["acme"], "manual")}
    # The new contact's address pairs from now on.
    inbox = Folder.get(Folder.remote_name == "INBOX")
    (m2,) = put(inbox, raw("EVA@acme.cz"))
    assert signals(m2) == set() and filings(m2) == set()  # both modes are off here
    Mailbox.update(pairing_enabled=True).execute()
    (m3,) = put(Folder.get_by_id(inbox.id), raw("EVA@acme.cz"))
    assert filings(m3) == {("company", crm["acme"], "auto")}
