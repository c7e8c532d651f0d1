"""Everything in the window: remove a mailbox (after asking; local data only) and
import an mbox file or a folder of .eml files."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from desktop.models.mail import Mailbox, Message
from tests.ui.conftest import make_raw


def test_remove_mailbox_asks_then_forgets_the_local_copy(window, filled, qtbot):
    mailbox = filled[1]
    window.remove_mailbox(mailbox.id)
    box = window.remove_mailbox_box
    assert box.isVisible() and "Nothing changes on the server" in box.text()
    assert Mailbox.select().count() == 1  # nothing before the answer
    box.findChild(QPushButton, "removeMailboxButton").click()
    qtbot.waitUntil(lambda: window.pages.currentIndex() == 0)  # the welcome page again
    assert Mailbox.select().count() == 0 and Message.select().count() == 0


def test_import_an_mbox_file_and_an_eml_folder(window, qtbot, tmp_path):
    mbox = tmp_path / "old.mbox"
    mbox.write_bytes(
        b"".join(
            b"From someone@example.com Sat Mar  1 08:00:00 2026\n"
            + make_raw(500 + i, subject=f"Archived {i}").replace(b"\r\n", b"\n")
            + b"\n"
            for i in range(3)
        )
    )
    window.import_mail(str(mbox))
    qtbot.waitUntil(lambda: "3 message" in window.statusBar().currentMessage())
    imported = Mailbox.get(Mailbox.name == "Imported")
    assert imported.id in window.folder_model.mailbox_ids()
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "a.eml").write_bytes(make_raw(600, subject="Loose one"))
    window.import_mail(str(folder))
    qtbot.waitUntil(lambda: "1 message" in window.statusBar().currentMessage())
    assert Message.select().where(Message.subject == "Loose one").count() == 1


def test_a_revealed_message_is_shown_in_the_middle_of_the_list(window, filled, qtbot):
    # Jumping to a message (from a CRM view, a signal) shows it with its neighbours,
    # not at the list's bottom edge.
    window.resize(900, 360)
    qtbot.waitUntil(lambda: window.list_view.viewport().height() < 300)
    ids = filled[3]
    target = ids[len(ids) // 2]
    window.reveal_message(target)
    view = window.list_view
    row = window.list_model.row_of(target)
    rect = view.visualRect(window.list_model.index(row, 2))
    middle = view.viewport().height() / 2
    assert abs(rect.center().y() - middle) <= rect.height()
