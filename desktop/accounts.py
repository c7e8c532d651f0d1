"""Mailbox accounts: add (after logging in to IMAP and SMTP), list, verify, remove.

Shared by the CLI and the GUI. The password goes to the keyring only; the
store keeps the settings. Removing an account forgets local data only: nothing
on the server is touched (R2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop import secrets
from desktop.changes import ChangeSet
from desktop.errors import HolubError, InvalidInput, SignInRequired
from desktop.models.db import database
from desktop.models.mail import (
    KIND_IMAP,
    LOGIN_METHODS,
    SIGNIN_NEEDED,
    SIGNIN_OK,
    Mailbox,
    MailboxShare,
)
from desktop.sync import net
from desktop.sync.providers.base import SignedIn, provider_for
from desktop.sync.providers.imap import check_logins

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
    imap_auth: str = "plain"  # plain | login
    smtp_auth: str = "plain"  # plain | login
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


def check_login_method(value: str | None, what: str) -> str:
    """The login method (R4) in lower case; default plain."""
    method = (value or "plain").strip().lower()
    if method not in LOGIN_METHODS:
        raise InvalidInput(f"Unknown {what} login method {value!r} (use plain or login).")
    return method


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
        imap_auth=check_login_method(settings.imap_auth, "IMAP"),
        smtp_host=settings.smtp_host,
        smtp_port=smtp_port,
        smtp_security=smtp_security,
        smtp_auth=check_login_method(settings.smtp_auth, "SMTP"),
        cafile=settings.cafile or None,
        trusted_fingerprint=fingerprint,
    )


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
    secrets.ensure_storable()  # no keyring to keep it: say so before logging in
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


# --------------------------------------------------------------- OAuth mailboxes (Gmail, Graph)


def add_oauth_mailbox(
    kind: str,
    signed_in: SignedIn,
    *,
    name: str = "",
    import_from: date | None = None,
    **options: object,
) -> Mailbox:
    """Create a mailbox of an OAuth kind from a finished sign-in, kept only once the
    provider's first call with it works (Gmail ``users/me/profile``, Graph ``/me``).

    The address and sender name are the provider's (R3). The sign-in's secret goes to
    the keyring only. Blocks on the network: a worker thread in the GUI.
    """
    unknown = set(options) - set(OPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown mailbox settings: {', '.join(sorted(unknown))}")
    provider = provider_for(kind)
    if "@" not in signed_in.email:
        raise HolubError(f"The sign-in did not name an e-mail address ({signed_in.email!r}).")
    mailbox = Mailbox(
        name=(name or "").strip() or signed_in.email,
        kind=kind,
        email=signed_in.email.strip(),
        sender_name=signed_in.sender_name or "",
        import_from=check_import_from(import_from),
        imap_host="",
        smtp_host="",
    )
    for key, value in options.items():
        setattr(mailbox, key, value)
    # The provider reads the secret by the mailbox's id, so the row comes first; it is
    # not in a transaction across the network call (that would hold the store's write
    # lock for seconds) and is deleted again when the call fails.
    mailbox.save()
    try:
        try:
            secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, signed_in.secret)
        except secrets.SecretStoreError as exc:
            raise HolubError(str(exc)) from exc
        provider.verify(mailbox)
    except BaseException:
        _forget_unsaved(mailbox)
        raise
    return mailbox


def _forget_unsaved(mailbox: Mailbox) -> None:
    try:
        secrets.delete_secret(secrets.MAILBOX_OAUTH, mailbox.id)
    finally:
        Mailbox.delete().where(Mailbox.id == mailbox.id).execute()


def sign_in_again(mailbox_id: int, signed_in: SignedIn) -> Mailbox:
    """Replace an OAuth mailbox's stored sign-in ("needs sign-in" → ok) once the
    provider's first call works with it; the account signed in must be the mailbox's."""
    mailbox = get_account(mailbox_id)
    provider = provider_for(mailbox)
    if signed_in.email.strip().lower() != mailbox.email.strip().lower():
        raise InvalidInput(
            f"You signed in as {signed_in.email}, but this mailbox is {mailbox.email}; "
            "sign in with that account."
        )
    previous = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id)
    try:
        secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, signed_in.secret)
    except secrets.SecretStoreError as exc:
        raise HolubError(str(exc)) from exc
    try:
        provider.verify(mailbox)
    except BaseException:
        if previous is not None:  # keep what worked before, if anything did
            secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, previous)
        raise
    Mailbox.update(signin_state=SIGNIN_OK, last_error=None).where(
        Mailbox.id == mailbox.id
    ).execute()
    return get_account(mailbox.id)


def list_accounts() -> list[Mailbox]:
    return list(Mailbox.select().order_by(Mailbox.id))


def get_account(mailbox_id: int) -> Mailbox:
    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    if mailbox is None:
        raise InvalidInput(f"There is no account with id {mailbox_id} (see: account list).")
    return mailbox


def verify_account(mailbox_id: int) -> Mailbox:
    """One real call with the stored credentials, through the mailbox's provider (IMAP:
    both logins, as Save does; Gmail/Graph: the profile call)."""
    mailbox = get_account(mailbox_id)
    try:
        provider_for(mailbox).verify(mailbox)
    except SignInRequired:
        _set_signin_state(mailbox, SIGNIN_NEEDED)
        raise
    _set_signin_state(mailbox, SIGNIN_OK)
    return mailbox


def _set_signin_state(mailbox: Mailbox, state: str) -> None:
    if mailbox.signin_state != state:
        Mailbox.update(signin_state=state).where(Mailbox.id == mailbox.id).execute()
        mailbox.signin_state = state


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


# ------------------------------------------------------------------ settings (R3, R4, R11)

SHARE_LEVELS = ("read", "read_write")
# Settings whose change alters what pairing does: filings are re-paired afterwards.
PAIRING_FIELDS = ("pairing_enabled", "signals_enabled", "pairing_exclusions")
_BOOL_FIELDS = (
    "pairing_enabled",
    "signals_enabled",
    "show_snippet",
    "notify",
    "signature_in_replies",
)
SETTINGS_FIELDS = (
    "name",
    "sender_name",
    "signature_html",
    "pairing_exclusions",
    "shares",
    *_BOOL_FIELDS,
)
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@dataclass
class SettingsResult:
    """What update_mailbox_settings changed: field names, and the re-pairing it caused."""

    mailbox: Mailbox
    changed: list[str] = field(default_factory=list)
    repaired: ChangeSet | None = None


def normalise_exclusions(value: str | Iterable[str]) -> str:
    """Exclusions as stored: one per line, lower case, ``a@b.cz`` or ``@b.cz``, no duplicates.

    A bare domain ``b.cz`` becomes ``@b.cz`` so the list reads the same way everywhere.
    Anything that is neither an address nor a domain is refused (a typo would
    otherwise silently exclude nothing)."""
    items = re.split(r"[\s,;]+", value) if isinstance(value, str) else list(value)
    out: list[str] = []
    for raw in items:
        item = raw.strip().strip("<>").strip().lower()
        if not item:
            continue
        local, at, domain = item.rpartition("@")
        if not at:
            domain = item
        if not _DOMAIN.match(domain) or (at and local and " " in local):
            raise InvalidInput(
                f"{raw.strip()!r} is neither an e-mail address nor a domain "
                "(use name@firm.cz, @firm.cz or firm.cz)."
            )
        entry = f"{local}@{domain}" if local else f"@{domain}"
        if entry not in out:
            out.append(entry)
    return "\n".join(out)


def normalise_shares(shares: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{user e-mail: level}`` checked: real-looking addresses, level read or read_write."""
    pairs = shares.items() if isinstance(shares, Mapping) else shares
    out: dict[str, str] = {}
    for email, level in pairs:
        address = email.strip().lower()
        local, at, domain = address.rpartition("@")
        if not (at and local and _DOMAIN.match(domain)) or " " in local:
            raise InvalidInput(f"{email.strip()!r} is not an e-mail address.")
        if level not in SHARE_LEVELS:
            raise InvalidInput(
                f"Unknown sharing level {level!r} for {address} (use read or read_write)."
            )
        out[address] = level
    return out


