"""Raw RFC 5322 bytes → a ParsedMessage, never raising.

Mail in the wild is broken in every way (undeclared or wrong charsets, bad
encoded-words, missing boundaries, raw 8-bit headers, bad dates, NUL bytes).
The MIME structure is parsed by the standard library's ``email`` package; every
field is read defensively and a problem is recorded in ``parse_errors`` instead
of dropping the message. ``tests/data/malformed/`` is the corpus that proves it.

Why ``policy.compat32`` and not ``policy.default``: the default policy builds a
header object (a full RFC 5322 parse) for every header the parser or we touch,
which made parsing ~5x slower (≈220 messages/s on the benchmark corpus) and
still replaced undeclared 8-bit bytes with U+FFFD. Here headers are read raw
and decoded by ``decode_header_text`` (8-bit bytes: UTF-8, else the Czech
legacy charsets; RFC 2047 encoded-words: adjacent words joined, each
charset tried strictly before the fallbacks, broken words left as text).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

SNIPPET_LENGTH = 200
_MSGID = re.compile(r"<[^<>\s]+>")
_WS = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_TAGS = re.compile(r"<(br|p|div|tr|li|h\d)\b[^>]*>", re.I)
# C0/C1 control characters other than tab and line breaks: never meaningful in
# a subject, a name or a snippet, and NUL confuses SQLite's C APIs and FTS.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_ADDR = re.compile(r"[^\s<>,;:\"()@]+@[^\s<>,;:\"()@]+")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.I)
_SIMPLE_ADDRESS = re.compile(r"(?:([^<>@]*?)\s*<([^\s<>@]+@[^\s<>@]+)>|([^\s<>@]+@[^\s<>@]+))")
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")
# Codec-name prefixes of single-byte charsets. A body labelled with one of
# them that is valid UTF-8 (with non-ASCII bytes) is UTF-8 mislabelled: real
# legacy text practically never forms valid multi-byte UTF-8 sequences.
_SINGLE_BYTE = ("ascii", "iso8859", "latin", "cp125", "cp4", "cp8", "koi8", "mac-")


@dataclass
class AttachmentInfo:
    filename: str
    content_type: str
    size: int
    content_id: str = ""
    inline: bool = False
    part_path: str = ""


@dataclass
class ParsedMessage:
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    date: datetime | None = None  # UTC, naive
    from_name: str = ""
    from_addr: str = ""
    to: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str, str]] = field(default_factory=list)
    reply_to: list[tuple[str, str]] = field(default_factory=list)
    subject: str = ""
    text: str = ""
    html: str = ""
    snippet: str = ""
    attachments: list[AttachmentInfo] = field(default_factory=list)
    size: int = 0
    parse_errors: list[str] = field(default_factory=list)
    # The body's words for the search index: ``text``, else the HTML's text, made once
    # by the parse (in a worker) rather than again by the store. Derived, so not part
    # of what a parse result is (compare=False); "" when not made (store falls back).
    plain: str = field(default="", compare=False, repr=False)

    @property
    def has_attachments(self) -> bool:
        return any(not a.inline for a in self.attachments)

    @property
    def parse_error(self) -> str | None:
        return "; ".join(self.parse_errors) if self.parse_errors else None

    @property
    def thread_root(self) -> str:
        """The Message-ID that starts this message's conversation, as far as it knows."""
        if self.references:
            return self.references[0]
        return self.in_reply_to or self.message_id


# --- the parsed tree's part class -------------------------------------------------

_MISSING = object()


class _Part(Message):
    """email.message.Message with the same answers, found faster.

    The parser and the walk below ask each part for its headers some 30 times
    (content type, boundary, charset, file name): Message scans all headers and
    lower-cases every name per question, and re-parses a parameter list per
    get_param. Here the lower-cased names are kept beside the header list
    (rebuilt whenever that list is replaced or grows; Message's own mutators only
    append, replace a value under the same name, or build a new list), and a
    header value's content type and parameter list come from caches keyed by the
    value: the same text gives the same answer. Values that are not plain ASCII
    text go to Message's own code.
    """

    _names_of: tuple[list, list[str]] | None = None  # (self._headers, their lower names)

    def _lower_names(self) -> list[str]:
        headers = self._headers
        cache = self._names_of
        if cache is None or cache[0] is not headers or len(cache[1]) != len(headers):
            cache = self._names_of = (headers, [str(k).lower() for k, _ in headers])
        return cache[1]

    def get(self, name, failobj=None):
        try:
            index = self._lower_names().index(name.lower())
        except ValueError:
            return failobj
        key, value = self._headers[index]
        if type(value) is str and value.isascii() and self.policy is compat32:
            return value  # compat32 returns text without surrogates as it is
        return self.policy.header_fetch_parse(key, value)

    def __contains__(self, name) -> bool:
        return name.lower() in self._lower_names()

    def get_content_type(self) -> str:
        value = self.get("content-type", _MISSING)
        if value is _MISSING:
            return self.get_default_type()
        if type(value) is str:
            return _content_type(value)
        return super().get_content_type()

    def _get_params_preserve(self, failobj, header):
        value = self.get(header, _MISSING)
        if value is _MISSING:
            return failobj
        if type(value) is str:
            return list(_params(value))  # a list of its own: callers may keep it
        return super()._get_params_preserve(failobj, header)


