"""The window's Qt-free services: what a sync brought (all of it), which mailboxes are
due at start, the arrival tally counted as batches commit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.changes import ChangeSet
from desktop.models.mail import Folder, Mailbox
from desktop.services import mailboxes, notifications
from desktop.sync.store import FetchedMessage, store_batch


def _raw(i: int) -> bytes:
    return (
        f"From: Alice <alice@acme.example>\r\nTo: me@work.example\r\nSubject: New {i}\r\n"
        f"Date: Sun, 01 Mar 2026 08:{i % 60:02d}:00 +0000\r\nMessage-ID: <n{i}@x>\r\n\r\nhi\r\n"
    ).encode()


def _mailbox(name: str = "Work") -> tuple[Mailbox, Folder]:
    mailbox = Mailbox.create(
        name=name, email="me@work.example", import_from=date(2026, 1, 1), imap_host="h"
    )
    return mailbox, Folder.create(mailbox=mailbox, remote_name="INBOX", role="inbox")


def test_new_mail_counts_everything_that_arrived(profile):
    mailbox, inbox = _mailbox()
    added = store_batch(inbox, [FetchedMessage(str(i), _raw(i), uid=i) for i in range(1, 1201)])
    mail = notifications.new_mail(mailbox.id, added.added)
    assert mail is not None and mail.count == 1200 and mail.mailbox_name == "Work"
    Mailbox.update(notify=False).execute()
    assert notifications.new_mail(mailbox.id, added.added) is None


def test_the_tally_counts_per_mailbox_as_batches_commit(profile):
    work, inbox = _mailbox()
    home, home_inbox = _mailbox("Home")
    tally = notifications.ArrivalTally()
    tally(store_batch(inbox, [FetchedMessage(str(i), _raw(i), uid=i) for i in range(1, 4)]))
    tally(store_batch(home_inbox, [FetchedMessage("9", _raw(9), uid=9)]))
    tally(ChangeSet(updated=[1]))  # not an arrival
    assert tally.take(work.id).count == 3
    assert tally.take(work.id) is None  # taken
    assert tally.take(home.id).subject == "New 9"


def test_due_at_start(profile):
    never, _ = _mailbox("Never")
    recent, _ = _mailbox("Recent")
    old, _ = _mailbox("Old")
    now_local = datetime(2026, 3, 2, 9, 40)  # the last slot was 9:30
    now_utc = datetime(2026, 3, 2, 8, 40)
    Mailbox.update(last_sync_at=now_utc - timedelta(minutes=5)).where(
        Mailbox.id == recent.id
    ).execute()
    Mailbox.update(last_sync_at=now_utc - timedelta(minutes=20)).where(
        Mailbox.id == old.id
    ).execute()
    assert sorted(mailboxes.due_at_start(now_local, now_utc)) == sorted([never.id, old.id])
