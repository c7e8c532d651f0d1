"""CLI commands: ``account add|list|show|set|password|verify|remove``.

``account add --type imap`` logs in to IMAP and SMTP with a password from stdin;
``--type google|outlook`` runs the provider's OAuth sign-in (browser or device code)
and saves the mailbox once the provider's first call works. Everything else goes
through the mailbox's provider (desktop/sync/providers), whatever its kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from desktop.errors import InvalidInput
from desktop.models.mail import KIND_GMAIL, KIND_GRAPH

# ``account add --type`` names of the OAuth kinds → Mailbox.kind.
OAUTH_TYPES: dict[str, str] = {"google": KIND_GMAIL, "outlook": KIND_GRAPH}
# The options only an IMAP mailbox takes, and those it cannot do without.
_IMAP_REQUIRED = ("email", "imap_host", "smtp_host", "password_stdin")
_IMAP_ONLY = (
    "imap_host",
    "imap_port",
    "smtp_host",
    "smtp_port",
    "sender_name",
    "username",
    "imap_security",
    "smtp_security",
    "cafile",
    "trust_fingerprint",
    "password_stdin",
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expects a date as YYYY-MM-DD, not {text!r}") from exc


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("account", help="add, list, verify or remove mailboxes")
    asub = p.add_subparsers(dest="account_command", metavar="COMMAND", required=True)

    add = asub.add_parser(
        "add",
        help="add a mailbox: IMAP+SMTP (logs in to both first), Google or Outlook 365",
        description="Add a mailbox. For imap Holub logs in to IMAP and SMTP before saving "
        "it (with two-factor sign-in use an app password); --imap-host, --smtp-host, "
        "--email and --password-stdin are needed. For google and outlook Holub opens the "
        "browser to sign in (or, with --device-code, prints a code to enter on another "
        "device), then saves the mailbox once the provider answers with that sign-in.",
    )
    add.add_argument("--type", choices=["imap", *OAUTH_TYPES], default="imap", help="mailbox type")
    add.add_argument("--name", required=True, help="a label for the mailbox")
    add.add_argument(
        "--email",
        help="the mailbox's e-mail address (google/outlook: the account to sign in with)",
    )
    add.add_argument(
        "--device-code",
        action="store_true",
        help="google/outlook: sign in on another device with a code instead of the browser",
    )
    add.add_argument("--imap-host", metavar="HOST")
    add.add_argument(
        "--imap-port", type=int, metavar="PORT", help="default 993 (143 with STARTTLS)"
    )
    add.add_argument("--smtp-host", metavar="HOST")
    add.add_argument("--smtp-port", type=int, metavar="PORT", help="default 587 (465 with ssl)")
    add.add_argument("--sender-name", default="", metavar="NAME")
    add.add_argument(
        "--import-from",
        type=_date,
        metavar="YYYY-MM-DD",
        help="import existing mail from this date (default and earliest: 7 days ago)",
    )
    add.add_argument("--username", default="", metavar="LOGIN", help="default: the e-mail")
    add.add_argument("--imap-security", choices=["ssl", "starttls"])
    add.add_argument("--smtp-security", choices=["starttls", "ssl"])
    _login_method_options(add, default="plain")
    add.add_argument("--cafile", metavar="PEM", help="also trust the CA certificates in PEM")
    add.add_argument(
        "--trust-fingerprint",
        metavar="SHA256",
        help="trust the server certificate with this SHA-256 fingerprint (self-signed servers)",
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="imap: read the password from stdin"
    )
    add.set_defaults(func=cmd_add, add_parser=add)

    ls = asub.add_parser("list", help="list mailboxes")
    ls.set_defaults(func=cmd_list)

    verify = asub.add_parser("verify", help="log in to IMAP and SMTP with the stored password")
    verify.add_argument("id", type=int, metavar="ID")
    verify.set_defaults(func=cmd_verify)

    remove = asub.add_parser(
        "remove", help="forget a mailbox and its local mail (not the server's)"
    )
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(func=cmd_remove)

    show = asub.add_parser("show", help="show a mailbox's settings (never the password)")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="one JSON object")
    show.set_defaults(func=cmd_show)

    sh = asub.add_parser(
        "share",
        help="share a mailbox with a colleague of the Caflou account (R11)",
        description="Share the mailbox with a user of the connected Caflou account: read "
        "(open and read) or write (reply, forward, file, delete). Written to Caflou at once; "
        "all the mailbox's mail in the import window is published for the colleagues.",
    )
    sh.add_argument("id", type=int, metavar="ID")
    sh.add_argument("user_email", metavar="USER_EMAIL")
    sh.add_argument("level", choices=("read", "write"))
    sh.set_defaults(func=cmd_share)

    ush = asub.add_parser(
        "unshare",
        help="stop sharing a mailbox with a colleague",
        description="Stop sharing; once nobody shares it, the unfiled mail published only "
        "for sharing is withdrawn from Caflou (filed mail stays, R9).",
    )
    ush.add_argument("id", type=int, metavar="ID")
    ush.add_argument("user_email", metavar="USER_EMAIL")
    ush.set_defaults(func=cmd_unshare)

    st = asub.add_parser(
        "set",
        help="change a mailbox's settings",
        description="Change settings. Changing pairing, signal pairing or the exclusions "
        "re-pairs the mailbox's mail; manual filings stay as they are.",
    )
    st.add_argument("id", type=int, metavar="ID")
    st.add_argument("--name", metavar="NAME", help="the connection's label")
    st.add_argument("--sender-name", metavar="NAME")
    for flag, what in (
        ("--pairing", "active pairing with the CRM"),
        ("--signals", "signal pairing (suggestions)"),
        ("--snippet", "a snippet under the subject in the message list"),
        ("--notify", "notifications of new mail"),
        ("--signature-in-replies", "the signature in replies and forwards too"),
    ):
        st.add_argument(flag, choices=["on", "off"], help=what)
    st.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="ADDR|@DOMAIN",
        help="never pair this address or domain (repeatable)",
    )
    st.add_argument("--unexclude", action="append", default=[], metavar="ADDR|@DOMAIN")
    st.add_argument(
        "--signature-file",
        metavar="FILE.html",
        help="the signature as HTML; pictures as data: URLs or paths relative to the file",
    )
    st.add_argument(
        "--share",
        action="append",
        default=[],
        metavar="EMAIL=read|read_write",
        help="share the mailbox with a colleague (repeatable)",
    )
    st.add_argument("--unshare", action="append", default=[], metavar="EMAIL")
    _login_method_options(st, default=None)
    st.set_defaults(func=cmd_set)

    pw = asub.add_parser(
        "password",
        help="change the stored password (logs in to IMAP and SMTP first)",
        description="With two-factor sign-in use an app password.",
    )
    pw.add_argument("id", type=int, metavar="ID")
    pw.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    pw.set_defaults(func=cmd_password)


def _login_method_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    """--imap-auth / --smtp-auth (R4): plain (PLAIN, else LOGIN where the server has only
    that) or login (LOGIN only)."""
    from desktop.models.mail import LOGIN_METHODS

    suffix = " (default plain)" if default else " (logs in to check it first)"
    for protocol in ("imap", "smtp"):
        parser.add_argument(
            f"--{protocol}-auth",
            choices=LOGIN_METHODS,
            default=default,
            help=f"{protocol.upper()} login method: plain sends the password by PLAIN, or by "
            "LOGIN where the server has only that; login always uses LOGIN" + suffix,
        )


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InvalidInput("No password on standard input (--password-stdin).")
    return password


def _check_add_options(args: argparse.Namespace) -> None:
    """Options that do not fit the chosen --type are bad usage (exit 2)."""
    parser: argparse.ArgumentParser = args.add_parser
    if args.type == "imap":
        missing = [name for name in _IMAP_REQUIRED if not getattr(args, name)]
        if missing:
            names = ", ".join("--" + name.replace("_", "-") for name in missing)
            parser.error(f"--type imap needs {names}")
        if args.device_code:
            parser.error("--device-code is for --type google or outlook")
        return
    given = [name for name in _IMAP_ONLY if getattr(args, name) not in (None, False, "")]
    given += [name for name in ("imap_auth", "smtp_auth") if getattr(args, name) != "plain"]
    if given:
        names = ", ".join("--" + name.replace("_", "-") for name in given)
        parser.error(
            f"--type {args.type} signs in with the provider; {names} are for --type imap "
            "(the address and sender name come from the sign-in)"
        )


def cmd_add(args: argparse.Namespace) -> int:
    _check_add_options(args)
    if args.type in OAUTH_TYPES:
        return _add_oauth(args)
    from desktop import accounts
    from desktop.cli import open_profile_from

    password = _read_password()
    open_profile_from(args)
    settings = accounts.ImapSettings(
        name=args.name,
        email=args.email,
        imap_host=args.imap_host,
        imap_port=args.imap_port,
        smtp_host=args.smtp_host,
        smtp_port=args.smtp_port,
        sender_name=args.sender_name,
        import_from=args.import_from,
        username=args.username,
        imap_security=args.imap_security,
        smtp_security=args.smtp_security,
        imap_auth=args.imap_auth,
        smtp_auth=args.smtp_auth,
        cafile=args.cafile,
        trusted_fingerprint=args.trust_fingerprint,
    )
    mailbox = accounts.add_imap_account(settings, password)
    print(
        f"Added account {mailbox.id}: {mailbox.name} <{mailbox.email}> "
        f"(importing from {mailbox.import_from})"
    )
    return 0


def _add_oauth(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from
    from desktop.sync.providers.base import provider_for

    open_profile_from(args)
    kind = OAUTH_TYPES[args.type]
    accounts.check_import_from(args.import_from)  # refused before the browser opens
    provider = provider_for(kind)
    sign_in = getattr(provider, "sign_in", None)
    if sign_in is None:
        raise InvalidInput(f"A {kind} mailbox does not sign in through the browser.")

    def show(text: str) -> None:  # the device-code instructions
        print(text, file=sys.stderr, flush=True)

    if not args.device_code:
        print("Opening the browser to sign in…", file=sys.stderr, flush=True)
    signed_in = sign_in(login_hint=args.email or None, device_code=args.device_code, show=show)
    print(f"Signed in as {signed_in.email}.", flush=True)
    if args.email and args.email.strip().lower() != signed_in.email.strip().lower():
        raise InvalidInput(
            f"You signed in as {signed_in.email}, not {args.email}; nothing was saved."
        )
    mailbox = accounts.add_oauth_mailbox(
        kind, signed_in, name=args.name, import_from=args.import_from
    )
    print(
        f"Added account {mailbox.id}: {mailbox.name} <{mailbox.email}> "
        f"(importing from {mailbox.import_from})"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    for m in accounts.list_accounts():
        where = m.kind
        if m.imap_host:  # the IMAP provider's connection settings (R4)
            where += f" {m.imap_host}:{m.imap_port} ({m.imap_security}, {m.imap_auth}), "
            where += f"smtp {m.smtp_host}:{m.smtp_port} ({m.smtp_security}, {m.smtp_auth})"
        synced = m.last_sync_at.strftime("%Y-%m-%d %H:%M") if m.last_sync_at else "never"
        line = f"{m.id}\t{m.name}\t{m.email}\t{where}\tsign-in: {m.signin_state}"
        line += f"\tlast sync: {synced}"
        if m.last_error:
            line += f"\terror: {m.last_error}"
        print(line)
    from desktop import secrets  # which keyring holds the passwords; stderr keeps stdout a table

    print(f"Passwords are kept in: {secrets.backend_description()}", file=sys.stderr)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    mailbox = accounts.verify_account(args.id)
    print(f"Account {mailbox.id} ({mailbox.email}): the server accepts the stored sign-in.")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    mailbox = accounts.remove_account(args.id)
    print(f"Removed account {mailbox.id} ({mailbox.email}) and its local mail.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    data = accounts.settings_dict(accounts.get_account(args.id))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for key, value in data.items():
        if isinstance(value, bool):
            value = "on" if value else "off"
        elif key == "exclusions":
            value = ", ".join(value) or "-"  # type: ignore[arg-type]
        elif key == "shares":
            value = ", ".join(f"{e} ({lvl})" for e, lvl in value.items()) or "-"  # type: ignore[union-attr]
        elif key == "signature_html":
            value = f"{len(value)} characters of HTML" if value else "-"  # type: ignore[arg-type]
        print(f"{key}: {value}")
    return 0


def _exclusion_set(items: list[str]) -> list[str]:
    from desktop import accounts

    return accounts.normalise_exclusions(items).splitlines()


def cmd_set(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    changes: dict[str, object] = {}
    shares_add: dict[str, str] = {}
    for item in args.share:
        email, eq, level = item.partition("=")
        if not eq:
            raise InvalidInput(f"--share expects EMAIL=read or EMAIL=read_write, not {item!r}.")
        shares_add[email] = level
    open_profile_from(args)
    mailbox = accounts.get_account(args.id)
    if args.signature_file:  # pictures stored as the editor stores them
        from desktop.services.signature_images import signature_from_file

        changes["signature_html"] = signature_from_file(mailbox.id, args.signature_file)
    if args.name is not None:
        changes["name"] = args.name
    if args.sender_name is not None:
        changes["sender_name"] = args.sender_name
    for key, attr in (
        ("pairing_enabled", "pairing"),
        ("signals_enabled", "signals"),
        ("show_snippet", "snippet"),
        ("notify", "notify"),
        ("signature_in_replies", "signature_in_replies"),
    ):
        value = getattr(args, attr)
        if value is not None:
            changes[key] = value == "on"
    if args.exclude or args.unexclude:
        current = (mailbox.pairing_exclusions or "").splitlines()
        drop = set(_exclusion_set(args.unexclude))
        changes["pairing_exclusions"] = [
            e for e in current + _exclusion_set(args.exclude) if e not in drop
        ]
    if shares_add or args.unshare:
        shares = accounts.mailbox_shares(mailbox.id)
        shares.update(accounts.normalise_shares(shares_add))
        for email in args.unshare:
            if shares.pop(email.strip().lower(), None) is None:
                raise InvalidInput(f"Account {mailbox.id} is not shared with {email.strip()}.")
        changes["shares"] = shares
    connection = {
        key: getattr(args, key)
        for key in ("imap_auth", "smtp_auth")
        if getattr(args, key) is not None and getattr(args, key) != getattr(mailbox, key)
    }
    given = args.imap_auth is not None or args.smtp_auth is not None
    if not changes and not given:
        raise InvalidInput("Nothing to change: give at least one setting (see: account set -h).")
    changed: list[str] = []
    if connection:
        # A login method is a connection setting: both logins must work with it first (R5).
        accounts.change_connection(mailbox.id, **connection)
        changed += list(connection)
    via_crm = _shares_via_crm(changes)
    result = accounts.update_mailbox_settings(mailbox.id, **changes) if changes else None
    if result is not None:
        changed += result.changed
    if via_crm is not None:
        from desktop.crm import sharing

        before = accounts.mailbox_shares(mailbox.id)
        if sharing.set_shares(mailbox.id, via_crm).shares != before:
            changed.append("shares")
    if not changed:
        print(f"Account {mailbox.id}: nothing changed.")
        return 0
    line = f"Account {mailbox.id}: changed {', '.join(changed)}."
    if result is not None and result.repaired is not None:
        line += f" Re-paired: {len(result.repaired.updated)} messages changed."
    print(line)
    return 0


def _shares_via_crm(changes: dict[str, object]) -> dict[str, str] | None:
    """With Caflou connected, sharing is written there (R11): take it out of the local
    settings change, for sharing.set_shares."""
    from desktop.crm import publish

    if "shares" not in changes or publish.connected_account() is None:
        return None
    return changes.pop("shares")  # type: ignore[return-value]


def _print_shares(result) -> None:  # sharing.ShareResult
    shares = ", ".join(f"{e} ({lvl})" for e, lvl in result.shares.items()) or "nobody"
    line = f"Account {result.mailbox.id}: shared with {shares}."
    if result.push is not None:
        line += " " + result.push.summary()
    print(line)


def cmd_share(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.crm import sharing

    level = sharing.level_of(args.level)
    open_profile_from(args)
    _print_shares(sharing.share(args.id, args.user_email, level))
    return 0


def cmd_unshare(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.crm import sharing

    open_profile_from(args)
    _print_shares(sharing.unshare(args.id, args.user_email))
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    password = _read_password()
    open_profile_from(args)
    mailbox = accounts.change_password(args.id, password)
    print(f"Account {mailbox.id} ({mailbox.email}): IMAP and SMTP accept the new password; saved.")
    return 0
