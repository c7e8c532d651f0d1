"""SMTP login and sending against a real aiosmtpd server (STARTTLS and implicit TLS)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.errors import AuthenticationError, CertificateError, ConnectionFailed, HolubError
from desktop.models.mail import Mailbox
from desktop.sync import smtp
from desktop.sync.net import fetch_certificate_fingerprint


def make_mailbox(server, security: str = "starttls", **extra) -> Mailbox:
    fields = {
        "name": "Work",
        "import_from": dt.date.today(),
        "sender_name": "Jana Nováková",
        **server.mailbox_fields(security),
        **extra,
    }
    return Mailbox(**fields)  # not saved: the SMTP client needs only the columns


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_check_login_ok(smtp_server, security):
    smtp.check_login(make_mailbox(smtp_server, security), smtp_server.password)
    assert smtp_server.logins == [(smtp_server.user, True)]


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_wrong_password_is_authentication_error(smtp_server, security):
    with pytest.raises(AuthenticationError) as info:
        smtp.check_login(make_mailbox(smtp_server, security), "wrong")
    assert str(info.value).startswith("The SMTP server refused the login for jana@example.test")
    assert "\n" not in str(info.value)


def test_untrusted_certificate_refused(smtp_server):
    box = make_mailbox(smtp_server, cafile=None)
    with pytest.raises(CertificateError) as info:
        smtp.check_login(box, smtp_server.password)
    assert "not trusted" in str(info.value)
    assert info.value.fingerprint and info.value.fingerprint in str(info.value)
    assert smtp_server.logins == []  # the password never left the machine


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_pinned_fingerprint(smtp_server, security):
    box = make_mailbox(smtp_server, security, cafile=None)
    port = box.smtp_port
    seen = fetch_certificate_fingerprint(
        "127.0.0.1", port, starttls="smtp" if security == "starttls" else None
    )
    box.trusted_fingerprint = seen
    smtp.check_login(box, smtp_server.password)
    box.trusted_fingerprint = "00:" * 31 + "00"
    with pytest.raises(CertificateError, match="has changed"):
        smtp.check_login(box, smtp_server.password)
    # One pin per mailbox (it is IMAP's too): a CA-verified SMTP certificate still passes.
    box.cafile = smtp_server.cafile
    smtp.check_login(box, smtp_server.password)


def test_connection_refused(smtp_server):
    box = make_mailbox(smtp_server)
    smtp_server.stop()
    with pytest.raises(ConnectionFailed, match="Connection refused"):
        smtp.check_login(box, smtp_server.password)


def test_send_raw_records_envelope(smtp_server):
    box = make_mailbox(smtp_server, "ssl")
    raw = b"From: jana@example.test\r\nTo: petr@example.test\r\nSubject: Hi\r\n\r\nHello\r\n"
    words = smtp.send_raw(box, smtp_server.password, raw, box.email, ["petr@example.test"])
    assert words.startswith("250")
    [got] = smtp_server.messages
    assert got.rcpt_tos == ["petr@example.test"]
    assert got.mail_from == "jana@example.test"
    assert b"Hello" in got.raw


def test_refused_recipient_sends_nothing(smtp_server):
    box = make_mailbox(smtp_server)
    smtp_server.refuse_recipients.add("nobody@example.test")
    raw = b"From: jana@example.test\r\nSubject: Hi\r\n\r\nHello\r\n"
    with pytest.raises(smtp.RecipientRefused) as info:
        smtp.send_raw(
            box, smtp_server.password, raw, box.email, ["petr@example.test", "nobody@example.test"]
        )
    assert "nobody@example.test: 550 5.1.1" in str(info.value)
    assert "User unknown" in str(info.value)
    assert smtp_server.messages == []


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_silent_server_times_out(smtp_server, security):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers
        box = make_mailbox(smtp_server, security, smtp_port=silent.getsockname()[1])
        with pytest.raises(ConnectionFailed) as info:
            smtp.check_login(box, smtp_server.password, timeout=0.5)
    assert str(info.value) == (
        f"The SMTP server 127.0.0.1:{box.smtp_port} did not answer in time (timeout)."
    )


def test_unknown_host(smtp_server):
    box = make_mailbox(smtp_server, smtp_host="no-such-host.invalid")
    with pytest.raises(ConnectionFailed, match=r"Unknown host: no-such-host\.invalid"):
        smtp.check_login(box, smtp_server.password, timeout=5)


def test_plain_security_is_refused(smtp_server):
    box = make_mailbox(smtp_server, smtp_security="none")
    with pytest.raises(HolubError, match="not supported"):
        smtp.check_login(box, smtp_server.password)
    assert smtp_server.logins == []


def test_auth_login_when_plain_is_not_offered(smtp_tls_files):
    from tests.servers.smtp import start_smtp_server

    server = start_smtp_server(smtp_tls_files, exclude_auth=("PLAIN",))
    try:
        box = make_mailbox(server, "ssl", smtp_auth="login")
        smtp.check_login(box, server.password)  # a password with diacritics, over LOGIN
        with pytest.raises(AuthenticationError):
            smtp.check_login(box, "wrong")
        assert server.logins == [(server.user, True), (server.user, False)]
    finally:
        server.stop()
