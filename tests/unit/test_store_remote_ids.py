"""store.update_flags / remove_remote_ids: flag changes and removals by remote_id, shared by
every provider (IMAP passes str(uid); Gmail and Graph their message ids)."""

from __future__ import annotations

from datetime import date

from desktop.changes import bus
from desktop.models.crm import Filing, KeptFiling
from desktop.models.mail import Folder, Mailbox, Message
from desktop.sync.store import FetchedMessage, remove_remote_ids, store_batch, update_flags


def _fill(folder: Folder, ids: list[str]) -> None:
    store_batch(
        folder,
        [
            FetchedMessage(
                remote_id=rid,
                raw=(
                    f"From: a@example.com\r\nSubject: s{rid}\r\n"
                    f"Message-ID: <{rid}@x>\r\n\r\nbody\r\n"
                ).encode(),
            )
            for rid in ids
        ],
    )


def _message(folder: Folder, rid: str) -> Message:
    return Message.get((Message.folder == folder) & (Message.remote_id == rid))


def _box() -> tuple[Folder, Folder]:
    mb = Mailbox.create(name="G", kind="gmail", email="me@example.org", import_from=date.today())
    return (
        Folder.create(mailbox=mb, remote_name="INBOX", role="inbox"),
        Folder.create(mailbox=mb, remote_name="SENT", role="sent"),
    )


def test_update_flags_follows_the_servers_transitions_and_publishes(profile):
    inbox, sent = _box()
    _fill(inbox, ["18c1", "18c2", "18c3"])
    _fill(sent, ["18c1"])
    published = []
    unsubscribe = bus.subscribe(published.append)
    try:
        changes = update_flags(
            inbox,
            {"18c1": ["\\Seen"], "18c2": ["\\Flagged"], "18c3": [], "gone": ["\\Seen"]},
            modseqs={"18c1": 7},
        )
    finally:
        unsubscribe()
    one, two = _message(inbox, "18c1"), _message(inbox, "18c2")
    assert sorted(changes.updated) == sorted([one.id, two.id])  # 18c3 unchanged: no flags
    assert published == [changes] and changes.folders == {inbox.id}
    assert (one.seen, one.starred, one.flags, one.modseq) == (True, False, "\\Seen", 7)
    assert (two.seen, two.starred) == (False, True)
    assert not _message(sent, "18c1").seen  # the other folder's copy is its own

    # Holub's own read state survives an unrelated change; an unset flag clears it.
    Message.update(seen=True).where(Message.id == two.id).execute()
    update_flags(inbox, {"18c1": [], "18c2": ["\\Flagged", "$Label"]})
    assert not _message(inbox, "18c1").seen
    assert _message(inbox, "18c2").seen and _message(inbox, "18c2").starred
    assert not update_flags(inbox, {"18c2": ["\\Flagged", "$Label"]}).updated  # no change


def test_remove_remote_ids_forgets_locally_and_keeps_manual_filings(profile):
    inbox, sent = _box()
    _fill(inbox, ["a", "b", "c"])
    _fill(sent, ["b"])
    b = _message(inbox, "b")
    Filing.create(message=b, object_kind="company", object_id=5, source="manual")
    changes = remove_remote_ids(inbox, ["b", "c", "never"])
    assert len(changes.removed) == 2 and changes.folders == {inbox.id}
    assert [m.remote_id for m in Message.select().where(Message.folder == inbox)] == ["a"]
    assert Message.select().where(Message.folder == sent).count() == 1
    assert {(k.message_id, k.source) for k in KeptFiling.select()} == {("<b@x>", "manual")}
    assert not remove_remote_ids(inbox, ["b"]).removed


def test_imap_is_registered_for_its_kind():
    from desktop.sync.providers.base import has_provider, provider_for
    from desktop.sync.providers.imap import ImapProvider

    assert isinstance(provider_for("imap"), ImapProvider)
    assert has_provider("imap") and not has_provider("local")
