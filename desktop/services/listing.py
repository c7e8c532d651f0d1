"""The message list's data, Qt-free: row data by id, and where the ids come from.

The list model (desktop/ui/message_list.py) keeps only ids and asks these for
pages of ids (keyset pages over the covering index) and for blocks of row data
(one ``IN`` query per block), so nothing here grows with the folder size.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from desktop.crm.rules import labels_for_messages
from desktop.models.db import database
from desktop.services import sent_copies


class Row(NamedTuple):
    id: int
    sender: str
    subject: str
    snippet: str
    date: datetime | None  # local time
    size: int
    seen: bool
    starred: bool
    attachment: bool
    filed: bool
    parse_error: bool
    thread_child: bool
    date_text: str  # formatted once when the row is loaded, not on every paint
    size_text: str
    # (kind, id, name) of the CRM objects the message is filed under, drawn as chips.
    chips: tuple[tuple[str, int, str], ...] = ()
    # Messages in the conversation this row heads (conversations view; 0 otherwise).
    thread_count: int = 0
    # Holub's own labels (R15), drawn as grey chips after the filings.
    labels: tuple[str, ...] = ()
    # A copy of what the user just sent (services/sent_copies.py): its Outbox state,
    # "queued"/"sending" until the server took it; "" for every other message.
    outbox_state: str = ""

    @property
    def sending(self) -> bool:
        return self.outbox_state in ("queued", "sending")

    def all_chips(self) -> tuple[tuple[str, int, str], ...]:
        """The filings, then the labels, as the delegate paints them."""
        if not self.labels:
            return self.chips
        return self.chips + tuple(("label", 0, name) for name in self.labels)


_ROW_SQL = (
    'SELECT m.id, m.from_name, m.from_addr, m."to", m.subject, m.snippet, m.date, m.size, '
    "m.seen, m.starred, m.has_attachments, m.direction, m.parse_error IS NOT NULL, "
    "EXISTS(SELECT 1 FROM filing f WHERE f.message_id = m.id AND f.removed = 0), "
    "EXISTS(SELECT 1 FROM message_label ml WHERE ml.message_id = m.id), m.remote_id "
    "FROM message m WHERE m.id IN ({marks})"
)


# A block's filings with the names of their objects in one plain query: what
# crm.service.filings_for_messages returns (live filings, in filing order; objects the
# CRM cache does not hold are left out), without building three ORM queries per block
# (half of a block's load time before).
_CHIPS_SQL = (
    "SELECT f.message_id, f.object_kind, f.object_id, CASE f.object_kind"
    " WHEN 'company' THEN (SELECT c.name FROM company c WHERE c.id = f.object_id)"
    " WHEN 'project' THEN (SELECT p.name FROM project p WHERE p.id = f.object_id)"
    " WHEN 'task' THEN (SELECT t.name FROM task t WHERE t.id = f.object_id) END"
    " FROM filing f WHERE f.message_id IN ({marks}) AND f.removed = 0 ORDER BY f.id"
)


def _chips_of(ids: Sequence[int]) -> dict[int, list[tuple[str, int, str]]]:
    out: dict[int, list[tuple[str, int, str]]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        sql = _CHIPS_SQL.format(marks=",".join("?" * len(chunk)))
        for mid, kind, oid, name in database.execute_sql(sql, chunk):
            if name is not None:
                out.setdefault(mid, []).append((kind, oid, name))
    return out


# UTC offset of local time per hour of stored dates ("YYYY-MM-DD HH"): astimezone
# costs ~4 µs a row, and a list's rows come a few dozen to an hour.
_OFFSETS: dict[str, timedelta | None] = {}
_OFFSET_HOURS = 50_000  # bounded: ~6 years of hours


def _parse_date(
    value: object, offsets: dict[str, timedelta | None] | None = None
) -> datetime | None:
    """A stored (naive UTC) date as naive local time; with ``offsets`` (_OFFSETS), the
    UTC offset is worked out once per hour of the dates."""
    if isinstance(value, datetime):
        utc = value
    elif isinstance(value, str) and value:
        try:
            utc = datetime.fromisoformat(value)
        except ValueError:
            return None
        if offsets is not None and utc.tzinfo is None:
            hour = value[:13]  # "YYYY-MM-DD HH"
            if hour not in offsets:
                if len(offsets) > _OFFSET_HOURS:
                    offsets.clear()
                offsets[hour] = _hour_offset(utc)
            offset = offsets[hour]
            if offset is not None:
                return utc + offset
    else:
        return None
    return _local(utc)


def _local(utc: datetime) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _hour_offset(utc: datetime) -> timedelta | None:
    # The local time's offset for the whole hour of ``utc``, or None when it changes
    # within that hour (a DST switch off the full hour, as in Adelaide or Newfoundland).
    start = utc.replace(minute=0, second=0, microsecond=0)
    first = _local(start) - start
    end = start + timedelta(minutes=59, seconds=59, microseconds=999999)
    return first if _local(end) - end == first else None


def _sender_text(name: str, addr: str, to_json: str, direction: str) -> str:
    if direction == "sent":
        try:
            to = json.loads(to_json or "[]")
        except ValueError:
            to = []
        names = ", ".join((n or a) for n, a in to[:3]) if to else ""
        return "→ " + names if names else "→"
    return name or addr


def load_rows(
    ids: Sequence[int],
    children: set[int] | frozenset[int] = frozenset(),
    counts: dict[int, int] | None = None,
    date_format: Callable[[datetime | None], str] | None = None,
) -> list[Row]:
    """Row data for the given ids (one query), in the order given."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found: dict[int, Row] = {}
    with_labels: list[int] = []
    ours: dict[int, str] = {}
    for r in database.execute_sql(_ROW_SQL.format(marks=marks), list(ids)):
        mid, name, addr, to_json, subject, snippet, date, size = r[:8]
        seen, starred, attach, direction, broken, filed, labelled, remote_id = r[8:]
        if remote_id.startswith(sent_copies.PREFIX):
            ours[mid] = remote_id
        if labelled:
            with_labels.append(mid)
        when = _parse_date(date, _OFFSETS)
        found[mid] = Row(
            mid,
            _sender_text(name, addr, to_json, direction),
            subject or "",
            " ".join((snippet or "").split()),
            when,
            size or 0,
            bool(seen),
            bool(starred),
            bool(attach),
            bool(filed),
            bool(broken),
            mid in children,
            (date_format or format_date)(when),
            format_size(size or 0),
            thread_count=counts.get(mid, 0) if counts else 0,
        )
    filed = [mid for mid, row in found.items() if row.filed]
    if filed:  # one query for the block, never one per row
        for mid, chips in _chips_of(filed).items():
            found[mid] = found[mid]._replace(chips=tuple(chips))
    for mid, state in sent_copies.states(ours).items():
        found[mid] = found[mid]._replace(outbox_state=state)
    if with_labels:
        for mid, names in labels_for_messages(with_labels).items():
            found[mid] = found[mid]._replace(labels=tuple(names))
    return [found[i] for i in ids if i in found]


