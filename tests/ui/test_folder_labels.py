"""Special folders are named by their role in the user's language, whatever the server
calls them ("Sent Items", "Odeslaná pošta", Gmail's SENT), as Thunderbird does."""

from __future__ import annotations

import datetime as dt

from desktop.models.db import close_store
from desktop.models.mail import ROLE_DRAFTS, ROLE_INBOX, ROLE_SENT, Folder, Mailbox
from desktop.profile import open_profile
from desktop.ui.folder_tree import FolderTreeModel


def test_special_folders_show_their_role_and_others_their_name(qtbot, tmp_path) -> None:
    close_store()
    open_profile(tmp_path)
    mailbox = Mailbox.create(name="Work", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    names = {
        ROLE_INBOX: ("INBOX", ""),
        ROLE_SENT: ("Odeslaná pošta", ""),
        ROLE_DRAFTS: ("[Gmail]/Drafts", "Drafts folder"),
    }
    ids = {
        role: Folder.create(mailbox=mailbox, remote_name=remote, role=role, display_name=shown).id
        for role, (remote, shown) in names.items()
    }
    archive = Folder.create(mailbox=mailbox, remote_name="Archive/2026", role="").id

    model = FolderTreeModel()
    model.rebuild()

    assert model.folder_label(ids[ROLE_INBOX]) == "Inbox"
    assert model.folder_label(ids[ROLE_SENT]) == "Sent"
    assert model.folder_label(ids[ROLE_DRAFTS]) == "Drafts"
    assert model.folder_label(archive) == "Archive/2026"
