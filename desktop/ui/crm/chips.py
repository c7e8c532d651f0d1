"""Filing chips: a message's companies/projects/tasks as small labels.

``FilingChips`` is a widget for the reader (each chip has a × that removes the filing);
``filing_labels`` + ``paint_chips`` serve the message list's delegate, which must not
query per row: it asks ``filing_labels`` once for the rows it is about to paint.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.crm import service
from desktop.errors import HolubError

KIND_COLOURS = {"company": "#2e7d32", "project": "#1565c0", "task": "#6a1b9a"}


def kind_label(kind: str) -> str:
    return {
        "company": QCoreApplication.translate("crm", "Company"),
        "project": QCoreApplication.translate("crm", "Project"),
        "task": QCoreApplication.translate("crm", "Task"),
    }.get(kind, kind)


def filing_labels(message_ids: Sequence[int]) -> dict[int, list[tuple[str, int, str]]]:
    """(kind, id, name) per message, in one query batch."""
    return service.filings_for_messages(message_ids)


def paint_chips(
    painter: QPainter, rect: QRect, chips: Sequence[tuple[str, int, str]], max_width: int = 0
) -> int:
    """Paint chips left to right inside ``rect``; returns the width used."""
    metrics = QFontMetrics(painter.font())
    x = rect.left()
    limit = rect.left() + (max_width or rect.width())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for kind, _oid, name in chips:
        text = name if len(name) <= 24 else name[:23] + "…"
        width = metrics.horizontalAdvance(text) + 10
        if x + width > limit:
            # The chip that does not fit is shortened, if a few letters still fit.
            room = limit - x
            if room < metrics.horizontalAdvance("Abc…") + 10:
                break
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room - 10)
            width = room
        box = QRectF(x, rect.top() + 1, width, rect.height() - 2)
        colour = QColor(KIND_COLOURS.get(kind, "#555"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour.lighter(185))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(colour.darker(130))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        x += width + 4
    painter.restore()
    return x - rect.left()


class FilingChips(QWidget):
    """The filings of one message, each removable; ``changed`` after a removal."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message_id: int | None = None
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

    def set_message(self, message_id: int | None) -> None:
        self._message_id = message_id
        self.refresh()

    def chips(self) -> list[QToolButton]:
        return self.findChildren(QToolButton, "chip")

    def refresh(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None and widget is not self.error:
                widget.deleteLater()
        if self._message_id is None:
            return
        for kind, oid, name in service.filings_for_messages([self._message_id]).get(
            self._message_id, []
        ):
            chip = QToolButton(self)
            chip.setObjectName("chip")
            chip.setText(f"{name} ×")
            chip.setToolTip(
                self.tr("%1 #%2 — click to remove this filing")
                .replace("%1", kind_label(kind))
                .replace("%2", str(oid))
            )
            colour = KIND_COLOURS.get(kind, "#555")
            chip.setStyleSheet(
                f"QToolButton {{ border: 1px solid {colour}; border-radius: 4px;"
                f" color: {colour}; padding: 0 4px; }}"
            )
            chip.setProperty("filing", (kind, oid))
            chip.clicked.connect(lambda _=False, k=kind, o=oid: self._remove(k, o))
            self._layout.addWidget(chip)
        self._layout.addWidget(self.error)
        self._layout.addStretch(1)

    def _remove(self, kind: str, object_id: int) -> None:
        if self._message_id is None:
            return
        try:
            changes = service.unfile_message(self._message_id, kind, object_id)
        except HolubError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.refresh()
        self.changed.emit(changes)
