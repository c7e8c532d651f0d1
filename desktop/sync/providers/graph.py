"""Outlook 365 mailboxes through Microsoft Graph v1.0 (``Mailbox.kind == "graph"``).

Folders by well-known name (``inbox``, ``sentitems``). Each is synced with the delta
query ``/me/mailFolders/{name}/messages/delta`` (``$select`` of the few fields Holub
needs, ``$filter=receivedDateTime ge`` the import date), following
``@odata.nextLink`` to the ``@odata.deltaLink``. After each page the new messages'
MIME (``/me/messages/{id}/$value``, fetched by JSON ``$batch``) goes through
``store_batch`` together with the link to continue from, so a sync stopped anywhere
resumes at the last committed page. A big page's messages are fetched, parsed and
encoded in the pool processes (graph_fetch.py); this process pages and stores.
``@removed`` entries remove the local copy; an ``isRead`` / ``flag`` change of a
known message becomes a flag change. 410 /
``syncStateNotFound`` / ``resyncRequired`` start the round over from the import date:
``store_batch`` is idempotent on ``remote_id``, so nothing is duplicated and manual
CRM decisions stay with the messages.

Holub only reads the mailbox (R2); the one write is ``/me/sendMail``, whose copy
Graph files in Sent Items itself.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import queue
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC, datetime, time
from email.utils import getaddresses
from typing import Any
from urllib.parse import quote

from desktop.changes import ChangeSet, bus
from desktop.errors import HolubError, SignInRequired
from desktop.models.base import utcnow
from desktop.models.db import database, restore_cache, use_sync_cache
from desktop.models.mail import KIND_GRAPH, ROLE_INBOX, ROLE_SENT, Folder, Mailbox, Message
from desktop.sync.cancel import on_cancel
from desktop.sync.oauth_microsoft import MicrosoftSession
from desktop.sync.oauth_microsoft import sign_in as microsoft_sign_in
from desktop.sync.providers import config, graph_fetch, parse_pool
from desktop.sync.providers.base import Progress, SignedIn, register
from desktop.sync.providers.graph_api import Cancelled, GraphApi, SyncStateGone
from desktop.sync.providers.graph_fetch import Job, Row, StaleToken
from desktop.sync.store import (
    FetchedMessage,
    existing_remote_ids,
    remove_remote_ids,
    store_batch,
    update_flags,
)

log = logging.getLogger(__name__)

# (well-known name, role, display name)
FOLDERS = (("inbox", ROLE_INBOX, "Inbox"), ("sentitems", ROLE_SENT, "Sent Items"))
SELECT = "id,receivedDateTime,isRead,flag"
# Messages per delta page (Prefer: odata.maxpagesize; Graph caps it at 200): one
# store_batch each. Since the pool processes fetch the MIME, 200 costs this process
# ~0.4 CPU-s less per 5,000 messages than 100 (half the transactions and delta
# requests) for ~12 MiB more peak RSS (bench/graph_sync.py, PAGE_SIZE=100 vs 200).
PAGE_SIZE = 200
# How the MIME is fetched: JSON $batch of 20 (measured faster than one $value
# request each with 4 in flight; see bench/graph_sync.py and the README).
USE_BATCH = True
# Pages fetched ahead of the one being stored (each ≤ PAGE_SIZE messages in memory):
# 1 took the 5,000-message bench from 135 to 250 msgs/s; 2 was no faster, +90 MiB.
PAGES_AHEAD = 1
# A page with this many new messages (parse_pool.POOL_MIN, 50) or more is fetched and
# parsed in the pool processes, in jobs of up to JOB_CHUNKS $batch requests; a smaller
# one in this process (starting the pool costs more than it saves).
JOB_CHUNKS = 2


def graph_base() -> str:
    return config.value(config.GRAPH_API)


def _flags(item: dict[str, Any]) -> tuple[str, ...]:
    flags = []
    if item.get("isRead"):
        flags.append("\\Seen")
    if (item.get("flag") or {}).get("flagStatus") == "flagged":
        flags.append("\\Flagged")
    return tuple(flags)


def _received(item: dict[str, Any]) -> datetime | None:
    text = item.get("receivedDateTime")
    if not text:
        return None
    try:
        return (
            datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
        )
    except ValueError:
        return None


def _profile(api: GraphApi) -> tuple[str, str]:
    me = api.get_json("/me")
    email = str(me.get("mail") or me.get("userPrincipalName") or "")
    if not email:
        raise HolubError("Microsoft Graph did not say which address this account has.")
    return email, str(me.get("displayName") or "")


class _StaticToken:
    """The access token of a sign-in that just happened (no mailbox row yet)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token

    def refresh(self, stale: str) -> str:
        raise HolubError("Microsoft Graph refused the new sign-in; try signing in again.")


