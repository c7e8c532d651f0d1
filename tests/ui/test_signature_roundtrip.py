"""The whole way with real parts: the signature editor → the store → `send` (and the
compose window's reply) through the aiosmtpd server → the received MIME → imported back
through store_batch → shown by the reader with the logo served from the store and no
request to the network."""

from __future__ import annotations

import datetime as dt
import io
import re
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor

from desktop.models.mail import Folder, Mailbox, SignatureImage
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui.compose import ComposeWindow
from desktop.ui.mailbox_settings import MailboxSettingsDialog
from desktop.ui.reader.view import ReaderView
from tests.hostile import store_raw
from tests.integration.test_send import run_cli

SEND_TIMEOUT = 20_000


@pytest.fixture
def mailbox(profile, smtp_server) -> Mailbox:
    box = Mailbox.create(
        name="Práce",
        import_from=dt.date.today(),
        sender_name="Jana Nováková",
        # The login is the address itself (an empty username), as the dialog saves it.
        **{**smtp_server.mailbox_fields("starttls"), "username": ""},
    )
    set_secret(MAILBOX_PASSWORD, box.id, smtp_server.password)
    return box


@pytest.fixture
def reader(qtbot, profile):
    view = ReaderView()
    view.resize(800, 600)
    view.show()
    yield view
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def edit_signature(qtbot, mailbox: Mailbox, tmp_path) -> SignatureImage:
    """Write the signature in Mailbox settings → Signature and save it."""
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    dialog.open()
    editor = dialog.signature_editor
    edit = editor.edit
    edit.setFocus()
    edit.textCursor().insertText("Jana Nováková")
    edit.selectAll()
    editor.toggle_bold()
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    edit.setTextCursor(cursor)
    editor.bold_action.setChecked(False)
    editor.apply_link("Firma s.r.o.", "https://firma.cz")
    cursor = edit.textCursor()
    cursor.insertBlock()
    edit.setTextCursor(cursor)
    photo = QImage(1600, 800, QImage.Format.Format_RGB32)  # a big photo as a logo
    photo.fill(QColor("#0b3d91"))
    photo.save(str(tmp_path / "logo.jpg"), "JPEG", 95)
    assert editor.insert_image(str(tmp_path / "logo.jpg"))
    cursor = edit.textCursor()
    cursor.movePosition(
        QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
    )
    edit.setTextCursor(cursor)
    assert edit.set_picture_width(200)
    editor.set_alignment(Qt.AlignmentFlag.AlignHCenter)
    assert edit.picture_size() == (200, 100)
    with qtbot.waitSignal(dialog.changed, timeout=15_000):
        dialog.save()
    stored = Mailbox.get_by_id(mailbox.id).signature_html
    assert "holub-sig:" in stored and "data:" not in stored
    [image] = SignatureImage.select()
    assert (image.width, image.height, image.content_type) == (200, 100, "image/jpeg")
    return image


def check_related(msg: EmailMessage) -> tuple[str, str, list[EmailMessage]]:
    """(plain text, HTML, picture parts) of a multipart/alternative with related HTML;
    every picture is referred to from the HTML by its Content-ID."""
    assert msg.get_content_type() == "multipart/alternative"
    plain, related = msg.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, *pictures = related.get_payload()
    html = html_part.get_content()
    assert "data:" not in html and not re.search(r"holub-(sig|part):", html)
    assert not re.search(r"<img[^>]+src=\"https?:", html)
    for part in pictures:
        assert part.get_content_disposition() == "inline"
        assert f'src="cid:{part["Content-ID"].strip("<>")}"' in html
    return plain.get_content().replace("\r\n", "\n"), html, pictures


def show(qtbot, reader: ReaderView, message_id: int) -> None:
    with qtbot.waitSignal(reader.page().loadFinished, timeout=15_000):
        reader.show_message(message_id)


def test_editor_to_cli_send_to_reader(qtbot, profile, mailbox, smtp_server, reader, tmp_path):
    image = edit_signature(qtbot, mailbox, tmp_path)
    body = tmp_path / "body.txt"
    body.write_text("Dobrý den,\n\nposílám nabídku.", encoding="utf-8")
    args = ["--to", "petr@zakaznik.cz", "--subject", "Nabídka", "--body-file", str(body)]
    proc = run_cli(profile.root, "send", "--account", str(mailbox.id), *args)
    assert proc.returncode == 0, proc.stderr
    [got] = smtp_server.messages
    msg = message_from_bytes(got.raw, policy=policy.default)
    plain, html, [logo] = check_related(msg)
    assert logo.get_content_type() == "image/jpeg"
    assert logo.get_content() == bytes(image.data)
    assert Image.open(io.BytesIO(logo.get_content())).size == (200, 100)
    assert 'width="200" height="100"' in html and 'align="center"' in html
    assert plain.startswith("Dobrý den,\n\nposílám nabídku.\n\n-- \nJana Nováková\n")
    assert "Firma s.r.o. <https://firma.cz>" in plain

    # Imported back through Holub's parser and shown: the logo from the store, nothing remote.
    [message_id] = store_raw([got.raw])
    show(qtbot, reader, message_id)
    cid = logo["Content-ID"].strip("<>")
    served = [u for u in reader.scheme_handler.served if u.startswith("holub-cid:")]
    assert served == [f"holub-cid:{message_id}/{cid.replace('@', '%40')}"]
    assert reader.interceptor.blocked == []
    assert reader.scheme_handler._cid(QUrl(served[0]))[0] == bytes(image.data)


