"""The one path by which mail enters the store: raw bytes → parse → rows.

Every provider (IMAP, Gmail, Graph) and the file import call ``store_batch``.
One transaction per batch: the messages, their bodies, attachments, search
index, the import pipeline's work (desktop/pipeline.py: CRM pairing, then rules)
and the folder's resume point are committed together, so a process killed at any
moment leaves either the whole batch or none of it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop import pipeline
from desktop.changes import ChangeSet, bus
from desktop.models import search
from desktop.models.base import among, insert_sql, utcnow
from desktop.models.db import database
from desktop.models.mail import ROLE_SENT, Attachment, Folder, Mailbox, Message, MessageBody
from desktop.models.subjects import SUBJECT_PREFIX as _SUBJECT_PREFIX  # noqa: F401
from desktop.models.subjects import normalise_subject
from desktop.services import sent_copies
from desktop.sync import mime
from desktop.sync.rawform import COMPRESS_BELOW, encode_raw  # noqa: F401 (re-exported)


@dataclass
class FetchedMessage:
    """What a provider hands over for one message."""

    remote_id: str
    raw: bytes
    uid: int | None = None
    flags: Sequence[str] = ()
    internal_date: datetime | None = None  # UTC, naive
    modseq: int | None = None
    # Optional work done ahead (e.g. in a process pool while the network is busy):
    # the parsed form of ``raw`` and its stored encoding (see encode_raw).
    parsed: mime.ParsedMessage | None = None
    blob: bytes | None = None
    # The raw size when ``raw`` itself is not handed over (parsed and blob given).
    size: int | None = None


def _address_text(pairs: Iterable[Sequence[str]]) -> str:
    return " ".join(f"{name} {addr}".strip() for name, addr in pairs)


def _is_sent(mailbox: Mailbox, folder: Folder, parsed: mime.ParsedMessage) -> bool:
    if folder.role == ROLE_SENT:
        return True
    return bool(parsed.from_addr) and parsed.from_addr.lower() == mailbox.email.lower()


def existing_remote_ids(folder: Folder, remote_ids: Iterable[str]) -> set[str]:
    query = Message.select(Message.remote_id).where(
        (Message.folder == folder) & among(Message.remote_id, remote_ids)
    )
    return {remote_id for (remote_id,) in query.tuples()}


def store_batch(
    folder: Folder,
    items: Sequence[FetchedMessage],
    *,
    folder_updates: dict[str, object] | None = None,
    steps: pipeline.Pipeline | None = None,
) -> ChangeSet:
    """Store new messages of one folder in one transaction; idempotent on remote_id.

    ``folder_updates`` (e.g. ``{"last_uid": 1234}``) are written to the folder
    in the same transaction, so the resume point never runs ahead of the data.
    """
    steps = pipeline.active() if steps is None else steps
    changes = ChangeSet(folders={folder.id})
    mailbox = folder.mailbox
    # Parse outside the transaction: it is the slow part and needs no lock.
    fresh = _new_items(folder, items)
    # IMMEDIATE: take the write lock first, so the ids handed out below
    # (max(id) + n, exactly what SQLite's rowid allocation would pick) stay ours.
    with database.atomic("IMMEDIATE"):
        # The server's copy of what the user just sent takes over the row shown at once
        # (and goes through the pipeline now, as arriving mail).
        fresh, adopted = sent_copies.adopt_server_copies(folder, fresh)
        changes.updated = [m.id for m, _ in adopted]  # rows already listed
        stored = _insert_many(mailbox, folder, fresh) + adopted
        # Pairing, then rules: their filings, signals and effects commit with the rows.
        changes.merge(steps.run_import(mailbox, stored))
        _save_resume_point(folder, folder_updates)
    changes.added = [m.id for m, _ in stored]
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
        if stored:
            steps.run_after_commit(changes)
    return changes


def _new_items(
    folder: Folder, items: Sequence[FetchedMessage]
) -> list[tuple[FetchedMessage, mime.ParsedMessage]]:
    """The items the folder does not hold yet (each remote_id once), parsed."""
    seen_ids = existing_remote_ids(folder, (item.remote_id for item in items))
    fresh = []
    for item in items:
        if item.remote_id in seen_ids:
            continue
        seen_ids.add(item.remote_id)
        parsed = item.parsed if item.parsed is not None else mime.parse(item.raw)
        fresh.append((item, parsed))
    return fresh


def _save_resume_point(folder: Folder, folder_updates: dict[str, object] | None) -> None:
    """The folder's resume point (e.g. ``last_uid``), in the caller's transaction."""
    if folder_updates:
        for key, value in folder_updates.items():
            setattr(folder, key, value)
        folder.last_sync_at = utcnow()
        folder.save()


# The search index takes a body's first 64 K characters: enough to find any mail
# by its words, while a multi-megabyte text body (logs, exports) costs no more.
FTS_BODY_CHARS = 64 * 1024


# Fields whose Python values SQLite takes as they are (str, int, bytes, bool, None):
# skipping their db_value saves a quarter of the insert time of a batch.
_PLAIN_FIELDS = (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    TextField,
)
_converters: dict[type, list[tuple[str, Callable | None]]] = {}


def _row_converters(model: type) -> list[tuple[str, Callable | None]]:
    if model not in _converters:
        _converters[model] = [
            # JSONField is a TextField subclass: exact types only, except these bases.
            (f.name, None if type(f) in _PLAIN_FIELDS else f.db_value)
            for f in model._meta.sorted_fields
        ]
    return _converters[model]


_plans: dict[type, tuple[list[str], list[tuple[int, Callable]]]] = {}


def _row(model: type, values: dict) -> list:
    # Column values in the order of the model's fields, through db_value where it matters:
    # every value looked up at C speed, then the few that need it converted.
    plan = _plans.get(model)
    if plan is None:
        pairs = _row_converters(model)
        plan = _plans[model] = (
            [name for name, _ in pairs],
            [(at, convert) for at, (_, convert) in enumerate(pairs) if convert is not None],
        )
    names, converted = plan
    get = values.get
    row = [get(name) for name in names]
    for at, convert in converted:
        row[at] = convert(row[at])
    return row


def _stored_message(values: dict, mailbox: Mailbox, folder: Folder) -> Message:
    """The Message instance of an inserted row, as Message(**values) with its mailbox and
    folder objects attached would be, without going through a field descriptor per value
    (a third of the Python time of an insert)."""
    data = Message._meta.get_default_dict()
    data.update(values)
    data["mailbox"], data["folder"] = mailbox.id, folder.id
    message = Message.__new__(Message)
    message.__data__ = data
    message._dirty = set(data)
    message.__rel__ = {"mailbox": mailbox, "folder": folder}
    return message


def _insert_sql(model: type) -> str:
    return insert_sql(model, model._meta.sorted_fields)  # the order of _row's values


def _message_values(
    mailbox: Mailbox,
    folder: Folder,
    item: FetchedMessage,
    parsed: mime.ParsedMessage,
    message_id: int,
    now: datetime,
) -> dict:
    return {
        "id": message_id,
        "mailbox": mailbox.id,
        "folder": folder.id,
        "remote_id": item.remote_id,
        "uid": item.uid,
        "message_id": parsed.message_id,
        "in_reply_to": parsed.in_reply_to,
        "references": " ".join(parsed.references),
        "thread_key": parsed.thread_root or f"subject:{normalise_subject(parsed.subject)}",
        "date": parsed.date or item.internal_date or now,
        "from_name": parsed.from_name,
        "from_addr": parsed.from_addr,
        "to": [list(p) for p in parsed.to],
        "cc": [list(p) for p in parsed.cc],
        "reply_to": [list(p) for p in parsed.reply_to],
        "subject": parsed.subject,
        "snippet": parsed.snippet,
        "size": item.size if item.size is not None else len(item.raw),
        "flags": " ".join(str(f) for f in item.flags),
        "seen": "\\Seen" in item.flags,
        "starred": "\\Flagged" in item.flags,
        "has_attachments": parsed.has_attachments,
        "deleted_locally": False,
        "direction": "sent" if _is_sent(mailbox, folder, parsed) else "received",
        "parse_error": parsed.parse_error,
        "modseq": item.modseq,
    }


class _BodyRows:
    """The body, attachment and search-index rows of a batch, written with executemany."""

    def __init__(self) -> None:
        self.bodies: list[list] = []
        self.attachments: list[list] = []
        self.fts: list[tuple] = []
        self.big: list[tuple[int, bytes]] = []  # (message id, raw) of big messages

    def add(self, message_id: int, item: FetchedMessage, parsed: mime.ParsedMessage) -> None:
        if item.blob is None and len(item.raw) >= PIECEWISE_FROM:  # see write_raw_in_pieces
            blob = None
            self.big.append((message_id, item.raw))
        else:
            blob = item.blob if item.blob is not None else encode_raw(item.raw)
        self.bodies.append(
            _row(
                MessageBody,
                {"message": message_id, "text": parsed.text, "html": parsed.html, "raw": blob},
            )
        )
        for a in parsed.attachments:
            self.attachments.append(
                _row(
                    Attachment,
                    {
                        "message": message_id,
                        "filename": a.filename,
                        "content_type": a.content_type,
                        "size": a.size,
                        "content_id": a.content_id,
                        "inline": a.inline,
                        "part_path": a.part_path,
                    },
                )
            )
        self.fts.append(_fts_row(message_id, parsed, with_body=True))

    def write(self) -> None:
        cursor = database.cursor()
        cursor.executemany(_insert_sql(MessageBody), self.bodies)
        for message_id, raw in self.big:
            write_raw_in_pieces(message_id, raw)
        if self.attachments:
            cursor.executemany(_insert_sql(Attachment), self.attachments)
        _write_fts(self.fts)


def _fts_row(message_id: int, parsed: mime.ParsedMessage, *, with_body: bool) -> tuple:
    return (
        message_id,
        parsed.subject,
        _address_text([(parsed.from_name, parsed.from_addr)]),
        _address_text([*parsed.to, *parsed.cc]),
        (parsed.plain or parsed.text or mime.html_to_text(parsed.html))[:FTS_BODY_CHARS]
        if with_body
        else "",
    )


def _write_fts(rows: list[tuple]) -> None:
    database.cursor().executemany(
        f"INSERT OR REPLACE INTO {search.FTS_TABLE}(rowid, subject, sender, recipients, body) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def _insert_many(
    mailbox: Mailbox,
    folder: Folder,
    fresh: list[tuple[FetchedMessage, mime.ParsedMessage]],
    *,
    with_bodies: bool = True,
) -> list[tuple[Message, mime.ParsedMessage]]:
    """Insert messages, bodies, attachments and index rows with executemany.

    Without bodies (the headers-first phase) only the message rows and their
    subject/address index rows: no MessageBody row, which marks a header-only message.
    Must run inside an IMMEDIATE transaction (ids are allocated here).
    """
    if not fresh:
        return []
    next_id = database.execute_sql('SELECT COALESCE(MAX(id), 0) FROM "message"').fetchone()[0]
    now = utcnow()
    stored: list[tuple[Message, mime.ParsedMessage]] = []
    message_rows: list[list] = []
    rows = _BodyRows()
    for item, parsed in fresh:
        next_id += 1
        values = _message_values(mailbox, folder, item, parsed, next_id, now)
        message_rows.append(_row(Message, values))
        stored.append((_stored_message(values, mailbox, folder), parsed))
        if with_bodies:
            rows.add(next_id, item, parsed)
        else:
            rows.fts.append(_fts_row(next_id, parsed, with_body=False))
    database.cursor().executemany(_insert_sql(Message), message_rows)
    if with_bodies:
        rows.write()
    else:
        _write_fts(rows.fts)
    return stored


# -- headers first: list rows now, bodies behind them ------------------------------------


def store_headers(
    folder: Folder,
    items: Sequence[FetchedMessage],
    *,
    folder_updates: dict[str, object] | None = None,
) -> ChangeSet:
    """Store list rows of new messages from their headers (``parsed`` from the list-row
    header fields, ``size`` = the whole message's), without bodies; idempotent on
    remote_id.

    A header-only message has no MessageBody row: its snippet, attachments flag and
    parse_error stay empty, and it has no search-index row yet: fill_bodies writes that
    row once, with the body words (issue 7: the index follows the rows in batches).
    Pairing (headers only) runs now; the steps that need the body (rules, publishing)
    run in fill_bodies. One transaction with ``folder_updates``.
    """
    steps = pipeline.active()
    changes = ChangeSet(folders={folder.id})
    mailbox = folder.mailbox
    fresh = _new_items(folder, items)
    for _item, parsed in fresh:
        # What only the body can tell is filled when it arrives (never half-true).
        parsed.snippet, parsed.attachments, parsed.parse_errors = "", [], []
    with database.atomic("IMMEDIATE"):
        # As in store_batch: the server's copy of what the user just sent takes over the
        # row shown at once. That row is whole (its body came with it): every step now.
        fresh, adopted = sent_copies.adopt_server_copies(folder, fresh)
        changes.updated = [m.id for m, _ in adopted]
        changes.merge(steps.run_import(mailbox, adopted))
        stored = _insert_header_rows(mailbox, folder, fresh)
        changes.merge(steps.run_import(mailbox, stored, phase=pipeline.HEADERS))
        _save_resume_point(folder, folder_updates)
    changes.added = [m.id for m, _ in stored]
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
        if adopted:
            steps.run_after_commit(changes)
    return changes


def _insert_header_rows(
    mailbox: Mailbox, folder: Folder, fresh: list[tuple[FetchedMessage, mime.ParsedMessage]]
) -> list[tuple[Message, mime.ParsedMessage]]:
    """The message rows alone (no body, no index row), one executemany. Inside an
    IMMEDIATE transaction: the ids are allocated here, as _insert_many does."""
    if not fresh:
        return []
    next_id = database.execute_sql('SELECT COALESCE(MAX(id), 0) FROM "message"').fetchone()[0]
    now = utcnow()
    stored: list[tuple[Message, mime.ParsedMessage]] = []
    rows: list[tuple] = []
    for item, parsed in fresh:
        next_id += 1
        values = _message_values(mailbox, folder, item, parsed, next_id, now)
        rows.append(_row(Message, values))
        stored.append((_message(mailbox, folder, values), parsed))
    database.cursor().executemany(_insert_sql(Message), rows)
    return stored


def _message(mailbox: Mailbox, folder: Folder, values: dict) -> Message:
    message = Message(**values)
    message.mailbox = mailbox
    message.folder = folder
    return message


def pending_bodies(folder: Folder) -> list[tuple[int, int]]:
    """(uid, size) of the folder's header-only messages, newest first (the likeliest
    to be opened first)."""
    sql = (
        f'SELECT m.uid, m.size FROM "message" m LEFT JOIN "{MessageBody._meta.table_name}" b '
        "ON b.message_id = m.id WHERE m.folder_id = ? AND b.message_id IS NULL "
        "AND m.uid IS NOT NULL ORDER BY m.uid DESC"
    )
    return [(uid, size) for uid, size in database.execute_sql(sql, (folder.id,))]


def is_header_only(message_id: int) -> bool:
    """Whether the message's body has not arrived yet (see store_headers)."""
    return not MessageBody.select().where(MessageBody.message == message_id).exists()


