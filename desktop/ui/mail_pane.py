"""The mail pane: message list | reader (with the filing bar), and what acts on them.

It shows a folder or a computed list (search results), keeps the selection and
scroll position across live updates, opens the selected message (marking it read
in a background write) and runs the message commands: delete with undo, read,
star, next/previous. Every store write goes to the serial write queue; the list
follows from the change bus (and at once, optimistically, for a delete).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.changes import ChangeSet
from desktop.services import messages as message_service
from desktop.ui.background import run_in_background, run_write
from desktop.ui.message_list import (
    COL_SUBJECT,
    IdSource,
    ListSource,
    MessageListModel,
    MessageListView,
    ThreadSource,
    conversation_threads,
)
from desktop.ui.placeholders import PlainReader
from desktop.ui.suggestion_bar import SuggestionBar

log = logging.getLogger(__name__)

READER_MIN_WIDTH = 260
LIST_MIN_WIDTH = 220


def make_reader(parent: QWidget) -> QWidget:
    try:
        from desktop.ui.reader import ReaderView
    except ImportError:
        return PlainReader(parent)
    return ReaderView(parent)


class MailPane(QSplitter):
    messageShown = Signal(int)
    listShown = Signal()
    # The shown message or the selection changed (actions re-check what applies).
    selectionChanged = Signal()
    statusMessage = Signal(str, int)  # text, milliseconds
    # Changes made by a widget of the pane that does not publish on the bus itself.
    changesMade = Signal(object)

    def __init__(self, file_under: QAction | None, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mailSplitter")
        self.undo_stack = message_service.UndoStack()
        self.conversations = False
        self.deleted_view = False  # the list is "Deleted in Holub" (Restore, not Delete)
        self._empty_kind = ""  # which empty-list text the list shows (_say_when_empty)
        self._shown_id: int | None = None
        self._conversation_token: object | None = None
        self.list_model = MessageListModel(self)
        self.list_view = MessageListView(self.list_model, self)
        self.list_view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit()
        )
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader = make_reader(self)
        self.reader_box = QWidget(self)
        box = QVBoxLayout(self.reader_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.filing_bar = self._make_filing_bar(file_under)
        if self.filing_bar is not None:
            box.addWidget(self.filing_bar)
        self.suggestion_bar = SuggestionBar(self.reader_box)
        self.suggestion_bar.changed.connect(self.changesMade)
        box.addWidget(self.suggestion_bar)
        box.addWidget(self.reader, 1)
        # The reader's minimum width is the pane's own, never the shown message's (a long
        # line of chips or a wide mail must not push the list narrower).
        self.reader_box.setMinimumWidth(READER_MIN_WIDTH)
        self.list_view.setMinimumWidth(LIST_MIN_WIDTH)
        self.addWidget(self.list_view)
        self.addWidget(self.reader_box)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 4)
        self.setSizes([520, 560])

    def _make_filing_bar(self, file_under: QAction | None) -> QWidget | None:
        """The shown message's filings as removable chips, and a "File under…" button."""
        try:
            from desktop.ui.crm import FilingChips
        except ImportError:
            return None
        bar = QWidget(self)
        bar.setObjectName("filingBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 4, 6, 0)
        self.filing_label = QLabel(bar)
        self.filing_chips = FilingChips(bar)
        self.filing_chips.changed.connect(self.changesMade)
        ignored = self.filing_chips.sizePolicy()
        ignored.setHorizontalPolicy(ignored.Policy.Ignored)
        self.filing_chips.setSizePolicy(ignored)
        # Many chips are clipped rather than push the "File under…" button out of view.
        self.filing_chips.setMinimumWidth(1)
        row.addWidget(self.filing_label)
        row.addWidget(self.filing_chips, 1)
        if file_under is not None:
            self.file_button = QToolButton(bar)
            self.file_button.setDefaultAction(file_under)
            self.file_button.setAutoRaise(True)
            row.addWidget(self.file_button)
        return bar

    def _say_when_empty(self, kind: str) -> None:
        """What the list says when it has no rows, for the kind of list it shows."""
        self._empty_kind = kind
        texts = {
            "folder": self.tr("No messages in this folder."),
            "search": self.tr("No messages match the search."),
            "deleted": self.tr(
                "Nothing is deleted in Holub. A message you delete is hidden here, "
                "where Restore brings it back; the server keeps it either way."
            ),
        }
        self.list_view.set_empty_text(texts.get(kind, ""))

    def retranslate(self) -> None:
        self._say_when_empty(self._empty_kind)
        if self.filing_bar is not None:
            self.filing_label.setText(self.tr("Filed under:"))
        self.list_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)

    # --- what the list shows -------------------------------------------------
    def show_folder(self, folder_id: int, *, two_line: bool = False) -> None:
        self.deleted_view = False
        self._say_when_empty("folder")
        # The plain list first: it pages, so it is instant at any folder size.
        self.list_model.show_folder(folder_id, two_line=two_line)
        self._after_list_change()
        if not self.conversations:
            self._conversation_token = None
            return
        # Grouping reads the whole folder: a worker does it, then the list swaps.
        token = object()
        self._conversation_token = token

        def ready(result) -> None:
            source = self.list_model.source
            if (
                token is not self._conversation_token
                or source is None
                or source.folder_id != folder_id
                or not self.conversations
            ):
                return
            current = self.current_message_id()
            self.list_model.set_source(
                ThreadSource(lambda: conversation_threads(folder_id), folder_id, initial=result),
                two_line=two_line,
            )
            self._after_list_change(keep=current)

        run_in_background(lambda: conversation_threads(folder_id), ready, owner=self)

    def show_deleted(self) -> None:
        """The messages hidden in Holub, newest first (read in a worker)."""
        token = object()
        self._conversation_token = token
        self.deleted_view = True

        def ready(ids: list[int]) -> None:
            if token is self._conversation_token:
                source = ListSource(message_service.hidden_messages, initial=ids)
                self._say_when_empty("deleted")
                self.list_model.set_source(source, two_line=True)
                self._after_list_change()
                self.deleted_view = True

        self._say_when_empty("")  # being read
        self.list_model.set_source(None)
        self._show_message(None)
        run_in_background(message_service.hidden_messages, ready, owner=self)

    def show_source(self, source: IdSource, *, two_line: bool = True) -> None:
        self.deleted_view = False
        self._conversation_token = None
        self._say_when_empty("search")
        self.list_model.set_source(source, two_line=two_line)
        self._after_list_change()

    def clear(self) -> None:
        self.deleted_view = False
        self._conversation_token = None
        self._say_when_empty("")
        self.list_model.set_source(None)
        self._show_message(None)

    def _after_list_change(self, keep: int | None = None) -> None:
        self.list_view.doItemsLayout()
        row = self.list_model.row_of(keep) if keep is not None else None
        if row is not None:
            self.select_row(row)
        elif self.list_model.rowCount() > 0:
            self.list_view.setCurrentIndex(self.list_model.index(0, COL_SUBJECT))
        else:
            self._show_message(None)
        self.listShown.emit()

    def select_row(self, row: int) -> None:
        self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
        self.list_view.scrollTo(self.list_view.currentIndex())

    def reveal(self, message_id: int) -> bool:
        """Select a message of the shown list, fetching pages until it is there."""
        row = self.list_model.row_of(message_id)
        while row is None and self.list_model.canFetchMore():
            self.list_model.fetchMore()
            row = self.list_model.row_of(message_id)
        if row is None:
            return False
        self.select_row(row)
        # Jumped to from elsewhere: shown in the middle, with its neighbours around it.
        self.list_view.scrollTo(
            self.list_view.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter
        )
        return True

    # --- selection and reader ------------------------------------------------
    def _selected_row_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        return [mid for r in rows if (mid := self.list_model.message_id(r)) is not None]

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        if not rows and self.list_view.currentIndex().isValid():
            rows = [self.list_view.currentIndex().row()]
        ids = [mid for r in rows if (mid := self.list_model.message_id(r)) is not None]
        # A collapsed conversation acts as a whole (delete, read, star, file).
        return list(
            dict.fromkeys(m for mid in ids for m in (mid, *self.list_model.thread_members(mid)))
        )

    def current_message_id(self) -> int | None:
        index = self.list_view.currentIndex()
        return self.list_model.message_id(index.row()) if index.isValid() else None

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        message_id = self.list_model.message_id(current.row()) if current.isValid() else None
        if message_id is not None and message_id == self._shown_id:
            return  # already in the reader (the list was only updated around it)
        self._show_message(message_id)

    def _show_message(self, message_id: int | None) -> None:
        self._shown_id = message_id
        if self.filing_bar is not None:
            self.filing_chips.set_message(message_id)
            self.filing_bar.setVisible(message_id is not None)
        self.suggestion_bar.set_message(message_id)
        self.selectionChanged.emit()
        if message_id is None:
            if hasattr(self.reader, "clear_message"):
                self.reader.clear_message()
            return
        self.reader.show_message(message_id)
        current = self.list_view.currentIndex()
        row = self.list_model.row(current.row()) if current.isValid() else None
        if row is None or row.id != message_id or not row.seen:
            # Read on open: written in the background, the list follows via the bus.
            run_write(lambda: message_service.mark_read([message_id]), owner=self)
        self.messageShown.emit(message_id)

    def shown_message_id(self) -> int | None:
        """The message in the reader (None when the reader is empty)."""
        return self._shown_id

    def move_selection(self, step: int) -> None:
        index = self.list_view.currentIndex()
        row = index.row() + step if index.isValid() else 0
        if row >= self.list_model.rowCount() and self.list_model.canFetchMore():
            self.list_model.fetchMore()
        if 0 <= row < self.list_model.rowCount():
            self.select_row(row)

    def context_menu(self, actions: dict[str, QAction], pos) -> QMenu:
        menu = QMenu(self)
        names = ("reply", "reply_all", "forward", None, "mark_read", "mark_unread", "star")
        for name in (*names, None, "file_under", "delete"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[name])
        menu.popup(self.list_view.viewport().mapToGlobal(pos))
        return menu

    # --- changes -------------------------------------------------------------
    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh exactly what changed; the selection and scroll position stay."""
        current = self.current_message_id()
        selected = self._selected_row_ids()
        self.list_model.apply_changes(changes)
        if current is not None and self.current_message_id() != current:
            # A reset (rows moved) lost the current row: put it back without reloading
            # the reader, which still shows it.
            row = self.list_model.row_of(current)
            if row is not None:
                self.list_view.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
        if len(selected) > 1 and self._selected_row_ids() != selected:
            # ...and the rest of a multiple selection (e.g. just brought back by Undo).
            selection = self.list_view.selectionModel()
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            for message_id in selected:
                row = self.list_model.row_of(message_id)
                if row is not None:
                    selection.select(self.list_model.index(row, COL_SUBJECT), flags)
        shown = self._shown_id
        if shown is not None and (shown in changes.signals or shown in changes.filings):
            self.suggestion_bar.refresh()
        if shown is not None and (shown in changes.updated or shown in changes.filings):
            if hasattr(self.reader, "refresh"):
                self.reader.refresh()
            if self.filing_bar is not None:
                self.filing_chips.refresh()

    # --- message commands ----------------------------------------------------
    def _write(self, fn: Callable[[], ChangeSet], done: Callable[[ChangeSet], None]) -> None:
        def failed(message: str) -> None:
            self.statusMessage.emit(
                self.tr("Could not save the change: %1").replace("%1", message), 10_000
            )

        run_write(fn, done, failed, owner=self)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = [r for i in ids if (r := self.list_model.row_of(i)) is not None]
        first_row = min(rows) if rows else 0
        # The rows go at once; the store follows in the write queue (R2: Holub only).
        self.list_model.apply_changes(ChangeSet(removed=ids))
        count = self.list_model.rowCount()
        if count:
            self.select_row(min(first_row, count - 1))
        else:
            self._show_message(None)
        description = QCoreApplication.translate(
            "MainWindow", "Delete %n message(s)", None, len(ids)
        )
        # Pushed now, so an undo right away is queued behind the delete it undoes.
        self.undo_stack.push(description, lambda: message_service.restore_locally(ids))
        self.selectionChanged.emit()

        def done(changes: ChangeSet) -> None:
            self.statusMessage.emit(
                self.tr(
                    "%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.",
                    "",
                    len(changes.removed),
                ),
                8000,
            )

        self._write(lambda: message_service.delete_locally(ids), done)

    def undo(self) -> None:
        entry = self.undo_stack.peek()
        if entry is None:
            self.statusMessage.emit(self.tr("Nothing to undo"), 3000)
            return
        self.undo_stack.pop()

        def done(changes: ChangeSet) -> None:
            self.selectionChanged.emit()
            if not changes.added:
                return
            if self.list_model.row_of(changes.added[0]) is None:
                self.apply_changes(changes)  # the bus has not brought it yet
            self.select_ids(changes.added)

        self._write(entry.undo, done)

    def select_ids(self, ids: list[int]) -> None:
        """Select these messages (the selection as it was before a delete), the first current."""
        rows = sorted(r for i in ids if (r := self.list_model.row_of(i)) is not None)
        if not rows:
            return
        self.select_row(rows[0])
        selection = self.list_view.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in rows[1:]:
            selection.select(self.list_model.index(row, COL_SUBJECT), flags)

    def restore_selected(self) -> None:
        """Bring hidden messages back to their folders (the "Deleted in Holub" view)."""
        ids = self.selected_ids()
        if not ids or not self.deleted_view:
            return
        rows = [r for i in ids if (r := self.list_model.row_of(i)) is not None]
        self.list_model.apply_changes(ChangeSet(removed=ids))
        count = self.list_model.rowCount()
        if count:
            self.select_row(min(min(rows, default=0), count - 1))
        else:
            self._show_message(None)
        description = QCoreApplication.translate(
            "MailPane", "Restore %n message(s)", None, len(ids)
        )
        self.undo_stack.push(description, lambda: message_service.delete_locally(ids))
        self.selectionChanged.emit()

        def done(changes: ChangeSet) -> None:
            text = QCoreApplication.translate(
                "MailPane", "%n message(s) back in their folders.", None, len(changes.added)
            )
            self.statusMessage.emit(text, 8000)

        self._write(lambda: message_service.restore_locally(ids), done)

    def mark_selected(self, read: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self._write(lambda: message_service.mark_read(ids, read), lambda _c: None)

    def toggle_star(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._write(lambda: message_service.toggle_starred(ids), lambda _c: None)
