"""Allow-list HTML sanitiser for received mail (the reader's first wall).

The input is parsed by libxml2's HTML parser (through lxml, in C: a 5 MB mail
is parsed in a fraction of a second) feeding events to ``_Cleaner``, and only
allowed tags and attributes are written back out, every value re-escaped, so
nothing the parser did not understand can reach the browser. libxml2 searches
its stack of open elements for every end tag, which turns quadratic on deep
nesting (Lexbor, measured, does the same), so the cleaner watches libxml2's real
depth: the piece of the mail that goes past ``MAX_FAST_DEPTH`` is taken back, and the
mail from there is parsed on a copy whose nesting a linear pass has bounded
(``_bound_depth``, as browsers cap nesting; libxml2 sees only the tags that pass
counted) until the deep part has closed again. No part of a mail is parsed twice, and
one that never nests that deep is parsed exactly as in one go. The standard
library's ``html.parser`` stays as a last resort that should never be needed.

Removed: scripts, ``on*`` handlers, ``javascript:``/``vbscript:``/``data:`` URLs
(raster ``data:image`` on ``<img>`` excepted: it is inline and cannot run code),
iframes, objects, embeds, forms, ``<meta>``, ``<base>``, ``<link>``, SVG and
MathML, comments (and the tags they hide). CSS is cleaned from tokens by
desktop.render.css: rules scoped to the mail's box, ``@import`` and every
at-rule off its allow-list dropped.

Before the user consents, the output carries no URL a browser would fetch on
its own: remote ``src``, ``srcset``, ``background`` and CSS ``url()`` become
``holub-remote:<quoted url>`` (inert: nothing serves it) and ``cid:``
references become ``holub-cid:<message id>/<content id>`` (served from the
store). ``allow_remote=True`` writes the remote URLs back as they were. Links
keep their ``href`` (http, https, mailto only) and get a title showing the real
target; opening them is the reader's business.

The cost is bounded: the parse is linear, a message's distinct CSS and distinct
tags are capped (``MAX_CSS_CHARS``, ``MAX_DISTINCT_TAGS``), repeats are cleaned once
(style declarations one by one). bench/sanitize_bench.py measures the hard shapes.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, unquote

from lxml import etree
from tinycss2.serializer import serialize_string_value

from desktop.render.css import CssCleaner

REMOTE_SCHEME = "holub-remote"
CID_SCHEME = "holub-cid"
BODY_SCOPE = "#holub-body"  # the element the reader document wraps the body in


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Tags written back out (with their allowed attributes).
ALLOWED_TAGS = _words(
    """a abbr acronym address article aside b bdi bdo big blockquote br caption center cite
    code col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3
    h4 h5 h6 header hr i img ins kbd li main mark nav ol p pre q rp rt ruby s samp section
    small span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul
    var wbr"""
)
VOID_TAGS = _words("br col hr img wbr")
# Elements that never hold others (not counted as nesting).
_EMPTY_ELEMENTS = _words(
    "area base br col embed hr img input keygen link meta param source track wbr"
)
# Distinct (tag, attributes) pairs cleaned per message; past it, further new ones are
# written bare. Real mail repeats itself (cells, links, spacers): this bounds the cost
# of one made of nothing but different tags.
MAX_DISTINCT_TAGS = 25_000
# Up to this nesting, libxml2's end-tag search through its open elements stays cheap.
MAX_FAST_DEPTH = 256
# Deeper nesting than this is not mail but an attempt to hang the reader (Chromium's
# own parser stops nesting at 512).
MAX_DEPTH = 256
# Tags removed together with everything inside them.
DROP_CONTENT_TAGS = _words(
    """script style iframe frame frameset object embed applet noscript noembed noframes
    template title svg math xmp plaintext textarea select option optgroup datalist audio
    video canvas button"""
)
# Tags that simply vanish (their children stay): html, body, head, form, unknown ones...
# <style> is handled on its own: its CSS is kept after cleaning.

GLOBAL_ATTRS = _words(
    """align valign bgcolor border cellpadding cellspacing color colspan rowspan dir lang
    height width style title face size hspace vspace nowrap span start type reversed
    abbr scope headers summary frame rules datetime clear"""
)
TAG_ATTRS = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "srcset"}),
    "table": frozenset({"background"}),
    "td": frozenset({"background"}),
    "th": frozenset({"background"}),
    "tr": frozenset({"background"}),
    "div": frozenset({"background"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_RASTER_DATA = re.compile(r"^data:image/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]*$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class Sanitized:
    html: str
    # Network URLs found (images, CSS, backgrounds): what consent would load.
    remote_urls: list[str] = field(default_factory=list)

    @property
    def has_remote(self) -> bool:
        return bool(self.remote_urls)


def url_scheme(url: str) -> str:
    """The scheme a browser would see: control chars and whitespace are ignored by it."""
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match.group(1).lower() if match else ""


def remote_placeholder(url: str) -> str:
    return f"{REMOTE_SCHEME}:{quote(url, safe='')}"


def restore_remote(placeholder: str) -> str:
    return unquote(placeholder.removeprefix(f"{REMOTE_SCHEME}:"))


def cid_url(message_key: str | int, content_id: str) -> str:
    return f"{CID_SCHEME}:{message_key}/{quote(content_id, safe='')}"


class _Context:
    """Per-call state: the message the cid: URLs belong to, the remote URLs seen."""

    def __init__(self, message_key: str | int, allow_remote: bool, scope: str) -> None:
        self.message_key = message_key
        self.allow_remote = allow_remote
        self.scope = scope
        self.remote: list[str] = []
        self._seen: set[str] = set()  # the same, for O(1) "seen already?"
        self._resources: dict[tuple[str, bool], str | None] = {}
        self.css = CssCleaner(
            lambda url: self.resource(url, allow_data=True),
            scope=scope,
            allow_remote=allow_remote,
            budget=MAX_CSS_CHARS,
        )

    def resource(self, url: str, *, allow_data: bool) -> str | None:
        """A URL the browser fetches by itself (image, background, CSS): rewritten or None."""
        key = (url, allow_data)
        if key in self._resources:  # a newsletter repeats its spacer image hundreds of times
            return self._resources[key]
        rewritten = self._resources[key] = self._resource(url, allow_data=allow_data)
        return rewritten

    def _resource(self, url: str, *, allow_data: bool) -> str | None:
        url = url.strip()
        compact = _CONTROL.sub("", url)
        scheme = url_scheme(url)
        if compact.startswith("//"):  # protocol-relative: a network fetch over https
            url, scheme = "https:" + compact, "https"
        if scheme in ("http", "https"):
            if url not in self._seen:
                self._seen.add(url)
                self.remote.append(url)
            return url if self.allow_remote else remote_placeholder(url)
        if scheme == "cid":
            return cid_url(self.message_key, unquote(compact[4:]).strip("<>"))
        if scheme == "data" and allow_data and _RASTER_DATA.match(url):
            return url
        # javascript:, vbscript:, data: (other), file:, relative paths, anything else.
        return None


# --- CSS ---------------------------------------------------------------------------
# The CSS itself is cleaned from tokens in desktop.render.css. A message's distinct CSS
# is capped (repeated style attributes are cleaned once): newsletters stay well below
# this, and past it the rest of the styling is dropped, never the text.
MAX_CSS_CHARS = 256_000


# --- HTML ------------------------------------------------------------------------------


def _escape_text(text: str) -> str:
    # Most text has nothing to escape: checking is cheaper than five replace() calls.
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


def _escape_attribute(value: str) -> str:
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return html.escape(value, quote=True)
    return value


def _body_as_div(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    style: list[str] = []
    rest: list[tuple[str, str | None]] = []
    for name, value in attrs:
        name = name.lower()
        if name == "bgcolor" and value:
            style.append(f"background-color:{value}")
        elif name == "text" and value:
            style.append(f"color:{value}")
        elif name == "background" and value:
            style.append(f'background-image:url("{serialize_string_value(value)}")')
        elif name == "style" and value:
            style.append(value)
        elif name not in ("bgcolor", "text", "background", "style"):
            rest.append((name, value))
    return [("style", ";".join(style)), *rest] if style else rest


@dataclass(frozen=True)
class _Mark:
    """A point of a parse the cleaner can go back to (``_Cleaner.mark``)."""

    out: int
    stack: list[str]
    open_counts: dict[str, int]
    drop_depth: int
    drop_tag: str
    in_style: bool
    style_buf: list[str]
    names: list[str]


class _Cleaner:
    """The parser's target: receives elements and text, writes the allowed ones out."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.out: list[str] = []
        self.stack: list[str] = []  # open allowed elements
        self.open_counts: dict[str, int] = {}  # tag → how many are open (O(1) lookups)
        self.drop_depth = 0  # >0 while inside a DROP_CONTENT tag
        # libxml2's own open elements (all of them, kept or not), watched by _parse_fast:
        # their depth, and their names to rebuild them in a new parser (_resume_bounded).
        self.names: list[str] = []
        self.depth_limit = 1 << 62
        self.too_deep = False
        self.drop_tag = ""
        self.in_style = False
        self.style_buf: list[str] = []
        # (tag, attributes) → the tag written out: mail repeats the same cell, link and
        # spacer image thousands of times.
        self._tags: dict[tuple[str, tuple[tuple[str, str | None], ...]], str] = {}

    # Elements ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth += 1
            return
        if tag == "style":
            self.in_style = True
            self.style_buf = []
            return
        if tag in DROP_CONTENT_TAGS:
            self.drop_tag, self.drop_depth = tag, 1
            return
        if tag == "body":
            # The mail's <body> becomes a box inside the reader's: its colours and
            # background are kept as (cleaned) CSS. A bare one (the parser implies a
            # body in every document) adds nothing.
            attrs = _body_as_div(attrs)
            if not attrs:
                return
            tag = "div"
        if tag not in ALLOWED_TAGS:
            return
        if tag not in VOID_TAGS and len(self.stack) >= MAX_DEPTH:
            return  # absurd nesting (a hang attempt): keep the text, not the element
        key = (tag, tuple(attrs))
        written = self._tags.get(key)
        if written is None:
            if len(self._tags) < MAX_DISTINCT_TAGS:
                written = self._tags[key] = self._open_tag(tag, attrs)
            else:  # past the cap: the structure and text stay, the attributes go
                written = f"<{tag}>"
        self.out.append(written)
        if tag not in VOID_TAGS:
            self.stack.append(tag)
            self.open_counts[tag] = self.open_counts.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self.drop_depth or tag in DROP_CONTENT_TAGS or tag == "style":
            return  # <svg/>, <script/>: nothing inside to keep
        if tag in ALLOWED_TAGS:
            self.out.append(self._open_tag(tag, attrs))
            if tag not in VOID_TAGS:
                self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth -= 1
            return
        if tag == "style":
            if self.in_style:
                css = self.ctx.css.stylesheet("".join(self.style_buf))
                self.out.append(f"<style>{css}</style>")
            self.in_style = False
            return
        if not self.open_counts.get(tag):
            return  # a stray end tag
        while self.stack:
            open_tag = self.stack.pop()
            self.open_counts[open_tag] -= 1
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        if self.in_style:
            self.style_buf.append(data)
            return
        self.out.append(_escape_text(data))

    # The lxml parser-target interface. Comments, <!DOCTYPE>, <?pi>, <![CDATA[: all
    # dropped, with whatever they hide.
    def start(self, tag: str, attrib: dict[str, str], *_: object) -> None:
        names = self.names
        names.append(tag)
        if len(names) > self.depth_limit:
            self.too_deep = True
            raise _TooDeep  # lxml stops calling the target; _parse_fast goes back
        attrs = tuple(attrib.items())
        if not self.drop_depth:
            # The commonest case, made short: a tag written before (so an allowed one).
            written = self._tags.get((tag, attrs))
            if written is not None:
                if tag in VOID_TAGS:
                    self.out.append(written)
                elif len(self.stack) < MAX_DEPTH:
                    self.out.append(written)
                    self.stack.append(tag)
                    self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
                return
        self.handle_starttag(tag, list(attrs))

    def end(self, tag: str) -> None:
        if self.names:
            self.names.pop()
        self.handle_endtag(tag)

    def data(self, text: str) -> None:
        if self.drop_depth or self.in_style:
            self.handle_data(text)
        elif "&" in text or "<" in text or ">" in text:
            self.out.append(html.escape(text, quote=False))
        else:
            self.out.append(text)

    def comment(self, text: str) -> None:
        pass

    def pi(self, *_: object) -> None:
        pass

    def doctype(self, *_: object) -> None:
        pass

    def close(self) -> None:
        if self.in_style:  # unclosed <style>: keep its cleaned CSS
            css = self.ctx.css.stylesheet("".join(self.style_buf))
            self.out.append(f"<style>{css}</style>")
            self.in_style = False
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")

    # Going back to a point of the parse (_parse_fast) ----------------------------------
    def mark(self) -> _Mark:
        """What the output and the open elements are now (cheap: the stacks are short)."""
        return _Mark(
            len(self.out),
            self.stack.copy(),
            self.open_counts.copy(),
            self.drop_depth,
            self.drop_tag,
            self.in_style,
            self.style_buf.copy() if self.in_style else [],
            self.names.copy(),
        )

    def rewind(self, mark: _Mark) -> None:
        """Back to ``mark``: what was written since is forgotten. (The per-message caches
        and the remote URLs seen stay: they hold nothing that is not in the mail.)"""
        del self.out[mark.out :]
        self.stack = mark.stack.copy()
        self.open_counts = mark.open_counts.copy()
        self.drop_depth, self.drop_tag = mark.drop_depth, mark.drop_tag
        self.in_style = mark.in_style
        self.style_buf = mark.style_buf.copy()
        self.names = mark.names.copy()
        self.too_deep = False

    # Attributes --------------------------------------------------------------------
    def _open_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed = TAG_ATTRS.get(tag, frozenset())
        kept: dict[str, str] = {}
        for name, value in attrs:
            name = name.lower()
            if value is None:
                value = ""
            if name in kept or name.startswith("on"):
                continue
            if name == "style":
                cleaned = self.ctx.css.declarations(value).strip()
                if cleaned:
                    kept["style"] = cleaned
            elif name == "href" and tag == "a":
                target = value.strip()
                if url_scheme(target) in LINK_SCHEMES:
                    kept["href"] = target
            elif name in ("src", "background"):
                if name in allowed:
                    rewritten = self.ctx.resource(value, allow_data=tag == "img")
                    if rewritten is not None:
                        kept[name] = rewritten
            elif name == "srcset":
                if name in allowed:
                    srcset = self._srcset(value)
                    if srcset:
                        kept["srcset"] = srcset
            elif name == "class":
                # The mail's own classes stay (its <style> needs them); Holub's are not
                # for it to borrow (a fake notice or header block).
                classes = [c for c in value.split() if not c.lower().startswith("holub-")]
                if classes:
                    kept["class"] = " ".join(classes)
            elif name in GLOBAL_ATTRS or name in allowed:
                kept[name] = value
        if tag == "a" and "href" in kept:
            # The real target, shown on hover whatever the link text claims.
            real = kept["href"]
            kept["title"] = f"{kept['title']} — {real}" if kept.get("title") else real
            kept["rel"] = "noopener noreferrer"
        parts = [tag] + [f'{k}="{_escape_attribute(v)}"' for k, v in kept.items()]
        return "<" + " ".join(parts) + ">"

    def _srcset(self, value: str) -> str:
        out = []
        for candidate in value.split(","):
            bits = candidate.strip().split(None, 1)
            if not bits:
                continue
            rewritten = self.ctx.resource(bits[0], allow_data=False)
            if rewritten is not None:
                out.append(" ".join([rewritten, *bits[1:]]))
        return ", ".join(out)


