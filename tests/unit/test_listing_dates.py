"""The list's dates: stored UTC shown in local time, the offset worked out once per hour."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import pytest

from desktop.services import listing


@pytest.fixture(params=["Europe/Prague", "Australia/Adelaide", "America/St_Johns", "UTC"])
def zone(request):
    # astimezone() follows the process's TZ: set it for the test, then put it back.
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_dates_per_hour_offset_match_astimezone_across_dst_switches(zone):
    """Every 7 minutes over the days around both DST switches of 2026 (Adelaide and
    Newfoundland switch off the full UTC hour): the same local time as astimezone."""
    offsets: dict[str, timedelta | None] = {}
    for start in (
        datetime(2026, 3, 27),
        datetime(2026, 4, 3),
        datetime(2026, 10, 2),
        datetime(2026, 10, 23),
        datetime(2026, 11, 1),
    ):
        for step in range(0, 4 * 24 * 60, 7):
            utc = start + timedelta(minutes=step, seconds=step % 60)
            stored = utc.strftime("%Y-%m-%d %H:%M:%S")
            assert listing._parse_date(stored, offsets) == listing._local(utc), (zone, stored)
    assert listing._parse_date("", offsets) is None
    assert listing._parse_date("not a date", offsets) is None
