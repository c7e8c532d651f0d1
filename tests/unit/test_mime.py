from desktop.sync.mime import parse


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
