"""Raw RFC 5322 bytes → a ParsedMessage, never raising.

Mail in the wild is broken in every way (undeclared or wrong charsets, bad
encoded-words, missing boundaries, raw 8-bit headers, bad dates). Parsing uses
the standard library's ``email`` package; every field is read defensively and
a problem is recorded in ``parse_error`` instead of dropping the message.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

SNIPPET_LENGTH = 200
# Czech mail without a declared charset is most often Windows-1250 or ISO-8859-2.
FALLBACK_CHARSETS = ("utf-8", "cp1250", "latin-1")
_MSGID = re.compile(r"<[^<>\s]+>")
_WS = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.I | re.S)


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


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, else the usual suspects; never raises."""
    candidates = [charset] if charset else []
    candidates += [c for c in FALLBACK_CHARSETS if c != charset]
    for cs in candidates:
        try:
            return data.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _header_text(msg: Message, name: str, errors: list[str]) -> str:
    """A header's decoded text; broken encoded-words and 8-bit bytes are repaired."""
    try:
        value = msg.get(name)
    except Exception as exc:  # the policy's header parser can fail on odd input
        errors.append(f"{name}: {exc}")
        value = None
    if value is None:
        raw = _raw_header(msg, name)
        if raw is None:
            return ""
        value = raw
    text = str(value)
    if "=?" in text or _has_surrogates(text):
        text = _decode_words(text, errors, name)
    return _WS.sub(" ", text).strip()


def _raw_header(msg: Message, name: str) -> str | None:
    for key, value in getattr(msg, "_headers", []):
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return None


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _decode_words(text: str, errors: list[str], name: str) -> str:
    if _has_surrogates(text):
        # Raw 8-bit bytes smuggled through as surrogates: decode them ourselves.
        text = decode_bytes(text.encode("utf-8", "surrogateescape"), None)
    try:
        return str(make_header(decode_header(text)))
    except Exception:
        errors.append(f"{name}: undecodable encoded-words")
        parts = []
        for chunk, cs in decode_header(text) if "=?" in text else [(text, None)]:
            parts.append(chunk if isinstance(chunk, str) else decode_bytes(chunk, cs))
        return "".join(parts)


def _addresses(msg: Message, name: str, errors: list[str]) -> list[tuple[str, str]]:
    text = _header_text(msg, name, errors)
    if not text:
        return []
    out = []
    try:
        pairs = getaddresses([text])
    except Exception:
        errors.append(f"{name}: unreadable address list")
        return []
    for display, addr in pairs:
        addr = addr.strip().strip("<>")
        if addr or display:
            out.append((display.strip(), addr))
    return out


def _message_ids(text: str) -> list[str]:
    return _MSGID.findall(text)


def _parse_date(msg: Message, errors: list[str]) -> datetime | None:
    text = _header_text(msg, "date", errors)
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        errors.append(f"date: cannot read {text[:60]!r}")
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def _part_text(part: Message, errors: list[str]) -> str:
    # Decode the bytes ourselves: get_content() silently replaces characters when
    # the declared charset is wrong or missing, while decode_bytes tries the
    # declared one strictly and then the usual suspects.
    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:
        errors.append(f"body: {type(exc).__name__}")
        payload = None
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = decode_bytes(payload, charset)
    return text.replace("\r\n", "\n")


def _filename(part: Message, errors: list[str]) -> str:
    try:
        name = part.get_filename()
    except Exception:
        errors.append("attachment: unreadable file name")
        name = None
    if not name:
        return ""
    name = str(name)
    if "=?" in name or _has_surrogates(name):
        name = _decode_words(name, errors, "filename")
    return name


def _walk(part: Message, path: str, out: ParsedMessage, texts: list[str], htmls: list[str]) -> None:
    errors = out.parse_errors
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "application/octet-stream"
    if part.is_multipart():
        payload = part.get_payload()
        if not isinstance(payload, list):
            return
        # In multipart/alternative take the richest text and html versions only.
        for index, child in enumerate(payload, start=1):
            _walk(child, f"{path}.{index}" if path else str(index), out, texts, htmls)
        return
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    filename = _filename(part, errors)
    is_body_text = (
        ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename
    )
    if is_body_text:
        body = _part_text(part, errors)
        (htmls if ctype == "text/html" else texts).append(body)
        return
    if ctype == "message/rfc822" and disposition != "attachment" and not filename:
        # An embedded message forwarded inline: list it as an attachment (.eml).
        filename = "message.eml"
    payload = part.get_payload(decode=True)
    if payload is None and ctype == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            payload = inner[0].as_bytes() if hasattr(inner[0], "as_bytes") else b""
    size = len(payload) if isinstance(payload, bytes | bytearray) else 0
    cid = ""
    try:
        cid = (part.get("content-id") or "").strip().strip("<>")
    except Exception:
        errors.append("attachment: unreadable Content-ID")
    out.attachments.append(
        AttachmentInfo(
            filename=filename or "",
            content_type=ctype,
            size=size,
            content_id=str(cid),
            inline=disposition == "inline" or (bool(cid) and disposition != "attachment"),
            part_path=path or "1",
        )
    )


def html_to_text(html: str) -> str:
    text = _HIDDEN.sub(" ", html)
    text = re.sub(r"<(br|p|div|tr|li|h\d)\b[^>]*>", "\n", text, flags=re.I)
    text = _TAGS.sub(" ", text)
    return html_lib.unescape(text)


def make_snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith(">")]
    return _WS.sub(" ", " ".join(lines)).strip()[:length]


def parse(raw: bytes) -> ParsedMessage:
    """Parse one message. Never raises: problems land in ``parse_errors``."""
    out = ParsedMessage(size=len(raw))
    errors = out.parse_errors
    try:
        msg = message_from_bytes(raw, policy=policy.default)
    except Exception as exc:  # pragma: no cover - the parser is very lenient
        errors.append(f"structure: {exc}")
        out.text = decode_bytes(raw, None)
        out.snippet = make_snippet(out.text)
        return out
    for defect in getattr(msg, "defects", [])[:5]:
        errors.append(f"structure: {type(defect).__name__}")

    out.subject = _header_text(msg, "subject", errors)
    out.message_id = (_message_ids(_header_text(msg, "message-id", errors)) or [""])[0]
    out.in_reply_to = (_message_ids(_header_text(msg, "in-reply-to", errors)) or [""])[0]
    out.references = _message_ids(_header_text(msg, "references", errors))
    out.date = _parse_date(msg, errors)
    senders = _addresses(msg, "from", errors)
    if senders:
        out.from_name, out.from_addr = senders[0]
    out.to = _addresses(msg, "to", errors)
    out.cc = _addresses(msg, "cc", errors)
    out.reply_to = _addresses(msg, "reply-to", errors)

    texts: list[str] = []
    htmls: list[str] = []
    try:
        _walk(msg, "", out, texts, htmls)
    except Exception as exc:  # a truly pathological tree: keep what we have
        errors.append(f"structure: {type(exc).__name__}: {exc}")
    out.text = "\n\n".join(t for t in texts if t)
    out.html = "\n".join(h for h in htmls if h)
    if not texts and not htmls and not out.attachments and not msg.is_multipart():
        out.text = decode_bytes(msg.get_payload(decode=True) or b"", None)
    out.snippet = make_snippet(out.text or html_to_text(out.html))
    return out


def all_addresses(parsed: ParsedMessage) -> list[str]:
    """Every address a message names (From, To, Cc), lower-cased."""
    pairs = [(parsed.from_name, parsed.from_addr), *parsed.to, *parsed.cc]
    return [addr.lower() for _, addr in pairs if addr]
