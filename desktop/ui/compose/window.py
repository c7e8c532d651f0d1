"""The compose window: new mail, reply, reply all, forward.

Non-blocking (a plain top-level window; file and link dialogs use ``open()``). The
draft is saved to the store as the user types (debounced by a single-shot timer).
Send builds the message, queues it in the Outbox on the GUI thread (a local write)
and sends it on a pool thread; the window closes when the server has accepted it, or
shows the server's words and offers Retry when it has not.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HolubError
from desktop.models.base import utcnow
from desktop.models.mail import KIND_IMAP, KIND_LOCAL, Draft, Mailbox
from desktop.sync import compose
from desktop.ui import dates
from desktop.ui.compose.completion import AddressBook
from desktop.ui.compose.sending import outbox_events, start_sending
from desktop.ui.signature import PictureTextEdit

log = logging.getLogger(__name__)

AUTOSAVE_MS = 800


# The words that go into quotes and forwards, marked for translation (lupdate).
_LABELS = {
    "wrote": QT_TRANSLATE_NOOP("ComposeWindow", "On {date}, {sender} wrote:"),
    "forwarded": QT_TRANSLATE_NOOP("ComposeWindow", "---------- Forwarded message ----------"),
    "from": QT_TRANSLATE_NOOP("ComposeWindow", "From"),
    "date": QT_TRANSLATE_NOOP("ComposeWindow", "Date"),
    "subject": QT_TRANSLATE_NOOP("ComposeWindow", "Subject"),
    "to": QT_TRANSLATE_NOOP("ComposeWindow", "To"),
    "cc": QT_TRANSLATE_NOOP("ComposeWindow", "Cc"),
}


def _labels() -> dict[str, str]:
    """The quote and forward words in the user's language."""
    return {key: QCoreApplication.translate("ComposeWindow", text) for key, text in _LABELS.items()}