class GraphProvider:
    kind = KIND_GRAPH

    # -- sign-in and verify ------------------------------------------------------------
    def sign_in(
        self,
        *,
        login_hint: str | None = None,
        device_code: bool = False,
        show=None,
        cancel: threading.Event | None = None,
    ) -> SignedIn:
        token, cache = microsoft_sign_in(
            login_hint=login_hint, device_code=device_code, show=show, cancel=cancel
        )
        api = GraphApi(graph_base(), _StaticToken(token), cancel)
        try:
            email, name = _profile(api)
        finally:
            api.close()
        return SignedIn(email=email, sender_name=name, secret=cache)

    def verify(self, mailbox: Mailbox) -> None:
        session = MicrosoftSession(mailbox.id, mailbox.name)
        api = GraphApi(graph_base(), session)
        try:
            _profile(api)
        finally:
            api.close()
            session.save()

    # -- sync ------------------------------------------------------------------------
    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ChangeSet:
        changes = ChangeSet()
        use_sync_cache()
        try:
            session = MicrosoftSession(mailbox.id, mailbox.name)
            api = GraphApi(graph_base(), session, cancel)
            forget_hang_up = on_cancel(cancel, api.close)
            # One pair of pool processes for all folders: starting them costs ~0.3
            # CPU-s each (imports), as much as parsing a few hundred messages.
            pool = _Workers(api.base, USE_BATCH)
            try:
                for remote, role, display in FOLDERS:
                    if cancel is not None and cancel.is_set():
                        break
                    folder = _folder(mailbox, remote, role, display)
                    changes.merge(FolderSync(api, mailbox, folder, progress, cancel, pool).run())
            finally:
                forget_hang_up()
                pool.close()
                api.close()
                session.save()
        except Cancelled:
            return changes
        except Exception as exc:
            if cancel is not None and cancel.is_set():
                # Stopped on purpose (maybe mid-read, by the hang-up): what was stored
                # stays, and the next sync resumes from there.
                return changes
            error = exc if isinstance(exc, HolubError) else _unexpected(mailbox, exc)
            _record(mailbox, str(error))
            if error is exc:
                raise
            raise error from exc
        finally:
            restore_cache()
        _record(mailbox, None)
        changes.mailboxes.add(mailbox.id)
        return changes

    # -- send ------------------------------------------------------------------------
    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        session = MicrosoftSession(mailbox.id, mailbox.name)
        api = GraphApi(graph_base(), session)
        try:
            api.request(
                "POST",
                "/me/sendMail",
                headers={"Content-Type": "text/plain"},
                data=base64.b64encode(with_bcc(raw, recipients)),
                idempotent=False,
            )
        finally:
            api.close()
            session.save()

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        return True


