"""Building outgoing messages: new mail, replies and forwards.

Pure functions over the store and the standard library's ``email`` package (no Qt):
the GUI's compose window and the CLI's ``send`` build messages the same way.

- ``build_message`` makes a complete RFC 5322 message: From with the sender's name,
  a Message-ID in the mailbox's domain, Date, a plain-text alternative generated from
  the HTML, attachments with their MIME types and RFC 2231 file names. Bodies are
  quoted-printable or base64 so the bytes are 7-bit clean for any SMTP server.
- ``reply_draft`` / ``forward_draft`` prefill a ``ComposeDraft`` from a stored message
  (recipients, "Re:"/"Fwd:" subject, the References chain, the quote, the signature).
- Pictures travel as inline parts: every ``<img>`` of the HTML that refers to a stored
  signature picture (``holub-sig:<digest>``), a picture of a stored message
  (``holub-part:<message id>/<content id>``, what a quoted reply or forward keeps) or an
  embedded ``data:`` picture (pasted into the editor) becomes one part of a
  ``multipart/related`` beside the HTML, referred to as ``cid:``. The same bytes twice
  are one part; without pictures there is no ``multipart/related`` layer.
- User-visible words that land in the message (quote header, forward header) are
  passed in as ``labels`` so the GUI can hand over translated ones.
"""

from __future__ import annotations

import copy
import html as html_lib
import mimetypes
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, localtime, make_msgid
from html.parser import HTMLParser
from pathlib import Path

from desktop.errors import InvalidInput
from desktop.models import shared
from desktop.models.mail import Mailbox, Message, MessageBody
from desktop.services import signature_images

# SMTP line endings, and 7-bit transfer encodings so no server has to cope with 8-bit data.
MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")

DEFAULT_LABELS = {
    "wrote": "On {date}, {sender} wrote:",
    "forwarded": "---------- Forwarded message ----------",
    "from": "From",
    "date": "Date",
    "subject": "Subject",
    "to": "To",
    "cc": "Cc",
}

_REPLY_PREFIX = re.compile(r"^\s*(re|odp|aw|sv)\s*(\[\d+\])?\s*:", re.I)
_FORWARD_PREFIX = re.compile(r"^\s*(fwd?|tr|wg|pfw)\s*(\[\d+\])?\s*:", re.I)
_SIGNATURE_CLASS = "holub-signature"


@dataclass
class AttachmentData:
    """An attachment held in memory (a part of a stored message, a forwarded message)."""

    filename: str
    content_type: str
    data: bytes


AttachmentSource = str | Path | AttachmentData


@dataclass
class ComposeDraft:
    """What the compose window starts with; also what drafts are saved as."""

    mailbox_id: int | None
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    subject: str = ""
    html: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    # File paths, or {"message": id} (the whole stored message as .eml) or
    # {"message": id, "part": "1.2"} (one attachment of a stored message).
    attachments: list[str | dict] = field(default_factory=list)
    kind: str = "new"  # new | reply | forward (the signature follows its own setting)


# --- addresses ---------------------------------------------------------------------------


