"""Every pairing rule and edge of issue 4, against the pure index (no store)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from desktop.crm.pairing import (
    Candidate,
    PairingIndex,
    parse_exclusions,
    tags_in_subject,
)
from desktop.sync.mime import parse


@pytest.fixture(scope="module")
def index() -> PairingIndex:
    return PairingIndex.build(
        companies=[
            (1, "Acme", "Office@Acme.cz"),
            (2, "Beta", "info@beta.cz; obchod@beta.cz"),
            (3, "Gama", ""),
            (4, "Delta", "shared@holding.cz"),
            (5, "Epsilon", "shared@holding.cz"),
        ],
        contacts=[
            (1, "jan.novak@acme.cz"),
            (3, " Petra@Gama.cz "),
            (2, "petra@gama.cz"),  # the same person at two companies → ambiguous
            (None, "loner@nowhere.cz"),
        ],
        projects=[(1234, 1), (500, None), (77, 2)],
        tasks=[(88, 1234, None), (99, None, 3), (77, 1234, 1)],
    )


def msg(frm: str = "", to=(), cc=(), subject: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        from_addr=frm,
        to=[("", a) if isinstance(a, str) else a for a in to],
        cc=[("", a) if isinstance(a, str) else a for a in cc],
        subject=subject,
    )


def kinds(cands: list[Candidate]) -> set[tuple[str, int, bool]]:
    return {(c.kind, c.id, c.ambiguous) for c in cands}


def test_received_by_company_email_case_and_whitespace(index: PairingIndex) -> None:
    assert kinds(index.pair(msg("  OFFICE@acme.CZ "), "received")) == {("company", 1, False)}


def test_received_by_contact_email(index: PairingIndex) -> None:
    cands = index.pair(msg("Jan.Novak@Acme.cz"), "received")
    assert kinds(cands) == {("company", 1, False)}
    assert "contact" in cands[0].reason


def test_company_field_with_several_addresses(index: PairingIndex) -> None:
    assert kinds(index.pair(msg("obchod@beta.cz"), "received")) == {("company", 2, False)}


def test_display_name_from_parsed_message(index: PairingIndex) -> None:
    parsed = parse(
        b'From: "Novak, Jan" <JAN.NOVAK@acme.cz>\r\nTo: me@firma.cz\r\nSubject: x\r\n\r\nbody\r\n'
    )
    assert kinds(index.pair(parsed, "received")) == {("company", 1, False)}


def test_received_ignores_recipients(index: PairingIndex) -> None:
    assert index.pair(msg("someone@else.cz", to=["office@acme.cz"]), "received") == []


def test_sent_uses_to_and_cc_not_sender(index: PairingIndex) -> None:
    m = msg("office@acme.cz", to=[("Beta", "INFO@beta.cz")], cc=["jan.novak@acme.cz"])
    assert kinds(index.pair(m, "sent")) == {("company", 2, False), ("company", 1, False)}
    assert kinds(index.pair(msg("me@x.cz", cc=["info@beta.cz"]), "sent")) == {("company", 2, False)}


def test_several_recipients_some_unknown(index: PairingIndex) -> None:
    m = msg(to=["nobody@x.cz", "office@acme.cz", "who@y.cz"])
    assert kinds(index.pair(m, "sent")) == {("company", 1, False)}


def test_address_of_several_companies_is_ambiguous_never_a_guess(index: PairingIndex) -> None:
    cands = index.pair(msg("shared@holding.cz"), "received")
    assert kinds(cands) == {("company", 4, True), ("company", 5, True)}
    assert "Delta" in cands[0].reason and "Epsilon" in cands[0].reason
    # A contact address that sits under two companies, too.
    assert kinds(index.pair(msg("petra@gama.cz"), "received")) == {
        ("company", 2, True),
        ("company", 3, True),
    }


def test_unambiguous_evidence_beats_ambiguous(index: PairingIndex) -> None:
    m = msg(to=["petra@gama.cz", "info@beta.cz"])
    assert kinds(index.pair(m, "sent")) == {("company", 2, False), ("company", 3, True)}


def test_contact_without_company_pairs_nothing(index: PairingIndex) -> None:
    assert index.pair(msg("loner@nowhere.cz"), "received") == []


def test_own_addresses_never_pair(index: PairingIndex) -> None:
    m = msg(to=["office@acme.cz"])
    assert index.pair(m, "sent", own_addresses={"office@acme.cz"}) == []


def test_excluded_addresses_and_domains(index: PairingIndex) -> None:
    excl = parse_exclusions("Office@Acme.cz\n@beta.cz\n gama.cz ")
    assert excl.excludes("office@acme.cz") and excl.excludes("x@beta.cz")
    assert index.pair(msg("office@acme.cz"), "received", (), excl) == []
    assert index.pair(msg("info@beta.cz"), "received", (), excl) == []
    m = msg(to=["info@beta.cz", "jan.novak@acme.cz"])
    assert kinds(index.pair(m, "sent", (), excl)) == {("company", 1, False)}
    # A subdomain is another domain.
    assert not excl.excludes("x@sub.beta.cz")


@pytest.mark.parametrize(
    "subject",
    [
        "#1234# Poptávka",
        "RE: Reagujeme na poptávku #1234#",
        "FW: [#1234#] nabídka",
        "Re: about #1234#, thanks",
    ],
)
def test_project_tag_at_start_middle_end(index: PairingIndex, subject: str) -> None:
    assert kinds(index.pair(msg("x@y.cz", subject=subject), "received")) == {
        ("project", 1234, False)
    }


def test_several_tags(index: PairingIndex) -> None:
    assert tags_in_subject("#500# and #1234# and #500#") == [500, 1234]
    got = kinds(index.pair(msg(subject="#500# a #1234#"), "received"))
    assert got == {("project", 500, False), ("project", 1234, False)}


@pytest.mark.parametrize("subject", ["#12a#", "##1234##", "#1234", "1234#", "# 1234 #", "#-5#"])
def test_not_tags(index: PairingIndex, subject: str) -> None:
    assert tags_in_subject(subject) == []
    assert index.pair(msg(subject=subject), "received") == []


def test_id_only_as_task_implies_project_and_company(index: PairingIndex) -> None:
    cands = index.pair(msg(subject="Re: #88#"), "received")
    # Task 88 has project 1234, whose company is Acme.
    assert kinds(cands) == {("task", 88, False), ("project", 1234, False), ("company", 1, False)}


def test_task_with_own_company_and_no_project(index: PairingIndex) -> None:
    assert kinds(index.pair(msg(subject="#99#"), "received")) == {
        ("task", 99, False),
        ("company", 3, False),
    }


def test_id_only_as_project_does_not_file_a_company(index: PairingIndex) -> None:
    assert kinds(index.pair(msg(subject="#500#"), "received")) == {("project", 500, False)}


def test_id_naming_neither_files_nothing(index: PairingIndex) -> None:
    assert index.pair(msg(subject="Invoice #4242#"), "received") == []


def test_id_naming_project_and_task_is_ambiguous(index: PairingIndex) -> None:
    assert kinds(index.pair(msg(subject="#77#"), "received")) == {
        ("project", 77, True),
        ("task", 77, True),
    }


def test_tag_and_address_together(index: PairingIndex) -> None:
    got = kinds(index.pair(msg("info@beta.cz", subject="#88#"), "received"))
    assert got == {
        ("task", 88, False),
        ("project", 1234, False),
        ("company", 1, False),
        ("company", 2, False),
    }


def test_empty_message(index: PairingIndex) -> None:
    assert index.pair(msg(), "received") == []
    assert index.pair(msg(), "sent") == []