def with_bcc(raw: bytes, recipients: list[str]) -> bytes:
    """``raw`` with a Bcc header naming the recipients its To/Cc do not.

    Graph takes a MIME message's recipients from its headers; the outbox hands over
    the message with Bcc stripped and the full recipient list, so the blind copies
    are put back as a Bcc header, which Exchange removes before delivery.
    """
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].decode("utf-8", "replace")
    from email import message_from_string

    headers = message_from_string(head + "\n\n")
    visible = {
        addr.lower()
        for _, addr in getaddresses(headers.get_all("To", []) + headers.get_all("Cc", []))
    }
    hidden = [r for r in recipients if r.lower() not in visible]
    if not hidden:
        return raw
    return b"Bcc: " + ", ".join(hidden).encode() + b"\r\n" + raw


def _unexpected(mailbox: Mailbox, exc: Exception) -> HolubError:
    # A bug, not an expected failure: one line for the user, the traceback in the log.
    log.debug("unexpected error during the Graph sync", exc_info=exc)
    return HolubError(f"The sync of {mailbox.name} failed: {type(exc).__name__}: {exc}")


def _record(mailbox: Mailbox, error: str | None) -> None:
    values: dict = {Mailbox.last_error: error}
    if error is None:
        values[Mailbox.last_sync_at] = utcnow()
    Mailbox.update(values).where(Mailbox.id == mailbox.id).execute()


def _folder(mailbox: Mailbox, remote: str, role: str, display: str) -> Folder:
    folder, _ = Folder.get_or_create(
        mailbox=mailbox, remote_name=remote, defaults={"role": role, "display_name": display}
    )
    return folder


class _Workers:
    """The sync's pool processes, started by the first big page, shared by its folders.

    Each job fetches, parses and encodes some messages (graph_fetch.fetch_and_parse).
    """

    def __init__(self, base: str = "", batch: bool = True) -> None:
        self.base = base
        self.batch = batch
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._guard = threading.Lock()  # the page fetcher submits, the sync thread closes

    def submit(self, chunks: tuple[tuple[str, ...], ...], token: str) -> Future[list[Row]]:
        job = Job(self.base, token, chunks, self.batch)
        with self._guard:
            if self._closed:  # a page fetcher still running after its sync ended
                raise RuntimeError("the pool processes are closed")
            if self._pool is None:
                self._pool = parse_pool.make_worker_pool()
            return self._pool.submit(graph_fetch.fetch_and_parse, job)

    def close(self) -> None:
        """End the pool processes without waiting for them. After a failure or a
        cancel a job may be in a slow request or in a Retry-After wait of a minute (and
        after a job's 401, one of its requests may still be): a process is ended
        rather than waited for — it holds nothing but fetched mail — so neither the
        sync nor the app's exit waits for it. After a sync that went well they are
        idle, and ending them is quicker than their own exit."""
        with self._guard:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor.terminate_workers() arrives in Python 3.14; until then its
        # process table, as that method reads it.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:  # gone at once (SIGTERM): reaped here, not later
            with contextlib.suppress(Exception):
                process.join(timeout=2)


@dataclass
class _Job:
    """Some of a page's new messages, fetched and parsed in a pool process or here."""

    chunks: tuple[tuple[str, ...], ...]
    rows: Future[list[Row]]
    refreshed: bool = False  # handed over again with a refreshed token after a 401


@dataclass
class _Page:
    """One delta page, fetched: what to store, flag and remove, and where to go on."""

    new: list[dict[str, Any]]
    jobs: list[_Job]
    removed: list[str]
    updates: dict[str, tuple[str, ...]]
    next_url: str