@lru_cache(maxsize=512)
def _content_type(value: str) -> str:
    # Message.get_content_type, for a present Content-Type value.
    ctype = value.partition(";")[0].strip().lower()
    return ctype if ctype.count("/") == 1 else "text/plain"


@lru_cache(maxsize=512)
def _params(value: str) -> tuple:
    # Message._get_params_preserve of a header with this value (its items are tuples).
    holder = Message()
    holder._headers = [("x", value)]
    return tuple(Message._get_params_preserve(holder, None, "x"))


# --- charsets -------------------------------------------------------------------


@lru_cache(maxsize=256)
def _codec(charset: str | None) -> str | None:
    """The codec's canonical name, or None when Python does not know the label."""
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'").lower()).name
    except (LookupError, ValueError, TypeError):
        return None


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset when it fits, else guess; never raises.

    Order: valid UTF-8 (when the label is missing, unknown or single-byte),
    then the label strictly, then windows-1250 (when C1 bytes 0x80–0x9F occur,
    which ISO-8859-2 never uses for letters) or ISO-8859-2 — Czech mail without a
    usable label is almost always one of the two.
    """
    if not data:
        return ""
    codec = _codec(charset)
    if codec is None or codec == "utf-8" or codec.startswith(_SINGLE_BYTE):
        if data.isascii():
            return data.decode("ascii")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):  # LookupError: e.g. "base64" is no text codec
            pass
    if _C1_BYTES.search(data):
        try:
            return data.decode("cp1250")
        except UnicodeDecodeError:
            return data.decode("cp1250", errors="replace")
    return data.decode("iso8859-2")  # defines all 256 bytes: cannot fail


def _clean(text: str) -> str:
    """One line of header text: no control characters, whitespace collapsed."""
    if text.isprintable():
        # Printable text has no whitespace but U+0020 (tabs, line breaks and the other
        # Unicode spaces are not printable): with no two spaces in a row, nothing to collapse.
        if "  " not in text:
            return text.strip()
    else:
        text = _CONTROL.sub("", text)
    return _WS.sub(" ", text).strip()


# --- headers --------------------------------------------------------------------


def _raw_headers(part: Message) -> dict[str, str]:
    """Header name (lower case) → its first raw value, as the parser read it.

    compat32 keeps undeclared 8-bit bytes as surrogate escapes: decode_header_text
    turns them back into bytes and decodes them properly.
    """
    found: dict[str, str] = {}
    for key, value in getattr(part, "_headers", ()):
        found.setdefault(str(key).lower(), value if isinstance(value, str) else str(value))
    return found


def _unescape_8bit(text: str) -> str:
    if text.isascii():
        return text
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text
    return decode_bytes(data, None)


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "bB":
            padded = payload + "=" * (-len(payload) % 4)
            return base64.b64decode(padded, validate=True)
        return binascii.a2b_qp(payload.encode("utf-8"), header=True)
    except (binascii.Error, ValueError):
        return None


def decode_encoded_words(text: str, errors: list[str] | None = None, name: str = "") -> str:
    """RFC 2047 decoding that survives what real mailers produce.

    Adjacent words in the same charset are joined before decoding (mailers
    split multi-byte characters across words); a word that cannot be decoded
    stays as written and is noted.
    """
    if "=?" not in text:
        return text
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset: str | None = None
    pos = 0

    def flush() -> None:
        nonlocal pending_charset
        if pending:
            out.append(decode_bytes(b"".join(pending), pending_charset))
            pending.clear()
        pending_charset = None

    for match in _ENCODED_WORD.finditer(text):
        between = text[pos : match.start()]
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 language suffix
        data = _word_bytes(match.group(2), match.group(3))
        pos = match.end()
        if data is None:
            if errors is not None:
                errors.append(f"{name}: undecodable encoded-word")
            flush()
            out.append(between + match.group(0))
            continue
        # Whitespace between two encoded-words is not part of the text.
        if between and not (pending and between.isspace()):
            flush()
            out.append(between)
        elif pending and _codec(charset) != _codec(pending_charset):
            flush()
        pending.append(data)
        pending_charset = charset
    flush()
    out.append(text[pos:])
    return "".join(out)


def decode_header_text(value: str | None, errors: list[str] | None = None, name: str = "") -> str:
    """A raw header value → readable text (8-bit bytes and encoded-words decoded)."""
    if not value:
        return ""
    return _clean(decode_encoded_words(_unescape_8bit(value), errors, name))


def _addresses(raw: str | None, errors: list[str], name: str) -> list[tuple[str, str]]:
    # Split first, decode names after: a decoded name may contain "," or "<".
    if not raw:
        return []
    text = _unescape_8bit(raw).replace("\r", " ").replace("\n", " ")
    pairs = _simple_addresses(text)
    if pairs is None:
        try:
            pairs = getaddresses([text])
        except Exception:
            errors.append(f"{name}: unreadable address list")
            return []
    out = []
    for display, addr in pairs:
        addr = _clean(addr).strip("<>")
        display = _clean(decode_encoded_words(display, errors, name))
        if any(ch in addr for ch in " <>,;"):
            # The parser gave up on odd quoting and returned the rest as one
            # "address": take the addr-specs out of it instead.
            errors.append(f"{name}: odd address list")
            out.extend((display if i == 0 else "", a) for i, a in enumerate(_ADDR.findall(addr)))
            continue
        if addr or display:
            out.append((display, addr))
    if not out and text.strip():
        errors.append(f"{name}: no address in {text.strip()[:60]!r}")
    return out


def _simple_addresses(text: str) -> list[tuple[str, str]] | None:
    """The common forms ("a@b", "Name <a@b>", "=?..?= <a@b>") without the slow
    general parser; None when the list has quotes, comments, groups or anything odd."""
    if any(ch in text for ch in '"()\\:;[]'):
        return None
    pairs = []
    for piece in text.split(","):
        piece = piece.strip()
        if not piece:
            continue
        match = _SIMPLE_ADDRESS.fullmatch(piece)
        if match is None:
            return None
        display, bracketed, bare = match.groups()
        pairs.append(((display or "").strip(), bracketed or bare))
    return pairs


def _message_id(raw: str) -> str:
    found = _MSGID.search(raw)
    if found:
        return found.group(0)
    # Some mailers drop the angle brackets: keep a lone id@host for threading.
    bare = raw.strip()
    return f"<{bare}>" if "@" in bare and not any(c.isspace() or c in "<>" for c in bare) else ""


def _parse_date(raw: str | None, errors: list[str]) -> datetime | None:
    text = decode_header_text(raw)
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except Exception:  # TypeError, ValueError, IndexError, OverflowError across versions
        errors.append(f"date: cannot read {text[:60]!r}")
        return None
    if when.tzinfo is not None:
        try:
            when = when.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):
            when = when.replace(tzinfo=None)
    return when


# --- bodies and parts -------------------------------------------------------------


def _payload_bytes(
    part: Message, headers: dict[str, str], errors: list[str], *, is_text: bool = False
) -> bytes | None:
    """The part's decoded bytes (None for a container)."""
    raw = part.get_payload()
    if isinstance(raw, list):
        return None
    if (
        is_text
        and isinstance(raw, str)
        and headers.get("content-transfer-encoding", "").strip().lower() == "base64"
        and _not_base64(raw)
    ):
        # Not base64 at all: keep the text as written rather than decoded noise.
        errors.append("body: invalid base64")
        return raw.encode("utf-8", "surrogateescape")
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:
        errors.append(f"body: {type(exc).__name__}")
        data = None
    if data is None:
        return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    return data