def mailbox_shares(mailbox_id: int) -> dict[str, str]:
    rows = MailboxShare.select().where(MailboxShare.mailbox == mailbox_id)
    return {r.user_email: r.level for r in rows.order_by(MailboxShare.user_email)}


def update_mailbox_settings(mailbox_id: int, **changes: object) -> SettingsResult:
    """Change the R3 settings of a mailbox (none of them needs a login).

    ``shares`` replaces the whole sharing list ({e-mail: level}). When pairing,
    signal pairing or the exclusions change, the mailbox is re-paired so filings
    follow the new rules; manual filings and decided signals are never touched.
    """
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown mailbox settings: {', '.join(sorted(unknown))}.")
    mailbox = get_account(mailbox_id)
    values: dict[str, object] = {}
    if "name" in changes:
        name = str(changes["name"] or "").strip()
        if not name:
            raise InvalidInput("The connection name must not be empty.")
        values["name"] = name
    if "sender_name" in changes:
        sender = str(changes["sender_name"] or "").strip()
        if "\n" in sender or "\r" in sender:
            raise InvalidInput("The sender name must be a single line.")
        values["sender_name"] = sender
    if "signature_html" in changes:
        from desktop.services import signature_images  # pictures stored, HTML refers to them

        values["signature_html"] = signature_images.store_signature_html(
            mailbox.id, str(changes["signature_html"] or "")
        )
    if "pairing_exclusions" in changes:
        values["pairing_exclusions"] = normalise_exclusions(changes["pairing_exclusions"] or "")  # type: ignore[arg-type]
    for key in _BOOL_FIELDS:
        if key in changes:
            if not isinstance(changes[key], bool):
                raise InvalidInput(f"{key} must be on or off.")
            values[key] = changes[key]
    shares = normalise_shares(changes["shares"]) if "shares" in changes else None  # type: ignore[arg-type]

    changed = [k for k, v in values.items() if getattr(mailbox, k) != v]
    with database.atomic():
        for key in changed:
            setattr(mailbox, key, values[key])
        if changed:
            mailbox.save(only=[getattr(Mailbox, k) for k in changed])
        if shares is not None and shares != mailbox_shares(mailbox.id):
            changed.append("shares")
            MailboxShare.delete().where(MailboxShare.mailbox == mailbox).execute()
            for email, level in shares.items():
                MailboxShare.create(mailbox=mailbox, user_email=email, level=level)
    if "signature_html" in changed:
        signature_images.prune_images(mailbox.id)
    result = SettingsResult(mailbox=mailbox, changed=changed)
    if any(k in PAIRING_FIELDS for k in changed):
        from desktop.crm import service  # owned by the CRM side

        result.repaired = service.repair(mailbox_id=mailbox.id)
    return result


