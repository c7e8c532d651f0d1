"""Mailbox accounts: add (after logging in to IMAP and SMTP), list, verify, remove.

Shared by the CLI and the GUI. The password goes to the keyring only; the
store keeps the settings. Removing an account forgets local data only: nothing
on the server is touched (R2).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import date, timedelta

from desktop import secrets
from desktop.errors import CertificateError, HolubError, InvalidInput
from desktop.models.db import database
from desktop.models.mail import KIND_IMAP, Mailbox
from desktop.sync import imap, net

# R3: existing mail is imported from a chosen date, at most this many days back.
MAX_IMPORT_DAYS = 7


@dataclass
class ImapSettings:
    name: str
    email: str
    imap_host: str
    smtp_host: str
    imap_port: int | None = None
    smtp_port: int | None = None
    sender_name: str = ""
    import_from: date | None = None
    username: str = ""
    imap_security: str | None = None  # ssl | starttls
    smtp_security: str | None = None  # starttls | ssl
    cafile: str | None = None
    trusted_fingerprint: str | None = None


def earliest_import_date(today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=MAX_IMPORT_DAYS)


def check_import_from(value: date | None, today: date | None = None) -> date:
    """The import date, defaulting to 7 days ago; earlier or future dates are refused."""
    today = today or date.today()
    earliest = earliest_import_date(today)
    if value is None:
        return earliest
    if value < earliest:
        raise InvalidInput(
            f"The import date {value.isoformat()} is too early: Holub imports existing mail "
            f"at most {MAX_IMPORT_DAYS} days back (the earliest is {earliest.isoformat()})."
        )
    if value > today:
        raise InvalidInput(f"The import date {value.isoformat()} is in the future.")
    return value


def imap_defaults(port: int | None, security: str | None) -> tuple[int, str]:
    """IMAP: implicit TLS on 993 unless the port is 143 (then STARTTLS)."""
    if security is None:
        security = "starttls" if port == 143 else "ssl"
    if security not in ("ssl", "starttls"):
        raise InvalidInput(f"Unknown IMAP security {security!r} (use ssl or starttls).")
    if port is None:
        port = 993 if security == "ssl" else 143
    return port, security


def smtp_defaults(port: int | None, security: str | None) -> tuple[int, str]:
    """SMTP: STARTTLS on 587 unless the port is 465 (then implicit TLS)."""
    if security is None:
        security = "ssl" if port == 465 else "starttls"
    if security not in ("ssl", "starttls"):
        raise InvalidInput(f"Unknown SMTP security {security!r} (use starttls or ssl).")
    if port is None:
        port = 587 if security == "starttls" else 465
    return port, security


def _check_port(port: int, what: str) -> None:
    if not 0 < port < 65536:
        raise InvalidInput(f"The {what} port {port} is not a valid port number.")


def build_mailbox(settings: ImapSettings) -> Mailbox:
    """An unsaved Mailbox from the settings, with the defaults of R4 applied."""
    if "@" not in settings.email:
        raise InvalidInput(f"{settings.email!r} is not an e-mail address.")
    if not settings.imap_host or not settings.smtp_host:
        raise InvalidInput("Both the IMAP and the SMTP server are needed.")
    imap_port, imap_security = imap_defaults(settings.imap_port, settings.imap_security)
    smtp_port, smtp_security = smtp_defaults(settings.smtp_port, settings.smtp_security)
    _check_port(imap_port, "IMAP")
    _check_port(smtp_port, "SMTP")
    fingerprint = None
    if settings.trusted_fingerprint:
        fingerprint = net.normalise_fingerprint(settings.trusted_fingerprint)
        if len(fingerprint) != 95:  # 32 bytes as hex pairs with colons
            raise InvalidInput("--trust-fingerprint expects a SHA-256 fingerprint (64 hex digits).")
    return Mailbox(
        name=settings.name or settings.email,
        kind=KIND_IMAP,
        email=settings.email.strip(),
        sender_name=settings.sender_name,
        import_from=check_import_from(settings.import_from),
        username=settings.username or "",
        imap_host=settings.imap_host,
        imap_port=imap_port,
        imap_security=imap_security,
        smtp_host=settings.smtp_host,
        smtp_port=smtp_port,
        smtp_security=smtp_security,
        cafile=settings.cafile or None,
        trusted_fingerprint=fingerprint,
    )


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
    from desktop.sync import smtp  # owned by the SMTP side

    try:
        smtp.check_login(mailbox, password)
    except CertificateError as exc:
        raise _smtp_certificate_error(mailbox, exc) from exc


# Mailbox settings that need no connection check (R3 switches), accepted by the add functions.
OPTION_FIELDS = (
    "pairing_enabled",
    "signals_enabled",
    "show_snippet",
    "signature_html",
    "signature_in_replies",
    "notify",
    "pairing_exclusions",
)


def add_imap_account(settings: ImapSettings, password: str, **options: object) -> Mailbox:
    """Create an IMAP mailbox, but only once both logins work.

    ``options`` are further Mailbox settings (see OPTION_FIELDS).
    """
    if not password:
        raise InvalidInput("The password is empty.")
    unknown = set(options) - set(OPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown mailbox settings: {', '.join(sorted(unknown))}")
    mailbox = build_mailbox(settings)
    for key, value in options.items():
        setattr(mailbox, key, value)
    check_logins(mailbox, password)
    with database.atomic():
        mailbox.save()
        try:
            secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, password)
        except secrets.SecretStoreError as exc:
            raise HolubError(str(exc)) from exc
    return mailbox


def add_imap_mailbox(*, password: str, **fields: object) -> Mailbox:
    """Keyword form of add_imap_account, for the GUI's account dialog."""
    names = set(ImapSettings.__dataclass_fields__)
    settings = ImapSettings(**{k: v for k, v in fields.items() if k in names})  # type: ignore[arg-type]
    options = {k: v for k, v in fields.items() if k not in names}
    return add_imap_account(settings, password, **options)


def list_accounts() -> list[Mailbox]:
    return list(Mailbox.select().order_by(Mailbox.id))


def get_account(mailbox_id: int) -> Mailbox:
    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    if mailbox is None:
        raise InvalidInput(f"There is no account with id {mailbox_id} (see: account list).")
    return mailbox


def verify_account(mailbox_id: int) -> Mailbox:
    """Log in with the stored password, as Save does."""
    mailbox = get_account(mailbox_id)
    if mailbox.kind != KIND_IMAP:
        raise HolubError(f"Verifying a {mailbox.kind} mailbox is not supported here.")
    password = secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox.id)
    if not password:
        raise HolubError(
            f"No password is stored for the account {mailbox.id}; remove it and add it again."
        )
    check_logins(mailbox, password)
    return mailbox


def remove_account(mailbox_id: int) -> Mailbox:
    """Forget the account and its local mail; the server is not touched."""
    mailbox = get_account(mailbox_id)
    from desktop.models import search
    from desktop.models.mail import Message

    ids = [m.id for m in Message.select(Message.id).where(Message.mailbox == mailbox)]
    with database.atomic():
        search.unindex_messages(database, ids)
        mailbox.delete_instance(recursive=True)
    secrets.delete_secret(secrets.MAILBOX_PASSWORD, mailbox_id)
    secrets.delete_secret(secrets.MAILBOX_OAUTH, mailbox_id)
    return mailbox
