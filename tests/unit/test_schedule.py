"""R12: sync every 30 minutes on the clock, manual refresh at most once per 5 minutes."""

from datetime import datetime, timedelta

from desktop.sync.schedule import (
    manual_refresh_allowed,
    manual_refresh_available_at,
    next_slot,
    seconds_until_next_slot,
    slots_between,
)


def test_next_slot_on_the_clock():
    assert next_slot(datetime(2026, 5, 4, 7, 0, 0)) == datetime(2026, 5, 4, 7, 30)
    assert next_slot(datetime(2026, 5, 4, 7, 0, 1)) == datetime(2026, 5, 4, 7, 30)
    assert next_slot(datetime(2026, 5, 4, 7, 29, 59, 999)) == datetime(2026, 5, 4, 7, 30)
    assert next_slot(datetime(2026, 5, 4, 7, 30)) == datetime(2026, 5, 4, 8, 0)
    assert next_slot(datetime(2026, 5, 4, 23, 45)) == datetime(2026, 5, 5, 0, 0)


def test_slots_follow_each_other_every_half_hour():
    now = datetime(2026, 5, 4, 6, 59, 30)
    seen = []
    for _ in range(4):
        now = next_slot(now)
        seen.append(now.strftime("%H:%M"))
    assert seen == ["07:00", "07:30", "08:00", "08:30"]
    assert seconds_until_next_slot(datetime(2026, 5, 4, 6, 59, 30)) == 30


def test_missed_slots_while_asleep():
    start = datetime(2026, 5, 4, 7, 10)
    assert slots_between(start, datetime(2026, 5, 4, 8, 5)) == [
        datetime(2026, 5, 4, 7, 30),
        datetime(2026, 5, 4, 8, 0),
    ]
    assert slots_between(start, datetime(2026, 5, 4, 7, 20)) == []


def test_manual_refresh_once_per_five_minutes():
    t0 = datetime(2026, 5, 4, 10, 0)
    assert manual_refresh_allowed(None, t0)
    assert manual_refresh_available_at(None, t0) == t0
    # Refreshed at t0: locked until t0 + 5 min.
    for seconds in (0, 1, 60, 299):
        now = t0 + timedelta(seconds=seconds)
        assert not manual_refresh_allowed(t0, now)
        assert manual_refresh_available_at(t0, now) == t0 + timedelta(minutes=5)
    assert manual_refresh_allowed(t0, t0 + timedelta(minutes=5))
    assert manual_refresh_allowed(t0, t0 + timedelta(hours=3))


def test_clock_set_back_does_not_lock_refresh():
    t0 = datetime(2026, 5, 4, 10, 0)
    assert manual_refresh_allowed(t0, t0 - timedelta(hours=1))
