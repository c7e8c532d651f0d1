"""The CSS wall measured in the browser: mail CSS cannot hide, move or cover the headers.

`holub show --html` prints the document with Holub's header block inside it (the
reader shows the headers as widgets instead). Each hostile corpus mail is rendered
into that document and laid out by Chromium; a script in an isolated world (the
document's own scripts stay off) reads the header block's computed style and box,
and what is painted over it, and compares them with a harmless mail's.
"""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView

from desktop.render.document import render_document
from desktop.render.message import ReaderMessage
from tests.hostile import corpus

_PROBE = """
(() => {
  const h = document.getElementById('holub-headers');
  if (!h) return JSON.stringify({missing: true});
  const s = getComputedStyle(h), r = h.getBoundingClientRect();
  const cells = Array.from(h.querySelectorAll('th, td')).map(c => {
    const cs = getComputedStyle(c);
    return [c.textContent, cs.color, cs.visibility, cs.fontSize, cs.display,
            getComputedStyle(c, '::before').content, getComputedStyle(c, '::after').content];
  });
  const covered = [];
  for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.2, 0.5, 0.8]) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !h.contains(hit)) covered.push([x, y, hit ? hit.outerHTML.slice(0, 80) : null]);
  }
  return JSON.stringify({
    style: [s.display, s.visibility, s.opacity, s.color, s.backgroundColor, s.position,
            s.transform, s.filter, s.clipPath, s.fontSize],
    box: [r.left, r.top, r.width, r.height], cells, covered,
  });
})()
"""


def _message(html: str) -> ReaderMessage:
    return ReaderMessage(
        id=1,
        message_id="<wall@test>",
        subject="Invoice 2026-11",
        from_name="Jan Dvořák",
        from_addr="jan@pekarna.example",
        to=[["Petra", "petra@vlastovka-studio.cz"]],
        cc=[],
        date=None,
        parse_error=None,
        html=html,
    )


@pytest.fixture
def page(qapp):
    profile = QWebEngineProfile()  # off the record: nothing kept
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.resize(900, 700)
    view.show()
    yield page
    shiboken6.delete(page)  # the page before the view and its profile
    shiboken6.delete(view)
    shiboken6.delete(profile)


def _probe(qtbot, page: QWebEnginePage, html: str) -> dict:
    doc = render_document(_message(html), mode="html").html
    with qtbot.waitSignal(page.loadFinished, timeout=15000):
        page.setHtml(doc, QUrl("holub-msg:1"))
    out: list[str] = []
    page.runJavaScript(_PROBE, QWebEngineScript.ScriptWorldId.ApplicationWorld, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10000)
    return json.loads(out[0])


def test_no_corpus_mail_hides_moves_or_covers_the_headers(qtbot, page):
    baseline = _probe(qtbot, page, "<p>hello</p>")
    assert not baseline.get("missing") and baseline["covered"] == []
    assert baseline["style"][0] == "table" and baseline["style"][1] == "visible"
    for path in corpus():
        seen = _probe(qtbot, page, path.read_text())
        assert seen == baseline, path.name


@pytest.mark.parametrize(
    "css",
    [
        "@scope (html) { #holub-headers { display: none } }",
        'a[title="{"] {} [id=holub-headers] { visibility: hidden }',
        r"#\68olub-headers th { color: transparent !important }",
        "html, body { position: fixed !important; inset: 0; z-index: 2147483647; background: red }",
        "body { transform: translateY(-200px) !important } p { margin-top: -500px }",
        "p { position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; background: red }",
        "@media screen { :root { filter: opacity(0) } }",
        ".a { & #holub-headers { display: none } } @layer x { table { display: none } }",
        '@scope (html) { td::after { content: " (verified sender)" } }',
        "@scope (html) { table { margin-top: -500px !important } }",
        "@scope (:root) { th, td { font-size: 0 !important } }",
        'a[title="{"] {} [id=holub-headers] td { font-size: 0 !important }',
        '@media screen { @scope (html) { td::before { content: "Bank: " } } }',
    ],
)
def test_hostile_css_leaves_the_headers_alone(qtbot, page, css):
    baseline = _probe(qtbot, page, "<p>hello</p>")
    assert _probe(qtbot, page, f"<style>{css}</style><p class=a>hello</p>") == baseline
