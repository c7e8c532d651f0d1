"""Bounded work against hostile input (issue 11 items 8, 10, 11): time and peak RSS.

    PYTHONPATH=$PWD python bench/hostile_bounds.py

Runs the Caflou stand-in (tests/servers/caflou.py) with a 1 GB answer and endless pages,
parses MIME nested 1,000 and 5,000 deep, and fetches a certificate fingerprint from a
server that trickles its greeting forever.
"""

from __future__ import annotations

import resource
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.crm import api
from desktop.errors import HolubError
from desktop.sync import fastparse, net
from tests.servers.caflou import CaflouServer
from tests.unit.test_mime_nesting import nested


def timed(label: str, call) -> None:
    started = time.monotonic()
    try:
        result = call()
        outcome = f"ok: {result}"
    except (HolubError, OSError) as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    print(f"{label:<34} {time.monotonic() - started:6.2f} s  {outcome}"[:160])


def crm() -> None:
    server = CaflouServer().start()
    server.state.users["jana@firma.cz"] = {"password": "heslo", "otp": None}
    server.state.add_account(42)
    server.state.add(42, "companies", {"id": 1, "name": "Firma"})
    client = api.CaflouClient(server.url, account_id=42, sleep=lambda s: None)
    client.login("jana@firma.cz", "heslo")
    server.state.huge_next(1024**3)
    timed("CRM: 1 GB answer", client.accounts)
    server.state.endless_pages()
    timed("CRM: total_pages 1e9, endless", lambda: len(list(client.pages("companies"))))
    server.stop()


def mime() -> None:
    for depth in (1000, 5000):
        raw = nested(depth)
        timed(
            f"MIME nested {depth} deep",
            lambda raw=raw: repr(fastparse.parse(raw).subject),
        )


def fingerprint() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            while not stop.is_set():
                try:
                    conn.sendall(b"*")
                except OSError:
                    return
                time.sleep(0.05)

    threading.Thread(target=trickle, daemon=True).start()
    port = listener.getsockname()[1]
    timed(
        "fingerprint: trickled greeting (5 s)",
        lambda: net.fetch_certificate_fingerprint("127.0.0.1", port, starttls="imap", timeout=5),
    )
    stop.set()
    listener.close()


if __name__ == "__main__":
    crm()
    mime()
    fingerprint()
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