def _customer_mail_with_logo() -> bytes:
    original = EmailMessage()
    original["From"] = "Petr Dvořák <petr@zakaznik.cz>"
    original["To"] = "jana@example.test"
    original["Subject"] = "Poptávka"
    original["Date"] = "Mon, 30 Nov 2026 09:00:00 +0100"
    original["Message-ID"] = "<poptavka@zakaznik.cz>"
    original.set_content("Dobrý den, poptáváme.")
    original.add_alternative(
        '<p>Dobrý den, poptáváme.</p><img src="cid:zakaznik-logo@zakaznik.cz">', "html"
    )
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 128, 0)).save(out, "PNG")
    original.get_payload()[1].add_related(
        out.getvalue(), "image", "png", cid="<zakaznik-logo@zakaznik.cz>"
    )
    return original.as_bytes()


@pytest.mark.parametrize("in_replies", [True, False])
def test_reply_with_signature_on_and_off(qtbot, mailbox, smtp_server, reader, tmp_path, in_replies):
    image = edit_signature(qtbot, mailbox, tmp_path)
    Mailbox.update(signature_in_replies=in_replies).where(Mailbox.id == mailbox.id).execute()
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    [original_id] = store_batch(
        inbox, [FetchedMessage(remote_id="1", uid=1, raw=_customer_mail_with_logo())]
    ).added

    win = ComposeWindow.reply(original_id)
    qtbot.addWidget(win)
    win.show()
    text = win.editor.toPlainText()
    assert ("Jana Nováková" in text) is in_replies
    if in_replies:  # above the quote
        assert text.index("Jana Nováková") < text.index("Dobrý den, poptáváme.")
    win.editor.moveCursor(QTextCursor.MoveOperation.Start)
    win.editor.textCursor().insertText("Děkujeme, posíláme nabídku.")
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        qtbot.mouseClick(win.send_button, Qt.MouseButton.LeftButton)
    assert blocker.args[1] == "sent", blocker.args
    [got] = smtp_server.messages
    msg = message_from_bytes(got.raw, policy=policy.default)
    assert msg["In-Reply-To"] == "<poptavka@zakaznik.cz>"
    plain, _html, pictures = check_related(msg)
    sizes = sorted(Image.open(io.BytesIO(p.get_content())).size for p in pictures)
    assert sizes == ([(40, 20), (200, 100)] if in_replies else [(40, 20)])
    assert (bytes(image.data) in [p.get_content() for p in pictures]) is in_replies
    assert ("Jana Nováková" in plain) is in_replies
    assert "> Dobrý den, poptáváme." in plain

    [reply_id] = store_raw([got.raw])
    show(qtbot, reader, reply_id)
    served = [u for u in reader.scheme_handler.served if u.startswith("holub-cid:")]
    assert len(served) == len(pictures)
    assert reader.interceptor.blocked == []


def test_pasted_picture_survives_the_draft_and_from_swap(qtbot, mailbox, smtp_server, tmp_path):
    from PySide6.QtCore import QMimeData

    image = edit_signature(qtbot, mailbox, tmp_path)
    other = Mailbox.create(
        name="Osobní", email="jana@osobni.cz", import_from=dt.date.today(), smtp_host="x"
    )
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    assert "Jana Nováková" in win.editor.toPlainText()
    win.to_edit.setText("petr@zakaznik.cz")
    win.editor.moveCursor(QTextCursor.MoveOperation.Start)
    pasted = QImage(48, 24, QImage.Format.Format_RGB32)
    pasted.fill(QColor("orange"))
    data = QMimeData()
    data.setImageData(pasted)
    win.editor.insertFromMimeData(data)  # what Ctrl+V does with a picture
    # From another mailbox and back: the untouched signature (with its logo) follows.
    win.from_combo.setCurrentIndex(win.from_combo.findData(other.id))
    assert "Jana Nováková" not in win.editor.toPlainText()
    win.from_combo.setCurrentIndex(win.from_combo.findData(mailbox.id))
    assert win.editor.toPlainText().count("Jana Nováková") == 1
    draft_id = win.save_draft()
    win.close()

    again = ComposeWindow.open_draft(draft_id)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        again.send()
    assert blocker.args[1] == "sent", blocker.args
    msg = message_from_bytes(smtp_server.messages[0].raw, policy=policy.default)
    _plain, _html, pictures = check_related(msg)
    sizes = sorted(Image.open(io.BytesIO(p.get_content())).size for p in pictures)
    assert sizes == [(48, 24), (200, 100)]
    assert bytes(image.data) in [p.get_content() for p in pictures]
