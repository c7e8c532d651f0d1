"""Checks shared by the sanitiser, CLI and reader tests: is this HTML inert?"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

HOSTILE_DIR = Path(__file__).resolve().parent / "data" / "hostile"
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "meta",
    "base",
    "link",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "picture",
    "isindex",
    "param",
}
NETWORK = re.compile(r"(https?:|//[a-z0-9])", re.I)
CODE = re.compile(r"(javascript:|vbscript:|expression\s*\(|-moz-binding|behaviou?r\s*:)", re.I)


def _holub_meta(attrs: dict) -> bool:
    if set(attrs) == {"charset"}:
        return True
    equiv = (attrs.get("http-equiv") or "").lower()
    return set(attrs) == {"http-equiv", "content"} and equiv in (
        "content-security-policy",
        "x-dns-prefetch-control",
    )


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and _holub_meta(dict(attrs)):
            return  # the reader's own head: charset, CSP, dns-prefetch off
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"tag <{tag}>")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if CODE.search(value):
                self.problems.append(f"code in {tag}[{name}]={value!r}")
            if name == "href" and tag == "a":
                if not re.match(r"^(https?:|mailto:)", value, re.I):
                    self.problems.append(f"bad link {value!r}")
                continue
            if name == "style":
                self.css.append(value)
            elif NETWORK.search(value) and name != "title":
                self.problems.append(f"network URL in <{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def problems(html: str, *, allow_remote: bool = False) -> list[str]:
    """What in ``html`` could run code or (before consent) fetch from the network."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    found = list(collector.problems)
    for css in collector.css:
        if CODE.search(css):
            found.append(f"code in CSS {css!r}")
        if not allow_remote and re.search(
            r"(https?:|url\(\s*['\"]?\s*//|@import\s*['\"])", css, re.I
        ):
            found.append(f"network URL in CSS {css!r}")
        if re.search(r"url\(\s*['\"]?\s*(javascript|vbscript|data:(?!image/))", css, re.I):
            found.append(f"bad URL in CSS {css!r}")
    if allow_remote:
        found = [p for p in found if not p.startswith("network URL")]
    return found


def corpus() -> list[Path]:
    return sorted(HOSTILE_DIR.glob("*.html"))


def store_raw(raws: list[bytes], *, email: str = "petra@vlastovka-studio.cz") -> list[int]:
    """Store raw messages through the real import path (store_batch); their store ids."""
    from datetime import date

    from desktop.models.mail import KIND_LOCAL, ROLE_LOCAL, Folder, Mailbox
    from desktop.sync.store import FetchedMessage, store_batch

    mailbox = Mailbox.create(
        name="Test", kind=KIND_LOCAL, email=email, import_from=date(2026, 1, 1)
    )
    folder = Folder.create(mailbox=mailbox, remote_name="Imported", role=ROLE_LOCAL)
    items = [FetchedMessage(remote_id=str(i), raw=raw) for i, raw in enumerate(raws, start=1)]
    return store_batch(folder, items).added
