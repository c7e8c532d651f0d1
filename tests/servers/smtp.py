"""pytest plugin: a real aiosmtpd SMTP server for integration tests.

Fixture ``smtp_server`` starts two listeners on free 127.0.0.1 ports sharing one
mailbag:

- ``port``: submission-style (like 587): plain connect, STARTTLS required before AUTH;
- ``ssl_port``: implicit TLS (like 465).

Both require AUTH PLAIN/LOGIN with ``user``/``password`` before MAIL FROM; a throwaway
CA signs the server's certificate and ``cafile`` is that CA (Mailbox.cafile). Received
messages are recorded (envelope + raw bytes) in ``messages``. Tests can make the server
refuse recipients (``refuse_recipients``) or fail the next DATA (``fail_data``).

``mailbox_fields(security)`` returns the Mailbox column values pointing at this server
(``security`` is "starttls" or "ssl"). ``make_tls_files(dir)`` is reusable for other servers.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

SMTP_USER = "jana@example.test"
SMTP_PASSWORD = "Heslo-123-žluťoučký"


@dataclass(frozen=True)
class TlsFiles:
    cafile: str  # the CA to trust on the client side
    certfile: str  # server certificate (leaf + CA)
    keyfile: str


def make_tls_files(
    directory: Path, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
) -> TlsFiles:
    """A throwaway CA and a server certificate for ``hosts`` signed by it (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Holub Test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_path = directory / "ca.pem"
    cert_path = directory / "server.pem"
    key_path = directory / "server.key"
    ca_path.write_bytes(ca_cert.public_bytes(pem))
    cert_path.write_bytes(cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return TlsFiles(str(ca_path), str(cert_path), str(key_path))


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    login: str
    port: int


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        if address.lower() in self.server.refuse_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        with self.server._lock:
            if self.server.fail_data:
                reply, self.server.fail_data = self.server.fail_data, None
                return reply
            auth = session.auth_data
            login = auth.login.decode() if isinstance(auth, LoginPassword) else ""
            received = ReceivedMessage(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                raw=bytes(envelope.original_content or envelope.content),
                login=login,
                port=smtp.transport.get_extra_info("sockname")[1] if smtp.transport else 0,
            )
            self.server.messages.append(received)
            hook = self.server.on_message
            drop, self.server.drop_after_data = self.server.drop_after_data, False
        if hook is not None:
            hook(received)
        if drop and smtp.transport is not None:
            smtp.transport.abort()
        return "250 2.0.0 OK: queued"


class _ImplicitTlsSMTP(SMTP):
    """On an implicit-TLS listener the whole session is encrypted, so AUTH is allowed.

    aiosmtpd only counts STARTTLS as TLS; tell it the truth about implicit TLS while
    still refusing AUTH on any connection that somehow is not encrypted.
    """

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._auth_require_tls = transport.get_extra_info("ssl_object") is None


class _Controller(Controller):
    """Binds port 0 and learns the real port from the listening socket (no race)."""

    def __init__(self, *args, smtp_class: type[SMTP] = SMTP, **kwargs) -> None:
        self._smtp_class = smtp_class
        super().__init__(*args, port=0, **kwargs)

    def factory(self):
        return self._smtp_class(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    host: str
    cafile: str
    user: str = SMTP_USER
    password: str = SMTP_PASSWORD
    port: int = 0  # STARTTLS (587-style)
    ssl_port: int = 0  # implicit TLS (465-style)
    messages: list[ReceivedMessage] = field(default_factory=list)
    refuse_recipients: set[str] = field(default_factory=set)
    # An SMTP reply (e.g. "451 4.3.0 Try again later") returned for the next DATA only.
    fail_data: str | None = None
    # Take the next message, then drop the connection before answering (the client
    # cannot know the message was accepted).
    drop_after_data: bool = False
    logins: list[tuple[str, bool]] = field(default_factory=list)  # (user, accepted)
    mechanisms: list[str] = field(default_factory=list)  # the AUTH mechanism of each login
    # Called with each accepted message (e.g. to file it in Sent like Gmail does).
    on_message: Callable[[ReceivedMessage], None] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _controllers: list[Controller] = field(default_factory=list)

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        ok = user == self.user and password == self.password
        with self._lock:
            self.logins.append((user, ok))
            self.mechanisms.append(mechanism)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def mailbox_fields(self, security: str = "starttls") -> dict[str, object]:
        """Mailbox column values that point the SMTP side at this server."""
        return {
            "email": self.user,
            "username": self.user,
            "smtp_host": self.host,
            "smtp_port": self.port if security == "starttls" else self.ssl_port,
            "smtp_security": security,
            "cafile": self.cafile,
        }

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.logins.clear()
            self.mechanisms.clear()
            self.refuse_recipients.clear()
            self.fail_data = None
            self.drop_after_data = False

    def stop(self) -> None:
        for controller in self._controllers:
            controller.stop()
        self._controllers.clear()


def start_smtp_server(
    tls: TlsFiles, host: str = "127.0.0.1", *, exclude_auth: tuple[str, ...] = ()
) -> SmtpServer:
    """Start both listeners; call ``stop()`` when done.

    ``exclude_auth`` hides AUTH mechanisms (e.g. ("PLAIN",) to test LOGIN).
    """
    server = SmtpServer(host=host, cafile=tls.cafile)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls.certfile, tls.keyfile)
    handler = _Handler(server)
    common = {
        "hostname": host,
        "authenticator": server.authenticate,
        "auth_required": True,
        "auth_require_tls": True,
        "ready_timeout": 10.0,
        "auth_exclude_mechanism": list(exclude_auth),
    }
    starttls = _Controller(handler, tls_context=context, require_starttls=True, **common)
    implicit = _Controller(handler, ssl_context=context, smtp_class=_ImplicitTlsSMTP, **common)
    try:
        starttls.start()
        server._controllers.append(starttls)
        implicit.start()
        server._controllers.append(implicit)
    except Exception:
        server.stop()
        raise
    server.port = starttls.port
    server.ssl_port = implicit.port
    return server


@pytest.fixture(scope="session")
def smtp_tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("smtp-tls"))


@pytest.fixture
def smtp_server(smtp_tls_files: TlsFiles) -> Iterator[SmtpServer]:
    """A real SMTP server (STARTTLS on ``port``, implicit TLS on ``ssl_port``, AUTH required)."""
    server = start_smtp_server(smtp_tls_files)
    try:
        yield server
    finally:
        server.stop()
