"""Sending through the outbox and the `send` / `outbox` commands (real aiosmtpd server)."""

from __future__ import annotations

import base64
import datetime as dt
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.mail import Mailbox, Outbox
from desktop.secrets import MAILBOX_PASSWORD, set_secret
from desktop.sync import compose, mime, outbox, smtp

REPO = Path(__file__).resolve().parents[2]


def add_mailbox(server, security="starttls", password=None, **extra) -> Mailbox:
    box = Mailbox.create(
        name="Práce",
        import_from=dt.date.today(),
        sender_name="Jana Nováková",
        **server.mailbox_fields(security),
        **extra,
    )
    set_secret(MAILBOX_PASSWORD, box.id, password or server.password)
    return box


def run_cli(profile_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def send_args(box_id: int, subject: str, body: Path, *extra: str, to: str = "a@example.cz"):
    """The `send` command line for one message (global options go before it)."""
    return ["send", "--account", str(box_id), "--to", to, "--subject", subject,
            "--body-file", str(body), *extra]  # fmt: skip


def kill_send_at_smtp_greeting(profile_dir: Path, box: Mailbox, tmp_path: Path, subject: str):
    """Run `send` against an SMTP port that accepts but never greets, and SIGKILL the
    process there: it has queued the message and claimed it ("sending"), nothing more.
    The mailbox is left pointing at the silent port; callers restore the real one."""
    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never greets
    silent.settimeout(30)
    Mailbox.update(smtp_port=silent.getsockname()[1]).where(Mailbox.id == box.id).execute()
    body = tmp_path / "body.txt"
    body.write_text("Dobrý den", encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "main.py"),
            "--profile",
            str(profile_dir),
            *send_args(box.id, subject, body),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        conn, _ = silent.accept()  # the CLI has queued and is now waiting for the greeting
        proc.kill()
        proc.wait(timeout=30)
        conn.close()
    finally:
        silent.close()
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_outbox_sends_once(profile, smtp_server, security):
    box = add_mailbox(smtp_server, security)
    msg = compose.build_message(
        box, to="petr@example.cz", bcc="skryty@example.cz", subject="Ahoj", text="Zkouška"
    )
    row = outbox.queue_message(box, msg)
    assert Outbox.get_by_id(row.id).state == "queued"
    [done] = outbox.send_pending(box.id)
    assert (done.state, done.attempts, done.error) == ("sent", 1, None)
    [got] = smtp_server.messages
    assert got.rcpt_tos == ["petr@example.cz", "skryty@example.cz"]
    assert got.login == smtp_server.user
    assert b"skryty" not in got.raw
    assert mime.parse(got.raw).message_id == row.message_id
    assert outbox.send_pending(box.id) == []  # nothing left: never twice
    assert len(smtp_server.messages) == 1


def test_failure_keeps_message_and_retry_sends_once(profile, smtp_server):
    box = add_mailbox(smtp_server)
    smtp_server.fail_data = "451 4.3.0 Mailbox temporarily full, try later"
    row = outbox.queue_message(box, compose.build_message(box, to="a@example.cz", text="x"))
    [failed] = outbox.send_pending(box.id)
    assert failed.state == "failed" and failed.attempts == 1
    assert "451 4.3.0 Mailbox temporarily full, try later" in failed.error
    assert smtp_server.messages == []
    outbox.retry(row.id)
    [sent] = outbox.send_pending(box.id)
    assert (sent.state, sent.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1


def test_exception_between_claim_and_send(profile, smtp_server, monkeypatch):
    """Dying after the row is claimed: kept, never resent blindly, sent once on Retry."""
    box = add_mailbox(smtp_server)
    row = outbox.queue_message(box, compose.build_message(box, to="a@example.cz", text="x"))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # not a HolubError: like the process dying mid-send

    monkeypatch.setattr(smtp, "send_raw", crash)
    with pytest.raises(KeyboardInterrupt):
        outbox.send_pending(box.id)
    assert Outbox.get_by_id(row.id).state == "sending"  # stored, claimed, not sent
    monkeypatch.undo()
    # No IMAP side to check Sent on: Holub will not guess, it asks for a Retry.
    [checked] = outbox.send_pending(box.id)
    assert checked.state == "failed" and "cannot check the Sent folder" in checked.error
    assert smtp_server.messages == []
    outbox.retry(row.id)
    [sent] = outbox.send_pending(box.id)
    assert sent.state == "sent"
    assert len(smtp_server.messages) == 1


def test_sigkill_mid_send_keeps_the_message(profile, smtp_server, tmp_path):
    """SIGKILL of a real `send` process while it talks to the server: the row survives."""
    box = add_mailbox(smtp_server)
    real_port = box.smtp_port
    kill_send_at_smtp_greeting(profile.root, box, tmp_path, "Zabitý")
    [row] = Outbox.select()
    assert row.state == "sending" and row.attempts == 1
    Mailbox.update(smtp_port=real_port).where(Mailbox.id == box.id).execute()
    outbox.retry(row.id)
    [checked] = outbox.send_pending(box.id)
    assert checked.state == "failed"  # cannot check Sent here (no IMAP): asks for Retry
    outbox.retry(row.id)
    [sent] = outbox.send_pending(box.id)
    assert sent.state == "sent" and sent.attempts == 2
    assert [mime.parse(m.raw).subject for m in smtp_server.messages] == ["Zabitý"]


def test_cli_send_with_czech_attachment(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server, "ssl", signature_html="<i>Jana</i>")
    body = tmp_path / "body.html"
    body.write_text("<p>Dobrý den, <b>posílám</b> smlouvu.</p>", encoding="utf-8")
    att = tmp_path / "Smlouva – Dvořák.pdf"
    att.write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    proc = run_cli(
        profile.root,
        "send",
        "--account",
        str(box.id),
        "--to",
        "Petr Dvořák <petr@example.cz>",
        "--cc",
        "eva@example.cz",
        "--subject",
        "Smlouva č. 12 – podpis",
        "--body-file",
        str(body),
        "--html",
        "--attach",
        str(att),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Sent: outbox 1 <")
    [got] = smtp_server.messages
    parsed = mime.parse(got.raw)
    assert parsed.subject == "Smlouva č. 12 – podpis"
    assert parsed.to == [("Petr Dvořák", "petr@example.cz")]
    assert parsed.from_name == "Jana Nováková"
    assert (
        "posílám smlouvu" in parsed.text and "Jana" in parsed.text
    )  # text alternative + signature
    assert "<b>posílám</b>" in parsed.html
    [a] = parsed.attachments
    assert (a.filename, a.content_type, a.size) == ("Smlouva – Dvořák.pdf", "application/pdf", 265)
    lines = run_cli(profile.root, "outbox", "list").stdout.splitlines()
    assert lines[0].startswith("1\tsent\t1\tpetr@example.cz, eva@example.cz\tSmlouva č. 12")


def test_cli_wrong_password_one_line_then_retry(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server, password="spatne-heslo")
    body = tmp_path / "b.txt"
    body.write_text("x", encoding="utf-8")
    proc = run_cli(profile.root, *send_args(box.id, "S", body))
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert line.startswith("holub: The SMTP server refused the login for jana@example.test: 535")
    assert "outbox retry 1" in line
    assert "Traceback" not in proc.stderr
    set_secret(MAILBOX_PASSWORD, box.id, smtp_server.password)
    retry = run_cli(profile.root, "outbox", "retry", "1")
    assert retry.returncode == 0, retry.stderr
    assert len(smtp_server.messages) == 1
    again = run_cli(profile.root, "outbox", "retry", "1")
    assert again.returncode == 1 and "already sent" in again.stderr
    assert len(smtp_server.messages) == 1


def test_cli_refused_recipient_uses_server_words(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server)
    smtp_server.refuse_recipients.add("nikdo@example.cz")
    body = tmp_path / "b.txt"
    body.write_text("x", encoding="utf-8")
    proc = run_cli(profile.root, *send_args(box.id, "S", body, to="nikdo@example.cz"))
    assert proc.returncode == 1
    assert (
        "nikdo@example.cz: 550 5.1.1 <nikdo@example.cz>: Recipient address rejected" in proc.stderr
    )
    assert len(proc.stderr.splitlines()) == 1


def test_cli_bad_input(profile, tmp_path):
    proc = run_cli(
        profile.root, "send", "--account", "99", "--to", "a@b.cz", "--body-file", "nope.txt"
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "holub: There is no mailbox with id 99 (see: account list)."


def test_no_password_in_store_or_logs(profile, smtp_server, tmp_path):
    box = add_mailbox(smtp_server)
    body = tmp_path / "b.txt"
    body.write_text("x", encoding="utf-8")
    proc = run_cli(profile.root, "--verbose", *send_args(box.id, "S", body))
    assert proc.returncode == 0, proc.stderr
    secret = smtp_server.password
    plain_token = base64.b64encode(f"\0{smtp_server.user}\0{secret}".encode()).decode()
    for name in ("holub.sqlite3", "holub.sqlite3-wal"):
        path = profile.root / name
        if path.exists():
            data = path.read_bytes()
            assert secret.encode() not in data and plain_token.encode() not in data
    assert secret not in proc.stderr + proc.stdout and plain_token not in proc.stderr
