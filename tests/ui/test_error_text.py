"""The commonest failures in the window's language: the sentences the core writes
(net.describe_network_error, the sync's classification, the logins) are recognised
and translated; anything else is shown as it is."""

from __future__ import annotations

import socket
import ssl

import pytest
from imapclient import exceptions as imap_errors

from desktop.errors import ConnectionFailed
from desktop.sync import net
from desktop.ui.error_text import error_text


@pytest.fixture
def czech(qapp):
    from desktop.ui import i18n

    i18n.install(qapp, "cs")
    yield
    i18n.install(qapp, "en")


def _network(exc: BaseException, what: str = "IMAP server") -> str:
    return str(net.describe_network_error(exc, "mail.example.cz", 993, what))


def test_network_failures_from_the_core_read_in_czech(qapp, czech):
    cases = {
        _network(socket.gaierror(-2, "Name or service not known")): (
            "Neznámý server: mail.example.cz (název IMAP serveru se nepodařilo najít)."
        ),
        _network(ConnectionRefusedError(111, "refused"), "SMTP server"): (
            "SMTP server mail.example.cz:993 odmítl spojení. Zkontrolujte server a port."
        ),
        _network(TimeoutError()): (
            "IMAP server mail.example.cz:993 neodpověděl včas (vypršel časový limit)."
        ),
        _network(ConnectionResetError(104, "reset by peer")): (
            "Spojení s IMAP serverem mail.example.cz:993 se přerušilo: [Errno 104] reset by peer."
        ),
        _network(OSError(113, "No route to host")): (
            "IMAP server mail.example.cz:993 není dostupný: No route to host."
        ),
    }
    for english, czech_text in cases.items():
        assert error_text(english) == czech_text, english


def test_an_untrusted_certificate_points_to_the_window_not_the_cli(qapp):
    exc = ssl.SSLCertVerificationError(1, "certificate verify failed")
    exc.verify_message = "self-signed certificate"
    english = _network(exc)
    assert "--cafile" in english  # what the command line says
    shown = error_text(english)
    assert "--cafile" not in shown and "Add mailbox" in shown
    assert "self-signed certificate" in shown


def test_the_sync_and_login_sentences(qapp, czech):
    from desktop.models.mail import Mailbox
    from desktop.sync.engine import _classify

    mailbox = Mailbox(name="W", imap_host="imap.example.cz", imap_port=993)
    lost = str(_classify(imap_errors.IMAPClientAbortError("socket error"), mailbox))
    assert error_text(lost).startswith("Spojení s IMAP serverem imap.example.cz:993 se během")
    answered = str(_classify(imap_errors.IMAPClientError("NO [LIMIT] too many"), mailbox))
    assert (
        error_text(answered)
        == "IMAP server imap.example.cz:993 odpověděl chybou: NO [LIMIT] too many"
    )


def test_an_unknown_sentence_is_kept(qapp, czech):
    text = str(ConnectionFailed("Holub could not reach Google to sign in: boom"))
    assert error_text(text) == text


def test_a_refused_smtp_login_from_a_real_server(qapp, czech, smtp_server):
    from desktop.errors import AuthenticationError
    from desktop.sync import smtp
    from tests.integration.test_smtp_login import make_mailbox

    with pytest.raises(AuthenticationError) as info:
        smtp.check_login(make_mailbox(smtp_server), "wrong")
    shown = error_text(str(info.value))
    assert shown.startswith("SMTP server odmítl přihlášení jana@example.test: 535")
    assert shown.endswith("Zkontrolujte uživatelské jméno a heslo.")
