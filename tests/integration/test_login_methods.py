"""R4 login methods against the real servers: IMAP AUTHENTICATE PLAIN or LOGIN, SMTP AUTH
PLAIN or AUTH LOGIN; "plain" (the default) falls back to LOGIN where a server has only
that, "login" not offered is a plain error.

Which IMAP command went out is read from the bytes imaplib sends; a second Dovecot with
``auth_mechanisms = login`` is a server that refuses PLAIN (and the LOGIN command).
"""

from __future__ import annotations

import imaplib
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest

from desktop.errors import AuthenticationError, HolubError
from desktop.models.mail import Mailbox
from desktop.sync import imap
from desktop.sync import smtp as smtp_client
from tests.integration.test_account_cli import account as account
from tests.integration.test_account_cli import add_args, assert_one_line_error, run_cli
from tests.integration.test_account_cli import smtp as smtp
from tests.integration.test_imap_connection import imap_mailbox
from tests.integration.test_imap_sync import make_account
from tests.servers.dovecot import DovecotServer, make_message
from tests.servers.smtp import TlsFiles, start_smtp_server


@pytest.fixture(scope="module")
def dovecot_login_only():
    """A Dovecot offering only SASL LOGIN: no AUTH=PLAIN, and LOGINDISABLED."""
    if shutil.which("dovecot") is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="holub-dovecot-login-"))
    server = DovecotServer(root, auth_mechanisms="login")
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def sent(monkeypatch) -> list[bytes]:
    """Every command line imaplib sends in this process."""
    lines: list[bytes] = []
    original = imaplib.IMAP4.send

    def send(self, data: bytes) -> None:
        lines.append(bytes(data))
        original(self, data)

    monkeypatch.setattr(imaplib.IMAP4, "send", send)
    return lines


def commands(lines: list[bytes]) -> list[bytes]:
    """The command names sent (the word after the tag), e.g. b"AUTHENTICATE"."""
    return [line.split(b" ")[1].strip().upper() for line in lines if line.count(b" ") >= 1]


@pytest.mark.parametrize("method", ["plain", "login"])
def test_imap_method_logs_in_and_syncs(dovecot, tmp_path, sent, method):
    from desktop.models.db import close_store
    from desktop.profile import open_profile
    from desktop.sync import engine

    user = dovecot.new_user()
    dovecot.deliver(user, [make_message(i) for i in range(3)])
    profile = tmp_path / "p"
    mailbox_id = make_account(profile, dovecot, user, imap_auth=method)
    sent.clear()  # the delivery above logged in too
    open_profile(profile)
    try:
        assert len(engine.sync_mailbox(mailbox_id).added) == 3
    finally:
        close_store()
    used = commands(sent)
    if method == "plain":
        assert any(line.upper().endswith(b"AUTHENTICATE PLAIN\r\n") for line in sent), sent
        assert b"LOGIN" not in used
    else:
        assert b"LOGIN" in used and b"AUTHENTICATE" not in used, used


@pytest.mark.parametrize("method", ["plain", "login"])
def test_imap_capabilities_after_login(dovecot, dovecot_user, method):
    client = imap.open_connection(
        imap_mailbox(dovecot, dovecot_user, imap_auth=method), dovecot_user.password
    )
    try:
        # The pre-login check must not leave imapclient with the pre-login capabilities.
        assert client.has_capability("CONDSTORE")
    finally:
        imap.close_connection(client)


def test_imap_plain_uses_login_where_plain_is_not_offered(dovecot_login_only, sent):
    # "plain" (the default, "leave plain" in Caflou's help) is a plain password however
    # the server takes one; this server has SASL LOGIN only.
    user = dovecot_login_only.new_user()
    client = imap.open_connection(imap_mailbox(dovecot_login_only, user), user.password)
    imap.close_connection(client)
    assert any(line.upper().endswith(b"AUTHENTICATE LOGIN\r\n") for line in sent), sent
    assert not any(b"AUTHENTICATE PLAIN" in line.upper() for line in sent)


def test_imap_login_uses_sasl_login_when_the_command_is_disabled(
    dovecot_login_only, tmp_path, sent
):
    user = dovecot_login_only.new_user()
    client = imap.open_connection(
        imap_mailbox(dovecot_login_only, user, imap_auth="login"), user.password
    )
    imap.close_connection(client)
    assert any(line.upper().endswith(b"AUTHENTICATE LOGIN\r\n") for line in sent), sent

    # The pool workers (other processes, own connections) log in the same way.
    client = imap.open_connection(
        imap_mailbox(dovecot_login_only, user, imap_auth="login"), user.password
    )
    for i in range(9):
        client.append("INBOX", make_message(i))
    imap.close_connection(client)
    profile = tmp_path / "p"
    make_account(profile, dovecot_login_only, user, imap_auth="login")
    env = {"HOLUB_SYNC_BATCH": "3", "HOLUB_SYNC_POOL_MIN": "1"}
    synced = run_cli(profile, "sync", "--once", env=env)
    assert synced.returncode == 0, synced.stderr
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM message").fetchone()[0] == 9

    # Last: Dovecot delays every login from the address after a failed one.
    with pytest.raises(AuthenticationError, match="wrong user name or password"):
        imap.open_connection(imap_mailbox(dovecot_login_only, user, imap_auth="login"), "wrong")


