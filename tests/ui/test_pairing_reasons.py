"""Why a filing is suggested, in the window's language: pairing stores an English
sentence (the command line shows it as it is); the window translates the ones it knows."""

from __future__ import annotations

import pytest

from desktop.crm.pairing import PairingIndex, pair
from desktop.ui.crm.reasons import reason_text

SENTENCES = [
    ("#1204# in the subject", "#1204# v předmětu"),
    ("#7# names both a project and a task", "#7# je číslo projektu i úkolu"),
    ("project of task #3305#", "projekt úkolu #3305#"),
    ("company of task #3305#", "firma úkolu #3305#"),
    (
        "sender jana@acme.cz is the e-mail of a company",
        "adresa odesílatele jana@acme.cz je e-mail firmy",
    ),
    (
        "recipient petr@acme.cz is the e-mail of a contact",
        "adresa příjemce petr@acme.cz je e-mail kontaktu",
    ),
    (
        "sender karel@foto.cz belongs to several companies: Pekárna (#1), Hotel (#2)",
        "adresa odesílatele karel@foto.cz patří několika firmám: Pekárna (#1), Hotel (#2)",
    ),
    ("Caflou", "navrženo v Caflou"),
]


@pytest.fixture
def czech(qapp):
    from desktop.ui import i18n

    i18n.install(qapp, "cs")
    yield
    i18n.install(qapp, "en")


@pytest.mark.parametrize(("english", "czech_text"), SENTENCES)
def test_known_reasons_are_translated(qapp, czech, english, czech_text):
    assert reason_text(english) == czech_text


@pytest.mark.parametrize(("english", "_czech"), SENTENCES)
def test_in_english_they_read_as_stored(qapp, english, _czech):
    # The CRM's own hint is stored as just "Caflou": the window says what it means.
    expected = "suggested in Caflou" if english == "Caflou" else english
    assert reason_text(english) == expected


def test_an_unknown_reason_is_shown_as_it_is(qapp, czech):
    assert reason_text("a rule of a newer Holub") == "a rule of a newer Holub"
    assert reason_text("") == reason_text(None) == ""


def test_every_reason_pairing_writes_is_translated(qapp, czech):
    """The sentences are the ones pairing writes: a changed wording there would fall
    back to English in a Czech window."""
    from types import SimpleNamespace

    index = PairingIndex.build(
        companies=[(1, "Acme", "jana@acme.cz, info@both.cz"), (2, "Beta", "info@both.cz")],
        contacts=[(1, "petr@acme.cz")],
        projects=[(1204, 1), (7, 1)],
        tasks=[(3305, 1204, None), (7, None, None)],
    )
    mails = [
        SimpleNamespace(from_addr="jana@acme.cz", subject="Re: #3305# proofs", to=[], cc=[]),
        SimpleNamespace(from_addr="jana@acme.cz", subject="Hello", to=[], cc=[]),
        SimpleNamespace(from_addr="info@both.cz", subject="#7# and #1204#", to=[], cc=[]),
    ]
    reasons = {c.reason for m in mails for c in pair(m, "received", index=index)}
    sent = SimpleNamespace(from_addr="me@firma.cz", subject="", to=[("", "petr@acme.cz")], cc=[])
    reasons |= {c.reason for c in pair(sent, "sent", index=index)}
    assert len(reasons) == 8
    for reason in reasons:
        assert reason_text(reason) != reason, reason
