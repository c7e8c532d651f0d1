"""Shared fixtures for the GUI tests: a store filled through the real import path."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

try:  # the reader's URL schemes must exist before pytest-qt creates the QApplication
    from desktop.ui.reader import register_schemes
except ImportError:  # pragma: no cover - reader not merged
    pass
else:
    register_schemes()

from desktop.models.mail import Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch


def make_raw(
    i: int,
    *,
    subject: str | None = None,
    sender: str = "Alice Novak <alice@acme.example>",
    reply_to: int | None = None,
    attachment: bool = False,
    when: datetime | None = None,
) -> bytes:
    when = when or datetime(2026, 3, 1, 8, 0) + timedelta(minutes=i)
    subject = subject if subject is not None else f"Message number {i}"
    headers = [
        f"From: {sender}",
        "To: Me <me@work.example>",
        f"Subject: {subject}",
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
        f"Message-ID: <m{i}@test.example>",
        "MIME-Version: 1.0",
    ]
    if reply_to is not None:
        headers += [
            f"In-Reply-To: <m{reply_to}@test.example>",
            f"References: <m{reply_to}@test.example>",
        ]
    if attachment:
        headers.append('Content-Type: multipart/mixed; boundary="b"')
        body = (
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody of message "
            f"{i} with an attachment\r\n--b\r\nContent-Type: application/pdf\r\n"
            'Content-Disposition: attachment; filename="offer.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
        )
    else:
        headers.append("Content-Type: text/plain; charset=utf-8")
        body = f"Body of message {i}: hello from the test suite.\r\n"
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


def fill(
    n: int = 30, *, kind: str = "imap", name: str = "Work"
) -> tuple[Mailbox, Folder, list[int]]:
    mailbox = Mailbox.create(
        name=name,
        kind=kind,
        email="me@work.example",
        import_from=date(2026, 1, 1),
        imap_host="127.0.0.1",
    )
    inbox = Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")
    Folder.create(mailbox=mailbox, remote_name="Sent", role="sent")
    items = [
        FetchedMessage(remote_id=str(i), uid=i, raw=make_raw(i, attachment=(i % 5 == 0)))
        for i in range(1, n + 1)
    ]
    ids = store_batch(inbox, items).added
    return mailbox, inbox, ids


@pytest.fixture(autouse=True)
def _background_jobs_finish_before_teardown(qtbot):
    """Let pooled jobs finish (and their results arrive) before pytest-qt closes the
    test's widgets and the next test opens another profile: a job outliving its
    widgets and store is not what the application ever does at run time."""
    from PySide6.QtCore import QThreadPool

    from desktop.ui.background import wait_for_writes

    yield
    wait_for_writes(10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(0)


@pytest.fixture
def filled(profile):
    mailbox, inbox, ids = fill()
    return profile, mailbox, inbox, ids


@pytest.fixture
def window(qtbot, filled):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import open_settings

    prof = filled[0]
    win = MainWindow(prof.root, open_settings(prof.root))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.folder_model.counts != {})
    yield win
    win.sync.cancel_all()
