"""The reader's document: header block, modes, notices, CSP, and O(1) store reads."""

from __future__ import annotations

from desktop.models.db import database
from desktop.render.document import csp, render_document
from desktop.render.message import ReaderMessage, load_message
from desktop.render.text import linkify, text_to_html
from tests.hostile import problems, store_raw


def _msg(**kw) -> ReaderMessage:
    base = dict(
        id=1,
        message_id="<a@b>",
        subject="Hi <there>",
        from_name="Jan Dvořák",
        from_addr="jan@pekarna.example",
        to=[["Petra", "petra@vlastovka-studio.cz"]],
        cc=[],
        date=None,
        parse_error=None,
    )
    base.update(kw)
    return ReaderMessage(**base)


def test_headers_escaped_and_present():
    doc = render_document(_msg(text="body"))
    assert '<th scope="row">From</th><td>Jan Dvořák &lt;jan@pekarna.example&gt;</td>' in doc.html
    assert "Hi &lt;there&gt;" in doc.html and "<there>" not in doc.html
    assert "Cc" not in doc.html  # empty Cc left out
    assert '<meta http-equiv="x-dns-prefetch-control" content="off">' in doc.html
    assert problems(doc.html) == []


def test_html_falls_back_to_text_then_raw():
    assert render_document(_msg(html="<p>x</p>", text="x")).mode == "html"
    assert render_document(_msg(text="only text")).mode == "text"
    doc = render_document(_msg(raw=b"Subject: x\n\n"))
    assert doc.mode == "raw" and "could not be read" in doc.notice
    assert render_document(_msg()).notice == "This message has no content stored."


def test_partly_unreadable_message_keeps_body_with_notice():
    doc = render_document(_msg(text="still here", parse_error="date: cannot read"))
    assert doc.mode == "text" and "still here" in doc.html
    assert doc.notice == "Parts of this message could not be read."


def test_translated_labels_and_notices():
    doc = render_document(_msg(), labels={"from": "Od"}, notices={"nothing": "Nic tu není."})
    assert ">Od</th>" in doc.html and "Nic tu není." in doc.html


def test_csp_walls():
    before, after = csp(False), csp(True)
    assert "script-src 'none'" in before and "script-src 'none'" in after
    assert "http" not in before
    assert "img-src holub-cid: data: https: http:" in after
    # External stylesheets are never loaded, before or after consent.
    assert "style-src 'unsafe-inline';" in before and "style-src 'unsafe-inline';" in after


def test_linkify():
    html = linkify("see www.example.com/a, or mail jan@pekarna.example <b>")
    assert '<a href="https://www.example.com/a" title="https://www.example.com/a"' in html
    assert 'href="mailto:jan@pekarna.example"' in html and "&lt;b&gt;" in html
    assert '<span class="holub-quote">&gt; quoted</span>' in text_to_html("> quoted")


def test_load_message_is_three_queries_whatever_the_folder_size(profile):
    raws = [
        f"From: a@b.example\nSubject: n{i}\nMessage-ID: <n{i}@x>\n\nbody {i}\n".encode()
        for i in range(300)
    ]
    ids = store_raw(raws)
    queries: list[str] = []
    database.connection().set_trace_callback(queries.append)
    try:
        message = load_message(ids[150])
    finally:
        database.connection().set_trace_callback(None)
    assert message is not None and message.text.strip() == "body 150"
    assert len(queries) == 3


def test_render_and_cli_import_no_qt():
    import subprocess
    import sys

    code = (
        "import sys, desktop.render.document, desktop.render.sanitize, desktop.cli.show;"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_bidi_overrides_stripped_from_headers():
    doc = render_document(_msg(from_name="Bank\u202e moc.live", subject="Pay\u2066 now", text="x"))
    assert "\u202e" not in doc.html and "\u2066" not in doc.html
    assert "Bank moc.live &lt;jan@pekarna.example&gt;" in doc.html
