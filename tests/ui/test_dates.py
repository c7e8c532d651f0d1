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


def test_reader_header_and_reply_quote_use_the_one_format_in_local_time(window, qtbot):
    """The reader's Date row and the quote line / forward header of a reply are in the
    locale's format and the user's local time, like the list (issue 7)."""
    import os
    import time

    from desktop.models.mail import Message
    from desktop.render.text import format_date
    from desktop.sync import compose
    from desktop.ui.compose import ComposeWindow

    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Prague"
    time.tzset()
    try:
        _with_locale("cs_CZ")
        mid = window.list_model.message_id(0)
        stored = Message.get_by_id(mid).date  # naive UTC
        expected = dates.date_time(stored)
        assert expected == QLocale().toString(
            dates.local(stored), "dd.MM.yy H:mm"
        )  # Czech short date and time, local (UTC+1 in winter)
        assert dates.local(stored).hour != stored.hour
        window.reader.show_message(mid)
        shown = dict((k.text(), v.text()) for k, v in window.reader.header_labels)
        assert shown["Date"] == expected == format_date(stored, dates.date_time)

        reply = ComposeWindow.reply(mid)
        qtbot.addWidget(reply)
        assert f"On {expected}," in reply.editor.toPlainText()
        forward = ComposeWindow.forward(mid)
        qtbot.addWidget(forward)
        assert f"Date: {expected}" in forward.editor.toPlainText()
        # Without a window (Qt-free callers): local time, never UTC.
        draft = compose.reply_draft(mid)
        local = dates.local(stored).strftime("%Y-%m-%d %H:%M")
        assert f"On {local}," in draft.html and "UTC" not in draft.html
    finally:
        _with_locale("en")
        if old_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


def test_settings_rules_and_drafts_use_it_too(qtbot, profile):
    """The mailbox's import date, a rule's last run (stored in UTC, shown in local
    time) and its preview lines: the same one format as the list (issue 7)."""
    from desktop.crm import rules as crm_rules
    from desktop.models.rules import Rule
    from desktop.ui.mailbox_settings import MailboxSettingsDialog
    from desktop.ui.rules.editor import RuleEditor
    from desktop.ui.rules.tab import RulesTab
    from tests.ui.conftest import fill

    mailbox, _inbox, _ids = fill(3)
    rule, _ = crm_rules.add_rule("Hello", "message", [("label", "M")], mailbox_id=mailbox.id)
    ran = datetime(2026, 11, 30, 23, 30)  # UTC
    Rule.update(last_run_at=ran).where(Rule.id == rule.id).execute()
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    assert dialog.import_from.text() == dates.day(mailbox.import_from)
    tab = dialog.findChild(RulesTab, "rulesTab")
    assert f"last run {dates.date_time(ran)}" in tab.list.item(0).text()

    editor = RuleEditor(mailbox.id)
    qtbot.addWidget(editor)
    editor.open()
    editor.query.setText("message")
    qtbot.waitUntil(lambda: editor.preview.count() == 3, timeout=10_000)
    newest = max(_ids)
    from desktop.models.mail import Message

    stored = Message.get_by_id(newest).date
    assert editor.preview.item(0).text().startswith(dates.date_time(stored) + "  ")
