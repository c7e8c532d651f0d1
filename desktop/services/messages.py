"""Holub-side message state: local delete with undo, read/unread, star.

Nothing here talks to the server (R2): "delete" hides the message in Holub
only, and read/star are Holub's own state. Every function writes the store in
one transaction, publishes the ChangeSet on the bus after the commit (so every
view refreshes just those rows) and returns it. Called from a background job:
the GUI thread never writes the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.changes import ChangeSet, bus
from desktop.models.db import database
from desktop.models.mail import Message

_CHUNK = 500  # stays under SQLite's bound-variable limit


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _folders_of(ids: list[int]) -> set[int]:
    folders: set[int] = set()
    for chunk in _chunks(ids):
        query = Message.select(Message.folder).where(Message.id.in_(chunk)).distinct()
        folders.update(row.folder_id for row in query)
    return folders


def _set(ids: Iterable[int], **values: object) -> list[int]:
    """Set columns on the given messages; returns the ids that changed."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        return []
    changed: list[int] = []
    (column, value), *_ = values.items()
    field = getattr(Message, column)
    with database.atomic():
        for chunk in _chunks(ids):
            rows = Message.select(Message.id).where(Message.id.in_(chunk) & (field != value))
            hit = [row.id for row in rows]
            if hit:
                Message.update(**values).where(Message.id.in_(hit)).execute()
                changed += hit
    return changed


def _published(changes: ChangeSet) -> ChangeSet:
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
    return changes


def delete_locally(ids: Iterable[int]) -> ChangeSet:
    """Hide messages in Holub (R2: nothing changes on the server)."""
    from desktop.crm import sharing  # R11: a shared mailbox's level, and its CRM copy

    ids = list(ids)
    sharing.write_delete(ids)
    changed = _set(ids, deleted_locally=True)
    return _published(ChangeSet(removed=changed, folders=_folders_of(changed)))


def restore_locally(ids: Iterable[int]) -> ChangeSet:
    """Undo a local delete."""
    changed = _set(ids, deleted_locally=False)
    return _published(ChangeSet(added=changed, folders=_folders_of(changed)))


def mark_read(ids: Iterable[int], read: bool = True) -> ChangeSet:
    changed = _set(ids, seen=read)
    return _published(ChangeSet(updated=changed, folders=_folders_of(changed)))


def set_starred(ids: Iterable[int], starred: bool = True) -> ChangeSet:
    changed = _set(ids, starred=starred)
    return _published(ChangeSet(updated=changed, folders=_folders_of(changed)))


def toggle_starred(ids: Iterable[int]) -> ChangeSet:
    """Star them all unless all are starred already (then unstar them all)."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    starred = 0
    for chunk in _chunks(ids):
        starred += (
            Message.select().where(Message.id.in_(chunk) & (Message.starred == True)).count()  # noqa: E712
        )
    return set_starred(ids, starred < len(ids))


def hidden_messages(limit: int = 5000) -> list[int]:
    """Messages hidden in Holub (the "Deleted in Holub" view), newest first."""
    rows = database.execute_sql(
        "SELECT id FROM message WHERE deleted_locally = 1 ORDER BY date DESC, id DESC LIMIT ?",
        [limit],
    )
    return [r[0] for r in rows]


@dataclass
class UndoEntry:
    description: str
    undo: Callable[[], ChangeSet]


class UndoStack:
    """The last few reversible operations, newest last (the GUI's Ctrl+Z)."""

    def __init__(self, limit: int = 50) -> None:
        self.limit = limit
        self._entries: list[UndoEntry] = []

    def push(self, description: str, undo: Callable[[], ChangeSet]) -> None:
        self._entries.append(UndoEntry(description, undo))
        del self._entries[: -self.limit]

    def can_undo(self) -> bool:
        return bool(self._entries)

    def peek(self) -> UndoEntry | None:
        return self._entries[-1] if self._entries else None

    def pop(self) -> UndoEntry | None:
        """Take the newest entry off (the caller runs its ``undo`` in a background job)."""
        return self._entries.pop() if self._entries else None

    def undo(self) -> ChangeSet:
        if not self._entries:
            return ChangeSet()
        return self._entries.pop().undo()


def delete_with_undo(ids: Iterable[int], stack: UndoStack, description: str = "") -> ChangeSet:
    """Delete locally and remember how to bring exactly these messages back."""
    changes = delete_locally(ids)
    if changes.removed:
        removed = list(changes.removed)
        stack.push(description or f"delete {len(removed)}", lambda: restore_locally(removed))
    return changes