def fill_bodies(
    folder: Folder,
    items: Sequence[FetchedMessage],
    *,
    new_ids: set[int] | frozenset[int] = frozenset(),
) -> ChangeSet:
    """Give header-only messages of ``folder`` their bodies, by remote_id: the body,
    attachments, the search-index row (written once, here), snippet, attachments flag
    and parse_error, then the pipeline steps that need the body (rules, publishing), in
    one transaction. Idempotent: a message that has its body already (or is gone) is
    skipped.

    As cheap as storing the batch whole: the rows waiting are found with one query
    under the write lock, one UPDATE per batch, and the steps get message objects made
    from the whole message's parse, not rows read back. Its header fields are the
    row's (fastparse.parse_headers reads them alike), except where a malformed header
    block made it report a parse error: then they replace the row's.

    The published change-set names every filled message as updated (the window
    repaints them). ``new_ids``: rows the caller added in the same sync; the returned
    change-set leaves them out of ``updated`` unless a body step changed them (for
    the caller's "n new, m updated")."""
    steps = pipeline.active()
    changes = ChangeSet(folders={folder.id})
    mailbox = folder.mailbox
    # Parsed before the write lock is taken (the slow part needs no lock).
    by_remote = {
        item.remote_id: (item, item.parsed if item.parsed is not None else mime.parse(item.raw))
        for item in items
    }
    ids: list[int] = []
    with database.atomic("IMMEDIATE"):
        # Under the write lock: an on-demand fetch (fetch_body_now) may have filled one.
        waiting = _header_only_ids(folder, list(by_remote))
        now = utcnow()
        rows = _BodyRows()
        updates: list[tuple] = []
        stored: list[tuple[Message, mime.ParsedMessage]] = []
        for remote_id, message_id in sorted(waiting.items(), key=lambda pair: pair[1]):
            item, parsed = by_remote[remote_id]
            rows.add(message_id, item, parsed)
            updates.append((parsed.snippet, parsed.has_attachments, parsed.parse_error, message_id))
            values = _message_values(mailbox, folder, item, parsed, message_id, now)
            stored.append((_message(mailbox, folder, values), parsed))
            ids.append(message_id)
        rows.write()
        database.cursor().executemany(
            'UPDATE "message" SET snippet = ?, has_attachments = ?, parse_error = ? WHERE id = ?',
            updates,
        )
        for message, parsed in stored:
            if parsed.parse_error:
                # A malformed header block may read otherwise in the server's pick of the
                # list-row fields (imap.fetch_headers): the whole message's parse decides,
                # as it does when the message is stored whole.
                Message.update(
                    {getattr(Message, name): getattr(message, name) for name in _HEADER_COLUMNS}
                ).where(Message.id == message.id).execute()
        changes.merge(steps.run_import(mailbox, stored, phase=pipeline.BODY))
    by_steps = set(changes.updated)
    changes.updated = sorted(by_steps | set(ids))
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
        if ids:
            steps.run_after_commit(changes)
    if new_ids:
        changes.updated = [i for i in changes.updated if i in by_steps or i not in new_ids]
    return changes


