"""Sync a mailbox: ``sync_mailbox`` dispatches to the mailbox's provider and records
the outcome; the rest of this module is the IMAP provider's sync (``sync_imap``):
Inbox and Sent, from the import date on.

Read-only towards the server (R2): folders are opened with EXAMINE
(``select_folder(readonly=True)``) and bodies fetched with ``BODY.PEEK[]``, so
not even the \\Seen flag changes. Holub writes nothing here.

Resume and idempotence: messages are stored in batches through
``store.store_batch`` and each batch commits the folder's resume point
(``last_uid``) in the same transaction. A process killed at any moment leaves
whole batches only; the next run asks for UIDs above ``last_uid`` and the store
ignores anything it already has. A UIDVALIDITY change drops the folder's
messages and imports it again.

Headers first (issue 7): from HEADERS_FIRST_FROM new messages on, the list rows come
first: one FETCH of the list-row header fields, flags, dates and sizes for the newest
FIRST_HEADERS (committed and published at once), then their bodies, filling those rows
in place (store.fill_bodies: body, search index row, snippet, attachments, rules,
publishing). The rate of that fill decides the rest: when its bodies would come within
LIST_ROWS_ABOVE_SECONDS (loopback, a fast link) they are imported whole, oldest up, as
any new messages are (a second header pass would cost ~15% of the import and list
nothing sooner the user would notice); otherwise (a slow link, a big mailbox) their list
rows come first, HEADER_CHUNK at a time from the oldest up, each chunk committing the
resume point below which every row is stored, and their bodies follow. Both passes
share one worker pool: the workers fetch and parse on their own connections while this
thread stores. The header-only rows themselves are the to-do list
(store.pending_bodies), so a sync killed between or inside the phases resumes with no
gap and no duplicate; fetch_body_now fetches one at once when opened.
Gmail and Graph keep their one-phase path (store_batch) for now.

Expunged on the server: with QRESYNC the folder is opened with its last
(UIDVALIDITY, HIGHESTMODSEQ) and the server names the UIDs that vanished since;
without it (or before the first complete pass) the stored UIDs are compared
with the server's. Those messages leave the local mirror only (R2), keeping
manual CRM decisions as drop_folder_messages does.

Nothing new: when UIDNEXT has not moved no SEARCH is sent; with QRESYNC and an
unchanged HIGHESTMODSEQ a sync is LIST, ENABLE and one EXAMINE per folder.

Memory: batches are cut by bytes as well as by count, from the RFC822.SIZE the server
reports (MAX_BATCH_BYTES; a bigger message comes alone), at most IN_FLIGHT_BYTES of
bodies are alive at once, and a big message's stored form is written into the store in
pieces (store.write_raw_in_pieces), so a first sync of 50 MB messages stays near
100 MB of RSS (bench/big_messages.py).

Speed: one thread fetches the next batch while a small process pool parses the
current one and the main thread stores the one before (network, parsing and
SQLite overlap). Small syncs parse inline: a pool costs more than it saves.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from imapclient import exceptions as imap_errors

from desktop import secrets
from desktop.changes import ChangeSet
from desktop.errors import (
    AuthenticationError,
    ConnectionFailed,
    HolubError,
    ServerError,
    SignInRequired,
)
from desktop.models.base import utcnow
from desktop.models.db import database, restore_cache, use_sync_cache
from desktop.models.mail import (
    ROLE_INBOX,
    ROLE_SENT,
    SIGNIN_NEEDED,
    SIGNIN_OK,
    Folder,
    Mailbox,
    Message,
)
from desktop.sync import fastparse, imap, mime, net
from desktop.sync.cancel import on_cancel, shut_down
from desktop.sync.providers import parse_pool
from desktop.sync.providers.base import provider_for
from desktop.sync.store import (
    PIECEWISE_FROM,
    FetchedMessage,
    drop_folder_messages,
    fill_bodies,
    is_header_only,
    pending_bodies,
    remove_remote_ids,
    store_batch,
    store_headers,
    update_flags,
)
from desktop.sync.store import encode_raw as _encode_raw

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

SYNCED_ROLES = (ROLE_INBOX, ROLE_SENT)
BATCH_SIZE = 250
# Bytes of message bodies per FETCH (from the RFC822.SIZE the server reports): a batch
# of big messages is cut short, and a message bigger than this comes alone. 8 MiB, not
# 12: with three batches in flight a 10,000-message first import peaked at 148-154 MiB
# (over issue 11's 150 MB) at 12 MiB and at 108 MiB at 8, no slower (bench/first_sync.sh).
MAX_BATCH_BYTES = 8 * 1024 * 1024
# Batches of bodies alive at once (being stored, fetched and parsed, waiting): the one
# being stored and one per pool worker, so neither worker idles while a batch is stored
# (with two batches' bytes, one worker waited through every store of a big batch).
IN_FLIGHT_BATCHES = 3  # POOL_WORKERS + 1
# Bytes of fetched bodies alive at once. A batch above it waits until everything before
# it is stored, so a mailbox of 50 MB messages holds one of them at a time (issue 11
# item 9: peak RSS < 150 MB whatever the sizes).
IN_FLIGHT_BYTES = IN_FLIGHT_BATCHES * MAX_BATCH_BYTES  # HOLUB_SYNC_MAX_BYTES scales both
# The first batch of a sync is small, so the first messages show at once.
FIRST_BATCH = 50
# Headers first (issue 7): from this many new messages on, the newest FIRST_HEADERS list
# rows are stored from one header FETCH before any body is fetched (see the docstring).
HEADERS_FIRST_FROM = 2 * FIRST_BATCH
HEADER_CHUNK = 1000
FIRST_HEADERS = 500  # the newest ones: the first list rows, in well under a second
# After the newest rows and their bodies: when the rest's bodies would take longer than
# this (at the rate just measured), the rest's list rows are stored first.
LIST_ROWS_ABOVE_SECONDS = 30.0
LIST_ROWS_ENV = "HOLUB_SYNC_LIST_ROWS_ABOVE"  # seconds; tests: 0 lists every row first
HEADER_CHUNK_ENV = "HOLUB_SYNC_HEADER_CHUNK"  # tests: several header chunks in a small folder
# Below this many new messages the pool's start-up costs more than it saves.
POOL_THRESHOLD = 300
# UID SEARCH goes over this many UID numbers at a time: one answer line then stays far
# below imaplib's 1 MB limit (which a 150,000-message folder would pass) even with
# ten-digit UIDs.
SEARCH_UID_RANGE = 50_000
POOL_WORKERS = parse_pool.WORKERS

# Test hooks (integration tests kill the process at chosen points).
BATCH_ENV = "HOLUB_SYNC_BATCH"
MAX_BYTES_ENV = "HOLUB_SYNC_MAX_BYTES"  # MAX_BATCH_BYTES (IN_FLIGHT_BYTES scales with it)
KILL_ENV = "HOLUB_TEST_KILL"  # "before:N" or "after:N" (Nth stored batch, 1-based)
POOL_ENV = "HOLUB_SYNC_POOL_MIN"  # new-message count from which the pool is used
HEADERS_ENV = "HOLUB_SYNC_HEADERS_FROM"  # HEADERS_FIRST_FROM
KILL_HEADERS_ENV = "HOLUB_TEST_KILL_HEADERS"  # "after:N": Nth stored header chunk


def _headers_first_from() -> int:
    try:
        return int(os.environ.get(HEADERS_ENV, ""))
    except ValueError:
        return HEADERS_FIRST_FROM


def _list_rows_above() -> float:
    try:
        return float(os.environ.get(LIST_ROWS_ENV, ""))
    except ValueError:
        return LIST_ROWS_ABOVE_SECONDS


def _pool_threshold() -> int:
    try:
        return int(os.environ.get(POOL_ENV, ""))
    except ValueError:
        return POOL_THRESHOLD


def plan_batches(
    uids: list[int],
    size: int,
    first: int = 0,
    *,
    sizes: dict[int, int] | None = None,
    max_bytes: int | None = None,
) -> list[list[int]]:
    """UIDs in ascending batches of at most ``size`` UIDs; a small ``first`` one makes the
    list fill sooner. With ``sizes`` (bytes per UID) and ``max_bytes``, a batch also ends
    before its bodies pass ``max_bytes``; a message bigger than that is a batch alone."""
    head = [uids[:first]] if 0 < first < len(uids) else []
    rest = uids[len(head[0]) if head else 0 :]
    if not sizes or not max_bytes:
        return head + [rest[i : i + size] for i in range(0, len(rest), size)]
    batches: list[list[int]] = []
    for group in ([head[0]] if head else []) + [rest]:
        batch: list[int] = []
        total = 0
        for uid in group:
            cost = sizes.get(uid, 0)
            if batch and (len(batch) >= size or total + cost > max_bytes):
                batches.append(batch)
                batch, total = [], 0
            batch.append(uid)
            total += cost
        if batch:
            batches.append(batch)
    return batches


def _max_batch_bytes() -> int:
    try:
        return max(1, int(os.environ.get(MAX_BYTES_ENV, "")))
    except ValueError:
        return MAX_BATCH_BYTES


class _ByteBudget:
    """Bytes of fetched bodies allowed alive at once, taken before a batch is fetched
    and given back once it is stored. A batch bigger than the whole budget waits until
    nothing else is alive, then goes alone."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._changed = threading.Condition()

    def take(self, amount: int, stop: threading.Event | None = None) -> bool:
        amount = min(amount, self.limit)
        with self._changed:
            while self.used and self.used + amount > self.limit:
                if stop is not None and stop.is_set():
                    return False
                self._changed.wait(0.1)
            self.used += amount
        return True

    def fits(self, amount: int) -> bool:
        with self._changed:
            return not self.used or self.used + min(amount, self.limit) <= self.limit

    def give_back(self, amount: int) -> None:
        with self._changed:
            self.used = max(0, self.used - min(amount, self.limit))
            self._changed.notify_all()


