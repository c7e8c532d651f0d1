"""Full-text search: the FTS5 index and the small query language of DESIGN.md §2.

Query language: free words (all must match, prefix-matched, Czech diacritics
ignored), ``"exact phrase"``, ``from:``, ``to:`` (To and Cc), ``subject:``,
``has:attachment``, ``is:unread``, ``is:read``, ``is:starred``,
``before:YYYY-MM-DD``, ``after:YYYY-MM-DD``; and the CRM and Holub's own terms
(R15): ``company:ID``, ``project:ID``, ``task:ID`` (filed under that object),
``filed:yes|no``, ``label:NAME``, ``in:NAME`` (placed in that Holub-side folder).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import OperationalError, SqliteDatabase

FTS_TABLE = "message_fts"


def create_fts(db: SqliteDatabase) -> None:
    # rowid = Message.id. remove_diacritics 2 folds "čeština" to "cestina".
    db.execute_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "subject, sender, recipients, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )


def index_message(
    db: SqliteDatabase, message_id: int, subject: str, sender: str, recipients: str, body: str
) -> None:
    db.execute_sql(
        f"INSERT OR REPLACE INTO {FTS_TABLE}(rowid, subject, sender, recipients, body) "
        "VALUES (?, ?, ?, ?, ?)",
        (message_id, subject, sender, recipients, body),
    )


def unindex_messages(db: SqliteDatabase, message_ids: list[int]) -> None:
    for start in range(0, len(message_ids), 500):
        chunk = message_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)


class QueryError(ValueError):
    """The search text cannot be understood (bad date, unknown is:/has: value)."""


@dataclass
class ParsedQuery:
    fts: list[str] = field(default_factory=list)  # FTS5 sub-expressions, ANDed
    sql: list[str] = field(default_factory=list)  # SQL conditions on table alias m
    params: list[object] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.fts and not self.sql

    def fts_expression(self) -> str:
        return " AND ".join(self.fts)


def _fts_string(text: str) -> str:
    # An FTS5 string: tokenised like the column, so an address or a phrase
    # becomes a phrase query. Double quotes are escaped by doubling.
    return '"' + text.replace('"', '""') + '"'


_WORD = re.compile(r"\w", re.UNICODE)


def _parse_date(value: str, key: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    except ValueError as exc:
        raise QueryError(f"{key}: expects a date as YYYY-MM-DD, not {value!r}") from exc


_FIELD_COLUMNS = {"from": "sender", "to": "recipients", "subject": "subject"}
_IS_CONDITIONS = {
    "unread": "m.seen = 0",
    "read": "m.seen = 1",
    "starred": "m.starred = 1",
    "flagged": "m.starred = 1",
}


_FILED = "EXISTS (SELECT 1 FROM filing f WHERE f.message_id = m.id AND f.removed = 0"


def _extra_term(q: ParsedQuery, key: str, value: str) -> None:
    """company:/project:/task:/filed:/label: as SQL conditions on alias m."""
    if key in {"company", "project", "task"}:
        if not value.isdigit():
            raise QueryError(f"{key}: expects the CRM id, a number, not {value!r}")
        q.sql.append(_FILED + " AND f.object_kind = ? AND f.object_id = ?)")
        q.params += [key, int(value)]
    elif key == "filed":
        if value.lower() not in {"yes", "no"}:
            raise QueryError(f"filed: knows yes and no, not {value!r}")
        q.sql.append(("" if value.lower() == "yes" else "NOT ") + _FILED + ")")
    elif not value:
        raise QueryError(f"{key}: needs a name after it")
    elif key == "in":
        q.sql.append(
            "EXISTS (SELECT 1 FROM message_placement mp WHERE mp.message_id = m.id "
            "AND mp.folder_name = ? COLLATE NOCASE)"
        )
        q.params.append(value)
    else:
        q.sql.append(
            "EXISTS (SELECT 1 FROM message_label ml JOIN label l ON l.id = ml.label_id "
            "WHERE ml.message_id = m.id AND l.name = ? COLLATE NOCASE)"
        )
        q.params.append(value)


_EXTRA_TERMS = {"company", "project", "task", "filed", "label", "in"}


def parse_query(text: str) -> ParsedQuery:
    """Turn the search text into FTS5 sub-expressions and SQL conditions.

    Every user word reaches FTS5 only inside a quoted string, so no input can
    form FTS5 syntax (NEAR, OR, column filters, parentheses) by accident.
    Words and field values are prefix-matched ("nov" finds "Novák").
    """
    try:
        tokens = shlex.split(text, posix=True)
    except ValueError:  # an unbalanced quote: read the words without the quotes
        tokens = text.replace('"', " ").replace("'", " ").split()
    q = ParsedQuery()
    for token in tokens:
        key, sep, value = token.partition(":")
        key = key.lower()
        value = value.strip()
        if sep and key in _FIELD_COLUMNS:
            if not _WORD.search(value):
                raise QueryError(f"{key}: needs a word or an address after it")
            q.fts.append(f"{_FIELD_COLUMNS[key]} : {_fts_string(value)}*")
        elif sep and key == "has":
            if value.lower() not in {"attachment", "attachments"}:
                raise QueryError(f"has: knows only 'attachment', not {value!r}")
            q.sql.append("m.has_attachments = 1")
        elif sep and key == "is":
            if value.lower() not in _IS_CONDITIONS:
                raise QueryError(f"is: knows unread, read and starred, not {value!r}")
            q.sql.append(_IS_CONDITIONS[value.lower()])
        elif sep and key in {"before", "after"}:
            when = _parse_date(value, key)
            q.sql.append("m.date < ?" if key == "before" else "m.date >= ?")
            # The store keeps naive UTC text "YYYY-MM-DD HH:MM:SS": compare like with like.
            q.params.append(when.strftime("%Y-%m-%d %H:%M:%S"))
        elif sep and key in _EXTRA_TERMS:
            _extra_term(q, key, value)
        elif _WORD.search(token):
            if any(ch.isspace() for ch in token):
                q.fts.append(_fts_string(token))  # a quoted phrase: exact
            else:
                q.fts.append(_fts_string(token) + "*")
    return q


# A word found in most messages makes "sort every match by date" the slow part
# (~120 ms at 100k messages). Past DENSE_MATCHES matches, walk the newest
# messages in chunks instead and ask FTS5 only about each chunk's id range.
DENSE_MATCHES = 5000
DENSE_CHUNK = 2000


def search_message_ids(
    db: SqliteDatabase,
    text: str,
    *,
    mailbox_id: int | None = None,
    folder_id: int | None = None,
    limit: int | None = 1000,
    include_deleted: bool = False,
) -> list[int]:
    """Ids of the messages matching ``text``, newest first (date, then id)."""
    q = parse_query(text)
    where = list(q.sql)
    params: list[object] = list(q.params)
    if not include_deleted:
        where.append("m.deleted_locally = 0")
    if mailbox_id is not None:
        where.append("m.mailbox_id = ?")
        params.append(mailbox_id)
    if folder_id is not None:
        where.append("m.folder_id = ?")
        params.append(folder_id)
    try:
        if q.fts and limit is not None and limit <= DENSE_CHUNK:
            expression = q.fts_expression()
            probe = db.execute_sql(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH ? LIMIT {DENSE_MATCHES + 1})",
                [expression],
            ).fetchone()[0]
            if probe > DENSE_MATCHES:
                found = _dense_search(db, expression, where, params, limit)
                if found is not None:
                    return found
        sql = "SELECT m.id FROM message m"
        all_params = list(params)
        if q.fts:
            sql += f" JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = m.id"
            where = [f"{FTS_TABLE} MATCH ?", *where]
            all_params.insert(0, q.fts_expression())
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY m.date DESC, m.id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [row[0] for row in db.execute_sql(sql, all_params)]
    except OperationalError as exc:  # an FTS5 complaint we did not foresee
        raise QueryError(f"cannot search for {text!r} ({exc})") from exc


def _dense_search(
    db: SqliteDatabase, expression: str, where: list[str], params: list[object], limit: int
) -> list[int] | None:
    """The same result as the sorted join, for a query most messages match.

    Returns None when message ids do not follow dates (e.g. an old archive
    imported last): an id range would then cover most of the index each time.
    """
    found: list[int] = []
    cursor: list[object] = []
    size = min(DENSE_CHUNK, max(2 * limit, 200))  # grows while matches are sparser
    while len(found) < limit:
        conditions = list(where)
        if cursor:
            conditions.append("(m.date, m.id) < (?, ?)")
        sql = "SELECT m.id, m.date FROM message m"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" ORDER BY m.date DESC, m.id DESC LIMIT {size}"
        chunk = db.execute_sql(sql, [*params, *cursor]).fetchall()
        if not chunk:
            break
        ids = [row[0] for row in chunk]
        low, high = min(ids), max(ids)
        if high - low > size * 20:
            return None
        hits = {
            row[0]
            for row in db.execute_sql(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
                "AND rowid BETWEEN ? AND ?",
                [expression, low, high],
            )
        }
        found.extend(i for i in ids if i in hits)
        if len(chunk) < size:
            break
        cursor = [chunk[-1][1], chunk[-1][0]]
        size = min(DENSE_CHUNK, size * 2)
    return found[:limit]
