"""When mailboxes are synchronised (R12): pure functions, tested with a fake clock.

Automatic sync runs every 30 minutes on the clock (7:00, 7:30, 8:00 …) in the
user's local time; a manual "Refresh" is allowed at most once per 5 minutes.
Callers pass ``now`` in; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SYNC_INTERVAL_MINUTES = 30
MANUAL_COOLDOWN = timedelta(minutes=5)


def next_slot(now: datetime) -> datetime:
    """The first half-hour boundary strictly after ``now`` (keeps ``now``'s tzinfo)."""
    floor = now.replace(
        minute=(now.minute // SYNC_INTERVAL_MINUTES) * SYNC_INTERVAL_MINUTES,
        second=0,
        microsecond=0,
    )
    return floor + timedelta(minutes=SYNC_INTERVAL_MINUTES)


def seconds_until_next_slot(now: datetime) -> float:
    return (next_slot(now) - now).total_seconds()


def manual_refresh_available_at(last_manual: datetime | None, now: datetime) -> datetime:
    """When the next manual refresh may start: ``now`` if it may start right away."""
    if last_manual is None:
        return now
    # A clock set back (last_manual in the future) must not lock Refresh for hours.
    if last_manual > now:
        return now
    return max(now, last_manual + MANUAL_COOLDOWN)


def manual_refresh_allowed(last_manual: datetime | None, now: datetime) -> bool:
    return manual_refresh_available_at(last_manual, now) <= now


def slots_between(start: datetime, end: datetime) -> list[datetime]:
    """Every sync slot in (start, end]: what a sleeping laptop missed (callers sync once)."""
    slots = []
    slot = next_slot(start)
    while slot <= end:
        slots.append(slot)
        slot = next_slot(slot)
    return slots
