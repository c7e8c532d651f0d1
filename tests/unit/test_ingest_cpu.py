"""The cheaper per-message path of a first import gives the same answers as before."""

from __future__ import annotations

import subprocess
import sys
import zlib
from datetime import date
from email.message import EmailMessage, Message
from email.policy import compat32

import pytest

from desktop.sync import fastparse, mime, rawform


def test_stored_form_is_a_zlib_stream_and_old_rows_still_read(profile):
    from desktop.models.mail import Folder, Mailbox, MessageBody
    from desktop.sync import store

    raw = b"Subject: hi\r\nMessage-ID: <r@x>\r\n\r\n" + "Dobrý den\r\n".encode() * 500
    assert zlib.decompress(rawform.encode_raw(raw)) == raw
    assert store.encode_raw is rawform.encode_raw  # one stored form, whoever makes it
    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    changes = store.store_batch(inbox, [store.FetchedMessage(remote_id="1", raw=raw)])
    (message_id,) = changes.added
    assert store.raw_source(message_id) == raw
    # A row written by an older Holub (level 1, or any level) reads the same.
    for level in (1, 6, 9):
        MessageBody.update(raw=zlib.compress(raw, level)).where(
            MessageBody.message == message_id
        ).execute()
        assert store.raw_source(message_id) == raw


