"""Full-text search: the FTS5 index and the small query language of DESIGN.md §2.

Query language: free words (all must match, prefix-matched, Czech diacritics
ignored), ``"exact phrase"``, ``from:``, ``to:`` (To and Cc), ``subject:``,
``has:attachment``, ``is:unread``, ``is:read``, ``is:starred``,
``before:YYYY-MM-DD``, ``after:YYYY-MM-DD``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import SqliteDatabase

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


def parse_query(text: str) -> ParsedQuery:
    try:
        tokens = shlex.split(text, posix=True)
    except ValueError:
        tokens = text.replace('"', " ").split()
    q = ParsedQuery()
    for token in tokens:
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and value and key in {"from", "to", "subject"}:
            column = {"from": "sender", "to": "recipients", "subject": "subject"}[key]
            q.fts.append(f"{column} : {_fts_string(value)}")
        elif sep and key == "has":
            if value.lower() not in {"attachment", "attachments"}:
                raise QueryError(f"has: knows only 'attachment', not {value!r}")
            q.sql.append("m.has_attachments = 1")
        elif sep and key == "is":
            conditions = {
                "unread": "m.seen = 0",
                "read": "m.seen = 1",
                "starred": "m.starred = 1",
                "flagged": "m.starred = 1",
            }
            if value.lower() not in conditions:
                raise QueryError(f"is: knows unread, read and starred, not {value!r}")
            q.sql.append(conditions[value.lower()])
        elif sep and key in {"before", "after"}:
            when = _parse_date(value, key)
            q.sql.append("m.date < ?" if key == "before" else "m.date >= ?")
            q.params.append(when)
        elif _WORD.search(token):
            if " " in token:
                q.fts.append(_fts_string(token))
            else:
                q.fts.append(_fts_string(token) + "*")
    return q


def search_message_ids(
    db: SqliteDatabase,
    text: str,
    *,
    mailbox_id: int | None = None,
    folder_id: int | None = None,
    limit: int | None = 1000,
    include_deleted: bool = False,
) -> list[int]:
    """Ids of the messages matching ``text``, newest first."""
    q = parse_query(text)
    where = list(q.sql)
    params: list[object] = []
    if q.fts:
        join = f"JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = m.id"
        where.insert(0, f"{FTS_TABLE} MATCH ?")
        params.append(q.fts_expression())
    else:
        join = ""
    params.extend(q.params)
    if not include_deleted:
        where.append("m.deleted_locally = 0")
    if mailbox_id is not None:
        where.append("m.mailbox_id = ?")
        params.append(mailbox_id)
    if folder_id is not None:
        where.append("m.folder_id = ?")
        params.append(folder_id)
    sql = f"SELECT m.id FROM message m {join}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY m.date DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in db.execute_sql(sql, params)]