def sanitize(
    html_text: str,
    *,
    message_key: str | int = 0,
    allow_remote: bool = False,
    scope: str = BODY_SCOPE,
) -> Sanitized:
    """Clean received HTML for display.

    ``message_key`` names the message for cid: URLs; ``scope`` is the selector of the
    element the reader puts the body in (the mail's <style> rules are confined to it).
    """
    if not html_text.strip():
        return Sanitized(html="")
    try:
        html_text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (a broken decoder upstream): the parser
        html_text = html_text.encode("utf-8", "replace").decode("utf-8")  # wants real text
    try:
        cleaner = _parse(html_text, lambda: _Cleaner(_Context(message_key, allow_remote, scope)))
    except Exception:  # the parsers recover from anything; be safe if one ever does not
        return Sanitized(html=html.escape(html_text), remote_urls=[])
    return Sanitized(html="".join(cleaner.out), remote_urls=cleaner.ctx.remote)


def _parse(text: str, new_cleaner: Callable[[], _Cleaner]) -> _Cleaner:
    """libxml2 (fast); the parts of the mail that nest too deep for it on a depth-bounded
    copy (see _parse_fast); html.parser if that ever fails."""
    cleaner = new_cleaner()
    try:
        _parse_fast(text, cleaner)
        return cleaner
    except _TooDeep:  # cannot happen (libxml2 sees only the tags counted); just in case
        pass
    cleaner = new_cleaner()
    _parse_linear(text, cleaner)
    return cleaner


