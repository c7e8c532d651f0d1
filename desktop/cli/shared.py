"""`holub shared list|sync`: mailboxes colleagues shared with me through the CRM (R11)."""

from __future__ import annotations

import argparse
import json

LEVEL_WORDS = {"read": "read", "read_write": "write"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("shared", help="mailboxes colleagues shared with you (via Caflou)")
    ssub = p.add_subparsers(dest="shared_command", metavar="SUBCOMMAND", required=True)
    ls = ssub.add_parser("list", help="the mailboxes shared with you: owner and level")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    ls.set_defaults(func=cmd_list)
    sy = ssub.add_parser(
        "sync", help="read the shared mailboxes from the CRM and cache them for offline reading"
    )
    sy.set_defaults(func=cmd_sync)


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.services import shared_mailboxes as shared

    open_profile_from(args)
    rows = shared.shared_mailboxes()
    if not rows and not args.json:
        print("Nothing is shared with you (run `holub shared sync` to look again).")
    for row in rows:
        mailbox = row.mailbox
        level = LEVEL_WORDS.get(row.level, row.level)
        if args.json:
            record = {
                "id": mailbox.id,
                "name": mailbox.name,
                "email": mailbox.email,
                "owner": row.owner_email,
                "level": level,
            }
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{mailbox.id}\t{mailbox.name} <{mailbox.email}>\t{row.owner_email}\t{level}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.models.mail import Message
    from desktop.services import shared_mailboxes as shared

    open_profile_from(args)
    changes = shared.sync_all()
    rows = shared.shared_mailboxes()
    total = Message.select().where(Message.mailbox.in_([r.mailbox_id for r in rows])).count()
    print(
        f"{len(rows)} shared mailbox(es), {total} messages cached; "
        f"{len(changes.added)} new, {len(changes.removed)} gone."
    )
    return 0
