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

import os
import re
from typing import Final

from desktop.sync import mime

# Base64 attachment bodies shorter than this are not worth emptying.
MIN_BODY = 3000
# Other part bodies shorter than this are left in place.
MIN_TEXT = 200
# The stand-in for a set-aside body, unguessable per process: a message could only
# collide with it by chance (and a collision is caught: see mime._restore_bodies),
# so the message is not searched for it (a pass over every byte of a first import).
_TOKEN: Final = f"HOLUB-SET-ASIDE-{os.urandom(12).hex()}-"  # (secrets: +7 ms per worker)
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
    """The multipart boundaries declared in ``raw`` (a header block; any "boundary=" in
    it counts: one we miss only means its parts are not set aside)."""
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


# The top-level header fields mime.parse reads (mime._fill_headers, mime._walk) or the
# email parser under it consults; a test keeps this in step with mime.py.
READ_FIELDS: Final = frozenset(
    {
        b"content-type",
        b"content-transfer-encoding",
        b"content-disposition",
        b"content-id",
        b"mime-version",
        b"subject",
        b"message-id",
        b"in-reply-to",
        b"references",
        b"date",
        b"from",
        b"to",
        b"cc",
        b"reply-to",
    }
)
# One well-formed header field: "Name: value" and its folded lines, CRLF only.
_FIELD = re.compile(rb"([!-9;-~]+):[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*")


def _read_fields(raw: bytes) -> tuple[bytes, int] | None:
    """The top-level header block without the fields mime.parse never reads (Received,
    DKIM-Signature, ARC-*, List-*, X-*: most of a real header block), and where the
    block ends in ``raw``; None when no field is left out or the block is not made of
    well-formed fields only (then the parser sees it whole, odd lines and all)."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        return None
    end += 2  # the last field's CRLF; the empty line and the body follow
    kept: list[bytes] = []
    at = 0
    for field in _FIELD.finditer(raw, 0, end):
        if field.start() != at:
            return None
        at = field.end()
        if field.group(1).lower() in READ_FIELDS:
            kept.append(field.group())
    if at != end or not kept or sum(map(len, kept)) == end:
        return None
    return b"".join(kept), end


# A message is copied whole without its unread fields only up to this size (when
# no body is set aside): a big one is parsed as it came rather than held twice.
WHOLE_COPY_MAX = 1 << 20


def parse(raw: bytes) -> mime.ParsedMessage:
    """mime.parse(raw), cheaper: the email parser reads only the header fields that
    Holub uses (see _read_fields) and no long part bodies (see _parse).

    Fields the parse never reads cannot change its result; whenever the parse of the
    slimmer copy notes anything odd at all (parse_errors), the message is parsed
    again as it came, so even a broken message gets exactly mime.parse's answer.
    """
    head = _read_fields(raw)
    if head is None:
        return _parse(raw, None)
    parsed = _parse(raw, head)
    if parsed.parse_errors:
        return _parse(raw, None)
    return parsed


def _parse(raw: bytes, head: tuple[bytes, int] | None) -> mime.ParsedMessage:
    """Like mime.parse(raw), without feeding long part bodies through the line parser,
    and with ``head`` (see _read_fields) in place of the top-level header block.

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
        return _whole(raw, head)
    # Boundaries as their declarations come: the top-level header block's, then each
    # part's (a boundary declared elsewhere, say in a forwarded message, is missed, and
    # its parts are only left to the parser). No pass over the whole message for them.
    top = raw.find(b"\r\n\r\n")
    boundaries = _boundaries(raw[:top]) if top > 0 else set()
    if not boundaries:
        return _whole(raw, head)
    # The header block goes in as ``head``; the first delimiter comes after it.
    pieces: list[bytes] = [] if head is None else [head[0]]
    sizes: list[int] = []
    bodies: dict[str, str] = {}
    position = search_from = 0 if head is None else head[1]
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
        if raw.find(b"oundary=", header_start, blank) >= 0:
            boundaries |= _boundaries(raw[header_start:blank])
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
            if raw.find(b"\n--", body_start, end) >= 0 or raw.find(b"\r--", body_start, end) >= 0:
                continue  # a line the parser could take for a delimiter
            token = f"{_TOKEN}{len(bodies)}"
            bodies[token] = raw[body_start:end].decode("ascii", "surrogateescape")
            pieces.append(raw[position:body_start])
            pieces.append(token.encode())
        position = end  # the CRLF before "--" belongs to the boundary delimiter
    if not sizes and not bodies:
        return _whole(raw, head)
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


def _whole(raw: bytes, head: tuple[bytes, int] | None) -> mime.ParsedMessage:
    """mime.parse of the whole message, with ``head`` for its header block if given."""
    if head is None or len(raw) > WHOLE_COPY_MAX:
        return mime.parse(raw)
    parsed = mime.parse(head[0] + raw[head[1] :])
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
