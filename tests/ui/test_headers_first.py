"""Headers first in the window (issue 7): header-only rows show in the list as their
batch commits, their snippet fills in when the body arrives, and a header-only message
opened in the reader shows as loading and is fetched from the server (a real Dovecot)
at once, off the GUI thread."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from desktop import secrets
from desktop.models.mail import Mailbox, Message
from desktop.sync import engine
from desktop.sync.store import FetchedMessage, fill_bodies, is_header_only, store_headers
from desktop.ui import settings as prefs
from desktop.ui.main_window import MainWindow
from tests.servers.dovecot import make_message
from tests.ui import test_sent_at_once as sent_at_once
from tests.ui.conftest import fill, make_raw


def _window(qtbot, prof) -> MainWindow:
    win = MainWindow(prof.root, prefs.open_settings(prof.root))
    qtbot.addWidget(win)
    win.resize(1000, 600)
    win.show()
    return win


def _in_thread(fn) -> None:
    worker = threading.Thread(target=fn)  # as the sync's thread does
    worker.start()
    worker.join()


def test_header_rows_list_at_once_and_fill_in_place(qtbot, profile):
    _mailbox, inbox, _ids = fill(5)
    win = _window(qtbot, profile)
    model = win.list_model
    qtbot.waitUntil(lambda: model.rowCount() == 5)
    raws = {100 + i: make_raw(100 + i) for i in range(3)}
    heads = [
        FetchedMessage(str(uid), raw.split(b"\r\n\r\n")[0] + b"\r\n\r\n", uid=uid, size=len(raw))
        for uid, raw in raws.items()
    ]
    _in_thread(lambda: store_headers(inbox, heads))
    qtbot.waitUntil(lambda: model.rowCount() == 8)
    row = model.row(model.row_of(Message.get(Message.uid == 102).id))
    assert row.subject == "Message number 102" and row.snippet == ""
    bodies = [FetchedMessage(str(uid), raw, uid=uid) for uid, raw in raws.items()]
    _in_thread(lambda: fill_bodies(inbox, bodies))
    target = Message.get(Message.uid == 102).id
    qtbot.waitUntil(lambda: model.row(model.row_of(target)).snippet.startswith("Body of"))
    assert model.rowCount() == 8


def test_a_header_only_message_opened_is_fetched_on_demand(
    qtbot, profile, dovecot, dovecot_user, monkeypatch
):
    dovecot.deliver(dovecot_user, [make_message(i) for i in range(3)])
    mailbox = Mailbox.create(
        name=dovecot_user.name,
        email=dovecot_user.email,
        username=dovecot_user.name,
        import_from=date.today() - timedelta(days=7),
        imap_host=dovecot.host,
        imap_port=dovecot.imaps_port,
        imap_security="ssl",
        smtp_host=dovecot.host,
        cafile=str(dovecot.cafile),
    )
    secrets.set_secret(secrets.MAILBOX_PASSWORD, mailbox.id, dovecot_user.password)
    # A sync that stores the list rows and stops before any body (as one interrupted
    # between its phases, or still fetching the bodies, leaves them).
    monkeypatch.setenv("HOLUB_SYNC_HEADERS_FROM", "1")
    monkeypatch.setattr(engine.FolderSync, "_fill_pending", lambda self, folder: None)
    assert len(engine.sync_mailbox(mailbox.id).added) == 3
    win = _window(qtbot, profile)
    model = win.list_model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    wanted = Message.get(Message.uid == 2).id
    assert is_header_only(wanted)
    win.mail.select_row(model.row_of(wanted))
    reader = win.reader
    qtbot.waitUntil(lambda: reader.message is not None and reader.message.id == wanted)
    # Shown as loading at first (the fetch runs in a background job) ...
    qtbot.waitUntil(lambda: not reader.message.loading, timeout=10_000)
    # ... then the body, in the reader and in the list row.
    assert "message number 1" in reader.message.text
    assert reader.loading_label.isHidden()
    assert not is_header_only(wanted)
    qtbot.waitUntil(lambda: model.row(model.row_of(wanted)).snippet.startswith("Hello"))
    assert is_header_only(Message.get(Message.uid == 1).id)  # only the one opened


def test_the_reader_says_loading_and_why_a_fetch_failed(qtbot, profile, monkeypatch):
    _mailbox, inbox, _ids = fill(1)
    raw = make_raw(50)
    head = raw.split(b"\r\n\r\n")[0] + b"\r\n\r\n"
    _in_thread(lambda: store_headers(inbox, [FetchedMessage("50", head, uid=50, size=len(raw))]))
    gate = threading.Event()

    def slow_failure(message_id: int):
        gate.wait(10)
        raise OSError("the server did not answer")

    monkeypatch.setattr(engine, "fetch_body_now", slow_failure)
    win = _window(qtbot, profile)
    model = win.list_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    wanted = Message.get(Message.uid == 50).id
    win.mail.select_row(model.row_of(wanted))
    reader = win.reader
    qtbot.waitUntil(lambda: reader.message is not None and reader.message.id == wanted)
    qtbot.waitUntil(lambda: reader.loading_label.isVisible())
    assert "Loading" in reader.loading_label.text()
    gate.set()
    qtbot.waitUntil(lambda: "did not answer" in reader.loading_label.text())


def test_sent_at_once_copy_is_taken_over_by_a_headers_first_sync(
    qtbot, sent_window, smtp_server, monkeypatch
):
    """The server's copy of what the user just sent, arriving as a header row, takes
    over the row shown at once (store_headers adopts it as store_batch does)."""
    monkeypatch.setenv("HOLUB_SYNC_HEADERS_FROM", "1")
    sent_at_once.test_sent_mail_shows_in_sent_at_once_then_once(qtbot, sent_window, smtp_server)


@pytest.fixture
def sent_window(qtbot, profile, tmp_path, dovecot, dovecot_user, smtp_server):
    yield from sent_at_once.window.__wrapped__(
        qtbot, profile, tmp_path, dovecot, dovecot_user, smtp_server
    )