# Connection settings (R4) that change_password may update together with the password.
CONNECTION_FIELDS = (
    "username",
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_auth",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_auth",
)


def change_password(mailbox_id: int, password: str, **connection: object) -> Mailbox:
    """Store a new password (and optionally new connection settings, see CONNECTION_FIELDS),
    but only after IMAP and SMTP both accept it (R5). Nothing changes on a refusal.

    Blocks on the network: call it from a worker thread in the GUI."""
    if not password:
        raise InvalidInput("The password is empty.")
    unknown = set(connection) - set(CONNECTION_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown connection settings: {', '.join(sorted(unknown))}.")
    mailbox = get_account(mailbox_id)
    if mailbox.kind != KIND_IMAP:
        raise HolubError(f"A {mailbox.kind} mailbox signs in with its provider, not a password.")
    values = {k: v for k, v in connection.items() if v is not None}
    if not values.get("imap_host", mailbox.imap_host) or not values.get(
        "smtp_host", mailbox.smtp_host
    ):
        raise InvalidInput("Both the IMAP and the SMTP server are needed.")
    for key in ("imap_port", "smtp_port"):
        if key in values:
            values[key] = int(values[key])  # type: ignore[call-overload]
            _check_port(values[key], key[:4].upper())  # type: ignore[arg-type]
    if values.get("imap_security", "ssl") not in ("ssl", "starttls") or values.get(
        "smtp_security", "ssl"
    ) not in ("ssl", "starttls"):
        raise InvalidInput("The security must be ssl or starttls.")
    for key in ("imap_auth", "smtp_auth"):
        if key in values:
            values[key] = check_login_method(values[key], key[:4].upper())  # type: ignore[arg-type]
    candidate = Mailbox.get_by_id(mailbox.id)
    for key, value in values.items():
        setattr(candidate, key, value)
    check_logins(candidate, password)
    with database.atomic():
        if values:
            candidate.save(only=[getattr(Mailbox, k) for k in values])
        try:
            secrets.set_secret(secrets.MAILBOX_PASSWORD, candidate.id, password)
        except secrets.SecretStoreError as exc:
            raise HolubError(str(exc)) from exc
    return candidate


def change_connection(mailbox_id: int, **connection: object) -> Mailbox:
    """change_password with the stored password: new connection settings (e.g. the login
    methods), saved only once IMAP and SMTP both accept them (R5)."""
    get_account(mailbox_id)
    password = secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox_id)
    if not password:
        raise HolubError(
            f"No password is stored for the account {mailbox_id}; set it with: "
            f"account password {mailbox_id} --password-stdin"
        )
    return change_password(mailbox_id, password, **connection)


def settings_dict(mailbox: Mailbox) -> dict[str, object]:
    """Every setting of a mailbox for display (`account show`); never the password."""
    return {
        "id": mailbox.id,
        "name": mailbox.name,
        "type": mailbox.kind,
        "sign_in": mailbox.signin_state,
        "email": mailbox.email,
        "sender_name": mailbox.sender_name,
        "import_from": mailbox.import_from.isoformat() if mailbox.import_from else None,
        "username": mailbox.login,
        "imap_host": mailbox.imap_host,
        "imap_port": mailbox.imap_port,
        "imap_security": mailbox.imap_security,
        "imap_auth": mailbox.imap_auth,
        "smtp_host": mailbox.smtp_host,
        "smtp_port": mailbox.smtp_port,
        "smtp_security": mailbox.smtp_security,
        "smtp_auth": mailbox.smtp_auth,
        "pairing": bool(mailbox.pairing_enabled),
        "signals": bool(mailbox.signals_enabled),
        "snippet": bool(mailbox.show_snippet),
        "notify": bool(mailbox.notify),
        "signature_html": mailbox.signature_html or "",
        "signature_in_replies": bool(mailbox.signature_in_replies),
        "exclusions": [e for e in (mailbox.pairing_exclusions or "").splitlines() if e],
        "shares": mailbox_shares(mailbox.id),
    }