def split_addresses(value: str | Iterable[str] | None) -> list[str]:
    """'a@x, "B, C" <b@y>' or a list of such strings → ['a@x', 'B, C <b@y>'] (validated)."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for name, addr in getaddresses([i for i in items if i and i.strip()]):
        addr = addr.strip()
        if not addr and not name:
            continue
        if not _valid_address(addr):
            shown = addr or name
            raise InvalidInput(f"Not an e-mail address: {shown!r}.")
        out.append(format_address(name, _ascii_address(addr)))
    return out


_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def format_address(name: str, addr: str) -> str:
    """'Name <addr>' for people to read and edit (the header encodes it when sending)."""
    name = " ".join((name or "").split())
    if not name:
        return addr
    if _SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{addr}>"


def _ascii_address(addr: str) -> str:
    """An internationalised domain in its ASCII (punycode) form, as SMTP needs it.

    A non-ASCII local part would need SMTPUTF8 end to end, which Holub does not rely on.
    """
    local, _, domain = addr.rpartition("@")
    if not local.isascii():
        raise InvalidInput(
            f"The address {addr} has accented letters before the @; "
            "such addresses cannot be sent to reliably."
        )
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise InvalidInput(f"Not a valid domain in the address {addr}.") from exc
    return f"{local}@{domain}"


def _one_line(text: str) -> str:
    # Header values cannot hold line breaks (and must not, against header injection).
    return " ".join((text or "").split())


def _valid_address(addr: str) -> bool:
    local, at, domain = addr.rpartition("@")
    return bool(at and local and domain and " " not in addr and "." in domain.strip("."))


def bare_address(value: str) -> str:
    return getaddresses([value])[0][1].lower()


def mailbox_domain(mailbox: Mailbox) -> str:
    domain = mailbox.email.rpartition("@")[2].strip()
    return domain or "holub.invalid"


# --- HTML ↔ text --------------------------------------------------------------------------


class _TextMaker(HTMLParser):
    """HTML → readable plain text: paragraphs, line breaks, lists, links, quotes."""

    BLOCKS = {"p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre"}
    HIDDEN = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.hidden = 0
        self.quote = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.href: list[str | None] = []
        self.link_text: list[str] = []
        self.pre = 0

    def _newline(self, force: bool = False) -> None:
        if force or self.lines[-1].strip():
            self.lines.append("")

    def _write(self, text: str) -> None:
        if not self.lines[-1]:
            self.lines[-1] = "> " * self.quote
        self.lines[-1] += text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._newline(force=True)
        elif tag == "blockquote":
            self._newline()
            self.quote += 1
        elif tag in ("ul", "ol"):
            self._newline()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._newline()
            if self.lists:
                self.lists[-1][1] += 1
                ordered, number = self.lists[-1]
                indent = "  " * (len(self.lists) - 1)
                self._write(f"{indent}{number}. " if ordered else f"{indent}- ")
            else:
                self._write("- ")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_text.append("")
        elif tag in self.BLOCKS:
            if tag == "pre":
                self.pre += 1
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "blockquote":
            self._newline()
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._newline()
        elif tag == "a" and self.href:
            href, text = self.href.pop(), self.link_text.pop()
            if href and not href.startswith("mailto:") and href.strip() != text.strip():
                self._write(f" <{href}>")
        elif tag in self.BLOCKS:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._newline(force=True)
                self._write(part)
            return
        text = re.sub(r"\s+", " ", data)
        if not self.lines[-1].strip(" >"):
            text = text.lstrip()
        if text:
            self._write(text)
            if self.link_text:
                self.link_text[-1] += text


def html_to_plain(html: str) -> str:
    """A plain-text alternative for an HTML body (what text-only mail readers show)."""
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    # "-- " (with its space) is the signature separator mail readers look for.
    lines = [line if line == "-- " else line.rstrip() for line in maker.lines]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


def text_to_paragraphs(text: str) -> str:
    """Plain text → HTML paragraphs (blank lines part them, line breaks stay)."""
    text = text.replace("\r\n", "\n").strip("\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join(f"<p>{text_to_html(block)}</p>\n" for block in blocks)


def text_to_html(text: str) -> str:
    """Plain text → HTML that keeps line breaks (for quoting a text-only message)."""
    escaped = html_lib.escape(text)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>\n")


_QT_PARA = re.compile(r"<p (style=\"[^\"]*\")>(.*?)</p>", re.S)
_QT_INDENT = re.compile(r"margin-left:(\d+)px; margin-right:(\d+)px;")
_QT_BODY_STYLE = re.compile(r"<body style=\"[^\"]*\">")
_QUOTE_OPEN = (
    '<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:2px solid #ccc;padding-left:1ex">'
)


def editor_html_for_mail(html: str) -> str:
    """Qt rich-text editor HTML → HTML for mail.

    Qt's editor stores a quote as a paragraph indented by 40 px on both sides per level;
    turn that back into blockquotes (so readers draw the quote bar and the text
    alternative gets "> "), and drop the editor's body font (its small point size).
    """
    html = _QT_BODY_STYLE.sub("<body>", html)

    def quote(match: re.Match[str]) -> str:
        style, inner = match.group(1), match.group(2)
        indent = _QT_INDENT.search(style)
        if not indent or indent.group(1) != indent.group(2):
            return match.group(0)
        level, rest = divmod(int(indent.group(1)), 40)
        if level == 0 or rest:
            return match.group(0)
        style = _QT_INDENT.sub("margin-left:0px; margin-right:0px;", style)
        return _QUOTE_OPEN * level + f"<p {style}>{inner}</p>" + "</blockquote>" * level

    html = _QT_PARA.sub(quote, html)
    # Adjacent quoted paragraphs form one quote (repeat: each merge can expose another).
    seam = re.compile(r"</blockquote>\s*" + re.escape(_QUOTE_OPEN))
    while True:
        html, merged = seam.subn("", html)
        if not merged:
            return html


_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.I | re.S)
_DANGEROUS = re.compile(
    r"<(script|style|head|title|iframe|object|embed)\b.*?</\1\s*>|<(meta|link|base)\b[^>]*>",
    re.I | re.S,
)


def quotable_html(html: str) -> str:
    """The inner body of a received HTML message, without scripts, styles and heads."""
    match = _BODY.search(html)
    inner = match.group(1) if match else html
    return _DANGEROUS.sub("", inner)


# --- signature ----------------------------------------------------------------------------


def signature_html(mailbox: Mailbox, *, reply: bool) -> str:
    """The mailbox's signature as an HTML block, or "" when none applies here."""
    sig = (mailbox.signature_html or "").strip()
    if not sig or (reply and not mailbox.signature_in_replies):
        return ""
    # "-- " on its own line is the usual separator that mail readers recognise.
    # A paragraph of its own (no margins), so no blank line opens up under it.
    return f'<div class="{_SIGNATURE_CLASS}"><p style="margin:0">-- </p>{sig}</div>'


