"""ReaderView on the offscreen platform: the walls, consent, links, text view, broken mail.

Remote images point at a real HTTP server on 127.0.0.1 that counts the requests it
gets, so "no request leaves before consent" is measured, not assumed.
"""

from __future__ import annotations

import threading
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInfo

from desktop.models.mail import Setting
from desktop.render.document import render_document
from desktop.render.message import REMOTE_SENDERS_KEY, load_message
from desktop.ui.reader import register_schemes
from desktop.ui.reader.view import ReaderView, safe_filename
from desktop.ui.reader.web import DOC_SCHEME, RemoteContentInterceptor
from tests.hostile import problems, store_raw

# Schemes must be registered before the session's QApplication exists: this runs at
# collection time, before pytest-qt's qapp fixture creates it.
register_schemes()

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
LINK = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
TYPED = QWebEnginePage.NavigationType.NavigationTypeTyped


class _Counter(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """A local image server recording every request path."""
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()))
    return urls


@pytest.fixture
def reader(qtbot, profile, opened):
    view = ReaderView()
    view.resize(800, 600)
    view.show()
    yield view
    # Delete now (page before profile), not at interpreter exit.
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _mail(
    sender: str,
    subject: str,
    *,
    html: str | None = None,
    text: str = "Hello",
    attachments=(),
    inline=(),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "petra@vlastovka-studio.cz"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 02 Nov 2026 09:00:00 +0100"
    msg["Message-ID"] = f"<{abs(hash((sender, subject)))}@test.example>"
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
        for cid, data in inline:
            msg.get_payload()[1].add_related(data, "image", "png", cid=f"<{cid}>")
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def _newsletter(base: str) -> str:
    return (
        f'<html><head><link rel="dns-prefetch" href="{base}/dns"><style>'
        f".hero{{background:url({base}/css-bg.png)}} @import '{base}/import.css';</style></head>"
        f'<body onload="alert(1)"><div class="hero"><img src="{base}/logo.png" alt="logo">'
        f'<img srcset="{base}/2x.png 2x"><table background="{base}/table.png"><tr><td>Sale</td>'
        f'</tr></table><a href="https://shop.example/buy">Buy</a><script>alert(2)</script>'
        f'<img src="{base}/open.gif?id=1" width=1 height=1></div></body></html>'
    )


def _load(qtbot, reader: ReaderView, action) -> None:
    with qtbot.waitSignal(reader.page().loadFinished, timeout=15000):
        action()


def _page_html(qtbot, reader: ReaderView) -> str:
    out: list[str] = []
    reader.page().toHtml(out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    return out[0]


def test_interceptor_policy():
    kind = QWebEngineUrlRequestInfo.ResourceType
    image, font, css = (
        kind.ResourceTypeImage,
        kind.ResourceTypeFontResource,
        kind.ResourceTypeStylesheet,
    )
    interceptor = RemoteContentInterceptor()
    for url in ("holub-msg:1?mode=html", "holub-cid:1/logo%40x", "data:image/png;base64,AA=="):
        assert interceptor.allows(QUrl(url), image)
    assert interceptor.allows(QUrl("holub-msg:1?mode=html"), kind.ResourceTypeMainFrame)
    for url in (
        "https://a.example/x.png",
        "http://127.0.0.1/x",
        "ftp://a.example/",
        "file:///etc/passwd",
        "holub-remote:https%3A%2F%2Fa.example",
        "ws://a.example/",
    ):
        assert not interceptor.allows(QUrl(url), image)
    interceptor.remote_allowed = True
    assert interceptor.allows(QUrl("https://a.example/x.png"), image)
    assert interceptor.allows(QUrl("http://127.0.0.1/x"), image)
    assert interceptor.allows(QUrl("https://a.example/f.woff2"), font)
    # Consent is for images and fonts: never stylesheets, frames, scripts, media, XHR.
    for other in (
        css,
        kind.ResourceTypeMainFrame,
        kind.ResourceTypeSubFrame,
        kind.ResourceTypeScript,
        kind.ResourceTypeMedia,
        kind.ResourceTypeXhr,
        kind.ResourceTypePrefetch,
        kind.ResourceTypeObject,
    ):
        assert not interceptor.allows(QUrl("https://a.example/x"), other), other
    for url in ("file:///etc/passwd", "ftp://a.example/", "ws://a.example/"):
        assert not interceptor.allows(QUrl(url), image)


def test_page_and_profile_are_hardened(reader):
    from PySide6.QtWebEngineCore import QWebEngineSettings

    attr = QWebEngineSettings.WebAttribute
    settings = reader.page().settings()
    for name in (
        "JavascriptEnabled",
        "PluginsEnabled",
        "LocalContentCanAccessRemoteUrls",
        "LocalContentCanAccessFileUrls",
        "DnsPrefetchEnabled",
        "HyperlinkAuditingEnabled",
        "JavascriptCanOpenWindows",
        "LocalStorageEnabled",
        "WebGLEnabled",
    ):
        assert settings.testAttribute(getattr(attr, name)) is False, name
    assert reader.page().profile().isOffTheRecord()


def test_interceptor_stops_what_slips_past_the_sanitiser(qtbot, reader, web_server):
    """Unsanitised HTML loaded straight into the page: the interceptor is the only wall."""
    base, hits = web_server
    url = QUrl(f"{DOC_SCHEME}:999?raw=1")
    reader.scheme_handler.documents[url.toString()] = (
        f'<title>t</title><img src="{base}/slipped.png"><link rel=stylesheet href="{base}/s.css">'
        f"<style>@import url({base}/imported.css);</style>"
        "<script>document.title = 'script ran'</script>"
    ).encode()
    _load(qtbot, reader, lambda: reader.page().load(url))
    assert reader.page().title() == "t"  # JavaScript is off even for unsanitised HTML
    assert hits == []
    assert f"{base}/slipped.png" in reader.interceptor.blocked
    reader.interceptor.remote_allowed = True
    _load(qtbot, reader, lambda: reader.page().load(url))
    assert "/slipped.png" in hits
    # Consent opens images and fonts only: external stylesheets stay out.
    assert "/s.css" not in hits and "/imported.css" not in hits
    assert f"{base}/s.css" in reader.interceptor.blocked


def test_newsletter_is_inert_before_consent(qtbot, reader, web_server):
    base, hits = web_server
    (msg_id,) = store_raw([_mail("News <news@shop.example>", "Sale", html=_newsletter(base))])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    html = _page_html(qtbot, reader)
    assert problems(html) == []
    assert base not in html.replace("holub-remote:", "")  # only as inert placeholders
    assert "Sale" in html and "<script" not in html.lower()
    assert hits == []
    assert reader.remote_bar.isVisible()
    assert reader.document is not None and len(reader.document.remote_urls) == 5
    # What the page loaded is what `holub show --html` prints, less the header block
    # (the reader shows the headers as its own widgets).
    loaded = next(iter(reader.scheme_handler.documents.values())).decode()
    assert loaded == render_document(load_message(msg_id), mode="html", headers=False).html


def test_remote_consent_loads_this_message_only(qtbot, reader, web_server):
    base, hits = web_server
    ids = store_raw(
        [
            _mail("News <news@shop.example>", "One", html=_newsletter(base)),
            _mail("News <news@shop.example>", "Two", html=_newsletter(base)),
        ]
    )
    _load(qtbot, reader, lambda: reader.show_message(ids[0]))
    assert hits == []
    _load(qtbot, reader, reader.load_remote_button.click)
    assert "/logo.png" in hits and "/css-bg.png" in hits
    assert "/import.css" not in hits and "/dns" not in hits  # never, even after consent
    assert not reader.remote_bar.isVisible()
    assert problems(_page_html(qtbot, reader), allow_remote=True) == []
    hits.clear()
    _load(qtbot, reader, lambda: reader.show_message(ids[1]))  # another message: blocked again
    assert hits == []
    assert reader.remote_bar.isVisible()


def test_always_for_this_sender(qtbot, reader, web_server):
    base, hits = web_server
    ids = store_raw(
        [
            _mail("News <News@Shop.example>", "One", html=_newsletter(base)),
            _mail("News <news@shop.example>", "Two", html=_newsletter(base)),
            _mail("Other <other@else.example>", "Three", html=_newsletter(base)),
        ]
    )
    _load(qtbot, reader, lambda: reader.show_message(ids[0]))
    _load(qtbot, reader, reader.always_button.click)
    assert Setting.get(Setting.key == REMOTE_SENDERS_KEY).value == ["news@shop.example"]
    hits.clear()
    _load(qtbot, reader, lambda: reader.show_message(ids[1]))
    assert not reader.remote_bar.isVisible() and "/logo.png" in hits
    hits.clear()
    _load(qtbot, reader, lambda: reader.show_message(ids[2]))
    assert reader.remote_bar.isVisible() and hits == []


def test_links_open_in_the_browser_only_when_clicked(qtbot, reader, opened):
    html = '<a href="https://real.example/pay" title="Your bank">https://bank.example</a>'
    (msg_id,) = store_raw([_mail("A <a@b.example>", "Link", html=html)])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    assert opened == []  # nothing opened by showing the message
    assert 'title="Your bank — https://real.example/pay"' in _page_html(qtbot, reader)
    page = reader.page()
    assert page.acceptNavigationRequest(QUrl("https://real.example/pay"), LINK, True) is False
    assert opened == ["https://real.example/pay"]
    # Typed/redirect navigations (meta refresh, forms) neither navigate nor open anything.
    assert page.acceptNavigationRequest(QUrl("https://evil.example/"), TYPED, True) is False
    assert page.acceptNavigationRequest(QUrl("javascript:alert(1)"), LINK, True) is False
    assert page.acceptNavigationRequest(QUrl("file:///etc/passwd"), LINK, True) is False
    assert opened == ["https://real.example/pay"]
    page.linkHovered.emit("https://real.example/pay")
    assert reader.hover_label.text() == "https://real.example/pay"


def test_plain_text_toggle(qtbot, reader):
    (msg_id,) = store_raw(
        [
            _mail(
                "A <a@b.example>",
                "Both",
                html="<p><b>Rich</b> body</p>",
                text="Plain body, see https://www.example.com/page",
            )
        ]
    )
    assert reader.plain_button.isHidden()  # an empty reader offers no plain text
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    assert not reader.plain_button.isHidden()
    assert "<b>Rich</b>" in _page_html(qtbot, reader)
    _load(qtbot, reader, reader.plain_button.click)
    html = _page_html(qtbot, reader)
    assert reader.document.mode == "text" and "holub-plain" in html
    assert 'href="https://www.example.com/page"' in html and "<b>Rich</b>" not in html
    _load(qtbot, reader, reader.plain_button.click)
    assert reader.document.mode == "html"


def test_broken_message_shows_raw_source(qtbot, reader):
    raw = (
        b"From: Broken <b@broken.example>\nSubject: empty\n"
        b'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\n--b1--\n'
    )
    (msg_id,) = store_raw([raw])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    html = _page_html(qtbot, reader)
    assert "could not be read" in html and "boundary=" in html
    assert reader.document.mode == "raw"


def test_missing_message_clears_the_reader(qtbot, reader):
    _load(qtbot, reader, lambda: reader.show_message(12345))
    assert reader.document is None and not reader.remote_bar.isVisible()


def test_cid_image_served_from_store_and_attachments(qtbot, reader, opened, tmp_path: Path):
    pdf = b"%PDF-1.4 tiny"
    raw = _mail(
        "A <a@b.example>",
        "Files",
        html='<p>Logo: <img src="cid:logo@b.example"></p>',
        inline=[("logo@b.example", PNG)],
        attachments=[
            ("../../evil name?.pdf", "application/pdf", pdf),
            ("data.csv", "text/csv", b"a;b\n"),
            ("setup.exe", "application/octet-stream", b"MZ"),
        ],
    )
    (msg_id,) = store_raw([raw])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    assert f"holub-cid:{msg_id}/logo%40b.example" in reader.scheme_handler.served
    # Another message's parts are not served to this page.
    assert reader.scheme_handler._cid(QUrl(f"holub-cid:{msg_id + 1}/logo%40b.example"))[0] is None
    assert reader.scheme_handler._cid(QUrl(f"holub-cid:{msg_id}/logo%40b.example"))[0] == PNG
    assert reader.interceptor.blocked == []
    names = [att.filename for att, _, _ in reader.attachment_rows]
    assert names == ["../../evil name?.pdf", "data.csv", "setup.exe"]  # not the shown logo
    assert [o.isEnabled() for _, _, o in reader.attachment_rows] == [True, True, False]
    assert opened == []  # listed, never opened by itself
    att = reader.attachment_rows[0][0]
    saved = reader.save_attachment(att, tmp_path / "out.pdf")
    assert saved.read_bytes() == pdf
    reader.attachment_rows[0][2].click()  # Open
    assert len(opened) == 1 and opened[0].startswith("file://")
    path = Path(QUrl(opened[0]).toLocalFile())
    assert path.name == safe_filename("../../evil name?.pdf") == "evil name_.pdf"
    assert path.read_bytes() == pdf


def test_hostile_message_does_not_navigate_or_run(qtbot, reader, opened):
    html = (
        '<meta http-equiv="refresh" content="0;url=https://phish.example/">'
        '<base href="https://phish.example/"><form action="https://phish.example/s">'
        '<input name=p></form><iframe src="https://phish.example/f"></iframe>'
        '<svg onload="alert(1)"><script>alert(2)</script></svg><p>text</p>'
    )
    (msg_id,) = store_raw([_mail("X <x@phish.example>", "Phish", html=html)])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    assert reader.page().url().scheme() == DOC_SCHEME
    page_html = _page_html(qtbot, reader)
    assert problems(page_html) == []
    assert "phish.example/" not in page_html.replace("holub-remote:", "")
    assert opened == []


def test_refresh_after_read_flag_does_not_reload(qtbot, reader):
    from desktop.models.mail import Message

    (msg_id,) = store_raw([_mail("A <a@b.example>", "Flag", html="<p>x</p>")])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    serial = reader._serial
    Message.update(seen=True).where(Message.id == msg_id).execute()
    reader.refresh()
    assert reader._serial == serial  # nothing to re-render
    reader.clear_message()
    assert reader.message is None


def test_hostile_corpus_sends_nothing_to_the_network(qtbot, reader):
    """Every corpus file as a message: sanitiser + CSP leave the interceptor nothing to stop."""
    from tests.hostile import corpus

    files = corpus()
    ids = store_raw([_mail("X <x@hostile.example>", p.stem, html=p.read_text()) for p in files])
    for path, msg_id in zip(files, ids, strict=True):
        _load(qtbot, reader, lambda m=msg_id: reader.show_message(m))
        network = [u for u in reader.interceptor.blocked if not u.startswith("holub-")]
        assert network == [], path.name
        assert reader.interceptor.passed == [] or all(
            u.startswith(("holub-msg:", "holub-cid:")) for u in reader.interceptor.passed
        ), path.name
        assert reader.page().url().scheme() == DOC_SCHEME, path.name
        assert problems(_page_html(qtbot, reader)) == [], path.name


def test_release_deletes_the_page_before_the_profile(qtbot, reader):
    import shiboken6

    page = reader.page()
    reader.release()
    assert not shiboken6.isValid(page)
    reader.show_message(None)  # harmless after release


def test_random_soup_sanitised_is_inert_in_the_browser(qtbot, reader):
    """The browser's own parse of sanitised soup (no CSP, interceptor watching)."""
    import random

    from desktop.render.sanitize import sanitize

    tokens = [
        "<",
        ">",
        "/",
        "=",
        '"',
        "'",
        " ",
        "\n",
        "script",
        "img",
        "a",
        "style",
        "svg",
        "table",
        "td",
        "src",
        "href",
        "srcset",
        "background",
        "onerror",
        "http://127.0.0.1:9/x",
        "//127.0.0.1:9/y",
        "url(",
        ")",
        "javascript:",
        "jav&#x61;script:",
        "<!--",
        "-->",
        "\\",
        "@import ",
        "{",
        "}",
        "<![CDATA[",
        "]]>",
        "&quot;",
        "&lt;",
        "<select>",
        "<textarea>",
    ]
    rng = random.Random(99)
    parts = []
    for _ in range(400):
        soup = "".join(rng.choice(tokens) for _ in range(rng.randint(5, 50)))
        parts.append(f"<div>{sanitize(soup).html}</div>")
    url = QUrl(f"{DOC_SCHEME}:998?soup=1")
    reader.scheme_handler.documents[url.toString()] = ("".join(parts)).encode()
    _load(qtbot, reader, lambda: reader.page().load(url))
    assert [u for u in reader.interceptor.blocked if not u.startswith("holub-")] == []
    assert problems(_page_html(qtbot, reader)) == []


def test_real_click_on_a_link_opens_the_browser(qtbot, reader, opened):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    html = (
        '<a href="https://real.example/clicked" '
        'style="display:block;width:100%;height:3000px">everywhere</a>'
    )
    (msg_id,) = store_raw([_mail("A <a@b.example>", "Click", html=html)])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    target = reader.view.focusProxy()
    qtbot.waitUntil(lambda: target is not None and target.isVisible(), timeout=5000)
    with qtbot.waitSignal(reader.linkHovered, timeout=10000):
        QTest.mouseMove(target, QPoint(200, 300))
    assert reader.hover_label.text() == "https://real.example/clicked"
    assert opened == []  # hovering opens nothing
    with qtbot.waitSignal(reader.page().linkClicked, timeout=10000):
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(200, 300))
    assert opened == ["https://real.example/clicked"]
    assert reader.page().url().scheme() == DOC_SCHEME  # the reader stayed on the message


def test_save_button_asks_where_and_writes_the_file(qtbot, reader, tmp_path: Path):
    from PySide6.QtWidgets import QFileDialog

    raw = _mail("A <a@b.example>", "CSV", attachments=[("ceník.csv", "text/csv", b"a;b\n1;2\n")])
    (msg_id,) = store_raw([raw])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    reader.attachment_rows[0][1].click()  # Save…
    dialog = reader.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()  # non-blocking: open(), not exec()
    target = tmp_path / "saved.csv"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=5000)
    assert target.read_bytes() == b"a;b\n1;2\n"