class FolderSync:
    """One folder's delta round, page by page, each page committed with its link."""

    def __init__(
        self,
        api: GraphApi,
        mailbox: Mailbox,
        folder: Folder,
        progress: Progress | None,
        cancel: threading.Event | None,
        pool: _Workers | None = None,
    ) -> None:
        self.api = api
        self.pool = pool  # the sync's, shared by its folders; else one of its own
        self.mailbox = mailbox
        self.folder = folder
        self.progress = progress
        self.cancel = cancel
        self.changes = ChangeSet(folders={folder.id})
        self.done = 0

    def initial_url(self) -> str:
        since = datetime.combine(self.mailbox.import_from, time.min).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            f"/me/mailFolders/{self.folder.remote_name}/messages/delta"
            f"?$select={SELECT}&$filter={quote(f'receivedDateTime ge {since}')}"
        )

    def run(self) -> ChangeSet:
        """Pages are fetched (and their messages handed to the pool processes) by a
        thread of their own, up to PAGES_AHEAD ahead, while this thread stores them in
        order, each with the link that follows it."""
        # A round from the start lists every message of the folder: what it does not
        # list is gone from the server (only matters after a 410 re-sync).
        self._full = self.folder.delta_link is None
        self._complete = False
        self._seen: set[str] = set()
        self._in_flight: set[str] = set()  # fetched, not yet stored
        self._lock = threading.Lock()
        pages: queue.Queue[_Page | BaseException | None] = queue.Queue(PAGES_AHEAD)
        stop = threading.Event()
        pool = self.pool or _Workers(self.api.base, USE_BATCH)
        self._workers = pool
        producer = threading.Thread(
            target=self._produce, args=(pages, stop, pool), name="graph-pages", daemon=True
        )
        producer.start()
        failure: BaseException | None = None
        stored_all = False  # this loop ended by the producer's word, not by a failure here
        try:
            while True:
                item = pages.get()
                if item is None:
                    break
                if isinstance(item, BaseException):
                    # The pages before it were good data and are stored: the next sync
                    # resumes after the last of them.
                    failure = item
                    break
                self._commit(item)
                with self._lock:
                    self._in_flight.difference_update(str(i["id"]) for i in item.new)
            stored_all = True
        finally:
            stop.set()
            # After a failure here the producer is not waited for (it may be in a slow
            # request): it sees ``stop`` and ends by itself, handing nothing over.
            while stored_all and producer.is_alive():  # it may wait to hand over: take it
                with contextlib.suppress(queue.Empty):
                    pages.get(timeout=0.05)
            if failure is not None or not stored_all or pool is not self.pool:
                # After a failure or a cancel, a producer still running must not hand
                # the pool more work; a pool of this folder's own ends with it.
                pool.close()
        if failure is not None:
            raise failure
        if self._full and self._complete:
            self._prune(self._seen)
        return self.changes

    def _produce(self, pages: queue.Queue, stop: threading.Event, pool: _Workers) -> None:
        def hand_over(item: _Page | BaseException | None) -> None:
            while not stop.is_set():
                with contextlib.suppress(queue.Full):
                    pages.put(item, timeout=0.05)
                    return

        try:
            # This thread's own connection (closed below): as small a cache as the sync's.
            use_sync_cache()
            url = self.folder.delta_link or self.initial_url()
            restarted = False
            while not stop.is_set():
                if self.cancel is not None and self.cancel.is_set():
                    break
                try:
                    page = self.api.get_json(
                        url, headers={"Prefer": f"odata.maxpagesize={PAGE_SIZE}"}
                    )
                except SyncStateGone:
                    if restarted:
                        raise
                    log.info("delta state of %s is gone: re-sync", self.folder.remote_name)
                    url, restarted, self._full = self.initial_url(), True, True
                    self._seen.clear()
                    continue
                next_url = page.get("@odata.nextLink") or page.get("@odata.deltaLink")
                if not next_url:
                    raise HolubError("Microsoft Graph answered a delta page without a next link.")
                # Messages of pages not stored yet count as stored: those pages are
                # stored first, so a repeat of one here is a flag change.
                with self._lock:
                    in_flight = set(self._in_flight)
                prepared = self._prepare(
                    page.get("value") or [], str(next_url), self._seen, pool, in_flight
                )
                with self._lock:
                    self._in_flight.update(str(i["id"]) for i in prepared.new)
                hand_over(prepared)
                if page.get("@odata.deltaLink"):
                    self._complete = True
                    break
                url = str(next_url)
            hand_over(None)
        except BaseException as exc:
            hand_over(exc)
        finally:
            database.close()  # this thread's own connection (peewee: one per thread)

    def _prepare(
        self,
        items: list[dict[str, Any]],
        next_url: str,
        seen: set[str],
        pool: _Workers,
        in_flight: set[str],
    ) -> _Page:
        removed = [str(i["id"]) for i in items if "@removed" in i and i.get("id")]
        present = [i for i in items if "@removed" not in i and i.get("id")]
        seen.difference_update(removed)
        seen.update(str(i["id"]) for i in present)
        known = in_flight | existing_remote_ids(self.folder, (str(i["id"]) for i in present))
        new = [i for i in present if i["id"] not in known]
        updates = {str(i["id"]): _flags(i) for i in present if i["id"] in known}
        ids = [str(i["id"]) for i in new]
        jobs: list[_Job] = []
        if len(ids) >= parse_pool.POOL_MIN:
            parts = [tuple(c) for c in graph_fetch.chunks(ids)]
            token = self.api.tokens.token()
            for n in range(0, len(parts), JOB_CHUNKS):
                chunks = tuple(parts[n : n + JOB_CHUNKS])
                jobs.append(_Job(chunks, pool.submit(chunks, token)))
        elif ids:
            raws = self.api.raw_messages(ids, batch=USE_BATCH)
            rows: Future[list[Row]] = Future()
            rows.set_result(graph_fetch.rows(ids, raws))
            jobs.append(_Job((tuple(ids),), rows))
        return _Page(new, jobs, removed, updates, next_url)

    def _rows(self, job: _Job) -> list[Row]:
        """A job's rows; after a 401 in a pool process, the token is refreshed once
        (here, through msal) and the job handed over again."""
        while True:
            try:
                return self._result(job.rows)
            except StaleToken as stale:
                if job.refreshed:
                    raise SignInRequired(
                        "Microsoft Graph refused the refreshed sign-in; sign in again."
                    ) from None
                token = self.api.tokens.refresh(stale.token)
                job = _Job(job.chunks, self._workers.submit(job.chunks, token), refreshed=True)

    def _result(self, future: Future[list[Row]]) -> list[Row]:
        # A pool process may be in a slow request or a Retry-After wait: a cancel
        # does not wait for it.
        while True:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("The sync was cancelled.")
            try:
                return future.result(timeout=0.1)
            except FutureTimeout:
                continue

    def _commit(self, page: _Page) -> None:
        rows = {row[0]: row for job in page.jobs for row in self._rows(job)}
        fetched = [
            FetchedMessage(
                remote_id=row[0],
                raw=b"",  # handed over parsed, with its stored form
                flags=_flags(item),
                internal_date=_received(item),
                parsed=row[2],
                blob=row[3],
                size=row[1],
            )
            for item in page.new
            # A message deleted since the page listed it has no MIME: its @removed follows.
            if (row := rows.get(str(item["id"]))) is not None
        ]
        del rows
        changes = ChangeSet(folders={self.folder.id})
        with database.atomic("IMMEDIATE"):
            if page.removed:
                changes.merge(remove_remote_ids(self.folder, page.removed))
            if page.updates:
                changes.merge(update_flags(self.folder, page.updates))
            changes.merge(
                store_batch(self.folder, fetched, folder_updates={"delta_link": page.next_url})
            )
        bus.publish(changes)  # after the commit
        self.changes.merge(changes)
        self.done += len(fetched)
        if self.progress is not None:
            self.progress(self.folder.display_name or self.folder.remote_name, self.done, self.done)

    def _prune(self, seen: set[str]) -> None:
        local = [
            row.remote_id
            for row in Message.select(Message.remote_id).where(Message.folder == self.folder)
        ]
        gone = [rid for rid in local if rid not in seen]
        if not gone:
            return
        with database.atomic():
            changes = remove_remote_ids(self.folder, gone)
        bus.publish(changes)
        self.changes.merge(changes)


register(GraphProvider())
