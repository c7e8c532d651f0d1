"""Fetching and parsing Graph's raw messages in the sync's pool processes.

A first import runs most of its work beside the sync process, as Gmail's does
(gmail_parse.py): each pool process keeps its own HTTP session to Graph, fetches a
share of a delta page's new messages by JSON ``$batch`` (the JSON and base64 decoding
and TLS happen there), parses them and encodes them for the store. Only the parsed
rows come back; the sync process pages the delta and stores.

The access token is handed to the pool process with each job, in memory only. The
pool process never refreshes it: on a 401 it raises ``StaleToken`` and the sync
thread refreshes once through msal and hands the job over again (a second 401 is
"sign in again", as for a request of the sync process). 429/503/504 and dropped
connections are retried here by ``GraphApi`` as they are in the sync process.

This module imports no peewee and no Qt (pool processes load it).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from desktop.sync import fastparse, mime
from desktop.sync.providers.graph_api import BATCH_LIMIT, GraphApi
from desktop.sync.rawform import encode_raw  # not the store: workers import no peewee

# (Graph id, raw size, parsed form, stored form); a message gone since the delta page
# listed it (404) has no row.
Row = tuple[str, int, mime.ParsedMessage, bytes]

# Requests in flight per pool process. Graph allows graph_api.MAX_CONCURRENT (4) per
# mailbox, shared by the two pool processes; while one chunk is parsed the next is on
# its way.
FETCHERS_PER_WORKER = 2


@dataclass(frozen=True)
class Job:
    """What a pool process needs to fetch some messages of one mailbox (never stored)."""

    base: str
    access_token: str = field(repr=False)  # never in a log line or a traceback
    chunks: tuple[tuple[str, ...], ...]  # one $batch request each (see ``chunks``)
    batch: bool = True  # JSON $batch, else one $value request per message


class StaleToken(Exception):
    """Graph refused the job's access token (401): the sync thread refreshes it."""

    def __init__(self, token: str) -> None:
        # The token is not the message: a traceback's text (which the pool hands
        # back with the exception) must not carry it.
        super().__init__("Microsoft Graph refused the access token (401).")
        self.token = token

    def __reduce__(self):  # across the process boundary with its token
        return (StaleToken, (self.token,))


class _JobToken:
    """The token of the job at hand; a refresh is the sync thread's business."""

    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token

    def refresh(self, stale: str) -> str:
        raise StaleToken(stale)


def chunks(ids: list[str] | tuple[str, ...], limit: int = BATCH_LIMIT) -> list[list[str]]:
    """``ids`` in as few requests as Graph's batch limit allows, of even length
    (50 → 17, 17, 16: the last request is not a small one that still costs a trip)."""
    count = -(-len(ids) // limit)
    if not count:
        return []
    size, extra = divmod(len(ids), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(list(ids[start:end]))
        start = end
    return out


def rows(ids: list[str], raws: dict[str, bytes | None]) -> list[Row]:
    """The fetched messages of ``ids`` parsed and in their stored form, in order."""
    out: list[Row] = []
    for message_id in ids:
        raw = raws.get(message_id)
        if raw is not None:
            out.append((message_id, len(raw), fastparse.parse(raw), encode_raw(raw)))
    return out


_api: GraphApi | None = None  # this pool process's session, with the base it is for
_fetchers: ThreadPoolExecutor | None = None
_guard = threading.Lock()


def _worker_api(job: Job) -> GraphApi:
    global _api, _fetchers
    with _guard:
        if _api is None or _api.base != job.base.rstrip("/"):
            if _api is not None:
                _api.close()
            _api = GraphApi(job.base, _JobToken(job.access_token))
        if _fetchers is None:
            _fetchers = ThreadPoolExecutor(FETCHERS_PER_WORKER, thread_name_prefix="graph")
        # One job at a time per pool process: its token serves the requests below.
        _api.tokens = _JobToken(job.access_token)
        return _api


def fetch_and_parse(job: Job) -> list[Row]:
    """In a pool process: fetch the job's messages over this process's session, parse
    them and encode them for the store.

    The chunks are fetched FETCHERS_PER_WORKER at a time while the ones that came are
    parsed, so the network wait and the parsing overlap.
    """
    api = _worker_api(job)
    assert _fetchers is not None
    fetch = api.batch_values if job.batch else api.single_values
    parts = [list(chunk) for chunk in job.chunks]
    futures: list[Future[dict[str, bytes | None]]] = [_fetchers.submit(fetch, p) for p in parts]
    out: list[Row] = []
    try:
        for part, future in zip(parts, futures, strict=True):
            out += rows(part, future.result())
    finally:
        for future in futures:  # after a failure: what has not started never does
            future.cancel()
    return out
