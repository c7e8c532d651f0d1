"""The worker processes of a first import (IMAP's engine, Gmail and Graph alike).

Parsing MIME is the slow part of a first import (the network wait is not): two worker
processes fetch and parse while the sync process stores, each provider handing them
its own jobs (engine._worker_fetch, gmail_parse.fetch_and_parse,
graph_fetch.fetch_and_parse). Small imports stay in the sync process: starting the
workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from desktop.sync import fastparse

# Worker processes of an import (IMAP, Gmail, Graph): the target machine has 2 cores.
WORKERS = 2
# The storing thread of the sync process is the narrow part of every import pipeline
# (IMAP, Gmail, Graph): on a busy machine it goes first, and the workers use the CPU
# it leaves.
WORKER_NICE = 5
# From this many new messages in a page on, the page is parsed in the pool.
POOL_MIN = 50


def make_worker_pool(workers: int = WORKERS) -> ProcessPoolExecutor:
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
