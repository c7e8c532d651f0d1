"""Fetching a certificate's fingerprint is bounded in time and bytes (issue 11 item 11).

Local servers that trickle a greeting, flood one, or never finish the TLS handshake:
the fetch must give up within its timeout, whatever the server does.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from desktop.sync import net


@pytest.fixture
def hostile_server() -> Iterator[Callable[[Callable[[socket.socket], None]], int]]:
    """Start a one-behaviour TCP server on 127.0.0.1; returns its port."""
    stop = threading.Event()
    listeners: list[socket.socket] = []

    def start(behaviour: Callable[[socket.socket], None]) -> int:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def serve() -> None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                try:
                    behaviour(conn)
                except OSError:  # the client gave up, as it should
                    pass

        threading.Thread(target=serve, daemon=True).start()
        return listener.getsockname()[1]

    def trickle(data: bytes, every: float = 0.05) -> Callable[[socket.socket], None]:
        def behaviour(conn: socket.socket) -> None:
            for i in range(10**6):
                if stop.is_set():
                    return
                conn.sendall(data[i % len(data) : i % len(data) + 1])
                time.sleep(every)

        return behaviour

    start.trickle = trickle  # type: ignore[attr-defined]
    start.stop = stop  # type: ignore[attr-defined]
    yield start
    stop.set()
    for listener in listeners:
        listener.close()


def bounded(call: Callable[[], object], limit: float) -> tuple[BaseException | None, float]:
    """Run ``call`` in a thread; fail the test if it is still running after ``limit``."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"still fetching after {limit} s"
    return outcome[0], time.monotonic() - started


def test_a_trickled_greeting_does_not_keep_it_spinning(hostile_server) -> None:
    port = hostile_server(hostile_server.trickle(b"* OK trickle without an end "))
    error, took = bounded(
        lambda: net.fetch_certificate_fingerprint("127.0.0.1", port, starttls="imap", timeout=1),
        limit=6,
    )
    assert isinstance(error, TimeoutError) and took < 3


def test_a_flood_before_tls_is_cut_off(hostile_server) -> None:
    def flood(conn: socket.socket) -> None:
        block = b"x" * 65536
        while not hostile_server.stop.is_set():
            conn.sendall(block)

    port = hostile_server(flood)
    error, _ = bounded(
        lambda: net.fetch_certificate_fingerprint("127.0.0.1", port, starttls="smtp", timeout=5),
        limit=8,
    )
    assert isinstance(error, ConnectionError) and "too much" in str(error)


def test_a_handshake_that_never_finishes_is_abandoned(hostile_server) -> None:
    # A TLS handshake record announcing 16 KB, then one byte at a time.
    record = b"\x16\x03\x03\x40\x00" + b"\x02" * 16384
    port = hostile_server(hostile_server.trickle(record, every=0.02))
    error, took = bounded(
        lambda: net.fetch_certificate_fingerprint("127.0.0.1", port, timeout=1), limit=6
    )
    assert isinstance(error, OSError) and took < 3
