"""Stopping a sync at once, even in the middle of a network read.

A sync checks its cancel flag between batches, but a thread blocked in ``recv`` on
a slow or silent server would only notice when the socket times out (tens of
seconds): quitting the application would wait for it, or Qt would abort on a
QThread destroyed while running. ``CancelToken`` is a ``threading.Event`` that also
hangs up the connections registered with it, so the blocked read fails at once
and the sync ends where it stands (every stored batch is committed; the next sync
resumes from there).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable


class CancelToken(threading.Event):
    """A cancel flag whose ``set()`` also runs the registered hang-ups."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._hangups: dict[int, Callable[[], None]] = {}
        self._next = 0

    def on_cancel(self, hang_up: Callable[[], None]) -> Callable[[], None]:
        """Run ``hang_up`` on cancel (at once if already cancelled); returns an undo."""
        with self._lock:
            key = self._next
            self._next += 1
            self._hangups[key] = hang_up
        if self.is_set():
            _quietly(hang_up)

        def forget() -> None:
            with self._lock:
                self._hangups.pop(key, None)

        return forget

    def set(self) -> None:
        super().set()
        with self._lock:
            hangups = list(self._hangups.values())
        for hang_up in hangups:
            _quietly(hang_up)


def on_cancel(cancel: threading.Event | None, hang_up: Callable[[], None]) -> Callable[[], None]:
    """``cancel.on_cancel(hang_up)`` when ``cancel`` can hang up; a no-op undo otherwise."""
    if isinstance(cancel, CancelToken):
        return cancel.on_cancel(hang_up)
    return lambda: None


def shut_down(sock: socket.socket | None) -> None:
    """End a connection that another thread may be reading from.

    ``socket.socket.shutdown`` is called on the plain socket level even for an
    ``ssl.SSLSocket``: the TLS object's own ``shutdown`` would drop its state under
    the reading thread. The reader then sees end-of-file or an error at once.
    """
    if sock is not None:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _quietly(fn: Callable[[], None]) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fn()
