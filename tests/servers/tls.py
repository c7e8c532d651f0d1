"""A throwaway certificate authority for the local HTTPS stand-ins (Google, Microsoft…).

msal accepts only ``https`` authorities and Holub verifies every certificate, so the
stand-ins serve TLS with a server certificate signed by a CA made here, per test
session. Clients trust it the ordinary way: ``SSL_CERT_FILE`` / ``REQUESTS_CA_BUNDLE``
pointing at ``ca_file`` (see ``trust_ca``), never by turning verification off.
"""

from __future__ import annotations

import os
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass(frozen=True)
class TestCA:
    ca_file: Path  # the CA certificate (PEM): what clients trust
    cert_file: Path  # the server certificate for 127.0.0.1 and localhost (PEM)
    key_file: Path  # its private key (PEM)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def make_ca(directory: Path) -> TestCA:
    """A CA and a server certificate for 127.0.0.1/localhost, written under ``directory``
    (the SMTP stand-in's ``make_tls_files``: one certificate maker for every stand-in)."""
    from tests.servers.smtp import make_tls_files

    files = make_tls_files(directory)
    return TestCA(Path(files.cafile), Path(files.certfile), Path(files.keyfile))


@contextmanager
def trust_ca(ca: TestCA) -> Iterator[None]:
    """Make Python's ssl, requests (and so google-auth and msal) trust ``ca`` for a while."""
    names = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
    before = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = str(ca.ca_file)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class HTTPSServer:
    """A ThreadingHTTPServer on 127.0.0.1 serving TLS with the test CA's certificate."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], ca: TestCA) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = ca.server_context().wrap_socket(self.httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> HTTPSServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
