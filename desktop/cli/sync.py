"""CLI command: ``sync [--account ID] --once`` (Inbox and Sent of IMAP mailboxes)."""

from __future__ import annotations

import argparse
import sys
import time


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("sync", help="fetch new mail (Inbox and Sent) from the server")
    p.add_argument("--account", type=int, metavar="ID", help="only this mailbox")
    p.add_argument(
        "--once",
        action="store_true",
        help="sync once and exit (the only mode of the command line; the GUI schedules syncs)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_sync)


class _Progress:
    """'INBOX: 1200/5000' on stderr, at most a few times a second (and at the end)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.last = 0.0

    def __call__(self, folder: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.25 and done:
            return
        self.last = now
        print(f"{self.prefix}{folder}: {done}/{total}", file=sys.stderr, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    from desktop import accounts
    from desktop.cli import open_profile_from
    from desktop.errors import HolubError
    from desktop.models.mail import KIND_IMAP
    from desktop.sync.engine import sync_mailbox

    open_profile_from(args)
    if args.account is not None:
        mailboxes = [accounts.get_account(args.account)]
    else:
        mailboxes = [m for m in accounts.list_accounts() if m.kind == KIND_IMAP]
    if not mailboxes:
        print("No IMAP mailboxes to sync (see: account add).", file=sys.stderr)
        return 0
    failed = 0
    for mailbox in mailboxes:
        prefix = "" if len(mailboxes) == 1 else f"{mailbox.name}: "
        progress = None if args.quiet else _Progress(prefix)
        try:
            changes = sync_mailbox(mailbox.id, progress=progress)
        except HolubError as exc:
            if len(mailboxes) == 1:
                raise
            print(f"holub: {mailbox.name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"{mailbox.name}: {len(changes.added)} new, {len(changes.updated)} updated")
    return 1 if failed else 0
