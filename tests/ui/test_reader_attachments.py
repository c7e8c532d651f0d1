"""The reader's attachment rows: Open decided on the name on disk, names shown as text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel

from desktop.ui.reader import register_schemes
from tests.hostile import store_raw
from tests.ui.test_reader import _load, _mail, opened, reader  # noqa: F401 (fixtures)

register_schemes()


def test_open_decided_on_the_name_written(qtbot, reader, opened):  # noqa: F811 (fixtures)
    pdf = b"%PDF-1.4 tiny"
    raw = _mail(
        "A <a@b.example>",
        "Tricky names",
        attachments=[
            ("a" * 146 + ".exe.pdf", "application/pdf", pdf),
            ("b" * 148 + ".pdf.exe", "application/pdf", b"MZ"),
            ("<b>big</b>.pdf", "application/pdf", pdf),
            ("invoice\u202efdp.exe", "application/pdf", b"MZ"),
            ("notes.desktop", "text/plain", b"[Desktop Entry]"),
            ("photo.jpg", "image/jpeg", b"\xff\xd8"),
        ],
    )
    (msg_id,) = store_raw([raw])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    enabled = [o.isEnabled() for _, _, o in reader.attachment_rows]
    assert enabled == [True, False, True, False, False, True]

    reader.attachment_rows[0][2].click()  # Open the long .exe.pdf one
    path = Path(QUrl(opened[0]).toLocalFile())
    assert path.suffix == ".pdf" and ".exe" not in path.name and path.read_bytes() == pdf
    reader.open_attachment(reader.attachment_rows[1][0])  # even if called: not launched
    assert len(opened) == 1

    texts = {
        label.text(): label.textFormat() for label in reader.attachments_box.findChildren(QLabel)
    }
    assert len(texts) == 6
    assert any(t.startswith("<b>big</b>.pdf") for t in texts)
    assert any(t.startswith("invoicefdp.exe") for t in texts)
    assert not any("\u202e" in t for t in texts)
    assert set(texts.values()) == {Qt.TextFormat.PlainText}
    tips = [label.toolTip() for label in reader.attachments_box.findChildren(QLabel)]
    assert "<p>application/pdf</p>" in tips  # the type, escaped into a plain-text tooltip
