"""The message list: a model that holds ids and loads rows in pages, and its delegate.

Stays instant at 100,000 messages:
- the model keeps only message ids (an ``array`` of 64-bit ints), fetched in
  keyset pages (``canFetchMore``/``fetchMore``) over the covering index
  (folder, deleted_locally, date) — no query grows with the folder size;
- row data is loaded a block of rows at a time (one ``IN`` query per block, never
  a query per row) into a bounded LRU cache; the blocks around the viewport are
  loaded ahead in a background thread as the view scrolls, so a paint normally
  finds its rows cached (a miss still loads its block at once: never a blank row);
- rows are painted by a delegate with uniform row heights.
"""

from __future__ import annotations

import logging
import re
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from itertools import accumulate

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.changes import ChangeSet
from desktop.models.db import database
from desktop.services.listing import (  # noqa: F401 - re-exported for the views and tests
    FolderSource,
    IdSource,
    ListSource,
    Row,
    ThreadSource,
    conversation_ids,
    conversation_threads,
    format_date,
    format_size,
    load_rows,
    placed_ids,
)
from desktop.ui import dates
from desktop.ui.crm.chips import paint_chips

log = logging.getLogger(__name__)

PAGE_SIZE = 2000  # ids per fetchMore (one keyset query, ~2 ms)
BLOCK_SIZE = 100  # rows per row-data query
SYNC_ROWS = 40  # rows per query when a paint finds its row not read ahead yet
CACHE_ROWS = 3000  # rows of data kept (bounded: memory does not grow with the folder)
PREFETCH_AHEAD = 400  # rows loaded in the background beyond the viewport, scrolling on
PREFETCH_BEHIND = 100  # and before it (the way back)
PAGE_PRIORITY = 1  # QThreadPool priority of a page of ids over row blocks (0)
PREFETCH_IDS = 1000  # the next page of a folder's ids is read when the view is this near
# Rows are read ahead once the scrolling pauses this long. While the view scrolls
# non-stop, the paint reads the few rows each step shows itself: a loader thread
# running alongside took the GIL from the GUI thread at every Qt call (PySide releases
# it around each drawText) and never got ahead anyway; a step cost 1.5x the CPU and
# its wall time doubled.
READ_AHEAD_IDLE_MS = 60
LAYOUT_CACHE = 300  # rows whose painting is worked out: a few screens, no more (every
# entry kept is more for the cyclic collector to walk: 2000 made its pauses 3x longer)
CHIP_CACHE = 1000  # chip pixmaps kept
ELIDED_CACHE = 5000  # elided texts kept (senders, sizes and dates repeat)

COL_FLAGS, COL_SENDER, COL_SUBJECT, COL_DATE, COL_SIZE = range(5)
CARD_WIDTH = 700  # below this list width, rows are two-line cards instead of columns
COLUMN_COUNT = 5

MessageIdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2


class MessageListModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids = array("q")
        self._source: IdSource | None = None
        self._cache: OrderedDict[int, Row] = OrderedDict()
        self.two_line = False
        self.block_loads = 0  # how many row-data queries ran on the GUI thread (tests, bench)
        # Bumped whenever cached rows may have gone stale (new source, changes): a
        # background load that started before is then dropped, not cached.
        self._epoch = 0
        self._pending: set[int] = set()  # ids being loaded in the background
        # One thread of its own: the loads run in order (nearest first), never wait
        # behind the shared pool's network jobs, and queued ones can be dropped.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._loaded = _RowsLoaded(self)  # after the pool: outlives it when deleted
        self._loaded.done.connect(self._rows_loaded)
        self._loaded.page.connect(self._page_read)
        self._page_pending: tuple[FolderSource, object] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_prefetch)

    # --- what is shown -------------------------------------------------------
    @property
    def source(self) -> IdSource | None:
        return self._source

    def set_source(self, source: IdSource | None, *, two_line: bool = False) -> None:
        self.beginResetModel()
        self._source = source
        self.two_line = two_line
        self._clear_cache()
        self._ids = array("q")
        if source is not None:
            self._ids.extend(source.more(PAGE_SIZE))
        self.endResetModel()

    def show_folder(self, folder_id: int, *, two_line: bool = False) -> None:
        self.set_source(FolderSource(folder_id), two_line=two_line)

    def show_ids(self, ids: list[int], *, two_line: bool = False) -> None:
        self.set_source(ListSource(lambda: list(ids)), two_line=two_line)

    def reload(self, extra: int = 0) -> None:
        """Re-read the source, keeping at least as many rows as were loaded (+ ``extra``).

        New ids are inserted as rows (the view keeps its selection and scroll
        position); only when rows moved or vanished is the model reset. A
        background list (conversations of a big folder) is recomputed in a
        worker and swapped in when ready; the GUI thread never waits for it.
        """
        source = self._source
        if source is None:
            return
        if isinstance(source, ListSource) and source.background:
            from desktop.ui.background import run_in_background

            def done(result) -> None:
                if self._source is source:
                    source.set_result(result)
                    self._refill()

            run_in_background(source.compute, done, owner=self)
            return
        source.reset()
        fresh = source.more(max(len(self._ids), PAGE_SIZE) + extra)
        if not self._insert_new(fresh):
            self.beginResetModel()
            self._clear_cache()
            self._ids = array("q", fresh)
            self.endResetModel()

    def _insert_new(self, fresh: list[int]) -> bool:
        """Insert the ids of ``fresh`` not shown yet; False when the shown ids are not
        an ordered subsequence of ``fresh`` (something moved or went: reset instead)."""
        position = {mid: i for i, mid in enumerate(fresh)}
        last = -1
        for mid in self._ids:
            p = position.get(mid, -1)
            if p <= last:
                return False
            last = p
        shown = set(self._ids)
        i = 0
        while i < len(fresh):
            if fresh[i] in shown:
                i += 1
                continue
            j = i
            while j < len(fresh) and fresh[j] not in shown:
                j += 1
            # Everything before i is already in place, so fresh's index is the row.
            self.beginInsertRows(QModelIndex(), i, j - 1)
            self._ids[i:i] = array("q", fresh[i:j])
            self.endInsertRows()
            i = j
        return True

    def _refill(self) -> None:
        assert self._source is not None
        keep = max(len(self._ids), PAGE_SIZE)
        self.beginResetModel()
        self._clear_cache()
        self._ids = array("q", self._source.more(keep))
        self.endResetModel()

    # --- Qt model API --------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or self._source is None:
            return False
        return not self._source.exhausted()

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        ids = self._source.more(PAGE_SIZE)
        if not ids:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(ids) - 1)
        self._ids.extend(ids)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_FLAGS: "",
                COL_SENDER: self.tr("From"),
                COL_SUBJECT: self.tr("Subject"),
                COL_DATE: self.tr("Date"),
                COL_SIZE: self.tr("Size"),
            }[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                COL_FLAGS: self.tr("Starred, has attachments, filed under a CRM object"),
            }.get(section)
        return None

    def _clear_cache(self) -> None:
        self._cache.clear()
        self._stale()

    def _stale(self) -> None:
        # What is being read ahead may be stale now: drop the queued loads, ignore the
        # running one's result.
        self._epoch += 1
        self._pending.clear()
        self._page_pending = None
        self._pool.clear()

    def stop_prefetch(self) -> None:
        """Drop the queued loads and wait for the running one (quitting, closing)."""
        self._stale()
        self._pool.waitForDone()

    def row(self, row: int) -> Row | None:
        if not 0 <= row < len(self._ids):
            return None
        mid = self._ids[row]
        hit = self._cache.get(mid)
        if hit is not None:
            self._cache.move_to_end(mid)
            return hit
        self._load_block(row)
        return self._cache.get(mid)

    def ensure_rows(self, first: int, last: int) -> None:
        """Have rows ``first``..``last`` (what a paint shows) cached: the missing ones
        in one query, so a step of a non-stop scroll pays one small read, never
        one per block it crosses."""
        cache = self._cache
        ids = [i for i in self._ids[max(0, first) : last + 1] if i not in cache]
        if ids:
            self._load_ids(ids)

    def _load_block(self, row: int) -> None:
        # On the GUI thread only what a viewport shows from here (a page of cards or
        # columns), not a whole block: the read-ahead brings the rest, and a scroll that
        # outruns it pays a few ms per step instead of a block's ~15 ms every few steps.
        start = row
        self._load_ids([i for i in self._ids[start : start + SYNC_ROWS] if i not in self._cache])

    def _load_ids(self, ids: list[int]) -> None:
        source = self._source
        children = source.children if source is not None else frozenset()
        counts = source.counts if source is not None else None
        self.block_loads += 1
        for r in load_rows(ids, children, counts, _list_date()):
            self._cache[r.id] = r
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def prefetch(self, first: int, last: int, *, upwards: bool = False) -> None:
        """Load the row data around rows ``first``..``last`` (the viewport) in the
        background, nearest block first, each block not cached or under way yet."""
        if self._source is None or not self._ids:
            return
        self.prefetch_ids(last)
        ahead = PREFETCH_BEHIND if upwards else PREFETCH_AHEAD
        behind = PREFETCH_AHEAD if upwards else PREFETCH_BEHIND
        lo = max(0, first - behind)
        hi = min(len(self._ids), last + 1 + ahead)
        cache, pending = self._cache, self._pending
        found: list[tuple[int, list[int]]] = []
        for start in range(lo - lo % BLOCK_SIZE, hi, BLOCK_SIZE):
            ids = [
                i
                for i in self._ids[start : start + BLOCK_SIZE]
                if i not in cache and i not in pending
            ]
            if ids:
                found.append((start, ids))
        if not found:
            return
        # Nearest first: the rows about to show are cached before the far ones.
        middle = (first + last) // 2
        found.sort(key=lambda block: abs(block[0] + BLOCK_SIZE // 2 - middle))
        source, epoch = self._source, self._epoch
        for _start, ids in found:
            self._pending.update(ids)
            self._load_in_background(ids, source, epoch)

    def _load_in_background(self, ids: list[int], source: IdSource, epoch: int) -> None:
        # One job per block: each block is cached as soon as it is read.
        job = _LoadRows(self._loaded, epoch, ids, source.children, source.counts)
        self._pool.start(job)

    def prefetch_ids(self, last: int) -> None:
        # Near the end of the loaded ids: the folder's next page is read in the worker
        # and appended when it arrives, so the view rarely has to fetchMore (a query on
        # the GUI thread) when it reaches the bottom.
        source = self._source
        if (
            not isinstance(source, FolderSource)
            or source.exhausted()
            or self._page_pending is not None
            or len(self._ids) - last > PREFETCH_IDS
        ):
            return
        self._page_pending = (source, source.cursor)
        # Ahead of the queued row blocks: behind them it came too late in a fast scroll,
        # and the view then ran fetchMore's keyset query on the GUI thread (~8 ms).
        self._pool.start(_ReadPage(self._loaded, source, source.cursor), PAGE_PRIORITY)

    def _page_read(self, payload: tuple) -> None:
        source, cursor, page = payload
        if self._page_pending != (source, cursor):
            return  # the list changed meanwhile (another folder, a reload)
        self._page_pending = None
        if page is None or source is not self._source or source.cursor != cursor:
            return
        ids, last, done = page
        source.adopt(last, done)
        if ids:
            start = len(self._ids)
            self.beginInsertRows(QModelIndex(), start, start + len(ids) - 1)
            self._ids.extend(ids)
            self.endInsertRows()

    def _rows_loaded(self, epoch: int, ids: list[int], rows: list[Row] | None) -> None:
        if epoch != self._epoch:
            return  # the rows changed meanwhile: what was read may be stale
        self._pending.difference_update(ids)
        cache = self._cache
        for r in rows or ():
            if r.id not in cache:
                cache[r.id] = r
        while len(cache) > CACHE_ROWS:
            cache.popitem(last=False)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid():
            return None
        if role == MessageIdRole:
            return self._ids[index.row()]
        r = self.row(index.row())
        if r is None:
            return None
        if role == RowRole:
            return r
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_SENDER:
                return r.sender
            if col == COL_SUBJECT:
                return r.subject
            if col == COL_DATE:
                return self.tr("Sending…") if r.sending else r.date_text
            if col == COL_SIZE:
                return r.size_text
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SUBJECT:
            return r.snippet or r.subject
        if role == Qt.ItemDataRole.FontRole and not r.seen:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # --- ids and changes -----------------------------------------------------
    def message_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, message_id: int) -> int | None:
        try:
            return self._ids.index(message_id)
        except ValueError:
            return None

    def loaded_ids(self) -> list[int]:
        return list(self._ids)

    def cached_rows(self) -> int:
        return len(self._cache)

    def _rows_of(self, ids: set[int]) -> list[int]:
        # One pass over the loaded ids, however many messages changed.
        if len(ids) == 1:
            row = self.row_of(next(iter(ids)))
            return [] if row is None else [row]
        return [row for row, mid in enumerate(self._ids) if mid in ids]

    # --- conversations -------------------------------------------------------
    def is_expanded(self, message_id: int) -> bool:
        source = self._source
        return isinstance(source, ThreadSource) and message_id in source.expanded

    def thread_head(self, message_id: int) -> int | None:
        """The conversation ``message_id`` belongs to (its head), if it has several."""
        source = self._source
        if not isinstance(source, ThreadSource):
            return None
        head = source.head_of.get(message_id, message_id)
        return head if head in source.counts else None

    def thread_members(self, message_id: int) -> list[int]:
        """The other messages of a collapsed conversation headed by ``message_id``."""
        source = self._source
        if not isinstance(source, ThreadSource) or message_id in source.expanded:
            return []
        return source.members(message_id)

    def set_expanded(self, message_id: int, expanded: bool) -> int | None:
        """Expand or collapse the conversation of ``message_id``; returns its head's row."""
        source = self._source
        head = self.thread_head(message_id)
        row = self.row_of(head) if head is not None else None
        if head is None or row is None or not isinstance(source, ThreadSource):
            return row
        if expanded == (head in source.expanded):
            return row
        members = source.members(head)
        if expanded:
            source.expanded.add(head)
            self.beginInsertRows(QModelIndex(), row + 1, row + len(members))
            self._ids[row + 1 : row + 1] = array("q", members)
            self.endInsertRows()
        else:
            source.expanded.discard(head)
            shown = min(len(members), len(self._ids) - row - 1)
            if shown > 0:
                self.beginRemoveRows(QModelIndex(), row + 1, row + shown)
                del self._ids[row + 1 : row + 1 + shown]
                self.endRemoveRows()
        # The source goes on after what is shown now (fetchMore stays in step).
        source._ids = array("q", source.visible())
        source._pos = len(self._ids)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return row

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh exactly what a service or a sync changed."""
        if changes.removed and isinstance(self._source, ThreadSource):
            # Conversations regroup around what went: re-read the (cached) grouping.
            self._source.forget(set(changes.removed))
            self._refill()
            changes = ChangeSet(
                updated=changes.updated, added=changes.added, folders=changes.folders
            )
        if changes.updated and isinstance(self._source, FolderSource):
            # A rule that moved listed mail to a Holub folder: it leaves this list
            # (one look-up by primary key; ids not listed here are simply not found).
            placed = placed_ids(changes.updated)
            if placed:
                changes = replace(
                    changes,
                    updated=[m for m in changes.updated if m not in placed],
                    removed=[*changes.removed, *placed],
                )
        if changes.removed:
            removed = set(changes.removed)
            self._stale()
            for mid in removed:
                self._cache.pop(mid, None)
            rows = self._rows_of(removed)
            # Remove contiguous runs from the bottom up, so earlier row numbers stay valid.
            while rows:
                end = rows.pop()
                start = end
                while rows and rows[-1] == start - 1:
                    start = rows.pop()
                self.beginRemoveRows(QModelIndex(), start, end)
                del self._ids[start : end + 1]
                self.endRemoveRows()
        if changes.updated or changes.filings:
            # A filing changes the row's chips: repaint it like a flag change.
            updated = set(changes.updated) | set(changes.filings)
            self._stale()
            for mid in updated:
                self._cache.pop(mid, None)
            for row in self._rows_of(updated):
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        if changes.added and self._source is not None:
            folder = self._source.folder_id
            if folder is None or folder in changes.folders:
                self.reload(extra=len(changes.added))


def _list_date() -> Callable[[datetime | None], str]:
    # Today once per block of rows, not once per row (date.today() ~2 µs a call).
    return partial(dates.list_date, today=date.today())


class _RowsLoaded(QObject):
    done = Signal(int, list, object)  # epoch, ids, rows (None: the read failed)
    page = Signal(object)  # (source, cursor, (ids, cursor after, done) or None)


class _ReadPage(QRunnable):
    """Reads a folder's next page of ids in the model's prefetch thread."""

    def __init__(self, relay: _RowsLoaded, source: FolderSource, cursor: object) -> None:
        super().__init__()
        self.relay, self.source, self.cursor = relay, source, cursor

    def run(self) -> None:
        page = None
        try:
            database.connect(reuse_if_open=True)
            try:
                page = self.source.page(self.cursor, PAGE_SIZE)
            finally:
                database.close()
        except Exception:  # fetchMore reads it on the GUI thread then; nothing is lost
            log.exception("reading list ids ahead failed")
        self.relay.page.emit((self.source, self.cursor, page))


class _LoadRows(QRunnable):
    """Reads one block of row data in the model's prefetch thread."""

    def __init__(
        self,
        relay: _RowsLoaded,
        epoch: int,
        ids: list[int],
        children: set[int] | frozenset[int],
        counts: dict[int, int],
    ) -> None:
        super().__init__()
        self.relay, self.epoch, self.ids = relay, epoch, ids
        self.children, self.counts = children, counts

    def run(self) -> None:
        rows: list[Row] | None = None
        try:
            # Its own connection, closed after: a pooled thread must not keep one
            # pointing at an old profile (as desktop/ui/background.py does).
            database.connect(reuse_if_open=True)
            try:
                rows = load_rows(self.ids, self.children, self.counts, _list_date())
            finally:
                database.close()
        except Exception:  # the paint loads the block itself then; nothing is lost
            log.exception("reading list rows ahead failed")
        self.relay.done.emit(self.epoch, self.ids, rows)


_ICONS = {
    "attachment": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M10.5 4.5v6a2.5 2.5'
        ' 0 0 1-5 0V3.8a1.8 1.8 0 0 1 3.6 0v6.4a.9.9 0 0 1-1.8 0V5" fill="none" stroke="#555"'
        ' stroke-width="1.3" stroke-linecap="round"/></svg>'
    ),
    "filed": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 4.5h4l1.5 1.5H14'
        'v6.5H2z" fill="#4f8fd6" stroke="#2d6bb3" stroke-width="1"/></svg>'
    ),
    "star": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1.5l1.9 4 4.4.5'
        '-3.3 3 .9 4.4L8 11.2 4.1 13.4 5 9 1.7 6l4.4-.5z" fill="#f2b01e" stroke="#c98a00"'
        ' stroke-width=".8"/></svg>'
    ),
    "star-off": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1.5l1.9 4 4.4.5'
        '-3.3 3 .9 4.4L8 11.2 4.1 13.4 5 9 1.7 6l4.4-.5z" fill="none" stroke="#c8c8c8"'
        ' stroke-width=".9"/></svg>'
    ),
}
_pixmaps: dict[tuple[str, int], QPixmap] = {}


