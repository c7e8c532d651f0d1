"""Signals: one row per message with its candidates; accepting one dismisses the others."""

from __future__ import annotations

import datetime as dt

from desktop.crm import local
from desktop.models.crm import Filing, Signal
from desktop.models.mail import Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui.crm.signals import SignalsView
from tests.ui.test_crm_widgets import select_rows


def test_one_row_per_message_and_accepting_one_candidate(qtbot, profile) -> None:
    acme = local.add_company("Acme", "office@acme.cz")
    beta = local.add_company("Beta", "info@beta.cz")
    mailbox = Mailbox.create(
        name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1), pairing_enabled=False
    )
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX")
    raw = b"From: Karel <karel@nova.cz>\r\nSubject: Offer\r\nMessage-ID: <9@x>\r\n\r\nx\r\n"
    [mid] = store_batch(inbox, [FetchedMessage("1", raw, uid=1)]).added
    first = Signal.create(message=mid, object_kind="company", object_id=acme, reason="name")
    second = Signal.create(message=mid, object_kind="company", object_id=beta, reason="domain")
    view = SignalsView()
    qtbot.addWidget(view)
    view.show()
    assert view.table.rowCount() == 1
    # The folder tree counts what the view lists: one message, not two suggestions.
    from desktop.services.folders import count_messages

    assert count_messages()["signals"] == 1
    assert "Acme" in view.table.item(0, 3).text() and "Beta" in view.table.item(0, 3).text()
    assert view.table.item(0, 4).toolTip() == "name; domain"  # the whole reason
    select_rows(view, [0])
    # Which one? Not the plain Accept: the candidates below, each with its own.
    assert not view.accept_button.isEnabled()
    assert "below" in view.accept_button.toolTip()
    assert view.candidates.isVisible()
    button = view.candidates.findChild(type(view.accept_button), f"acceptCandidate_{second.id}")
    with qtbot.waitSignal(view.changed):
        button.click()
    assert Filing.get(Filing.message == mid).object_id == beta
    assert Signal.get_by_id(second.id).state == "accepted"
    assert Signal.get_by_id(first.id).state == "dismissed"
    assert view.table.rowCount() == 0


def test_the_reader_shows_the_suggestions_with_accept_and_dismiss(window, filled, qtbot):
    acme = local.add_company("Acme", "office@acme.cz")
    beta = local.add_company("Beta", "info@beta.cz")
    ids = filled[3]
    first = Signal.create(message=ids[5], object_kind="company", object_id=acme, reason="name")
    second = Signal.create(message=ids[5], object_kind="company", object_id=beta, reason="x")
    other = Signal.create(message=ids[6], object_kind="company", object_id=acme, reason="y")
    bar = window.mail.suggestion_bar
    window.mail.select_row(window.list_model.row_of(ids[5]))
    qtbot.waitUntil(lambda: bar.isVisible() and len(bar.items) == 2)
    from PySide6.QtWidgets import QPushButton

    with qtbot.waitSignal(bar.changed):
        bar.findChild(QPushButton, f"acceptSuggestion_{second.id}").click()
    assert Filing.get(Filing.message == ids[5]).object_id == beta
    assert Signal.get_by_id(first.id).state == "dismissed"
    qtbot.waitUntil(lambda: not bar.isVisible())
    window.mail.select_row(window.list_model.row_of(ids[6]))
    qtbot.waitUntil(lambda: bar.isVisible() and len(bar.items) == 1)
    with qtbot.waitSignal(bar.changed):
        bar.findChild(QPushButton, "dismissSuggestions").click()
    assert Signal.get_by_id(other.id).state == "dismissed"
    assert not Filing.select().where(Filing.message == ids[6]).exists()


def test_the_language_switch_reaches_an_open_signals_view(qtbot, qapp, profile) -> None:
    from desktop.ui import i18n

    view = SignalsView()
    qtbot.addWidget(view)
    view.show()
    assert view.accept_button.text() == "Accept"
    try:
        i18n.install(qapp, "cs")
        qtbot.waitUntil(lambda: view.accept_button.text() != "Accept")
        assert view.table.horizontalHeaderItem(0).text() != "Date"
    finally:
        i18n.install(qapp, "en")
    qtbot.waitUntil(lambda: view.accept_button.text() == "Accept")
