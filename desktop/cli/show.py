"""CLI `show MESSAGE_ID [--html|--text|--raw]`: a message as the reader renders it."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "show",
        help="print a stored message as the reader shows it",
        description="MESSAGE_ID is the store id or a Message-ID header value (<...>).",
    )
    parser.add_argument("message", metavar="MESSAGE_ID")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--html",
        dest="mode",
        action="store_const",
        const="html",
        help="the sanitised HTML document the reader loads",
    )
    group.add_argument(
        "--text",
        dest="mode",
        action="store_const",
        const="text",
        help="headers and the plain-text body (default)",
    )
    group.add_argument(
        "--raw", dest="mode", action="store_const", const="raw", help="the original source"
    )
    parser.set_defaults(func=run, mode="text")


def run(args: argparse.Namespace) -> int:
    from desktop.cli import open_profile_from
    from desktop.errors import InvalidInput
    from desktop.render import text as textmod
    from desktop.render.document import render_document
    from desktop.render.message import find_message, load_message
    from desktop.sync.mime import decode_bytes, html_to_text

    open_profile_from(args)
    message = load_message(find_message(args.message))
    if message is None:  # pragma: no cover - find_message checked it
        raise InvalidInput(f"no message {args.message}")
    if args.mode == "raw":
        sys.stdout.buffer.write(message.raw)
        sys.stdout.flush()
        return 0
    if args.mode == "html":
        sys.stdout.write(render_document(message, mode="html").html)
        return 0
    rows = textmod.header_rows(
        from_=(message.from_name, message.from_addr),
        to=message.to,
        cc=message.cc,
        date=message.date,
        subject=message.subject,
    )
    body = message.text or html_to_text(message.html)
    if message.is_empty:
        body = "[This message could not be read; its raw source follows.]\n\n" + decode_bytes(
            message.raw, None
        )
    out = textmod.headers_text(rows)
    for att in message.attachments:
        if not att.inline:
            out += f"Attachment: {att.filename or '(unnamed)'} ({att.content_type}, {att.size} B)\n"
    sys.stdout.write(out + "\n" + body.rstrip("\n") + "\n")
    return 0
