"""Parsing Gmail's raw messages for the store, in the sync's pool processes.

A module of its own so a spawned pool process imports only the parser and the
store's encoding, not the HTTP and OAuth libraries of the Gmail provider.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from desktop.sync import fastparse, mime
from desktop.sync.store import encode_raw

# The storing thread of the sync process is the narrow part of the pipeline: on a
# busy machine it goes first, and the workers use the CPU it leaves (as for IMAP).
WORKER_NICE = 5


def make_pool(workers: int) -> ProcessPoolExecutor:
    # spawn: forking a process that runs Qt or other threads is unsafe.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )


def parse_many(raws: list[bytes]) -> list[tuple[mime.ParsedMessage, bytes]]:
    """Each raw message parsed, and in its stored (compressed) form."""
    return [(fastparse.parse(raw), encode_raw(raw)) for raw in raws]


def _worker_init(parent_pid: int) -> None:
    """Workers only parse mail, and leave as soon as the sync process is gone (even
    SIGKILLed: an idle worker would otherwise wait on its queue for ever)."""
    fastparse.install()  # the boundary fast path of the email parser
    try:
        os.nice(WORKER_NICE)
    except OSError:
        pass
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)
