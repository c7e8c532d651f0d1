"""One date format everywhere in the window, from the locale."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from desktop.ui import dates


def _with_locale(name: str):
    QLocale.setDefault(QLocale(name))


def test_list_dates_follow_the_locale(qapp):
    today = date(2026, 12, 2)
    try:
        _with_locale("cs_CZ")
        assert dates.list_date(datetime(2026, 12, 2, 14, 5), today) == "14:05"
        assert dates.list_date(datetime(2026, 3, 1, 8, 5), today) == "01.03. 8:05"
        assert dates.list_date(datetime(2025, 3, 1, 8, 5), today) == "01.03.25"
        _with_locale("en_US")

        # (Newer CLDR puts a narrow no-break space before AM/PM.)
        def plain(text: str) -> str:
            return text.replace("\u202f", " ")

        assert plain(dates.list_date(datetime(2026, 12, 2, 14, 5), today)) == "2:05 PM"
        assert plain(dates.list_date(datetime(2026, 3, 1, 8, 5), today)) == "3/1 8:05 AM"
        assert dates.list_date(datetime(2025, 3, 1, 8, 5), today) == "3/1/25"
    finally:
        _with_locale("en")


def test_the_list_the_signals_and_the_status_bar_use_it(window, qtbot):
    row = window.list_model.row(0)
    assert row.date_text == dates.list_date(row.date)
    assert window.list_model.index(0, 3).data() == row.date_text
