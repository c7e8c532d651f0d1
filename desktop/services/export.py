"""Export messages as JSON Lines: one object per message, a stable contract for scripts.

Keys (never renamed or removed; new keys may be added):

- ``id`` Holub's message id (what ``show`` and ``search`` print)
- ``mailbox`` the mailbox's name, ``mailbox_id`` its id, ``folder`` the folder's remote name
- ``remote_id`` the provider's id (IMAP: the UID; imported files: a content hash)
- ``message_id`` the Message-ID header with its angle brackets, or ""
- ``date`` ISO 8601 UTC, e.g. ``"2026-11-02T09:00:00Z"``
- ``from`` one address object ``{"name": ..., "address": ...}`` (both "" when missing);
  ``to`` and ``cc`` lists of address objects. Names are decoded; addresses as written.
- ``subject`` decoded, ``snippet`` the first words without quoted lines
- ``flags`` the server's flags as a list of strings (e.g. ``["\\\\Seen"]``);
  ``seen`` and ``starred`` Holub's own read and star state
- ``has_attachments``, ``deleted_locally`` booleans
- ``filings`` ``[{"kind", "id", "source"}]``: CRM objects the message is filed under
  (removed filings left out); ``signals`` ``[{"kind", "id", "state", "reason"}]``
- ``parse_error`` null, or what was wrong with the message's MIME
- ``labels`` Holub's own labels (R15) as a list of names, sorted
- ``local_folder`` null, or the Holub-side folder a rule or the user placed it in
  (nothing moves on the server)
- ``body`` false while only the headers are stored (a first sync fetches the bodies
  after the list rows): ``snippet``, ``has_attachments`` and ``parse_error`` are then
  not known yet
- ``access`` ``"owner"`` for one's own mail; for a mailbox a colleague shared through
  the CRM (R11) the level, ``"read"`` or ``"write"``; ``shared_from`` the owner's e-mail
  (null for one's own mail)

Rows stream in chunks of ``CHUNK`` messages (keyset pagination on the id), so a
100k-message profile never sits in memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from desktop.models.crm import Filing, Signal
from desktop.models.mail import Folder, Mailbox, Message, MessageBody
from desktop.models.rules import Label, MessageLabel, MessagePlacement
from desktop.models.shared import READ_WRITE, SharedMailbox

CHUNK = 500


def iso_utc(when: datetime | None) -> str | None:
    """Naive UTC datetime → "2026-11-02T09:00:00Z"."""
    if when is None:
        return None
    if isinstance(when, str):  # SQLite hands back text for odd values
        return when
    return when.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _address(name: str, address: str) -> dict[str, str]:
    return {"name": name or "", "address": address or ""}


def _address_list(pairs: Any) -> list[dict[str, str]]:
    out = []
    for pair in pairs or []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            out.append(_address(str(pair[0]), str(pair[1])))
    return out


def export_messages(
    *,
    mailbox_id: int | None = None,
    include_deleted: bool = True,
    chunk: int = CHUNK,
) -> Iterator[dict[str, Any]]:
    """Yield one dict per message (the keys above), ordered by message id."""
    mailboxes = {m.id: m.name for m in Mailbox.select(Mailbox.id, Mailbox.name)}
    folders = {f.id: f.remote_name for f in Folder.select(Folder.id, Folder.remote_name)}
    # Mailboxes shared with me: whose, and at which level (R11).
    shared = {
        r.mailbox_id: (r.owner_email, "write" if r.level == READ_WRITE else "read")
        for r in SharedMailbox.select()
    }
    last_id = 0
    while True:
        query = Message.select().where(Message.id > last_id)
        if mailbox_id is not None:
            query = query.where(Message.mailbox == mailbox_id)
        if not include_deleted:
            query = query.where(Message.deleted_locally == False)  # noqa: E712
        rows = list(query.order_by(Message.id).limit(chunk))
        if not rows:
            return
        ids = [m.id for m in rows]
        filings: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for f in (
            Filing.select()
            .where(Filing.message.in_(ids) & (Filing.removed == False))  # noqa: E712
            .order_by(Filing.id)
        ):
            filings[f.message_id].append(
                {"kind": f.object_kind, "id": f.object_id, "source": f.source}
            )
        signals: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for s in Signal.select().where(Signal.message.in_(ids)).order_by(Signal.id):
            signals[s.message_id].append(
                {"kind": s.object_kind, "id": s.object_id, "state": s.state, "reason": s.reason}
            )
        labels: dict[int, list[str]] = defaultdict(list)
        for mid, name in (
            MessageLabel.select(MessageLabel.message, Label.name)
            .join(Label)
            .where(MessageLabel.message.in_(ids))
            .order_by(Label.name)
            .tuples()
        ):
            labels[mid].append(name)
        with_body = {
            b.message_id
            for b in MessageBody.select(MessageBody.message).where(MessageBody.message.in_(ids))
        }
        placed = dict(
            MessagePlacement.select(MessagePlacement.message, MessagePlacement.folder_name)
            .where(MessagePlacement.message.in_(ids))
            .tuples()
        )
        for m in rows:
            yield {
                "id": m.id,
                "mailbox": mailboxes.get(m.mailbox_id, ""),
                "mailbox_id": m.mailbox_id,
                "folder": folders.get(m.folder_id, ""),
                "remote_id": m.remote_id,
                "message_id": m.message_id,
                "date": iso_utc(m.date),
                "from": _address(m.from_name, m.from_addr),
                "to": _address_list(m.to),
                "cc": _address_list(m.cc),
                "subject": m.subject,
                "snippet": m.snippet,
                "flags": m.flags.split() if m.flags else [],
                "seen": bool(m.seen),
                "starred": bool(m.starred),
                "has_attachments": bool(m.has_attachments),
                "deleted_locally": bool(m.deleted_locally),
                "filings": filings.get(m.id, []),
                "signals": signals.get(m.id, []),
                "parse_error": m.parse_error,
                "labels": labels.get(m.id, []),
                "local_folder": placed.get(m.id),
                "body": m.id in with_body,
                "shared_from": shared[m.mailbox_id][0] if m.mailbox_id in shared else None,
                "access": shared[m.mailbox_id][1] if m.mailbox_id in shared else "owner",
            }
        last_id = ids[-1]


def write_jsonl(out: IO[str], rows: Iterator[dict[str, Any]]) -> int:
    """Write rows as JSON Lines; returns how many were written."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
