"""CLI command: ``sync [--account ID] [--once]`` (Inbox and Sent of every mailbox).

Each mailbox syncs through its provider (``engine.sync_mailbox`` dispatches by kind).
After each pass, filed mail waiting for a connected Caflou account is published
(desktop/crm/publish.py); that never fails the sync.

With ``--once`` one pass and exit. Without it the command keeps running headless and
syncs every 30 minutes on the clock (R12, desktop/sync/schedule.py), like the GUI:
a transient failure is reported and retried at the next slot, a refused login or
certificate stops that mailbox until the user fixes it.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("sync", help="fetch new mail (Inbox and Sent) from the server")
    p.add_argument("--account", type=int, metavar="ID", help="only this mailbox")
    p.add_argument(
        "--once",
        action="store_true",
        help="sync once and exit (without it: keep syncing every 30 minutes on the clock)",
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
    from desktop.sync.providers.base import has_provider

    open_profile_from(args)
    if args.account is not None:
        mailbox_ids = [accounts.get_account(args.account).id]
    else:
        # Every mailbox whose kind has a provider (not mail imported from files).
        mailbox_ids = [m.id for m in accounts.list_accounts() if has_provider(m.kind)]
    if not mailbox_ids:
        print("No mailboxes to sync (see: account add).", file=sys.stderr)
        return 0
    if args.once:
        return 1 if _sync_pass(mailbox_ids, args.quiet, stopped=set(), once=True) else 0
    return _sync_on_schedule(mailbox_ids, args.quiet)


class Stopped(KeyboardInterrupt):
    """SIGTERM (a service manager stopping the headless sync). A KeyboardInterrupt, so
    that it unwinds like Ctrl+C: the batch being stored is rolled back whole, and the
    next sync resumes after the last one committed."""


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    raise Stopped


def _sync_on_schedule(mailbox_ids: list[int], quiet: bool) -> int:
    from datetime import datetime

    from desktop.sync import schedule

    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print(
        "Syncing now and then every 30 minutes on the clock; Ctrl+C stops.",
        file=sys.stderr,
        flush=True,
    )
    stopped: set[int] = set()
    while True:
        _sync_pass(mailbox_ids, quiet, stopped=stopped, once=False)
        if len(stopped) == len(mailbox_ids):
            print("holub: no mailbox left to sync.", file=sys.stderr)
            return 1
        now = datetime.now()
        print(f"Next sync at {schedule.next_slot(now):%H:%M}.", file=sys.stderr, flush=True)
        time.sleep(schedule.seconds_until_next_slot(now))


def _sync_pass(mailbox_ids: list[int], quiet: bool, *, stopped: set[int], once: bool) -> int:
    """Sync each mailbox not in ``stopped``; returns how many failed.

    A failure that retrying cannot fix (wrong password, untrusted certificate, a
    sign-in that expired) adds the mailbox to ``stopped``; the others go on. With a
    single mailbox and ``once``, the error is raised so that the CLI prints it as its
    one line.
    """
    from desktop import accounts
    from desktop.errors import HolubError
    from desktop.sync.engine import sync_mailbox

    failed = 0
    for mailbox_id in mailbox_ids:
        if mailbox_id in stopped:
            continue
        mailbox = accounts.get_account(mailbox_id)
        prefix = "" if len(mailbox_ids) == 1 else f"{mailbox.name}: "
        progress = None if quiet else _Progress(prefix)
        try:
            changes = sync_mailbox(mailbox.id, progress=progress)
        except HolubError as exc:
            if once and len(mailbox_ids) == 1:
                raise
            if not exc.transient:
                stopped.add(mailbox_id)
            print(f"holub: {mailbox.name}: {exc}", file=sys.stderr, flush=True)
            failed += 1
            continue
        line = f"{mailbox.name}: {len(changes.added)} new, {len(changes.updated)} updated"
        if changes.removed:  # expunged on the server, so gone from the local mirror too
            line += f", {len(changes.removed)} removed"
        print(line, flush=True)
    _publish(quiet)
    return failed


def _publish(quiet: bool) -> None:
    """Publish filed mail waiting for the CRM (R9). Never fails the sync: a refusal is
    one line on stderr and the rows stay due (or refused) for `crm status` to show."""
    from desktop.crm import publish

    if publish.connected_account() is None:
        return
    outcome = publish.publish_quietly()
    if outcome.error is not None:
        print(f"holub: publishing to the CRM: {outcome.error}", file=sys.stderr, flush=True)
    elif outcome.result is not None and not quiet:
        print(f"CRM: {outcome.result.summary()}", file=sys.stderr, flush=True)
    # The team's side (R11): mailboxes newly shared with me, and what colleagues filed in
    # mine. Like publishing, it never fails the sync.
    from desktop.errors import HolubError
    from desktop.services import shared_mailboxes

    try:
        shared_mailboxes.sync_all()
    except HolubError as exc:
        print(f"holub: reading shared mailboxes: {exc}", file=sys.stderr, flush=True)
