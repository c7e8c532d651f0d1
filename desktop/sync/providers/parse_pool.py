"""Parsing fetched messages in worker processes while the next page downloads.

Parsing MIME is the slow part of a first import (the network wait is not); two
worker processes parse one page while the sync thread fetches the next, the way
the IMAP engine's pipeline does. Small pages are parsed in the calling thread:
starting the workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from desktop.sync import fastparse, mime
from desktop.sync.rawform import encode_raw  # not the store: workers import no peewee

WORKERS = 2
# The storing thread of the sync process is the narrow part of every import pipeline
# (IMAP, Gmail, Graph): on a busy machine it goes first, and the workers use the CPU
# it leaves.
WORKER_NICE = 5
# From this many new messages in a page on, the page is parsed in the pool.
POOL_MIN = 50

Parsed = list[tuple[mime.ParsedMessage, bytes]]


def parse_raws(raws: Sequence[bytes]) -> Parsed:
    """Each message parsed, and its stored (compressed) form."""
    return [(fastparse.parse(raw), encode_raw(raw)) for raw in raws]


def make_worker_pool(workers: int) -> ProcessPoolExecutor:
    """The parse worker processes of an import (IMAP's engine, Gmail and Graph alike)."""
    # spawn: forking a process that runs Qt or other threads is unsafe, and
    # forkserver leaves its server behind when the sync is killed.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=worker_init,
        initargs=(os.getpid(),),
    )


def worker_init(parent_pid: int) -> None:
    fastparse.install()  # workers only parse mail: take the boundary fast path
    try:
        os.nice(WORKER_NICE)
    except OSError:
        pass
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    # Leave as soon as the sync process is gone (even SIGKILLed: an idle worker would
    # otherwise wait on its queue for ever).
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


class ParsePool:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._guard = threading.Lock()  # the page fetcher submits, the sync thread closes

    def submit(self, raws: Sequence[bytes]) -> Future[Parsed]:
        if len(raws) < POOL_MIN:
            future: Future[Parsed] = Future()
            future.set_result(parse_raws(raws))
            return future
        half = (len(raws) + 1) // 2  # one half per worker
        with self._guard:
            if self._closed:  # a page fetcher still running after its sync ended
                raise RuntimeError("the parse pool is closed")
            if self._pool is None:
                self._pool = make_worker_pool(WORKERS)
            parts = [self._pool.submit(parse_raws, list(raws[:half]))]
            parts.append(self._pool.submit(parse_raws, list(raws[half:])))
        joined: Future[Parsed] = Future()
        lock = threading.Lock()

        def done(_: Future) -> None:
            with lock:  # both callbacks may run at once, on different threads
                if joined.done() or not all(p.done() for p in parts):
                    return
                try:
                    joined.set_result([row for p in parts for row in p.result()])
                except BaseException as exc:
                    joined.set_exception(exc)

        for part in parts:
            part.add_done_callback(done)
        return joined

    def close(self) -> None:
        with self._guard:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