def _batch_size() -> int:
    try:
        return max(1, int(os.environ.get(BATCH_ENV, "")))
    except ValueError:
        return BATCH_SIZE


def _kill_hook(moment: str, batch_number: int) -> None:
    spec = os.environ.get(KILL_ENV)
    if spec and spec == f"{moment}:{batch_number}":
        os.kill(os.getpid(), signal.SIGKILL)


# -- parsing (runs in pool processes) ----------------------------------------------------


def _parse_one(raw: bytes) -> tuple[mime.ParsedMessage, bytes | None]:
    # A big message's stored form is written in pieces when it is stored (None here),
    # never made whole in memory beside the raw bytes.
    blob = _encode_raw(raw) if len(raw) < PIECEWISE_FROM else None
    return fastparse.parse(raw), blob


def _parse_many(raws: Sequence[bytes]) -> list[tuple[mime.ParsedMessage, bytes | None]]:
    return [_parse_one(raw) for raw in raws]


# A pool worker's own IMAP connection, reused for its next batches of the same folder.
_worker_connection: tuple[tuple, object] | None = None


def _worker_client(spec: dict):
    """In a pool process: the worker's own connection with the folder open (EXAMINE),
    reused for its next batches of the same folder."""
    global _worker_connection
    key = (spec["mailbox"]["id"], spec["folder"], spec["uidvalidity"])
    if _worker_connection is None or _worker_connection[0] != key:
        _close_worker_connection()
        mailbox = Mailbox(**spec["mailbox"])  # settings only: no database here
        client = imap.open_connection(mailbox, spec["password"])
        try:
            if spec["condstore"]:
                client.enable("CONDSTORE")
            status = client.select_folder(spec["folder"], readonly=True)
        except BaseException:
            imap.close_connection(client)
            raise
        if int(status.get(b"UIDVALIDITY", 0) or 0) != spec["uidvalidity"]:
            imap.close_connection(client)
            raise ServerError(
                f"The folder {spec['folder']} changed its UIDVALIDITY during the sync; "
                "it will be imported again next time."
            )
        _worker_connection = (key, client)
    return _worker_connection[1]


