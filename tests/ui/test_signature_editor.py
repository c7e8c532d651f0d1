"""pytest-qt: the signature editor (formatting, links, pictures, preview)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QApplication

from desktop.models.mail import Mailbox
from desktop.ui.signature import SignatureEditor
from desktop.ui.signature.link_dialog import LinkDialog, normalise_href


@pytest.fixture
def editor(qtbot, profile) -> SignatureEditor:
    Mailbox.create(name="Práce", email="jana@firma.cz", import_from=dt.date.today())
    widget = SignatureEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def logo_file(tmp_path, size=(1200, 400), colour="navy") -> str:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path = tmp_path / f"logo-{size[0]}.png"
    assert image.save(str(path))
    return str(path)


def select_all(editor: SignatureEditor) -> None:
    editor.edit.selectAll()


def test_formatting_tools(editor):
    editor.edit.setPlainText("Jana Nováková")
    select_all(editor)
    editor.bold_action.trigger()
    editor.italic_action.trigger()
    editor.underline_action.trigger()
    editor.set_font_family("DejaVu Serif")
    editor.set_font_size("14")
    editor.set_colour(QColor("#aa0000"))
    html = editor.signature_html()
    for piece in ("font-weight:700", "font-style:italic", "text-decoration: underline",
                  "DejaVu Serif", "font-size:14pt", "color:#aa0000"):  # fmt: skip
        assert piece in html, piece
    assert editor.bold_action.isChecked() and editor.italic_action.isChecked()
    editor.set_alignment(Qt.AlignmentFlag.AlignHCenter)
    assert 'align="center"' in editor.signature_html()
    assert editor.align_actions[Qt.AlignmentFlag.AlignHCenter].isChecked()
    editor.set_list(QTextListFormat.Style.ListDisc)
    assert "<ul" in editor.signature_html()
    editor.set_list(QTextListFormat.Style.ListDecimal)
    assert "<ol" in editor.signature_html()
    editor.set_list(QTextListFormat.Style.ListDecimal)  # again: the list ends
    assert "<ol" not in editor.signature_html() and "<ul" not in editor.signature_html()
    # Undo and redo through the toolbar.
    assert editor.undo_action.isEnabled()
    editor.undo_action.trigger()
    assert "<ol" in editor.signature_html()
    editor.redo_action.trigger()
    assert "<ol" not in editor.signature_html()


def test_link_dialog_inserts_edits_and_removes(qtbot, editor):
    assert normalise_href("firma") is None and normalise_href("javascript:x") is None
    assert normalise_href("www.firma.cz") == "https://www.firma.cz"
    assert normalise_href("jana@firma.cz") == "mailto:jana@firma.cz"
    editor.edit.setPlainText("Web: ")
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.ask_link()
    dialog = editor.findChild(LinkDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.remove_button.isVisible()
    dialog.text_edit.setText("Firma s.r.o.")
    dialog.href_edit.setText("nonsense")
    assert not dialog.choose() and "web address" in dialog.error.text()
    dialog.href_edit.setText("https://firma.cz")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert 'href="https://firma.cz"' in editor.signature_html()
    assert editor.edit.toPlainText() == "Web: Firma s.r.o."
    # Back inside the link: the dialog shows it, editing replaces it.
    cursor = editor.edit.textCursor()
    cursor.setPosition(8)
    editor.edit.setTextCursor(cursor)
    editor.ask_link()
    dialog = next(d for d in editor.findChildren(LinkDialog) if d.isVisible())
    assert (
        dialog.text_edit.text() == "Firma s.r.o." and dialog.href_edit.text() == "https://firma.cz"
    )
    assert dialog.remove_button.isVisible()
    dialog.text_edit.setText("Firma")
    dialog.href_edit.setText("https://firma.cz/kontakt")
    assert dialog.choose()
    assert editor.edit.toPlainText() == "Web: Firma"
    assert 'href="https://firma.cz/kontakt"' in editor.signature_html()
    cursor.setPosition(7)
    editor.edit.setTextCursor(cursor)
    editor.ask_link()
    dialog = next(d for d in editor.findChildren(LinkDialog) if d.isVisible())
    dialog.remove_button.click()
    assert "href" not in editor.signature_html() and editor.edit.toPlainText() == "Web: Firma"


def _picture(editor: SignatureEditor):
    cursor = editor.edit.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    editor.edit.setTextCursor(cursor)
    return editor.edit.picture_size()


def test_picture_from_file_resized_by_keyboard_and_drag(qtbot, editor, tmp_path):
    assert not editor.insert_image(str(tmp_path / "missing.png"))
    assert "Cannot read" in editor.status.text()
    assert editor.insert_image(logo_file(tmp_path))
    assert _picture(editor) == (300, 100)  # inserted at most 300 px wide
    assert "300 × 100" in editor.status.text() and editor.larger_action.isEnabled()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Plus)
    assert editor.edit.picture_size() == (330, 110)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Minus)
    assert editor.edit.picture_size() == (300, 100)
    editor.smaller_action.trigger()
    assert editor.edit.picture_size() == (273, 91)
    editor.edit.set_picture_width(300)

    # Drag the right edge 60 px to the right: 360 × 120, one undo step.
    rect = editor.edit._picture_rect(0)
    start = QPoint(rect.right(), rect.center().y())
    viewport = editor.edit.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for dx in (20, 40, 60):
        qtbot.mouseMove(viewport, start + QPoint(dx, 0))
        # pytest-qt's mouseMove sends no button state: send the move Qt sends mid-drag.
        event = QMouseEvent(
            QMouseEvent.Type.MouseMove, QPointF(start + QPoint(dx, 0)),
            QPointF(viewport.mapToGlobal(start + QPoint(dx, 0))),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(viewport, event)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert _picture(editor) == (360, 120)
    editor.edit.undo()
    assert _picture(editor) == (300, 100)

    # Aligned like a paragraph; the HTML asks for the chosen size.
    _picture(editor)
    editor.set_alignment(Qt.AlignmentFlag.AlignRight)
    html = editor.signature_html()
    assert 'align="right"' in html and 'width="300" height="100"' in html
    assert 'src="data:image/png;base64,' in html  # until the store takes it


def test_picture_from_the_clipboard(qtbot, editor):
    image = QImage(64, 32, QImage.Format.Format_ARGB32)
    image.fill(QColor("orange"))
    QGuiApplication.clipboard().setImage(image)
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.edit.toPlainText() == "\ufffc"
    assert editor.paste_image()
    assert editor.signature_html().count("<img") == 2
    QGuiApplication.clipboard().clear()
    assert not editor.paste_image() and "clipboard" in editor.status.text()


def test_preview_as_sent_light_dark_and_plain(qtbot, editor, tmp_path):
    editor.edit.setHtml('<p><b>Jana Nováková</b><br><a href="https://firma.cz">Firma</a></p>')
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.insert_image(logo_file(tmp_path, (100, 50)))
    qtbot.waitUntil(lambda: "Jana" in editor.preview.plain.toPlainText(), timeout=3000)
    # Links keep the reader's colour (Qt's fixed blue is unreadable on dark backgrounds).
    assert "#0000ff" not in editor.signature_html().lower()
    plain = editor.preview.plain.toPlainText()
    assert plain.startswith("-- \nJana Nováková\nFirma <https://firma.cz>")
    for browser in (editor.preview.light, editor.preview.dark):
        assert "Jana Nováková" in browser.toPlainText()
        assert "\ufffc" in browser.toPlainText()  # the logo is drawn
    light = editor.preview.light.palette().base().color().lightness()
    dark = editor.preview.dark.palette().base().color().lightness()
    assert light > 200 and dark < 60
