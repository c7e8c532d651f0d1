"""CLI commands on the local store: ``import PATH``, ``export``, ``search QUERY``."""

from __future__ import annotations

import argparse
import sys

from desktop.errors import InvalidInput


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser(
        "import",
        help="import an mbox file or a directory of .eml files into a local folder",
        description="Import an mbox file, one .eml file or a directory of .eml files into "
        "a local mailbox, in a folder named after the file. Importing again adds nothing.",
    )
    p.add_argument("path", help="mbox file, .eml file or directory of .eml files")
    p.add_argument("--mailbox", default="Imported", help="local mailbox name (default: Imported)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "export",
        help="print every message as JSON Lines",
        description="Print one JSON object per message (see the README, 'Export format').",
    )
    p.add_argument("--account", type=int, metavar="ID", help="only this mailbox")
    p.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format")
    p.add_argument(
        "--exclude-deleted", action="store_true", help="leave out messages deleted in Holub"
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "search",
        help="search messages",
        description='Search with free words, "phrases", from: to: subject: has:attachment '
        "is:unread is:read is:starred before:YYYY-MM-DD after:YYYY-MM-DD. "
        "Diacritics are ignored (cestina finds čeština).",
    )
    p.add_argument("query", nargs="+", help="the search text")
    p.add_argument("--account", type=int, metavar="ID", help="only this mailbox")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    p.set_defaults(func=cmd_search)


def _utf8_stdout() -> None:
    # Mail text is Unicode whatever the terminal's locale says.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")


def _check_account(account: int | None) -> None:
    if account is None:
        return
    from desktop.models.mail import Mailbox

    if Mailbox.get_or_none(Mailbox.id == account) is None:
        raise InvalidInput(f"no mailbox with id {account} (see: account list)")


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.sync.local_import import import_path

    open_profile_from(args)

    def progress(folder: str, done: int, total: int) -> None:
        print(f"{folder}: {done}/{total}", file=sys.stderr, flush=True)

    changes = import_path(
        args.path, mailbox_name=args.mailbox, progress=None if args.quiet else progress
    )
    from desktop.models.mail import Folder

    folder = Folder.get_by_id(next(iter(changes.folders)))
    print(
        f"imported {len(changes.added)} new messages into {folder.mailbox.name} › "
        f"{folder.remote_name} (mailbox id {folder.mailbox_id})"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.services.export import export_messages, write_jsonl

    open_profile_from(args)
    _check_account(args.account)
    _utf8_stdout()
    rows = export_messages(mailbox_id=args.account, include_deleted=not args.exclude_deleted)
    try:
        write_jsonl(sys.stdout, rows)
        sys.stdout.flush()
    except BrokenPipeError:  # `export | head`: the reader has had enough
        sys.stderr.close()
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.models import search
    from desktop.models.db import database
    from desktop.models.mail import Message

    if args.limit is not None and args.limit < 1:
        raise InvalidInput("--limit must be at least 1")
    open_profile_from(args)
    _check_account(args.account)
    text = " ".join(args.query)
    try:
        if search.parse_query(text).empty:
            raise search.QueryError("nothing to search for")
        ids = search.search_message_ids(database, text, mailbox_id=args.account, limit=args.limit)
    except search.QueryError as exc:
        raise InvalidInput(f"search: {exc}") from exc
    _utf8_stdout()
    by_id = {m.id: m for m in Message.select().where(Message.id.in_(ids))} if ids else {}
    for message_id in ids:
        m = by_id[message_id]
        when = m.date.strftime("%Y-%m-%d %H:%M") if hasattr(m.date, "strftime") else str(m.date)
        sender = m.from_addr or m.from_name or "-"
        subject = m.subject or "(no subject)"
        # Tab-separated so scripts can cut it; the id is what `show` takes.
        print(f"{when}\t{sender}\t{subject}\t{m.id}")
    if not ids:
        print("no messages match", file=sys.stderr)
    return 0