class _TooDeep(Exception):
    """libxml2's open elements went past ``MAX_FAST_DEPTH`` (raised by the cleaner).
    Out of _parse_fast only if that happened on a depth-bounded copy, which it cannot."""


# libxml2 is fed about this much at a time: the cleaner's state is marked before each
# piece, and a piece that nests too deep is redone on a depth-bounded copy from its
# mark. libxml2 still finishes the piece it is in when its target gives up (lxml only
# stops calling the target), so this also bounds what a trip wastes.
_CHUNK = 16 * 1024


def _new_parser(cleaner: _Cleaner) -> etree.HTMLParser:
    # huge_tree: no libxml2 limit on text size stops the parse half-way (our own
    # MAX_DEPTH and CSS cap bound the work); nothing is fetched (no_network).
    return etree.HTMLParser(
        target=cleaner, huge_tree=True, recover=True, no_network=True, remove_pis=True
    )


def _parse_fast(text: str, cleaner: _Cleaner) -> None:
    """The mail through libxml2, no part of it twice, whatever its nesting.

    libxml2 searches its stack of open elements for every end tag, which turns
    quadratic on deep nesting, so the cleaner watches libxml2's real depth. The mail is
    fed in pieces that each end just after a '<' (libxml2 has then handed over all the
    text before it, so the cleaner's state is that of the mail up to that '<'), and the
    cleaner's state is marked before each. When a piece goes past ``MAX_FAST_DEPTH``,
    the cleaner goes back to the piece's mark and the mail from there is parsed by a new
    libxml2 parser, rebuilt with the open elements of the mark, on a copy whose nesting
    _bound_depth has bounded, until the deep part has closed again (or to the end);
    then the mail's own text goes on through that parser. A mail that never nests too
    deep is parsed exactly as in one go.
    """
    parser = _new_parser(cleaner)
    cleaner.depth_limit = MAX_FAST_DEPTH + _IMPLIED_ELEMENTS
    size = len(text)
    at = 0  # the cleaner has seen text[:at] (and libxml2 holds the '<' at ``at``)
    fed = 0  # libxml2 has been given text[:fed]
    extra = 0  # pieces the bounded copy goes on for past the one that went deep
    while fed < size:
        end = text.find("<", fed + _CHUNK) + 1 or size
        mark = cleaner.mark()
        try:
            parser.feed(text[fed:end])
        except _TooDeep:  # (raised by the cleaner, handed on by lxml)
            pass
        if not cleaner.too_deep:
            fed = end
            at = end - 1 if end < size else size
            continue
        # Each time, the bounded copy goes on for longer before the mail's own text
        # is tried again: a mail that keeps going deep wastes a piece only a
        # logarithmic number of times.
        cleaner.rewind(mark)
        parser, fed = _resume_bounded(text, at, cleaner, until=end + extra * _CHUNK)
        extra = 2 * extra + 1
        at = fed
    parser.close()
    if cleaner.too_deep:
        raise _TooDeep


