"""CLI: `crm login|logout|pull|push|import|status|repair|file|unfile|signals`.

Exit codes: 0 ok, 1 failure (one line on stderr), 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli import open_profile_from
from desktop.errors import HolubError, InvalidInput

KINDS = ("company", "project", "task")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    crm = sub.add_parser("crm", help="the CRM: Caflou account or the local CRM, pairing")
    crm_sub = crm.add_subparsers(dest="crm_command", metavar="CRM_COMMAND", required=True)

    p = crm_sub.add_parser("login", help="sign in to Caflou and choose the account")
    p.add_argument("--url", default=None, help="Caflou address (default https://app.caflou.com)")
    p.add_argument("--email", required=True)
    p.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from standard input",
    )
    p.add_argument(
        "--otp",
        action="store_true",
        help="ask for the two-factor code: the line after the password on standard input, "
        "or a prompt on the terminal (never an argument: other users can see those)",
    )
    p.add_argument("--account", type=int, help="account id, when the user has several")
    p.add_argument("--no-pull", action="store_true", help="do not read the CRM data now")
    p.set_defaults(func=cmd_login)

    p = crm_sub.add_parser("logout", help="forget the Caflou account (back to the local CRM)")
    p.set_defaults(func=cmd_logout)

    p = crm_sub.add_parser("pull", help="read companies, contacts, projects, tasks, users")
    p.add_argument("--no-repair", action="store_true", help="do not re-pair mail afterwards")
    p.set_defaults(func=cmd_pull)

    p = crm_sub.add_parser("import", help="replace the local CRM with a JSON file")
    p.add_argument("file")
    p.add_argument("--no-repair", action="store_true", help="do not re-pair mail afterwards")
    p.set_defaults(func=cmd_import)

    p = crm_sub.add_parser("status", help="which CRM is in use and what it holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = crm_sub.add_parser("push", help="publish filed mail waiting for the CRM now")
    p.set_defaults(func=cmd_push)

    p = crm_sub.add_parser("repair", help="run pairing again over mail without manual decisions")
    p.add_argument("--mailbox", type=int)
    p.set_defaults(func=cmd_repair)

    for name, helptext in (
        ("file", "file messages under an object"),
        ("unfile", "remove messages from an object"),
    ):
        p = crm_sub.add_parser(name, help=helptext)
        p.add_argument("kind", choices=KINDS)
        p.add_argument("object_id", type=int)
        p.add_argument("message_ids", type=int, nargs="+")
        p.set_defaults(func=cmd_file if name == "file" else cmd_unfile)

    sig = crm_sub.add_parser("signals", help="list, accept or dismiss signals")
    sig_sub = sig.add_subparsers(dest="signals_command", metavar="ACTION", required=True)
    p = sig_sub.add_parser("list", help="open signals, one per line (or --json)")
    p.add_argument("--mailbox", type=int)
    p.add_argument("--state", default="open", choices=("open", "accepted", "dismissed"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_signals_list)
    for name in ("accept", "dismiss"):
        p = sig_sub.add_parser(name, help=f"{name} signals by id")
        p.add_argument("signal_ids", type=int, nargs="+")
        p.set_defaults(func=cmd_signals_accept if name == "accept" else cmd_signals_dismiss)


def _print_counts(prefix: str, counts: dict[str, int]) -> None:
    print(prefix + ", ".join(f"{v} {k}" for k, v in counts.items()))


def cmd_login(args: argparse.Namespace) -> int:
    from desktop.crm import api, service

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("No password on standard input.")
    otp = _read_otp() if args.otp else None
    open_profile_from(args)
    account, _accounts = api.login(
        args.url or api.DEFAULT_URL, args.email, password, otp=otp, account_id=args.account
    )
    print(
        f"Signed in to {account.base_url} as {account.email}, account {account.account_id} "
        f"({account.account_name}, plan {account.plan or 'unknown'})"
    )
    if not args.no_pull:
        _print_counts("Pulled ", api.pull(account))
    if not api.plan_allows_mail({"plan": account.plan}):  # R14: the plan read at this pull
        print(
            f"holub: {api.plan_message({'name': account.account_name, 'plan': account.plan})}",
            file=sys.stderr,
        )
        service.repair()
    return 0


def _read_otp() -> str:
    """The two-factor code from a terminal prompt, or the next line of standard input."""
    if sys.stdin.isatty():
        import getpass

        code = getpass.getpass("Two-factor code: ")
    else:
        code = sys.stdin.readline()
    code = code.strip()
    if not code:
        raise InvalidInput("No two-factor code on standard input (the line after the password).")
    return code


def cmd_logout(args: argparse.Namespace) -> int:
    from desktop.crm import api

    open_profile_from(args)
    api.logout()
    print("The Caflou account is forgotten; Holub uses its local CRM.")
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from desktop.crm import api, service

    open_profile_from(args)
    account = service.remote_account()
    if account is None:
        raise InvalidInput("No Caflou account is connected: run `holub crm login` first.")
    _print_counts("Pulled ", api.pull(account))
    if not api.plan_allows_mail({"plan": account.plan}):  # R14: the plan read at this pull
        print(
            f"holub: {api.plan_message({'name': account.account_name, 'plan': account.plan})}",
            file=sys.stderr,
        )
    if not args.no_repair:
        changes = service.repair()
        print(f"Re-paired {len(changes.updated)} messages")
    from desktop.services import shared_mailboxes  # R11: colleagues' filings, shares

    try:
        shared_mailboxes.sync_all()
    except HolubError as exc:  # the pull itself is done; the mail part can wait
        print(f"Shared mailboxes not refreshed: {exc}")
    else:
        print(f"Shared with you: {len(shared_mailboxes.shared_mailboxes())} mailbox(es)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.crm import local, service

    open_profile_from(args)
    _print_counts("Imported ", local.import_json(args.file))
    if not args.no_repair:
        changes = service.repair()
        print(f"Re-paired {len(changes.updated)} messages")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from desktop.crm import publish, service
    from desktop.models.crm import Company, Contact, Filing, Project, Signal, Task

    open_profile_from(args)
    account = service.remote_account()
    info = {
        "crm": "caflou" if account else "local",
        "url": account.base_url if account else None,
        "email": account.email if account else None,
        "account_id": account.account_id if account else None,
        "account_name": account.account_name if account else None,
        "plan": account.plan if account else None,
        "last_pull_at": account.last_pull_at.isoformat()
        if account and account.last_pull_at
        else None,
        "companies": Company.select().count(),
        "contacts": Contact.select().count(),
        "projects": Project.select().count(),
        "tasks": Task.select().count(),
        "filings": Filing.select().where(Filing.removed == False).count(),  # noqa: E712
        "open_signals": Signal.select().where(Signal.state == "open").count(),
        "publish_waiting": publish.waiting_count(),
        "publish_failed": len(publish.failed_publications()),
    }
    if args.json:
        print(json.dumps(info))
        return 0
    if account:
        print(
            f"CRM: Caflou {info['url']} as {info['email']}, account {info['account_id']} "
            f"({info['account_name']}), last pull {info['last_pull_at'] or 'never'}"
        )
    else:
        print("CRM: local (no Caflou account connected)")
    print(
        f"{info['companies']} companies, {info['contacts']} contacts, {info['projects']} "
        f"projects, {info['tasks']} tasks; {info['filings']} filings, "
        f"{info['open_signals']} open signals"
    )
    if account:
        print(
            f"Publishing to the CRM: {info['publish_waiting']} waiting, "
            f"{info['publish_failed']} refused"
        )
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from desktop.crm import publish

    open_profile_from(args)
    if publish.connected_account() is None:
        raise InvalidInput("No Caflou account is connected: run `holub crm login` first.")
    print(publish.publish_pending().summary())
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    changes = service.repair(args.mailbox)
    print(f"Re-paired {len(changes.updated)} messages")
    return 0


def cmd_file(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    changes = service.file_message(args.message_ids, args.kind, args.object_id)
    print(f"Filed {len(changes.updated)} messages under {args.kind} {args.object_id}")
    return 0


def cmd_unfile(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    changes = service.unfile_message(args.message_ids, args.kind, args.object_id)
    print(f"Removed {len(changes.updated)} messages from {args.kind} {args.object_id}")
    return 0


def cmd_signals_list(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    rows = []
    for s in service.list_signals(args.state, args.mailbox):
        rows.append(
            {
                "id": s.id,
                "message_id": s.message_id,
                "kind": s.object_kind,
                "object_id": s.object_id,
                "object_name": service.object_name(s.object_kind, s.object_id),
                "reason": s.reason,
                "subject": s.message.subject,
                "from": s.message.from_addr,
            }
        )
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(
                f"{row['id']}\tmessage {row['message_id']}\t{row['kind']} {row['object_id']} "
                f"{row['object_name']}\t{row['reason']}"
            )
    return 0


def cmd_signals_accept(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    changes = service.accept_signals(args.signal_ids)
    print(f"Accepted {len(args.signal_ids)} signals ({len(changes.updated)} messages filed)")
    return 0


def cmd_signals_dismiss(args: argparse.Namespace) -> int:
    from desktop.crm import service

    open_profile_from(args)
    service.dismiss_signals(args.signal_ids)
    print(f"Dismissed {len(args.signal_ids)} signals")
    return 0
