"""A rich text edit that shows Holub's pictures and lets the user size them.

Used by the signature editor and the compose window. Pictures are named, never loaded
from disk or the network: ``holub-sig:<digest>`` (a stored signature picture),
``holub-part:<message id>/<content id>`` (an inline picture of a stored message,
quoted in a reply) and ``data:image/…`` (a picture just inserted or pasted; the store
keeps it as ``holub-sig:`` once the signature is saved, sending makes it an inline part).

A picture is resized with the keyboard (select it, then ``+``/``-``, or Ctrl+Shift+.
/ Ctrl+Shift+, anywhere next to it) or by dragging its right or bottom edge; the aspect
ratio is kept and one drag is one undo step.
"""

from __future__ import annotations

import base64
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QPoint,
    QRect,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QMouseEvent, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.errors import HolubError

# Pictures are inserted at most this wide (the user can size them afterwards).
INSERT_MAX_WIDTH = 300
MIN_SIDE = 8
MAX_WIDTH = 800
# A picture file larger than this is refused when inserted.
MAX_FILE_BYTES = 25 * 1024 * 1024
_EDGE = 8  # pixels around a picture's right/bottom edge that start a resize


def picture_bytes(name: str) -> bytes | None:
    """The bytes of a picture the editors may show, else None (nothing is fetched)."""
    from desktop.services import signature_images

    try:
        if name.startswith("data:"):
            return signature_images.decode_data_url(name)
        digest = signature_images.ref_digest(name)
        if digest is not None:
            row = signature_images.find_image(digest)
            return bytes(row.data) if row is not None else None
        if name.startswith("holub-part:"):
            from desktop.sync.compose import resolve_picture

            found = resolve_picture(name)
            return found[1] if found else None
    except HolubError:
        return None
    return None


def picture_image(name: str) -> QImage | None:
    data = picture_bytes(name)
    if not data:
        return None
    image = QImage()
    return image if image.loadFromData(QByteArray(data)) else None


