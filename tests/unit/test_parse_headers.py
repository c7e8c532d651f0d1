"""fastparse.parse_headers (headers first): from the header block alone, the same
list-row fields as mime.parse gives for the whole message, over the malformed corpus
and generated mail (the bodies fill in the rest later: store.fill_bodies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync import fastparse, mime
from tests.servers.dovecot import make_message

MALFORMED = sorted((Path(__file__).resolve().parents[1] / "data" / "malformed").glob("*.eml"))
FIELDS = (
    "subject",
    "message_id",
    "in_reply_to",
    "references",
    "date",
    "from_name",
    "from_addr",
    "to",
    "cc",
    "reply_to",
)


def header_block(raw: bytes) -> bytes:
    """What BODY.PEEK[HEADER] returns: the header block with its empty line."""
    ends = [at for at in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if at >= 0]
    if not ends:
        return raw
    end = min(ends)
    return raw[: end + (4 if raw[end : end + 4] == b"\r\n\r\n" else 2)]


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_header_fields_match_the_whole_parse(path: Path) -> None:
    raw = path.read_bytes()
    whole, head = mime.parse(raw), fastparse.parse_headers(header_block(raw))
    assert {f: getattr(head, f) for f in FIELDS} == {f: getattr(whole, f) for f in FIELDS}
    assert head.snippet == "" and not head.attachments and head.parse_error is None


def test_generated_mail_and_no_body_facts() -> None:
    raw = make_message(7, subject="=?utf-8?q?P=C5=99=C3=ADloha?=")
    head = fastparse.parse_headers(header_block(raw))
    assert head.subject == "Příloha" and head.from_addr == "alice@example.org"
    assert head.text == head.html == head.snippet == ""