# --- inline pictures ----------------------------------------------------------------------

PART_SCHEME = "holub-part"
_CID_SRC = re.compile(r"""(\bsrc\s*=\s*)(["']?)cid:([^"'\s>]+)\2""", re.I)


def part_ref(message_id: int, content_id: str) -> str:
    """How a draft refers to an inline picture of a stored message."""
    from urllib.parse import quote

    return f"{PART_SCHEME}:{message_id}/{quote(content_id.strip('<>'), safe='@.-_')}"


def keep_inline_pictures(html: str, message_id: int) -> str:
    """A stored message's ``cid:`` pictures → ``holub-part:`` references (for quoting)."""
    from urllib.parse import unquote

    def swap(match: re.Match[str]) -> str:
        ref = part_ref(message_id, unquote(match.group(3)))
        return f'{match.group(1)}"{ref}"'

    return _CID_SRC.sub(swap, html)


@dataclass(frozen=True)
class InlinePicture:
    content_id: str  # without the angle brackets
    content_type: str
    data: bytes
    filename: str


def resolve_picture(src: str, mailbox_id: int | None = None) -> tuple[str, bytes] | None:
    """(content type, bytes) of a picture Holub embeds, else None (left as it is)."""
    src = src.strip()
    digest = signature_images.ref_digest(src)
    if digest is not None:
        row = signature_images.find_image(digest, mailbox_id)
        if row is None:
            raise InvalidInput("A picture of the signature is no longer stored; insert it again.")
        return row.content_type, bytes(row.data)
    if src.lower().startswith(PART_SCHEME + ":"):
        from urllib.parse import unquote

        from desktop.render.message import cid_content

        message_part, _, cid = src[len(PART_SCHEME) + 1 :].partition("/")
        found = cid_content(int(message_part), unquote(cid)) if message_part.isdigit() else None
        if found is None or not found[0].startswith("image/"):
            raise InvalidInput("A quoted picture is no longer stored; remove it and send again.")
        return found
    if src.lower().startswith("data:"):
        data = signature_images.decode_data_url(src)
        if data is None:
            return None
        ctype = src[5:].split(";", 1)[0].split(",", 1)[0].lower() or "image/png"
        if not ctype.startswith("image/"):
            raise InvalidInput("Only pictures can be embedded in a message.")
        return ctype, data
    return None


def embed_pictures(
    html: str, domain: str, mailbox_id: int | None = None
) -> tuple[str, list[InlinePicture]]:
    """The HTML with its embedded pictures as ``cid:`` references, and those pictures
    (each distinct picture once, in order of first use)."""
    import hashlib

    by_digest: dict[str, InlinePicture] = {}
    out: list[str] = []
    last = 0
    for tag in signature_images.image_tags(html):
        found = resolve_picture(tag.get("src"), mailbox_id)
        if found is None:
            continue
        ctype, data = found
        digest = hashlib.sha256(data).hexdigest()
        picture = by_digest.get(digest)
        if picture is None:
            ext = (mimetypes.guess_extension(ctype) or ".bin").lstrip(".")
            picture = InlinePicture(
                f"{digest[:24]}@{domain}", ctype, data, f"image{len(by_digest) + 1}.{ext}"
            )
            by_digest[digest] = picture
        attrs = [(k, v) for k, v in tag.attrs if k.lower() != "src"]
        out.append(html[last : tag.start])
        out.append(signature_images.render_tag([("src", f"cid:{picture.content_id}"), *attrs]))
        last = tag.end
    out.append(html[last:])
    return "".join(out), list(by_digest.values())