def image_data_url(image: QImage) -> str:
    """A picture as a PNG data: URL (what the editor holds until the store takes it)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(buffer.data())).decode("ascii")


def file_data_url(path: str) -> tuple[str, QImage]:
    """A picture file as a data: URL of its own bytes (JPEG stays JPEG) and its image."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise HolubError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > MAX_FILE_BYTES:
        raise HolubError(f"The picture is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    image = QImage()
    if not image.loadFromData(QByteArray(data)):
        raise HolubError(f"{path} is not a picture Holub can read (use PNG, JPEG or GIF).")
    kind = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif"}
    ctype = next((v for k, v in kind.items() if data.startswith(k)), None)
    if ctype is None:  # another format Qt reads (BMP, WebP…): sent as PNG
        return image_data_url(image), image
    return f"data:image/{ctype};base64," + base64.b64encode(data).decode("ascii"), image


class PictureTextEdit(QTextEdit):
    """QTextEdit with Holub's picture names, pasting of pictures, and picture sizing."""

    #: the picture at the cursor changed: (width, height), or (0, 0) when there is none
    pictureChanged = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewport().setMouseTracking(True)
        # While dragging a picture's edge: its cursor, format, start x and start width.
        self._drag: tuple[QTextCursor, QTextImageFormat, int, int] | None = None
        self._drag_started = False
        self.cursorPositionChanged.connect(self._report_picture)

    # --- resources and pasting -----------------------------------------------------

    def loadResource(self, kind: int, url: QUrl) -> Any:
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            return picture_image(url.toString())
        return None  # never a file or a web address

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.insert_picture(image_data_url(image), image)
                return
        if source.hasUrls() and all(u.isLocalFile() for u in source.urls()):
            for url in source.urls():
                try:
                    name, image = file_data_url(url.toLocalFile())
                except HolubError:
                    continue
                self.insert_picture(name, image)
            return
        super().insertFromMimeData(source)

    def insert_picture(self, name: str, image: QImage, max_width: int = INSERT_MAX_WIDTH) -> None:
        """Insert a picture at the cursor, at most ``max_width`` wide (aspect kept)."""
        width, height = image.width(), image.height()
        if width > max_width:
            width, height = max_width, max(1, round(image.height() * max_width / image.width()))
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        fmt = QTextImageFormat()
        fmt.setName(name)
        fmt.setWidth(width)
        fmt.setHeight(height)
        self.textCursor().insertImage(fmt)
        self._report_picture()

    # --- the picture next to the cursor ----------------------------------------------

    def _picture_at(self, position: int) -> tuple[QTextCursor, QTextImageFormat] | None:
        if position < 0 or position >= self.document().characterCount() - 1:
            return None
        probe = QTextCursor(self.document())
        probe.setPosition(position)
        probe.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        fmt = probe.charFormat()
        if fmt.isImageFormat():
            return probe, fmt.toImageFormat()
        return None

    def current_picture(self) -> tuple[QTextCursor, QTextImageFormat] | None:
        """The selected picture, else the one right after (or before) the cursor."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            return self._picture_at(start) if end - start == 1 else None
        return self._picture_at(cursor.position()) or self._picture_at(cursor.position() - 1)

    def _natural_size(self, fmt: QTextImageFormat) -> tuple[int, int]:
        resource = self.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(fmt.name())
        )
        image = resource if isinstance(resource, QImage) else picture_image(fmt.name())
        if image is None or image.isNull():
            return max(1, round(fmt.width()) or 100), max(1, round(fmt.height()) or 100)
        return image.width(), image.height()

    def _shown_size(self, fmt: QTextImageFormat) -> tuple[int, int]:
        nw, nh = self._natural_size(fmt)
        width = round(fmt.width()) if fmt.width() > 0 else nw
        height = round(fmt.height()) if fmt.height() > 0 else round(width * nh / nw)
        return width, height

    def picture_size(self) -> tuple[int, int] | None:
        found = self.current_picture()
        return self._shown_size(found[1]) if found else None

    def _apply_width(self, cursor: QTextCursor, fmt: QTextImageFormat, width: int) -> None:
        nw, nh = self._natural_size(fmt)
        width = max(MIN_SIDE, min(MAX_WIDTH, width))
        fmt = QTextImageFormat(fmt)
        fmt.setWidth(width)
        fmt.setHeight(max(1, round(width * nh / nw)))
        cursor.setCharFormat(fmt)

    def set_picture_width(self, width: int) -> bool:
        """Size the current picture to ``width`` pixels (height follows)."""
        found = self.current_picture()
        if found is None:
            return False
        self._apply_width(*found, width)
        self._report_picture()
        return True

    def scale_picture(self, factor: float) -> bool:
        """Grow (factor > 1) or shrink the current picture, aspect kept."""
        found = self.current_picture()
        if found is None:
            return False
        width = self._shown_size(found[1])[0]
        step = round(width * factor)
        if step == width:
            step += 1 if factor > 1 else -1
        return self.set_picture_width(step)

    def _report_picture(self) -> None:
        size = self.picture_size()
        self.pictureChanged.emit(*(size or (0, 0)))

    # --- keyboard and mouse --------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        cursor = self.textCursor()
        selected = cursor.hasSelection() and cursor.selectionEnd() - cursor.selectionStart() == 1
        if selected and self.current_picture() and not self.isReadOnly():
            key = event.key()
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.scale_picture(1.1)
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.scale_picture(1 / 1.1)
                return
        super().keyPressEvent(event)

    def _picture_rect(self, position: int) -> QRect:
        """Where the picture at ``position`` is drawn, in viewport coordinates."""
        found = self._picture_at(position)
        assert found is not None
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        left = self.cursorRect(cursor)
        width, height = self._shown_size(found[1])
        return QRect(left.x(), left.bottom() - height + 1, width, height)

    def _picture_under(self, point: QPoint) -> int | None:
        position = self.cursorForPosition(point).position()
        for candidate in (position, position - 1):
            if self._picture_at(candidate) and self._picture_rect(candidate).adjusted(
                0, 0, _EDGE, _EDGE
            ).contains(point):
                return candidate
        return None

    def _on_edge(self, position: int, point: QPoint) -> bool:
        rect = self._picture_rect(position)
        near_right = abs(point.x() - rect.right()) <= _EDGE
        near_bottom = abs(point.y() - rect.bottom()) <= _EDGE
        return near_right or near_bottom

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        position = self._picture_under(point)
        if (
            position is not None
            and event.button() == Qt.MouseButton.LeftButton
            and not self.isReadOnly()
        ):
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            self.setTextCursor(cursor)  # the picture is selected: +/- and alignment act on it
            if self._on_edge(position, point):
                fmt = cursor.charFormat().toImageFormat()
                self._drag = (cursor, fmt, point.x(), self._shown_size(fmt)[0])
                self._drag_started = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._drag is not None:
            cursor, fmt, start_x, start_width = self._drag
            # All moves of one drag join one undo step.
            if self._drag_started:
                cursor.joinPreviousEditBlock()
            else:
                cursor.beginEditBlock()
                self._drag_started = True
            self._apply_width(cursor, fmt, start_width + point.x() - start_x)
            cursor.endEditBlock()
            self._report_picture()
            event.accept()
            return
        position = self._picture_under(point)
        if position is not None and self._on_edge(position, point) and not self.isReadOnly():
            self.viewport().setCursor(Qt.CursorShape.SizeFDiagCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = None
            event.accept()
            return
        super().mouseReleaseEvent(event)