def test_parse_workers_import_no_store():
    # A spawned parse worker imports what its functions' modules import: no peewee, no Qt.
    code = (
        "import sys, desktop.sync.providers.parse_pool, desktop.sync.providers.gmail_parse\n"
        "bad = [m for m in ('peewee', 'PySide6', 'desktop.sync.store') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _alternative(plain: str, html: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Jana <jana@example.cz>"
    msg["Subject"] = "Stand-ins"
    msg["Message-ID"] = "<s@example.cz>"
    msg.set_content(plain, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def test_a_part_that_is_exactly_a_stand_in_falls_back_to_the_plain_parse():
    plain = "Dobrý den,\nposílám fakturu č. 12.\n\n" * 40
    html = "<p>Dobrý den</p>\n" * 80
    for token in (fastparse._TOKEN + "0", fastparse._TOKEN + "1"):
        msg = _alternative(plain, html)
        msg.add_attachment(token.encode(), maintype="text", subtype="x-note", cte="7bit")
        raw = _crlf(msg.as_bytes())
        parsed = fastparse.parse(raw)
        assert parsed == mime.parse(raw)
        assert parsed.text.startswith("Dobrý den") and "<p>" in parsed.html


@pytest.mark.parametrize(
    "headers",
    [
        [("Content-Type", 'text/plain; charset="utf-8"; format=flowed')],
        [("CONTENT-TYPE", "Text/HTML; Charset=ISO-8859-2"), ("content-type", "text/plain")],
        [("Content-Type", "multipart/mixed; boundary=\"a b\"; name*=utf-8''%C5%BE.txt")],
        [("Content-Type", "oops"), ("Content-Disposition", "attachment; filename=a.pdf")],
        [("Content-Type", 'text/plain; name="\udcc5\udcbe.txt"')],  # 8-bit, surrogate-escaped
        [("Content-Disposition", "inline")],
        [],
    ],
)
def test_part_answers_as_message(headers):
    plain, fast = Message(policy=compat32), mime._Part(policy=compat32)
    for msg in (plain, fast):
        for name, value in headers:
            msg.set_raw(name, value)
    for _ in range(2):  # asked again: from the caches
        assert fast.get_content_type() == plain.get_content_type()
        assert fast.get_content_maintype() == plain.get_content_maintype()
        for name in ("content-type", "Content-Disposition", "x-missing"):
            assert (name in fast) == (name in plain)
            assert str(fast.get(name, "none")) == str(plain.get(name, "none"))
            assert fast.get_params(header=name) == plain.get_params(header=name)
        for param in ("charset", "boundary", "name", "filename"):
            assert fast.get_param(param) == plain.get_param(param)
            assert fast.get_param(param, header="content-disposition") == plain.get_param(
                param, header="content-disposition"
            )
        assert fast.get_content_charset() == plain.get_content_charset()
        assert fast.get_filename() == plain.get_filename()
    # Changed headers are seen at once.
    for msg in (plain, fast):
        msg.set_raw("Content-Type", "image/png")
        msg.replace_header("content-type", "application/pdf; name=x.pdf")
    assert fast.get_content_type() == plain.get_content_type() == "application/pdf"
    for msg in (plain, fast):
        del msg["content-type"]
    assert fast.get_content_type() == plain.get_content_type()
    assert fast.get_param("name") == plain.get_param("name")


def test_stored_message_is_what_the_model_constructor_makes(profile):
    from desktop.models.mail import Folder, Mailbox, Message
    from desktop.sync import store

    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    raw = b"From: Jana <jana@example.cz>\r\nTo: me@example.org\r\nSubject: Ahoj\r\n\r\nhi\r\n"
    item = store.FetchedMessage(remote_id="7", raw=raw, uid=7, flags=("\\Seen",))
    parsed = mime.parse(raw)
    values = store._message_values(mb, inbox, item, parsed, 41, store.utcnow())
    expected = Message(**values)
    expected.mailbox = mb
    expected.folder = inbox
    made = store._stored_message(values, mb, inbox)
    assert made.__data__ == expected.__data__ and made._dirty == expected._dirty
    assert made.__rel__ == expected.__rel__ and made.mailbox is mb and made.folder is inbox
    assert made.to == [["", "me@example.org"]] and made.seen is True and made.id == 41
    # The row as inserted reads back as that message.
    with store.database.atomic("IMMEDIATE"):
        ((message, _),) = store._insert_many(mb, inbox, [(item, parsed)])
    again = Message.get_by_id(message.id)
    for name in ("remote_id", "uid", "subject", "to", "cc", "seen", "direction", "date"):
        assert getattr(again, name) == getattr(message, name), name


def test_fields_left_out_are_none_that_mime_reads():
    # Every header name mime.py reads by name (headers.get("…"), .get("…")) is kept.
    import re
    from pathlib import Path

    source = Path(mime.__file__).read_text(encoding="utf-8")
    read = {name.encode() for name in re.findall(r'\.get\("([a-z-]+)"', source)}
    assert read and read <= fastparse.READ_FIELDS


def _with_headers(extra: bytes) -> bytes:
    msg = _alternative("Dobrý den,\nposílám fakturu č. 12.\n\n" * 40, "<p>Dobrý den</p>\n" * 80)
    raw = _crlf(msg.as_bytes())
    return extra + raw


@pytest.mark.parametrize(
    "extra",
    [
        b"Received: from a by b;\r\n Fri, 27 Nov 2026 10:00:00 +0100\r\nX-Spam: no\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256;\r\n\tb=abc\r\nSubject: the first subject\r\n",
        b"X-Odd line without a colon\r\n",  # not a field: the parser sees the block whole
        b"From jana@example.cz Fri Nov 27 10:00:00 2026\r\n",  # a Unix From line
        b" folded first line\r\n",
        b"X-Lone: cr\rinside\r\n",
        b": no name\r\n",
        b"Date: no date at all\r\nX-Mailer: y\r\n",  # a parse error: parsed again whole
        b"Content-Type: text/plain\r\nX-A: 1\r\n",  # a second Content-Type after the first
    ],
)
def test_header_fields_left_out_change_nothing(extra):
    raw = _with_headers(extra)
    assert fastparse.parse(raw) == mime.parse(raw)
    assert fastparse.parse(raw).size == len(raw)


def test_header_fields_are_left_out_of_the_parsed_copy(monkeypatch):
    raw = _with_headers(b"Received: from a by b\r\nX-Spam: no\r\nList-Id: <l.example>\r\n")
    seen: list[bytes] = []
    real = mime.parse
    monkeypatch.setattr(mime, "parse", lambda data, **kw: seen.append(data) or real(data, **kw))
    parsed = fastparse.parse(raw)
    assert parsed.size == len(raw) and parsed.subject == "Stand-ins"
    assert b"Received:" not in seen[0] and b"List-Id" not in seen[0]
    assert b"From: Jana" in seen[0] and b"Message-ID: <s@example.cz>" in seen[0]


def test_a_big_message_is_never_copied_whole_for_its_header_fields(monkeypatch):
    # Single part, nothing set aside: over WHOLE_COPY_MAX the parser gets the message as
    # it came (the peak memory of a sync of big messages stays bounded).
    text = b"Dobry den, " * (fastparse.WHOLE_COPY_MAX // 10)
    raw = b"Received: from a by b\r\nSubject: big\r\nFrom: a@example.cz\r\n\r\n" + text
    seen: list[bytes] = []
    real = mime.parse
    monkeypatch.setattr(mime, "parse", lambda data, **kw: seen.append(data) or real(data, **kw))
    parsed = fastparse.parse(raw)
    assert seen == [raw] and seen[0] is raw
    assert parsed.subject == "big" and parsed.size == len(raw)


def test_the_html_text_is_made_once_and_indexed(monkeypatch):
    from desktop.sync import store

    msg = EmailMessage()
    msg["From"] = "a@example.cz"
    msg["Subject"] = "Newsletter"
    msg.set_content("<html><style>p{}</style><p>Akce &amp; sleva</p></html>", subtype="html")
    parsed = mime.parse(_crlf(msg.as_bytes()))
    assert parsed.text == "" and "Akce & sleva" in parsed.plain
    calls: list[str] = []
    monkeypatch.setattr(mime, "html_to_text", lambda html: calls.append(html) or "")
    assert "Akce & sleva" in store._fts_row(1, parsed, with_body=True)[4]
    assert calls == []  # the store did not make it again
    bare = mime.ParsedMessage(html="<p>x</p>")  # made by hand: the store makes it
    store._fts_row(2, bare, with_body=True)
    assert calls == ["<p>x</p>"]


def test_not_base64_answers_as_the_regex():
    import random

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(130)] + ["\xa0", "\udcc5", "\u2003"]
    for _ in range(20_000):
        text = "".join(
            rng.choice(alphabet if rng.random() < 0.3 else "QUJD+/=\r\n ")
            for _ in range(rng.randint(0, 12))
        )
        assert mime._not_base64(text) == (mime._NOT_BASE64.search(text) is not None), text