def _resume_bounded(
    text: str, at: int, cleaner: _Cleaner, *, until: int
) -> tuple[etree.HTMLParser, int]:
    """``text`` from ``at`` (where the cleaner stands) on a depth-bounded copy, through a
    new parser given the open elements libxml2 had at ``at``. Stops after the first end
    tag past ``until`` that leaves nothing open too deep, and returns the parser and
    where it stopped (libxml2 is between two tags there)."""
    names = [name for name in cleaner.names if _PLAIN_NAME.match(name)]
    head = ""  # the raw-text element libxml2 was inside at ``at``, reopened
    if names and names[-1] in _RAW_TEXT_NAMES:
        raw = names.pop()
        if raw == "style":  # its CSS so far is written again, with the rest
            head = "<style>" + ("".join(cleaner.style_buf) if cleaner.in_style else "")
        else:  # dropped whole by _bound_depth, with all it holds
            head = f"<{raw}>"
            if cleaner.drop_tag == raw and cleaner.drop_depth == 1:
                cleaner.drop_depth = 0
    cleaner.in_style = False
    mark = cleaner.mark()
    # The open elements rebuilt: the cleaner sees them again and is put back (its own
    # stack says what it has written), keeping the new parser's names.
    parser = _new_parser(cleaner)
    cleaner.names = []
    cleaner.depth_limit = 1 << 62
    parser.feed("".join(f"<{name}>" for name in names))
    rebuilt = cleaner.names
    cleaner.rewind(mark)
    cleaner.names = rebuilt
    cleaner.depth_limit = max(MAX_DEPTH, len(rebuilt)) + _IMPLIED_ELEMENTS
    copy, stop = _bound_depth_from(
        head + text[at:],
        MAX_DEPTH,
        open_names=rebuilt,
        stop_after=len(head) + until - at,
    )
    for piece in range(0, len(copy), _CHUNK):
        parser.feed(copy[piece : piece + _CHUNK])
        if cleaner.too_deep:
            raise _TooDeep
    cleaner.depth_limit = MAX_FAST_DEPTH + _IMPLIED_ELEMENTS
    return parser, at + stop - len(head)


