"""ReaderView: one stored message, shown safely.

Reads the message through desktop.render.message.load_message (a fixed number
of queries), renders it with desktop.render.document.render_document (the
same document `holub show --html` prints) and loads it from Holub's own
scheme into a hardened web page (see web.py). The headers are native labels
above the page, outside the mail's document: nothing in the mail (CSS above all)
can hide, cover or fake them. Remote content stays blocked
until the user allows it for this message or for the sender; attachments are
listed with Save and Open and never opened by themselves.
"""

from __future__ import annotations

import atexit
import logging
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.crm.rules import failures_for_messages
from desktop.render import attachments as attachments_names
from desktop.render.document import RenderedDocument, header_rows, render_document
from desktop.render.message import (
    AttachmentRow,
    ReaderMessage,
    allow_remote_for_sender,
    attachment_bytes,
    load_message,
    sender_allows_remote,
)
from desktop.ui import dates
from desktop.ui.background import run_in_background
from desktop.ui.reader.flow import FlowLayout
from desktop.ui.reader.web import ReaderPage, document_url, make_profile

log = logging.getLogger(__name__)

_live_views: weakref.WeakSet[ReaderView] = weakref.WeakSet()


@atexit.register
def _release_live_views() -> None:
    for view in list(_live_views):
        if shiboken6.isValid(view):
            view.release()


def safe_filename(name: str) -> str:
    """An attachment's name as written to disk (desktop/render/attachments.py)."""
    return attachments_names.final_name(name)


def is_risky(filename: str) -> bool:
    """Save only: Open is decided on the name written to disk, from an allow-list."""
    return not attachments_names.can_open(safe_filename(filename))


def listed_attachments(message: ReaderMessage) -> list[AttachmentRow]:
    """Attachments to list: all but the inline parts the HTML body actually shows."""
    return [
        a
        for a in message.attachments
        if not (a.inline and a.content_id and a.content_id in message.html)
    ]


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