# What _NOT_BASE64 allows, as bytes: base64's alphabet and ASCII whitespace (\s).
_BASE64_TEXT = (
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
    b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
)


def _not_base64(text: str) -> bool:
    """Whether ``text`` has a character _NOT_BASE64 finds; for ASCII text at C speed
    (a regex search tests a 10 KB body character by character, ~9x slower)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _BASE64_TEXT))
    return _NOT_BASE64.search(text) is not None


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        return None


def _part_text(part: Message, headers: dict[str, str], errors: list[str]) -> str:
    # Decode the bytes ourselves: the declared charset is tried strictly and
    # then the usual suspects, instead of silently replacing characters.
    payload = _payload_bytes(part, headers, errors, is_text=True) or b""
    charset = _charset(part)
    if charset is None and not payload.isascii():
        # HTML often names its charset only in <meta charset=...>.
        meta = _META_CHARSET.search(payload, 0, 2048)
        charset = meta.group(1).decode("ascii") if meta else None
    text = decode_bytes(payload, charset)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.replace("\r\n", "\n")


def _filename(part: Message, errors: list[str]) -> str:
    try:
        name = part.get_param("filename", None, "content-disposition")
        if not name:
            name = part.get_param("name", None, "content-type")
    except Exception:
        errors.append("attachment: unreadable file name")
        return ""
    if not name:
        return ""
    if isinstance(name, tuple):  # RFC 2231: (charset, language, %-decoded text)
        charset, _lang, value = name
        try:
            data = str(value).encode("raw-unicode-escape")
        except UnicodeEncodeError:
            return _clean(str(value))
        return _clean(decode_bytes(data, charset))
    return decode_header_text(str(name).strip('"'), errors, "filename")


def _disposition(headers: dict[str, str]) -> str:
    value = headers.get("content-disposition", "")
    return value.split(";", 1)[0].strip().lower() if value else ""


def _walk(
    part: Message, path: str, out: ParsedMessage, texts: list[str], htmls: list[str], depth: int
) -> None:
    errors = out.parse_errors
    headers = _raw_headers(part)
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "application/octet-stream"
    payload = part.get_payload()
    if ctype == "message/rfc822" and path and isinstance(payload, list):
        _add_attachment(part, headers, path, out, ctype, embedded=payload)
        return
    if isinstance(payload, list):
        if depth > 100:
            errors.append("structure: nested too deep")
            return
        for index, child in enumerate(payload, start=1):
            if isinstance(child, Message):
                _walk(
                    child, f"{path}.{index}" if path else str(index), out, texts, htmls, depth + 1
                )
        return
    if ctype.startswith("multipart/"):
        # No parts found (missing or wrong boundary): the body text is all there is.
        texts.append(_part_text(part, headers, errors))
        return
    disposition = _disposition(headers)
    filename = _filename(part, errors)
    if ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename:
        (htmls if ctype == "text/html" else texts).append(_part_text(part, headers, errors))
        return
    _add_attachment(part, headers, path or "1", out, ctype, filename=filename)


def _add_attachment(
    part: Message,
    headers: dict[str, str],
    path: str,
    out: ParsedMessage,
    ctype: str,
    *,
    filename: str = "",
    embedded: list | None = None,
) -> None:
    errors = out.parse_errors
    disposition = _disposition(headers)
    if embedded is not None:
        # A forwarded message: listed as an .eml attachment named by its subject.
        inner = embedded[0] if embedded else None
        cte = headers.get("content-transfer-encoding", "").strip().lower()
        if inner is not None and cte in ("base64", "quoted-printable"):
            # Not allowed by RFC 2046, but sent: the parser read the encoded text
            # as a header-less message. Decode it and parse the real one.
            inner = _decode_embedded(inner, cte) or inner
        subject = decode_header_text(_raw_headers(inner).get("subject")) if inner else ""
        filename = _filename(part, errors) or f"{subject[:80] or 'message'}.eml"
        try:
            size = len(inner.as_bytes()) if inner is not None else 0
        except Exception:
            size = 0
    else:
        data = _payload_bytes(part, headers, errors)
        size = len(data) if data else 0
    cid = decode_header_text(headers.get("content-id")).strip("<>")
    # "Inline" means drawn inside the HTML body (a cid: image); an inline PDF
    # without a Content-ID is still an attachment the user wants to see.
    inline = disposition != "attachment" and (
        bool(cid) or (disposition == "inline" and ctype.startswith("image/"))
    )
    out.attachments.append(
        AttachmentInfo(
            filename=filename,
            content_type=ctype,
            size=size,
            content_id=cid,
            inline=inline,
            part_path=path,
        )
    )


def _decode_embedded(inner: Message, cte: str) -> Message | None:
    try:
        encoded = inner.as_bytes()
        if cte == "base64":
            data = base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", encoded) + b"==")
        else:
            data = binascii.a2b_qp(encoded)
        return message_from_bytes(data, _Part, policy=compat32)
    except Exception:  # binascii.Error, or anything the parser dislikes: keep what we had
        return None


def html_to_text(html: str) -> str:
    text = _HIDDEN.sub(" ", html)
    text = _BLOCK_TAGS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    return html_lib.unescape(text)


def make_snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    """The first words of the message, without quoted lines (replies' "> ...")."""
    kept: list[str] = []
    size = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            continue
        kept.append(stripped)
        size += len(stripped) + 1
        if size > length * 2:  # enough: do not walk a huge body
            break
    return _clean(" ".join(kept))[:length]


class BodiesNotRestored(Exception):
    """fastparse's stand-in bodies did not all land as whole part payloads."""


def parse(raw: bytes, *, bodies: dict[str, str] | None = None) -> ParsedMessage:
    """Parse one message. Never raises: problems land in ``parse_errors``.

    ``bodies`` (fastparse only): stand-in payload → the real one, put back into
    the parsed parts before anything reads them; BodiesNotRestored when one of
    them is not exactly a leaf part's payload, or when the copy cannot be parsed at
    all (the caller then parses the original message).
    """
    out = ParsedMessage(size=len(raw))
    errors = out.parse_errors
    try:
        return _parse(raw, out, bodies)
    except BodiesNotRestored:
        raise
    except Exception as exc:  # a pathological input (e.g. MIME nested ~1,000 deep)
        if bodies:
            raise BodiesNotRestored from exc  # fastparse: degrade from the real message
        errors.append(f"structure: {type(exc).__name__}: {exc}"[:300])
        if not out.message_id and not out.subject and not out.from_addr:
            # The top-level headers on their own (no descent into parts), so From,
            # Subject, Date and Message-ID are kept whatever the body's structure.
            try:
                _fill_headers(_headers_only(raw), out, errors)
            except Exception as head_exc:
                errors.append(f"headers: {type(head_exc).__name__}"[:300])
        if not out.text and not out.html:  # the body degrades to the raw source
            out.text = decode_bytes(raw, None).replace("\x00", "")
            out.snippet = make_snippet(out.text)
        return out


def _headers_only(raw: bytes) -> Message:
    """The top-level header block alone (up to the first empty line)."""
    ends = [at for at in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if at >= 0]
    head = raw[: min(ends)] + b"\r\n\r\n" if ends else raw
    return BytesHeaderParser(_Part, policy=compat32).parsebytes(head)


def _restore_bodies(msg: Message, bodies: dict[str, str]) -> None:
    # Each stand-in exactly once: one seen twice is a part of the mail itself.
    restored: set[str] = set()
    for part in msg.walk():
        payload = part._payload
        if isinstance(payload, str) and payload in bodies:
            if payload in restored:
                raise BodiesNotRestored
            part._payload = bodies[payload]
            restored.add(payload)
    if len(restored) != len(bodies):
        raise BodiesNotRestored


def _fill_headers(msg: Message, out: ParsedMessage, errors: list[str]) -> None:
    headers = _raw_headers(msg)
    out.subject = decode_header_text(headers.get("subject"), errors, "subject")
    out.message_id = _message_id(headers.get("message-id", ""))
    out.in_reply_to = (_MSGID.findall(headers.get("in-reply-to", "")) or [""])[0]
    out.references = _MSGID.findall(headers.get("references", ""))
    out.date = _parse_date(headers.get("date"), errors)
    senders = _addresses(headers.get("from"), errors, "from")
    if senders:
        out.from_name, out.from_addr = senders[0]
    out.to = _addresses(headers.get("to"), errors, "to")
    out.cc = _addresses(headers.get("cc"), errors, "cc")
    out.reply_to = _addresses(headers.get("reply-to"), errors, "reply-to")


def _parse(raw: bytes, out: ParsedMessage, bodies: dict[str, str] | None = None) -> ParsedMessage:
    errors = out.parse_errors
    msg = message_from_bytes(raw, _Part, policy=compat32)
    if bodies:
        _restore_bodies(msg, bodies)
    for defect in getattr(msg, "defects", [])[:5]:
        errors.append(f"structure: {type(defect).__name__}")

    _fill_headers(msg, out, errors)

    texts: list[str] = []
    htmls: list[str] = []
    try:
        _walk(msg, "", out, texts, htmls, 0)
    except RecursionError:
        errors.append("structure: nested too deep")
    out.text = "\n\n".join(t for t in texts if t)
    out.html = "\n".join(h for h in htmls if h)
    out.plain = out.text or html_to_text(out.html)
    out.snippet = make_snippet(out.plain)
    return out


def all_addresses(parsed: ParsedMessage) -> list[str]:
    """Every address a message names (From, To, Cc), lower-cased."""
    pairs = [(parsed.from_name, parsed.from_addr), *parsed.to, *parsed.cc]
    return [addr.lower() for _, addr in pairs if addr]
