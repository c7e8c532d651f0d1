"""Building messages: headers, alternatives, attachments, replies and forwards."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.errors import InvalidInput
from desktop.models.mail import Folder, Mailbox, Message
from desktop.sync import compose, mime
from desktop.sync.store import FetchedMessage, store_batch


@pytest.fixture
def mailbox(profile) -> Mailbox:
    return Mailbox.create(
        name="Práce",
        email="jana@firma.cz",
        sender_name="Jana Nováková",
        import_from=dt.date.today(),
        signature_html="<b>Jana Nováková</b><br>Firma s.r.o.",
    )


def test_new_message_headers_and_alternative(mailbox):
    msg = compose.build_message(
        mailbox,
        to=["Petr Dvořák <petr@example.cz>"],
        cc="eva@example.cz",
        bcc=["tajny@example.cz"],
        subject="Nabídka – příliš žluťoučký kůň",
        html="<p>Dobrý den,</p><p>posílám <b>nabídku</b> a <a href='https://x.cz/a'>odkaz</a>.</p>"
        "<ul><li>jedna</li><li>dvě</li></ul>",
    )
    raw = msg.as_bytes()
    assert max(raw) < 128  # 7-bit clean on the wire
    parsed = mime.parse(raw)
    assert parsed.from_name == "Jana Nováková" and parsed.from_addr == "jana@firma.cz"
    assert parsed.to == [("Petr Dvořák", "petr@example.cz")]
    assert parsed.cc == [("", "eva@example.cz")]
    assert parsed.subject == "Nabídka – příliš žluťoučký kůň"
    assert parsed.message_id.endswith("@firma.cz>")
    assert parsed.date is not None
    assert "posílám nabídku a odkaz <https://x.cz/a>." in parsed.text
    assert "- jedna\n- dvě" in parsed.text
    assert "<b>nabídku</b>" in parsed.html
    assert compose.envelope_recipients(msg) == [
        "petr@example.cz",
        "eva@example.cz",
        "tajny@example.cz",
    ]
    wire = compose.serialise(msg)
    assert b"tajny@example.cz" not in wire  # Bcc never on the wire


def test_attachments_keep_types_and_czech_names(mailbox, tmp_path):
    pdf = tmp_path / "Smlouva č. 5 – návrh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    png = tmp_path / "obrázek.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    odd = tmp_path / "data.holubext"
    odd.write_bytes(b"\xff\xfe")
    msg = compose.build_message(
        mailbox,
        to="petr@example.cz",
        subject="Přílohy",
        text="viz přílohy",
        attachments=[pdf, str(png), odd],
    )
    raw = msg.as_bytes()
    assert b"filename*=utf-8''Smlouva%20%C4%8D" in raw  # RFC 2231
    parsed = mime.parse(raw)
    got = {a.filename: (a.content_type, a.size) for a in parsed.attachments}
    assert got == {
        "Smlouva č. 5 – návrh.pdf": ("application/pdf", pdf.stat().st_size),
        "obrázek.png": ("image/png", 58),
        "data.holubext": ("application/octet-stream", 2),
    }
    assert parsed.text.strip() == "viz přílohy"


def test_bad_address_and_no_recipients(mailbox):
    with pytest.raises(InvalidInput, match="Not an e-mail address"):
        compose.build_message(mailbox, to="petr at example", subject="x", text="y")
    with pytest.raises(InvalidInput, match="no recipients"):
        compose.build_message(mailbox, to=[], subject="x", text="y")


def test_header_edge_cases(mailbox):
    msg = compose.build_message(
        mailbox, to="Petr <petr@příklad.cz>", subject="dva\nřádky", text="x"
    )
    parsed = mime.parse(compose.serialise(msg))
    assert parsed.to == [("Petr", "petr@xn--pklad-zsa96e.cz")]
    assert parsed.subject == "dva řádky"
    with pytest.raises(InvalidInput, match="accented letters before the @"):
        compose.build_message(mailbox, to="žofie@example.cz", text="x")
    msg = compose.build_message(mailbox, to='"Dvořák, Petr" <petr@example.cz>; eva@x.cz', text="x")
    assert mime.parse(msg.as_bytes()).to == [("Dvořák, Petr", "petr@example.cz"), ("", "eva@x.cz")]


def test_signature_rules(mailbox):
    msg = compose.build_message(mailbox, to="a@b.cz", text="Ahoj", add_signature=True)
    assert mime.parse(msg.as_bytes()).text.rstrip().endswith("Jana Nováková\nFirma s.r.o.")
    mailbox.signature_in_replies = False
    reply = compose.build_message(
        mailbox, to="a@b.cz", text="Ahoj", in_reply_to="<x@y>", add_signature=True
    )
    assert "Firma" not in mime.parse(reply.as_bytes()).text
    assert reply["References"] == "<x@y>"


def test_html_to_plain_quotes_and_breaks():
    text = compose.html_to_plain(
        "<p>A<br>B</p><blockquote><p>quoted<br>line</p></blockquote><script>x()</script>"
        "<ol><li>one</li><li>two</li></ol>"
    )
    assert text == "A\nB\n> quoted\n> line\n1. one\n2. two\n"


def _store(mailbox: Mailbox, raw: bytes, folder_name="INBOX", role="inbox") -> Message:
    folder, _ = Folder.get_or_create(
        mailbox=mailbox, remote_name=folder_name, defaults={"role": role}
    )
    uid = Message.select().where(Message.folder == folder).count() + 1
    store_batch(folder, [FetchedMessage(remote_id=str(uid), uid=uid, raw=raw, flags=())])
    return Message.get(Message.folder == folder, Message.uid == uid)


ORIGINAL = (
    "From: Petr Dvořák <petr@example.cz>\r\n"
    "To: Jana Nováková <jana@firma.cz>, Eva <eva@example.cz>\r\n"
    "Cc: Karel <karel@example.cz>\r\n"
    "Subject: Objednávka #1234#\r\n"
    "Message-ID: <orig-2@example.cz>\r\n"
    "References: <orig-1@example.cz>\r\n"
    "Date: Mon, 02 Nov 2026 10:00:00 +0100\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
    "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "Posílám objednávku.\r\n"
    "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''objedn%C3%A1vka.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
).encode()


def test_reply_and_reply_all(mailbox):
    original = _store(mailbox, ORIGINAL)
    draft = compose.reply_draft(original.id)
    assert draft.to == ["Petr Dvořák <petr@example.cz>"] and draft.cc == []
    assert draft.subject == "Re: Objednávka #1234#"
    assert draft.in_reply_to == "<orig-2@example.cz>"
    assert draft.references == ["<orig-1@example.cz>", "<orig-2@example.cz>"]
    assert "Posílám objednávku." in draft.html and "<blockquote" in draft.html
    assert "Firma s.r.o." in draft.html  # signature_in_replies is on
    everyone = compose.reply_draft(original.id, reply_all=True)
    assert everyone.cc == ["Eva <eva@example.cz>", "Karel <karel@example.cz>"]  # not myself
    assert compose.reply_subject("RE: x") == "RE: x"


def test_forward_inline_and_as_attachment(mailbox):
    original = _store(mailbox, ORIGINAL)
    inline = compose.forward_draft(original.id)
    assert inline.subject == "Fwd: Objednávka #1234#"
    assert "Forwarded message" in inline.html and "Posílám objednávku." in inline.html
    [ref] = inline.attachments
    assert compose.attachment_label(ref) == "objednávka.pdf"
    msg = compose.build_message(
        mailbox,
        to="x@y.cz",
        subject=inline.subject,
        html=inline.html,
        attachments=[compose.resolve_attachment(r) for r in inline.attachments],
    )
    parsed = mime.parse(msg.as_bytes())
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("objednávka.pdf", "application/pdf")
    ]

    as_file = compose.forward_draft(original.id, as_attachment=True)
    assert as_file.attachments == [{"message": original.id}]
    msg = compose.build_message(
        mailbox,
        to="x@y.cz",
        subject=as_file.subject,
        html=as_file.html,
        attachments=[compose.resolve_attachment(r) for r in as_file.attachments],
    )
    raw = msg.as_bytes()
    assert max(raw) < 128
    parsed = mime.parse(raw)
    [att] = parsed.attachments
    assert att.content_type == "message/rfc822"
    assert att.filename == "Objednávka #1234#.eml"
    assert "Posílám objednávku." not in parsed.text  # attached, not part of the body
    inner = mime.parse(msg.get_payload()[-1].get_payload()[0].as_bytes())
    assert inner.subject == "Objednávka #1234#" and "Posílám objednávku." in inner.text