class ReaderView(QWidget):
    """Shows one message: headers and body in a web view, remote bar, attachments."""

    linkHovered = Signal(str)  # the real target under the mouse ("" when none)
    documentLoaded = Signal(bool)  # the page finished loading (ok)
    remoteContentBlocked = Signal(int)  # number of remote URLs held back

    def __init__(
        self, parent: QWidget | None = None, *, open_url: Callable[[QUrl], object] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self._open_url = open_url
        self.message: ReaderMessage | None = None
        self.document: RenderedDocument | None = None
        self.plain_text = False
        self._remote_ok_for: set[int] = set()  # message ids consented this session
        self._serial = 0  # documents loaded (part of their URL)
        self._render_serial = 0  # render requests: a worker result for an older one is stale
        self._pending: int | None = None
        self._temp_dir: tempfile.TemporaryDirectory | None = None
        self._fetching: set[int] = set()  # header-only messages whose body is on its way

        # Destruction order matters to WebEngine: Qt deletes children in the order they
        # were parented, so the page comes first (while the view and the labels its
        # signals touch still exist), then the view, and the profile last.
        self.web_profile, self.interceptor, self.scheme_handler = make_profile(None)
        self._page: ReaderPage | None = ReaderPage(self.web_profile, self, open_url=self._open)
        self.view = QWebEngineView(self)
        self.view.setPage(self._page)
        self.web_profile.setParent(self)
        app = QCoreApplication.instance()
        if app is not None:
            # A page outliving its profile at exit makes WebEngine complain (or crash).
            app.aboutToQuit.connect(self.release)
        _live_views.add(self)  # and at interpreter exit, for views nobody deleted
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._page.linkHovered.connect(self._on_link_hovered)
        self._page.loadFinished.connect(self.documentLoaded)

        # Top bar: plain-text toggle.
        self.plain_button = QToolButton(self)
        self.plain_button.setText(self.tr("Plain text"))
        self.plain_button.setToolTip(self.tr("Show the message as plain text"))
        self.plain_button.setCheckable(True)
        self.plain_button.toggled.connect(self.set_plain_text)
        self.plain_button.hide()  # shown with a message

        # The remote content bar.
        self.remote_bar = QFrame(self)
        self.remote_bar.setObjectName("remoteContentBar")
        self.remote_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.remote_bar.setStyleSheet("#remoteContentBar { background: #fff4ce; }")
        self.remote_label = QLabel(self.tr("Remote content blocked"), self.remote_bar)
        self.load_remote_button = QPushButton(self.tr("Load remote content"), self.remote_bar)
        self.always_button = QPushButton(self.tr("Always for this sender"), self.remote_bar)
        self.load_remote_button.clicked.connect(self.load_remote_content)
        self.always_button.clicked.connect(self.always_load_for_sender)
        # Label and buttons wrap onto a second line when the reader is narrow (Czech
        # needs some 530 px for them on one line; the reader starts near 540).
        bar = FlowLayout(self.remote_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.remote_label)
        bar.addWidget(self.load_remote_button)
        bar.addWidget(self.always_button)
        self.remote_bar.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.remote_bar, 1)
        top.addStretch(0)
        top.addWidget(self.plain_button, 0, Qt.AlignmentFlag.AlignTop)

        # Attachments.
        self.attachments_box = QWidget(self)
        self.attachments_layout = QVBoxLayout(self.attachments_box)
        self.attachments_layout.setContentsMargins(6, 2, 6, 2)
        self.attachments_box.hide()
        self.attachment_rows: list[tuple[AttachmentRow, QPushButton, QPushButton]] = []

        # The real headers: native labels, plain text, outside the mail's document.
        self.headers_box = QFrame(self)
        self.headers_box.setObjectName("readerHeaders")
        self.headers_layout = QGridLayout(self.headers_box)
        self.headers_layout.setContentsMargins(8, 4, 8, 4)
        self.headers_layout.setHorizontalSpacing(8)
        self.headers_layout.setVerticalSpacing(1)
        self.headers_layout.setColumnStretch(1, 1)
        self.header_labels: list[tuple[QLabel, QLabel]] = []
        self.headers_box.hide()

        # Headers first: a message whose body has not arrived yet (fetched on demand).
        self.loading_label = QLabel(self)
        self.loading_label.setObjectName("readerLoading")
        self.loading_label.setWordWrap(True)
        self.loading_label.setContentsMargins(8, 6, 8, 6)
        self.loading_label.hide()

        # A rule action that failed on this message (R15): one line, with the reason.
        self.rule_notice = QLabel(self)
        self.rule_notice.setObjectName("readerRuleNotice")
        self.rule_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.rule_notice.setStyleSheet("color: #b00020; padding: 0 8px")
        self.rule_notice.hide()

        # Where a hovered link really goes.
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("readerLinkTarget")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.headers_box)
        layout.addWidget(self.rule_notice)
        layout.addLayout(top)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.attachments_box)
        layout.addWidget(self.hover_label)

    # --- public ---------------------------------------------------------------------
    def page(self) -> ReaderPage:
        assert self._page is not None, "the reader was released"
        return self._page

    def show_message(self, message_id: int | None) -> None:
        """Show the stored message ``message_id`` (None clears the reader)."""
        self.message = load_message(message_id) if message_id is not None else None
        # Nothing to switch to plain text in an empty reader.
        self.plain_button.setVisible(self.message is not None)
        self._rebuild_headers()
        self._rebuild_attachments()
        self._update_rule_notice()
        self.render()

    def clear(self) -> None:
        self.show_message(None)

    def clear_message(self) -> None:  # the main window's name for it
        self.clear()

    def refresh(self) -> None:
        """Re-read the message after a store change; re-render only if its content changed.

        Read/star changes arrive here too (the main window marks a message read as it
        opens it): those must not reload the page.
        """
        if self.message is None:
            return
        fresh = load_message(self.message.id)
        self._update_rule_notice()
        if fresh != self.message:
            self.message = fresh
            self._rebuild_headers()
            self._rebuild_attachments()
            self.render()

    @Slot(bool)
    def set_plain_text(self, plain: bool) -> None:
        self.plain_text = plain
        if self.plain_button.isChecked() != plain:
            self.plain_button.setChecked(plain)  # re-enters once, harmlessly
            return
        self.render()

    @Slot()
    def load_remote_content(self) -> None:
        """The user's consent for the message on display."""
        if self.message is not None:
            self._remote_ok_for.add(self.message.id)
            self.render()

    @Slot()
    def always_load_for_sender(self) -> None:
        if self.message is not None and self.message.from_addr:
            allow_remote_for_sender(self.message.from_addr)
        self.load_remote_content()

    def remote_allowed(self) -> bool:
        msg = self.message
        if msg is None:
            return False
        return msg.id in self._remote_ok_for or sender_allows_remote(msg.from_addr)

    @property
    def rendering(self) -> bool:
        """A document is being built in the background (the page still shows the last)."""
        return self._pending is not None

    def render(self) -> None:
        """Build the document in a worker (sanitising a big mail takes time) and load it.

        The GUI thread only reads the store and loads the finished page; a result that
        arrives after the user moved on (another message, mode or consent) is dropped.
        """
        if self._page is None:
            return  # released: the application is quitting
        msg = self.message
        self.interceptor.remote_allowed = False
        self.interceptor.blocked.clear()
        self.interceptor.passed.clear()
        self.hover_label.clear()
        self._render_serial += 1
        self.document = None
        self.loading_label.setVisible(msg is not None and msg.loading)
        if msg is None or msg.loading:
            self._pending = None
            self.remote_bar.hide()
            self._page.load(QUrl("about:blank"))
            if msg is not None:
                self.loading_label.setText(self.tr("Loading the message from the server…"))
                self._fetch_body(msg.id)
            return
        allow = self.remote_allowed()
        mode = "text" if self.plain_text else "html"
        notices = self._notices()
        serial = self._pending = self._render_serial

        def build() -> RenderedDocument:
            return render_document(
                msg, mode=mode, allow_remote=allow, notices=notices, headers=False
            )

        run_in_background(
            build,
            lambda doc: self._show_document(serial, msg, allow, doc),
            lambda error: self._render_failed(serial, error),
            owner=self,
        )

    def _fetch_body(self, message_id: int) -> None:
        """The body of a header-only message, now, in a background job (never the GUI
        thread); the store publishes the filled row, and the reader re-reads it."""
        if message_id in self._fetching:
            return
        self._fetching.add(message_id)

        def fetch() -> object:
            # Imported here, in the job: the sync engine (imapclient, providers) is not
            # needed to show the window (cold start).
            from desktop.sync import engine

            return engine.fetch_body_now(message_id)

        run_in_background(
            fetch,
            lambda _changes: self._body_arrived(message_id),
            lambda error: self._body_failed(message_id, error),
            owner=self,
        )

    def _body_arrived(self, message_id: int) -> None:
        self._fetching.discard(message_id)
        if self.message is not None and self.message.id == message_id:
            self.refresh()

    def _body_failed(self, message_id: int, error: str) -> None:
        self._fetching.discard(message_id)
        if self.message is not None and self.message.id == message_id:
            self.loading_label.setText(
                self.tr("The message could not be fetched from the server: {error}").format(
                    error=error
                )
            )

    def _show_document(
        self, serial: int, msg: ReaderMessage, allow: bool, document: RenderedDocument
    ) -> None:
        if serial != self._render_serial or self._page is None:
            return  # stale: the user moved on while it was being built
        self._pending = None
        self.document = document
        blocked = bool(document.remote_urls) and not allow
        self.remote_bar.setVisible(blocked)
        if blocked:
            self.remote_label.setText(
                self.tr("Remote content blocked: %n item(s)", "", len(document.remote_urls))
            )
            self.remoteContentBlocked.emit(len(document.remote_urls))
        self.always_button.setEnabled(bool(msg.from_addr))
        # Only now may the network be used, and only for this consented message.
        self.interceptor.remote_allowed = allow and document.mode == "html"
        self._serial += 1
        url = document_url(msg.id, document.mode, allow, self._serial)
        self.scheme_handler.set_document(url, document.html, msg.id)
        self._page.load(url)

    def _render_failed(self, serial: int, error: str) -> None:
        if serial != self._render_serial:
            return
        self._pending = None
        log.error("could not render message: %s", error)
        if self._page is not None:
            self._page.load(QUrl("about:blank"))

    def save_attachment(self, attachment: AttachmentRow, path: str | Path) -> Path:
        assert self.message is not None
        path = Path(path)
        path.write_bytes(attachment_bytes(self.message, attachment))
        return path

    def open_attachment(self, attachment: AttachmentRow) -> Path:
        """Write the attachment to a private temp file and hand it to the desktop."""
        if self._temp_dir is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="holub-open-")
        folder = Path(self._temp_dir.name) / str(attachment.id)
        folder.mkdir(exist_ok=True)
        path = self.save_attachment(attachment, folder / safe_filename(attachment.filename))
        if not attachments_names.can_open(path.name):  # decided on the name on disk
            return path
        self._open(QUrl.fromLocalFile(str(path)))
        return path

    @Slot()
    def release(self) -> None:
        """Delete the page now, before its profile (on quit, or when dropping the view)."""
        page = self._page
        if page is not None and shiboken6.isValid(page):
            self._page = None
            shiboken6.delete(page)

    # --- internals ------------------------------------------------------------------
    def _open(self, url: QUrl) -> None:
        (self._open_url or QDesktopServices.openUrl)(url)

    def _labels(self) -> dict[str, str]:
        return {
            "from": self.tr("From"),
            "to": self.tr("To"),
            "cc": self.tr("Cc"),
            "date": self.tr("Date"),
            "subject": self.tr("Subject"),
        }

    def _notices(self) -> dict[str, str]:
        return {
            "unreadable": self.tr("This message could not be read; its raw source is shown."),
            "partly": self.tr("Parts of this message could not be read."),
            "nothing": self.tr("This message has no content stored."),
        }

    def _update_rule_notice(self) -> None:
        """One line when a rule's action failed on the message (an indexed look-up)."""
        failures = failures_for_messages([self.message.id]) if self.message else {}
        reasons = failures.get(self.message.id, []) if self.message else []
        if not reasons:
            self.rule_notice.hide()
            return
        text = self.tr("A rule failed on this message: %1").replace("%1", reasons[0])
        if len(reasons) > 1:
            text += self.tr(" (and %n more)", "", len(reasons) - 1)
        self.rule_notice.setText(text)
        self.rule_notice.setToolTip("\n".join(reasons))
        self.rule_notice.show()

    @Slot(str)
    def _on_link_hovered(self, url: str) -> None:
        if not shiboken6.isValid(self.hover_label) or not shiboken6.isValid(self.view):
            return  # the page says goodbye while the reader is being torn down
        self.hover_label.setText(url)
        self.view.setToolTip(url)
        self.setStatusTip(url)
        self.linkHovered.emit(url)

    def _rebuild_headers(self) -> None:
        while self.headers_layout.count():
            item = self.headers_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.header_labels = []
        if self.message is None:
            self.headers_box.hide()
            return
        # The date in the window's one format (the locale's, local time).
        rows = header_rows(self.message, self._labels(), dates.date_time)
        for row, (name, value) in enumerate(rows):
            key = QLabel(self.headers_box)
            key.setTextFormat(Qt.TextFormat.PlainText)
            key.setText(name)
            key.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            key.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            text = QLabel(self.headers_box)
            # Plain text: a subject like "<b>Paid</b>" shows as what it is.
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setText(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if row == len(rows) - 1:  # the subject
                font = text.font()
                font.setBold(True)
                text.setFont(font)
            self.headers_layout.addWidget(key, row, 0)
            self.headers_layout.addWidget(text, row, 1)
            self.header_labels.append((key, text))
        self.headers_box.show()

    def _rebuild_attachments(self) -> None:
        while self.attachments_layout.count():
            item = self.attachments_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.attachment_rows = []
        files = listed_attachments(self.message) if self.message else []
        for att in files:
            row = QWidget(self.attachments_box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            name = attachments_names.display_name(att.filename) or self.tr("(unnamed)")
            label = QLabel(f"{name} ({_size(att.size)})", row)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            label.setToolTip(QtGui.Qt.convertFromPlainText(att.content_type))  # text, too
            save = QPushButton(self.tr("Save…"), row)
            open_ = QPushButton(self.tr("Open"), row)
            save.clicked.connect(lambda _=False, a=att: self._ask_save(a))
            open_.clicked.connect(lambda _=False, a=att: self.open_attachment(a))
            if is_risky(att.filename):
                # Only documents, media and archives are opened from a mail with one click.
                open_.setEnabled(False)
                open_.setToolTip(
                    self.tr(
                        "Holub opens only documents, pictures, audio, video and archives: "
                        "save this file and open it yourself if you trust it."
                    )
                )
            line.addWidget(label, 1)
            line.addWidget(save)
            line.addWidget(open_)
            self.attachments_layout.addWidget(row)
            self.attachment_rows.append((att, save, open_))
        self.attachments_box.setVisible(bool(files))

    def _ask_save(self, attachment: AttachmentRow) -> None:
        dialog = QFileDialog(self, self.tr("Save attachment"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.selectFile(safe_filename(attachment.filename))
        dialog.fileSelected.connect(lambda path: self.save_attachment(attachment, path))
        dialog.open()  # non-blocking