class ComposeWindow(QMainWindow):
    """One message being written. Use the classmethods to open one."""

    draftSaved = Signal(int)  # Draft id
    #: outbox id, final state ("sent" | "failed"), error text
    sendFinished = Signal(int, str, str)
    queued = Signal(int)  # outbox id
    mailboxAdded = Signal(int)  # added from the "no mailbox can send" notice

    def __init__(
        self,
        draft: compose.ComposeDraft | None = None,
        *,
        draft_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        draft = draft or compose.ComposeDraft(mailbox_id=None)
        self.draft_id = draft_id
        self.outbox_id: int | None = None
        self.close_question: QMessageBox | None = None
        self.in_reply_to = draft.in_reply_to
        # Replies and forwards carry the signature only when the mailbox says so (R3).
        self.is_response = draft.kind != "new" or bool(draft.in_reply_to)
        self.references = list(draft.references)
        self.attachments: list[str | dict] = list(draft.attachments)
        self._loading = True
        self._build_ui()
        self._fill(draft)
        self._signature_text = self._signature_plain(self.mailbox_id)
        self._loading = False
        outbox_events().finished.connect(self._on_send_finished)
        self._listening = True
        self._update_title()

    # --- constructors the main window uses ------------------------------------------------

    @classmethod
    def new(cls, mailbox_id: int | None = None) -> ComposeWindow:
        mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id) if mailbox_id else None
        if mailbox is None or mailbox.kind == KIND_LOCAL:
            # Imported (local) mail cannot be sent from: take the first real mailbox.
            first = _sending_mailboxes()
            mailbox = first[0] if first else None
            mailbox_id = mailbox.id if mailbox else None
        html = ""
        if mailbox is not None:
            sig = compose.signature_html(mailbox, reply=False)
            html = f"<p><br></p>{sig}" if sig else ""
        return cls(compose.ComposeDraft(mailbox_id=mailbox_id, html=html))

    @classmethod
    def reply(cls, message_id: int, all: bool = False) -> ComposeWindow:
        # The quote line's date: the user's local time in the window's one format.
        return cls(
            compose.reply_draft(
                message_id, reply_all=all, labels=_labels(), date_format=dates.date_time
            )
        )

    @classmethod
    def forward(cls, message_id: int, as_attachment: bool = False) -> ComposeWindow:
        return cls(
            compose.forward_draft(
                message_id,
                as_attachment=as_attachment,
                labels=_labels(),
                date_format=dates.date_time,
            )
        )

    @classmethod
    def open_draft(cls, draft_id: int) -> ComposeWindow:
        row = Draft.get_by_id(draft_id)
        draft = compose.ComposeDraft(
            mailbox_id=row.mailbox_id,
            to=[row.to] if row.to else [],
            cc=[row.cc] if row.cc else [],
            bcc=[row.bcc] if row.bcc else [],
            subject=row.subject,
            html=row.html,
            in_reply_to=row.in_reply_to,
            references=row.references.split(),
            attachments=list(row.attachments or []),
        )
        return cls(draft, draft_id=draft_id)

    # --- building --------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.resize(760, 620)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        form = QFormLayout()
        self.from_combo = QComboBox()
        self._fill_senders()
        self.to_edit = QLineEdit()
        self.cc_edit = QLineEdit()
        self.bcc_edit = QLineEdit()
        self.subject_edit = QLineEdit()
        for edit in (self.to_edit, self.cc_edit, self.bcc_edit):
            edit.setPlaceholderText(self.tr("name@example.com, another@example.com"))
        form.addRow(self.tr("From:"), self.from_combo)
        form.addRow(self.tr("To:"), self.to_edit)
        form.addRow(self.tr("Cc:"), self.cc_edit)
        form.addRow(self.tr("Bcc:"), self.bcc_edit)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        self.no_sender = self._build_no_sender()
        layout.addWidget(self.no_sender)
        layout.addLayout(form)
        # Completion from the user's mail and the CRM's contacts, read in the background.
        self.address_book = AddressBook(self)
        for edit in (self.to_edit, self.cc_edit, self.bcc_edit):
            self.address_book.attach(edit)
        self.address_book.load()

        # Shows signature pictures, pictures quoted from the original and pasted ones;
        # sending makes each an inline part (desktop/sync/compose.py).
        self.editor = PictureTextEdit()
        self.editor.setAcceptRichText(True)
        self.format_bar = self._build_format_bar()
        self.addToolBar(self.format_bar)
        layout.addWidget(self.editor, 1)

        # The attachment box shows only when there are attachments; Attach… is always
        # in the bottom row (and on the toolbar).
        self.attachment_box = QWidget()
        row = QHBoxLayout(self.attachment_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.attachment_list = QListWidget()
        self.attachment_list.setMaximumHeight(90)
        self.add_attachment_button = QPushButton(self.tr("Attach…"))
        self.remove_attachment_button = QPushButton(self.tr("Remove"))
        self.add_attachment_button.clicked.connect(self.choose_attachments)
        self.remove_attachment_button.clicked.connect(self.remove_selected_attachment)
        buttons = QVBoxLayout()
        buttons.addWidget(self.remove_attachment_button)
        buttons.addStretch(1)
        row.addWidget(self.attachment_list, 1)
        row.addLayout(buttons)
        self.attachment_box.hide()
        layout.addWidget(self.attachment_box)

        bottom = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setToolTip(
            self.tr("Take the message back from the Outbox to change it (e.g. an address)")
        )
        self.edit_button.setVisible(False)
        self.edit_button.clicked.connect(self.edit_again)
        bottom.addWidget(self.add_attachment_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.send_button)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self._update_no_sender()
        # Esc and Ctrl+W close the window (asking first about unsaved changes).
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")):
            QShortcut(keys, self, self.request_close)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_draft)
        for edit in (self.to_edit, self.cc_edit, self.bcc_edit, self.subject_edit):
            edit.textChanged.connect(self._changed)
        self.subject_edit.textChanged.connect(self._update_title)
        self.editor.textChanged.connect(self._changed)
        self.from_combo.currentIndexChanged.connect(self._from_changed)

    def _build_format_bar(self) -> QToolBar:
        bar = QToolBar(self.tr("Formatting"), self)
        self.bold_action = QAction(self.tr("Bold"), self)
        self.bold_action.setShortcut(QKeySequence.StandardKey.Bold)
        self.bold_action.setCheckable(True)
        self.bold_action.toggled.connect(self.set_bold)
        self.italic_action = QAction(self.tr("Italic"), self)
        self.italic_action.setShortcut(QKeySequence.StandardKey.Italic)
        self.italic_action.setCheckable(True)
        self.italic_action.toggled.connect(self.set_italic)
        self.link_action = QAction(self.tr("Link…"), self)
        self.link_action.setShortcut(QKeySequence("Ctrl+K"))
        self.link_action.triggered.connect(self.ask_link)
        self.bullets_action = QAction(self.tr("Bulleted list"), self)
        self.bullets_action.triggered.connect(
            lambda: self.insert_list(QTextListFormat.Style.ListDisc)
        )
        self.numbers_action = QAction(self.tr("Numbered list"), self)
        self.numbers_action.triggered.connect(
            lambda: self.insert_list(QTextListFormat.Style.ListDecimal)
        )
        for action in (
            self.bold_action,
            self.italic_action,
            self.link_action,
            self.bullets_action,
            self.numbers_action,
        ):
            bar.addAction(action)
        self.editor.currentCharFormatChanged.connect(self._sync_format_buttons)
        return bar

    def _fill(self, draft: compose.ComposeDraft) -> None:
        if draft.mailbox_id is not None:
            index = self.from_combo.findData(draft.mailbox_id)
            if index >= 0:
                self.from_combo.setCurrentIndex(index)
        self.to_edit.setText(", ".join(draft.to))
        self.cc_edit.setText(", ".join(draft.cc))
        self.bcc_edit.setText(", ".join(draft.bcc))
        self.subject_edit.setText(draft.subject)
        self.editor.setHtml(draft.html)
        self._refresh_attachments()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        (self.editor if draft.to else self.to_edit).setFocus()

    # --- formatting --------------------------------------------------------------------------

    @Slot(bool)
    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.editor.mergeCurrentCharFormat(fmt)

    @Slot(bool)
    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.editor.mergeCurrentCharFormat(fmt)

    def insert_list(self, style: QTextListFormat.Style) -> None:
        self.editor.textCursor().createList(style)

    def ask_link(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Insert link"))
        dialog.setLabelText(self.tr("Address (URL):"))
        dialog.setTextValue("https://")
        dialog.textValueSelected.connect(self.insert_link)
        dialog.open()

    @Slot(str)
    def insert_link(self, url: str) -> None:
        url = url.strip()
        if not url:
            return
        cursor = self.editor.textCursor()
        text = cursor.selectedText() or url
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        cursor.insertText(text, fmt)
        cursor.setCharFormat(QTextCharFormat())
        self.editor.setTextCursor(cursor)

    def _sync_format_buttons(self, fmt: QTextCharFormat) -> None:
        for action, on in (
            (self.bold_action, fmt.fontWeight() >= QFont.Weight.Bold),
            (self.italic_action, fmt.fontItalic()),
        ):
            action.blockSignals(True)
            action.setChecked(bool(on))
            action.blockSignals(False)

    # --- attachments -------------------------------------------------------------------------

    def choose_attachments(self) -> None:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.add_attachments)
        dialog.open()

    @Slot(list)
    def add_attachments(self, paths: list[str]) -> None:
        for path in paths:
            if path not in self.attachments:
                self.attachments.append(str(Path(path)))
        self._refresh_attachments()
        self._changed()

    def remove_selected_attachment(self) -> None:
        row = self.attachment_list.currentRow()
        if 0 <= row < len(self.attachments):
            del self.attachments[row]
            self._refresh_attachments()
            self._changed()

    def _refresh_attachments(self) -> None:
        self.attachment_list.clear()
        for ref in self.attachments:
            try:
                label = compose.attachment_label(ref)
            except Exception:
                label = str(ref)
            item = QListWidgetItem(label)
            item.setToolTip(ref if isinstance(ref, str) else label)
            self.attachment_list.addItem(item)
        self.attachment_box.setVisible(bool(self.attachments))

    # --- drafts -----------------------------------------------------------------------------

    @property
    def mailbox_id(self) -> int | None:
        return self.from_combo.currentData()

    # --- the signature follows the From mailbox ----------------------------------------

    def _signature_html(self, mailbox_id: int | None) -> str:
        mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id) if mailbox_id else None
        if mailbox is None:
            return ""
        return compose.signature_html(mailbox, reply=self.is_response)

    def _signature_plain(self, mailbox_id: int | None) -> str:
        html = self._signature_html(mailbox_id)
        if not html:
            return ""
        doc = QTextDocument()
        doc.setHtml(html)
        return doc.toPlainText()

    @Slot(int)
    def _from_changed(self, index: int) -> None:
        if not self._loading:
            self._swap_signature()
        self._changed()

    def _swap_signature(self) -> None:
        """Replace the previous mailbox's signature with the new one's, if it is untouched.

        The signature is found by its text; when the user edited it (or it is not
        there), the body is left alone.
        """
        old = self._signature_text
        new_html = self._signature_html(self.mailbox_id)
        document = self.editor.document()
        cursor = QTextCursor(document)
        start = document.toPlainText().find(old) if old else -1
        if start >= 0:
            cursor.setPosition(start)
            cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
            seen = cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
            if seen != old:
                return  # positions do not map 1:1 (tables, ...): leave the body alone
            cursor.removeSelectedText()
        elif old:
            return  # the user changed or removed the old signature
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if not new_html:
                return
            cursor.insertBlock()
        begin = cursor.position()
        if new_html:
            cursor.insertHtml(new_html)
        cursor.setPosition(begin, QTextCursor.MoveMode.KeepAnchor)
        self._signature_text = cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def keyPressEvent(self, event) -> None:
        # Also reached when a field leaves Esc / Ctrl+W unhandled and the shortcuts did
        # not fire (the window not active yet).
        if event.key() == Qt.Key.Key_Escape or event.matches(QKeySequence.StandardKey.Close):
            self.request_close()
            return
        if event.key() == Qt.Key.Key_W and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.request_close()
            return
        super().keyPressEvent(event)

    @Slot()
    def request_close(self) -> None:
        """Esc / Ctrl+W: close; with changes not saved yet, ask first (non-blocking)."""
        if not self._save_timer.isActive() or self.outbox_id is not None:
            self.close()
            return
        if self.close_question is not None and self.close_question.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close"),
            self.tr("Keep this message in Drafts?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("closeDraftQuestion")
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Keep in Drafts"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.finished.connect(lambda _r: self._draft_answer(box.standardButton(box.clickedButton())))
        self.close_question = box
        box.open()

    def _draft_answer(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save:
            self.save_draft()
        elif answer == QMessageBox.StandardButton.Discard:
            self._drop_draft()  # the draft goes, with what was saved of it before
        else:
            return  # Cancel / Esc: go on writing
        self.close()

    # --- who can send ------------------------------------------------------------------------

    def _fill_senders(self) -> None:
        """The From list: every mailbox that can send."""
        current = self.from_combo.currentData()
        self.from_combo.blockSignals(True)
        self.from_combo.clear()
        for box in _sending_mailboxes():
            label = f"{box.sender_name} <{box.email}>" if box.sender_name else box.email
            self.from_combo.addItem(f"{label} — {box.name}", box.id)
        index = self.from_combo.findData(current)
        self.from_combo.setCurrentIndex(max(index, 0) if self.from_combo.count() else -1)
        self.from_combo.blockSignals(False)

    def _build_no_sender(self) -> QWidget:
        box = QFrame()
        box.setObjectName("noSenderNotice")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(box)
        self.no_sender_label = QLabel()
        self.no_sender_label.setWordWrap(True)
        self.no_sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.add_mailbox_button = QPushButton(self.tr("Add mailbox…"))
        self.add_mailbox_button.clicked.connect(self.add_mailbox)
        row.addWidget(self.no_sender_label, 1)
        row.addWidget(self.add_mailbox_button)
        box.hide()
        return box

    def _update_no_sender(self) -> None:
        """When no mailbox can send: say why, offer Add mailbox, and hold Send back."""
        box = self.no_sender
        if self.from_combo.count():
            box.hide()
            return
        reasons = []
        for mailbox in Mailbox.select().order_by(Mailbox.name):
            if mailbox.kind == KIND_LOCAL:
                reasons.append(self.tr("%1 holds imported mail only").replace("%1", mailbox.name))
            elif not can_send(mailbox):
                reasons.append(
                    self.tr("%1 has no outgoing (SMTP) server set").replace("%1", mailbox.name)
                )
        if reasons:
            text = self.tr("No mailbox can send: %1. Add one that can.").replace(
                "%1", "; ".join(reasons)
            )
        else:
            text = self.tr("There is no mailbox to send from yet. Add one to send this message.")
        self.no_sender_label.setText(text)
        self.send_button.setEnabled(False)
        self.send_button.setToolTip(text)
        box.show()

    @Slot()
    def add_mailbox(self) -> None:
        from desktop.ui.account_dialog import AccountDialog

        dialog = AccountDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.mailboxAdded.connect(self._mailbox_added)
        self.account_dialog = dialog
        dialog.open()

    def _mailbox_added(self, mailbox_id: int) -> None:
        self._fill_senders()
        index = self.from_combo.findData(mailbox_id)
        if index >= 0:
            self.from_combo.setCurrentIndex(index)
        self.send_button.setEnabled(self.outbox_id is None)
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self._update_no_sender()
        self.mailboxAdded.emit(mailbox_id)

    def _changed(self, *args: object) -> None:
        if not self._loading and self.outbox_id is None:
            self._save_timer.start()

    def _update_title(self, *args: object) -> None:
        subject = self.subject_edit.text().strip() or self.tr("(no subject)")
        self.setWindowTitle(self.tr("Compose: {subject}").format(subject=subject))

    @Slot()
    def save_draft(self) -> int:
        """Write the draft to the store now (also called by the autosave timer)."""
        self._save_timer.stop()
        fields = {
            "mailbox": self.mailbox_id,
            "to": self.to_edit.text(),
            "cc": self.cc_edit.text(),
            "bcc": self.bcc_edit.text(),
            "subject": self.subject_edit.text(),
            "html": self.editor.toHtml(),
            "attachments": self.attachments,
            "in_reply_to": self.in_reply_to,
            "references": " ".join(self.references),
            "updated_at": utcnow(),
        }
        if self.draft_id is not None and Draft.get_or_none(Draft.id == self.draft_id):
            Draft.update(**fields).where(Draft.id == self.draft_id).execute()
        else:
            self.draft_id = Draft.create(**fields).id
        self.draftSaved.emit(self.draft_id)
        outbox_events().drafts_changed.emit()
        return self.draft_id

    def _drop_draft(self) -> None:
        self._save_timer.stop()
        if self.draft_id is not None:
            Draft.delete().where(Draft.id == self.draft_id).execute()
            self.draft_id = None
            outbox_events().drafts_changed.emit()

    # --- sending ----------------------------------------------------------------------------

    def build(self):
        """The message as it would be sent (raises HolubError on bad input)."""
        mailbox = Mailbox.get_or_none(Mailbox.id == self.mailbox_id)
        if mailbox is None:
            raise HolubError(self.tr("Choose the mailbox to send from."))
        html = compose.editor_html_for_mail(self.editor.toHtml())
        msg = compose.build_message(
            mailbox,
            to=self.to_edit.text(),
            cc=self.cc_edit.text(),
            bcc=self.bcc_edit.text(),
            subject=self.subject_edit.text(),
            html=html,
            attachments=[compose.resolve_attachment(ref) for ref in self.attachments],
            in_reply_to=self.in_reply_to or None,
            references=self.references,
        )
        return mailbox, msg

    @Slot()
    def send(self) -> None:
        from desktop.sync.outbox import queue_message

        if self.outbox_id is not None:
            return
        try:
            mailbox, msg = self.build()
            row = queue_message(mailbox, msg)
        except (HolubError, ValueError) as exc:  # ValueError: a header the email package refuses
            self._show_status(str(exc), error=True)
            return
        self.outbox_id = row.id
        self._drop_draft()  # the message now lives in the outbox
        self._set_editable(False)
        self._show_status(self.tr("Sending…"))
        self.queued.emit(row.id)
        outbox_events().changed.emit()
        start_sending(mailbox.id, [row.id])

    @Slot()
    def retry(self) -> None:
        from desktop.sync.outbox import retry

        if self.outbox_id is None:
            return
        try:
            row = retry(self.outbox_id)
        except HolubError as exc:
            self._show_status(str(exc), error=True)
            return
        self.retry_button.setEnabled(False)
        self.edit_button.setEnabled(False)
        self._show_status(self.tr("Sending…"))
        start_sending(row.mailbox_id, [row.id])

    @Slot()
    def edit_again(self) -> None:
        """Take a failed message out of the Outbox and make the window editable again."""
        from desktop.sync.outbox import discard

        if self.outbox_id is None:
            return
        try:
            discard(self.outbox_id)
        except HolubError as exc:
            self._show_status(str(exc), error=True)
            return
        self.outbox_id = None
        self.retry_button.setVisible(False)
        self.edit_button.setVisible(False)
        self._set_editable(True)
        self._show_status("")
        self.save_draft()  # it is a draft again
        outbox_events().changed.emit()

    @Slot(int, str, str)
    def _on_send_finished(self, outbox_id: int, state: str, error: str) -> None:
        if outbox_id != self.outbox_id:
            return
        if state == "sent":
            self._show_status(self.tr("Sent."))
            self.sendFinished.emit(outbox_id, state, error)
            self.close()
            return
        self._show_status(
            self.tr("Not sent: {error}. The message waits in the Outbox.").format(
                error=(error or self.tr("unknown error")).rstrip(". ")
            ),
            error=True,
        )
        self.retry_button.setVisible(True)
        self.retry_button.setEnabled(True)
        self.edit_button.setVisible(True)
        self.edit_button.setEnabled(True)
        self.sendFinished.emit(outbox_id, state, error)

    def _set_editable(self, on: bool) -> None:
        for widget in (
            self.from_combo,
            self.to_edit,
            self.cc_edit,
            self.bcc_edit,
            self.subject_edit,
            self.add_attachment_button,
            self.remove_attachment_button,
            self.send_button,
        ):
            widget.setEnabled(on)
        self.editor.setReadOnly(not on)
        self.format_bar.setEnabled(on)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020;" if error else "")

    def closeEvent(self, event) -> None:
        # Keep what was typed: an unsent message stays a draft.
        if self._save_timer.isActive():
            self.save_draft()
        if self._listening:
            self._listening = False
            outbox_events().finished.disconnect(self._on_send_finished)
        super().closeEvent(event)


def can_send(mailbox: Mailbox) -> bool:
    """Imported mail has no server; an IMAP mailbox needs its SMTP server."""
    if mailbox.kind == KIND_LOCAL:
        return False
    return mailbox.kind != KIND_IMAP or bool(mailbox.smtp_host)


def _sending_mailboxes() -> list[Mailbox]:
    return [m for m in Mailbox.select().order_by(Mailbox.id) if can_send(m)]
