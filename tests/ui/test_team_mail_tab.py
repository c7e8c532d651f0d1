"""The E-mails tab of a company shows the mail filed under it by everyone (R9): Holub's
own filed mail and what a colleague (petr@firma.cz) published to the e-mail stand-in,
marked with who filed it; eva, without the Read right, gets nothing; a 403 is one line."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.crm import api, publish
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
from desktop.ui.crm.object_view import CrmObjectView
from tests.integration.test_publish import put, raw
from tests.integration.test_publish_team import petr_publishes


@pytest.fixture
def jana(profile, caflou_mail):
    caflou_mail.state.add(42, "companies", {"id": 7, "name": "Acme", "email": "office@acme.cz"})
    account, _ = api.login(caflou_mail.url, "jana@firma.cz", "heslo", account_id=42)
    api.pull(account)
    mailbox = Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 25))
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX)
    [own] = put(inbox, raw("office@acme.cz", "Jana's own"))
    publish.publish_pending()
    petr_publishes(caflou_mail, "Petr's offer")
    return caflou_mail, own


def test_jana_sees_her_mail_and_petrs(qtbot, jana) -> None:
    _server, own = jana
    view = CrmObjectView("company", 7)
    qtbot.addWidget(view)
    assert view.message_ids() == [own.id]  # her own at once, from the store
    qtbot.waitUntil(lambda: view.emails.rowCount() == 2, timeout=10_000)
    assert view.team_rows() == [("Petr's offer", "petr")]
    assert view.emails.item(0, 3).text() == "you"
    assert view.tabs.tabText(1) == "E-mails (2)"
    assert view.message_ids() == [own.id]  # the colleague's row opens nothing here
    assert not view.team_note.isVisible()


def test_eva_gets_nothing_and_a_403_hides_the_remote_part(qtbot, jana) -> None:
    server, own = jana
    account, _ = api.login(server.url, "eva@firma.cz", "heslo3", account_id=42)
    api.pull(account)
    view = CrmObjectView("company", 7)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view._team_asked is None, timeout=10_000)
    assert view.team_rows() == [] and view.message_ids() == [own.id]
    assert view.team_note.isHidden()

    server.state.forbid("companies", 7)
    view.refresh()
    qtbot.waitUntil(lambda: not view.team_note.isHidden(), timeout=10_000)
    assert view.team_rows() == []
    assert view.team_note.text() == (
        "Colleagues' e-mails are hidden: the CRM gives you no right to read them."
    )
