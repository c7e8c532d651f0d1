"""`holub show` prints what the reader renders (through the real CLI process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.render.document import render_document
from desktop.render.message import find_message, load_message
from tests.hostile import HOSTILE_DIR, problems, store_raw

REPO = Path(__file__).resolve().parents[2]

HTML_MAIL = (
    b"From: Emma Clarke <emma@greenleaf.example>\nTo: Petra <petra@vlastovka-studio.cz>\n"
    b"Subject: Newsletter\nMessage-ID: <news.1@greenleaf.example>\n"
    b"Date: Mon, 02 Nov 2026 09:00:00 +0100\nMIME-Version: 1.0\n"
    b"Content-Type: text/html; charset=utf-8\n\n" + (HOSTILE_DIR / "newsletter.html").read_bytes()
)
TEXT_MAIL = (
    "From: Jan Dvořák <jan@pekarna.example>\nTo: petra@vlastovka-studio.cz\n"
    "Subject: Podklady #1201#\nMessage-ID: <p.1@pekarna.example>\n"
    "Date: Mon, 02 Nov 2026 10:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
    "Dobrý den,\nposílám podklady: https://www.pekarna.example/foto\n"
).encode()
JUNK = (
    b"From: Empty <empty@broken.example>\nSubject: empty\n"
    b'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\n--b1--\n'
)


def run(profile, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile.root), "show", *args],
        capture_output=True,
        timeout=60,
    )


def test_show_html_is_the_readers_document_and_inert(profile):
    (msg_id,) = store_raw([HTML_MAIL])
    result = run(profile, str(msg_id), "--html")
    assert result.returncode == 0, result.stderr
    html = result.stdout.decode()
    assert html == render_document(load_message(msg_id), mode="html").html
    assert problems(html) == []
    assert "holub-remote:" in html and "Big sale" in html


def test_show_text_by_message_id_and_raw(profile):
    ids = store_raw([TEXT_MAIL, JUNK])
    assert find_message("<p.1@pekarna.example>") == ids[0]
    result = run(profile, "<p.1@pekarna.example>", "--text")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "From: Jan Dvořák <jan@pekarna.example>" in out
    assert "Subject: Podklady #1201#" in out
    assert "posílám podklady: https://www.pekarna.example/foto" in out
    raw = run(profile, str(ids[0]), "--raw")
    assert raw.returncode == 0 and raw.stdout == TEXT_MAIL
    junk = run(profile, str(ids[1]))
    assert junk.returncode == 0
    assert b"could not be read" in junk.stdout and b"boundary=" in junk.stdout


def test_show_unknown_message_is_one_line_exit_1(profile):
    result = run(profile, "999")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "holub: no message with id 999"
