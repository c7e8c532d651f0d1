"""The team's mail under a CRM object (R9): colleagues' published e-mails, as the CRM
returns them for the user (desktop/crm/team.py), against the e-mail stand-in."""

from __future__ import annotations

from desktop.crm import api, publish
from desktop.crm import team as team_mail
from tests.integration.test_publish import put, raw
from tests.integration.test_publish import team as team


def petr_publishes(server, subject: str, company_id: int = 7) -> dict:
    """A colleague's own Holub published a filed message (through the real client)."""
    petr = api.CaflouClient(server.url, account_id=42)
    petr.login("petr@firma.cz", "heslo2")
    base = "/api/v1/42"
    conn = petr.request(
        "POST", f"{base}/email_connections", json={"name": "Petr", "username": "petr@firma.cz"}
    )
    folder = petr.request(
        "POST", f"{base}/email_connections/{conn['id']}/email_folders", json={"name": "Inbox"}
    )
    return petr.request(
        "POST",
        f"{base}/email_connections/{conn['id']}/email_folders/{folder['id']}/email_messages",
        json={
            "name": subject,
            "from": "office@acme.cz",
            "from_name": "Acme Office",
            "email_datetime": "2026-11-29T09:30:00Z",
            "message_id": f"<{subject}@acme.cz>",
            "company_id": company_id,
        },
    )


def test_colleagues_filed_mail_is_listed_with_who_filed_it(team) -> None:
    server, inbox = team
    put(inbox, raw("office@acme.cz", "Jana's own"))
    publish.publish_pending()  # jana's own copy: shown from the store, not twice
    petr_publishes(server, "Petr's offer")
    petr_publishes(server, "Elsewhere", company_id=8)

    mail = team_mail.colleagues_mail("company", 7)
    assert mail.error is None and not mail.refused
    assert [(m.subject, m.filed_by, m.sender) for m in mail.messages] == [
        ("Petr's offer", "petr", "Acme Office")
    ]
    assert mail.messages[0].date.isoformat() == "2026-11-29T09:30:00"
    assert team_mail.colleagues_mail("company", 8).messages[0].subject == "Elsewhere"
    # The request carried the CRM's filter.
    assert any("filter%5Bcompany_ids%5D=7" in path for _m, path in server.state.requests)


def test_eva_without_the_read_right_gets_nothing_and_403_is_one_line(team) -> None:
    server, _inbox = team
    petr_publishes(server, "Petr's offer")
    account, _ = api.login(server.url, "eva@firma.cz", "heslo3", account_id=42)
    api.pull(account)
    mail = team_mail.colleagues_mail("company", 7)
    assert mail.messages == [] and mail.error is None  # the CRM returns eva nothing

    server.state.forbid("companies", 7)
    mail = team_mail.colleagues_mail("company", 7)
    assert mail.refused and mail.messages == []
    assert "no right" in (mail.error or "") and "\n" not in mail.error


def test_local_crm_has_no_remote_part(profile) -> None:
    assert team_mail.colleagues_mail("project", 1) == team_mail.TeamMail()
