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
        self.styles: list[str] = []  # <style> element texts only
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
            self.styles.append(data)


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


_SCOPE = "holub-body"
_GROUP_RULES = {"media", "supports", "container"}


def _holub_names(tokens) -> list[str]:
    """Holub's own ids/classes ("holub-…") named anywhere in ``tokens`` (nested too)."""
    found = []
    for token in tokens:
        if token.type in ("ident", "hash") and token.value.lower().startswith("holub-"):
            found.append(token.value)
        for inner in (getattr(token, "content", None), getattr(token, "arguments", None)):
            if isinstance(inner, list):
                found += _holub_names(inner)
    return found


def _selector_problem(tokens) -> str | None:
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    if not tokens or tokens[0].type != "hash" or tokens[0].value != _SCOPE:
        return "not scoped to #holub-body"
    rest = tokens[1:]
    if rest and rest[0].type != "whitespace":
        return "compound on #holub-body"
    meaningful = [t for t in rest if t.type != "whitespace"]
    if meaningful and meaningful[0].type == "literal" and meaningful[0].value in "+~":
        return "sibling of #holub-body"
    if _holub_names(rest):
        return "names Holub's own elements"
    return None


def _rule_problems(rules, depth: int = 0) -> list[str]:
    import tinycss2

    found = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors: list[list] = [[]]
            for token in rule.prelude:
                if token.type == "literal" and token.value == ",":
                    selectors.append([])
                else:
                    selectors[-1].append(token)
            for sel in selectors:
                why = _selector_problem(sel)
                if why:
                    found.append(f"{why}: {tinycss2.serialize(rule.prelude)!r}")
            inner = tinycss2.parse_blocks_contents(rule.content or [], skip_whitespace=True)
            if any(n.type in ("qualified-rule", "at-rule") for n in inner):
                found.append(f"nested rule in {tinycss2.serialize(rule.prelude)!r}")
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            if name in _GROUP_RULES and rule.content is not None and depth < 8:
                found += _rule_problems(
                    tinycss2.parse_rule_list(rule.content, skip_whitespace=True), depth + 1
                )
            elif name == "font-face" and rule.content:
                inner = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
                if any(n.type != "declaration" for n in inner):
                    found.append("rule inside @font-face")
            elif name in ("keyframes", "-webkit-keyframes") and rule.content:
                for frame in tinycss2.parse_rule_list(rule.content, skip_whitespace=True):
                    text = tinycss2.serialize(getattr(frame, "prelude", None) or []).strip()
                    if not re.fullmatch(r"[\w%.,\s-]+", text):
                        found.append(f"odd keyframe {text!r} in @{name}")
            else:
                found.append(f"at-rule @{name} kept")
    return found


def css_escapes(html: str) -> list[str]:
    """Ways the mail's <style> in sanitised ``html`` could reach outside its box.

    Every rule must be scoped below ``#holub-body`` (not its siblings), name none of
    Holub's own elements, and sit at top level or inside an allowed group at-rule.
    """
    import tinycss2

    collector = _Collector()
    collector.feed(html)
    collector.close()
    found = []
    for css in collector.styles:
        found += _rule_problems(tinycss2.parse_stylesheet(css, skip_whitespace=True))
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