def _worker_fetch(spec: dict, uids: list[int]) -> list[tuple]:
    """In a pool process: fetch a batch over the worker's own connection and parse it.

    The raw bytes then cross the process boundary once, already encoded for the
    store, and TLS, the IMAP reader and the parser all run beside the main process.
    """
    bodies = _on_worker_connection(
        spec, lambda client: imap.fetch_bodies(client, uids, modseq=spec["condstore"])
    )
    return [_row(b) for b in bodies]


def _worker_headers(spec: dict, uids: list[int]) -> list[FetchedMessage]:
    """In a pool process: a chunk of list rows (headers first), fetched over the
    worker's own connection and parsed, so header parsing runs beside the storing
    thread."""
    heads = _on_worker_connection(
        spec, lambda client: imap.fetch_headers(client, uids, modseq=spec["condstore"])
    )
    return [_header_item(h) for h in heads]


_T = TypeVar("_T")


def _on_worker_connection(spec: dict, fetch: Callable[[Any], _T]) -> _T:
    """``fetch(client)`` over this pool process's connection; after any failure the
    connection is dropped (its state is unknown), and the next job opens a new one."""
    client = _worker_client(spec)
    try:
        return fetch(client)
    except BaseException:
        _close_worker_connection()
        raise


def _header_item(head: imap.FetchedHeader) -> FetchedMessage:
    # The header block itself is not kept: the store needs its parsed form only.
    return FetchedMessage(
        remote_id=str(head.uid),
        raw=b"",
        uid=head.uid,
        flags=head.flags,
        internal_date=head.internal_date,
        modseq=head.modseq,
        parsed=fastparse.parse_headers(head.header),
        size=head.size,
    )


def _row(body: imap.FetchedBody) -> tuple:
    """(uid, flags, internal date, modseq, size, parsed, blob, raw): the raw bytes only
    for a big message (its stored form is written in pieces), else b"" beside its blob."""
    parsed, blob = _parse_one(body.raw)
    raw = body.raw if blob is None else b""
    return (body.uid, body.flags, body.internal_date, body.modseq, len(body.raw), parsed, blob, raw)


def _close_worker_connection() -> None:
    global _worker_connection
    if _worker_connection is not None:
        imap.close_connection(_worker_connection[1])  # type: ignore[arg-type]
        _worker_connection = None