# The message columns _message_values takes from the parsed headers.
_HEADER_COLUMNS = (
    "message_id",
    "in_reply_to",
    "references",
    "thread_key",
    "date",
    "from_name",
    "from_addr",
    "to",
    "cc",
    "reply_to",
    "subject",
    "direction",
)


def _header_only_ids(folder: Folder, remote_ids: list[str]) -> dict[str, int]:
    """{remote_id: message id} of those of ``remote_ids`` in ``folder`` still without
    a body (plain SQL: this runs for every batch of a first import)."""
    found: dict[str, int] = {}
    sql = (
        f'SELECT m.remote_id, m.id FROM "message" m LEFT JOIN "{MessageBody._meta.table_name}" b'
        " ON b.message_id = m.id WHERE m.folder_id = ? AND b.message_id IS NULL"
        " AND m.remote_id IN ({})"
    )
    for start in range(0, len(remote_ids), 500):
        chunk = remote_ids[start : start + 500]
        cursor = database.execute_sql(sql.format(",".join("?" * len(chunk))), (folder.id, *chunk))
        found.update(cursor.fetchall())
    return found


def raw_source(message: Message | int) -> bytes:
    """The message's original bytes, as stored."""
    message_id = message if isinstance(message, int) else message.id
    body = MessageBody.get_or_none(MessageBody.message == message_id)
    if body is None or body.raw is None:
        return b""
    return zlib.decompress(body.raw)


