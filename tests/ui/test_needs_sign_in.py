"""pytest-qt: a mailbox whose provider refused the stored sign-in is marked in the folder
tree and the status bar; "Sign in again" opens Mailbox settings on its Sign-in tab, and
once signed in the marks go and the mailbox syncs. The test-only provider kind
(tests/fake_provider.py) runs in the real registry, accounts service, keyring and store."""

from __future__ import annotations

import pytest

from desktop.models.mail import SIGNIN_NEEDED, SIGNIN_OK, Mailbox
from desktop.ui import account_dialog
from tests import fake_provider
from tests.ui.conftest import fill


@pytest.fixture
def fake(monkeypatch):
    provider = fake_provider.install(monkeypatch)
    provider.add_account("jana@fake.test", "Jana Nováková")
    return provider


def test_needs_sign_in_is_marked_and_signing_in_clears_it(qtbot, profile, fake, monkeypatch):
    from desktop import accounts
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import open_settings

    fill(3)  # a password mailbox that is fine
    box = accounts.add_oauth_mailbox(fake_provider.KIND, fake.sign_in(), name="Jana")
    fake.accounts["jana@fake.test"].token = "a-new-refresh-token"
    Mailbox.update(signin_state=SIGNIN_NEEDED).where(Mailbox.id == box.id).execute()

    window = MainWindow(profile.root, open_settings(profile.root), sync_on_start=False)
    qtbot.addWidget(window)
    started: list[int] = []
    monkeypatch.setattr(window.syncs, "start", started.append)
    window.show()

    item = window.folder_model.item(window.folder_model.mailbox_index(box.id).row())
    assert item.text() == "⚠ Jana — needs sign-in"
    assert "Sign in again" in item.toolTip()
    others = [window.folder_model.item(r).text() for r in range(window.folder_model.rowCount())]
    assert "Work" in others  # the healthy mailbox is not marked
    button = window.signin_notice.button
    assert button.isVisible() and button.text() == "⚠ Jana: Sign in again"

    button.click()
    dialog = window.mailbox_settings_dialog
    page = dialog.findChild(account_dialog.SignInAgainBox)
    assert dialog.tabs.currentWidget() is page
    with qtbot.waitSignal(page.signedIn, timeout=10_000):
        page.button.click()
    assert Mailbox.get_by_id(box.id).signin_state == SIGNIN_OK
    qtbot.waitUntil(lambda: not button.isVisible())
    assert item.text() == "Jana"
    assert started == [box.id]
    dialog.reject()


def test_a_sync_that_is_refused_marks_the_mailbox(qtbot, window) -> None:
    """The state a sync writes reaches the tree and status bar with the sync's state
    change, without a rebuild."""
    mailbox = Mailbox.get()
    assert not window.signin_notice.button.isVisible()
    Mailbox.update(signin_state=SIGNIN_NEEDED).where(Mailbox.id == mailbox.id).execute()
    window.syncs.stateChanged.emit()
    assert window.signin_notice.button.isVisible()
    assert window.folder_model.signin_needed == {mailbox.id}
    item = window.folder_model.item(window.folder_model.mailbox_index(mailbox.id).row())
    assert item.text().endswith("needs sign-in")
    # A password mailbox signs in again on its Connection tab.
    window.signin_notice.button.click()
    dialog = window.mailbox_settings_dialog
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.password)
    dialog.reject()
