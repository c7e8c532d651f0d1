"""MIME nested about 1,000 deep: the headers are kept, the body degrades to raw (issue 11 item 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.sync import fastparse, mime


def nested(depth: int, newline: bytes = b"\r\n") -> bytes:
    head = (
        b"From: =?utf-8?q?Jana_Nov=C3=A1kov=C3=A1?= <jana@firma.cz>\r\n"
        b"To: petr@firma.cz\r\nSubject: Deep\r\n"
        b"Date: Mon, 02 Nov 2026 09:00:00 +0100\r\nMessage-ID: <deep@firma.cz>\r\n"
        b"In-Reply-To: <root@firma.cz>\r\nMIME-Version: 1.0\r\n"
    )
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(depth)
    )
    leaf = b"Content-Type: text/plain\r\n\r\nhello from the bottom\r\n"
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth)))
    return (head + opening + leaf + closing).replace(b"\r\n", newline)


@pytest.mark.parametrize("parse", [mime.parse, fastparse.parse])
@pytest.mark.parametrize("newline", [b"\r\n", b"\n"])
def test_deep_nesting_keeps_the_headers(parse, newline) -> None:
    parsed = parse(nested(1000, newline))
    assert parsed.subject == "Deep"
    assert (parsed.from_name, parsed.from_addr) == ("Jana Nováková", "jana@firma.cz")
    assert parsed.to == [("", "petr@firma.cz")]
    assert parsed.message_id == "<deep@firma.cz>"
    assert parsed.in_reply_to == "<root@firma.cz>"
    assert parsed.date == dt.datetime(2026, 11, 2, 8, 0)
    assert parsed.parse_errors  # it says the structure was not read
    assert "hello from the bottom" in parsed.text  # the body, as raw source


def test_shallow_nesting_is_parsed_as_usual() -> None:
    parsed = fastparse.parse(nested(20))
    assert parsed.subject == "Deep" and parsed.parse_errors == []
    assert parsed.text.strip() == "hello from the bottom"