# --- building -----------------------------------------------------------------------------


def _attachment(source: AttachmentSource) -> AttachmentData:
    if isinstance(source, AttachmentData):
        return source
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read the attachment {path}: {exc.strerror or exc}.") from exc
    ctype, encoding = mimetypes.guess_type(path.name)
    if ctype is None or encoding is not None:
        # Unknown, or compressed (.gz): send the bytes as they are.
        ctype = "application/octet-stream"
    return AttachmentData(path.name, ctype, data)


def _add_attachment(msg: EmailMessage, att: AttachmentData) -> None:
    maintype, _, subtype = att.content_type.partition("/")
    if att.content_type == "message/rfc822":
        # Attached as a message so readers show it as one. The 7-bit policy re-encodes
        # any 8-bit part inside it, so the whole message stays 7-bit clean.
        inner = message_from_bytes(att.data, policy=policy.default)
        msg.add_attachment(inner, filename=att.filename)
        return
    msg.add_attachment(
        att.data,
        maintype=maintype or "application",
        subtype=subtype or "octet-stream",
        filename=att.filename,
    )


def build_message(
    mailbox: Mailbox,
    to: str | Sequence[str] | None,
    cc: str | Sequence[str] | None = None,
    bcc: str | Sequence[str] | None = None,
    subject: str = "",
    html: str | None = None,
    text: str | None = None,
    attachments: Sequence[AttachmentSource] = (),
    in_reply_to: str | None = None,
    references: str | Sequence[str] | None = None,
    *,
    add_signature: bool = False,
    date: datetime | None = None,
) -> EmailMessage:
    """A complete message ready to queue. ``Bcc`` is kept here; the outbox strips it.

    ``add_signature`` appends the mailbox's signature (following its reply setting) for
    callers whose body does not already carry it (the CLI); the compose window puts the
    signature in the editor instead so the user sees and can edit it.
    """
    to_list, cc_list, bcc_list = split_addresses(to), split_addresses(cc), split_addresses(bcc)
    if not (to_list or cc_list or bcc_list):
        raise InvalidInput("The message has no recipients.")
    if html is None and text is None:
        text = ""
    is_reply = bool(in_reply_to)
    if add_signature:
        sig = signature_html(mailbox, reply=is_reply)
        if sig:
            if html is not None:
                html = f"{html}\n{sig}"
            if text is not None:
                text = f"{text.rstrip()}\n\n{html_to_plain(sig)}"

    msg = EmailMessage(policy=MAIL_POLICY)
    msg["From"] = format_address(mailbox.sender_name, mailbox.email)
    if to_list:
        msg["To"] = ", ".join(to_list)
    if cc_list:
        msg["Cc"] = ", ".join(cc_list)
    if bcc_list:
        msg["Bcc"] = ", ".join(bcc_list)
    msg["Subject"] = _one_line(subject)
    msg["Date"] = format_datetime(date or localtime())
    msg["Message-ID"] = make_msgid(domain=mailbox_domain(mailbox))
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    refs = references.split() if isinstance(references, str) else list(references or [])
    if in_reply_to and in_reply_to not in refs:
        refs.append(in_reply_to)
    if refs:
        msg["References"] = " ".join(refs)
    msg["MIME-Version"] = "1.0"
    msg["User-Agent"] = "Holub"

    if html is not None:
        plain = text if text is not None else html_to_plain(html)
        msg.set_content(plain)
        full_html = (
            html
            if "<html" in html.lower()
            else (
                '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                f"<body>{html}</body></html>"
            )
        )
        full_html, pictures = embed_pictures(full_html, mailbox_domain(mailbox), mailbox.id)
        msg.add_alternative(full_html, subtype="html")
        html_part = msg.get_payload()[1]
        for picture in pictures:
            # add_related turns the HTML part into multipart/related on the first call.
            maintype, _, subtype = picture.content_type.partition("/")
            html_part.add_related(
                picture.data,
                maintype=maintype,
                subtype=subtype,
                cid=f"<{picture.content_id}>",
                disposition="inline",
                filename=picture.filename,
            )
    else:
        msg.set_content(text or "")
    for source in attachments:
        _add_attachment(msg, _attachment(source))
    for part in msg.walk():
        if part is not msg:
            # The email package repeats MIME-Version on parts it converts; it belongs
            # to the top level only.
            del part["MIME-Version"]
    return msg


