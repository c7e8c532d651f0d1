"""mime.parse: decoded headers, addresses, snippets, attachments, broken input."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from desktop.sync.mime import decode_bytes, decode_encoded_words, make_snippet, parse

CORPUS = Path(__file__).resolve().parents[1] / "data" / "malformed"
CZ = "Příliš žluťoučký kůň úpěl ďábelské ódy"


def test_undeclared_8bit_charset_is_decoded() -> None:
    raw = b"From: a@b.cz\r\nSubject: \xc5\xbelu\r\nContent-Type: text/plain\r\n\r\nAhoj \xe8\xe1st\r\n"
    parsed = parse(raw)
    assert parsed.subject == "žlu"
    assert parsed.text.startswith("Ahoj část")


def test_attachment_name_from_encoded_word() -> None:
    raw = (
        b"From: a@b\r\nContent-Type: multipart/mixed; boundary=xx\r\n\r\n--xx\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hi <b>there</b></p>\r\n--xx\r\n"
        b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="=?utf-8?q?f=C3=A1.pdf?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--xx--\r\n"
    )
    parsed = parse(raw)
    assert parsed.snippet == "Hi there"
    assert [a.filename for a in parsed.attachments] == ["fá.pdf"]
    assert parsed.has_attachments


# --- charsets -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "label", "expected"),
    [
        (CZ.encode("utf-8"), "utf-8", CZ),
        (CZ.encode("utf-8"), "iso-8859-2", CZ),  # mislabelled UTF-8
        (CZ.encode("utf-8"), None, CZ),
        (CZ.encode("cp1250"), "utf-8", CZ),  # mislabelled windows-1250
        (CZ.encode("cp1250"), None, CZ),
        (CZ.encode("iso-8859-2"), "utf-8", CZ),  # no C1 bytes: ISO-8859-2
        (CZ.encode("iso-8859-2"), "iso-8859-2", CZ),
        (CZ.encode("cp1250"), "x-unknown", CZ),
        (CZ.encode("cp1250"), 'utf-8"', CZ),
        ("Hi ☺".encode("utf-7"), "utf-7", "Hi ☺"),
        ("Zpráva".encode("utf-16"), "utf-16", "Zpráva"),
        (b"plain ascii", "base64", "plain ascii"),  # a codec that is not a charset
        (b"", "utf-8", ""),
    ],
)
def test_decode_bytes(data: bytes, label: str | None, expected: str) -> None:
    assert decode_bytes(data, label) == expected


def test_body_with_wrong_charset_label_reads_right() -> None:
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + CZ.encode("cp1250")
    assert parse(raw).text.strip() == CZ


# --- headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("=?utf-8?Q?P=C5=99=C3=ADli=C5=A1_=C5=BElu=C5=A5ou=C4=8Dk=C3=BD?=", "Příliš žluťoučký"),
        ("=?UTF-8?B?xb5sdcWlb3XEjWvDvQ==?=", "žluťoučký"),
        ("=?utf-8?B?xb5sdcWlb3XEjWvDvQ?=", "žluťoučký"),  # padding missing
        # Adjacent words: the whitespace between them is not text.
        ("=?utf-8?Q?a?= =?utf-8?Q?b?=", "ab"),
        ("=?utf-8?Q?a?= plain =?utf-8?Q?b?=", "a plain b"),
        # A multi-byte character split across two words (Outlook, some webmails).
        ("=?utf-8?B?xQ==?= =?utf-8?B?vmx1?=", "žlu"),
        ("=?iso-8859-2?Q?=AEi=BEka?=", "Žižka"),
        ("=?windows-1250?Q?=8Ae=9D?=", "Šeť"),
        ("=?utf-8?Q?=E8e=9Atina?=", "čeština"),  # cp1250 bytes labelled utf-8
        ("=?x-no-such?Q?Zpr=E1va?=", "Zpráva"),
        ("=?utf-8*cs?Q?=C4=8Cesky?=", "Česky"),  # RFC 2231 language tag
        ("Re: =?utf-8?Q?=C4=8Cau?=!", "Re: Čau!"),
        ("=?utf-8?B?not*base64!!?=", "=?utf-8?B?not*base64!!?="),  # left as written
        ("=?utf-8?Q?unterminated", "=?utf-8?Q?unterminated"),
    ],
)
def test_subject_decoding(header: str, expected: str) -> None:
    raw = b"From: a@b.cz\r\nSubject: " + header.encode() + b"\r\n\r\nbody\r\n"
    assert parse(raw).subject == expected


def test_decode_encoded_words_notes_errors() -> None:
    errors: list[str] = []
    assert decode_encoded_words("=?utf-8?B?!!?= x", errors, "subject") == "=?utf-8?B?!!?= x"
    assert errors == ["subject: undecodable encoded-word"]


def test_folded_subject_is_unfolded() -> None:
    raw = b"Subject: first part\r\n  second\r\n\tthird\r\n\r\nb"
    assert parse(raw).subject == "first part second third"


def test_raw_8bit_headers_in_utf8_and_cp1250() -> None:
    utf = "From: Jiří Novák <jiri@example.cz>\r\nSubject: Čeština\r\n\r\nx".encode()
    cp = "From: Jiří Novák <jiri@example.cz>\r\nSubject: Čeština\r\n\r\nx".encode("cp1250")
    for raw in (utf, cp):
        parsed = parse(raw)
        assert (parsed.from_name, parsed.from_addr) == ("Jiří Novák", "jiri@example.cz")
        assert parsed.subject == "Čeština"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("jana@example.cz", [("", "jana@example.cz")]),
        ("<jana@example.cz>", [("", "jana@example.cz")]),
        ("Jana Nováková <jana@example.cz>", [("Jana Nováková", "jana@example.cz")]),
        (
            '"Novák, Jan" <jan@example.cz>, b@x.cz',
            [("Novák, Jan", "jan@example.cz"), ("", "b@x.cz")],
        ),
        ('"Nov\\"ak (CEO)" <jan@example.cz>', [('Nov"ak (CEO)', "jan@example.cz")]),
        ("jan@example.cz (Jan Novák)", [("Jan Novák", "jan@example.cz")]),
        # An encoded name holding a comma must not split the address.
        ("=?utf-8?Q?Nov=C3=A1k=2C_Jan?= <jan@example.cz>", [("Novák, Jan", "jan@example.cz")]),
        ("=?utf-8?Q?Ji=C5=99=C3=AD_=22J=22?= <j@x.cz>", [('Jiří "J"', "j@x.cz")]),
        ("team: a@x.cz, b@x.cz;", [("", "a@x.cz"), ("", "b@x.cz")]),
        ("undisclosed-recipients:;", []),
        ('"unbalanced <c@x.cz>, d@x.cz', [("", "c@x.cz"), ("", "d@x.cz")]),
    ],
)
def test_addresses(header: str, expected: list[tuple[str, str]]) -> None:
    raw = b"From: me@x.cz\r\nTo: " + header.encode() + b"\r\n\r\nb"
    assert parse(raw).to == expected


def test_dates() -> None:
    def date_of(value: bytes):
        return parse(b"Date: " + value + b"\r\n\r\nb")

    ok = date_of(b"Mon, 02 Nov 2026 10:00:00 +0100")
    assert ok.date is not None and ok.date.isoformat() == "2026-11-02T09:00:00"
    assert ok.parse_error is None
    for bad in (b"sometime last week", b"Mon, 32 Foo 20261 25:61:99 +9999", b""):
        parsed = date_of(bad)
        assert parsed.date is None
    assert "date" in (date_of(b"nonsense").parse_error or "")


def test_message_ids_and_threading() -> None:
    raw = (
        b"Message-ID: <c@x>\r\nIn-Reply-To: garbage <b@x> <z@x>\r\n"
        b"References: <a@x>\r\n <b@x>\r\n\r\nb"
    )
    parsed = parse(raw)
    assert (parsed.message_id, parsed.in_reply_to) == ("<c@x>", "<b@x>")
    assert parsed.references == ["<a@x>", "<b@x>"]
    assert parsed.thread_root == "<a@x>"
    assert parse(b"Message-ID: bare@host.example\r\n\r\nb").message_id == "<bare@host.example>"


# --- bodies, snippets, attachments ------------------------------------------------


def test_snippet_skips_quoted_lines() -> None:
    text = (
        "Díky, beru.\n\nOn Mon, Jana wrote:\n> puvodni text\n>> jeste starsi\n  > odsazene\nKonec"
    )
    assert make_snippet(text) == "Díky, beru. On Mon, Jana wrote: Konec"
    assert len(make_snippet("slovo " * 1000)) == 200


def test_html_only_message() -> None:
    raw = (
        b"Subject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><title>T</title><style>p{color:red}</style></head>"
        b"<body><p>Dobr&yacute; den,</p><script>alert(1)</script><div>druh\xc3\xbd &amp; t\xc5\x99et\xc3\xad</div></body></html>"
    )
    parsed = parse(raw)
    assert parsed.text == ""
    assert "<p>" in parsed.html
    assert parsed.snippet == "Dobrý den, druhý & třetí"


def test_alternative_keeps_text_and_html() -> None:
    raw = (
        b"Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nplain version\r\n--a\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>html version</p>\r\n--a--\r\n"
    )
    parsed = parse(raw)
    assert parsed.text.strip() == "plain version"
    assert "html version" in parsed.html
    assert parsed.snippet == "plain version"
    assert parsed.attachments == []


def test_related_inline_cid_image_is_not_an_attachment() -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    raw = (
        b"Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
        b"Content-Type: multipart/related; boundary=r\r\n\r\n--r\r\n"
        b'Content-Type: text/html; charset=utf-8\r\n\r\n<img src="cid:logo@x">\r\n--r\r\n'
        b"Content-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + png
        + b"\r\n--r--\r\n--m\r\n"
        b"Content-Type: application/pdf; name=offer.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"JVBERi0x\r\n--m\r\n"
        b"Content-Type: application/pdf\r\nContent-Disposition: inline; filename=inline.pdf\r\n\r\nx\r\n"
        b"--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
        b"notes\r\n--m--\r\n"
    )
    parsed = parse(raw)
    by_name = {a.filename or a.content_id: a for a in parsed.attachments}
    logo = by_name["logo@x"]
    assert (logo.inline, logo.content_type, logo.size, logo.part_path) == (
        True,
        "image/png",
        28,
        "1.2",
    )
    assert by_name["offer.pdf"].inline is False and by_name["offer.pdf"].size == 6
    assert by_name["inline.pdf"].inline is False  # an inline PDF is still an attachment
    assert by_name["notes.txt"].inline is False
    assert "notes" not in parsed.text  # an attached text file is not the body
    assert parsed.has_attachments


def test_only_inline_images_mean_no_attachments() -> None:
    raw = (
        b"Content-Type: multipart/related; boundary=r\r\n\r\n--r\r\n"
        b'Content-Type: text/html\r\n\r\n<img src="cid:a">\r\n--r\r\n'
        b"Content-Type: image/gif\r\nContent-ID: <a>\r\n\r\nGIF89a\r\n--r--\r\n"
    )
    parsed = parse(raw)
    assert len(parsed.attachments) == 1 and not parsed.has_attachments


def test_forwarded_message_is_an_eml_attachment() -> None:
    raw = (
        b"Subject: Fwd\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
        b"Content-Type: text/plain\r\n\r\nsee below\r\n--m\r\n"
        b"Content-Type: message/rfc822\r\n\r\nSubject: =?utf-8?Q?P=C5=AFvodn=C3=AD?=\r\n\r\ninner\r\n--m--\r\n"
    )
    parsed = parse(raw)
    assert parsed.text.strip() == "see below"
    [att] = parsed.attachments
    assert (att.filename, att.content_type, att.inline) == ("Původní.eml", "message/rfc822", False)
    assert att.size > 0


def test_rfc2231_filename_with_unknown_charset() -> None:
    raw = (
        b"Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''%C4%8Cesk%C3%A9.pdf\r\n\r\nx\r\n--m\r\n"
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*=x-bogus''%E8a.pdf\r\n\r\nx\r\n--m--\r\n"
    )
    assert [a.filename for a in parse(raw).attachments] == ["České.pdf", "ča.pdf"]


def test_invalid_base64_text_is_kept_as_written() -> None:
    raw = b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nnot base64 !!!\r\n"
    parsed = parse(raw)
    assert parsed.text.strip() == "not base64 !!!"
    assert "invalid base64" in (parsed.parse_error or "")


def test_nul_and_control_characters_are_removed() -> None:
    parsed = parse(b"From: a\x00b@x.cz\r\nSubject: a\x00b\x07c\r\n\r\nbo\x00dy\r\n")
    assert (parsed.subject, parsed.from_addr, parsed.text.strip()) == ("abc", "ab@x.cz", "body")


def test_missing_boundary_keeps_the_body_text() -> None:
    raw = b"Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nlost part\r\n--x--\r\n"
    parsed = parse(raw)
    assert "lost part" in parsed.text
    assert parsed.parse_error


# --- the corpus -------------------------------------------------------------------


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.eml"))


def test_corpus_matches_its_generator(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = module.corpus()
    assert sorted(generated) == [p.name for p in corpus_files()]
    for name, data in generated.items():
        assert (CORPUS / name).read_bytes() == data, name


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_parses(path: Path) -> None:
    raw = path.read_bytes()
    parsed = parse(raw)
    assert parsed.size == len(raw)
    for text in (parsed.subject, parsed.from_name, parsed.from_addr, parsed.snippet):
        assert "\x00" not in text
        text.encode("utf-8")  # no lone surrogates: storable and printable
    parsed.text.encode("utf-8")
    parsed.html.encode("utf-8")


def test_corpus_readable_values() -> None:
    def p(name: str):
        return parse((CORPUS / name).read_bytes())

    assert p("charset-undeclared-cp1250.eml").subject == "Nečitelný předmět"
    for name in (
        "charset-iso-8859-2-declared-utf8.eml",
        "charset-utf8-declared-iso-8859-2.eml",
        "charset-unknown-name.eml",
        "charset-undeclared-cp1250.eml",
    ):
        assert p(name).snippet.startswith(CZ), name
    assert p("charset-unknown-name.eml").subject == "Zpráva"
    assert p("headers-raw-8bit-cp1250.eml").subject == "Čeština cp1250"
    assert p("headers-long-100k.eml").subject == "x" * 100_000
    assert len(p("headers-long-100k.eml").references) == 1000
    assert p("multipart-unterminated.eml").snippet == "first part"
    assert [a.filename for a in p("multipart-unterminated.eml").attachments] == ["cut.bin"]
    assert p("nested-rfc822-60-deep.eml").attachments[0].content_type == "message/rfc822"
    assert p("html-only-meta-charset.eml").snippet == "Dobrý den, čeština"
    assert p("ew-in-address-and-filename.eml").from_name == 'Jiří "Novák"'
    # message/rfc822 sent base64-encoded (not allowed, but seen): the real message is named.
    names = [a.filename for a in p("rfc822-empty-and-base64.eml").attachments]
    assert names == ["message.eml", "inner.eml"]


def test_html_meta_charset_is_used_when_the_header_has_none() -> None:
    body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    raw = (
        b"Content-Type: text/html\r\n\r\n"
        + body.encode()
        + "<p>Señor, café – 5 €</p>".encode("cp1252")
    )
    assert parse(raw).snippet == "Señor, café – 5 €"


def test_mutated_corpus_never_raises_or_leaks_surrogates() -> None:
    """Seeded random damage (bit flips, cuts, stray MIME syntax) over the corpus."""
    import random

    seeds = [p.read_bytes() for p in corpus_files() if p.stat().st_size < 20_000]
    rng = random.Random(2026)
    junk = [b"\r\n", b"=?", b"?=", b"--", b"\x00", b":", b"<", b'"', b"=?utf-8?B?", b"\r\n\r\n"]
    junk += [b"boundary=", b"Content-Type: multipart/mixed; boundary=x\r\n", b"charset="]
    for _ in range(400):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 12)):
            if not data:
                break
            pos = rng.randrange(len(data))
            op = rng.random()
            if op < 0.4:
                data[pos] = rng.randrange(256)
            elif op < 0.6:
                del data[pos : pos + rng.randint(1, 40)]
            elif op < 0.9:
                data[pos:pos] = rng.choice(junk)
            else:
                del data[pos:]
        parsed = parse(bytes(data))
        for text in (parsed.subject, parsed.from_addr, parsed.snippet, parsed.text, parsed.html):
            text.encode("utf-8")
        assert "\x00" not in parsed.subject + parsed.snippet
        assert not any(e.startswith("structure: ") and "Error" in e for e in parsed.parse_errors)


@pytest.mark.parametrize(
    "text",
    [
        "a@b.cz",
        "<a@b.cz>",
        "Jan Novák <a@b.cz>",
        "J. Novák <a@b.cz>, x@y.cz",
        "=?utf-8?Q?Nov=C3=A1k=2C_Jan?= <jan@example.cz>",
        "  Name   Spaced   <a@b.cz>  ",
        "a@b.cz, , c@d.cz",
        "O'Brien <ob@x.ie>",
        "a+tag@sub.example.co.uk",
    ],
)
def test_fast_address_path_agrees_with_the_stdlib(text: str) -> None:
    from email.utils import getaddresses

    from desktop.sync.mime import _clean, _simple_addresses

    fast = _simple_addresses(text)
    assert fast is not None
    expected = [(_clean(n), _clean(a)) for n, a in getaddresses([text]) if n or a]
    assert [(_clean(n), _clean(a)) for n, a in fast] == expected


@pytest.mark.parametrize(
    "text", ['"Q" <a@b.cz>', "a@b.cz (c)", "g: a@b.cz;", "Name <a@b.cz> junk", "a@b <c@d>"]
)
def test_odd_address_lists_take_the_full_parser(text: str) -> None:
    from desktop.sync.mime import _simple_addresses

    assert _simple_addresses(text) is None
