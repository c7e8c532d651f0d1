"""open_connection against a real Dovecot: TLS modes, pinning, folder roles."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.errors import AuthenticationError, CertificateError
from desktop.models.mail import Mailbox
from desktop.sync import imap


def imap_mailbox(dovecot, user, **kw) -> Mailbox:
    """An unsaved IMAP Mailbox for a Dovecot user (implicit TLS, the test CA)."""
    values = dict(
        name="t",
        email=user.email,
        username=user.name,
        import_from=date.today(),
        imap_host=dovecot.host,
        imap_port=dovecot.imaps_port,
        imap_security="ssl",
        cafile=str(dovecot.cafile),
    )
    values.update(kw)
    return Mailbox(**values)


def test_implicit_tls_with_cafile(dovecot, dovecot_user):
    client = imap.open_connection(imap_mailbox(dovecot, dovecot_user), dovecot_user.password)
    roles = imap.find_folder_roles(client)
    imap.close_connection(client)
    assert roles["inbox"] == "INBOX"
    assert roles["sent"] == "Sent"


def test_starttls_and_pinned_fingerprint(dovecot, dovecot_user):
    mailbox = imap_mailbox(
        dovecot,
        dovecot_user,
        imap_port=dovecot.imap_port,
        imap_security="starttls",
        cafile=None,
        trusted_fingerprint=dovecot.fingerprint.replace(":", "").lower(),
    )
    client = imap.open_connection(mailbox, dovecot_user.password)
    assert client.folder_exists("INBOX")
    imap.close_connection(client)


def test_untrusted_certificate_names_fingerprint(dovecot, dovecot_user):
    mailbox = imap_mailbox(dovecot, dovecot_user, cafile=None)
    with pytest.raises(CertificateError) as info:
        imap.open_connection(mailbox, dovecot_user.password)
    assert info.value.fingerprint == dovecot.fingerprint
    assert "--trust-fingerprint" in str(info.value)


def test_wrong_fingerprint_refused(dovecot, dovecot_user):
    mailbox = imap_mailbox(dovecot, dovecot_user, cafile=None, trusted_fingerprint="AB" * 32)
    with pytest.raises(CertificateError):
        imap.open_connection(mailbox, dovecot_user.password)


def test_wrong_password(dovecot, dovecot_user):
    with pytest.raises(AuthenticationError) as info:
        imap.open_connection(imap_mailbox(dovecot, dovecot_user), "nope")
    assert "app password" in str(info.value)


class _FakeClient:
    def __init__(self, listing):
        self.listing = listing

    def list_folders(self):
        return self.listing


def test_folder_roles_fallback_names():
    client = _FakeClient(
        [
            ((b"\\HasNoChildren",), b".", "INBOX"),
            ((b"\\HasNoChildren",), b".", "INBOX.Odeslaná pošta"),
            ((b"\\HasChildren", b"\\Noselect"), b"/", "[Gmail]"),
        ]
    )
    roles = imap.find_folder_roles(client)
    assert roles == {"inbox": "INBOX", "sent": "INBOX.Odeslaná pošta"}