def drop_folder_messages(folder: Folder) -> ChangeSet:
    """Forget a folder's messages (UIDVALIDITY changed): the caller re-imports them."""
    ids = [m.id for m in Message.select(Message.id).where(Message.folder == folder)]
    with database.atomic():
        # Manual CRM decisions (and rule effects) survive by Message-ID, restored
        # when the message is imported again.
        pipeline.active().run_before_remove(folder, None)
        search.unindex_messages(database, ids)
        Message.delete().where(Message.folder == folder).execute()
    changes = ChangeSet(removed=ids, folders={folder.id})
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
    return changes


def remove_messages(folder: Folder, uids: Iterable[int]) -> ChangeSet:
    """Forget IMAP messages the server no longer has (expunged there), by UID: an IMAP
    message's ``remote_id`` is its UID (see remove_remote_ids)."""
    return remove_remote_ids(folder, (str(uid) for uid in uids))


# -- changes keyed by remote_id (every provider: IMAP passes str(uid)) ----------------------

# Server flags that Holub mirrors into its own read and star state.
_FLAG_COLUMNS = (("\\Seen", "seen"), ("\\Flagged", "starred"))


def update_flags(
    folder: Folder,
    flags: dict[str, Sequence[str]],
    *,
    modseqs: dict[str, int | None] | None = None,
) -> ChangeSet:
    """Apply the server's flags of messages already stored, keyed by ``remote_id``.

    Flags use the IMAP names (``\\Seen``, ``\\Flagged``); Gmail and Graph map their
    UNREAD / STARRED labels and isRead / flag fields onto them. Only the server's
    transitions move Holub's read and star state, so a local change is not undone by
    an unrelated flag change. ``modseqs`` (IMAP CONDSTORE) are stored with the flags.
    Unknown remote ids are ignored. One transaction; published after the commit.
    """
    wanted = list(flags)
    rows: list[Message] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows += list(
            Message.select(
                Message.id, Message.remote_id, Message.flags, Message.seen, Message.starred
            ).where((Message.folder == folder) & Message.remote_id.in_(chunk))
        )
    updated: list[int] = []
    with database.atomic():
        for message in rows:
            new_flags = tuple(flags[message.remote_id])
            text = " ".join(new_flags)
            if text == message.flags:
                continue
            old, new = set(message.flags.split()), set(new_flags)
            values: dict = {Message.flags: text}
            if modseqs is not None and message.remote_id in modseqs:
                values[Message.modseq] = modseqs[message.remote_id]
            for flag, column in _FLAG_COLUMNS:
                if flag in new and flag not in old:
                    values[getattr(Message, column)] = True
                elif flag in old and flag not in new:
                    values[getattr(Message, column)] = False
            Message.update(values).where(Message.id == message.id).execute()
            updated.append(message.id)
    changes = ChangeSet(updated=updated, folders={folder.id})
    if updated and not database.in_transaction():  # else the caller publishes after commit
        bus.publish(changes)
    return changes