def icon_pixmap(name: str, size: int) -> QPixmap:
    key = (name, size)
    if key not in _pixmaps:
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        QSvgRenderer(QByteArray(_ICONS[name].encode())).render(painter, QRectF(0, 0, size, size))
        painter.end()
        _pixmaps[key] = pm
    return _pixmaps[key]


class MessageDelegate(QStyledItemDelegate):
    """Paints a cell: markers, sender, subject (+ snippet on a second line), date, size.

    Called for every visible cell on every scroll step, so the Python work per cell
    is small: fonts and metrics are made once per font; what a row shows (elided
    texts, their positions, chip pixmaps) is worked out once per row and width and
    kept in a bounded cache, so a repaint (hover, selection, a scroll back) only
    draws; texts are drawn at a baseline point (Qt's fast path, no layout per call)
    and elided on no more characters than the room can hold.
    """

    def __init__(self, model: MessageListModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._fonts_for: QFont | None = None
        # Narrow list: one two-line "card" per message in the subject column.
        self.cards = False
        # (row id, column or -1 for a card, width, pixel ratio) → (row, expanded, ops)
        self._layouts: OrderedDict[tuple[int, int, int, float], tuple] = OrderedDict()
        self._chip_pixmaps: dict[tuple[str, str, int, float], QPixmap] = {}
        self._text_widths: dict[tuple[str, bool], int] = {}
        self._elided: dict[tuple[str, int, bool], str] = {}
        # Advance of each character drawn so far, per font (normal, bold): see _fits.
        self._chars: tuple[dict[str, float], dict[str, float]] = ({}, {})
        self._faint: dict[int, QColor] = {}

    def set_font(self, base: QFont) -> None:
        # Fonts and metrics for painting, computed when the view's font is set, not per cell.
        self._fonts_for = QFont(base)
        self.normal = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.fm_normal = QFontMetrics(self.normal)
        self.fm_bold = QFontMetrics(self.bold)
        self._fmf = (QFontMetricsF(self.normal), QFontMetricsF(self.bold))
        self.line_h = self.fm_normal.height()
        # Baselines of a line of text vertically centred in a line_h high line.
        self.base_normal = (self.line_h - self.fm_normal.height()) // 2 + self.fm_normal.ascent()
        self.base_bold = (self.line_h - self.fm_bold.height()) // 2 + self.fm_bold.ascent()
        # No glyph is narrower than this: a room of w px never shows more than w // it
        # characters, so a long snippet is cut to that before it is elided.
        self.min_char = max(1, min(self.fm_normal.horizontalAdvance(c) for c in " .,:;'|!il"))
        self.chip_min = self.fm_normal.horizontalAdvance("Abc…") + 10
        self.forget_layouts()

    def forget_layouts(self) -> None:
        """Drop what was worked out per row (font, language or list changed)."""
        self._layouts.clear()
        self._chip_pixmaps.clear()
        self._text_widths.clear()
        self._elided.clear()
        for chars in self._chars:
            chars.clear()

    def row_height(self, base: QFont) -> int:
        if self._fonts_for is None or self._fonts_for != base:
            self.set_font(base)
        two = self.cards or self.model.two_line
        return self.line_h * 2 + 10 if two else self.line_h + 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(40, self.row_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # One cell (the view paints whole rows itself, see MessageListView.paintEvent;
        # this serves Qt's own callers: grabs, drag pixmaps, tests).
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawPrimitive(_PANEL, option, painter, widget)
        r = self.model.row(index.row())
        if r is None:
            return
        if self._fonts_for is None:
            self.set_font(option.font)
        rect = option.rect
        col = -1 if self.cards else index.column()
        ops = self._ops(r, col, rect.width(), painter.device().devicePixelRatioF())
        selected = bool(option.state & _SELECTED)
        color = option.palette.color(_HIGHLIGHTED_TEXT if selected else _TEXT)
        self._draw(painter, ops, rect.x(), rect.y(), color)

    def paint_rows(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rows: range,
        ys: range,
        columns: tuple[tuple[int, int, int], ...],
        colors: tuple[QColor, QColor],
        dpr: float,
        selected: set[int],
    ) -> None:
        """Rows ``rows`` at ``ys``: ``columns`` are the shown (column, x, width), left to
        right; ``option`` has the view's state, ``selected`` the selected rows.

        The panels and pixmaps are drawn row by row, then the texts of all rows grouped
        by font and colour: a few font and pen changes a paint, not a few a row."""
        model = self.model
        cards = self.cards
        x0, width = (columns[0][1], columns[0][2]) if cards else (0, 0)
        left = columns[0][1]
        span = columns[-1][1] + columns[-1][2] - left
        height = ys.step
        texts: dict[tuple[bool, bool, bool], list[tuple[int, int, str]]] = {}
        plain_state = option.state
        for row, y in zip(rows, ys, strict=True):
            chosen = row in selected
            if chosen:  # an unselected row has no panel to draw (no hover, no brush)
                option.rect = QRect(left, y, span, height)
                option.state = plain_state | _SELECTED
                widget = option.widget
                widget.style().drawPrimitive(_PANEL, option, painter, widget)
                option.state = plain_state
            r = model.row(row)
            if r is None:
                continue
            pixmaps, cell_texts = (
                self._ops(r, -1, width, dpr) if cards else self._ops(r, _ROW, columns, dpr)
            )
            for x, dy, pixmap in pixmaps:
                painter.drawPixmap(x0 + x, y + dy, pixmap)
            for x, dy, text, bold, faint in cell_texts:
                key = (bold, faint, chosen)
                group = texts.get(key)
                if group is None:
                    group = texts[key] = []
                group.append((x0 + x, y + dy, text))
        for (bold, faint, chosen), group in texts.items():
            painter.setFont(self.bold if bold else self.normal)
            color = colors[1] if chosen else colors[0]
            painter.setPen(self._faint_of(color) if faint else color)
            draw = painter.drawText
            for x, y, text in group:
                draw(x, y, text)

    def _ops(
        self, r: Row, col: int, width: int | tuple[tuple[int, int, int], ...], dpr: float
    ) -> tuple[list, list]:
        """What the cell shows (pixmaps and texts at offsets), from the cache when the
        row, its width and its conversation state are as when it was worked out.
        ``col`` -1 is a card; _ROW is a whole row of columns, ``width`` then being
        the shown (column, x, width)s."""
        expanded = bool(r.thread_count) and self.model.is_expanded(r.id)
        key = (r.id, col, width, dpr)
        hit = self._layouts.get(key)
        if hit is not None and hit[0] is r and hit[1] == expanded:
            self._layouts.move_to_end(key)
            return hit[2]
        if isinstance(width, tuple):
            ops = self._row_ops(r, width, dpr)
        elif col < 0:
            ops = self._card_ops(r, width, dpr)
        else:
            ops = self._cell_ops(r, col, width, dpr)
        self._layouts[key] = (r, expanded, ops)
        if len(self._layouts) > LAYOUT_CACHE:
            self._layouts.popitem(last=False)
        return ops

    def _draw(
        self, painter: QPainter, ops: tuple[list, list], x0: int, y0: int, color: QColor
    ) -> None:
        pixmaps, texts = ops
        for x, y, pixmap in pixmaps:
            painter.drawPixmap(x0 + x, y0 + y, pixmap)
        font = pen = None
        for x, y, text, bold, faint in texts:
            want = self.bold if bold else self.normal
            if want is not font:
                painter.setFont(want)
                font = want
            if faint is not pen:
                painter.setPen(self._faint_of(color) if faint else color)
                pen = faint
            painter.drawText(x0 + x, y0 + y, text)

    # --- what a row shows, worked out once per row and width ----------------
    def _faint_of(self, color: QColor) -> QColor:
        key = color.rgba()
        faint = self._faint.get(key)
        if faint is None:
            faint = QColor(color)
            faint.setAlpha(140)
            self._faint[key] = faint
        return faint

    def _elide(self, fm: QFontMetrics, text: str, width: int) -> str:
        # Senders, sizes and dates come back row after row: each is elided once per width.
        key = (text, width, fm is self.fm_bold)
        shown = self._elided.get(key)
        if shown is None:
            if len(self._elided) > ELIDED_CACHE:
                self._elided.clear()
            shown = self._elided[key] = self._elide_now(fm, text, width)
        return shown

    def _elide_now(self, fm: QFontMetrics, text: str, width: int) -> str:
        if width <= 0:
            return ""
        sums = self._char_sums(text, fm is self.fm_bold)
        if sums is not None:
            if sums[-1] <= width - 1:
                return text  # fits whole: what elidedText would return, without shaping
            # Shaping narrows a Latin text by a few % at most: the characters up to
            # 10% + 20 px beyond the room cannot fit, so Qt elides only those.
            cut = bisect_right(sums, width * 1.1 + 20) + 1
        else:
            cut = width // self.min_char + 1
        if len(text) <= cut:
            return fm.elidedText(text, _ELIDE, width)
        shown = fm.elidedText(text[:cut], _ELIDE, width)
        # The cut part fitting whole (zero-width marks): elide the whole text after all.
        return shown if shown != text[:cut] else fm.elidedText(text, _ELIDE, width)

    def _char_sums(self, text: str, bold: bool) -> list[float] | None:
        """The running sum of the advances of ``text``'s characters, or None when it is
        empty or has characters outside the Latin scripts and common punctuation.

        For Latin text the sum is an upper bound of the shaped width (kerning and
        ligatures only narrow it), so a text whose sum fits the room is shown whole
        with no call into Qt's shaper (elidedText/horizontalAdvance shape the whole
        text: ~15-30 µs a call, three or four calls per new row)."""
        if not text or _NOT_LATIN.search(text):
            return None
        chars = self._chars[bold]
        try:
            return list(accumulate(map(chars.__getitem__, text)))
        except KeyError:
            fm = self._fmf[bold]
            for ch in set(text).difference(chars):
                chars[ch] = fm.horizontalAdvance(ch)
            return list(accumulate(map(chars.__getitem__, text)))

    def _width(self, fm: QFontMetrics, text: str) -> int:
        # Chips, and dates and sizes placed right-aligned: each text measured once per font.
        key = (text, fm is self.fm_bold)
        width = self._text_widths.get(key)
        if width is None:
            if len(self._text_widths) > ELIDED_CACHE:
                self._text_widths.clear()
            width = self._text_widths[key] = fm.horizontalAdvance(text)
        return width

    def _chip_ops(
        self, chips: tuple[tuple[str, int, str], ...], x: int, y: int, limit: int, dpr: float
    ) -> tuple[int, list[tuple[int, int, QPixmap]]]:
        """The filings (then labels) as chip pixmaps from ``x``, at most ``limit`` px;
        returns the width used and where each chip goes."""
        start, end = x, x + limit
        out: list[tuple[int, int, QPixmap]] = []
        for kind, _oid, name in chips:
            text = name if len(name) <= 24 else name[:23] + "…"
            width = self._width(self.fm_normal, text) + 10
            if x + width > end:
                # The chip that does not fit is shortened, if a few letters still fit.
                room = end - x
                if room < self.chip_min:
                    break
                text = self.fm_normal.elidedText(text, _ELIDE, room - 10)
                width = room
            out.append((x, y + 1, self._chip_pixmap(kind, text, width, dpr)))
            x += width + 4
        return (x - start if out else 0), out

    def _chip_pixmap(self, kind: str, text: str, width: int, dpr: float) -> QPixmap:
        # The same companies and projects come back row after row: each chip is drawn
        # (antialiased rounded box + text) once and then copied.
        key = (kind, text, width, dpr)
        pixmap = self._chip_pixmaps.get(key)
        if pixmap is None:
            if len(self._chip_pixmaps) > CHIP_CACHE:
                self._chip_pixmaps.clear()
            height = self.line_h - 2
            pixmap = QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setFont(self.normal)
            paint_chips(painter, QRect(0, -1, width, self.line_h), [(kind, 0, text)], width)
            painter.end()
            self._chip_pixmaps[key] = pixmap
        return pixmap

    def _subject_text(self, r: Row, child_mark: str) -> str:
        subject = r.subject or self.tr("(no subject)")
        if r.parse_error:
            subject = "⚠ " + subject
        if r.thread_child:
            return child_mark + subject
        if r.thread_count:
            return self._thread_prefix(r) + subject
        return subject

    def _row_ops(
        self, r: Row, columns: tuple[tuple[int, int, int], ...], dpr: float
    ) -> tuple[list, list]:
        # The row's cells together, at their x: one cache entry and one draw per row,
        # the texts ordered so the font and pen change as little as possible.
        pixmaps: list[tuple[int, int, QPixmap]] = []
        texts: list[tuple[int, int, str, bool, bool]] = []
        for col, x, width in columns:
            cell_pixmaps, cell_texts = self._cell_ops(r, col, width, dpr)
            pixmaps += [(x + px, py, pixmap) for px, py, pixmap in cell_pixmaps]
            texts += [(x + tx, ty, text, bold, faint) for tx, ty, text, bold, faint in cell_texts]
        texts.sort(key=lambda t: (t[4], t[3]))
        return pixmaps, texts

    def _cell_ops(self, r: Row, col: int, width: int, dpr: float) -> tuple[list, list]:
        top = 4
        if col == COL_FLAGS:
            size = min(16, self.line_h)
            y = top + (self.line_h - size) // 2
            icons = [("star" if r.starred else "star-off", True)]
            icons += [("attachment", r.attachment), ("filed", r.filed)]
            return [
                (3 + i * (size + 2), y, icon_pixmap(name, size))
                for i, (name, on) in enumerate(icons)
                if on
            ], []
        if col == COL_SENDER:
            text = r.sender
        elif col == COL_SUBJECT:
            text = self._subject_text(r, "    ↳ ")
        elif col == COL_DATE:
            text = self._date_text(r)
        else:
            text = r.size_text
        fm, base = (self.fm_normal, self.base_normal) if r.seen else (self.fm_bold, self.base_bold)
        room = width - 10
        left, first_width = 5, room
        pixmaps: list[tuple[int, int, QPixmap]] = []
        if col == COL_SUBJECT and (r.chips or r.labels):
            # The filings (then labels) first, as in the reader; at most 40% of the column.
            used, pixmaps = self._chip_ops(r.all_chips(), left, top, int(room * 0.4), dpr)
            if used:
                left += used + 2
                first_width -= used + 2
        shown = self._elide(fm, text, first_width)
        x = left + first_width - self._width(fm, shown) if col == COL_SIZE else left
        texts = [(x, top + base, shown, not r.seen, False)]
        if col == COL_SUBJECT and self.model.two_line and r.snippet:
            second = top + self.line_h + 2 + self.base_normal
            texts.append((5, second, self._elide(self.fm_normal, r.snippet, room), False, True))
        return pixmaps, texts

    def _card_ops(self, r: Row, width: int, dpr: float) -> tuple[list, list]:
        """Line 1: markers, sender … date (the date first: nothing pushes it out).
        Line 2: the filings as chips (at most 40%), subject — snippet."""
        fm, base = (self.fm_normal, self.base_normal) if r.seen else (self.fm_bold, self.base_bold)
        bold = not r.seen
        top = 4
        left = 5
        right = end = width - 6  # the cell's last pixel column is width - 1
        size = min(14, self.line_h)
        pixmaps: list[tuple[int, int, QPixmap]] = []
        texts: list[tuple[int, int, str, bool, bool]] = []
        icons = [n for n, on in (("star", r.starred), ("attachment", r.attachment)) if on]
        for name in icons:  # right to left, after the date
            right -= size
            pixmaps.append((right, top + (self.line_h - size) // 2, icon_pixmap(name, size)))
            right -= 3
        date_text = self._date_text(r)
        date_advance = self._width(fm, date_text)
        texts.append((right - date_advance, top + base, date_text, bold, False))
        sender_w = max(0, right - date_advance - 12 - left)
        texts.append((left, top + base, self._elide(fm, r.sender, sender_w), bold, False))
        second = top + self.line_h + 2
        x = left
        if r.chips or r.labels:
            used, chips = self._chip_ops(r.all_chips(), x, second, int((end - left) * 0.4), dpr)
            pixmaps += chips
            if used:
                x += used + 2
        room = end - x
        shown = self._elide(self.fm_normal, self._subject_text(r, "↳ "), room)
        texts.append((x, second + self.base_normal, shown, False, False))
        rest = room - self.fm_normal.horizontalAdvance(shown) - 8
        if r.snippet and rest > 40:
            snippet = self._elide(self.fm_normal, "— " + r.snippet, rest)
            texts.append((end - rest, second + self.base_normal, snippet, False, True))
        return pixmaps, texts

    def _date_text(self, r: Row) -> str:
        # What the user just sent shows in Sent at once, marked until the server took it.
        return self.tr("Sending…") if r.sending else r.date_text

    def _thread_prefix(self, r: Row) -> str:
        # ▸/▾ and the count: a collapsed conversation shows its newest message and date.
        return ("▾ " if self.model.is_expanded(r.id) else "▸ ") + f"({r.thread_count}) "


_ROW = -2  # a layout-cache "column": the whole row of shown columns
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ALIGN_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
_ELIDE = Qt.TextElideMode.ElideRight
# Characters outside Latin (with Latin-1, Extended-A/B), general punctuation and the
# printable ASCII: their shaped width is not bounded by their advances (see _char_sums).
_NOT_LATIN = re.compile(r"[^\u0020-\u007e\u00a0-\u024f\u2010-\u2027\u2030-\u205e]")


class MessageListView(QTableView):
    """A flat table: row positions are O(1) (fixed row height), unlike QTreeView's
    per-row layout, which made each fetchMore cost O(rows) at 100k rows."""

    def __init__(self, model: MessageListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageList")
        self.setModel(model)
        self.list_model = model
        self.delegate = MessageDelegate(model, self)
        self.empty_text = ""  # what an empty list says (set_empty_text)
        self.setItemDelegate(self.delegate)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setMinimumSectionSize(10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(COL_FLAGS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_FLAGS, 60)
        header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_SENDER, 160)
        header.resizeSection(COL_DATE, 100)
        header.resizeSection(COL_SIZE, 60)
        model.modelReset.connect(self.update_row_height)
        model.modelReset.connect(self.delegate.forget_layouts)
        # Row data for where the view is heading is read ahead, off the GUI thread.
        self._last_scroll = 0
        self._upwards = False
        self._read_ahead = QTimer(self)
        self._read_ahead.setSingleShot(True)
        self._read_ahead.setInterval(READ_AHEAD_IDLE_MS)
        self._read_ahead.timeout.connect(self._prefetch_rows)
        self.verticalScrollBar().valueChanged.connect(self._prefetch)
        model.modelReset.connect(self._prefetch)
        model.rowsInserted.connect(self._prefetch)
        model.rowsAboutToBeInserted.connect(self._before_insert)
        model.rowsInserted.connect(self._after_insert)
        self._top_row = -1
        self._columns_state = header.saveState()
        self.update_row_height()

    def _prefetch(self, *_args) -> None:
        # The next page of ids at once (one query in the loader thread, rarely); the
        # row data when the scrolling pauses (see READ_AHEAD_IDLE_MS).
        value = self.verticalScrollBar().value()
        if value != self._last_scroll:
            self._upwards = value < self._last_scroll
        self._last_scroll = value
        shown = self._shown_rows()
        if shown is not None:
            self.list_model.prefetch_ids(shown[1])
        self._read_ahead.start()

    def _prefetch_rows(self) -> None:
        shown = self._shown_rows()
        if shown is not None:
            self.list_model.prefetch(*shown, upwards=self._upwards)

    def _shown_rows(self) -> tuple[int, int] | None:
        rows = self.list_model.rowCount()
        if not rows:
            return None
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height() - 1)
        return first, rows - 1 if last < 0 else last

    def keyPressEvent(self, event) -> None:
        # Right/+ opens the conversation under the cursor, Left/− closes it (on a reply too).
        key = event.key()
        index = self.currentIndex()
        mid = self.list_model.message_id(index.row()) if index.isValid() else None
        wants = {
            Qt.Key.Key_Right: True,
            Qt.Key.Key_Plus: True,
            Qt.Key.Key_Left: False,
            Qt.Key.Key_Minus: False,
        }.get(Qt.Key(key))
        if wants is not None and mid is not None and self.list_model.thread_head(mid) is not None:
            row = self.list_model.set_expanded(mid, wants)
            if row is not None and not wants:
                self.setCurrentIndex(self.list_model.index(row, COL_SUBJECT))
            return
        super().keyPressEvent(event)

    def columns_state(self) -> QByteArray:
        """The header's state in columns mode (what is saved, whatever the mode now)."""
        return self._columns_state if self.delegate.cards else self.header().saveState()

    def restore_columns_state(self, state: QByteArray) -> None:
        if self.delegate.cards:
            self._columns_state = state
        else:
            self.header().restoreState(state)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the rows in the exposed area, one delegate call per row.

        QTableView paints cell by cell: five Python calls per row in columns, each
        with its own style option; at 100,000 rows and a page per scroll step that
        was most of a step. Every cell here is the delegate's own drawing (no
        editors, grid, hover or drop indicator), so the rows are drawn directly.
        """
        model = self.list_model
        count = model.rowCount()
        area = event.rect()
        if count == 0 and self.empty_text:
            self._paint_empty_text()
            return
        first = self.rowAt(area.top())
        if count == 0 or first < 0:
            return  # nothing listed there: the viewport's background is already painted
        last = self.rowAt(area.bottom())
        if last < 0:
            last = count - 1
        header = self.horizontalHeader()
        columns = []
        for visual in range(header.count()):
            col = header.logicalIndex(visual)
            if header.isSectionHidden(col):
                continue
            x, width = header.sectionViewportPosition(col), header.sectionSize(col)
            if x + width > area.left() and x <= area.right():
                columns.append((col, x, width))
        if not columns:
            return
        shown = tuple(columns)
        delegate = self.delegate
        if delegate._fonts_for is None:
            delegate.set_font(self.font())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        palette = option.palette
        colors = (palette.color(_TEXT), palette.color(_HIGHLIGHTED_TEXT))
        height = self.rowHeight(first)  # uniform: the vertical header is fixed
        top = self.rowViewportPosition(first)
        rows = range(first, last + 1)
        selected = self._selected_rows(first, last)
        model.ensure_rows(first, last)
        painter = QPainter(self.viewport())
        dpr = painter.device().devicePixelRatioF()
        ys = range(top, top + len(rows) * height, height)
        delegate.paint_rows(painter, option, rows, ys, shown, colors, dpr, selected)
        painter.end()

    def set_empty_text(self, text: str) -> None:
        """What an empty list says instead of a blank pane ("" says nothing: the list is
        still being read)."""
        if text != self.empty_text:
            self.empty_text = text
            self.viewport().update()

    def _paint_empty_text(self) -> None:
        painter = QPainter(self.viewport())
        color = self.palette().color(_TEXT)
        color.setAlphaF(0.6)
        painter.setPen(color)
        room = self.viewport().rect().adjusted(24, 32, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(room, int(flags), self.empty_text)
        painter.end()

    def _selected_rows(self, first: int, last: int) -> set[int]:
        """The selected rows among ``first``..``last``, from the selection's ranges
        (a few) instead of asking the selection model row by row (~5 µs a row)."""
        selection = self.selectionModel()
        if selection is None or not selection.hasSelection():
            return set()
        whole: set[int] = set()
        partly: set[int] = set()
        right = self.list_model.columnCount() - 1
        for span in selection.selection():
            top, bottom = max(span.top(), first), min(span.bottom(), last)
            if top <= bottom:
                rows = range(top, bottom + 1)
                (whole if span.left() == 0 and span.right() == right else partly).update(rows)
        # Rows only some of whose cells are selected: as the selection model decides.
        root = QModelIndex()
        whole.update(row for row in partly - whole if selection.isRowSelected(row, root))
        return whole

    def changeEvent(self, event) -> None:
        # "(no subject)", "Sending…" and the thread marks are in the worked-out rows.
        if event.type() == QEvent.Type.LanguageChange:
            self.delegate.forget_layouts()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_mode()

    def _fit_mode(self) -> None:
        # Narrower than about 700 px, columns leave the subject a sliver: show cards.
        cards = self.viewport().width() < CARD_WIDTH
        if cards == self.delegate.cards:
            return
        header = self.header()
        if cards:
            self._columns_state = header.saveState()
            for col in range(COLUMN_COUNT):
                header.setSectionHidden(col, col != COL_SUBJECT)
            header.hide()
        else:
            header.restoreState(self._columns_state)
            for col in range(COLUMN_COUNT):
                header.setSectionHidden(col, False)
            header.show()
        self.delegate.cards = cards
        self.update_row_height()

    def _before_insert(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        self._top_row = self.rowAt(0)

    def _after_insert(self, _parent: QModelIndex, first: int, last: int) -> None:
        # New mail above what the user is looking at must not push it away: keep the
        # same messages in view (at the very top, the new rows simply show up).
        bar = self.verticalScrollBar()
        if bar.value() > 0 and 0 <= first <= self._top_row:
            bar.setValue(bar.value() + (last - first + 1) * self.rowHeight(first))

    def header(self) -> QHeaderView:
        return self.horizontalHeader()

    def update_row_height(self) -> None:
        self.delegate.set_font(self.font())
        self.verticalHeader().setDefaultSectionSize(self.delegate.row_height(self.font()))
