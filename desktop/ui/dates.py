"""One date format everywhere in the window, from the locale (QLocale's default,
which the language setting sets). Store dates are naive UTC; people read local time.

- list_date: the message list — today the time, this year day and month with the
  time, older the short date;
- date_time: a full date and time (Signals, CRM e-mails, tooltips);
- day: a calendar day (a task's due date);
- time_of: a time of day (last sync, refresh available again).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def local(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class _Formats:
    """The locale's patterns, worked out once per locale (the list formats many rows)."""

    def __init__(self) -> None:
        self.name = ""
        # Formatted days and times of day, per locale: a list of 100,000 rows has a few
        # thousand distinct days and at most 1,440 minutes, and QLocale.toString costs
        # ~20 µs a call (the list formats a row's date on every block read).
        self.days: dict[tuple[date, bool], str] = {}
        self.times: dict[tuple[int, int], str] = {}

    def current(self) -> _Formats:
        locale = QLocale()
        if locale.name() != self.name:
            self.name = locale.name()
            self.locale = locale
            self.short_date = locale.dateFormat(QLocale.FormatType.ShortFormat)
            self.time = locale.timeFormat(QLocale.FormatType.ShortFormat)
            # The short date without its year ("d. M. yyyy" → "d. M.", "M/d/yy" → "M/d").
            # Dotted styles keep the dot after the month ("dd.MM.yy" → "dd.MM.").
            tail = re.search(r"[^dM]*y+[^dM]*$", self.short_date)
            no_year = self.short_date[: tail.start()] if tail else self.short_date
            if tail and tail.group(0).startswith("."):
                no_year += "."
            self.day_month = re.sub(r"^y+[^dM]*", "", no_year).strip() or self.short_date
            self.days = {}
            self.times = {}
        return self

    def day_text(self, value: date, with_year: bool) -> str:
        key = (value, with_year)
        text = self.days.get(key)
        if text is None:
            pattern = self.short_date if with_year else self.day_month
            text = self.days[key] = self.locale.toString(_qdate(value), pattern)
        return text

    def time_text(self, value: datetime) -> str:
        key = (value.hour, value.minute)
        text = self.times.get(key)
        if text is None:
            text = self.times[key] = self.locale.toString(_qtime(value), self.time)
        return text


_formats = _Formats()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _qtime(value: datetime) -> QTime:
    return QTime(value.hour, value.minute, value.second)


def list_date(value: datetime | None, today: date | None = None) -> str:
    """``value`` is local time already (the list converts once per row)."""
    if value is None:
        return ""
    f = _formats.current()
    today = today or date.today()
    day = value.date()
    if day == today:
        return f.time_text(value)
    if value.year == today.year:
        return f.day_text(day, False) + " " + f.time_text(value)
    return f.day_text(day, True)


def date_time(utc_naive: datetime | None) -> str:
    if utc_naive is None:
        return ""
    value = local(utc_naive)
    f = _formats.current()
    return f.locale.toString(
        QDateTime(_qdate(value.date()), _qtime(value)), f"{f.short_date} {f.time}"
    )


def day(value: date | None) -> str:
    """A calendar day without a time (a task's due date): the locale's short date."""
    if value is None:
        return ""
    f = _formats.current()
    return f.locale.toString(_qdate(value), f.short_date)


def time_of(utc_naive: datetime) -> str:
    f = _formats.current()
    return f.locale.toString(_qtime(local(utc_naive)), f.time)
