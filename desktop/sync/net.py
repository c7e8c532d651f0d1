"""TLS contexts and the translation of socket/TLS failures into plain words.

Shared by the IMAP and SMTP clients (and anything else that opens a socket) so
that "unknown host", "connection refused", "timed out" and "untrusted
certificate" read the same everywhere.
"""

from __future__ import annotations

import hashlib
import select
import socket
import ssl
import time
from collections.abc import Callable

from desktop.errors import CertificateError, ConnectionFailed, HolubError

DEFAULT_TIMEOUT = 30.0


def make_ssl_context(cafile: str | None = None) -> ssl.SSLContext:
    """A verifying client context: the system's CAs plus ``cafile`` if given."""
    context = ssl.create_default_context()
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise HolubError(f"Cannot read the certificate file {cafile}: {exc}") from exc
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def make_pinned_context() -> ssl.SSLContext:
    """A context that does not verify by CA; the caller must check the pinned fingerprint."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def certificate_fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as colon-separated upper-case hex (as browsers show it)."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalise_fingerprint(text: str) -> str:
    clean = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return ":".join(clean[i : i + 2] for i in range(0, len(clean), 2))


# Bytes a server may send before TLS starts (greeting, EHLO reply, STARTTLS answer).
MAX_PRE_TLS_BYTES = 64 * 1024


def fetch_certificate_fingerprint(
    host: str, port: int, *, starttls: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> str:
    """Fingerprint of the certificate a server presents (to show before trusting it).

    ``starttls`` is ``"imap"`` or ``"smtp"`` for servers that upgrade a plain connection.
    Bounded: the whole exchange ends within ``timeout`` seconds however slowly the server
    trickles bytes, and at most MAX_PRE_TLS_BYTES are read before TLS (TimeoutError or
    ConnectionError otherwise); an untrusted server, maybe a man in the middle, cannot
    keep it spinning.
    """
    deadline = time.monotonic() + timeout
    context = make_pinned_context()
    with socket.create_connection((host, port), timeout=timeout) as raw:
        if starttls == "imap":
            _read_until(raw, lambda line: line.startswith(b"* "), deadline)
            raw.sendall(b"a1 STARTTLS\r\n")
            _read_until(raw, lambda line: line.startswith(b"a1 "), deadline)
        elif starttls == "smtp":
            _read_until(raw, _smtp_last_line, deadline)
            raw.sendall(b"EHLO holub\r\n")
            _read_until(raw, _smtp_last_line, deadline)
            raw.sendall(b"STARTTLS\r\n")
            _read_until(raw, _smtp_last_line, deadline)
        with context.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False) as tls:
            _handshake(tls, deadline)
            der = tls.getpeercert(binary_form=True) or b""
    return certificate_fingerprint(der)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the server did not finish in time")
    return left


def _handshake(tls: ssl.SSLSocket, deadline: float) -> None:
    """The TLS handshake, non-blocking, so a trickling server cannot stretch it: each
    socket timeout alone would restart with every byte received."""
    tls.setblocking(False)
    while True:
        try:
            tls.do_handshake()
            return
        except ssl.SSLWantReadError:
            wait = ([tls], [])
        except ssl.SSLWantWriteError:
            wait = ([], [tls])
        select.select(*wait, [], _remaining(deadline))


def _smtp_last_line(line: bytes) -> bool:
    # "250-..." continues a multi-line reply; "250 ..." ends it.
    return len(line) >= 4 and line[:3].isdigit() and line[3:4] == b" "


def _read_until(sock: socket.socket, is_last: Callable[[bytes], bool], deadline: float) -> None:
    """Read whole lines until one ends the reply (a reply may span several packets),
    within the deadline and MAX_PRE_TLS_BYTES."""
    buffer = b""
    received = 0
    while True:
        sock.settimeout(_remaining(deadline))
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("the server closed the connection before TLS")
        received += len(chunk)
        if received > MAX_PRE_TLS_BYTES:
            raise ConnectionError("the server sent too much before TLS")
        buffer += chunk
        *lines, buffer = buffer.split(b"\r\n")
        if any(is_last(line) for line in lines):
            return


def check_pinned(sock: ssl.SSLSocket, expected: str) -> None:
    """Raise CertificateError unless the peer's certificate has the pinned fingerprint."""
    der = sock.getpeercert(binary_form=True) or b""
    seen = certificate_fingerprint(der)
    if seen != normalise_fingerprint(expected):
        raise CertificateError(
            "The server's certificate has changed since you trusted it "
            f"(now {seen}). Check with your mail provider before trusting it again.",
            fingerprint=seen,
        )


def describe_network_error(exc: BaseException, host: str, port: int, what: str) -> HolubError:
    """Turn a low-level exception into a HolubError with one plain sentence.

    ``what`` names the service, e.g. "IMAP server" or "SMTP server".
    """
    where = f"{what} {host}:{port}"
    if isinstance(exc, HolubError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = exc.verify_message or str(exc)
        return CertificateError(
            f"The {where} presented a certificate that is not trusted ({reason}). "
            "Use --cafile with the server's CA, or trust its fingerprint after checking it.",
        )
    if isinstance(exc, socket.gaierror):
        return ConnectionFailed(f"Unknown host: {host} (the {what} name could not be found).")
    if isinstance(exc, ConnectionRefusedError):
        return ConnectionFailed(f"Connection refused by the {where}. Check the server and port.")
    if isinstance(exc, TimeoutError | socket.timeout):
        return ConnectionFailed(f"The {where} did not answer in time (timeout).")
    if isinstance(exc, ssl.SSLError):
        return ConnectionFailed(f"TLS with the {where} failed: {exc.reason or exc}.")
    if isinstance(exc, ConnectionError | EOFError):
        return ConnectionFailed(f"The connection to the {where} was lost: {exc or 'closed'}.")
    if isinstance(exc, OSError):
        return ConnectionFailed(f"Cannot reach the {where}: {exc.strerror or exc}.")
    return HolubError(f"Unexpected error talking to the {where}: {exc}")
