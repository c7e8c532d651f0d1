"""Gmail through its REST API v1: sign-in, sync of Inbox and Sent, sending.

Inbox and Sent are the labels ``INBOX`` and ``SENT``, each stored as a Folder (roles
inbox and sent); a message with both labels is stored in each, as IMAP would show it.
The first import lists each label from the import date (``q=after:<epoch>``) and
fetches the raw messages several at a time. Later syncs read ``history.list`` from the
mailbox-wide history id (kept in both folders' ``history_id``, written in the same
transaction as the batch it closes): new messages, deletions, and label changes —
INBOX/SENT added or removed move a message in or out of a folder, UNREAD and STARRED
become \\Seen and \\Flagged. A history id Gmail no longer knows (404) means a full
re-sync from the import date: it stores what is missing, forgets what is gone and
refreshes the flags, so nothing is duplicated and manual CRM decisions stay.

Holub never changes the mailbox (R2): the scopes are read and send only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime
from datetime import time as dt_time
from email import message_from_bytes
from email.utils import getaddresses

from google.oauth2.credentials import Credentials

from desktop import secrets
from desktop.changes import ChangeSet
from desktop.errors import HolubError, SignInRequired
from desktop.models.base import utcnow
from desktop.models.db import database, restore_cache, use_sync_cache
from desktop.models.mail import KIND_GMAIL, ROLE_INBOX, ROLE_SENT, Folder, Mailbox
from desktop.sync import mime, oauth_google
from desktop.sync.providers import config, gmail_parse, parse_pool
from desktop.sync.providers.base import Progress, SignedIn, register
from desktop.sync.providers.gmail_api import (
    BATCH_CALLS,
    Cancelled,
    GmailClient,
    NotFound,
    StaleToken,
)
from desktop.sync.store import (
    FetchedMessage,
    existing_remote_ids,
    remove_remote_ids,
    store_batch,
    update_flags,
)

log = logging.getLogger(__name__)

# label → (folder role, the name the folder tree shows)
LABELS = {"INBOX": (ROLE_INBOX, "Inbox"), "SENT": (ROLE_SENT, "Sent")}
BATCH_SIZE = 250  # at most this many messages per stored batch (one transaction each)
FIRST_BATCH = 50  # the first batch is small, so the first messages show at once
# ... and about this many bytes of raw mail: the batch length follows the sizes seen so
# far, so the batches in flight (see POOL_AHEAD) hold about as much memory whatever the
# message sizes. Small messages still go 250 at a time; the mixed corpus (47 KiB on
# average) ≈ 90.
BATCH_BYTES = 4 * 1024 * 1024
POOL_WORKERS = parse_pool.WORKERS
# Batches fetched and parsed beyond one per pool worker. Every batch in flight ends up
# parsed in this process, waiting to be stored (the store is slower than the pool on
# a busy machine): together with the batch being stored they are the import's memory.
POOL_AHEAD = 1
# From this many new messages on, parsing runs in a process pool (its start-up costs
# more than it saves below that). HOLUB_SYNC_POOL_MIN overrides it, as for IMAP.
POOL_THRESHOLD = 300
POOL_ENV = "HOLUB_SYNC_POOL_MIN"
# How raw messages are fetched: "batch" (the batch endpoint) or "pool" (concurrent
# requests). bench/gmail_sync.py measures both; see the README for the figures.
FETCH_ENV = "HOLUB_GMAIL_FETCH"
DEFAULT_FETCH = "batch"


def _pool_threshold() -> int:
    try:
        return int(os.environ.get(POOL_ENV, ""))
    except ValueError:
        return POOL_THRESHOLD


def _fetch_mode() -> str:
    mode = os.environ.get(FETCH_ENV, DEFAULT_FETCH)
    return mode if mode in ("batch", "pool") else DEFAULT_FETCH


def gmail_flags(labels: Iterable[str]) -> tuple[str, ...]:
    """Gmail labels → the IMAP-style flags the store keeps (UNREAD absent → \\Seen)."""
    labels = set(labels)
    flags = []
    if "UNREAD" not in labels:
        flags.append("\\Seen")
    if "STARRED" in labels:
        flags.append("\\Flagged")
    return tuple(flags)


def _epoch(mailbox: Mailbox) -> int:
    since = mailbox.import_from
    if isinstance(since, datetime):
        since = since.date()
    # Local midnight of the import date, as IMAP's SINCE <date> counts it.
    return int(datetime.combine(since, dt_time()).timestamp())


class GmailProvider:
    kind = KIND_GMAIL

    def __init__(self) -> None:
        # Access tokens live in memory only (a sync in the same process reuses one);
        # keyed by mailbox and the refresh token it came from.
        self._credentials: dict[int, tuple[str, Credentials]] = {}
        self._lock = threading.Lock()

    # -- sessions ---------------------------------------------------------------------

    def _client(self, mailbox: Mailbox, cancel: threading.Event | None = None) -> GmailClient:
        refresh_token = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id) or ""
        with self._lock:
            cached = self._credentials.get(mailbox.id)
            if cached is None or cached[0] != refresh_token:
                cached = (refresh_token, oauth_google.credentials(mailbox.id))
                self._credentials[mailbox.id] = cached
        return GmailClient(cached[1], config.value(config.GMAIL_API), cancel=cancel)

    # -- the seam ---------------------------------------------------------------------

    def sign_in(
        self,
        *,
        login_hint: str | None = None,
        device_code: bool = False,
        show: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SignedIn:
        if device_code:
            # Google's device flow does not allow Gmail scopes (limited-input devices only).
            raise HolubError(
                "Google does not allow signing in to Gmail with a device code; "
                "use the browser sign-in."
            )
        result = oauth_google.sign_in(login_hint=login_hint, show=show, cancel=cancel)
        client = GmailClient(result.credentials, config.value(config.GMAIL_API), cancel=cancel)
        try:
            address = client.profile().get("emailAddress", "")
        finally:
            client.close()
        if not address:
            raise HolubError("Gmail did not tell Holub the mailbox's address.")
        return SignedIn(email=address, sender_name=result.name, secret=result.refresh_token)

    def verify(self, mailbox: Mailbox) -> None:
        client = self._client(mailbox)
        try:
            address = client.profile().get("emailAddress", "")
        finally:
            client.close()
        if address and mailbox.email and address.lower() != mailbox.email.lower():
            raise HolubError(
                f"This Google sign-in is for {address}, not {mailbox.email}; "
                "sign in again with the right account."
            )

    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ChangeSet:
        changes = ChangeSet(mailboxes={mailbox.id})
        try:
            client = self._client(mailbox, cancel)
        except HolubError as exc:
            _record(mailbox, str(exc))
            raise
        # A sync writes far more than it reads back: a small page cache for its
        # connection keeps a first import's memory down (as the IMAP sync does).
        use_sync_cache()
        try:
            GmailSync(mailbox, client, progress, changes).run()
        except Cancelled:
            log.info("sync of %s cancelled", mailbox.name)
            return changes
        except HolubError as exc:
            if cancel is not None and cancel.is_set():
                return changes
            _record(mailbox, str(exc))
            raise
        except Exception as exc:
            # A bug or an answer of a shape Holub does not know: one line for the user,
            # the traceback in the debug log. What was committed stays.
            log.debug("unexpected error during the Gmail sync", exc_info=exc)
            error = HolubError(f"The sync of {mailbox.name} failed: {type(exc).__name__}: {exc}")
            _record(mailbox, str(error))
            raise error from exc
        finally:
            client.close()
            restore_cache()
        _record(mailbox, None)
        return changes

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        client = self._client(mailbox)
        try:
            client.send(with_bcc(raw, recipients))
        finally:
            client.close()

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        return True  # Gmail labels a sent message SENT by itself

    def sent_folder(self, mailbox: Mailbox) -> GmailSentFolder:
        """The outbox's view of Sent (outbox.SentFolder): before sending a message again
        that may have gone out already, the outbox asks whether Sent has it."""
        return GmailSentFolder(self._client(mailbox))


class GmailSentFolder:
    """outbox.SentFolder for Gmail: looked up by Message-ID; Gmail files sent mail
    itself, so there is never anything to append."""

    def __init__(self, client: GmailClient) -> None:
        self.client = client

    def contains(self, message_id: str) -> bool:
        return self.client.sent_has(message_id)

    def append(self, raw: bytes) -> None:
        # Never needed (files_sent_itself), and Holub does not write to the mailbox (R2).
        pass

    def close(self) -> None:
        self.client.close()


def with_bcc(raw: bytes, recipients: Sequence[str]) -> bytes:
    """``raw`` with a Bcc header for the recipients not in its To/Cc.

    Gmail takes the recipients from the message's headers, and the outbox hands over
    the message with Bcc stripped; Gmail removes Bcc again from what others receive.
    """
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    parsed = message_from_bytes(head + b"\r\n\r\n")
    shown = {
        addr.lower()
        for _, addr in getaddresses(parsed.get_all("To", []) + parsed.get_all("Cc", []))
        if addr
    }
    hidden = [r for r in recipients if r.lower() not in shown]
    if not hidden:
        return raw
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    return b"Bcc: " + ", ".join(hidden).encode() + newline + raw


def _record(mailbox: Mailbox, error: str | None) -> None:
    values: dict = {Mailbox.last_error: error}
    if error is None:
        values[Mailbox.last_sync_at] = utcnow()
    Mailbox.update(values).where(Mailbox.id == mailbox.id).execute()


# -- store changes keyed by remote_id (until the shared store functions land) -------------


def stored_remote_ids(folder: Folder) -> set[str]:
    return {
        remote_id
        for (remote_id,) in database.execute_sql(
            'SELECT "remote_id" FROM "message" WHERE "folder_id" = ?', (folder.id,)
        )
    }


# -- one sync ---------------------------------------------------------------------------


def _batch_length(average_size: float) -> int:
    """Messages in the next batch: about BATCH_BYTES of raw mail, 1 to BATCH_SIZE; from
    one batch request's worth on, whole batch requests (no request half empty)."""
    length = max(1, min(BATCH_SIZE, int(BATCH_BYTES // max(average_size, 1.0))))
    if length > BATCH_CALLS:
        length = min(BATCH_SIZE, round(length / BATCH_CALLS) * BATCH_CALLS)
    return length


def _item(
    message_id: str,
    labels: frozenset[str],
    internal_date_ms: int,
    size: int,
    parsed: mime.ParsedMessage,
    blob: bytes,
) -> FetchedMessage:
    return FetchedMessage(
        remote_id=message_id,
        raw=b"",
        flags=gmail_flags(labels),
        internal_date=datetime.fromtimestamp(internal_date_ms / 1000, UTC).replace(tzinfo=None),
        parsed=parsed,
        blob=blob,
        size=size,
    )


class GmailSync:
    def __init__(
        self, mailbox: Mailbox, client: GmailClient, progress: Progress | None, changes: ChangeSet
    ) -> None:
        self.mailbox = mailbox
        self.client = client
        self.progress = progress
        self.changes = changes
        self.after = _epoch(mailbox)
        self.mode = _fetch_mode()
        self.timings = {"wait_fetch_parse": 0.0, "store": 0.0}
        self.pool: ProcessPoolExecutor | None = None

    def _folders(self) -> dict[str, Folder]:
        folders = {}
        for label, (role, display) in LABELS.items():
            folder, _ = Folder.get_or_create(
                mailbox=self.mailbox,
                remote_name=label,
                defaults={"role": role, "display_name": display},
            )
            folders[label] = folder
        return folders

    def run(self) -> None:
        try:
            self._run()
        except BaseException:
            if self.pool is not None:  # leave at once; the workers end by themselves
                self.pool.shutdown(wait=False, cancel_futures=True)
            raise
        if self.pool is not None:  # idle by now: they end in milliseconds
            self.pool.shutdown(wait=True)

    def _run(self) -> None:
        folders = self._folders()
        synced = {label: f for label, f in folders.items() if f.history_id}
        fresh = {label: f for label, f in folders.items() if not f.history_id}
        if synced:
            start = min(int(f.history_id) for f in synced.values())
            try:
                self._incremental(str(start), synced)
            except NotFound:
                log.info("%s: history id %s is too old; re-syncing", self.mailbox.name, start)
                self._full(synced, resync=True)
        if fresh:
            self._full(fresh, resync=False)

    # -- full (first import, or re-sync after a 404) ------------------------------------

    def _full(self, folders: dict[str, Folder], *, resync: bool) -> None:
        # Taken before listing: whatever changes during the import is in the history
        # after it, so the next incremental sync picks it up.
        history_id = str(self.client.profile()["historyId"])
        work: list[tuple[Folder, list[str]]] = []
        for label, folder in folders.items():
            self.changes.folders.add(folder.id)
            # A big first import starts its parse processes as soon as the first page
            # says how big it is: their start-up overlaps the rest of the listing.
            ids = self.client.list_ids(
                label, self.after, on_estimate=None if resync else self._maybe_start_pool
            )
            have = stored_remote_ids(folder)
            if resync:
                on_server = set(ids)
                self.changes.merge(remove_remote_ids(folder, have - on_server))
                unread = set(self.client.list_ids(label, self.after, ["UNREAD"]))
                starred = set(self.client.list_ids(label, self.after, ["STARRED"]))
                flags = {}
                for mid in have & on_server:
                    labels = {"UNREAD"} if mid in unread else set()
                    if mid in starred:
                        labels.add("STARRED")
                    flags[mid] = gmail_flags(labels)
                self.changes.merge(update_flags(folder, flags))
            work.append((folder, [mid for mid in ids if mid not in have]))
        # A message new in two folders (INBOX and SENT: mail to oneself, a tenth of a
        # typical mailbox) is fetched and parsed once, and stored in both from the
        # first folder's batches; the later folder fetches only what is left.
        seen: set[str] = set()  # new in an earlier folder of ``work``
        also: dict[int, tuple[Folder, set[str]]] = {}  # by the folder's place in ``work``
        for index, (folder, new) in enumerate(work):
            shared = seen.intersection(new)
            seen.update(new)
            if shared:
                work[index] = (folder, [mid for mid in new if mid not in shared])
                also[index] = (folder, shared)
        if sum(len(new) for _, new in work) >= _pool_threshold():
            self._start_pool()
        for index, (folder, new) in enumerate(work):
            later = [entry for at, entry in also.items() if at > index]
            self._store_new(folder, new, {"history_id": history_id}, later)

    def _maybe_start_pool(self, estimate: int) -> None:
        if estimate >= _pool_threshold():
            self._start_pool()

    def _start_pool(self) -> None:
        """Start the parsing processes now, so they are ready when the first batch is."""
        if self.pool is None:
            self.pool = parse_pool.make_worker_pool(POOL_WORKERS)
            for _ in range(POOL_WORKERS):
                self.pool.submit(gmail_parse.warm_up)

    def _store_new(
        self,
        folder: Folder,
        ids: list[str],
        resume: dict[str, object],
        also: Sequence[tuple[Folder, set[str]]] = (),
    ) -> None:
        """Fetch and store ``ids`` in batches; the last batch writes the resume point.
        A message whose id is in one of ``also``'s sets is stored in that folder too.

        A pipeline: the next batches are fetched and parsed while the current one is
        stored — in the pool processes when there are many (each with its own Gmail
        session, as the IMAP sync's workers have their own connections), else in one
        thread of this process.
        """
        total = len(ids)
        self._report(folder, 0, total)
        if not ids:
            Folder.update(**resume).where(Folder.id == folder.id).execute()
            return
        if total >= _pool_threshold():
            self._start_pool()
        fetcher: ThreadPoolExecutor | None = None
        sessions: list[gmail_parse.Session] = []  # the last is the one batches go with
        if self.pool is not None:
            pool = self.pool
            sessions.append(self._session())

            def submit(batch: list[str]) -> tuple[Future, str]:
                session = sessions[-1]
                job = pool.submit(gmail_parse.fetch_and_parse, session, batch)
                return job, session.access_token

            depth = POOL_WORKERS + POOL_AHEAD
        else:
            fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gmail-fetch")
            thread = fetcher

            def submit(batch: list[str]) -> tuple[Future, str]:
                job = thread.submit(
                    lambda: gmail_parse.rows(self.client.fetch_raw(batch, self.mode))
                )
                return job, ""

            depth = 2

        def again(batch: list[str], stale: str) -> list[gmail_parse.Row]:
            """A pool process met a 401: a fresh token (once for all the batches that
            went with the stale one), and the batch fetched again with it."""
            assert self.pool is not None
            if sessions[-1].access_token == stale:
                sessions.append(self._session(self.client.refresh()))
            try:
                return self.pool.submit(gmail_parse.fetch_and_parse, sessions[-1], batch).result()
            except StaleToken:
                raise SignInRequired(
                    "Google refused Holub's refreshed sign-in for this mailbox; sign in again."
                ) from None

        done = 0
        taken = 0  # ids handed to a batch so far
        seen = [0, 0]  # raw bytes and messages fetched so far: the batch length follows

        def take() -> list[str]:
            nonlocal taken
            length = FIRST_BATCH if not seen[1] else _batch_length(seen[0] / seen[1])
            batch = ids[taken : taken + length]
            taken += len(batch)
            return batch

        try:
            in_flight: deque[tuple[list[str], tuple[Future, str]]] = deque()
            while taken < total and len(in_flight) < depth:
                batch = take()
                in_flight.append((batch, submit(batch)))
            while in_flight:
                self.client.check_cancel()  # stop between batches: each is whole or absent
                waited = time.perf_counter()
                batch, (future, token) = in_flight.popleft()
                try:
                    rows = future.result()
                except StaleToken:
                    rows = again(batch, token)
                del future  # it holds the rows too
                self.timings["wait_fetch_parse"] += time.perf_counter() - waited
                seen[0] += sum(row[3] for row in rows)
                seen[1] += len(rows)
                if taken < total:
                    following = take()
                    in_flight.append((following, submit(following)))
                items = [_item(*row) for row in rows if row[2] // 1000 > self.after]
                del rows  # parsed forms live in ``items`` only until they are stored
                last = not in_flight
                waited = time.perf_counter()
                self.changes.merge(
                    store_batch(folder, items, folder_updates=resume if last else None)
                )
                for other, shared in also:
                    copies = [item for item in items if item.remote_id in shared]
                    if copies:
                        self.changes.merge(store_batch(other, copies))
                self.timings["store"] += time.perf_counter() - waited
                del items
                done += len(batch)
                self._report(folder, done, total)
        finally:
            if fetcher is not None:
                fetcher.shutdown(wait=True, cancel_futures=True)
            # Where a slow import waits (debug log): fetching and parsing, or SQLite.
            log.debug(
                "%s: %d messages; waited %s",
                folder.remote_name,
                total,
                ", ".join(f"{k} {v:.2f} s" for k, v in self.timings.items()),
            )

    def _session(self, token: str | None = None) -> gmail_parse.Session:
        """What the pool processes need: the endpoint and an access token (this sync's,
        or ``token``, just refreshed). The refresh token stays in this process."""
        access_token = token or self.client.session.credentials.token  # type: ignore[attr-defined]
        if not access_token:
            access_token = self.client.refresh()
        return gmail_parse.Session(api=self.client.base, access_token=access_token, mode=self.mode)

    def _report(self, folder: Folder, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(folder.remote_name, done, total)  # as IMAP reports: "INBOX"

    # -- incremental ------------------------------------------------------------------

    def _incremental(self, start: str, folders: dict[str, Folder]) -> None:
        for page in self.client.history_pages(start):
            records = page.get("history", [])
            if page.get("nextPageToken") and records:
                resume = str(records[-1]["id"])
            else:
                resume = str(page.get("historyId") or start)
            self._apply(records, folders, resume)

    def _apply(self, records: list[dict], folders: dict[str, Folder], resume: str) -> None:
        """One page of history: the final labels of each message it names, applied."""
        labels: dict[str, set[str] | None] = {}  # None: deleted
        unknown: set[str] = set()
        for record in records:
            for entry in record.get("messagesAdded", ()):
                self._note(labels, unknown, entry["message"], None)
            for entry in record.get("labelsAdded", ()):
                self._note(
                    labels, unknown, entry["message"], (set(entry.get("labelIds", ())), set())
                )
            for entry in record.get("labelsRemoved", ()):
                self._note(
                    labels, unknown, entry["message"], (set(), set(entry.get("labelIds", ())))
                )
            for entry in record.get("messagesDeleted", ()):
                labels[entry["message"]["id"]] = None
                unknown.discard(entry["message"]["id"])
        for message_id in unknown:
            # The record did not say the message's labels: ask (a small call each).
            try:
                answer = self.client.json(
                    "GET",
                    f"/gmail/v1/users/me/messages/{message_id}",
                    params={"format": "minimal"},
                )
                labels[message_id] = set(answer.get("labelIds", ()))
            except NotFound:
                labels[message_id] = None
        for label, folder in folders.items():
            self.changes.folders.add(folder.id)
            have = existing_remote_ids(folder, labels)  # only those the page names
            gone = [
                m for m, lab in labels.items() if m in have and (lab is None or label not in lab)
            ]
            flags = {
                m: gmail_flags(lab)
                for m, lab in labels.items()
                if m in have and lab is not None and label in lab
            }
            new = [
                m for m, lab in labels.items() if m not in have and lab is not None and label in lab
            ]
            if gone:
                self.changes.merge(remove_remote_ids(folder, gone))
            if flags:
                self.changes.merge(update_flags(folder, flags))
            self._store_new(folder, new, {"history_id": resume})

    @staticmethod
    def _note(
        labels: dict[str, set[str] | None],
        unknown: set[str],
        message: dict,
        change: tuple[set[str], set[str]] | None,
    ) -> None:
        message_id = message["id"]
        if "labelIds" in message:  # the message's labels after this change
            labels[message_id] = set(message["labelIds"])
            unknown.discard(message_id)
            return
        current = labels.get(message_id)
        if change is not None and current is not None and message_id not in unknown:
            added, removed = change
            labels[message_id] = (current | added) - removed
        else:
            labels[message_id] = set()
            unknown.add(message_id)


register(GmailProvider())
