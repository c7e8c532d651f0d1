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
    from desktop.services.export import export_messages

    assert {(r["access"], r["shared_from"]) for r in export_messages()} == {("owner", None)}

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
    from desktop.services import shared_mailboxes as shared
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


def cli(profile_dir: Path, *args: str):
    import subprocess
    import sys

    from tests.conftest import REPO

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_read_refuses_every_act_and_write_files_for_the_owner(desks) -> None:
    from desktop.crm import service
    from desktop.errors import PermissionDenied
    from desktop.models.crm import Filing, Signal
    from desktop.services import messages
    from desktop.services import shared_mailboxes as shared
    from desktop.sync import compose

    _, hi = put(desks.inbox, raw("office@acme.cz", "Offer"), raw("x@nowhere.cz", "Hi"))
    sharing.share(desks.mailbox_id, "petr@firma.cz", "read")
    desks.use("petr")
    mine = Mailbox.create(name="Petr", email="petr@firma.cz", import_from=dt.date(2026, 11, 1))
    shared.sync_all()
    [row] = shared.shared_mailboxes()
    cached = {m.subject: m.id for m in Message.select().where(Message.mailbox == row.mailbox_id)}
    offer, hi_copy = cached["Offer"], cached["Hi"]
    assert sharing.access_of(offer) == "read" and sharing.access_of(0) == "owner"
    signal = Signal.create(message=hi_copy, object_kind="company", object_id=8)
    before = list(desks.server.state.requests)
    refusals = [
        lambda: service.file_message(hi_copy, "company", 8),
        lambda: service.unfile_message(offer, "company", 7),
        lambda: service.accept_signals(signal.id),
        lambda: service.dismiss_signals(signal.id),
        lambda: messages.delete_locally([offer]),
        lambda: compose.reply_draft(offer),
        lambda: compose.forward_draft(offer),
    ]
    for act in refusals:
        with pytest.raises(PermissionDenied, match="to read only"):
            act()
    assert [r for r in desks.server.state.requests if r[0] != "GET"] == [
        r for r in before if r[0] != "GET"
    ]
    assert Filing.select().where(Filing.message == hi_copy).count() == 0
    assert not Message.get_by_id(offer).deleted_locally
    # Reading and searching stay open.
    from desktop.models import search
    from desktop.models.db import database

    assert search.search_message_ids(database, "nabidka", mailbox_id=row.mailbox_id) != []

    r = cli(desks.root / "petr", "crm", "file", "company", "8", str(hi_copy))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "read only" in r.stderr
    r = cli(desks.root / "petr", "shared", "list")
    assert r.returncode == 0 and "jana@firma.cz\tread" in r.stdout
    import json

    r = cli(desks.root / "petr", "export", "--format", "jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {(x["subject"], x["shared_from"], x["access"]) for x in rows} == {
        ("Offer", "jana@firma.cz", "read"),
        ("Hi", "jana@firma.cz", "read"),
    }

    # Upgraded to Read+Write: petr files in the CRM copy; jana sees it after her sync.
    desks.use("jana")
    sharing.share(desks.mailbox_id, "petr@firma.cz", "write")
    desks.use("petr")
    shared.sync_all()
    assert sharing.access_of(hi_copy) == "write"
    service.file_message(hi_copy, "company", 8)
    assert compose.reply_draft(offer).mailbox_id == mine.id  # sent from petr's own
    messages.delete_locally([offer])
    remote = {m["name"]: m for m in desks.server.state.messages.values()}
    assert remote["Hi"]["company_id"] == 8 and remote["Hi"]["updater_id"] == 2
    assert remote["Offer"]["trash"] is True  # the CRM copy; jana's provider is untouched
    assert publish.waiting_count() == 0

    service.repair()  # a colleague's mailbox is never re-paired: the CRM's filings stay
    assert Filing.get(Filing.message == hi_copy).object_id == 8

    r = cli(desks.root / "jana", "crm", "pull")  # the owner's next pull takes it over
    assert r.returncode == 0, r.stderr
    desks.use("jana")
    filed = [
        (f.object_kind, f.object_id)
        for f in Filing.select().where((Filing.message == hi.id) & (Filing.removed == False))  # noqa: E712
    ]
    assert filed == [("company", 8)]
    before = len(desks.server.state.requests)
    publish.publish_pending()  # already in line: not sent back
    assert len(desks.server.state.requests) == before


def test_write_level_respects_the_crms_403_and_accepts_hints(desks) -> None:
    from desktop.crm import service
    from desktop.errors import PermissionDenied
    from desktop.models.crm import Filing, Signal
    from desktop.services import shared_mailboxes as shared

    put(desks.inbox, raw("x@nowhere.cz", "Hi"))
    sharing.share(desks.mailbox_id, "petr@firma.cz", "write")
    [copy] = live(desks.server)
    copy["hint_company_id"] = 8  # a suggestion in the CRM copy
    desks.use("petr")
    shared.sync_all()
    [message] = Message.select().where(Message.subject == "Hi")
    [signal] = Signal.select().where(Signal.message == message.id)
    assert (signal.object_kind, signal.object_id, signal.state) == ("company", 8, "open")
    service.accept_signals(signal.id)
    assert desks.server.state.hints_made_real == [copy["id"]]
    assert copy["company_id"] == 8

    # The owner narrowed the share in Caflou meanwhile: the CRM's 403 stops the change,
    # and nothing changes locally either.
    [conn] = desks.server.state.connections.values()
    conn["users"] = {"2": "read"}
    with pytest.raises(PermissionDenied, match="no right"):
        service.unfile_message(message.id, "company", 8)
    assert Filing.get(Filing.message == message.id).removed is False
    shared.sync_all()  # the next sync takes the new level over
    assert sharing.access_of(message.id) == "read"


def test_account_share_and_unshare_commands(desks) -> None:
    import json

    jana = desks.root / "jana"
    mid = str(desks.mailbox_id)
    r = cli(jana, "account", "share", mid, "petr@firma.cz", "write")
    assert r.returncode == 0, r.stderr
    assert "shared with petr@firma.cz (read_write)" in r.stdout
    [conn] = desks.server.state.connections.values()
    assert conn["users"] == {"2": "read_write"}
    r = cli(jana, "account", "share", mid, "petr@firma.cz", "admin")
    assert r.returncode == 2
    r = cli(jana, "account", "share", mid, "nobody@elsewhere.cz", "read")
    assert r.returncode == 1 and r.stderr.startswith("holub: ") and r.stderr.count("\n") == 1
    r = cli(jana, "account", "set", mid, "--share", "petr@firma.cz=read")  # also via Caflou
    assert r.returncode == 0 and "changed shares" in r.stdout, r.stderr
    assert conn["users"] == {"2": "read"}
    r = cli(jana, "account", "unshare", mid, "petr@firma.cz")
    assert r.returncode == 0 and "shared with nobody" in r.stdout
    assert conn["privacy"] == {"kind": "private"}

    petr = desks.root / "petr"
    assert cli(petr, "shared", "sync").returncode == 0
    r = cli(petr, "shared", "list", "--json")
    assert r.returncode == 0 and r.stdout == ""
    cli(jana, "account", "share", mid, "petr@firma.cz", "read")
    r = cli(petr, "shared", "sync")
    assert r.returncode == 0 and r.stdout.startswith("1 shared mailbox(es)")
    [line] = cli(petr, "shared", "list", "--json").stdout.splitlines()
    assert json.loads(line)["owner"] == "jana@firma.cz" and json.loads(line)["level"] == "read"
