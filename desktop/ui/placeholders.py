"""Stand-ins used until the reader, compose and CRM widgets are available.

Each real widget lives in its own package (desktop/ui/reader, compose, crm);
the main window falls back to these when the import fails, so the window
always opens.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from desktop.models.mail import Message, MessageBody
from desktop.sync import mime
from desktop.sync.store import raw_source
from desktop.ui import dates


class PlainReader(QTextBrowser):
    """Headers and the plain-text body; never loads anything (no HTML rendering)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.message_id: int | None = None

    def clear_message(self) -> None:
        self.message_id = None
        self.clear()

    def show_message(self, message_id: int) -> None:
        self.message_id = message_id
        msg = Message.get_or_none(Message.id == message_id)
        if msg is None:
            self.clear()
            return
        body = MessageBody.get_or_none(MessageBody.message == message_id)
        text = body.text if body is not None else ""
        if not text and body is not None and body.html:
            text = mime.html_to_text(body.html)
        notice = ""
        if msg.parse_error:
            notice = (
                "<p><b>"
                + html.escape(self.tr("This message could not be read fully; its source is shown."))
                + "</b></p>"
            )
            text = raw_source(msg).decode("utf-8", "replace")
        to = ", ".join(f"{n} <{a}>" if n else a for n, a in msg.to)
        rows = [
            (
                self.tr("From"),
                f"{msg.from_name} <{msg.from_addr}>" if msg.from_name else msg.from_addr,
            ),
            (self.tr("To"), to),
            (self.tr("Date"), dates.date_time(msg.date)),
        ]
        head = "".join(
            f"<tr><td><b>{html.escape(k)}:</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        self.setHtml(
            f"<h3>{html.escape(msg.subject)}</h3><table>{head}</table>{notice}<hr>"
            f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"
        )


class Pending(QLabel):
    """A page that says which part is not available in this build."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(what, parent)
        self.setWordWrap(True)
        self.setMargin(24)
