"""The IMAP+SMTP provider: a password in the keyring, IMAP to read, SMTP to send.

Reading is ``desktop.sync.engine.sync_imap`` (EXAMINE and BODY.PEEK[] only, R2);
sending is ``desktop.sync.smtp``; the sent copy goes into the IMAP Sent folder unless
the provider behind the SMTP server files it there itself.
"""

from __future__ import annotations

import logging
import ssl
import threading

from desktop import secrets
from desktop.changes import ChangeSet
from desktop.errors import AuthenticationError, CertificateError, HolubError
from desktop.models.mail import KIND_IMAP, Mailbox
from desktop.sync import imap, smtp
from desktop.sync.providers.base import Progress, register

log = logging.getLogger(__name__)

# SMTP hosts whose providers put a copy of every sent message into Sent themselves
# (their copy may appear only after a delay, so Holub must not look and append).
AUTO_FILING_HOSTS = (
    "smtp.gmail.com",
    "smtp.googlemail.com",
    "smtp.office365.com",
    "smtp-mail.outlook.com",
    "outlook.office365.com",
)


def stored_password(mailbox: Mailbox) -> str:
    """The mailbox's password from the keyring; AuthenticationError when there is none."""
    password = secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox.id)
    if not password:
        raise AuthenticationError(
            f"No password is stored for the mailbox {mailbox.name}; "
            "set it again in the mailbox settings (or: account password ID --password-stdin)."
        )
    return password


def _smtp_certificate_error(mailbox: Mailbox, exc: CertificateError) -> CertificateError:
    # The SMTP client reports an untrusted certificate without its fingerprint;
    # fetch it so the user can check and trust it, as for IMAP.
    cause = exc.__cause__
    if exc.fingerprint or not isinstance(cause, ssl.SSLCertVerificationError):
        return exc
    starttls = "smtp" if mailbox.smtp_security == "starttls" else None
    reason = cause.verify_message or str(cause)
    return imap.untrusted_certificate_error(
        mailbox.smtp_host, int(mailbox.smtp_port), reason, starttls=starttls, what="SMTP server"
    )


def check_logins(mailbox: Mailbox, password: str) -> None:
    """Log in to IMAP and then SMTP; raise the first problem as a HolubError (R5)."""
    client = imap.open_connection(mailbox, password)
    imap.close_connection(client)
    try:
        smtp.check_login(mailbox, password)
    except CertificateError as exc:
        raise _smtp_certificate_error(mailbox, exc) from exc


class ImapSentFolder:
    """The mailbox's Sent folder over IMAP: EXAMINE + UID SEARCH, and APPEND."""

    def __init__(self, mailbox: Mailbox, password: str) -> None:
        self.mailbox = mailbox
        self.password = password
        self._client = None
        self._name: str | None = None

    def _connect(self):
        if self._client is None:
            self._client = imap.open_connection(self.mailbox, self.password)
            self._name = imap.find_folder_roles(self._client).get("sent")
        return self._client

    @property
    def name(self) -> str | None:
        self._connect()
        return self._name

    def contains(self, message_id: str) -> bool:
        client = self._connect()
        if not self._name:
            return False
        try:
            # Read-only (EXAMINE): Holub never changes flags on the server (R2).
            client.select_folder(self._name, readonly=True)
            uids = client.search(["HEADER", "Message-ID", message_id])
        except Exception as exc:
            raise _imap_error(exc, self.mailbox) from exc
        return bool(uids)

    def append(self, raw: bytes) -> None:
        client = self._connect()
        if not self._name:
            raise HolubError("The mailbox has no Sent folder on the server to copy the message to.")
        try:
            client.append(self._name, raw, flags=[b"\\Seen"])
        except Exception as exc:
            raise _imap_error(exc, self.mailbox) from exc

    def close(self) -> None:
        if self._client is not None:
            imap.close_connection(self._client)
            self._client = None


def _imap_error(exc: Exception, mailbox: Mailbox) -> HolubError:
    from desktop.sync.net import describe_network_error

    if isinstance(exc, OSError | HolubError):
        return describe_network_error(exc, mailbox.imap_host, mailbox.imap_port, "IMAP server")
    return HolubError(f"The IMAP server {mailbox.imap_host} refused: {exc}")


class ImapProvider:
    """IMAP to read, SMTP to send, both with the password kept in the keyring."""

    kind = KIND_IMAP

    def verify(self, mailbox: Mailbox) -> None:
        check_logins(mailbox, stored_password(mailbox))

    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ChangeSet:
        from desktop.sync import engine  # the engine imports the registry at load

        return engine.sync_imap(mailbox, progress, cancel)

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        # smtp.send_raw looked up at call time: tests replace it to crash mid-send.
        words = smtp.send_raw(mailbox, stored_password(mailbox), raw, mailbox.email, recipients)
        log.info("%s: the SMTP server accepted the message: %s", mailbox.name, words)

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        host = (mailbox.smtp_host or "").lower().rstrip(".")
        return host in AUTO_FILING_HOSTS

    def sent_folder(self, mailbox: Mailbox) -> ImapSentFolder | None:
        if not mailbox.imap_host:
            return None
        return ImapSentFolder(mailbox, stored_password(mailbox))


register(ImapProvider())
