"""What the user sends shows in Sent at once (issue 7), Qt-free.

When the user sends a message, a copy goes into the mailbox's Sent folder in the store
with the remote id ``outbox:<id>`` (no server id exists yet), through the store's import
path without the pipeline (store_batch: rows and search index; its change-set reaches
the window). The list marks it "sending" until the Outbox row is sent. If sending
fails, the copy leaves Sent again: the message waits in the Outbox with the server's
words. When a sync brings the server's own copy (same Message-ID, same folder), it
takes over the local row in that batch's transaction (remote id, UID, flags), so Sent
never lists it twice; that batch runs pairing and rules on it, once, as arrived mail.

Nothing here touches the server (R2): the server's copy is the Outbox's job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from desktop import pipeline
from desktop.changes import ChangeSet
from desktop.errors import HolubError
from desktop.models.mail import ROLE_SENT, Folder, Message, Outbox

log = logging.getLogger(__name__)

PREFIX = "outbox:"


def remote_id_of(outbox_id: int) -> str:
    return f"{PREFIX}{outbox_id}"


def outbox_id_of(remote_id: str) -> int | None:
    if remote_id.startswith(PREFIX) and remote_id[len(PREFIX) :].isdigit():
        return int(remote_id[len(PREFIX) :])
    return None


def sent_folder(mailbox_id: int) -> Folder | None:
    return (
        Folder.select()
        .where((Folder.mailbox == mailbox_id) & (Folder.role == ROLE_SENT))
        .order_by(Folder.id)
        .first()
    )


def show_in_sent(rows: Sequence[Outbox]) -> ChangeSet:
    """Put a copy of each outbox row in its mailbox's Sent folder (idempotent)."""
    from desktop.sync.store import FetchedMessage, store_batch

    changes = ChangeSet()
    by_folder: dict[int, tuple[Folder, list[FetchedMessage]]] = {}
    for row in rows:
        folder = sent_folder(row.mailbox_id)
        if folder is None:
            continue  # a mailbox without a Sent folder: the Outbox alone shows it
        if (
            Message.select()
            .where((Message.folder == folder) & (Message.message_id == row.message_id))
            .exists()
        ):
            continue  # already there (the server's copy, or ours from an earlier try)
        entry = by_folder.setdefault(folder.id, (folder, []))
        entry[1].append(
            FetchedMessage(remote_id=remote_id_of(row.id), raw=bytes(row.raw), flags=("\\Seen",))
        )
    for folder, items in by_folder.values():
        try:
            # Not through the pipeline: pairing and rules see the message once the
            # server has it (the sync's copy takes this row over: adopt_server_copies).
            changes.merge(store_batch(folder, items, steps=pipeline.EMPTY))
        except HolubError:  # never stand between the user and sending
            log.exception("Could not show the sent message in %s", folder.remote_name)
    return changes


def settle(rows: Iterable[Outbox]) -> ChangeSet:
    """After a send: the copies of rows that went out lose their "sending" mark (an
    update of their list rows); the copies of rows that did not leave Sent again."""
    from desktop.changes import bus
    from desktop.sync.store import remove_remote_ids

    changes = ChangeSet()
    failed: dict[int, tuple[Folder, list[str]]] = {}
    sent: dict[int, tuple[Folder, list[str]]] = {}
    for row in rows:
        folder = sent_folder(row.mailbox_id)
        if folder is not None:
            target = sent if row.state == "sent" else failed
            target.setdefault(folder.id, (folder, []))[1].append(remote_id_of(row.id))
    for folder, remote_ids in failed.values():
        changes.merge(remove_remote_ids(folder, remote_ids))
    for folder, remote_ids in sent.values():
        ids = [
            m.id
            for m in Message.select(Message.id).where(
                (Message.folder == folder) & Message.remote_id.in_(remote_ids)
            )
        ]
        if ids:
            done = ChangeSet(updated=ids, folders={folder.id})
            bus.publish(done)
            changes.merge(done)
    return changes


def adopt_server_copies(
    folder: Folder, fresh: list[tuple[Any, Any]]
) -> tuple[list[tuple[Any, Any]], list[tuple[Message, Any]]]:
    """Inside a sync batch's transaction, before its rows go in: a server copy of a
    message shown at once takes over our row (its remote id, UID and flags), so the
    list row stays where it is. Takes the batch's (FetchedMessage, ParsedMessage)
    pairs; returns those still to insert, and the (Message, ParsedMessage) pairs taken
    over, which the batch then treats as arrived (pairing, rules: once, now that the
    server has the message)."""
    if folder.role != ROLE_SENT or not fresh:
        return fresh, []
    by_message_id: dict[str, tuple[Any, Any]] = {}
    for item, parsed in fresh:
        if parsed.message_id and not item.remote_id.startswith(PREFIX):
            by_message_id.setdefault(parsed.message_id, (item, parsed))
    if not by_message_id:
        return fresh, []
    wanted = sorted(by_message_id)
    ours: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        for row in Message.select(Message.id, Message.message_id).where(
            (Message.folder == folder)
            & Message.remote_id.startswith(PREFIX)
            & Message.message_id.in_(wanted[start : start + 500])
        ):
            ours.setdefault(row.message_id, row.id)
    if not ours:
        return fresh, []
    taken: set[int] = set()
    adopted: list[tuple[Message, Any]] = []
    for message_id, row_id in ours.items():
        item, parsed = by_message_id[message_id]
        Message.update(
            remote_id=item.remote_id,
            uid=item.uid,
            flags=" ".join(item.flags),
            modseq=item.modseq,
        ).where(Message.id == row_id).execute()
        taken.add(id(item))
        adopted.append((Message.get_by_id(row_id), parsed))
    rest = [(item, parsed) for item, parsed in fresh if id(item) not in taken]
    return rest, adopted


def states(remote_ids: dict[int, str]) -> dict[int, str]:
    """Outbox state per message id, for messages that are our copies (list rows)."""
    wanted = {mid: oid for mid, rid in remote_ids.items() if (oid := outbox_id_of(rid))}
    if not wanted:
        return {}
    found = dict(
        Outbox.select(Outbox.id, Outbox.state).where(Outbox.id.in_(list(wanted.values()))).tuples()
    )
    return {mid: found.get(oid, "") for mid, oid in wanted.items()}