# Elements libxml2 adds by itself around the mail's own (html, body, an implied p...).
_IMPLIED_ELEMENTS = 8
# One token of the depth-bounding pass. Comments, <!DOCTYPE>, <?pi?> and bogus
# comments go; elements whose content is raw text (never markup) are taken whole, up
# to their end tag (or the end of the mail, as a browser does); tags with their
# attributes, quoted values taken whole (a '>' inside them does not end the tag); and
# any other '<', which is text.
_RAW_TEXT = "script|style|xmp|iframe|noembed|noframes|noscript|textarea|title|plaintext"
_ATTRIBUTES = r"""((?:[^>=]|=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?)?)*)(>|\Z)"""
_TOKEN = re.compile(
    # 1-4: a tag (most tokens are, so it comes first): end?, name, attributes, end.
    rf"<(/?)(?!(?:{_RAW_TEXT})[\t\n\f\r />])([a-zA-Z][^\t\n\f\r />]*){_ATTRIBUTES}"
    # 5-8: a raw-text element, whole: name, attributes, end of its tag, content.
    rf"|<({_RAW_TEXT})(?=[\t\n\f\r />]){_ATTRIBUTES}(.*?)(?:</\5(?=[\t\n\f\r />])[^>]*>?|\Z)"
    r"|<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    r"|</(?![a-zA-Z])[^>]*>?"
    r"|<",
    re.S | re.I,
)
_PLAIN_NAME = re.compile(r"[a-z][a-z0-9]*\Z")


