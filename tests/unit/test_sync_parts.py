"""Pure parts of the IMAP side: fastparse ≡ mime.parse, sequence sets, account defaults."""

from __future__ import annotations

import os
import random
from datetime import date, timedelta
from email.message import EmailMessage

import pytest

from desktop import accounts
from desktop.errors import InvalidInput
from desktop.sync import fastparse, mime
from desktop.sync.imap import sequence_set
from desktop.sync.store import COMPRESS_BELOW, encode_raw


def _message(attachments: list[tuple[str, bytes]], *, html: bool = True) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Jana Nováková <jana@example.cz>"
    msg["To"] = "Petr <petr@example.cz>, eva@example.org"
    msg["Subject"] = "Faktura č. 12 #1234#"
    msg["Message-ID"] = "<abc@example.cz>"
    msg["Date"] = "Fri, 27 Nov 2026 10:00:00 +0100"
    msg.set_content("Dobrý den,\nposílám fakturu.\n" * 200, charset="utf-8", cte="base64")
    if html:
        msg.add_alternative("<p>Dobrý den</p>" * 300, subtype="html", cte="base64")
    for name, data in attachments:
        maintype, subtype = ("image", "png") if name.endswith(".png") else ("application", "pdf")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@pytest.mark.parametrize(
    "attachments",
    [
        [],
        [("a.pdf", os.urandom(50_000))],
        [("a.pdf", os.urandom(120_001)), ("b.png", os.urandom(3)), ("c.png", os.urandom(9_999))],
        [("empty.pdf", b""), ("big.pdf", os.urandom(80_000))],  # an empty one: falls back
    ],
)
def test_fastparse_equals_mime_parse(attachments):
    raw = _message(attachments)
    fast, slow = fastparse.parse(raw), mime.parse(raw)
    assert fast == slow
    assert [a.size for a in fast.attachments] == [len(d) for _, d in attachments]


def test_fastparse_leaves_text_and_odd_mail_alone():
    rnd = random.Random(1)
    junk = bytes(rnd.randrange(256) for _ in range(20_000))
    for raw in (b"", b"no headers at all", junk, _message([], html=False).replace(b"\r\n", b"\n")):
        assert fastparse.parse(raw) == mime.parse(raw)


def test_sequence_set():
    assert sequence_set([7, 1, 2, 3, 9, 10]) == "1:3,7,9:10"
    assert sequence_set([5]) == "5"


def test_encode_raw_roundtrip():
    import zlib

    for raw in (b"x-header: 1\r\n\r\nbody", os.urandom(COMPRESS_BELOW + 10)):
        assert zlib.decompress(encode_raw(raw)) == raw


def test_port_and_security_defaults():
    assert accounts.imap_defaults(None, None) == (993, "ssl")
    assert accounts.imap_defaults(143, None) == (143, "starttls")
    assert accounts.imap_defaults(None, "starttls") == (143, "starttls")
    assert accounts.smtp_defaults(None, None) == (587, "starttls")
    assert accounts.smtp_defaults(465, None) == (465, "ssl")
    assert accounts.smtp_defaults(None, "ssl") == (465, "ssl")


def test_import_date_rules():
    today = date(2026, 11, 27)
    assert accounts.check_import_from(None, today) == date(2026, 11, 20)
    assert accounts.check_import_from(date(2026, 11, 20), today) == date(2026, 11, 20)
    with pytest.raises(InvalidInput, match="at most 7 days"):
        accounts.check_import_from(today - timedelta(days=8), today)
    with pytest.raises(InvalidInput, match="future"):
        accounts.check_import_from(today + timedelta(days=1), today)


def test_fastparse_skips_attachment_bodies(monkeypatch):
    raw = _message([("a.pdf", os.urandom(100_000))])
    seen: list[int] = []
    real = mime.parse
    monkeypatch.setattr(fastparse.mime, "parse", lambda data: seen.append(len(data)) or real(data))
    parsed = fastparse.parse(raw)
    assert len(seen) == 1 and seen[0] < len(raw) - 100_000  # one parse, of the slim copy
    assert parsed.attachments[0].size == 100_000
    assert parsed.size == len(raw)


def test_plan_batches():
    from desktop.sync.engine import plan_batches

    assert plan_batches(list(range(1, 11)), 4, 3) == [[1, 2, 3], [4, 5, 6, 7], [8, 9, 10]]
    assert plan_batches([1, 2, 3], 4, 3) == [[1, 2, 3]]
    assert plan_batches([], 4, 3) == []
    assert plan_batches(list(range(1, 6)), 2) == [[1, 2], [3, 4], [5]]


@pytest.mark.parametrize("sep", ["--abc", "--a.b*c(d)+[x]", "--===============123==", "--x y"])
def test_boundary_matcher_equals_feedparser_regex(sep):
    import re

    pattern = "(?P<sep>" + re.escape(sep) + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
    regex, fast = re.compile(pattern), fastparse._ReShim(re).compile(pattern)
    assert isinstance(fast, fastparse._BoundaryPattern)
    lines = [sep, sep + "\r\n", sep + "--\r\n", sep + "--", sep + " \t\n", sep + "x\r\n"]
    lines += [sep[:-1], sep + "\r\n\r\n", sep + "--x", "", "x" + sep, sep + "--  \r"]
    for line in lines:
        a, b = regex.match(line), fast.match(line)
        assert (a is None) == (b is None), line
        if a:
            for name in ("sep", "end", "ws", "linesep"):
                assert a.group(name) == b.group(name), (line, name)


def test_parse_with_boundary_fast_path_is_unchanged(monkeypatch):
    from email import feedparser

    raws = [_message([("a.pdf", os.urandom(70_000))]), _message([]), _message([], html=False)]
    before = [mime.parse(raw) for raw in raws]
    monkeypatch.setattr(feedparser, "re", feedparser.re)  # restored after the test
    fastparse.install()
    assert isinstance(feedparser.re, fastparse._ReShim)
    assert [fastparse.parse(raw) for raw in raws] == before
    assert [mime.parse(raw) for raw in raws] == before
