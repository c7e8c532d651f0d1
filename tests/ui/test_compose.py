"""Compose window and Outbox view (pytest-qt, offscreen, real aiosmtpd server)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.models.mail import Draft, Folder, Mailbox, Message, Outbox
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.sync import mime
from desktop.sync.store import FetchedMessage, store_batch
from desktop.ui.compose import ComposeWindow, OutboxView

SEND_TIMEOUT = 20_000


@pytest.fixture
def mailbox(profile, smtp_server) -> Mailbox:
    box = Mailbox.create(
        name="Práce",
        import_from=dt.date.today(),
        sender_name="Jana Nováková",
        signature_html="<i>Jana z Firmy</i>",
        **smtp_server.mailbox_fields("starttls"),
    )
    set_secret(MAILBOX_PASSWORD, box.id, smtp_server.password)
    return box


def test_compose_and_send(qtbot, mailbox, smtp_server, tmp_path):
    att = tmp_path / "cenová nabídka.pdf"
    att.write_bytes(b"%PDF-1.4 nabidka")
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win.show()
    assert "Jana z Firmy" in win.editor.toPlainText()  # signature in new mail
    win.to_edit.setText("Petr Dvořák <petr@example.cz>")
    win.subject_edit.setText("Nabídka č. 7")
    win.editor.setFocus()
    cursor = win.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    win.editor.setTextCursor(cursor)
    win.bold_action.setChecked(True)
    qtbot.keyClicks(win.editor, "Hello")  # QTest types ASCII only
    win.editor.textCursor().insertText(" Dobrý den")
    win.bold_action.setChecked(False)
    win.add_attachments([str(att)])
    assert win.attachment_list.count() == 1
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        qtbot.mouseClick(win.send_button, Qt.MouseButton.LeftButton)
    assert blocker.args[1] == "sent"
    assert not win.isVisible()
    [got] = smtp_server.messages
    parsed = mime.parse(got.raw)
    assert parsed.subject == "Nabídka č. 7"
    assert parsed.to == [("Petr Dvořák", "petr@example.cz")]
    assert "Hello Dobrý den" in parsed.text and "Jana z Firmy" in parsed.text
    assert "font-weight:700" in parsed.html.replace(" ", "") and "Dobrý den" in parsed.html
    assert [a.filename for a in parsed.attachments] == ["cenová nabídka.pdf"]
    assert Outbox.get().state == "sent"
    assert Draft.select().count() == 0  # the draft is gone once it is in the outbox


def test_draft_autosave(qtbot, mailbox):
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win._save_timer.setInterval(50)  # the debounce itself is what is tested, only shorter
    with qtbot.waitSignal(win.draftSaved, timeout=5000) as blocker:
        win.subject_edit.setText("Rozepsaný")
        qtbot.keyClicks(win.to_edit, "eva@example.cz")
    draft = Draft.get_by_id(blocker.args[0])
    assert (draft.subject, draft.to, draft.mailbox_id) == (
        "Rozepsaný",
        "eva@example.cz",
        mailbox.id,
    )
    assert Draft.select().count() == 1
    with qtbot.waitSignal(win.draftSaved, timeout=5000):
        qtbot.keyClicks(win.editor, "text")
    assert Draft.select().count() == 1  # the same draft, updated
    assert "text" in Draft.get().html
    again = ComposeWindow.open_draft(draft.id)
    qtbot.addWidget(again)
    assert again.subject_edit.text() == "Rozepsaný" and again.to_edit.text() == "eva@example.cz"


def _store(mailbox: Mailbox) -> Message:
    folder = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    raw = (
        "From: Petr Dvořák <petr@example.cz>\r\nTo: jana@example.test, eva@example.cz\r\n"
        "Subject: Objednávka\r\nMessage-ID: <o1@example.cz>\r\n"
        "Date: Mon, 02 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\nPosílám objednávku.\r\n"
    ).encode()
    store_batch(folder, [FetchedMessage(remote_id="1", uid=1, raw=raw)])
    return Message.get()


def test_reply_all_prefill_and_threading(qtbot, mailbox, smtp_server):
    original = _store(mailbox)
    win = ComposeWindow.reply(original.id, all=True)
    qtbot.addWidget(win)
    assert win.to_edit.text() == "Petr Dvořák <petr@example.cz>"
    assert win.cc_edit.text() == "eva@example.cz"  # not our own address
    assert win.subject_edit.text() == "Re: Objednávka"
    assert win.from_combo.currentData() == mailbox.id
    assert "Posílám objednávku." in win.editor.toPlainText()
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT):
        win.send()
    parsed = mime.parse(smtp_server.messages[0].raw)
    assert parsed.in_reply_to == "<o1@example.cz>" and parsed.references == ["<o1@example.cz>"]
    assert "> Posílám objednávku." in parsed.text  # the quote survives Qt's editor
    assert "<blockquote" in parsed.html and "font-size:9pt" not in parsed.html
    assert "-- \nJana z Firmy\n" in parsed.text  # signature separator intact


def test_forward_as_attachment(qtbot, mailbox):
    original = _store(mailbox)
    win = ComposeWindow.forward(original.id, as_attachment=True)
    qtbot.addWidget(win)
    assert win.subject_edit.text() == "Fwd: Objednávka"
    assert win.attachment_list.item(0).text() == "Objednávka.eml"
    win.to_edit.setText("karel@example.cz")
    _, msg = win.build()
    parsed = mime.parse(msg.as_bytes())
    assert [a.content_type for a in parsed.attachments] == ["message/rfc822"]


def test_failed_send_shows_error_and_retry(qtbot, mailbox, smtp_server):
    smtp_server.fail_data = "451 4.3.0 Mailbox full, try later"
    view = OutboxView()
    qtbot.addWidget(view)
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win.show()
    win.to_edit.setText("petr@example.cz")
    win.subject_edit.setText("Zkouška")
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        win.send()
    assert blocker.args[1] == "failed"
    assert "451 4.3.0 Mailbox full, try later" in win.status_label.text()
    assert win.retry_button.isVisible()
    qtbot.waitUntil(lambda: view.row_state(blocker.args[0]) == "failed", timeout=5000)
    row = view.row_ids().index(blocker.args[0])
    assert "451 4.3.0" in view.table.item(row, 4).text()
    view.select_id(blocker.args[0])
    assert view.retry_button.isEnabled()
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as again:
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert again.args[1] == "sent"
    qtbot.waitUntil(lambda: view.row_state(blocker.args[0]) == "sent", timeout=5000)
    assert len(smtp_server.messages) == 1
    assert Outbox.get().attempts == 2


def test_resume_pending_sends_what_was_left(qtbot, mailbox, smtp_server):
    from desktop.sync import compose, outbox
    from desktop.ui.compose.sending import outbox_events, resume_pending

    msg = compose.build_message(mailbox, to="a@example.cz", subject="Zbylo", text="x")
    row = outbox.queue_message(mailbox, msg)
    with qtbot.waitSignal(outbox_events().finished, timeout=SEND_TIMEOUT) as blocker:
        assert resume_pending() == [mailbox.id]
    assert blocker.args[:2] == [row.id, "sent"]
    assert len(smtp_server.messages) == 1


def test_new_from_local_mailbox_picks_a_sending_one(qtbot, mailbox):
    local = Mailbox.create(name="Imported", email="", kind="local", import_from=dt.date.today())
    win = ComposeWindow.new(local.id)
    qtbot.addWidget(win)
    assert win.mailbox_id == mailbox.id
    assert "Jana z Firmy" in win.editor.toPlainText()


def test_bad_address_shows_error_and_sends_nothing(qtbot, mailbox, smtp_server):
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win.to_edit.setText("petr at example")
    win.send()
    assert "Not an e-mail address" in win.status_label.text()
    assert Outbox.select().count() == 0 and win.send_button.isEnabled()


def test_main_window_opens_outbox(qtbot, mailbox, profile):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import open_settings

    window = MainWindow(profile.root, open_settings(profile.root))
    qtbot.addWidget(window)
    try:
        window.actions["outbox"].trigger()
        qtbot.addWidget(window.outbox_view)
        assert window.outbox_view.isVisible()
        assert window.actions["outbox"].shortcut().toString() == "Ctrl+Shift+O"
    finally:
        window.sync.cancel_all()


def test_refused_recipient_edit_and_send_again(qtbot, mailbox, smtp_server):
    smtp_server.refuse_recipients.add("nikdo@example.cz")
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win.show()
    win.to_edit.setText("nikdo@example.cz")
    win.subject_edit.setText("Oprava")
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as blocker:
        win.send()
    assert blocker.args[1] == "failed"
    assert "550 5.1.1 <nikdo@example.cz>: Recipient address rejected" in win.status_label.text()
    qtbot.mouseClick(win.edit_button, Qt.MouseButton.LeftButton)
    assert Outbox.select().count() == 0 and win.to_edit.isEnabled()
    assert Draft.get().subject == "Oprava"  # a draft again
    win.to_edit.setText("petr@example.cz")
    with qtbot.waitSignal(win.sendFinished, timeout=SEND_TIMEOUT) as again:
        win.send()
    assert again.args[1] == "sent"
    assert [m.rcpt_tos for m in smtp_server.messages] == [["petr@example.cz"]]
    assert Draft.select().count() == 0


def test_outbox_view_discards_failed(qtbot, mailbox, smtp_server):
    from desktop.sync import compose, outbox

    row = outbox.queue_message(mailbox, compose.build_message(mailbox, to="a@b.cz", text="x"))
    outbox.discard(row.id)
    row = outbox.queue_message(mailbox, compose.build_message(mailbox, to="a@b.cz", text="x"))
    Outbox.update(state="failed", error="550 no").execute()
    view = OutboxView(mailbox.id)
    qtbot.addWidget(view)
    view.select_id(row.id)
    assert view.discard_button.isEnabled()
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    assert view.row_ids() == [] and Outbox.select().count() == 0


def test_signature_follows_the_from_mailbox(qtbot, mailbox):
    other = Mailbox.create(
        name="Osobní",
        email="jana@osobni.cz",
        import_from=dt.date.today(),
        signature_html="<b>Jana</b><br>soukromě",
        smtp_host="127.0.0.1",
    )
    win = ComposeWindow.new(mailbox.id)
    qtbot.addWidget(win)
    win.editor.textCursor().insertText("Ahoj,")
    win.from_combo.setCurrentIndex(win.from_combo.findData(other.id))
    text = win.editor.toPlainText()
    assert "Jana z Firmy" not in text and "Jana\nsoukromě" in text and "Ahoj," in text
    win.from_combo.setCurrentIndex(win.from_combo.findData(mailbox.id))
    text = win.editor.toPlainText()
    assert "soukromě" not in text and text.count("Jana z Firmy") == 1