# A message a rule (or the user) placed in a Holub folder shows there, not in its
# server folder (R15). message_placement's key is message_id, so this is one index
# probe per row the keyset page reads.
_NOT_PLACED = "AND NOT EXISTS (SELECT 1 FROM message_placement mp WHERE mp.message_id = message.id)"


def any_placements() -> bool:
    row = database.execute_sql("SELECT EXISTS(SELECT 1 FROM message_placement)").fetchone()
    return bool(row[0])


def placed_ids(ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` now sit in a Holub folder (a rule's "move", run on listed mail)."""
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in database.execute_sql(
                f"SELECT message_id FROM message_placement WHERE message_id IN ({marks})", chunk
            )
        )
    return found


class IdSource:
    """Where the model's ids come from. ``more(n)`` returns the next up to n ids."""

    folder_id: int | None = None
    children: frozenset[int] | set[int] = frozenset()
    counts: dict[int, int] = {}  # conversation heads → messages in the conversation

    def reset(self) -> None:
        raise NotImplementedError

    def more(self, n: int) -> list[int]:
        raise NotImplementedError

    def exhausted(self) -> bool:
        raise NotImplementedError


class FolderSource(IdSource):
    """A folder's visible messages, newest first, read in keyset pages.

    Each page continues after the last (date, id) seen, so fetching page k costs
    the same as page 1 — there is no OFFSET scan.
    """

    def __init__(self, folder_id: int) -> None:
        self.folder_id = folder_id
        self.reset()

    def reset(self) -> None:
        self._last: tuple[str, int] | None = None
        self._done = False
        # Without any placement (most profiles) the pages skip the NOT EXISTS probe.
        self._not_placed = _NOT_PLACED if any_placements() else ""

    def more(self, n: int) -> list[int]:
        if self._done:
            return []
        ids, last, done = self.page(self._last, n)
        self.adopt(last, done)
        return ids

    def page(
        self, after: tuple[str, int] | None, n: int
    ) -> tuple[list[int], tuple[str, int] | None, bool]:
        """The up to n ids after ``after`` (a (date, id) cursor; None: from the newest),
        the cursor after them, and whether the folder ends there. Reads only: a worker
        may read the next page ahead, and ``adopt`` it if the source has not moved."""
        if after is None:
            sql = (
                "SELECT id, date FROM message INDEXED BY message_folder_id_deleted_locally_date "
                "WHERE folder_id = ? AND deleted_locally = 0 " + self._not_placed + " "
                "ORDER BY date DESC, id DESC LIMIT ?"
            )
            params: list[object] = [self.folder_id, n]
        else:
            sql = (
                "SELECT id, date FROM message INDEXED BY message_folder_id_deleted_locally_date "
                "WHERE folder_id = ? AND deleted_locally = 0 AND (date, id) < (?, ?) "
                + self._not_placed
                + " "
                "ORDER BY date DESC, id DESC LIMIT ?"
            )
            params = [self.folder_id, after[0], after[1], n]
        rows = database.execute_sql(sql, params).fetchall()
        last = (rows[-1][1], rows[-1][0]) if rows else after
        return [r[0] for r in rows], last, len(rows) < n

    @property
    def cursor(self) -> tuple[str, int] | None:
        return self._last

    def adopt(self, last: tuple[str, int] | None, done: bool) -> None:
        """Move on past a page read by ``page`` (here or in a worker)."""
        self._last = last
        self._done = done

    def exhausted(self) -> bool:
        return self._done


class ListSource(IdSource):
    """A computed id list (search results, conversations), handed out in pages.

    With ``initial`` (computed off the GUI thread by the caller) the list is
    "background": a later reload recomputes it in a worker too.
    """

    def __init__(
        self,
        compute: Callable[[], list[int]] | Callable[[], tuple[list[int], set[int]]],
        folder_id: int | None = None,
        *,
        initial: list[int] | tuple[list[int], set[int]] | None = None,
    ) -> None:
        self.compute = compute
        self.folder_id = folder_id
        self.background = initial is not None
        self.set_result(initial if initial is not None else compute())

    def set_result(self, result: list[int] | tuple[list[int], set[int]]) -> None:
        if isinstance(result, tuple):
            ids, self.children = result
        else:
            ids, self.children = result, frozenset()
        self._ids = array("q", ids)
        self._pos = 0

    def reset(self) -> None:
        self.set_result(self.compute())

    def rewind(self) -> None:
        self._pos = 0

    def more(self, n: int) -> list[int]:
        chunk = self._ids[self._pos : self._pos + n]
        self._pos += len(chunk)
        return list(chunk)

    def exhausted(self) -> bool:
        return self._pos >= len(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def conversation_ids(folder_id: int) -> tuple[list[int], set[int]]:
    """A folder's ids grouped by thread (newest thread first); the set holds the replies."""
    rows = database.execute_sql(
        "SELECT id, thread_key FROM ("
        " SELECT id, thread_key, date, MAX(date) OVER (PARTITION BY thread_key) AS last"
        " FROM message WHERE folder_id = ? AND deleted_locally = 0 " + _NOT_PLACED + ")"
        " ORDER BY last DESC, thread_key, date DESC, id DESC",
        [folder_id],
    ).fetchall()
    ids: list[int] = []
    children: set[int] = set()
    previous = None
    for mid, key in rows:
        ids.append(mid)
        if key and key == previous:
            children.add(mid)
        previous = key
    return ids, children


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    now = datetime.now()
    if value.date() == now.date():
        return value.strftime("%H:%M")
    if value.year == now.year:
        return f"{value.day}. {value.month}. {value.strftime('%H:%M')}"
    return f"{value.day}. {value.month}. {value.year}"


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / 1024 / 1024:.1f} MB"


def conversation_threads(folder_id: int) -> list[list[int]]:
    """A folder's conversations, newest first; each is its ids, newest first."""
    ids, children = conversation_ids(folder_id)
    threads: list[list[int]] = []
    for mid in ids:
        if mid in children and threads:
            threads[-1].append(mid)
        else:
            threads.append([mid])
    return threads


class ThreadSource(ListSource):
    """Conversations, collapsed to their newest message unless expanded.

    The whole folder's grouping is computed once (in a worker); expanding or
    collapsing only recomputes which ids are visible, without the store.
    """

    def __init__(
        self,
        compute: Callable[[], list[list[int]]],
        folder_id: int | None = None,
        *,
        initial: list[list[int]] | None = None,
    ) -> None:
        self.expanded: set[int] = set()
        super().__init__(compute, folder_id, initial=initial)

    def set_result(self, result) -> None:
        self.threads: list[list[int]] = [list(t) for t in result]
        self.counts = {t[0]: len(t) for t in self.threads if len(t) > 1}
        self.head_of = {m: t[0] for t in self.threads for m in t[1:]}
        self.children = frozenset(self.head_of)
        self.expanded &= set(self.counts)
        self._ids = array("q", self.visible())
        self._pos = 0

    def visible(self) -> list[int]:
        out: list[int] = []
        for thread in self.threads:
            out.append(thread[0])
            if thread[0] in self.expanded:
                out.extend(thread[1:])
        return out

    def members(self, head: int) -> list[int]:
        for thread in self.threads:
            if thread[0] == head:
                return thread[1:]
        return []

    def forget(self, ids: set[int]) -> None:
        """Drop messages (deleted) from their conversations."""
        threads = [[m for m in t if m not in ids] for t in self.threads]
        expanded = set(self.expanded)
        self.set_result([t for t in threads if t])
        self.expanded = expanded & set(self.counts)
