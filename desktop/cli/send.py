"""CLI commands: ``send`` and ``outbox list|retry``.

``send`` builds the message, stores it in the outbox, then sends it; a failure leaves
it there as "failed" with the reason, to be sent again by ``outbox retry ID``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.errors import HolubError, InvalidInput


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("send", help="send a message through the mailbox's SMTP server")
    p.add_argument("--account", type=int, required=True, metavar="ID", help="mailbox id")
    p.add_argument("--to", action="append", default=[], metavar="ADDR", help="recipient")
    p.add_argument("--cc", action="append", default=[], metavar="ADDR")
    p.add_argument("--bcc", action="append", default=[], metavar="ADDR")
    p.add_argument("--subject", default="")
    body = p.add_mutually_exclusive_group(required=True)
    body.add_argument(
        "--body-file",
        metavar="FILE",
        help="the body as text (UTF-8; blank lines part paragraphs), '-' for stdin",
    )
    body.add_argument("--html-file", metavar="FILE", help="the body as HTML (UTF-8)")
    p.add_argument("--html", action="store_true", help="the --body-file is HTML")
    p.add_argument("--attach", action="append", default=[], metavar="FILE")
    p.add_argument("--no-signature", action="store_true", help="do not add the mailbox's signature")
    p.set_defaults(func=cmd_send)

    o = sub.add_parser("outbox", help="messages waiting to be sent, and failed ones")
    osub = o.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    ls = osub.add_parser("list", help="list outbox messages")
    ls.add_argument("--account", type=int, metavar="ID")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    ls.set_defaults(func=cmd_outbox_list)
    rt = osub.add_parser("retry", help="send a failed or waiting message again")
    rt.add_argument("id", type=int, metavar="ID")
    rt.set_defaults(func=cmd_outbox_retry)
    dc = osub.add_parser("discard", help="delete a waiting or failed message without sending it")
    dc.add_argument("id", type=int, metavar="ID")
    dc.set_defaults(func=cmd_outbox_discard)


def _read_body(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"The body file {name} is not UTF-8 text.") from exc
    except OSError as exc:
        raise InvalidInput(f"Cannot read the body file {name}: {exc.strerror or exc}.") from exc


def _report(row) -> int:
    if row.state == "sent":
        note = f" ({row.error})" if row.error else ""
        print(f"Sent: outbox {row.id} {row.message_id}{note}")
        return 0
    raise HolubError(f"{row.error or 'not sent'} (outbox {row.id}: holub outbox retry {row.id})")


def cmd_send(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.models.mail import Mailbox
    from desktop.sync.compose import build_message, text_to_paragraphs
    from desktop.sync.outbox import queue_message, send_pending

    open_profile_from(args)
    mailbox = Mailbox.get_or_none(Mailbox.id == args.account)
    if mailbox is None:
        raise InvalidInput(f"There is no mailbox with id {args.account} (see: account list).")
    # The same message as the compose window: an HTML part (with the signature and its
    # pictures as inline parts) and its plain-text alternative.
    if args.html_file or args.html:
        html, text = _read_body(args.html_file or args.body_file), None
    else:
        text = _read_body(args.body_file)
        html = text_to_paragraphs(text)
    msg = build_message(
        mailbox,
        to=args.to,
        cc=args.cc,
        bcc=args.bcc,
        subject=args.subject,
        html=html,
        text=text,
        attachments=args.attach,
        add_signature=not args.no_signature,
    )
    row = queue_message(mailbox, msg)
    [row] = send_pending(mailbox.id, ids=[row.id]) or [row]
    return _report(row)


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.sync.outbox import list_outbox

    open_profile_from(args)
    for row in list_outbox(args.account):
        if args.json:
            print(
                json.dumps(
                    {
                        "id": row.id,
                        "mailbox": row.mailbox_id,
                        "state": row.state,
                        "message_id": row.message_id,
                        "subject": row.subject,
                        "recipients": row.recipients,
                        "attempts": row.attempts,
                        "error": row.error,
                        "appended_to_sent": row.appended_to_sent,
                        "created_at": row.created_at.isoformat() + "Z",
                        "sent_at": row.sent_at.isoformat() + "Z" if row.sent_at else None,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            error = f"  [{row.error}]" if row.error else ""
            print(
                f"{row.id}\t{row.state}\t{row.attempts}\t{', '.join(row.recipients)}\t"
                f"{row.subject}{error}"
            )
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.sync.outbox import retry, send_pending

    open_profile_from(args)
    row = retry(args.id)
    [row] = send_pending(row.mailbox_id, ids=[row.id]) or [row]
    return _report(row)


def cmd_outbox_discard(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.sync.outbox import discard

    open_profile_from(args)
    discard(args.id)
    print(f"Discarded outbox {args.id}")
    return 0
