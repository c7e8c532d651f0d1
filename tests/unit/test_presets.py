"""Server presets and the RFC 6186 SRV look-up (desktop/presets.py), the look-up
against a local DNS stand-in through dnspython (tests/servers/dns_server.py)."""

from __future__ import annotations

import time

import pytest

from desktop import presets
from tests.servers.dns_server import DnsServer


@pytest.fixture
def dns_server():
    server = DnsServer().start()
    yield server
    server.stop()


def _resolver(server: DnsServer, timeout: float = 2.0):
    return presets.dns_resolver([(server.host, server.port)], timeout=timeout)


@pytest.mark.parametrize(
    ("email", "provider", "imap", "smtp", "smtp_port"),
    [
        ("jana@gmail.com", "Gmail", "imap.gmail.com", "smtp.gmail.com", 587),
        (
            "Jana@Outlook.com",
            "Outlook / Office 365",
            "outlook.office365.com",
            "smtp.office365.com",
            587,
        ),
        (
            "jana@hotmail.com",
            "Outlook / Office 365",
            "outlook.office365.com",
            "smtp.office365.com",
            587,
        ),
        ("jana@seznam.cz", "Seznam", "imap.seznam.cz", "smtp.seznam.cz", 465),
        ("jana@email.cz", "Seznam", "imap.seznam.cz", "smtp.seznam.cz", 465),
        ("jana@centrum.cz", "Centrum", "imap.centrum.cz", "smtp.centrum.cz", 465),
        ("jana@volny.cz", "Volný", "imap.volny.cz", "smtp.volny.cz", 465),
        ("jana@icloud.com", "iCloud", "imap.mail.me.com", "smtp.mail.me.com", 587),
        ("jana@yahoo.com", "Yahoo", "imap.mail.yahoo.com", "smtp.mail.yahoo.com", 465),
    ],
)
def test_presets_by_domain(email, provider, imap, smtp, smtp_port):
    found = presets.preset_for(email)
    assert found is not None
    assert (found.provider, found.imap_host, found.imap_port) == (provider, imap, 993)
    assert (found.smtp_host, found.smtp_port, found.source) == (smtp, smtp_port, "preset")


def test_no_preset_for_other_domains():
    assert presets.preset_for("jana@firma.cz") is None
    assert presets.preset_for("no-at-sign") is None
    assert presets.preset_for("@gmail.com") is None
    assert presets.preset_for("jana@gmail.com").oauth_kind == "gmail"


def test_srv_lookup_picks_priority_then_weight(dns_server):
    dns_server.records = {
        "_imaps._tcp.firma.cz": [(10, 0, 993, "backup.firma.cz"), (0, 5, 993, "mail.firma.cz")],
        "_submission._tcp.firma.cz": [(0, 1, 587, "smtp2.firma.cz"), (0, 9, 587, "smtp.firma.cz")],
    }
    found = presets.discover("jana@Firma.cz", _resolver(dns_server))
    assert found == presets.ServerSettings("mail.firma.cz", 993, "smtp.firma.cz", 587, source="dns")
    assert dns_server.queries == ["_imaps._tcp.firma.cz", "_submission._tcp.firma.cz"]


def test_srv_implicit_tls_submission_and_no_service(dns_server):
    dns_server.records = {
        "_imaps._tcp.a.cz": [(0, 0, 993, "imap.a.cz")],
        "_submissions._tcp.a.cz": [(0, 0, 465, "smtp.a.cz")],
        "_imaps._tcp.b.cz": [(0, 0, 0, ".")],  # RFC 2782: the service is not offered
        "_submission._tcp.b.cz": [(0, 0, 587, "smtp.b.cz")],
    }
    resolve = _resolver(dns_server)
    assert presets.lookup_srv("a.cz", resolve) == presets.ServerSettings(
        "imap.a.cz", 993, "smtp.a.cz", 465, source="dns"
    )
    assert presets.lookup_srv("b.cz", resolve) is None
    assert presets.lookup_srv("none.cz", resolve) is None  # NXDOMAIN


def test_presets_do_not_ask_dns(dns_server):
    assert presets.discover("jana@seznam.cz", _resolver(dns_server)).provider == "Seznam"
    assert dns_server.queries == []


def test_a_silent_dns_server_times_out(dns_server):
    dns_server.silent = True
    started = time.monotonic()
    assert presets.discover("jana@firma.cz", _resolver(dns_server, timeout=0.5)) is None
    assert time.monotonic() - started < 2.0


def test_reserved_domains_are_never_asked(dns_server):
    resolve = _resolver(dns_server)
    for domain in ("example.com", "example.org", "firma.example", "mail.test", "x.invalid"):
        assert presets.lookup_srv(domain, resolve) is None
    assert dns_server.queries == []