def envelope_recipients(msg: EmailMessage) -> list[str]:
    """Every address the message goes to (To, Cc, Bcc), each once, in order."""
    seen: dict[str, str] = {}
    values = [str(v) for name in ("to", "cc", "bcc") for v in msg.get_all(name, [])]
    for _, addr in getaddresses(values):
        if addr and addr.lower() not in seen:
            seen[addr.lower()] = addr
    return list(seen.values())


def serialise(msg: EmailMessage) -> bytes:
    """The bytes that go on the wire and into Sent: everything but Bcc."""
    wire = copy.deepcopy(msg)
    del wire["Bcc"]
    return wire.as_bytes(policy=MAIL_POLICY)


# --- replies and forwards -----------------------------------------------------------------


def _stored(message_id: int) -> tuple[Message, MessageBody | None]:
    message = Message.get_or_none(Message.id == message_id)
    if message is None:
        raise InvalidInput(f"There is no message with id {message_id}.")
    return message, MessageBody.get_or_none(MessageBody.message == message.id)


def reply_subject(subject: str) -> str:
    return subject if _REPLY_PREFIX.match(subject or "") else f"Re: {subject or ''}".rstrip()


def forward_subject(subject: str) -> str:
    return subject if _FORWARD_PREFIX.match(subject or "") else f"Fwd: {subject or ''}".rstrip()


def _fmt(pairs: Iterable[Sequence[str]]) -> list[str]:
    return [format_address(name, addr) for name, addr in pairs if addr]


def _original_html(body: MessageBody | None) -> str:
    if body is None:
        return ""
    if body.html:
        # Its cid: pictures stay pictures: sent again as inline parts of the reply.
        return keep_inline_pictures(quotable_html(body.html), body.message_id)
    return text_to_html(body.text or "")


def _own_addresses(mailbox: Mailbox) -> set[str]:
    return {a for a in (mailbox.email.lower(), (mailbox.username or "").lower()) if "@" in a}


DateFormat = Callable[[datetime], str]


def local_time(utc_naive: datetime) -> str:
    """A stored (naive UTC) date in the user's local time zone."""
    return utc_naive.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _when(message: Message, date_format: DateFormat | None = None) -> str:
    """The original's date for the quote line and the forward header: the user's local
    time (the window passes its locale's format), never the store's UTC."""
    date = message.date
    if isinstance(date, str):
        try:
            date = datetime.fromisoformat(date)
        except ValueError:
            return date
    if not isinstance(date, datetime):
        return ""
    return (date_format or local_time)(date)


def reply_draft(
    message_id: int,
    *,
    reply_all: bool = False,
    labels: dict[str, str] | None = None,
    date_format: DateFormat | None = None,
) -> ComposeDraft:
    """Prefill a reply (or reply to all) to a stored message."""
    words = {**DEFAULT_LABELS, **(labels or {})}
    message, body = _stored(message_id)
    mailbox: Mailbox = shared.reply_mailbox(message)  # R11: levels; my own mailbox sends
    own = _own_addresses(mailbox)
    if message.direction == "sent":
        # Replying to one's own sent message continues to the same recipients.
        to_pairs = list(message.to)
    else:
        to_pairs = list(message.reply_to) or [[message.from_name, message.from_addr]]
    cc_pairs: list = []
    if reply_all:
        cc_pairs = [*(message.to if message.direction != "sent" else []), *message.cc]
    seen = set(own)
    to: list[str] = []
    cc: list[str] = []
    for pairs, out in ((to_pairs, to), (cc_pairs, cc)):
        for name, addr in pairs:
            if addr and addr.lower() not in seen:
                seen.add(addr.lower())
                out.extend(_fmt([(name, addr)]))
    sender = message.from_name or message.from_addr
    header = html_lib.escape(words["wrote"].format(date=_when(message, date_format), sender=sender))
    sig = signature_html(mailbox, reply=True)
    html = (
        "<p><br></p>"
        + sig
        + f"<p>{header}</p>"
        + f'<blockquote type="cite">{_original_html(body)}</blockquote>'
    )
    refs = message.references.split() if message.references else []
    if message.message_id and message.message_id not in refs:
        refs.append(message.message_id)
    return ComposeDraft(
        mailbox_id=mailbox.id,
        to=to,
        cc=cc,
        subject=reply_subject(message.subject),
        html=html,
        in_reply_to=message.message_id,
        references=refs,
        kind="reply",
    )


