"""Local delete/undo, read and star (R2: Holub-side only) on a real store."""

from __future__ import annotations

from datetime import date

from desktop.models.mail import Folder, Mailbox, Message
from desktop.services import messages
from desktop.sync.store import FetchedMessage, store_batch


def _fill(n: int = 3) -> list[int]:
    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    folder = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    items = [
        FetchedMessage(
            remote_id=str(i),
            uid=i,
            raw=f"From: a{i}@example.com\r\nSubject: s{i}\r\nMessage-ID: <{i}@x>\r\n\r\nbody {i}\r\n".encode(),
        )
        for i in range(1, n + 1)
    ]
    return store_batch(folder, items).added


def test_delete_and_undo(profile):
    ids = _fill()
    stack = messages.UndoStack()
    changes = messages.delete_with_undo(ids[:2], stack)
    assert sorted(changes.removed) == sorted(ids[:2])
    assert changes.folders
    assert Message.select().where(Message.deleted_locally == True).count() == 2  # noqa: E712
    # Deleting again changes nothing and pushes nothing.
    assert not messages.delete_with_undo(ids[:2], stack)
    assert stack.can_undo()
    back = stack.undo()
    assert sorted(back.added) == sorted(ids[:2])
    assert Message.select().where(Message.deleted_locally == True).count() == 0  # noqa: E712
    assert not stack.can_undo()
    assert not stack.undo()


def test_read_and_star(profile):
    ids = _fill()
    assert messages.mark_read(ids[:1]).updated == ids[:1]
    assert messages.mark_read(ids[:1]).updated == []  # already read
    assert Message.get_by_id(ids[0]).seen
    assert messages.mark_read(ids[:1], read=False).updated == ids[:1]
    assert not Message.get_by_id(ids[0]).seen
    assert messages.set_starred(ids).updated == ids
    assert all(m.starred for m in Message.select())
    assert messages.set_starred([ids[1]], starred=False).updated == [ids[1]]
