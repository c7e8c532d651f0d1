"""asyncio on Qt's event loop (qasync): where the GUI waits for slow, blocking work.

``install()`` makes a ``qasync.QEventLoop`` the GUI thread's asyncio loop, marked as
already running: Qt's own event loop drives it wherever one runs (``app.exec()``, a
nested loop such as pytest-qt's ``waitSignal``), so a coroutine started with ``start()``
advances as Qt processes events and the GUI thread never blocks on it. The window's
start-up installs it; ``start()`` installs it too when a dialog is used on its own (the
tests, a tool), so every entry gets the same loop.

Blocking library calls (google-auth-oauthlib, msal, requests) are awaited through
``in_thread``: they run in a small thread pool, each with its own SQLite connection, and
their result or exception comes back into the coroutine. Cancelling the awaiting task
sets the job's ``CancelToken`` (desktop/sync/cancel.py), which wakes what the call waits
on (a loopback listener, a poll), so no thread is left blocked behind a closed dialog.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from desktop.models.db import database
from desktop.sync.cancel import CancelToken

log = logging.getLogger(__name__)

T = TypeVar("T")

# Sign-ins and CRM logins wait on people and servers, not on a core; a few at a time.
MAX_THREADS = 4

_loop: asyncio.AbstractEventLoop | None = None
_pool: ThreadPoolExecutor | None = None
# Setting a token may touch a socket (waking a loopback listener): done here, off the
# GUI thread, and never queued behind the very jobs it is meant to wake.
_waker: ThreadPoolExecutor | None = None
_tasks: set[asyncio.Task] = set()
_jobs: list[CancelToken | None] = []  # the token of each job running in the pool
_idle = threading.Condition()


def install(app: Any = None) -> asyncio.AbstractEventLoop:
    """The GUI thread's asyncio loop (created on the first call; needs the QApplication)."""
    global _loop
    if _loop is None:
        import qasync
        from PySide6.QtWidgets import QApplication

        _loop = qasync.QEventLoop(app or QApplication.instance(), already_running=True)
        asyncio.set_event_loop(_loop)
    return _loop


def start(coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
    """Run ``coro`` on the GUI thread's loop; a failure nobody handled is logged."""
    task = install().create_task(coro, name=name)
    _tasks.add(task)  # the loop keeps only weak references to its tasks
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task) -> None:
    _tasks.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("task %s failed", task.get_name(), exc_info=task.exception())


async def in_thread(fn: Callable[..., T], *args: Any, cancel: CancelToken | None = None) -> T:
    """``fn(*args)`` in the pool, awaited. Cancelling the awaiting task sets ``cancel``
    (``fn`` should be watching it) and the task ends at once; the thread follows as
    soon as ``fn`` notices."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="holub-aio")
    future = asyncio.get_running_loop().run_in_executor(_pool, _job, fn, args, cancel)
    try:
        return await future
    except asyncio.CancelledError:
        if cancel is not None:
            _wake(cancel)
        raise


def _job(fn: Callable[..., T], args: tuple, cancel: CancelToken | None) -> T:
    with _idle:
        _jobs.append(cancel)
    try:
        database.connect(reuse_if_open=True)  # this thread's own connection
        try:
            return fn(*args)
        finally:
            database.close()
    finally:
        with _idle:
            _jobs.remove(cancel)
            _idle.notify_all()


def _wake(cancel: CancelToken) -> None:
    global _waker
    if _waker is None:
        _waker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="holub-aio-cancel")
    _waker.submit(cancel.set)


def running_jobs() -> int:
    """How many ``in_thread`` calls are still running (the tests check none is left)."""
    with _idle:
        return len(_jobs)


def wait_for_jobs(timeout: float = 30.0) -> bool:
    """Block until no ``in_thread`` call runs (at exit, in tests); False on timeout."""
    with _idle:
        return _idle.wait_for(lambda: not _jobs, timeout)


def shutdown(timeout: float = 5.0) -> bool:
    """At exit: cancel what still runs (each job's token is set here, as the loop no
    longer runs to deliver the cancellations) and wait a little for the threads."""
    for task in list(_tasks):
        task.cancel()
    with _idle:
        tokens = [token for token in _jobs if token is not None]
    for token in tokens:
        token.set()
    done = wait_for_jobs(timeout)
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    return done