def forward_draft(
    message_id: int,
    *,
    as_attachment: bool = False,
    labels: dict[str, str] | None = None,
    date_format: DateFormat | None = None,
) -> ComposeDraft:
    """Prefill a forward: inline (quoted, with the original's files) or as an .eml."""
    words = {**DEFAULT_LABELS, **(labels or {})}
    message, body = _stored(message_id)
    mailbox: Mailbox = shared.reply_mailbox(message)  # R11: levels; my own mailbox sends
    sig = signature_html(mailbox, reply=True)
    html = "<p><br></p>" + sig
    attachments: list[str | dict] = []
    if as_attachment:
        attachments.append({"message": message.id})
    else:
        esc = html_lib.escape
        rows = [
            (words["from"], ", ".join(_fmt([(message.from_name, message.from_addr)]))),
            (words["date"], _when(message, date_format)),
            (words["subject"], message.subject),
            (words["to"], ", ".join(_fmt(message.to))),
        ]
        if message.cc:
            rows.append((words["cc"], ", ".join(_fmt(message.cc))))
        head = "<br>".join(f"{esc(k)}: {esc(v)}" for k, v in rows)
        html += f"<p>{esc(words['forwarded'])}<br>{head}</p>" + _original_html(body)
        for att in message.attachments.order_by("id"):
            if not att.inline:
                attachments.append({"message": message.id, "part": att.part_path})
    return ComposeDraft(
        mailbox_id=mailbox.id,
        subject=forward_subject(message.subject),
        html=html,
        attachments=attachments,
        kind="forward",
    )


def resolve_attachment(ref: str | dict) -> AttachmentSource:
    """A draft's attachment entry → something ``build_message`` takes."""
    if isinstance(ref, str):
        return ref
    from desktop.sync.store import raw_source

    message_id = int(ref["message"])
    raw = raw_source(message_id)
    if not raw:
        raise InvalidInput(f"The original of message {message_id} is not stored.")
    message = Message.get_by_id(message_id)
    if "part" not in ref:
        name = _safe_filename(message.subject or "message") + ".eml"
        return AttachmentData(name, "message/rfc822", raw)
    part = _find_part(message_from_bytes(raw, policy=policy.default), str(ref["part"]))
    if part is None:
        raise InvalidInput(f"Attachment {ref['part']} of message {message_id} was not found.")
    data = part.get_payload(decode=True)
    if data is None and part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
    return AttachmentData(
        part.get_filename() or "attachment", part.get_content_type(), bytes(data or b"")
    )


def attachment_label(ref: str | dict) -> str:
    """A short name to show for a draft's attachment entry."""
    if isinstance(ref, str):
        return Path(ref).name
    message = Message.get_or_none(Message.id == int(ref["message"]))
    if message is None:
        return "?"
    if "part" not in ref:
        return _safe_filename(message.subject or "message") + ".eml"
    from desktop.models.mail import Attachment

    att = Attachment.get_or_none(
        (Attachment.message == message.id) & (Attachment.part_path == str(ref["part"]))
    )
    return att.filename if att and att.filename else "attachment"


def _find_part(root: EmailMessage, path: str) -> EmailMessage | None:
    """The part at a mime.py part path ("1", "2.1", ...)."""
    node = root
    if not root.is_multipart():
        return root if path in ("", "1") else None
    for step in path.split("."):
        children = node.get_payload()
        if not isinstance(children, list):
            return None
        index = int(step) - 1
        if not 0 <= index < len(children):
            return None
        node = children[index]
    return node


def _safe_filename(name: str) -> str:
    clean = re.sub(r'[\\/:*?"<>|\r\n\t]+', " ", name).strip()
    return clean[:80] or "message"
