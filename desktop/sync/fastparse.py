"""mime.parse, minus the cost of walking big base64 attachments line by line.

The standard library's parser feeds every line of a message through Python
code; for a 300 KB attachment that is ~4,000 lines, most of the parse time of
a typical mailbox, spent only to learn the attachment's size. ``parse`` here
hands mime.parse a copy of the message in which each long base64 body of a
non-text part is emptied, then puts the decoded sizes back. The stored raw
message is never altered, and whenever the copy cannot be matched up exactly
with the attachments found, the whole message is parsed the ordinary way.
The result is the same ParsedMessage either way (a unit test compares them).
"""

from __future__ import annotations

import re

from desktop.sync import mime

# Bodies shorter than this are not worth the detour.
MIN_BODY = 3000
_BASE64_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n"
_CTE_BASE64 = re.compile(rb"^content-transfer-encoding:[ \t]*base64[ \t]*\r?$", re.I | re.M)
_CTYPE = re.compile(rb"^content-type:[ \t]*([A-Za-z0-9!#$&^_.+-]+)/", re.I | re.M)


def _decoded_size(body: bytes) -> int:
    data = body.translate(None, b"\r\n")
    return len(data) * 3 // 4 - (len(data) - len(data.rstrip(b"=")))


def _is_attachment_headers(headers: bytes) -> bool:
    ctype = _CTYPE.search(headers)
    if ctype is None or not _CTE_BASE64.search(headers):
        return False
    return ctype.group(1).lower() not in (b"text", b"message", b"multipart")


def parse(raw: bytes) -> mime.ParsedMessage:
    """Like mime.parse(raw), faster on messages with large base64 attachments."""
    if len(raw) < 2 * MIN_BODY:
        return mime.parse(raw)
    pieces: list[bytes] = []
    sizes: list[int] = []
    position = 0
    search_from = 0
    # Only bytes.find/translate (C speed) touch the big bodies. CRLF mail only,
    # which is what IMAP serves; anything else is parsed the ordinary way.
    while True:
        blank = raw.find(b"\n\r\n", search_from)
        if blank < 0:
            break
        body_start = blank + 3
        search_from = body_start
        # Cheap test first: does the body start with a full base64 line?
        first_end = raw.find(b"\r\n", body_start, body_start + 100)
        if first_end - body_start < 60 or raw[body_start:first_end].translate(None, _BASE64_BYTES):
            continue
        end = raw.find(b"\r\n--", body_start)
        if end < 0:
            break
        if end - body_start < MIN_BODY:
            continue
        body = raw[body_start:end]
        if body.translate(None, _BASE64_BYTES):
            continue  # not a pure base64 body
        search_from = end
        # The part's own headers: from its boundary line to the blank line.
        header_start = raw.rfind(b"\n--", max(0, blank - 8192), blank)
        if header_start < 0 or not _is_attachment_headers(raw[header_start:blank]):
            continue
        pieces.append(raw[position:body_start])
        position = end  # the CRLF before "--" belongs to the boundary delimiter
        sizes.append(_decoded_size(body))
    if not sizes:
        return mime.parse(raw)
    pieces.append(raw[position:])
    parsed = mime.parse(b"".join(pieces))
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
