"""`account add|list|verify|remove` against real Dovecot + aiosmtpd, and the error lines.

Expected failures must end with exit code 1 and one plain line, no traceback.
The SMTP server here uses Dovecot's certificate, so one --cafile or one
--trust-fingerprint covers both servers, as for a real provider.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.servers.dovecot import make_message
from tests.servers.proxy import SilentServer
from tests.servers.smtp import TlsFiles, start_smtp_server

REPO = Path(__file__).resolve().parents[2]


def run_cli(profile: Path, *args: str, password: str | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        input=None if password is None else password + "\n",
        env={**os.environ, **(env or {})},
        timeout=60,
    )


@pytest.fixture(scope="module")
def smtp(dovecot):
    tls = TlsFiles(
        cafile=str(dovecot.cafile), certfile=str(dovecot.cafile), keyfile=str(dovecot.keyfile)
    )
    server = start_smtp_server(tls)
    yield server
    server.stop()


@pytest.fixture
def account(dovecot, smtp):
    """A fresh Dovecot user that the SMTP server accepts too."""
    user = dovecot.new_user()
    smtp.user, smtp.password = user.name, user.password
    return user


def add_account(dovecot, smtp):
    """A fresh Dovecot user, the SMTP server taking the same login, and an IMAP mailbox
    for them added through the accounts service (both logins checked) -> (mailbox, user)."""
    from desktop import accounts

    user = dovecot.new_user()
    smtp.user, smtp.password = user.name, user.password
    mailbox = accounts.add_imap_account(
        accounts.ImapSettings(
            name="W",
            email=user.email,
            username=user.name,
            imap_host=dovecot.host,
            imap_port=dovecot.imaps_port,
            smtp_host=smtp.host,
            smtp_port=smtp.port,
            cafile=str(dovecot.cafile),
        ),
        user.password,
    )
    return mailbox, user


def add_args(dovecot, smtp, user, *extra: str, imap_port: int | None = None) -> list[str]:
    return [
        "account",
        "add",
        "--type",
        "imap",
        "--name",
        "Work",
        "--email",
        user.email,
        "--username",
        user.name,
        "--imap-host",
        dovecot.host,
        "--imap-port",
        str(imap_port or dovecot.imaps_port),
        "--smtp-host",
        smtp.host,
        "--smtp-port",
        str(smtp.port),
        "--password-stdin",
        *extra,
    ]


def assert_one_line_error(result, *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("holub: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


def test_add_list_verify_sync_remove(dovecot, smtp, account, tmp_path):
    profile = tmp_path / "p"
    dovecot.deliver(account, [make_message(i) for i in range(3)])
    args = add_args(
        dovecot, smtp, account, "--cafile", str(dovecot.cafile), "--sender-name", "Jana"
    )
    added = run_cli(profile, *args, password=account.password)
    assert added.returncode == 0, added.stderr
    assert "Added account 1" in added.stdout
    assert (account.name, True) in smtp.logins  # R5: SMTP was checked too

    listed = run_cli(profile, "account", "list")
    assert listed.returncode == 0
    assert "Work" in listed.stdout and account.email in listed.stdout
    with sqlite3.connect(profile / "holub.sqlite3") as db:
        row = db.execute(
            "SELECT imap_security, smtp_security, import_from, sender_name FROM mailbox"
        ).fetchone()
    assert row[:2] == ("ssl", "starttls")
    assert row[2] == (date.today() - timedelta(days=7)).isoformat()
    assert row[3] == "Jana"

    assert run_cli(profile, "account", "verify", "1").returncode == 0
    synced = run_cli(profile, "-v", "sync", "--account", "1", "--once")
    assert synced.returncode == 0, synced.stderr

    # No secret in the store, its WAL, the profile's other files, or any output.
    secret = account.password.encode()
    for path in profile.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes(), path
    exported = run_cli(profile, "export", "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == 3
    for result in (added, listed, synced, exported):
        assert account.password not in result.stdout + result.stderr

    removed = run_cli(profile, "account", "remove", "1")
    assert removed.returncode == 0
    assert run_cli(profile, "account", "list").stdout.strip() == ""
    assert_one_line_error(run_cli(profile, "account", "verify", "1"), "no account")
    # The server still has every message (R2).
    client = dovecot.client(account)
    assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 3
    client.logout()


def test_starttls_ports_and_implicit_tls_smtp(dovecot, smtp, account, tmp_path):
    profile = tmp_path / "p"
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    args[args.index("--imap-port") + 1] = str(dovecot.imap_port)
    args[args.index("--smtp-port") + 1] = str(smtp.ssl_port)
    args += ["--imap-security", "starttls", "--smtp-security", "ssl"]
    added = run_cli(profile, *args, password=account.password)
    assert added.returncode == 0, added.stderr


def test_wrong_password(dovecot, smtp, account, tmp_path):
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    line = assert_one_line_error(
        run_cli(tmp_path / "p", *args, password="wrong"), "refused the login", "app password"
    )
    assert account.name in line
    assert (
        not (tmp_path / "p" / "holub.sqlite3").exists()
        or not sqlite3.connect(tmp_path / "p" / "holub.sqlite3")
        .execute("SELECT count(*) FROM mailbox")
        .fetchone()[0]
    )


def test_smtp_login_refused(dovecot, smtp, account, tmp_path):
    smtp.password = "something-else"
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    assert_one_line_error(run_cli(tmp_path / "p", *args, password=account.password), "SMTP")


def test_unknown_host_refused_and_timeout(dovecot, smtp, account, tmp_path):
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    unknown = list(args)
    unknown[unknown.index("--imap-host") + 1] = "no-such-host.invalid"
    assert_one_line_error(run_cli(tmp_path / "a", *unknown, password="x"), "unknown host")

    from tests.servers.dovecot import free_port

    refused = add_args(dovecot, smtp, account, imap_port=free_port())
    assert_one_line_error(run_cli(tmp_path / "b", *refused, password="x"), "refused")

    silent = SilentServer()
    try:
        timeout = add_args(dovecot, smtp, account, imap_port=silent.port)
        result = run_cli(tmp_path / "c", *timeout, password="x", env={"HOLUB_NET_TIMEOUT": "1"})
        assert_one_line_error(result, "timeout")
    finally:
        silent.close()


def test_untrusted_certificate_then_trust_fingerprint(dovecot, smtp, account, tmp_path):
    profile = tmp_path / "p"
    args = add_args(dovecot, smtp, account)
    line = assert_one_line_error(
        run_cli(profile, *args, password=account.password), "not trusted", "--trust-fingerprint"
    )
    assert dovecot.fingerprint in line
    trusted = run_cli(
        profile, *args, "--trust-fingerprint", dovecot.fingerprint, password=account.password
    )
    assert trusted.returncode == 0, trusted.stderr
    dovecot.deliver(account, [make_message(1)])
    synced = run_cli(profile, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert "1 new" in synced.stdout


def test_import_date_rules(dovecot, smtp, account, tmp_path):
    too_early = (date.today() - timedelta(days=8)).isoformat()
    args = add_args(dovecot, smtp, account, "--cafile", str(dovecot.cafile))
    assert_one_line_error(
        run_cli(tmp_path / "p", *args, "--import-from", too_early, password=account.password),
        "7 days",
    )
    ok = (date.today() - timedelta(days=7)).isoformat()
    result = run_cli(tmp_path / "p", *args, "--import-from", ok, password=account.password)
    assert result.returncode == 0, result.stderr
