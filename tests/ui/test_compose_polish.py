"""pytest-qt: compose's address completion (the user's mail and the CRM's contacts,
read off the GUI thread), the From list of mailboxes that can send (and what it says
when none can), Esc / Ctrl+W, and the attachment box (issue 7). Real store."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.models.crm import Company, Contact
from desktop.models.mail import KIND_LOCAL, Draft, Folder, Mailbox
from desktop.services.addresses import address_book, display
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui.compose import ComposeWindow
from tests.ui.conftest import make_raw


def _mailbox(**fields) -> Mailbox:
    values = {
        "name": "Práce",
        "email": "jana@firma.cz",
        "import_from": dt.date.today(),
        "imap_host": "127.0.0.1",
        "smtp_host": "127.0.0.1",
    }
    values.update(fields)
    return Mailbox.create(**values)


def _mail(mailbox: Mailbox) -> None:
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    sent = Folder.create(mailbox=mailbox, remote_name="Sent", role="sent")
    received = [
        FetchedMessage(remote_id=str(i), raw=make_raw(i).replace(b"From: ", b"X-Old: ", 1))
        for i in range(3)
    ]
    for item, who in zip(
        received,
        ("Eva Malá <eva@example.cz>", "Eva <eva@example.cz>", "Petr Dvořák <petr@example.cz>"),
        strict=True,
    ):
        item.raw = f"From: {who}\r\n".encode() + item.raw
    store_batch(inbox, received)
    out = (
        'From: jana@firma.cz\r\nTo: "Kolář, Jan" <jan@kolar.cz>, ucetni@firma.cz\r\n'
        "Subject: Faktura\r\nMessage-ID: <s1@firma.cz>\r\n"
        "Date: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nDobrý den\r\n"
    ).encode()
    store_batch(sent, [FetchedMessage(remote_id="s1", raw=out)])


def test_address_book_ranks_and_merges(profile):
    box = _mailbox()
    _mail(box)
    company = Company.create(id=7, name="Autoservis Kolář", email="info@autoservis.cz")
    Contact.create(id=1, company=company, name="Pavel Novák", email="pavel@autoservis.cz")
    book = address_book()
    # Sent-to people first (weighted), each address once, with its most used name.
    assert book[:2] == ['"Kolář, Jan" <jan@kolar.cz>', "ucetni@firma.cz"]
    assert "Eva Malá <eva@example.cz>" in book or "Eva <eva@example.cz>" in book
    assert sum("eva@example.cz" in a for a in book) == 1
    assert "Pavel Novák <pavel@autoservis.cz>" in book
    assert "Autoservis Kolář <info@autoservis.cz>" in book
    assert display("", "a@b.cz") == "a@b.cz"


def test_completion_completes_the_address_being_typed(qtbot, profile):
    box = _mailbox()
    _mail(box)
    Contact.create(id=1, name="Pavel Novák", email="pavel@autoservis.cz")
    win = ComposeWindow.new(box.id)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.address_book.loaded, timeout=5000)
    completer = win.to_edit.completer()
    win.to_edit.setText("eva@example.cz, nov")
    completer.setCompletionPrefix(win.to_edit.text())
    assert completer.completionCount() == 1  # matched inside the name, the last address only
    assert completer.completionModel().index(0, 0).data() == "Pavel Novák <pavel@autoservis.cz>"
    index = completer.completionModel().index(0, 0)
    assert completer.pathFromIndex(index) == ("eva@example.cz, Pavel Novák <pavel@autoservis.cz>, ")
    # Typing in the field pops the list up; choosing fills the field.
    win.to_edit.clear()
    win.to_edit.setFocus()
    qtbot.keyClicks(win.to_edit, "kolar")
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5000)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert win.to_edit.text() == '"Kolář, Jan" <jan@kolar.cz>, '
    assert win.cc_edit.completer() is not None and win.bcc_edit.completer() is not None


def test_from_lists_only_mailboxes_that_can_send(qtbot, profile):
    good = _mailbox(name="Práce")
    _mailbox(name="Bez SMTP", email="x@firma.cz", smtp_host="")
    _mailbox(name="Archiv", email="a@firma.cz", kind=KIND_LOCAL)
    win = ComposeWindow.new(good.id)
    qtbot.addWidget(win)
    win.show()
    assert [win.from_combo.itemData(i) for i in range(win.from_combo.count())] == [good.id]
    assert not win.no_sender.isVisible() and win.send_button.isEnabled()


def test_no_sending_mailbox_says_why_and_offers_add_mailbox(qtbot, profile, monkeypatch):
    _mailbox(name="Bez SMTP", email="x@firma.cz", smtp_host="")
    _mailbox(name="Archiv", email="a@firma.cz", kind=KIND_LOCAL)
    win = ComposeWindow.new(None)
    qtbot.addWidget(win)
    win.show()
    assert win.from_combo.count() == 0
    assert win.no_sender.isVisible() and not win.send_button.isEnabled()
    text = win.no_sender_label.text()
    assert "Archiv holds imported mail only" in text
    assert "Bez SMTP has no outgoing (SMTP) server set" in text
    win.add_mailbox_button.click()
    dialog = win.account_dialog
    assert dialog.isVisible()
    # The dialog adds a mailbox (its own save path is tested with it): the list follows.
    added = _mailbox(name="Nová", email="nova@firma.cz")
    with qtbot.waitSignal(win.mailboxAdded) as blocker:
        dialog.mailboxAdded.emit(added.id)
    assert blocker.args == [added.id]
    assert win.mailbox_id == added.id
    assert not win.no_sender.isVisible() and win.send_button.isEnabled()
    dialog.reject()


def test_no_mailbox_at_all(qtbot, profile):
    win = ComposeWindow.new(None)
    qtbot.addWidget(win)
    win.show()
    assert "no mailbox to send from" in win.no_sender_label.text()


def test_escape_and_ctrl_w_close_asking_about_unsaved_changes(qtbot, profile):
    box = _mailbox()
    win = ComposeWindow.new(box.id)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # Nothing typed: Esc closes at once.
    win.activateWindow()
    qtbot.keyClick(win.to_edit, Qt.Key.Key_Escape)
    assert not win.isVisible()

    win = ComposeWindow.new(box.id)
    qtbot.addWidget(win)
    win.show()
    win.subject_edit.setText("Rozepsaný")  # the autosave has not run yet
    qtbot.keyClick(win.subject_edit, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    question = win.close_question
    assert question is not None and question.isVisible() and win.isVisible()
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert win.isVisible() and Draft.select().count() == 0
    qtbot.keyClick(win.subject_edit, Qt.Key.Key_Escape)
    win.close_question.button(QMessageBox.StandardButton.Save).click()
    assert not win.isVisible()
    assert Draft.get().subject == "Rozepsaný"

    again = ComposeWindow.open_draft(Draft.get().id)
    qtbot.addWidget(again)
    again.show()
    again.subject_edit.setText("Jinak")
    qtbot.keyClick(again.subject_edit, Qt.Key.Key_Escape)
    again.close_question.button(QMessageBox.StandardButton.Discard).click()
    assert not again.isVisible() and Draft.select().count() == 0


def test_attachment_box_only_with_attachments(qtbot, profile, tmp_path):
    box = _mailbox()
    win = ComposeWindow.new(box.id)
    qtbot.addWidget(win)
    win.show()
    assert not win.attachment_box.isVisible() and win.add_attachment_button.isVisible()
    path = tmp_path / "nabídka.pdf"
    path.write_bytes(b"%PDF")
    win.add_attachments([str(path)])
    assert win.attachment_box.isVisible() and win.attachment_list.count() == 1
    win.attachment_list.setCurrentRow(0)
    win.remove_selected_attachment()
    assert not win.attachment_box.isVisible()
