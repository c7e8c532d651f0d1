"""Moving the WAL into the database beside a sync, not in its commits.

SQLite checkpoints the write-ahead log in the connection whose commit took it past
``wal_autocheckpoint`` pages (4 MB): it copies the pages into the database file and
waits for two fsyncs. An import batch of mail is about that size, so nearly every
commit of a first import paid a checkpoint, and the storing thread — the narrow part
of every import — waited on the disk for it (a third of a 5,000-message Gmail import's
time on this machine's disk). While a sync writes, its connection does not checkpoint;
one thread per store runs a PASSIVE checkpoint every half second instead, on its own
connection: it copies only committed pages, never blocks the writer or a reader, and
the WAL is reused from its start once it has caught up (between batches). When the
last writing thread has left (or ended), the thread checkpoints once more and ends.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

log = logging.getLogger(__name__)

INTERVAL = 0.5  # seconds between checkpoints while a sync writes

_lock = threading.Lock()
_running: dict[str, _Checkpointer] = {}


class _Checkpointer:
    def __init__(self, path: str) -> None:
        self.path = path
        self.writers: set[threading.Thread] = set()
        self.wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        except sqlite3.Error as exc:  # the writers' own commits will checkpoint at the end
            log.debug("no checkpoint connection to %s: %s", self.path, exc)
            with _lock:
                _running.pop(self.path, None)
            return
        try:
            while True:
                self.wake.wait(INTERVAL)
                self.wake.clear()
                with _lock:
                    self.writers = {t for t in self.writers if t.is_alive()}
                    last = not self.writers
                    if last:
                        _running.pop(self.path, None)
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as exc:  # busy, or the store went away: next time
                    log.debug("checkpoint of %s: %s", self.path, exc)
                if last:
                    return
        finally:
            connection.close()


def start_writing(path: str) -> None:
    """The calling thread writes a sync's batches to the store at ``path``."""
    if not path or path == ":memory:":
        return
    with _lock:
        checkpointer = _running.get(path)
        if checkpointer is None:
            checkpointer = _running[path] = _Checkpointer(path)
            checkpointer.writers.add(threading.current_thread())
            checkpointer.thread.start()
        else:
            checkpointer.writers.add(threading.current_thread())


def stop_writing(path: str) -> None:
    """The calling thread is done writing (a thread that ends is done too)."""
    with _lock:
        checkpointer = _running.get(path)
        if checkpointer is not None:
            checkpointer.writers.discard(threading.current_thread())
            if not checkpointer.writers:
                checkpointer.wake.set()  # the last checkpoint now, not in half a second
