"""Refresh (R12) with a fake clock, sync worker signals, notifications (R13), settings, language."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from desktop.changes import ChangeSet
from desktop.models.mail import Mailbox
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui import i18n
from desktop.ui import settings as prefs
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import make_raw


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now


def _new_mail_sync(mailbox_id, progress, cancel):
    """A real sync stand-in: stores two new messages through the import path."""
    from desktop.models.mail import Folder

    inbox = Folder.get((Folder.mailbox == mailbox_id) & (Folder.role == "inbox"))
    progress("INBOX", 0, 2)
    changes = store_batch(
        inbox,
        [
            FetchedMessage(str(900 + i), make_raw(900 + i, subject=f"New {i}"), uid=900 + i)
            for i in range(2)
        ],
    )
    progress("INBOX", 2, 2)
    return changes


def _failing_sync(mailbox_id, progress, cancel):
    from desktop.errors import AuthenticationError

    raise AuthenticationError("The IMAP server refused the password for me@work.example.")


def _window(qtbot, prof, **kw):
    win = MainWindow(prof.root, prefs.open_settings(prof.root), **kw)
    qtbot.addWidget(win)
    win.show()
    return win


def test_refresh_disabled_for_five_minutes_with_tooltip(qtbot, filled):
    prof, mailbox, _inbox, _ids = filled
    clock = FakeClock()
    win = _window(qtbot, prof, clock=clock, sync_fn=_new_mail_sync)
    refresh = win.actions["refresh"]
    assert refresh.isEnabled()
    with qtbot.waitSignal(win.sync.finished, timeout=10_000) as blocker:
        refresh.trigger()
    assert len(blocker.args[1].added) == 2
    qtbot.waitUntil(lambda: win.list_model.row(0).subject.startswith("New"))
    # The message the user was reading stays selected across the reload.
    assert win.list_model.row(win.list_view.currentIndex().row()).subject == "Message number 30"
    assert Mailbox.get_by_id(mailbox.id).last_manual_refresh_at == clock.now
    win.update_refresh_action()
    assert not refresh.isEnabled()
    from desktop.ui import dates

    expected = dates.time_of(clock.now + timedelta(minutes=5))  # the locale's time format
    assert expected in refresh.toolTip()
    assert "5 minutes" in refresh.toolTip()
    clock.now += timedelta(minutes=4, seconds=59)
    win.update_refresh_action()
    assert not refresh.isEnabled()
    clock.now += timedelta(seconds=1)
    win.update_refresh_action()
    assert refresh.isEnabled()
    # Counted off the GUI thread, then announced.
    qtbot.waitUntil(lambda: win.last_notification is not None)
    assert "2 new" in win.last_notification[0]
    assert "Last sync: Work" in win.last_sync_label.text()


def test_sync_error_shows_in_status_bar(qtbot, filled):
    prof = filled[0]
    win = _window(qtbot, prof, clock=FakeClock(), sync_fn=_failing_sync)
    with qtbot.waitSignal(win.sync.failed, timeout=10_000):
        win.actions["refresh"].trigger()
    assert win.error_button.isVisible()
    assert "refused the password" in win.error_button.toolTip()
    win.error_button.click()
    assert "refused the password" in win.error_box.text()
    assert "AuthenticationError" in win.error_box.detailedText()
    win.error_box.close()


def test_notifications_can_be_switched_off(qtbot, filled):
    prof, mailbox, inbox, _ids = filled
    win = _window(qtbot, prof)
    win.settings.setValue(prefs.KEY_NOTIFICATIONS, False)
    changes = store_batch(inbox, [FetchedMessage("777", make_raw(777), uid=777)])
    win.notify_new_mail(mailbox.id, changes)
    assert win.last_notification is None
    win.settings.setValue(prefs.KEY_NOTIFICATIONS, True)
    with qtbot.waitSignal(win.notified):
        win.notify_new_mail(mailbox.id, changes)
    assert "Message number 777" in win.last_notification[1]
    win.notify_new_mail(mailbox.id, ChangeSet())


def test_imported_mailbox_cannot_refresh(qtbot, profile):
    from tests.ui.conftest import fill

    fill(2, kind="local", name="Imported")
    win = _window(qtbot, profile)
    assert not win.actions["refresh"].isEnabled()
    assert "not synchronised" in win.actions["refresh"].toolTip()


def test_window_state_is_restored(qtbot, filled):
    prof = filled[0]
    win = _window(qtbot, prof)
    win.resize(720, 520)
    win.main_splitter.setSizes([200, 520])
    # Narrow: the list shows cards; the columns' layout is kept for when it is wide again.
    assert win.list_view.delegate.cards
    columns = win.list_view.columns_state()
    win.close()
    again = _window(qtbot, prof)
    assert again.size().width() == 720 and again.size().height() == 520
    assert again.main_splitter.sizes()[0] == 200
    assert again.list_view.columns_state() == columns


def test_settings_dialog_switches_language_to_czech(qtbot, filled):
    prof = filled[0]
    win = _window(qtbot, prof)
    assert win.menus["file"].title() == "&File"
    win.open_settings()
    dialog = win.settings_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("cs"))
    dialog.notifications.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    try:
        assert i18n.current_language() == "cs"
        assert win.settings.value(prefs.KEY_LANGUAGE) == "cs"
        assert not prefs.get_bool(win.settings, prefs.KEY_NOTIFICATIONS, True)
        assert win.menus["file"].title() == "&Soubor"
        assert win.actions["reply"].text() == "&Odpovědět"
        assert QCoreApplication.translate("SyncStatus", "Last sync: %1") != "Last sync: %1"
    finally:
        i18n.install(QCoreApplication.instance(), "en")
    qtbot.waitUntil(lambda: win.menus["file"].title() == "&File")  # via LanguageChange


def test_scheduled_sync_runs_every_syncable_mailbox_and_rearms(qtbot, filled):
    from tests.ui.conftest import fill

    prof = filled[0]
    fill(1, kind="local", name="Imported")  # never synced
    win = _window(qtbot, prof, sync_fn=_new_mail_sync)
    assert win._schedule_timer.isActive()
    # Next slot within 30 minutes (+ a little slack), as R12 says.
    assert 0 < win._schedule_timer.remainingTime() <= 30 * 60 * 1000 + 1000
    with qtbot.waitSignal(win.sync.finished, timeout=10_000) as blocker:
        win._schedule_timer.timeout.emit()
    assert Mailbox.get_by_id(blocker.args[0]).name == "Work"
    assert win._schedule_timer.isActive()
    qtbot.waitUntil(lambda: not win.sync.is_running())


def test_plurals_in_both_languages(qapp):
    try:
        i18n.install(qapp, "en")
        text = QCoreApplication.translate("MainWindow", "%n message(s) found", None, 1)
        assert text == "1 message found"
        assert QCoreApplication.translate("MainWindow", "%n message(s) found", None, 3) == (
            "3 messages found"
        )
        i18n.install(qapp, "cs")
        assert QCoreApplication.translate("MainWindow", "%n message(s) found", None, 3) == (
            "Nalezeny 3 zprávy"
        )
        assert QCoreApplication.translate("MainWindow", "%n message(s) found", None, 5) == (
            "Nalezeno 5 zpráv"
        )
    finally:
        i18n.install(qapp, "en")
