"""Caflou in the window (issue 10): the CRM menu and the first-start button against the
e-mail stand-in (tests/servers/caflou_mail.py), the CRM's state in the status bar, and
filed mail published from the window's background thread."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.crm import api, publish, service
from desktop.models.crm import CrmAccount
from desktop.models.mail import Message
from desktop.ui.background import run_write
from desktop.ui.main_window import MainWindow


def _copies(server) -> list[dict]:
    return [m for m in server.state.messages.values() if not m.get("trash")]


def _crm_text(win: MainWindow) -> str:
    return win.sync_status.crm_label.text()


def test_connect_from_the_first_start_screen_with_an_account_choice(qtbot, profile, caflou_mail):
    caflou_mail.state.add_account(43, "Druhá firma", "Žralok")
    win = MainWindow(profile.root)
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome
    assert not win.crm_menu.pull_action.isEnabled()  # nothing to pull yet
    assert _crm_text(win) == ""
    win.welcome.crm_button.click()
    dialog = win.crm_menu.login_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url.setText(caflou_mail.url)
    dialog.email.setText("jana@firma.cz")
    dialog.password.setText("heslo")
    dialog.sign_in()
    # Two accounts: the dialog asks which one (signed in already, off the GUI thread).
    qtbot.waitUntil(dialog.account.isVisible, timeout=10_000)
    dialog.account.setCurrentIndex(dialog.account.findData(42))
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "jana@firma.cz" in _crm_text(win), timeout=10_000)
    assert "last pull" in _crm_text(win)
    assert CrmAccount.get().account_id == 42
    assert win.crm_menu.pull_action.isEnabled() and win.crm_menu.disconnect_action.isEnabled()
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles.index("C&RM") == titles.index("&Help") - 1


@pytest.fixture
def connected(profile, caflou_mail, filled):
    caflou_mail.state.add(42, "companies", {"id": 7, "name": "Acme", "email": "x@acme.cz"})
    account, _ = api.login(caflou_mail.url, "jana@firma.cz", "heslo", account_id=42)
    api.pull(account)
    return caflou_mail


def test_a_filing_in_the_window_is_published_off_the_gui_thread(qtbot, connected, window):
    server = connected
    ids = [m.id for m in Message.select().order_by(Message.id).limit(2)]
    qtbot.waitUntil(lambda: window.syncs.crm_state is not None, timeout=5000)
    # The filing dialog's path: a store write in the background, then apply_changes.
    run_write(lambda: service.file_message(ids, "company", 7), window.apply_changes)
    qtbot.waitUntil(lambda: len(_copies(server)) == 2, timeout=15_000)
    assert {c["company_id"] for c in _copies(server)} == {7}
    qtbot.waitUntil(lambda: "waiting" not in _crm_text(window), timeout=10_000)
    assert "jana@firma.cz" in _crm_text(window)


def test_pull_now_reads_the_plan_and_sign_in_again(qtbot, connected, window):
    server = connected
    qtbot.waitUntil(lambda: "jana@firma.cz" in _crm_text(window), timeout=5000)
    # R14: the plan changed in Caflou; Pull now reads it and the status bar says which
    # plans have e-mail.
    server.state.accounts[0]["plan"] = {"name_cs": "Mravenec", "name_en": "Ant"}
    window.crm_menu.pull_action.trigger()
    qtbot.waitUntil(lambda: "Mravenec plan has no e-mail" in _crm_text(window), timeout=10_000)
    assert "Delfín / Žralok or higher" in _crm_text(window)
    assert "Delfín or Žralok" in window.sync_status.crm_label.toolTip()
    assert window.crm_menu.pull_action.isEnabled()

    server.state.accounts[0]["plan"] = {"name_cs": "Delfín", "name_en": "Dolphin"}
    window.crm_menu.pull_action.trigger()
    qtbot.waitUntil(lambda: "plan has no e-mail" not in _crm_text(window), timeout=10_000)

    # The stored sign-in stops working: Pull now says "sign in again" in the status bar
    # and opens the sign-in dialog with the e-mail filled in.
    server.state.users["jana@firma.cz"]["password"] = "changed"
    server.state.tokens.clear()
    window.crm_menu.pull_action.trigger()
    qtbot.waitUntil(lambda: "sign in again" in _crm_text(window), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            window.crm_menu.login_dialog is not None and window.crm_menu.login_dialog.isVisible()
        ),
        timeout=10_000,
    )
    dialog = window.crm_menu.login_dialog
    assert dialog.email.text() == "jana@firma.cz" and dialog.url.text() == server.url
    dialog.password.setText("changed")
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "sign in again" not in _crm_text(window), timeout=10_000)
    assert "jana@firma.cz" in _crm_text(window)


def test_disconnect_asks_then_forgets_the_account(qtbot, connected, window):
    qtbot.waitUntil(lambda: window.crm_menu.disconnect_action.isEnabled(), timeout=5000)
    window.crm_menu.disconnect_action.trigger()
    box = window.crm_menu.confirm_box
    assert box is not None and "jana@firma.cz" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: _crm_text(window) == "", timeout=10_000)
    assert CrmAccount.select().count() == 0
    assert not window.crm_menu.pull_action.isEnabled()
    assert publish.connected_account() is None


def test_mailbox_settings_say_what_leaves_the_desk(qtbot, profile) -> None:
    import datetime as dt

    from desktop.models.mail import Mailbox
    from desktop.ui.mailbox_settings import MailboxSettingsDialog

    mailbox = Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 1))
    dialog = MailboxSettingsDialog(mailbox.id)
    qtbot.addWidget(dialog)
    note = dialog.findChild(type(dialog.status), "publishingNote")
    assert "unfiled mail of a mailbox that is not shared is never published" in note.text()


def test_a_crm_outage_is_shown_and_the_filing_waits(qtbot, connected, window):
    server = connected
    qtbot.waitUntil(lambda: window.syncs.crm_state is not None, timeout=5000)
    [mid] = [m.id for m in Message.select().order_by(Message.id).limit(1)]

    def filed(changes) -> None:  # filed (the CRM checked the company); then it goes down
        server.state.fail_next(503, 1000, retry_after="0")
        window.apply_changes(changes)

    run_write(lambda: service.file_message([mid], "company", 7), filed)
    qtbot.waitUntil(
        lambda: (
            "publishing waits for the CRM" in _crm_text(window)
            and "1 waiting to publish" in _crm_text(window)
        ),
        timeout=15_000,
    )
    assert "503" in window.sync_status.crm_label.toolTip()
    assert _copies(server) == []


def test_connect_menu_asks_for_the_two_factor_code(qtbot, profile, caflou_mail):
    caflou_mail.state.users["petr@firma.cz"]["otp"] = "424242"
    win = MainWindow(profile.root)
    qtbot.addWidget(win)
    win.crm_menu.connect_action.trigger()
    dialog = win.crm_menu.login_dialog
    dialog.url.setText(caflou_mail.url)
    dialog.email.setText("petr@firma.cz")
    dialog.password.setText("heslo2")
    dialog.sign_in()
    qtbot.waitUntil(lambda: "two-factor" in dialog.status.text(), timeout=10_000)
    assert dialog.isVisible() and CrmAccount.select().count() == 0
    dialog.otp.setText("424242")
    dialog.sign_in()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "petr@firma.cz" in _crm_text(win), timeout=10_000)
