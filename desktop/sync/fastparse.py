"""mime.parse, minus the cost of walking part bodies line by line.

The standard library's parser feeds every line of a message through Python
code; for a 300 KB attachment that is ~4,000 lines, spent only to learn the
attachment's size, and the text parts' lines cost as much again. ``parse``
here hands mime.parse a copy of the message in which long part bodies are set
aside (see parse). The stored raw message is never altered, and whenever the
copy cannot be matched up exactly, the whole message is parsed the ordinary
way. The result is the same ParsedMessage either way (unit tests compare them,
also over a corpus).
"""

from __future__ import annotations

import re
import secrets
from typing import Final

from desktop.sync import mime

# Base64 attachment bodies shorter than this are not worth emptying.
MIN_BODY = 3000
# Other part bodies shorter than this are left in place.
MIN_TEXT = 200
# The stand-in for a set-aside body, unguessable per process: a message could only
# collide with it by chance (and a collision is caught: see mime._restore_bodies),
# so the message is not searched for it (a pass over every byte of a first import).
_TOKEN: Final = f"HOLUB-SET-ASIDE-{secrets.token_hex(12)}-"
_BASE64_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_CTE_BASE64 = re.compile(rb"^content-transfer-encoding:[ \t]*base64[ \t]*\r?$", re.I | re.M)
_CTYPE = re.compile(rb"^content-type:[ \t]*([A-Za-z0-9!#$&^_.+-]+)/", re.I | re.M)
_BOUNDARY = re.compile(rb'boundary=(?:"([^"\r\n]+)"|([^\s;"]+))', re.I)


def _base64_size(raw: bytes, start: int, end: int) -> int:
    """Decoded size of raw[start:end] if made only of base64 characters and line ends,
    else -1. In 1 MB pieces: a 50 MB attachment is never copied whole (issue 11 #9)."""
    view = memoryview(raw)
    others = 0
    for at in range(start, end, _PIECE):
        left = bytes(view[at : min(end, at + _PIECE)]).translate(None, _BASE64_CHARS)
        if left.translate(None, b"\r\n"):
            return -1
        others += len(left)
    length = end - start - others
    tail = raw[max(start, end - 8) : end].translate(None, b"\r\n")
    return length * 3 // 4 - (len(tail) - len(tail.rstrip(b"=")))


_PIECE = 1 << 20


def _boundaries(raw: bytes) -> set[bytes]:
    """The multipart boundaries a message declares (from any "boundary=" it contains;
    one we miss only means its parts are not set aside)."""
    found: set[bytes] = set()
    at = raw.find(b"oundary=")
    while at > 0:
        match = _BOUNDARY.match(raw, at - 1)
        if match:
            found.add(match.group(1) or match.group(2))
        at = raw.find(b"oundary=", at + 8)
    return found


def _delimiter(raw: bytes, at: int, boundaries: set[bytes]) -> int:
    """End of the boundary delimiter line starting at ``at`` (at "--"), or -1 if the
    line is not one (exactly feedparser's test: "--" boundary ["--"] [ \t]*)."""
    line_end = raw.find(b"\r\n", at)
    if line_end < 0:
        return -1
    rest = raw[at + 2 : line_end].rstrip(b" \t")
    if rest in boundaries or (rest.endswith(b"--") and rest[:-2] in boundaries):
        return line_end
    return -1