def test_imap_login_refused_names_what_is_offered():
    # Over TLS Dovecot always accepts the LOGIN command, so this case is checked on the
    # capability list a server such as a locked-down Exchange sends.
    error = imap._method_refused(
        "mail.example.com", "login", ["IMAP4REV1", "AUTH=PLAIN", "LOGINDISABLED"]
    )
    assert str(error) == (
        "The IMAP server mail.example.com does not accept the LOGIN login method; it offers "
        "PLAIN. Choose PLAIN as the IMAP login method."
    )
    error = imap._method_refused("h", "plain", ["IMAP4REV1", "AUTH=GSSAPI", "LOGINDISABLED"])
    assert "accepts neither the PLAIN nor the LOGIN login method (it offers GSSAPI)" in str(error)


# -- SMTP ----------------------------------------------------------------------------


def smtp_mailbox(server, security: str = "starttls", **extra) -> Mailbox:
    return Mailbox(name="W", import_from=date.today(), **server.mailbox_fields(security), **extra)


@pytest.mark.parametrize("method", ["plain", "login"])
def test_smtp_method_sends(smtp_server, method):
    box = smtp_mailbox(smtp_server, smtp_auth=method)
    raw = b"From: a@example.test\r\nTo: b@example.test\r\nSubject: x\r\n\r\nhi\r\n"
    smtp_client.send_raw(box, smtp_server.password, raw, smtp_server.user, ["b@example.test"])
    assert smtp_server.mechanisms == [method.upper()]
    assert len(smtp_server.messages) == 1
    with pytest.raises(AuthenticationError):
        smtp_client.check_login(box, "wrong")
    assert smtp_server.mechanisms[-1] == method.upper()


def test_smtp_login_not_offered_is_a_plain_error(smtp_tls_files):
    server = start_smtp_server(smtp_tls_files, exclude_auth=("LOGIN",))
    try:
        box = smtp_mailbox(server, "ssl", smtp_auth="login")
        with pytest.raises(HolubError) as info:
            smtp_client.check_login(box, server.password)
        assert not isinstance(info.value, AuthenticationError)
        assert str(info.value) == (
            f"The SMTP server 127.0.0.1:{server.ssl_port} does not accept the "
            "LOGIN login method; it offers PLAIN. Choose PLAIN as the SMTP login method."
        )
        assert server.logins == []
    finally:
        server.stop()


def test_smtp_plain_uses_auth_login_where_plain_is_not_offered(smtp_tls_files):
    # As Office 365 does: AUTH LOGIN only. The default "plain" still signs in.
    server = start_smtp_server(smtp_tls_files, exclude_auth=("PLAIN",))
    try:
        smtp_client.check_login(smtp_mailbox(server, "ssl"), server.password)
        assert server.mechanisms == ["LOGIN"]
    finally:
        server.stop()


# -- CLI -----------------------------------------------------------------------------


def test_cli_add_show_set_login_methods(dovecot, smtp, account, tmp_path):
    profile = tmp_path / "p"
    smtp.clear()
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    added = run_cli(
        profile, *args, "--imap-auth", "login", "--smtp-auth", "login", password=account.password
    )
    assert added.returncode == 0, added.stderr
    assert smtp.mechanisms == ["LOGIN"]
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        row = db.execute("SELECT imap_auth, smtp_auth FROM mailbox").fetchone()
    assert row == ("login", "login")
    shown = run_cli(profile, "account", "show", "1")
    assert "imap_auth: login" in shown.stdout and "smtp_auth: login" in shown.stdout

    changed = run_cli(profile, "account", "set", "1", "--smtp-auth", "plain")
    assert changed.returncode == 0, changed.stderr
    assert "changed smtp_auth" in changed.stdout
    assert smtp.mechanisms[-1] == "PLAIN"  # checked before it was saved
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        row = db.execute("SELECT imap_auth, smtp_auth FROM mailbox").fetchone()
    assert row == ("login", "plain")


def test_cli_add_with_a_method_the_server_refuses(dovecot, account, tmp_path):
    tls = TlsFiles(
        cafile=str(dovecot.cafile), certfile=str(dovecot.cafile), keyfile=str(dovecot.keyfile)
    )
    refusing = start_smtp_server(tls, exclude_auth=("LOGIN",))
    refusing.user, refusing.password = account.name, account.password
    try:
        profile = tmp_path / "p"
        args = add_args(dovecot, refusing, account, "--cafile", str(dovecot.cafile))
        result = run_cli(profile, *args, "--smtp-auth", "login", password=account.password)
    finally:
        refusing.stop()
    assert_one_line_error(result, "does not accept the LOGIN login method", "Choose PLAIN")
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM mailbox").fetchone()[0] == 0


def test_imap_login_command_refuses_accented_passwords(dovecot, dovecot_user, sent):
    # imaplib sends LOGIN's arguments as ASCII; PLAIN (UTF-8) is the way for such passwords.
    mailbox = imap_mailbox(dovecot, dovecot_user, imap_auth="login")
    with pytest.raises(HolubError, match="accented letters; choose PLAIN") as info:
        imap.open_connection(mailbox, "heslo-žluťoučký")
    assert not isinstance(info.value, AuthenticationError)
    assert b"LOGIN" not in commands(sent)


def test_imap_login_command_wrong_password(dovecot, dovecot_user):
    # (PLAIN, the default, is test_imap_connection.test_wrong_password.) Last in the
    # module: Dovecot delays the next login from this address after a failed one.
    mailbox = imap_mailbox(dovecot, dovecot_user, imap_auth="login")
    with pytest.raises(AuthenticationError, match="wrong user name or password"):
        imap.open_connection(mailbox, "wrong")