def _bound_depth(text: str, limit: int) -> str:
    """``text`` re-written so that no element nests deeper than ``limit``."""
    return _bound_depth_from(text, limit)[0]


def _bound_depth_from(
    text: str, limit: int, *, open_names: Sequence[str] = (), stop_after: int | None = None
) -> tuple[str, int]:
    """``text`` re-written so that no element nests deeper than ``limit``, and where
    in ``text`` the copy ends.

    A linear pass over the tags (as a browser limits nesting; Chromium at 512): a
    start tag past ``limit`` open elements is left out with its end tag, and end
    tags that close nothing are left out. An end tag closes the innermost open
    element of its name and every element inside it, each with its own end tag, so
    libxml2 only ever closes its innermost element (its rules for end tags that do
    not match, which ignore some, never apply). Everything this pass does not take
    as a tag is written back as text (every '<' escaped) and every tag it keeps is
    written back with '<' and '>' escaped inside its attribute values, so libxml2
    sees exactly the tags counted here and no others: its open elements are always
    some of those counted here, plus the html, head and body it adds (it closes
    elements by itself, never opens them deeper). Comments and the content of
    raw-text elements other than <style> (all dropped by the cleaner) are left out.

    ``open_names`` are the elements open before ``text`` (outermost first): their end
    tags are kept and they count towards ``limit``. With ``stop_after``, the copy ends
    after the first end tag past that point that leaves no left-out start tag open and
    the depth at most half ``limit``: from there on the mail's own text nests as it
    says (until it goes too deep again).
    """
    # The mail is split at each '<': most pieces are a plain tag and the text after it,
    # and the deep ones repeat the same few pieces, so a piece is classified once. It is
    # split a block of about _SPLIT characters at a time (each block ends before a '<'),
    # as they are reached: the pass may stop early.
    seen: dict[str, tuple[bool, str, str] | None] = {}
    # Whole pieces (a tag of an element that nests and a short text) seen already.
    seen_whole: dict[str, tuple[bool, str, str, str]] = {}
    # The open elements, outermost first: the first ``depth`` are kept, the rest (only
    # ever opened at ``limit``, so always the innermost ones) are left out.
    stack = list(open_names)
    depth = len(stack)
    open_count: defaultdict[str, int] = defaultdict(int)  # name → how many in the stack
    for name in stack:
        open_count[name] += 1
    stop_depth = limit // 2
    may_stop = stop_after is not None
    split_at = text.find("<", _SPLIT)  # where the next block starts (after its '<')
    more = split_at >= 0
    pieces = text[:split_at].split("<") if more else text.split("<")
    split_at += 1
    out = [pieces[0]]  # (no '<' in it)
    at = len(pieces[0])  # where the '<' before pieces[i] is
    i, count = 1, len(pieces)
    while True:
        if i == count:
            if not more:
                break
            block_end = text.find("<", split_at + _SPLIT)
            more = block_end >= 0
            pieces = text[split_at:block_end].split("<") if more else text[split_at:].split("<")
            split_at = block_end + 1
            i, count = 0, len(pieces)
        piece = pieces[i]
        whole = seen_whole.get(piece)
        if whole is not None:  # the commonest case, made short: a repeated bare tag
            at += 1 + len(piece)
            i += 1
            closing, lower, written, trailing = whole
            if closing:
                if open_count[lower]:  # (as below)
                    name = stack.pop()
                    open_count[name] -= 1
                    while name != lower:
                        if len(stack) < depth:
                            depth -= 1
                            out.append(f"</{name}>")
                        name = stack.pop()
                        open_count[name] -= 1
                    if len(stack) < depth:
                        depth -= 1
                        out.append(written)
                        if may_stop and depth == len(stack) <= stop_depth and at > stop_after:
                            return "".join(out), at - len(trailing)
            else:
                stack.append(lower)
                open_count[lower] += 1
                if depth < limit:
                    depth += 1
                    out.append(written)
            if trailing:
                out.append(trailing)
            continue
        head, closed, trailing = piece.partition(">")
        simple = seen.get(head, False) if closed else False
        if simple is False:
            simple = _simple_tag(head, closed)
            if closed and len(head) < 200:
                seen[head] = simple
        if simple is _TEXT:
            out.append("&lt;")  # a '<' that starts nothing: text
            out.append(piece)
            at += 1 + len(piece)
            i += 1
            continue
        if simple is None:  # a comment, raw text, quoted '<' or '>': the full tokenizer
            if piece.startswith("!--"):  # a comment (the commonest), left out
                end = text.find("-->", at + 4)
                end = len(text) if end < 0 else end + 3
                tag = _COMMENT
            else:
                match = _TOKEN.match(text, at)
                assert match is not None  # (its last choice is a lone '<')
                end = match.end()
                tag = _token(match)
            if tag[1]:
                kind = tag
            else:
                out.append(tag[2])
                kind = None
            while at + 1 + len(pieces[i]) < end:  # the pieces the token spans
                at += 1 + len(pieces[i])
                i += 1
                if i == count:  # (the token ends in the text: there is more)
                    block_end = text.find("<", split_at + _SPLIT)
                    more = block_end >= 0
                    pieces = (
                        text[split_at:block_end].split("<") if more else text[split_at:].split("<")
                    )
                    split_at = block_end + 1
                    i, count = 0, len(pieces)
            rest = text[end : at + 1 + len(pieces[i])]  # the text up to the next '<'
            at += 1 + len(pieces[i])
            i += 1
            if kind is None:
                out.append(rest)
                continue
            closing, lower, written = kind
            trailing = rest
        else:
            at += 1 + len(piece)
            i += 1
            closing, lower, written = simple
        if lower:
            if closing:
                if len(piece) < 32 and simple is not None:
                    seen_whole[piece] = (*simple, trailing)
                if open_count[lower]:  # (else it closes nothing: left out)
                    # The innermost open one is closed, and every element inside it
                    # with its own end tag (none for those left out).
                    name = stack.pop()
                    open_count[name] -= 1
                    while name != lower:
                        if len(stack) < depth:
                            depth -= 1
                            out.append(f"</{name}>")
                        name = stack.pop()
                        open_count[name] -= 1
                    if len(stack) < depth:
                        depth -= 1
                        out.append(written)
                        # Back to the mail's own text after this end tag? Once the deep
                        # part has closed, and after a tag written out: libxml2 has then
                        # handed over all the text before it, and is between two tags.
                        if may_stop and depth == len(stack) <= stop_depth and at > stop_after:
                            return "".join(out), at - len(trailing)
            elif lower in _EMPTY_ELEMENTS:
                out.append(written)
            else:
                if len(piece) < 32 and simple is not None:
                    seen_whole[piece] = (*simple, trailing)
                stack.append(lower)
                open_count[lower] += 1
                if depth < limit:
                    depth += 1
                    out.append(written)
        else:
            out.append(written)  # a '<' that is text
        out.append(trailing)
    return "".join(out), len(text)