class _InlineExecutor(Executor):
    """Parses in the calling thread (small syncs)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


# -- helpers -------------------------------------------------------------------------


def _flags(values: Sequence[object]) -> tuple[str, ...]:
    return tuple(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values)


def _modseq(data: dict) -> int | None:
    value = data.get(b"MODSEQ")
    if isinstance(value, tuple | list) and value:
        value = value[0]
    return int(value) if isinstance(value, int) else None


def _classify(exc: BaseException, mailbox: Mailbox) -> HolubError:
    """Any failure during a sync → a HolubError the user can read."""
    host, port = mailbox.imap_host, int(mailbox.imap_port)
    if isinstance(exc, HolubError):
        return exc
    if isinstance(exc, imap_errors.IMAPClientAbortError):
        return ConnectionFailed(
            f"The connection to the IMAP server {host}:{port} was lost during the sync "
            "(it will be resumed next time)."
        )
    if isinstance(exc, OSError | EOFError | ssl.SSLError | socket.timeout):
        return net.describe_network_error(exc, host, port, imap.WHAT)
    if isinstance(exc, imap_errors.IMAPClientError):
        return ServerError(f"The IMAP server {host}:{port} answered with an error: {exc}")
    # A bug, not an expected failure: one line for the user, the traceback with -v.
    log.debug("unexpected error during the sync", exc_info=exc)
    return HolubError(f"The sync of {mailbox.name} failed: {type(exc).__name__}: {exc}")


# -- the sync ------------------------------------------------------------------------


def sync_mailbox(
    mailbox_id: int,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ChangeSet:
    """Bring the store up to date with the mailbox's Inbox and Sent; returns what changed.

    Any kind: the mailbox's provider (desktop/sync/providers) does the work, and this
    records the outcome on the mailbox (``last_error``, ``last_sync_at`` and the sign-in
    state), so the worker threads, the CLI and the scheduler all go through here.
    Raises HolubError (AuthenticationError, SignInRequired among them: stop retrying;
    ``transient`` errors: retry later, the sync resumes where it stopped).
    """
    mailbox = Mailbox.get_by_id(mailbox_id)
    try:
        changes = provider_for(mailbox).sync(mailbox, progress, cancel)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        if isinstance(exc, HolubError):
            error = exc
        else:
            # A bug, not an expected failure: one line for the user, the traceback with -v.
            log.debug("unexpected error during the sync", exc_info=exc)
            error = HolubError(f"The sync of {mailbox.name} failed: {type(exc).__name__}: {exc}")
        _record(mailbox, str(error), signed_in=not isinstance(error, SignInRequired))
        if error is exc:
            raise
        raise error from exc
    if cancel is not None and cancel.is_set():
        return changes  # stopped on purpose: neither a failure nor a complete sync
    _record(mailbox, None, signed_in=True)
    return changes


def fetch_body_now(message_id: int) -> ChangeSet:
    """Fetch at once the body of a header-only message (opened before its body came
    with the sync: store.store_headers) over a connection of its own, and fill it in
    (store.fill_bodies publishes the change). Nothing to do when the body is there.
    Read-only like the sync (EXAMINE, BODY.PEEK). Raises HolubError."""
    message = Message.get_or_none(Message.id == message_id)
    if message is None or message.uid is None or not is_header_only(message_id):
        return ChangeSet()
    folder = message.folder
    mailbox = folder.mailbox
    password = secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox.id)
    if not password:
        raise AuthenticationError(
            f"No password is stored for the mailbox {mailbox.name}; "
            "add the account again to enter it."
        )
    try:
        client = imap.open_connection(mailbox, password)
        try:
            status = client.select_folder(folder.remote_name, readonly=True)
            if int(status.get(b"UIDVALIDITY", 0) or 0) != folder.uidvalidity:
                raise ServerError(
                    f"The folder {folder.remote_name} changed on the server; "
                    "the next sync imports it again."
                )
            bodies = imap.fetch_bodies(client, [message.uid])
        finally:
            imap.close_connection(client)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        error = _classify(exc, mailbox)
        if error is exc:
            raise
        raise error from exc
    if not bodies:
        raise ServerError("The message is no longer on the server (the next sync removes it).")
    body = bodies[0]
    item = FetchedMessage(
        remote_id=message.remote_id,
        raw=body.raw,
        uid=body.uid,
        flags=body.flags,
        internal_date=body.internal_date,
        modseq=body.modseq,
    )
    return fill_bodies(folder, [item])


def sync_imap(
    mailbox: Mailbox,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ChangeSet:
    """The IMAP provider's sync: Inbox and Sent over one connection (see the module
    docstring). Every failure comes out as a HolubError naming the server."""
    password = secrets.get_secret(secrets.MAILBOX_PASSWORD, mailbox.id)
    changes = ChangeSet()
    # A sync writes far more than it reads back: a small page cache for its connection
    # keeps a first sync's memory down (165 → 132 MiB on the 10k bench) at the same speed.
    use_sync_cache()
    try:
        if not password:
            raise AuthenticationError(
                f"No password is stored for the mailbox {mailbox.name}; "
                "add the account again to enter it."
            )
        client = imap.open_connection(mailbox, password)
        # Cancelling hangs up this connection, so a read that is waiting ends at once.
        forget_hang_up = on_cancel(cancel, lambda: shut_down(client.socket()))
        try:
            roles = imap.find_folder_roles(client)
            condstore, qresync = _enable_extensions(client)
            for role in SYNCED_ROLES:
                if cancel is not None and cancel.is_set():
                    break
                name = roles.get(role)
                if name:
                    changes.merge(
                        FolderSync(
                            client,
                            mailbox,
                            role,
                            name,
                            condstore,
                            progress,
                            cancel,
                            password,
                            qresync=qresync,
                        ).run()
                    )
        finally:
            forget_hang_up()
            imap.close_connection(client)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        if cancel is not None and cancel.is_set():
            # Stopped on purpose (maybe mid-read, by the hang-up): what was stored stays,
            # and the next sync resumes from there. Not an error to report.
            log.info("sync of %s cancelled: %s", mailbox.name, exc)
            return changes
        error = _classify(exc, mailbox)
        if error is exc:
            raise
        raise error from exc
    finally:
        # Back to the profile's cache size; never in the way of the sync's own outcome.
        restore_cache()
    return changes


def _enable_extensions(client) -> tuple[bool, bool]:
    """ENABLE CONDSTORE (SELECT reports HIGHESTMODSEQ, FETCH reports MODSEQ) and
    QRESYNC (SELECT lists the UIDs expunged since a known MODSEQ) when offered."""
    wanted = [name for name in ("CONDSTORE", "QRESYNC") if client.has_capability(name)]
    if not wanted:
        return False, False
    try:
        enabled = {e.decode() if isinstance(e, bytes) else str(e) for e in client.enable(*wanted)}
    except imap_errors.IMAPClientError:
        return False, False
    enabled = {e.upper() for e in enabled}
    qresync = "QRESYNC" in enabled
    # QRESYNC implies CONDSTORE (RFC 7162 §3.2.3).
    return qresync or "CONDSTORE" in enabled, qresync


def _record(mailbox: Mailbox, error: str | None, *, signed_in: bool) -> None:
    values: dict = {Mailbox.last_error: error}
    if error is None:
        values[Mailbox.last_sync_at] = utcnow()
    # Only a refused sign-in (SignInRequired) means "needs sign-in"; a complete sync
    # proves the sign-in works again. Other failures leave the state as it is.
    if not signed_in:
        values[Mailbox.signin_state] = SIGNIN_NEEDED
    elif error is None:
        values[Mailbox.signin_state] = SIGNIN_OK
    Mailbox.update(values).where(Mailbox.id == mailbox.id).execute()


class FolderSync:
    """One folder's sync: UIDVALIDITY check, flag changes, then new messages."""

    def __init__(
        self,
        client,
        mailbox: Mailbox,
        role: str,
        remote_name: str,
        condstore: bool,
        progress: Progress | None,
        cancel: threading.Event | None,
        password: str = "",
        *,
        qresync: bool = False,
    ) -> None:
        self.client = client
        self.qresync = qresync
        self.password = password  # for the pool workers' own connections; never stored
        self.uidvalidity = 0
        self.mailbox = mailbox
        self.role = role
        self.remote_name = remote_name
        self.condstore = condstore
        self.progress = progress
        self.cancel = cancel
        self.changes = ChangeSet()
        # Bytes per batch (by its last UID) and the bytes allowed alive at once.
        self.costs: dict[int, int] = {}
        self.max_bytes = MAX_BATCH_BYTES
        self.budget = _ByteBudget(IN_FLIGHT_BYTES)
        # Seconds spent per stage (logged at debug level: where a slow sync waits).
        self.timings = {"fetch": 0.0, "wait_fetch": 0.0, "wait_parse": 0.0, "store": 0.0}
        self.filling = False  # storing bodies of header-only rows (store.fill_bodies)
        self.new_ids: set[int] = set()  # rows added by this sync (see _fill_pending)
        self.pool: ProcessPoolExecutor | None = None  # started by _get_pool, once
        self.batches_stored = 0  # body batches of this folder's sync (test kill points)

    def _folder(self) -> Folder:
        folder, _ = Folder.get_or_create(
            mailbox=self.mailbox,
            remote_name=self.remote_name,
            defaults={"role": self.role, "display_name": self.remote_name},
        )
        if folder.role != self.role:
            folder.role = self.role
            folder.save()
        return folder

    def run(self) -> ChangeSet:
        try:
            return self._run()
        finally:
            self._close_pool()

    def _run(self) -> ChangeSet:
        folder = self._folder()
        self.changes.folders.add(folder.id)
        # UIDs expunged on the server since the last complete sync (QRESYNC), or
        # None: then the stored UIDs are compared with the server's.
        vanished: set[int] | None = None
        status: dict | None = None
        if self.qresync and folder.uidvalidity and folder.highestmodseq is not None:
            try:
                status, vanished = imap.examine_qresync(
                    self.client, self.remote_name, folder.uidvalidity, folder.highestmodseq
                )
            except imap_errors.IMAPClientAbortError:
                raise
            except imap_errors.IMAPClientError as exc:
                # E.g. the folder lost its mod-sequences (NOMODSEQ): open it plainly.
                log.info("%s: EXAMINE with QRESYNC refused (%s)", self.remote_name, exc)
        if status is None:
            status = self.client.select_folder(self.remote_name, readonly=True)
        uidvalidity = int(status.get(b"UIDVALIDITY", 0) or 0)
        self.uidvalidity = uidvalidity
        highestmodseq = status.get(b"HIGHESTMODSEQ")
        highestmodseq = int(highestmodseq) if isinstance(highestmodseq, int) else None
        if folder.uidvalidity is not None and folder.uidvalidity != uidvalidity:
            log.info("%s: UIDVALIDITY changed; importing the folder again", self.remote_name)
            with database.atomic():
                self.changes.merge(drop_folder_messages(folder))
                folder.uidvalidity = uidvalidity
                folder.last_uid = 0
                folder.highestmodseq = None
                folder.save()
            vanished = None
        elif folder.uidvalidity is None:
            folder.uidvalidity = uidvalidity
            folder.save()
        uidnext = status.get(b"UIDNEXT")
        uidnext = uidnext if isinstance(uidnext, int) else None
        if folder.last_uid:
            self._sync_removed(folder, vanished)
            self._sync_flags(folder, highestmodseq)
        if uidnext is not None and uidnext <= folder.last_uid + 1:
            self._report(0, 0)  # no UID was given out since: nothing new, no SEARCH
        else:
            self._fetch_new(folder, uidnext)
        if not (self.cancel is not None and self.cancel.is_set()):
            # Bodies of header-only rows (this sync's, or an interrupted one's).
            self._fill_pending(folder)
        if self.cancel is not None and self.cancel.is_set():
            return self.changes
        # Only after a complete pass: the next flag check starts from here, and
        # every UID below UIDNEXT has been seen (those outside the import window
        # too), so the next sync needs no SEARCH unless UIDNEXT moves.
        values: dict = {Folder.last_sync_at: utcnow()}
        if highestmodseq is not None:
            values[Folder.highestmodseq] = highestmodseq
        if uidnext is not None and uidnext - 1 > folder.last_uid:
            values[Folder.last_uid] = uidnext - 1
        if highestmodseq is not None or Folder.last_uid in values:
            Folder.update(values).where(Folder.id == folder.id).execute()
        return self.changes

    # -- expunged on the server --------------------------------------------------------

    def _sync_removed(self, folder: Folder, vanished: set[int] | None) -> None:
        """Forget the messages the server expunged (only locally: R2)."""
        if vanished is not None:
            gone = {uid for uid in vanished if uid <= folder.last_uid}
        else:
            # No QRESYNC state: the stored UIDs against the server's, up to the
            # resume point (later UIDs are new, fetched next).
            on_server = imap.uids_up_to(self.client, folder.last_uid)
            stored = {
                uid
                for (uid,) in database.execute_sql(
                    'SELECT "uid" FROM "message" WHERE "folder_id" = ? AND "uid" IS NOT NULL',
                    (folder.id,),
                )
            }
            gone = stored - on_server
        if gone:
            log.info(
                "%s: %d messages expunged on the server (%s)",
                self.remote_name,
                len(gone),
                "QRESYNC" if vanished is not None else "UID comparison",
            )
            self.changes.merge(remove_remote_ids(folder, (str(uid) for uid in gone)))

    # -- flags ------------------------------------------------------------------------

    def _sync_flags(self, folder: Folder, highestmodseq: int | None) -> None:
        """Apply flag changes on messages we already have (the server's \\Seen, \\Flagged)."""
        if self.condstore and highestmodseq is not None and folder.highestmodseq is not None:
            if highestmodseq <= folder.highestmodseq:
                return  # nothing changed since the last complete sync
            # SEARCH MODSEQ (CONDSTORE) names the messages changed since then.
            changed = self._search_uid_ranges(
                1, folder.last_uid, ["MODSEQ", str(folder.highestmodseq + 1)]
            )
            uids = sorted(changed)
        else:
            uids = [
                row.uid
                for row in Message.select(Message.uid).where(
                    (Message.folder == folder) & Message.uid.is_null(False)
                )
            ]
        data: dict = {}
        items = ["FLAGS", "MODSEQ"] if self.condstore else ["FLAGS"]
        for start in range(0, len(uids), 1000):
            data.update(self.client.fetch(uids[start : start + 1000], items))
        if not data:
            return
        self.changes.merge(
            update_flags(
                folder,
                {str(uid): _flags(item.get(b"FLAGS", ())) for uid, item in data.items()},
                modseqs={str(uid): _modseq(item) for uid, item in data.items()},
            )
        )

    # -- new messages ----------------------------------------------------------------

    def _new_uids(self, folder: Folder, uidnext: int | None) -> list[int]:
        since = self.mailbox.import_from
        if isinstance(since, datetime):
            since = since.date()
        window: list = ["SINCE", since or date.today() - timedelta(days=7)]
        first = folder.last_uid + 1
        if uidnext is None:  # a server that keeps UIDNEXT to itself: one open-ended SEARCH
            uids = self.client.search(["UID", f"{first}:*", *window])
            # "n:*" always matches the highest UID, even when it is below n.
            return sorted(uid for uid in uids if uid >= first)
        return sorted(self._search_uid_ranges(first, uidnext - 1, window))

    def _search_uid_ranges(self, first: int, last: int, criteria: list) -> set[int]:
        """UID SEARCH over first..last with ``criteria``, SEARCH_UID_RANGE UIDs at a time."""
        found: set[int] = set()
        for start in range(first, last + 1, SEARCH_UID_RANGE):
            end = min(last, start + SEARCH_UID_RANGE - 1)
            found.update(self.client.search(["UID", f"{start}:{end}", *criteria]))
        # A range above every UID matches the highest one on some servers: keep to first..last.
        return {uid for uid in found if first <= uid <= last}

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(self.remote_name, done, total)

    def _fetch_new(self, folder: Folder, uidnext: int | None) -> None:
        uids = self._new_uids(folder, uidnext)
        total = len(uids)
        if not total:
            self._report(0, 0)
            return
        if total >= _headers_first_from():
            self._store_headers(folder, uids)  # the bodies: _fill_pending, next
            return
        self._report(0, total)
        first = 0 if BATCH_ENV in os.environ else FIRST_BATCH  # tests count fixed batches
        # Sizes first (one short FETCH per 2,000 UIDs), so that no FETCH of bodies asks
        # for more than MAX_BATCH_BYTES (issue 11 item 9: a 250-message FETCH of big
        # messages peaked at gigabytes).
        self._fetch_bodies(folder, uids, imap.fetch_sizes(self.client, uids), first)

    def _store_headers(self, folder: Folder, uids: list[int]) -> None:
        """Headers first: the list rows of the newest FIRST_HEADERS (header block, flags,
        date, size) in one FETCH and one commit, then their bodies; then either the
        rest's bodies straight away or, where those would take long (a slow link, a big
        mailbox), the rest's list rows first (_store_header_rest) and their bodies after
        (_fill_pending). On loopback the second pass costs ~15% of a first import
        (headers fetched, parsed and written twice) and lists nothing the user would
        wait for; over a slow link it lists the whole mailbox in seconds instead of the
        minutes its bodies take. The resume point moves only over UIDs below which every
        row is stored, so a killed sync resumes without a gap."""
        try:
            size = max(1, int(os.environ.get(HEADER_CHUNK_ENV, "")))
        except ValueError:
            size = HEADER_CHUNK
        first = min(size, FIRST_HEADERS)
        newest, rest = uids[-first:], uids[:-first]
        chunks = [newest] + [rest[i : i + size] for i in range(0, len(rest), size)]
        # The newest rows here and now: no pool start-up before the first rows.
        self._store_header_chunk(folder, uids, chunks, 1, self._fetch_header_items(newest))
        if len(chunks) == 1 or self._cancelled():
            return
        # Their bodies next (what the user opens first), timed: the rate says whether
        # the rest's bodies come soon enough to skip listing their rows first.
        started = time.perf_counter()
        filled = self._fill_pending(folder, use_pool=self._use_pool(len(uids)))
        seconds = time.perf_counter() - started
        if self._cancelled():
            return
        sizes = imap.fetch_sizes(self.client, rest)
        rest_bytes = sum(sizes.values())
        if filled and rest_bytes * seconds / filled < _list_rows_above():
            self._fetch_bodies(folder, rest, sizes, 0)
            return
        self._store_header_rest(folder, uids, chunks)

    def _store_header_rest(self, folder: Folder, uids: list[int], chunks: list[list[int]]) -> None:
        """The list rows of chunks[1:], from the oldest up, HEADER_CHUNK per FETCH: fetched
        and parsed by the pool workers (on their own connections) while this thread
        stores the chunk before, as bodies are."""
        if not self._use_pool(len(uids)):
            for number, chunk in enumerate(chunks[1:], start=2):
                if self._cancelled():
                    return
                items = self._fetch_header_items(chunk)
                self._store_header_chunk(folder, uids, chunks, number, items)
            return
        pool = self._get_pool()
        spec = self._worker_spec()
        upcoming = deque(enumerate(chunks[1:], start=2))
        waiting: deque[tuple[int, Future | None]] = deque()
        # The oldest chunk here while the workers start up (they import for a while).
        number, _chunk = upcoming.popleft()
        waiting.append((number, None))
        while upcoming or waiting:
            # The worker pool fetches ahead while this thread stores, in order.
            while upcoming and len(waiting) < POOL_WORKERS + 1:
                number, chunk = upcoming.popleft()
                waiting.append((number, pool.submit(_worker_headers, spec, chunk)))
            number, future = waiting.popleft()
            if future is None:
                items = self._fetch_header_items(chunks[number - 1])
                self._store_header_chunk(folder, uids, chunks, number, items)
                continue
            started = time.perf_counter()
            items = self._result_unless_cancelled(future)
            self.timings["wait_parse"] += time.perf_counter() - started
            if items is None or self._cancelled():
                return
            self._store_header_chunk(folder, uids, chunks, number, items)

    def _fetch_header_items(self, chunk: list[int]) -> list[FetchedMessage]:
        """A chunk of list rows fetched and parsed here, on this connection."""
        started = time.perf_counter()
        heads = imap.fetch_headers(self.client, chunk, modseq=self.condstore)
        self.timings["fetch"] += time.perf_counter() - started
        return [_header_item(h) for h in heads]

    def _store_header_chunk(
        self,
        folder: Folder,
        uids: list[int],
        chunks: list[list[int]],
        number: int,
        items: list[FetchedMessage],
    ) -> None:
        chunk = chunks[number - 1]
        # The newest chunk is above the rest: the resume point waits for them.
        last = uids[-1] if number == len(chunks) else (chunk[-1] if number > 1 else None)
        started = time.perf_counter()
        self.changes.merge(
            store_headers(folder, items, folder_updates={"last_uid": last} if last else None)
        )
        self.timings["store"] += time.perf_counter() - started
        spec = os.environ.get(KILL_HEADERS_ENV)
        if spec and spec == f"after:{number}":
            os.kill(os.getpid(), signal.SIGKILL)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def _use_pool(self, total: int) -> bool:
        # Small syncs parse inline: the pool's start-up costs more than it saves.
        return total >= _pool_threshold() and bool(self.password)

    def _get_pool(self) -> ProcessPoolExecutor:
        """The folder's worker pool, started once for the headers and the bodies."""
        if self.pool is None:
            self.pool = parse_pool.make_worker_pool(POOL_WORKERS)
        return self.pool

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _fill_pending(self, folder: Folder, *, use_pool: bool | None = None) -> int:
        """Fetch the bodies of the folder's header-only rows, in batches as new messages
        are (the same pipeline), filling the rows in place (store.fill_bodies); the
        bytes asked for. ``use_pool``: start the worker pool even for a few rows (the
        rest of a big first import follows on it)."""
        pending = pending_bodies(folder)
        if not pending:
            return 0
        self.filling = True
        self.new_ids = set(self.changes.added)
        try:
            uids = [uid for uid, _ in pending]
            first = 0 if BATCH_ENV in os.environ else FIRST_BATCH
            if use_pool:
                self._get_pool()
            self._fetch_bodies(folder, uids, dict(pending), first)
        finally:
            self.filling = False
        return sum(size for _, size in pending)

    def _fetch_bodies(
        self, folder: Folder, uids: list[int], sizes: dict[int, int], first: int
    ) -> None:
        total = len(uids)
        self._report(0, total)
        self.max_bytes = max_bytes = _max_batch_bytes()
        batches = plan_batches(uids, _batch_size(), first, sizes=sizes, max_bytes=max_bytes)
        self.costs = {batch[-1]: sum(sizes.get(uid, 0) for uid in batch) for batch in batches}
        self.budget = _ByteBudget(IN_FLIGHT_BATCHES * max_bytes)
        if not self._use_pool(total) and self.pool is None:
            # Small syncs: fetch on this connection, parse here.
            self._pipeline(folder, batches, _InlineExecutor(), total)
        else:
            checkpointer = _Checkpointer()
            try:
                self._pipeline_pool(folder, batches, self._get_pool(), total, checkpointer)
            finally:
                checkpointer.stop()
        log.debug(
            "%s: %d messages; %s",
            self.remote_name,
            total,
            ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()),
        )

    def _worker_spec(self) -> dict:
        fields = (
            "id",
            "name",
            "email",
            "username",
            "imap_host",
            "imap_port",
            "imap_security",
            "imap_auth",
            "cafile",
            "trusted_fingerprint",
        )
        return {
            "mailbox": {name: getattr(self.mailbox, name) for name in fields},
            "password": self.password,
            "folder": self.remote_name,
            "uidvalidity": self.uidvalidity,
            "condstore": self.condstore,
        }

    def _pipeline_pool(
        self,
        folder: Folder,
        batches: list[list[int]],
        pool: ProcessPoolExecutor,
        total: int,
        checkpointer: _Checkpointer,
    ) -> None:
        """Workers fetch (own connections) and parse; this thread stores, in UID order.

        At most POOL_WORKERS + 1 batches are in flight, so memory stays bounded
        while both workers stay busy.
        """
        spec = self._worker_spec()
        waiting: deque[tuple[list[int], Future]] = deque()
        upcoming = deque(batches)

        def submit_more() -> None:
            # Up to POOL_WORKERS + 1 batches, within the byte budget (one alone if big).
            while upcoming and len(waiting) < POOL_WORKERS + 1:
                cost = self.costs.get(upcoming[0][-1], 0)
                if not self.budget.fits(cost):  # fits when nothing is held at all
                    return
                self.budget.take(cost)
                batch = upcoming.popleft()
                if cost > self.max_bytes:
                    # A message too big for a batch: fetched here, on this process's own
                    # connection, so it never crosses the process boundary (twice its
                    # size in pickles) nor is held by a worker too.
                    waiting.append((batch, None))
                else:
                    waiting.append((batch, pool.submit(_worker_fetch, spec, batch)))

        submit_more()
        done = 0
        while waiting:
            if self.cancel is not None and self.cancel.is_set():
                return
            batch, future = waiting.popleft()
            started = time.perf_counter()
            if future is None:
                bodies = imap.fetch_bodies(self.client, batch, modseq=self.condstore)
                rows = [_row(bodies.pop(0)) for _ in range(len(bodies))]
            else:
                rows = self._result_unless_cancelled(future)
            if rows is None:
                return
            self.timings["wait_parse"] += time.perf_counter() - started
            submit_more()
            messages = [
                FetchedMessage(
                    remote_id=str(uid),
                    raw=raw,
                    uid=uid,
                    flags=flags,
                    internal_date=internal_date,
                    modseq=modseq,
                    parsed=parsed,
                    blob=blob,
                    size=size,
                )
                for uid, flags, internal_date, modseq, size, parsed, blob, raw in rows
            ]
            count = len(messages)
            self.batches_stored += 1
            number = self.batches_stored
            _kill_hook("before", number)
            started = time.perf_counter()
            self._store_messages(folder, messages, batch[-1])
            self.timings["store"] += time.perf_counter() - started
            _kill_hook("after", number)
            del messages, rows
            self.budget.give_back(self.costs.get(batch[-1], 0))
            submit_more()
            done += count
            self._report(done, total)
            checkpointer.poke()

    def _fetch_batches(
        self, batches: list[list[int]], out: queue.Queue, stop: threading.Event
    ) -> None:
        """Fetcher thread: the only user of the IMAP connection while it runs."""
        try:
            for batch in batches:
                # Waits while the batches before it hold the byte budget.
                if stop.is_set() or not self.budget.take(self.costs.get(batch[-1], 0), stop):
                    break
                started = time.perf_counter()
                data = imap.fetch_bodies(self.client, batch, modseq=self.condstore)
                self.timings["fetch"] += time.perf_counter() - started
                out.put(("batch", batch, data))
                del data  # not kept alive while the next batch is fetched
        except BaseException as exc:
            out.put(("error", exc, None))
            return
        out.put(("done", None, None))

    def _result_unless_cancelled(self, future: Future):
        """The future's result, or None as soon as the sync is cancelled (a worker
        may be waiting on its own connection, which the cancel cannot reach)."""
        while True:
            try:
                return future.result(timeout=0.2)
            except TimeoutError:
                if self.cancel is not None and self.cancel.is_set():
                    return None

    def _pipeline(
        self,
        folder: Folder,
        batches: list[list[int]],
        executor: Executor,
        total: int,
        checkpointer: _Checkpointer | None = None,
    ) -> None:
        # One batch waiting, one being fetched, one parsing, one being stored.
        fetched: queue.Queue = queue.Queue(maxsize=1)
        stop = threading.Event()
        fetcher = threading.Thread(
            target=self._fetch_batches, args=(batches, fetched, stop), daemon=True
        )
        # At most two batches, or one big one, of bodies alive at once (the byte budget).
        fetcher.start()
        done = 0
        pending: tuple[list[FetchedMessage], int, Future] | None = None

        def store_pending() -> None:
            # Before waiting for the fetcher: the batch stored now gives its bytes back,
            # which the fetcher may be waiting for.
            nonlocal pending, done
            if pending is not None:
                current, pending = pending, None
                self.batches_stored += 1
                done += self._store(folder, current, self.batches_stored)
                self._report(done, total)
                if checkpointer is not None:
                    checkpointer.poke()

        try:
            try:
                for batch_items, last_uid, future in self._parsed_batches(
                    fetched, executor, store_pending
                ):
                    # Store the previous batch while this one is being parsed.
                    store_pending()
                    pending = (batch_items, last_uid, future)
                    if self.cancel is not None and self.cancel.is_set():
                        break
            except HolubError:
                raise
            except Exception:
                # The connection broke: keep the batch already fetched, then report.
                store_pending()
                raise
            if not (self.cancel and self.cancel.is_set()):
                store_pending()
        finally:
            stop.set()
            # Unblock a fetcher waiting on a full queue, then let it finish.
            while fetcher.is_alive():
                try:
                    fetched.get(timeout=0.1)
                except queue.Empty:
                    pass

    def _parsed_batches(
        self, fetched: queue.Queue, executor: Executor, before_waiting: Callable[[], None]
    ) -> Iterator[tuple[list[FetchedMessage], int, Future]]:
        while True:
            started = time.perf_counter()
            try:
                kind, first, data = fetched.get_nowait()
            except queue.Empty:
                before_waiting()
                kind, first, data = fetched.get()
            self.timings["wait_fetch"] += time.perf_counter() - started
            if kind == "done":
                return
            if kind == "error":
                raise first
            batch: list[int] = first
            # A UID missing from the answer was expunged between SEARCH and FETCH.
            messages = [
                FetchedMessage(
                    remote_id=str(body.uid),
                    raw=body.raw,
                    uid=body.uid,
                    flags=body.flags,
                    internal_date=body.internal_date,
                    modseq=body.modseq,
                )
                for body in data
            ]
            del data  # the bodies live on in ``messages`` only (dropped once stored)
            # Split across the workers so both cores parse this batch.
            chunks = max(1, POOL_WORKERS * 2) if not isinstance(executor, _InlineExecutor) else 1
            step = max(1, -(-len(messages) // chunks))
            futures = [
                executor.submit(_parse_many, [m.raw for m in messages[i : i + step]])
                for i in range(0, len(messages), step)
            ]
            yield messages, batch[-1], _Gather(futures)

    def _store(
        self, folder: Folder, pending: tuple[list[FetchedMessage], int, Future], number: int
    ) -> int:
        messages, last_uid, future = pending
        started = time.perf_counter()
        results = future.result()
        self.timings["wait_parse"] += time.perf_counter() - started
        for message, (parsed, blob) in zip(messages, results, strict=True):
            message.parsed = parsed
            message.blob = blob
            message.size = len(message.raw)
            if blob is not None:
                message.raw = b""  # the stored form is made: the raw bytes can go
        del results
        _kill_hook("before", number)
        started = time.perf_counter()
        self._store_messages(folder, messages, last_uid)
        self.timings["store"] += time.perf_counter() - started
        _kill_hook("after", number)
        count = len(messages)
        messages.clear()
        self.budget.give_back(self.costs.get(last_uid, 0))
        return count

    def _store_messages(
        self, folder: Folder, messages: list[FetchedMessage], last_uid: int
    ) -> None:
        # A big message arrives with its raw bytes and no blob: the store writes its
        # stored form in pieces (store.write_raw_in_pieces) in the batch's transaction.
        if self.filling:  # bodies of header-only rows: the resume point is past them
            # A row added and filled in this sync is new, not also "updated".
            self.changes.merge(fill_bodies(folder, messages, new_ids=self.new_ids))
        else:
            self.changes.merge(store_batch(folder, messages, folder_updates={"last_uid": last_uid}))
        for message in messages:
            message.raw = b""


class _Checkpointer:
    """Moves WAL checkpoints (and their fsyncs) off the importing thread.

    SQLite checkpoints after a commit once the WAL passes 1,000 pages, in the
    committing thread: on a bulk import that is an fsync of megabytes after
    every batch, stalling the pipeline. During the import the automatic
    checkpoint is off and this thread runs PASSIVE checkpoints (which never
    block the writer) on its own connection, so the disk works while the
    import goes on. Durability is unchanged: commits are as before.
    """

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stopping = False
        database.execute_sql("PRAGMA wal_autocheckpoint = 0")
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    return
                try:
                    database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
                except Exception as exc:  # a checkpoint is an optimisation only
                    log.debug("background checkpoint failed: %s", exc)
        finally:
            database.close()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join()
        database.execute_sql("PRAGMA wal_autocheckpoint = 1000")


class _Gather(Future):
    """The concatenated results of several parse futures, in order."""

    def __init__(self, futures: list[Future]) -> None:
        super().__init__()
        self._parts = futures

    def result(self, timeout: float | None = None) -> list:  # type: ignore[override]
        out: list = []
        for future in self._parts:
            out.extend(future.result(timeout))
        return out
