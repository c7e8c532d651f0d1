"""A TCP proxy for fault tests: forwards to a real server and can cut the line.

``CuttingProxy(target_host, target_port, cut_after=N)`` listens on a free
127.0.0.1 port and relays bytes both ways; once N bytes have come back from the
server on one connection, it closes both sides (a server dropping the
connection in the middle of a FETCH). ``cut_after=None`` relays faithfully.
``stall_after=N`` instead stops relaying after N bytes and keeps the line open
(a server gone silent mid-FETCH); ``stalled`` is set when that happens.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttingProxy:
    def __init__(
        self,
        target_host: str,
        target_port: int,
        cut_after: int | None = None,
        *,
        stall_after: int | None = None,
    ) -> None:
        self.target = (target_host, target_port)
        self.cut_after = cut_after
        self.stall_after = stall_after
        self.cuts = 0
        self.stalled = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            self._sockets += [client, upstream]
            budget = [self.cut_after if self.stall_after is None else self.stall_after]
            threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, budget), daemon=True
            ).start()

    def _pump(self, src: socket.socket, dst: socket.socket, budget: list | None) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if budget is not None and budget[0] is not None:
                    if len(data) >= budget[0]:
                        dst.sendall(data[: budget[0]])
                        if self.stall_after is not None:
                            self.stalled.set()
                            self._closed.wait()  # silent, the line kept open
                            break
                        self.cuts += 1
                        break
                    budget[0] -= len(data)
                dst.sendall(data)
        except OSError:
            pass
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()


class SilentServer:
    """Accepts TCP connections and never says a word (for timeout tests)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.port = self._listener.getsockname()[1]

    def close(self) -> None:
        self._listener.close()
