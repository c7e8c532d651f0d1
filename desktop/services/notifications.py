"""What a sync brought that is worth a notification (R13), Qt-free.

Counts every message that arrived — in chunks under SQLite's bound-variable
limit, never only the first few hundred — and names the newest one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.changes import ChangeSet
from desktop.models.db import database
from desktop.models.mail import ROLE_INBOX, Mailbox

_CHUNK = 500


@dataclass(frozen=True)
class NewMail:
    mailbox_name: str
    count: int
    sender: str  # of the newest
    subject: str


def new_mail(mailbox_id: int, added: Iterable[int]) -> NewMail | None:
    """Unread received mail in an inbox among ``added``; None when nothing to announce
    (or when the mailbox has notifications switched off)."""
    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    if mailbox is None or not mailbox.notify:
        return None
    ids = list(dict.fromkeys(int(i) for i in added))
    count = 0
    newest: tuple[str, str, str] | None = None  # date, sender, subject
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = database.execute_sql(
            "SELECT m.date, COALESCE(NULLIF(m.from_name, ''), m.from_addr), m.subject "
            "FROM message m JOIN folder f ON f.id = m.folder_id "
            f"WHERE m.id IN ({marks}) AND m.seen = 0 AND m.direction = 'received' "
            "AND m.deleted_locally = 0 AND f.role = ?",
            [*chunk, ROLE_INBOX],
        ).fetchall()
        count += len(rows)
        for date, sender, subject in rows:
            key = str(date or "")
            if newest is None or key > newest[0]:
                newest = (key, sender or "", subject or "")
    if not count or newest is None:
        return None
    return NewMail(mailbox.name, count, newest[1], newest[2])


class ArrivalTally:
    """A bus subscriber counting, per mailbox, the unread inbox mail each batch brings.

    It runs on the committing thread right after the commit, before any view could
    open (and so mark read) a new message, so the count is what actually arrived.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tally: dict[int, list] = {}  # mailbox id → [count, newest date, sender, subject]

    def reset(self, mailbox_id: int) -> None:
        with self._lock:
            self._tally.pop(mailbox_id, None)

    def take(self, mailbox_id: int) -> NewMail | None:
        with self._lock:
            entry = self._tally.pop(mailbox_id, None)
        if not entry:
            return None
        mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
        if mailbox is None or not mailbox.notify:
            return None
        return NewMail(mailbox.name, entry[0], entry[2], entry[3])

    def __call__(self, changes: ChangeSet) -> None:
        ids = list(dict.fromkeys(changes.added))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = database.execute_sql(
                "SELECT f.mailbox_id, m.date, COALESCE(NULLIF(m.from_name, ''), m.from_addr), "
                "m.subject FROM message m JOIN folder f ON f.id = m.folder_id "
                f"WHERE m.id IN ({marks}) AND m.seen = 0 AND m.direction = 'received' "
                "AND m.deleted_locally = 0 AND f.role = ?",
                [*chunk, ROLE_INBOX],
            ).fetchall()
            with self._lock:
                for mailbox_id, date, sender, subject in rows:
                    entry = self._tally.setdefault(mailbox_id, [0, "", "", ""])
                    entry[0] += 1
                    if str(date or "") >= entry[1]:
                        entry[1:] = [str(date or ""), sender or "", subject or ""]
