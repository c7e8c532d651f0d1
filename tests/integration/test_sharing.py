"""Sharing a mailbox (R11) between two real profiles through the Caflou e-mail stand-in.

jana (user 1) owns a mailbox and shares it; petr (user 2) reads it in his own profile
("Shared with me"). Each profile is a real SQLite store with its own keyring entries;
the real Caflou client talks to tests/servers/caflou_mail.py over HTTP.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from desktop.crm import api, publish, sharing
from desktop.errors import InvalidInput
from desktop.models.db import close_store
from desktop.models.mail import ROLE_INBOX, Folder, Mailbox, MailboxShare, Message
from desktop.profile import open_profile
from desktop.sync.store import FetchedMessage, store_batch

_n = itertools.count(1)


def raw(frm: str, subject: str = "Hello") -> bytes:
    return (
        f"From: Jan <{frm}>\r\nTo: me@firma.cz\r\nSubject: {subject}\r\n"
        f"Message-ID: <s{next(_n)}@test>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nDobry den, nabidka.\r\n"
    ).encode()


def put(folder: Folder, *raws: bytes) -> list[Message]:
    items = [FetchedMessage(remote_id=str(next(_n)), raw=r) for r in raws]
    return [Message.get_by_id(i) for i in store_batch(folder, items).added]


class Desks:
    """Two profiles on one machine; ``use`` switches the open store."""

    def __init__(self, root: Path, server) -> None:
        self.root, self.server = root, server

    def use(self, who: str) -> None:
        close_store()
        open_profile(self.root / who)


@pytest.fixture
def desks(tmp_path, caflou_mail):
    state = caflou_mail.state
    state.add(42, "companies", {"id": 7, "name": "Acme", "email": "office@acme.cz"})
    state.add(42, "companies", {"id": 8, "name": "Beta", "email": "info@beta.cz"})
    d = Desks(tmp_path, caflou_mail)
    for who, email, password in (
        ("petr", "petr@firma.cz", "heslo2"),
        ("jana", "jana@firma.cz", "heslo"),
    ):
        d.use(who)
        account, _ = api.login(caflou_mail.url, email, password, account_id=42)
        api.pull(account)
    mailbox = Mailbox.create(
        name="Work", email="me@firma.cz", import_from=dt.date(2026, 11, 25), sender_name="Jana"
    )
    inbox = Folder.create(
        mailbox=mailbox, remote_name="INBOX", role=ROLE_INBOX, display_name="Inbox"
    )
    d.mailbox_id, d.inbox = mailbox.id, inbox
    yield d
    close_store()


def live(server) -> list[dict]:
    return [m for m in server.state.messages.values() if not m.get("trash")]


def test_share_writes_users_and_privacy_and_publishes_all_mail(desks) -> None:
    server = desks.server
    filed, unfiled = put(desks.inbox, raw("office@acme.cz"), raw("x@nowhere.cz"))
    publish.publish_pending()
    assert [m["message_id"] for m in live(server)] == [filed.message_id]

    result = sharing.share(desks.mailbox_id, "Petr@firma.cz", "read")
    assert result.shares == {"petr@firma.cz": "read"}
    [conn] = server.state.connections.values()
    assert conn["users"] == {"2": "read"} and conn["privacy"] == {"kind": "shared"}
    assert "shared_with" not in conn
    assert {m["message_id"] for m in live(server)} == {filed.message_id, unfiled.message_id}

    sharing.share(desks.mailbox_id, "petr@firma.cz", "write")
    assert conn["users"] == {"2": "read_write"}

    result = sharing.unshare(desks.mailbox_id, "petr@firma.cz")
    assert conn["users"] == {} and conn["privacy"] == {"kind": "private"}
    # What went up only for sharing is withdrawn; the filed copy stays (R9).
    assert [m["message_id"] for m in live(server)] == [filed.message_id]
    assert result.push is not None and result.push.withdrawn == 1


def test_share_refuses_strangers_and_wrong_levels(desks) -> None:
    with pytest.raises(InvalidInput, match="not a user of the Caflou account"):
        sharing.share(desks.mailbox_id, "nobody@elsewhere.cz", "read")
    with pytest.raises(InvalidInput, match="Unknown sharing level"):
        sharing.share(desks.mailbox_id, "petr@firma.cz", "admin")
    with pytest.raises(InvalidInput, match="is you"):
        sharing.share(desks.mailbox_id, "jana@firma.cz", "read")
    with pytest.raises(InvalidInput, match="not shared with"):
        sharing.unshare(desks.mailbox_id, "petr@firma.cz")
    assert MailboxShare.select().count() == 0
    assert desks.server.state.connections == {}


def test_shared_with_me_is_cached_and_empties_on_unshare(desks) -> None:
    from desktop.models.crm import Filing
    from desktop.models.shared import KIND_SHARED, SharedMailbox
    from desktop.sync.providers import shared
    from desktop.sync.providers.base import provider_for

    put(desks.inbox, raw("office@acme.cz", "Offer"), raw("x@nowhere.cz", "Hi"))
    sharing.share(desks.mailbox_id, "petr@firma.cz", "read")

    desks.use("petr")
    shared.sync_all()
    [row] = shared.shared_mailboxes()
    assert (row.owner_email, row.level, row.mailbox.kind) == ("jana@firma.cz", "read", KIND_SHARED)
    cached = {m.subject: m for m in Message.select().where(Message.mailbox == row.mailbox_id)}
    assert set(cached) == {"Offer", "Hi"}
    assert [
        (f.object_kind, f.object_id)
        for f in Filing.select().where(Filing.message == cached["Offer"].id)
    ] == [("company", 7)]
    assert Filing.select().where(Filing.message == cached["Hi"].id).count() == 0
    assert publish.waiting_count() == 0  # a colleague's mail is never published from here
    # The scheduler's seam: the mailbox syncs like any other, and never sends.
    assert provider_for(row.mailbox).sync(row.mailbox) is not None
    with pytest.raises(Exception, match="cannot send"):
        provider_for(row.mailbox).send(row.mailbox, b"", ["a@b.cz"])

    desks.use("jana")
    sharing.unshare(desks.mailbox_id, "petr@firma.cz")
    desks.use("petr")
    shared.sync_all()
    assert SharedMailbox.select().count() == 0
    assert Mailbox.select().where(Mailbox.kind == KIND_SHARED).count() == 0
    assert Message.select().count() == 0