def parse(raw: bytes) -> mime.ParsedMessage:
    """Like mime.parse(raw), without feeding long part bodies through the line parser.

    The standard library's parser reads every line of a message in Python code
    and tests it against every open boundary. Here each long leaf body that sits
    between a part's headers and the next boundary delimiter (found with C-speed
    bytes.find) is set aside: a base64 attachment is emptied and only its
    decoded size kept; any other body is replaced by a one-line stand-in that is
    swapped back for the real payload (byte for byte what the parser would have
    produced) before mime.parse reads the parts. Whenever a stand-in does not
    come back as a whole part payload, or the emptied attachments cannot be
    matched up, the original message is parsed the ordinary way.
    """
    if len(raw) < 2 * MIN_TEXT:
        return mime.parse(raw)
    boundaries = _boundaries(raw)
    if not boundaries:
        return mime.parse(raw)
    pieces: list[bytes] = []
    sizes: list[int] = []
    bodies: dict[str, str] = {}
    position = 0
    search_from = 0
    # CRLF mail only, which is what IMAP serves; anything else is parsed as it is.
    while True:
        at = raw.find(b"\r\n--", search_from)
        if at < 0:
            break
        search_from = at + 2
        line_end = _delimiter(raw, at + 2, boundaries)
        if line_end < 0:
            continue
        header_start = line_end + 2
        blank = raw.find(b"\r\n\r\n", line_end)
        if blank < 0:
            break
        if blank < header_start:
            continue  # no headers: the body starts at once (default type: left alone)
        body_start = blank + 4
        end = raw.find(b"\r\n--", header_start - 2)
        if end < body_start:
            continue  # a dash line among the headers: leave this part to the parser
        search_from = end
        if end - body_start < MIN_TEXT or _delimiter(raw, end + 2, boundaries) < 0:
            continue
        headers = raw[header_start:blank]
        ctype = _CTYPE.search(headers)
        if ctype is None:
            continue  # default type (text/plain, or message/rfc822 in a digest)
        maintype = ctype.group(1).lower()
        if maintype in (b"multipart", b"message"):
            continue
        size = (
            _base64_size(raw, body_start, end)  # pure base64 has no "--" line either
            if maintype != b"text" and end - body_start >= MIN_BODY and _CTE_BASE64.search(headers)
            else -1
        )
        if size >= 0:
            pieces.append(raw[position:body_start])
            sizes.append(size)
        else:
            body = raw[body_start:end]
            if b"\n--" in body or b"\r--" in body:
                continue  # a line the parser could take for a delimiter
            token = f"{_TOKEN}{len(bodies)}"
            bodies[token] = body.decode("ascii", "surrogateescape")
            pieces.append(raw[position:body_start])
            pieces.append(token.encode())
        position = end  # the CRLF before "--" belongs to the boundary delimiter
    if not pieces:
        return mime.parse(raw)
    pieces.append(raw[position:])
    try:
        parsed = mime.parse(b"".join(pieces), bodies=bodies)
    except mime.BodiesNotRestored:
        return mime.parse(raw)
    if sizes:
        emptied = [a for a in parsed.attachments if a.size == 0]
        if len(emptied) != len(sizes) or parsed.parse_errors:
            return mime.parse(raw)  # could not match them up: the slow, sure way
        for attachment, size in zip(emptied, sizes, strict=True):
            attachment.size = size
    parsed.size = len(raw)
    return parsed


# -- boundary matchers without re.compile ------------------------------------------------
#
# email.feedparser compiles one regular expression per multipart boundary, and
# boundaries are unique per message: about a third of the parse time of a
# typical message goes to re.compile. Its pattern is a literal separator
# followed by a fixed tail, so "starts with the separator, and the fixed
# (precompiled) tail matches the rest" is the same test. ``install`` swaps this
# in for that one pattern shape only, in the processes that bulk-parse mail
# (the sync's pool workers); every other pattern goes to ``re`` untouched.

_SEP_HEAD = "(?P<sep>"
_SEP_TAIL = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_TAIL = re.compile(r"(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$")
_ESCAPED = re.compile(r"\\(.)", re.S)


class _BoundaryMatch:
    __slots__ = ("_sep", "_tail")

    def __init__(self, sep: str, tail: re.Match) -> None:
        self._sep = sep
        self._tail = tail

    def group(self, name: str = "sep") -> str | None:
        return self._sep if name == "sep" else self._tail.group(name)


class _BoundaryPattern:
    __slots__ = ("_sep",)

    def __init__(self, sep: str) -> None:
        self._sep = sep

    def match(self, line: str) -> _BoundaryMatch | None:
        if not line.startswith(self._sep):
            return None
        tail = _TAIL.match(line, len(self._sep))
        return _BoundaryMatch(self._sep, tail) if tail else None


class _ReShim:
    """The ``re`` module as email.feedparser sees it, with the boundary fast path."""

    def __init__(self, real) -> None:
        self._real = real

    def __getattr__(self, name: str):
        return getattr(self._real, name)

    def compile(self, pattern, flags=0):
        if (
            not flags
            and isinstance(pattern, str)
            and pattern.startswith(_SEP_HEAD)
            and pattern.endswith(_SEP_TAIL)
        ):
            escaped = pattern[len(_SEP_HEAD) : -len(_SEP_TAIL)]
            return _BoundaryPattern(_ESCAPED.sub(r"\1", escaped))
        return self._real.compile(pattern, flags)


def install() -> None:
    """Use the boundary fast path in this process's email parser (idempotent)."""
    from email import feedparser

    if not isinstance(feedparser.re, _ReShim):
        feedparser.re = _ReShim(feedparser.re)


def parse_headers(header: bytes) -> mime.ParsedMessage:
    """A message's list-row fields from its header block alone (headers first: BODY[HEADER]):
    Subject, addresses, Date, Message-ID, In-Reply-To, References, as mime.parse gives
    them for the whole message. Only the top-level header block is read: no part
    structure (a multipart header without its body would only cost the parser a
    boundary pattern per message, 2-3 ms each). Body facts are left empty."""
    out = mime.ParsedMessage()
    errors: list[str] = []  # the body's parse decides parse_error (store.fill_bodies)
    try:
        mime._fill_headers(mime._headers_only(header), out, errors)
    except Exception:  # never raises, as mime.parse: the body's parse tells what was wrong
        pass
    return out
