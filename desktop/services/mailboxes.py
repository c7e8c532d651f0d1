"""Mailbox bookkeeping the window needs, Qt-free: which to sync, the refresh limit."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.changes import ChangeSet, bus
from desktop.models.mail import KIND_LOCAL, Mailbox
from desktop.sync import schedule


def syncable_ids() -> list[int]:
    """Every mailbox a sync can reach (imported ones have no server)."""
    return [m.id for m in Mailbox.select(Mailbox.id).where(Mailbox.kind != KIND_LOCAL)]


def due_at_start(now_local: datetime, now_utc: datetime) -> list[int]:
    """Mailboxes whose last sync is older than the last 30-minute slot (or never ran).

    ``now_local`` places the slot on the wall clock (like the schedule timer),
    ``now_utc`` is naive UTC, like the store's ``last_sync_at``.
    """
    last_slot = schedule.next_slot(now_local) - timedelta(minutes=schedule.SYNC_INTERVAL_MINUTES)
    since_slot = (now_local - last_slot).total_seconds()
    due: list[int] = []
    for mailbox in Mailbox.select().where(Mailbox.kind != KIND_LOCAL):
        last = mailbox.last_sync_at
        if last is None or (now_utc - last).total_seconds() > since_slot:
            due.append(mailbox.id)
    return due


def record_manual_refresh(mailbox_id: int, when: datetime) -> ChangeSet:
    """Remember a manual refresh (R12: once every 5 minutes)."""
    Mailbox.update(last_manual_refresh_at=when).where(Mailbox.id == mailbox_id).execute()
    changes = ChangeSet(mailboxes={mailbox_id})
    bus.publish(changes)
    return changes
