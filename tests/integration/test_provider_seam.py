"""The provider seam end to end with a test-only provider of a made-up kind: the real
registry, CLI (in-process), accounts service, sync engine, outbox, keyring and store.

Covers: `account add --type <oauth>` (sign-in, address from the provider, saved only
when the first call works), `account verify|list`, `sync` and `send` through the seam,
and "needs sign-in" when a refresh token is revoked while other mailboxes keep syncing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop import secrets
from desktop.cli import main as cli_main
from desktop.models.mail import ROLE_INBOX, ROLE_SENT, SIGNIN_NEEDED, SIGNIN_OK, Mailbox, Message
from desktop.sync.providers.base import SignedIn
from tests import fake_provider


@pytest.fixture
def fake(monkeypatch):
    provider = fake_provider.install(monkeypatch)
    provider.add_account("jana@fake.test", "Jana Nováková")
    provider.add_account("petr@fake.test", "Petr Novák")
    return provider


def cli(profile, capsys, *args: str) -> tuple[int, str, str]:
    code = cli_main(["--profile", str(profile.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_signs_in_and_saves_with_the_providers_address(profile, fake, capsys):
    when = (date.today() - timedelta(days=2)).isoformat()
    code, out, err = cli(
        profile, capsys, "account", "add", "--type", "test", "--name", "Práce",
        "--email", "jana@fake.test", "--import-from", when, "--device-code",
    )  # fmt: skip
    assert code == 0, err
    assert "FAKE-123" in err  # the device-code instructions reach the user
    assert "Signed in as jana@fake.test." in out and "Added account 1" in out
    box = Mailbox.get()
    assert (box.kind, box.email, box.sender_name, box.name) == (
        fake_provider.KIND,
        "jana@fake.test",
        "Jana Nováková",
        "Práce",
    )
    assert box.import_from.isoformat() == when and box.signin_state == SIGNIN_OK
    # The token is in the keyring, and the store holds no trace of it.
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, box.id) == "refresh-jana@fake.test"
    from desktop.models.db import database

    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in profile.root.rglob("*"):
        if path.is_file():
            assert b"refresh-jana" not in path.read_bytes(), path
    assert fake.calls == [("sign_in", "jana@fake.test"), ("verify", "jana@fake.test")]

    code, out, err = cli(profile, capsys, "account", "verify", str(box.id))
    assert code == 0 and "accepts the stored sign-in" in out
    code, out, _ = cli(profile, capsys, "account", "list")
    assert f"{fake_provider.KIND}\tsign-in: ok" in out and "jana@fake.test" in out


def test_add_is_not_saved_when_the_first_call_fails(profile, fake, capsys):
    fake.refuse_verify = True
    code, out, err = cli(profile, capsys, "account", "add", "--type", "test", "--name", "X")
    assert code == 1
    assert err.strip().splitlines()[-1].startswith("holub: ") and "consented" in err
    assert "Signed in as" in out  # the sign-in worked; the provider's call did not
    assert Mailbox.select().count() == 0
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, 1) is None


def test_add_refuses_another_account_than_asked_for(profile, fake, capsys):
    fake.accounts.pop("petr@fake.test")
    code, _, err = cli(
        profile, capsys, "account", "add", "--type", "test", "--name", "X", "--email",
        "petr@fake.test",
    )  # fmt: skip
    assert code == 1 and "not petr@fake.test" in err
    assert Mailbox.select().count() == 0


def test_imap_options_with_an_oauth_type_are_bad_usage(profile, fake, capsys):
    with pytest.raises(SystemExit) as info:
        cli(profile, capsys, "account", "add", "--type", "test", "--name", "X", "--imap-host", "h")
    assert info.value.code == 2
    assert "--imap-host" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        cli(profile, capsys, "account", "add", "--name", "X", "--email", "a@b.cz")
    assert info.value.code == 2
    assert "--imap-host, --smtp-host, --password-stdin" in capsys.readouterr().err


def _add(fake, email: str) -> Mailbox:
    from desktop import accounts

    signed_in = fake.sign_in(login_hint=email)
    return accounts.add_oauth_mailbox(fake_provider.KIND, signed_in, name=email.split("@")[0])


def test_sync_and_send_go_through_the_provider(profile, fake, capsys):
    box = _add(fake, "jana@fake.test")
    fake.deliver("jana@fake.test", ROLE_INBOX, "m1", "Nabídka")
    fake.deliver("jana@fake.test", ROLE_INBOX, "m2", "Faktura")
    fake.deliver("jana@fake.test", ROLE_SENT, "s1", "Odpověď")
    code, out, err = cli(profile, capsys, "sync", "--once", "-q")
    assert code == 0, err
    assert "jana: 3 new, 0 updated" in out
    # Between syncs: one read and starred, one gone from the server.
    inbox = fake.accounts["jana@fake.test"].folders[ROLE_INBOX]
    inbox[0].flags = ["\\Seen", "\\Flagged"]
    del inbox[1]
    code, out, err = cli(profile, capsys, "sync", "--once", "-q", "--account", str(box.id))
    assert code == 0, err
    assert "1 updated, 1 removed" in out
    m1 = Message.get(Message.remote_id == "m1")
    assert (m1.seen, m1.starred) == (True, True)
    assert not Message.select().where(Message.remote_id == "m2").exists()

    body = profile.root / "body.txt"
    body.write_text("Dobrý den")
    code, out, err = cli(
        profile, capsys, "send", "--account", str(box.id), "--to", "petr@example.cz",
        "--subject", "Seam", "--body-file", str(body),
    )  # fmt: skip
    assert code == 0, err
    assert fake.calls[-1] == ("send", "jana@fake.test")
    from desktop.models.mail import Outbox

    row = Outbox.get()
    # The provider files Sent itself: no IMAP append, nothing left to do.
    assert (row.state, row.appended_to_sent) == ("sent", True)


def test_revoked_sign_in_needs_sign_in_while_others_keep_syncing(profile, fake, capsys):
    from desktop import accounts
    from desktop.sync import engine

    jana, petr = _add(fake, "jana@fake.test"), _add(fake, "petr@fake.test")
    fake.accounts["jana@fake.test"].token = "revoked-and-replaced"
    fake.deliver("petr@fake.test", ROLE_INBOX, "p1", "Ahoj")
    code, out, err = cli(profile, capsys, "sync", "--once", "-q")
    assert code == 1
    assert "holub: jana: The sign-in of jana@fake.test expired" in err
    assert "petr: 1 new" in out
    assert Mailbox.get_by_id(jana.id).signin_state == SIGNIN_NEEDED
    assert Mailbox.get_by_id(petr.id).signin_state == SIGNIN_OK
    _, listed, _ = cli(profile, capsys, "account", "list")
    assert "sign-in: needs sign-in" in listed.splitlines()[0]
    assert "sign-in: ok" in listed.splitlines()[1]

    # Signing in as someone else is refused; signing in again as jana clears the state.
    with pytest.raises(Exception, match=r"this mailbox is jana@fake\.test"):
        accounts.sign_in_again(jana.id, SignedIn("petr@fake.test", "", "refresh-petr@fake.test"))
    accounts.sign_in_again(jana.id, fake.sign_in(login_hint="jana@fake.test"))
    assert Mailbox.get_by_id(jana.id).signin_state == SIGNIN_OK
    engine.sync_mailbox(jana.id)
    assert Mailbox.get_by_id(jana.id).last_error is None
