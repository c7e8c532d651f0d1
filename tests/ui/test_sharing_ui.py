"""The Sharing editor and the "Shared with me" tree (R11), against the Caflou stand-in:
jana shares from her profile, petr's window shows the mailbox, read only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.crm import api, sharing
from desktop.models.db import close_store
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox
from desktop.profile import open_profile
from desktop.sync.store import FetchedMessage, store_batch
from tests.ui.conftest import make_raw


def _jana(root: Path, server) -> int:
    """jana's profile: signed in to Caflou, a mailbox with two messages; its id."""
    close_store()
    open_profile(root)
    account, _ = api.login(server.url, "jana@firma.cz", "heslo", account_id=42)
    api.pull(account)
    mailbox = Mailbox.create(
        name="Work", email="me@firma.cz", import_from=dt.date(2026, 1, 1), sender_name="Jana"
    )
    inbox = Folder.create(
        mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX, display_name="Inbox"
    )
    store_batch(inbox, [FetchedMessage(remote_id=str(i), raw=make_raw(i)) for i in (1, 2)])
    return mailbox.id


def test_sharing_editor_lists_colleagues_and_writes_caflou(qtbot, tmp_path, caflou_mail) -> None:
    from desktop.ui.mailbox_settings import MailboxSettingsDialog

    mailbox_id = _jana(tmp_path / "jana", caflou_mail)
    dialog = MailboxSettingsDialog(mailbox_id)
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Sharing" in tabs
    tab = dialog.tabs.widget(tabs.index("Sharing"))
    assert tab.emails == ["eva@firma.cz", "petr@firma.cz"]  # not jana herself
    tab.set_level("petr@firma.cz", "read")
    with qtbot.waitSignal(tab.saved, timeout=10_000):
        tab.save_button.click()
    [conn] = caflou_mail.state.connections.values()
    assert conn["users"] == {"2": "read"} and conn["privacy"] == {"kind": "shared"}
    assert "1 colleague" in tab.status.text()
    assert len(caflou_mail.state.messages) == 2  # all its mail, for the colleague
    close_store()


def test_shared_with_me_tree_and_read_only_actions(qtbot, tmp_path, caflou_mail) -> None:
    from desktop.services import shared_mailboxes
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import open_settings

    mailbox_id = _jana(tmp_path / "jana", caflou_mail)
    sharing.share(mailbox_id, "petr@firma.cz", "read")
    close_store()
    petr = open_profile(tmp_path / "petr")
    account, _ = api.login(caflou_mail.url, "petr@firma.cz", "heslo2", account_id=42)
    api.pull(account)
    Mailbox.create(name="Petr", email="petr@firma.cz", import_from=dt.date(2026, 1, 1))
    shared_mailboxes.sync_all()
    [row] = shared_mailboxes.shared_mailboxes()
    inbox = Folder.get(Folder.mailbox == row.mailbox_id)

    win = MainWindow(petr.root, open_settings(petr.root))
    qtbot.addWidget(win)
    win.show()
    model = win.folder_model
    labels = [model.item(r).text() for r in range(model.rowCount())]
    assert "Shared with me" in labels
    group = model.item(labels.index("Shared with me"))
    assert group.child(0).text() == "Work – jana@firma.cz (Read)"
    assert "Petr" in labels and "Work – jana@firma.cz (Read)" not in labels

    win.select_folder(inbox.id)
    qtbot.waitUntil(lambda: win.list_model.rowCount() == 2)
    qtbot.waitUntil(lambda: win.current_message_id() is not None)
    for name in ("reply", "forward", "delete", "file_under"):
        assert not win.actions[name].isEnabled(), name
        assert win.actions[name].toolTip() == "The mailbox is shared with you to read only"
    assert win.actions["mark_read"].isEnabled()  # reading stays open
    win.sync.cancel_all()
    close_store()