def test_deleting_readers_mid_load_is_safe(qtbot, profile):
    (msg_id,) = store_raw([_mail("A <a@b.example>", "Bye", html="<p>x</p>")])
    for _ in range(5):
        view = ReaderView()
        view.show()
        view.show_message(msg_id)  # load in flight
        view.page().linkHovered.emit("https://x.example/")
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()  # run whatever WebEngine queued for the dead pages


def test_headers_are_native_widgets_outside_the_mail_document(qtbot, reader):
    """Mail CSS cannot address or cover the real headers: they are not in its document."""
    html = (
        "<style>@scope (html) { table { display:none } } #holub-headers{display:none}"
        "html, body { position: fixed !important; top: 0; z-index: 99 }</style><p>x</p>"
    )
    (msg_id,) = store_raw([_mail("Jan <jan@b.example>", "Invoice <b>42</b>", html=html)])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    loaded = next(iter(reader.scheme_handler.documents.values())).decode()
    assert 'id="holub-headers"' not in loaded and "<table" not in loaded
    assert "Invoice" not in loaded.split("</title>", 1)[1]  # only the title names it
    shown = [(k.text(), v.text()) for k, v in reader.header_labels]
    assert ("From", "Jan <jan@b.example>") in shown
    assert ("Subject", "Invoice <b>42</b>") in shown
    assert all(v.textFormat() == Qt.TextFormat.PlainText for _, v in reader.header_labels)
    assert reader.headers_box.isVisible()
    assert reader.headers_box.geometry().bottom() < reader.view.geometry().top()
    _load(qtbot, reader, lambda: reader.show_message(12345))
    assert not reader.headers_box.isVisible()


