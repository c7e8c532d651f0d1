"""CLI commands: ``account add|list|verify|remove`` (IMAP + SMTP mailboxes)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop.errors import InvalidInput


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
        help="add an IMAP+SMTP mailbox (logs in to both first)",
        description="Add a mailbox. Holub logs in to IMAP and SMTP before saving it. "
        "With two-factor sign-in use an app password.",
    )
    add.add_argument("--type", choices=["imap"], default="imap", help="mailbox type")
    add.add_argument("--name", required=True, help="a label for the mailbox")
    add.add_argument("--email", required=True, help="the mailbox's e-mail address")
    add.add_argument("--imap-host", required=True, metavar="HOST")
    add.add_argument(
        "--imap-port", type=int, metavar="PORT", help="default 993 (143 with STARTTLS)"
    )
    add.add_argument("--smtp-host", required=True, metavar="HOST")
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
    add.add_argument("--cafile", metavar="PEM", help="also trust the CA certificates in PEM")
    add.add_argument(
        "--trust-fingerprint",
        metavar="SHA256",
        help="trust the server certificate with this SHA-256 fingerprint (self-signed servers)",
    )
    add.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    add.set_defaults(func=cmd_add)

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


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InvalidInput("No password on standard input (--password-stdin).")
    return password


def cmd_add(args: argparse.Namespace) -> int:
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
        cafile=args.cafile,
        trusted_fingerprint=args.trust_fingerprint,
    )
    mailbox = accounts.add_imap_account(settings, password)
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
        if m.kind == "imap":
            where = f"imap {m.imap_host}:{m.imap_port} ({m.imap_security}), "
            where += f"smtp {m.smtp_host}:{m.smtp_port} ({m.smtp_security})"
        else:
            where = m.kind
        synced = m.last_sync_at.strftime("%Y-%m-%d %H:%M") if m.last_sync_at else "never"
        line = f"{m.id}\t{m.name}\t{m.email}\t{where}\tlast sync: {synced}"
        if m.last_error:
            line += f"\terror: {m.last_error}"
        print(line)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    mailbox = accounts.verify_account(args.id)
    print(f"Account {mailbox.id} ({mailbox.email}): IMAP and SMTP logins work.")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from

    open_profile_from(args)
    mailbox = accounts.remove_account(args.id)
    print(f"Removed account {mailbox.id} ({mailbox.email}) and its local mail.")
    return 0
