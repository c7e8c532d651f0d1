"""`account set --signature-file` and `send` (real aiosmtpd server): the logo arrives as
an inline part referred to from the HTML, beside a plain-text alternative."""

from __future__ import annotations

import io
from email import message_from_bytes, policy

from PIL import Image

from desktop.models.mail import Mailbox, SignatureImage
from tests.integration.test_send import add_mailbox, run_cli
from tests.integration.test_signature_store import picture


def test_signature_file_with_relative_logo_then_send(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server)
    (tmp_path / "sig").mkdir()
    (tmp_path / "sig" / "logo.png").write_bytes(picture((640, 160)))
    sig = tmp_path / "sig" / "signature.html"
    sig.write_text(
        "<html><head><style>p{}</style></head><body><p><b>Jana Nováková</b><br>"
        '<a href="https://firma.cz">Firma s.r.o.</a></p>'
        '<p><img src="logo.png" width="160" alt="Firma"></p></body></html>',
        encoding="utf-8",
    )
    proc = run_cli(profile.root, "account", "set", str(box.id), "--signature-file", str(sig))
    assert proc.returncode == 0, proc.stderr
    stored = Mailbox.get_by_id(box.id).signature_html
    assert "holub-sig:" in stored and "logo.png" not in stored and "<style" not in stored
    assert (SignatureImage.get().width, SignatureImage.get().height) == (160, 40)

    body = tmp_path / "body.txt"
    body.write_text("Dobrý den,\nposílám nabídku.\n\nS pozdravem", encoding="utf-8")
    proc = run_cli(
        profile.root,
        "send",
        "--account",
        str(box.id),
        "--to",
        "petr@zakaznik.cz",
        "--subject",
        "Nabídka",
        "--body-file",
        str(body),
    )
    assert proc.returncode == 0, proc.stderr
    [got] = smtp_server.messages
    msg = message_from_bytes(got.raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, related = msg.get_payload()
    assert related.get_content_type() == "multipart/related"
    html_part, logo = related.get_payload()
    html = html_part.get_content().replace("\r\n", "\n")
    assert "<p>Dobrý den,<br>\nposílám nabídku.</p>" in html
    assert f'src="cid:{logo["Content-ID"].strip("<>")}"' in html
    assert Image.open(io.BytesIO(logo.get_content())).size == (160, 40)
    text = plain.get_content().replace("\r\n", "\n")
    assert text.startswith("Dobrý den,\nposílám nabídku.\n\nS pozdravem\n\n-- \nJana Nováková")
    assert "Firma s.r.o. <https://firma.cz>" in text


def test_signature_file_errors_are_one_line(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server)
    sig = tmp_path / "signature.html"
    sig.write_text('<img src="https://firma.cz/logo.png">', encoding="utf-8")
    proc = run_cli(profile.root, "account", "set", str(box.id), "--signature-file", str(sig))
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith("holub: The signature picture https://firma.cz/logo.png is not a file")
    missing = run_cli(
        profile.root, "account", "set", str(box.id), "--signature-file", str(tmp_path / "no.html")
    )
    assert missing.returncode == 1 and missing.stderr.startswith("holub: Cannot read the signature")
    assert Mailbox.get_by_id(box.id).signature_html == ""


def test_send_html_file_and_no_signature(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server, signature_html="<p>Jana</p>")
    body = tmp_path / "body.html"
    body.write_text("<p>Ahoj <b>všem</b></p>", encoding="utf-8")
    args = ["send", "--account", str(box.id), "--to", "a@b.cz", "--subject", "S"]
    proc = run_cli(profile.root, *args, "--html-file", str(body), "--no-signature")
    assert proc.returncode == 0, proc.stderr
    msg = message_from_bytes(smtp_server.messages[0].raw, policy=policy.default)
    assert [p.get_content_type() for p in msg.get_payload()] == ["text/plain", "text/html"]
    assert "<b>všem</b>" in msg.get_payload()[1].get_content()
    assert "Jana" not in msg.get_payload()[0].get_content()
    both = run_cli(profile.root, *args, "--html-file", str(body), "--body-file", str(body))
    assert both.returncode == 2
