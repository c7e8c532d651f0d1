"""Run store work off the GUI thread and hand the result back on it: the one helper
for the window's background jobs (reads in Qt's global pool, writes queued in order).

Each job runs in Qt's global thread pool with its own SQLite connection
(opened and closed around the job: peewee keeps one connection per thread,
and a pooled thread must not keep one pointing at an old profile).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.models.db import database
from desktop.ui.error_text import error_text

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            database.connect(reuse_if_open=True)
            try:
                result = self.fn()
            finally:
                database.close()
        except Exception as exc:  # reported on the GUI thread, never lost
            log.exception("background job failed")
            self.relay.failed.emit(str(exc) or type(exc).__name__)
            return
        self.relay.done.emit(result)


_alive: set[_Relay] = set()


_writes: QThreadPool | None = None

# Most background jobs wait on the network (a login, a CRM call, an SRV look-up) rather
# than on a core: with Qt's default of one thread per core (two on a small laptop), two
# slow servers would hold back every count, preview and completion behind them.
MIN_POOL_THREADS = 8


def _shared_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_POOL_THREADS:
        pool.setMaxThreadCount(MIN_POOL_THREADS)
    return pool


def _write_pool() -> QThreadPool:
    # One thread: store writes of the GUI (mark read, delete, undo, star) run one after
    # another in the order asked, so an undo never overtakes the delete it undoes.
    global _writes
    if _writes is None:
        _writes = QThreadPool()
        _writes.setMaxThreadCount(1)
        _writes.setExpiryTimeout(-1)
    return _writes


def wait_for_writes(msecs: int = 10_000) -> bool:
    """Let the queued store writes finish (at exit, and in tests)."""
    return _writes is None or _writes.waitForDone(msecs)


def run_write(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Like ``run_in_background`` for a store write: queued behind earlier writes."""
    run_in_background(fn, on_done or (lambda _r: None), on_error, owner=owner, pool=_write_pool())


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    *,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn`` in the pool; ``on_done(result)`` on the GUI thread, unless ``owner``
    (the widget or model the result is for) has been deleted in the meantime."""
    relay = _Relay()
    _alive.add(relay)

    def owner_gone() -> bool:
        return owner is not None and not shiboken6.isValid(owner)

    def finish(result: Any) -> None:
        _alive.discard(relay)
        if not owner_gone():
            on_done(result)

    def fail(message: str) -> None:
        _alive.discard(relay)
        if on_error is not None and not owner_gone():
            on_error(error_text(message))  # the core's English, in the window's language

    relay.done.connect(finish)
    relay.failed.connect(fail)
    (pool or _shared_pool()).start(_Job(fn, relay))