_SPLIT = 64 * 1024  # characters of the mail split at a time by _bound_depth_from


# A tag whose quoted values (a quote right after '=' opens one, as in _ATTRIBUTES)
# all close before the next '>': it ends there for the full tokenizer too. (After '='
# and its whitespace comes a quote or another character, never both: one way to match.)
_SIMPLE_TAG = re.compile(
    r"(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[\t\n\f\r /]"
    r"""(?:[^=]|=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|(?=[^"'\t\n\f\r ])|\Z))*)?)"""
)
_RAW_TEXT_NAMES = frozenset(_RAW_TEXT.split("|"))
_TEXT = (False, "", "&lt;")
_COMMENT = (False, "", "")


def _simple_tag(head: str, closed: str) -> tuple[bool, str, str] | None:
    """(end tag?, name, the tag to write) for the piece of the mail after a '<' up to
    the next '>' (``head``; ``closed`` is that '>', or "" if none follows before the
    next '<'). _TEXT if it starts no tag; None when the full tokenizer must look
    (quotes, comments, raw text, a tag running past the next '<')."""
    if not head or not (head[0].isalpha() or head[0] in "/!?"):
        return _TEXT  # "< 3", "<<", "<>"
    if not closed:
        return None
    match = _SIMPLE_TAG.fullmatch(head)
    if match is None:
        return None
    closing, name, attributes = match.groups()
    lower = name.lower()
    if lower in _RAW_TEXT_NAMES:
        return None
    if closing:
        return (True, lower, f"</{lower}>")
    return (False, lower, f"<{lower}{attributes}>")


