#!/usr/bin/env python3
"""Screenshots of the signature editor and its preview (Mailbox settings → Signature).

``xvfb-run -a -s "-screen 0 1366x768x24" python scripts/signature_screenshot.py [DIR]``
writes editor.png, preview-dark.png, preview-plain.png and small.png (the dialog at
1366×768's usable height) into DIR (default /tmp/holub-signature-shots).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _logo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (1200, 360), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 360, 360), 60, fill=(11, 61, 145, 255))
    draw.ellipse((90, 90, 270, 270), fill=(255, 200, 0, 255))
    draw.rectangle((420, 120, 1180, 240), fill=(40, 40, 40, 255))  # a black "word mark"
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/holub-signature-shots")
    out.mkdir(parents=True, exist_ok=True)
    language = os.environ.get("HOLUB_SCREENSHOT_LANGUAGE", "en")
    from desktop.ui.application import _prepare_environment

    _prepare_environment()
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from desktop import accounts
    from desktop.models.mail import Mailbox
    from desktop.profile import open_profile
    from desktop.ui import i18n
    from desktop.ui.mailbox_settings import MailboxSettingsDialog

    app = QApplication(sys.argv)
    i18n.install(app, language)
    open_profile(Path(tempfile.mkdtemp(prefix="holub-sig-shot-")) / "profile")
    box = Mailbox.create(
        name="Práce", email="jana@firma.cz", sender_name="Jana", import_from=date.today()
    )
    import base64

    logo = "data:image/png;base64," + base64.b64encode(_logo()).decode()
    accounts.update_mailbox_settings(
        box.id,
        signature_html=(
            '<p><span style="font-weight:700; font-size:12pt;">Jana Nováková</span><br>'
            '<span style="color:#555555;">obchodní ředitelka</span><br>'
            '<a href="https://firma.cz">Firma s.r.o.</a> · '
            '<a href="mailto:jana@firma.cz">jana@firma.cz</a> · +420 777 123 456</p>'
            f'<p align="left"><img src="{logo}" width="200" height="60" alt="Firma"></p>'
        ),
    )

    def shot(widget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / name))
        print(out / name)

    dialog = MailboxSettingsDialog(box.id)
    dialog.move(0, 0)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    editor = dialog.signature_editor
    edit = editor.edit
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(
        QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
    )
    edit.setTextCursor(cursor)  # the logo selected: its size shows in the status line
    edit.setFocus()
    editor.refresh_preview()
    shot(dialog, "editor.png")
    editor.preview.setCurrentIndex(1)
    shot(dialog, "preview-dark.png")
    editor.preview.setCurrentIndex(2)
    shot(dialog, "preview-plain.png")
    editor.preview.setCurrentIndex(0)
    screen = app.primaryScreen().availableGeometry()
    dialog.resize(min(dialog.width(), screen.width()), min(dialog.height(), screen.height() - 40))
    shot(dialog, "small.png")
    dialog.close()

    # A reply to a message with its own inline logo: the signature above the quote.
    from email.message import EmailMessage

    from desktop.models.mail import Folder
    from desktop.sync.store import FetchedMessage, store_batch
    from desktop.ui.compose import ComposeWindow

    original = EmailMessage()
    original["From"] = "Petr Dvořák <petr@zakaznik.cz>"
    original["To"] = "jana@firma.cz"
    original["Subject"] = "Poptávka"
    original["Date"] = "Mon, 30 Nov 2026 09:00:00 +0100"
    original["Message-ID"] = "<poptavka@zakaznik.cz>"
    original.set_content("Dobrý den, poptáváme 20 kusů.")
    original.add_alternative(
        '<p>Dobrý den, poptáváme 20 kusů.</p><p><img src="cid:l@z" width="120"></p>', "html"
    )
    original.get_payload()[1].add_related(_logo(), "image", "png", cid="<l@z>")
    inbox = Folder.create(mailbox=box, remote_name="INBOX", role="inbox")
    [message_id] = store_batch(
        inbox, [FetchedMessage(remote_id="1", uid=1, raw=original.as_bytes())]
    ).added
    win = ComposeWindow.reply(message_id)
    win.move(0, 0)
    win.resize(900, 700)
    win.show()
    win.editor.textCursor().insertText("Dobrý den, posíláme nabídku.")
    shot(win, "reply.png")
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
