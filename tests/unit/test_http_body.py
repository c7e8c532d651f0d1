"""Reading a whole HTTP answer in one call (desktop/sync/providers/http_body.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from desktop.sync.providers.http_body import read_whole

BODY = b"x" * 300_000  # several of requests' 10 KiB reads


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Gmail and Graph answer
    clients: set[tuple[str, int]] = set()  # (host, port) of each connection served

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.clients.add(self.client_address)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if self.path == "/cut":  # half the promised body, then the connection drops
            self.wfile.write(BODY[: len(BODY) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(BODY)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_whole_body_is_read_and_the_connection_reused(server: str) -> None:
    _Handler.clients.clear()
    with requests.Session() as session:
        first = read_whole(session.get(f"{server}/whole", stream=True, timeout=10))
        assert first.content == BODY
        assert first.json is not None and len(first.text) == len(BODY)
        second = read_whole(session.get(f"{server}/whole", stream=True, timeout=10))
        assert second.content == BODY
    # The pool handed out the same (kept-alive) connection twice.
    assert len(_Handler.clients) == 1


def test_a_body_cut_half_way_is_a_connection_error(server: str) -> None:
    with requests.Session() as session:
        response = session.get(f"{server}/cut", stream=True, timeout=10)
        with pytest.raises(requests.ConnectionError):
            read_whole(response)