def _token(match: re.Match[str]) -> tuple[bool, str, str]:
    """What the full tokenizer found: a tag as _simple_tag gives it, or (False, "",
    what to write) for anything else ("" for a comment)."""
    closing, name, attributes, tag_end = match.group(1, 2, 3, 4)
    if name is None:
        if match.group(5) is not None:  # <script>, <style>... taken whole
            if match.group(5).lower() == "style" and match.group(7):
                attributes = match.group(6).replace("<", "&lt;").replace(">", "&gt;")
                css = match.group(8).replace("</", "<\\/")  # so it cannot end early
                return (False, "", f"<style{attributes}>{css}</style>")
            return (False, "", "")
        if match.end() - match.start() == 1:
            return (False, "", "&lt;")  # a '<' that starts nothing: text
        return (False, "", "")  # a comment, <!DOCTYPE>, <?pi?>: left out
    lower = name.lower()
    if not tag_end or _PLAIN_NAME.match(lower) is None:
        # The mail ends inside the tag (a browser drops it), or no element the
        # cleaner keeps has such a name.
        return (False, "", "")
    if closing:
        return (True, lower, f"</{lower}>")
    attributes = attributes.replace("<", "&lt;").replace(">", "&gt;")
    return (False, lower, f"<{lower}{attributes}>")


class _LinearFeeder(HTMLParser):
    """html.parser's events, handed to the same cleaner."""

    def __init__(self, cleaner: _Cleaner) -> None:
        super().__init__(convert_charrefs=True)
        self.cleaner = cleaner

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cleaner.handle_starttag(tag, [(k, v or "") for k, v in attrs])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cleaner.handle_startendtag(tag, [(k, v or "") for k, v in attrs])

    def handle_endtag(self, tag: str) -> None:
        self.cleaner.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.cleaner.handle_data(data)

    # Comments, <!DOCTYPE>, <?pi>, <![CDATA[: dropped (the base class ignores them).


def _parse_linear(text: str, cleaner: _Cleaner) -> None:
    # After the last '>' no tag can be completed, and html.parser rescans such a tail
    # once per '<' (quadratic: "</" * 100_000 takes seconds). It is text: say so.
    last = text.rfind(">")
    if "<" in text[last + 1 :]:
        text = text[: last + 1] + text[last + 1 :].replace("<", "&lt;")
    feeder = _LinearFeeder(cleaner)
    feeder.feed(text)
    feeder.close()
    cleaner.close()
