"""pytest-qt: the Add mailbox dialog's type choice and sign-in (off the GUI thread, with
Cancel), and Mailbox settings → Sign in again, with the test-only provider kind
(tests/fake_provider.py) in the real registry, accounts service, keyring and store."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop import secrets
from desktop.models.mail import KIND_GMAIL, KIND_GRAPH, KIND_IMAP, SIGNIN_NEEDED, Mailbox
from desktop.ui import account_dialog, aio
from desktop.ui.account_dialog import AccountDialog
from desktop.ui.mailbox_settings import MailboxSettingsDialog
from tests import fake_provider


@pytest.fixture
def fake(monkeypatch):
    provider = fake_provider.install(monkeypatch)
    provider.add_account("jana@fake.test", "Jana Nováková")
    types = [*account_dialog.MAILBOX_TYPES, (fake_provider.KIND, "Test", "Sign in with Test")]
    monkeypatch.setattr(account_dialog, "MAILBOX_TYPES", types)
    return provider


def _no_sign_in_thread() -> bool:
    """The sign-in's blocking part has returned: no thread is left waiting."""
    return aio.running_jobs() == 0


def test_type_choice_shows_the_right_fields(qtbot, profile):
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == [KIND_GMAIL, KIND_GRAPH, KIND_IMAP]
    assert [dialog.kind.itemText(i) for i in range(3)] == ["Google", "Outlook 365", "IMAP"]
    assert dialog.current_kind() == KIND_IMAP and dialog.servers.isVisible()
    assert not dialog.oauth_box.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(KIND_GMAIL))
    assert dialog.oauth_box.isVisible() and not dialog.servers.isVisible()
    assert not dialog.email.isVisible() and not dialog.sender_name.isVisible()
    assert dialog.sign_in_button.text() == "Sign in with Google"
    assert not dialog.device_code.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # nothing to save before the sign-in
    dialog.kind.setCurrentIndex(dialog.kind.findData(KIND_GRAPH))
    assert dialog.sign_in_button.text() == "Sign in with Microsoft"
    assert dialog.device_code.isVisible()  # Microsoft's device-code fallback
    dialog.reject()


def test_sign_in_cancel_then_sign_in_and_save(qtbot, profile, fake):
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData(fake_provider.KIND))
    dialog.name.setText("Práce")
    dialog.signals.setChecked(False)

    # The sign-in waits (for the browser) off the GUI thread; Cancel ends the wait.
    fake.hold_sign_in = threading.Event()
    dialog.sign_in_button.click()
    qtbot.waitUntil(fake.signed_in.is_set, timeout=10_000)  # the task has started
    assert dialog.cancel_sign_in_button.isVisible() and not dialog.sign_in_button.isEnabled()
    dialog.cancel_sign_in_button.click()
    assert "cancelled" in dialog.status.text()
    qtbot.waitUntil(_no_sign_in_thread, timeout=10_000)
    assert dialog.signed_in is None and dialog.sign_in_button.isEnabled()

    fake.hold_sign_in = None
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=10_000)
    assert dialog.signed_in_label.text() == "Signed in as Jana Nováková <jana@fake.test>."
    with qtbot.waitSignal(dialog.mailboxAdded, timeout=10_000) as added:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    box = Mailbox.get_by_id(added.args[0])
    assert (box.kind, box.name, box.email, box.sender_name) == (
        fake_provider.KIND,
        "Práce",
        "jana@fake.test",
        "Jana Nováková",
    )
    assert box.pairing_enabled and not box.signals_enabled
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, box.id) == "refresh-jana@fake.test"


def test_a_refused_first_call_saves_nothing(qtbot, profile, fake):
    fake.refuse_verify = True
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData(fake_provider.KIND))
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=10_000)
    dialog.save()
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)
    assert "consented" in dialog.status.text() and dialog.isVisible()
    assert Mailbox.select().count() == 0


def test_mailbox_settings_sign_in_again(qtbot, profile, fake):
    from desktop import accounts

    box = accounts.add_oauth_mailbox(fake_provider.KIND, fake.sign_in(), name="Jana")
    fake.accounts["jana@fake.test"].token = "a-new-refresh-token"  # the old one revoked
    Mailbox.update(signin_state=SIGNIN_NEEDED).where(Mailbox.id == box.id).execute()
    dialog = MailboxSettingsDialog(box.id)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Sign-in" in tabs and "Connection" not in tabs
    page = dialog.findChild(account_dialog.SignInAgainBox)
    assert "expired or was revoked" in page.state.text()
    with qtbot.waitSignal(page.signedIn, timeout=10_000):
        page.button.click()
    assert page.state.text() == "Signed in as jana@fake.test."
    assert Mailbox.get_by_id(box.id).signin_state == "ok"
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, box.id) == "a-new-refresh-token"
