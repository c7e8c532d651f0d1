"""The signature editor (Mailbox settings → Signature).

Formatting (bold, italic, underline, font, size, colour, lists, alignment), a link
dialog, pictures from a file or the clipboard that can be sized (keyboard or drag) and
aligned, undo/redo, and a live preview as sent. The editor hands out an HTML fragment;
``desktop.accounts`` stores its pictures (scaled to the size chosen here) when saved.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFontComboBox,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HolubError
from desktop.ui.signature.link_dialog import LinkDialog
from desktop.ui.signature.pictures import PictureTextEdit, file_data_url, image_data_url
from desktop.ui.signature.preview import SignaturePreview

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
FONT_SIZES = (8, 9, 10, 11, 12, 14, 16, 18, 20, 24, 28, 36)
PREVIEW_DELAY_MS = 250


class SignatureTextEdit(PictureTextEdit):
    """The editing area; ``signature_html`` is what gets stored."""

    def signature_html(self) -> str:
        """The signature as an HTML fragment, "" when there is nothing in it."""
        html = self.toHtml()
        if not self.toPlainText().replace("\ufffc", "").strip() and "<img" not in html:
            return ""
        match = _BODY.search(html)
        fragment = match.group(1) if match else html
        fragment = fragment.replace("<!--StartFragment-->", "").replace("<!--EndFragment-->", "")
        # Qt colours every link with the palette's link blue; sent as is, that fixed dark
        # blue is unreadable in dark mail readers. Links keep the reader's own colour.
        link = re.escape(self.palette().link().color().name())
        fragment = re.sub(
            rf'(<a [^>]*>\s*<span style="[^"]*?)\s*color:{link};', r"\1", fragment, flags=re.I
        )
        return fragment.strip()


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(colour)
    return QIcon(pixmap)


class SignatureEditor(QWidget):
    """Toolbars, the editing area, a status line and the preview."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureEditor")
        self.edit = SignatureTextEdit(self)
        self.edit.setObjectName("signatureEdit")
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)
        self.status = QLabel(self)
        self.status.setObjectName("signatureStatus")
        self.status.setWordWrap(True)
        self.preview = SignaturePreview(self)
        self._dialog: QWidget | None = None
        self._link_range: tuple[int, int] | None = None

        self.format_bar = QToolBar(self.tr("Formatting"), self)
        self.insert_bar = QToolBar(self.tr("Insert"), self)
        for bar in (self.format_bar, self.insert_bar):
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.setFloatable(False)
            bar.setMovable(False)
        self._build_actions()

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.edit)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 200])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.format_bar)
        layout.addWidget(self.insert_bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.currentCharFormatChanged.connect(self._sync_format)
        self.edit.cursorPositionChanged.connect(self._sync_block)
        self.edit.pictureChanged.connect(self._picture_changed)
        self.edit.undoAvailable.connect(self.undo_action.setEnabled)
        self.edit.redoAvailable.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._picture_changed(0, 0)

    # --- building ---------------------------------------------------------------------

    def _action(
        self,
        bar: QToolBar,
        text: str,
        slot,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({shown})" if shown else tip or text)
        (action.toggled if checkable else action.triggered).connect(slot)
        bar.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        fb, ib = self.format_bar, self.insert_bar
        self.undo_action = self._action(
            fb, self.tr("Undo"), self.edit.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            fb, self.tr("Redo"), self.edit.redo, QKeySequence.StandardKey.Redo
        )
        fb.addSeparator()
        self.bold_action = self._action(
            fb, self.tr("B"), self.set_bold, QKeySequence.StandardKey.Bold,
            checkable=True, tip=self.tr("Bold"),
        )  # fmt: skip
        self.italic_action = self._action(
            fb, self.tr("I"), self.set_italic, QKeySequence.StandardKey.Italic,
            checkable=True, tip=self.tr("Italic"),
        )  # fmt: skip
        self.underline_action = self._action(
            fb, self.tr("U"), self.set_underline, QKeySequence.StandardKey.Underline,
            checkable=True, tip=self.tr("Underline"),
        )  # fmt: skip
        for action, style in (
            (self.bold_action, "bold"),
            (self.italic_action, "italic"),
            (self.underline_action, "underline"),
        ):
            font = QFont(self.font())
            font.setBold(style == "bold")
            font.setItalic(style == "italic")
            font.setUnderline(style == "underline")
            action.setFont(font)
        self.font_box = QFontComboBox(self)
        self.font_box.setToolTip(self.tr("Font"))
        self.font_box.setMaximumWidth(170)
        self.font_box.textActivated.connect(self.set_font_family)
        fb.addWidget(self.font_box)
        self.size_box = QComboBox(self)
        self.size_box.setEditable(True)
        self.size_box.setToolTip(self.tr("Font size"))
        for size in FONT_SIZES:
            self.size_box.addItem(str(size))
        self.size_box.setMaximumWidth(60)
        self.size_box.setEditText(f"{self.edit.font().pointSizeF():g}")  # the default size
        self.size_box.textActivated.connect(self.set_font_size)
        fb.addWidget(self.size_box)
        self.colour_action = self._action(
            fb, self.tr("Colour…"), self.ask_colour, tip=self.tr("Text colour")
        )
        self.colour_action.setIcon(_swatch(QColor("black")))
        fb.addSeparator()
        self.bullets_action = self._action(
            fb, self.tr("• List"), lambda: self.set_list(QTextListFormat.Style.ListDisc),
            tip=self.tr("Bulleted list"),
        )  # fmt: skip
        self.numbers_action = self._action(
            fb, self.tr("1. List"), lambda: self.set_list(QTextListFormat.Style.ListDecimal),
            tip=self.tr("Numbered list"),
        )  # fmt: skip

        self.align_actions: dict[Qt.AlignmentFlag, QAction] = {}
        for flag, text, tip, key in (
            (Qt.AlignmentFlag.AlignLeft, self.tr("Left"), self.tr("Align left"), "Ctrl+L"),
            (Qt.AlignmentFlag.AlignHCenter, self.tr("Centre"), self.tr("Centre"), "Ctrl+E"),
            (Qt.AlignmentFlag.AlignRight, self.tr("Right"), self.tr("Align right"), "Ctrl+R"),
        ):
            self.align_actions[flag] = self._action(
                ib,
                text,
                lambda _=False, f=flag: self.set_alignment(f),
                key,
                checkable=True,
                tip=tip + " " + self.tr("(a paragraph or the selected picture)"),
            )
        ib.addSeparator()
        self.link_action = self._action(
            ib, self.tr("Link…"), self.ask_link, "Ctrl+K",
            tip=self.tr("Insert or edit a link"),
        )  # fmt: skip
        self.image_action = self._action(
            ib, self.tr("Picture…"), self.ask_image,
            tip=self.tr("Insert a picture (logo) from a file"),
        )  # fmt: skip
        self.paste_image_action = self._action(
            ib, self.tr("Paste picture"), self.paste_image,
            tip=self.tr("Insert the picture on the clipboard"),
        )  # fmt: skip
        self.smaller_action = self._action(
            ib, self.tr("Smaller"), lambda: self.edit.scale_picture(1 / 1.1), "Ctrl+Shift+,",
            tip=self.tr("Make the picture smaller"),
        )  # fmt: skip
        self.larger_action = self._action(
            ib, self.tr("Larger"), lambda: self.edit.scale_picture(1.1), "Ctrl+Shift+.",
            tip=self.tr("Make the picture larger"),
        )  # fmt: skip

    # --- content -----------------------------------------------------------------------

    def set_html(self, html: str) -> None:
        self.edit.setHtml(html or "")
        # Qt rewrites HTML it loads: only an edited signature counts as a change.
        self.edit.document().setModified(False)
        self.edit.document().clearUndoRedoStacks()
        self.refresh_preview()

    def signature_html(self) -> str:
        return self.edit.signature_html()

    def is_modified(self) -> bool:
        return self.edit.document().isModified()

    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self.preview.show_signature(self.signature_html())

    def _text_changed(self) -> None:
        if self.status.styleSheet():  # an earlier refusal no longer applies
            self._say("")
        self._preview_timer.start()
        self.changed.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020" if error else "")
        self.status.setText(text)

    # --- character formats ---------------------------------------------------------------

    def _merge(self, fmt: QTextCharFormat) -> None:
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.edit.mergeCurrentCharFormat(fmt)

    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_bold(self) -> None:
        self.bold_action.setChecked(not self.bold_action.isChecked())

    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge(fmt)

    def set_underline(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(on)
        self._merge(fmt)

    def set_font_family(self, family: str) -> None:
        fmt = QTextCharFormat()
        fmt.setFontFamilies([family])
        self._merge(fmt)
        self.edit.setFocus()

    def set_font_size(self, text: str) -> None:
        try:
            size = float(text.replace(",", "."))
        except ValueError:
            return
        if 4 <= size <= 96:
            fmt = QTextCharFormat()
            fmt.setFontPointSize(size)
            self._merge(fmt)
            self.edit.setFocus()

    def ask_colour(self) -> None:
        dialog = QColorDialog(self.edit.textColor(), self)
        dialog.setWindowTitle(self.tr("Text colour"))
        dialog.colorSelected.connect(self.set_colour)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def set_colour(self, colour: QColor) -> None:
        if not colour.isValid():
            return
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        self._merge(fmt)
        self.colour_action.setIcon(_swatch(colour))

    def _sync_format(self, fmt: QTextCharFormat) -> None:
        for action, on in (
            (self.bold_action, fmt.fontWeight() >= QFont.Weight.Bold),
            (self.italic_action, fmt.fontItalic()),
            (self.underline_action, fmt.fontUnderline() and not fmt.isAnchor()),
        ):
            action.blockSignals(True)
            action.setChecked(bool(on))
            action.blockSignals(False)
        families = fmt.fontFamilies()
        if families:
            self.font_box.blockSignals(True)
            self.font_box.setCurrentFont(QFont(families[0]))
            self.font_box.blockSignals(False)
        if fmt.fontPointSize() > 0:
            self.size_box.setEditText(f"{fmt.fontPointSize():g}")
        if fmt.foreground().style() != Qt.BrushStyle.NoBrush:
            self.colour_action.setIcon(_swatch(fmt.foreground().color()))

    # --- paragraphs ------------------------------------------------------------------------

    def set_list(self, style: QTextListFormat.Style) -> None:
        """Make the selected paragraphs a list; the same button again ends it (one undo)."""
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            for block in [current.item(i) for i in range(current.count())]:
                current.remove(block)
                plain = QTextCursor(block)
                fmt = plain.blockFormat()
                fmt.setIndent(0)
                plain.setBlockFormat(fmt)
        else:
            cursor.createList(style)
        cursor.endEditBlock()

    def set_alignment(self, flag: Qt.AlignmentFlag) -> None:
        """Align the paragraph at the cursor (with a picture selected: the picture)."""
        self.edit.setAlignment(flag | Qt.AlignmentFlag.AlignAbsolute)
        self._sync_block()

    def _sync_block(self) -> None:
        current = self.edit.alignment() & ~Qt.AlignmentFlag.AlignAbsolute
        for flag, action in self.align_actions.items():
            action.blockSignals(True)
            action.setChecked(bool(current & flag))
            action.blockSignals(False)

    # --- links ------------------------------------------------------------------------------

    def link_at_cursor(self) -> tuple[int, int, str] | None:
        """(start, end, href) of the link the cursor is in, else None."""
        cursor = self.edit.textCursor()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        probe = QTextCursor(self.edit.document())

        def href_at(pos: int) -> str:
            if pos < 0 or pos >= self.edit.document().characterCount() - 1:
                return ""
            probe.setPosition(pos)
            probe.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            fmt = probe.charFormat()
            return fmt.anchorHref() if fmt.isAnchor() else ""

        href = href_at(position) or href_at(position - 1)
        if not href:
            return None
        start = position if href_at(position) == href else position - 1
        while href_at(start - 1) == href:
            start -= 1
        end = start
        while href_at(end) == href:
            end += 1
        return start, end, href

    def ask_link(self) -> None:
        found = self.link_at_cursor()
        cursor = self.edit.textCursor()
        if found:
            start, end, href = found
            probe = QTextCursor(self.edit.document())
            probe.setPosition(start)
            probe.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            text = probe.selectedText()
            self._link_range = (start, end)
        else:
            href, text = "", cursor.selectedText()
            self._link_range = (cursor.selectionStart(), cursor.selectionEnd())
        dialog = LinkDialog(text, href, self)
        dialog.linkChosen.connect(self.apply_link)
        dialog.linkRemoved.connect(self.remove_link)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def _range_cursor(self) -> QTextCursor:
        cursor = self.edit.textCursor()
        if self._link_range is not None:
            start, end = self._link_range
            size = self.edit.document().characterCount() - 1
            cursor.setPosition(min(start, size))
            cursor.setPosition(min(end, size), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def apply_link(self, text: str, href: str) -> None:
        """Put a link with ``text`` to ``href`` over the link or selection the dialog was
        opened on (at the cursor when there was none)."""
        cursor = self._range_cursor()
        fmt = QTextCharFormat(cursor.charFormat())
        fmt.setAnchor(True)
        fmt.setAnchorHref(href)
        fmt.setFontUnderline(True)
        fmt.setForeground(self.palette().link())
        cursor.beginEditBlock()
        cursor.insertText(text, fmt)
        plain = QTextCharFormat(fmt)
        plain.setAnchor(False)
        plain.setAnchorHref("")
        plain.setFontUnderline(False)
        plain.clearForeground()
        cursor.setCharFormat(plain)
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)
        self.edit.setCurrentCharFormat(plain)
        self._link_range = None

    def remove_link(self) -> None:
        found = self.link_at_cursor()
        if self._link_range is None and found is None:
            return
        cursor = self._range_cursor() if self._link_range else self.edit.textCursor()
        if found and self._link_range is None:
            cursor.setPosition(found[0])
            cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat(cursor.charFormat())
        fmt.setAnchor(False)
        fmt.setAnchorHref("")
        fmt.setFontUnderline(False)
        fmt.clearForeground()
        cursor.setCharFormat(fmt)
        self._link_range = None

    # --- pictures ----------------------------------------------------------------------------

    def ask_image(self) -> None:
        dialog = QFileDialog(self, self.tr("Insert a picture"))
        dialog.setNameFilter(self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.insert_image)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def insert_image(self, path: str) -> bool:
        """Insert a picture file (shown at most 300 px wide; size it afterwards)."""
        try:
            name, image = file_data_url(path)
        except HolubError as exc:
            self._say(str(exc), error=True)
            return False
        self.edit.insert_picture(name, image)
        self.edit.setFocus()
        return True

    def paste_image(self) -> bool:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self._say(self.tr("There is no picture on the clipboard."), error=True)
            return False
        self.edit.insert_picture(image_data_url(image), image)
        self.edit.setFocus()
        return True

    def _picture_changed(self, width: int, height: int) -> None:
        on = width > 0
        self.smaller_action.setEnabled(on)
        self.larger_action.setEnabled(on)
        if on:
            text = self.tr("Picture {w} × {h} px, sent at this size: drag its edge, or + / -")
            self._say(text.format(w=width, h=height))
        elif not self.status.styleSheet():
            self._say("")
