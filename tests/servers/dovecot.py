"""pytest plugin: a real Dovecot (Debian's dovecot-imapd) for integration tests.

One private Dovecot per test session (per xdist worker) on free loopback ports:
IMAPS with a throwaway self-signed certificate (SAN IP:127.0.0.1, DNS:localhost)
and plain IMAP that offers STARTTLS. Users come from a passwd-file that tests
extend at will (``dovecot.new_user()``), so every test gets its own mailbox and
tests stay isolated without restarting the server. Mail is delivered with IMAP
APPEND as the user (fast, and Dovecot keeps its indexes right); ``doveadm``
is available for what a client cannot do (changing UIDVALIDITY).
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

MAIL_UID = 65534  # nobody: Dovecot refuses to run mail processes as root
MAIL_GID = 65534
POOL_SIZE = 300


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the parent (the test process) dies."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DovecotUser:
    name: str
    password: str
    email: str


class DovecotServer:
    host = "127.0.0.1"

    def __init__(self, root: Path, auth_mechanisms: str = "plain login") -> None:
        self.root = root
        # SASL mechanisms offered; e.g. "login" alone makes Dovecot refuse AUTHENTICATE
        # PLAIN and the LOGIN command (LOGINDISABLED), leaving AUTHENTICATE LOGIN.
        self.auth_mechanisms = auth_mechanisms
        self.imaps_port = free_port()
        self.imap_port = free_port()
        self.cafile = root / "cert.pem"
        self.keyfile = root / "key.pem"
        self.passwd = root / "passwd"
        self.config = root / "dovecot.conf"
        suffix = "" if auth_mechanisms == "plain login" else "-" + auth_mechanisms.replace(" ", "-")
        self.instance = f"holub-test-{os.getpid()}{suffix}"
        self._counter = itertools.count(1)

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> None:
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        (self.root / "home").chmod(0o777)
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                str(self.keyfile),
                "-out",
                str(self.cafile),
            ],
            check=True,
            capture_output=True,
        )
        self.keyfile.chmod(0o600)
        # Dovecot re-reads the passwd-file only when its mtime changes (in whole
        # seconds), so users are created up front and handed out by new_user().
        self._pool = [
            DovecotUser(f"user{i}", "pw-" + secrets.token_hex(8), f"user{i}@example.test")
            for i in range(1, POOL_SIZE + 1)
        ]
        self.passwd.write_text(
            "".join(f"{u.name}:{{PLAIN}}{u.password}::::::\n" for u in self._pool)
        )
        self.config.write_text(self._config_text())
        # In the foreground, as our child, told to stop when this process dies (even
        # by SIGKILL): an interrupted test run leaves no Dovecot behind.
        self._log = open(self.root / "start.log", "wb")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.config)],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self._process.poll() is None:
            try:
                with socket.create_connection((self.host, self.imaps_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(
            f"Dovecot did not start; see {self.root / 'start.log'} and {self.root / 'dovecot.log'}"
        )

    def stop(self) -> None:
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if getattr(self, "_log", None) is not None:
            self._log.close()

    def _config_text(self) -> str:
        d = self.root
        return f"""
base_dir = {d}/run
state_dir = {d}/state
instance_name = {self.instance}
protocols = imap
listen = 127.0.0.1
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{self.cafile}
ssl_key = <{self.keyfile}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = {self.auth_mechanisms}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={MAIL_UID} gid={MAIL_GID} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
mail_plugins =
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service imap {{
  process_limit = 64
}}
# Tests log in with wrong passwords on purpose; Dovecot's per-IP penalty would then
# delay every later login from 127.0.0.1 (2, 4, 8 … 15 s) and turn unrelated tests slow
# and flaky. The failure reply itself needs no 2 s delay here either.
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

    # -- users and mail --------------------------------------------------------------

    def new_user(self) -> DovecotUser:
        """A fresh user with an empty mailbox (INBOX, Sent, Drafts)."""
        index = next(self._counter)
        if index > len(self._pool):
            raise RuntimeError("out of test users: raise POOL_SIZE in tests/servers/dovecot.py")
        return self._pool[index - 1]

    @property
    def fingerprint(self) -> str:
        from desktop.sync.net import certificate_fingerprint

        der = ssl.PEM_cert_to_DER_cert(self.cafile.read_text())
        return certificate_fingerprint(der)

    def client(self, user: DovecotUser):
        """An imapclient connection as ``user`` (the test's side, for delivering mail)."""
        import imapclient

        context = ssl.create_default_context(cafile=str(self.cafile))
        client = imapclient.IMAPClient(
            self.host, port=self.imaps_port, ssl=True, ssl_context=context, timeout=10
        )
        client.login(user.name, user.password)
        return client

    def deliver(
        self,
        user: DovecotUser,
        messages: Iterable[bytes],
        folder: str = "INBOX",
        *,
        flags: Sequence[str] = (),
        date: datetime | None = None,
    ) -> int:
        """APPEND raw messages to the user's folder (created if missing); returns the count."""
        client = self.client(user)
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            count = 0
            for raw in messages:
                client.append(folder, raw, flags=tuple(flags), msg_time=date)
                count += 1
            return count
        finally:
            client.logout()

    def doveadm(self, *args: str) -> str:
        result = subprocess.run(
            ["doveadm", "-c", str(self.config), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout

    def set_uidvalidity(self, user: DovecotUser, folder: str, value: int) -> None:
        self.doveadm("mailbox", "update", "-u", user.name, "--uid-validity", str(value), folder)

    def add_flags(self, user: DovecotUser, folder: str, uid: int, *flags: str) -> None:
        self.doveadm(
            "flags", "add", "-u", user.name, " ".join(flags), "mailbox", folder, "uid", str(uid)
        )


def make_message(
    index: int,
    *,
    sender: str = "alice@example.org",
    to: str = "bob@example.test",
    subject: str | None = None,
    date: str = "Fri, 27 Nov 2026 10:00:00 +0000",
    body: str | None = None,
) -> bytes:
    """A small, valid RFC 5322 message with a unique Message-ID."""
    subject = subject if subject is not None else f"Message {index}"
    body = body if body is not None else f"Hello, this is message number {index}.\r\n"
    return (
        f"From: Alice <{sender}>\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"Message-ID: <m{index}.{secrets.token_hex(4)}@example.org>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}"
    ).encode()


@pytest.fixture(scope="session")
def dovecot():
    """The session's Dovecot; use ``dovecot.new_user()`` for an isolated mailbox."""
    if shutil.which("dovecot") is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="holub-dovecot-"))
    server = DovecotServer(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dovecot_user(dovecot: DovecotServer) -> DovecotUser:
    return dovecot.new_user()
