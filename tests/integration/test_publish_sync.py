"""Publishing runs after every sync (R9): the headless `sync` against the real Dovecot
with a connected Caflou account (the e-mail stand-in) publishes what the import filed,
and a CRM that is down never fails the sync."""

from __future__ import annotations

from tests.integration.test_imap_sync import make_account, run_cli, stored
from tests.servers.dovecot import make_message


def _copies(server) -> list[dict]:
    return [m for m in server.state.messages.values() if not m.get("trash")]


def _setup(dovecot, caflou_mail, tmp_path):
    caflou_mail.state.add(42, "companies", {"id": 7, "name": "Acme", "email": "office@acme.cz"})
    user = dovecot.new_user()
    dovecot.deliver(
        user,
        [
            make_message(1, sender="office@acme.cz", subject="Offer"),
            make_message(2, sender="nobody@nowhere.cz", subject="Private"),
        ],
    )
    profile = tmp_path / "p"
    make_account(profile, dovecot, user)
    login = run_cli(
        profile,
        *("crm", "login", "--url", caflou_mail.url, "--email", "jana@firma.cz"),
        "--password-stdin",
        stdin="heslo\n",
    )
    assert login.returncode == 0, login.stderr
    return profile


def test_cli_sync_publishes_the_filed_message(dovecot, caflou_mail, tmp_path) -> None:
    profile = _setup(dovecot, caflou_mail, tmp_path)
    result = run_cli(profile, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert len(stored(profile)) == 2
    assert "CRM: Published 1, withdrew 0, failed 0, 0 waiting." in result.stderr
    [copy] = _copies(caflou_mail)
    assert (copy["name"], copy["company_id"], copy["from"]) == ("Offer", 7, "office@acme.cz")
    # The unfiled message never left the desk; a second sync publishes nothing again.
    assert run_cli(profile, "sync", "--once").returncode == 0
    assert len(_copies(caflou_mail)) == 1


def test_a_crm_outage_never_fails_the_sync(dovecot, caflou_mail, tmp_path) -> None:
    profile = _setup(dovecot, caflou_mail, tmp_path)
    caflou_mail.state.fail_next(503, 1000, retry_after="0")
    result = run_cli(profile, "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert len(stored(profile)) == 2
    assert _copies(caflou_mail) == []
    assert "holub: publishing to the CRM: The CRM answered with an error (503)" in result.stderr
    status = run_cli(profile, "crm", "status")
    assert "Publishing to the CRM: 1 waiting" in status.stdout