def remove_remote_ids(folder: Folder, remote_ids: Iterable[str]) -> ChangeSet:
    """Forget messages the provider no longer has in ``folder``, by ``remote_id``.

    As remove_messages (which goes by IMAP UID): the local mirror only (R2), manual
    CRM decisions survive by Message-ID, the search rows go too.
    """
    wanted = sorted(set(remote_ids))
    ids: list[int] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        ids += [
            row.id
            for row in Message.select(Message.id).where(
                (Message.folder == folder) & Message.remote_id.in_(chunk)
            )
        ]
    if not ids:
        return ChangeSet(folders={folder.id})
    with database.atomic():
        # Through the pipeline, as remove_messages: manual CRM decisions are kept.
        pipeline.active().run_before_remove(folder, ids)
        search.unindex_messages(database, ids)
        for start in range(0, len(ids), 500):
            Message.delete().where(Message.id.in_(ids[start : start + 500])).execute()
    changes = ChangeSet(removed=ids, folders={folder.id})
    if not database.in_transaction():  # else the caller publishes after its commit
        bus.publish(changes)
    return changes


# -- big messages: the stored form written in pieces ----------------------------------------

# Raw messages from this size on are stored by write_raw_in_pieces: handing SQLite a
# 50 MB value costs two more copies of it (the bound parameter and the record).
PIECEWISE_FROM = 4 * 1024 * 1024
_RAW_PIECE = 1 << 20


def _stored_pieces(raw: bytes) -> Iterable[bytes]:
    # The same zlib stream as encode_raw makes for big messages (level 0: stored blocks),
    # produced a piece at a time; fed in the same pieces it is the same bytes every time.
    stream = zlib.compressobj(0)
    view = memoryview(raw)
    for at in range(0, len(raw), _RAW_PIECE):
        piece = stream.compress(view[at : at + _RAW_PIECE])
        if piece:
            yield piece
    yield stream.flush()


def write_raw_in_pieces(message_id: int, raw: bytes) -> None:
    """Store ``raw`` as the message's raw source (MessageBody.raw, a zlib stream as
    encode_raw's) without ever holding a second copy of it in memory: the length first,
    then SQLite's incremental blob I/O. _insert_many does it, in store_batch's
    transaction, for a big message handed over with its raw bytes and no blob."""
    length = sum(len(piece) for piece in _stored_pieces(raw))
    table = MessageBody._meta.table_name
    database.execute_sql(
        f'UPDATE "{table}" SET "raw" = zeroblob(?) WHERE "message_id" = ?', (length, message_id)
    )
    with database.connection().blobopen(table, "raw", message_id) as blob:
        for piece in _stored_pieces(raw):
            blob.write(piece)
