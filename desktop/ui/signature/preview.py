"""The signature as recipients see it: HTML on a light and on a dark reader background,
and the plain-text alternative, exactly as ``desktop.sync.compose`` makes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QWidget

from desktop.sync import compose
from desktop.ui.signature.pictures import picture_image

LIGHT = ("#ffffff", "#1a1a1a", "#1a5fb4")
DARK = ("#1e1e1e", "#e6e6e6", "#8cb4ff")


class _Browser(QTextBrowser):
    """A read-only page that shows Holub's pictures and follows no link."""

    def __init__(self, colours: tuple[str, str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        background, text, link = colours
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(background))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        palette.setColor(QPalette.ColorRole.Link, QColor(link))
        self.setPalette(palette)
        self.document().setDefaultStyleSheet(f"a {{ color: {link}; }}")

    def loadResource(self, kind: int, url: QUrl) -> Any:
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            return picture_image(url.toString())
        return None


def sent_block(fragment: str) -> str:
    """The signature block as messages carry it (the "-- " separator line first)."""
    return f'<div><p style="margin:0">-- </p>{fragment}</div>' if fragment else ""


class SignaturePreview(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePreview")
        self.light = _Browser(LIGHT, self)
        self.dark = _Browser(DARK, self)
        self.plain = QPlainTextEdit(self)
        self.plain.setReadOnly(True)
        self.addTab(self.light, self.tr("As sent – light"))
        self.addTab(self.dark, self.tr("As sent – dark"))
        self.addTab(self.plain, self.tr("Plain text"))
        self.setToolTip(
            self.tr("What recipients see: in a light and a dark mail reader, and as plain text")
        )

    def show_signature(self, fragment: str) -> None:
        block = sent_block(fragment)
        empty = self.tr("(no signature)")
        for browser in (self.light, self.dark):
            browser.setHtml(block or f"<i>{empty}</i>")
        self.plain.setPlainText(compose.html_to_plain(block) if block else empty)