def test_escaped_css_fetches_nothing_even_after_consent(qtbot, reader, web_server):
    """Doubled escapes and escaped @import (issue 11, item 5) against a counting server."""
    base, hits = web_server
    host = base.removeprefix("http://")
    html = (
        "<style>"
        rf".a {{ background: u\\72l(\\68ttp\\3a\\2f\\2f {host}/double.png) }}"
        rf'@\\69mport "{base}/double.css";'
        rf'@\69mport "{base}/single.css";'
        rf"@im\port url({base}/z.css);"
        rf"@import url({base}/plain.css);"
        rf'.e {{ background: image-set("{base}/set.png" 1x) }}'
        rf".f {{ background: url/**/({base}/comment.png) }}"
        "</style>"
        rf'<div class="a" style="background: u\\72l(\\68ttp\\3a\\2f\\2f {host}/attr.png)">a</div>'
        f'<p class="e f">x</p><img src="{base}/consented.png">'
    )
    (msg_id,) = store_raw([_mail("X <x@css.example>", "Escapes", html=html)])
    _load(qtbot, reader, lambda: reader.show_message(msg_id))
    assert hits == []
    _load(qtbot, reader, reader.load_remote_button.click)
    qtbot.waitUntil(lambda: "/consented.png" in hits, timeout=10000)
    assert hits == ["/consented.png"], hits


def _dense_html(size: int) -> str:
    row = (
        '<tr><td style="padding:4px;color:#333" class="c"><a href="https://shop.example/p">'
        "Product &amp; co</a> <b>sale</b></td></tr>\n"
    )
    return "<table>" + row * (size // len(row)) + "</table>"


def test_messages_are_rendered_off_the_gui_thread(qtbot, reader):
    """Sanitising a big message happens in a worker: show_message returns at once."""
    import time

    (msg_id,) = store_raw([_mail("Big <big@b.example>", "Big", html=_dense_html(2_000_000))])
    start = time.perf_counter()
    with qtbot.waitSignal(reader.page().loadFinished, timeout=60000):
        reader.show_message(msg_id)
        returned = time.perf_counter() - start
        assert reader.rendering and reader.document is None  # the worker has it
    assert reader.header_labels  # the headers were shown at once
    assert not reader.rendering and reader.document is not None
    assert "sale" in reader.document.html
    assert returned < 2.0, returned


def test_a_stale_render_is_ignored(qtbot, reader):
    """The user moved on before the slow message was ready: the late result is dropped."""
    from PySide6.QtCore import QThreadPool

    slow, quick = store_raw(
        [
            _mail("Big <big@b.example>", "Slow", html=_dense_html(2_000_000)),
            _mail("A <a@b.example>", "Quick", html="<p>quick one</p>"),
        ]
    )
    reader.show_message(slow)
    with qtbot.waitSignal(reader.page().loadFinished, timeout=60000):
        reader.show_message(quick)
    QThreadPool.globalInstance().waitForDone(60000)
    QCoreApplication.processEvents()  # deliver the slow result, if it came late
    assert reader.message.id == quick
    assert "quick one" in reader.document.html
    loaded = next(iter(reader.scheme_handler.documents.values())).decode()
    assert "quick one" in loaded and "sale" not in loaded
    assert reader.page().url().path() == str(quick)
