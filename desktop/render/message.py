"""What the reader needs from the store, fetched in a fixed number of queries.

The GUI thread calls ``load_message`` once per opened message: three primary
key / foreign key lookups (message, body, attachments) whatever the folder
size. Attachment and ``cid:`` bytes are cut from the stored raw source on
demand.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import Message as EmailMessage

from desktop.errors import InvalidInput
from desktop.models.mail import Attachment, Message, MessageBody, Setting

REMOTE_SENDERS_KEY = "reader.remote_content_senders"


@dataclass
class AttachmentRow:
    id: int
    filename: str
    content_type: str
    size: int
    content_id: str
    inline: bool
    part_path: str


@dataclass
class ReaderMessage:
    id: int
    message_id: str
    subject: str
    from_name: str
    from_addr: str
    to: list[list[str]]
    cc: list[list[str]]
    date: datetime | None
    parse_error: str | None
    text: str = ""
    html: str = ""
    raw: bytes = b""
    attachments: list[AttachmentRow] = field(default_factory=list)
    # Headers first (desktop/sync/store.store_headers): the body has not arrived yet;
    # the reader shows the message as loading and has it fetched (engine.fetch_body_now).
    loading: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.html.strip())


def load_message(message_id: int) -> ReaderMessage | None:
    msg = Message.get_or_none(Message.id == message_id)
    if msg is None:
        return None
    body = MessageBody.get_or_none(MessageBody.message == message_id)
    rows = [
        AttachmentRow(a.id, a.filename, a.content_type, a.size, a.content_id, a.inline, a.part_path)
        for a in Attachment.select().where(Attachment.message == message_id).order_by(Attachment.id)
    ]
    raw = b""
    if body is not None and body.raw is not None:
        try:
            raw = zlib.decompress(body.raw)
        except zlib.error:
            raw = b""
    return ReaderMessage(
        id=msg.id,
        message_id=msg.message_id,
        subject=msg.subject,
        from_name=msg.from_name,
        from_addr=msg.from_addr,
        to=msg.to or [],
        cc=msg.cc or [],
        date=msg.date,
        parse_error=msg.parse_error,
        text=body.text if body else "",
        html=body.html if body else "",
        raw=raw,
        attachments=rows,
        loading=body is None and msg.uid is not None,
    )


_NUMBER = re.compile(r"^\d+$")


def find_message(ref: str) -> int:
    """A store id ("42") or a Message-ID ("<abc@host>") → the store id."""
    ref = ref.strip()
    if _NUMBER.match(ref):
        if Message.get_or_none(Message.id == int(ref)) is not None:
            return int(ref)
        raise InvalidInput(f"no message with id {ref}")
    wanted = ref if ref.startswith("<") else f"<{ref}>"
    row = Message.select(Message.id).where(Message.message_id == wanted).first()
    if row is None:
        raise InvalidInput(f"no message with Message-ID {wanted}")
    return row.id


def _part(tree: EmailMessage, path: str) -> EmailMessage | None:
    """The MIME part at ``path`` ("1", "2.1", ...) as numbered by desktop.sync.mime."""
    if not tree.is_multipart():
        return tree if path in ("", "1") else None
    node = tree
    for index in path.split("."):
        payload = node.get_payload()
        if not isinstance(payload, list) or not index.isdigit():
            return None
        i = int(index) - 1
        if not 0 <= i < len(payload):
            return None
        node = payload[i]
    return node


def _part_bytes(part: EmailMessage) -> bytes:
    payload = part.get_payload(decode=True)
    if payload is None and part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            return inner[0].as_bytes()
    return payload if isinstance(payload, bytes) else b""


def attachment_bytes(message: ReaderMessage, attachment: AttachmentRow) -> bytes:
    """The decoded content of one attachment, cut from the raw source."""
    tree = message_from_bytes(message.raw, policy=policy.default)
    part = _part(tree, attachment.part_path)
    return _part_bytes(part) if part is not None else b""


def cid_content(
    message_id: int, content_id: str, *, cache: dict[int, EmailMessage] | None = None
) -> tuple[str, bytes] | None:
    """(content type, bytes) of the inline part named ``content_id``, else None.

    ``cache`` keeps parsed messages between calls (a newsletter with 30 inline images
    is parsed once, not 30 times); the caller owns and clears it.
    """
    content_id = content_id.strip("<>")
    att = (
        Attachment.select()
        .where((Attachment.message == message_id) & (Attachment.content_id == content_id))
        .first()
    )
    if att is None:
        return None
    tree = cache.get(message_id) if cache is not None else None
    if tree is None:
        body = MessageBody.get_or_none(MessageBody.message == message_id)
        if body is None or body.raw is None:
            return None
        tree = message_from_bytes(zlib.decompress(body.raw), policy=policy.default)
        if cache is not None:
            cache[message_id] = tree
    part = _part(tree, att.part_path)
    if part is None:
        return None
    return att.content_type, _part_bytes(part)


# --- remote content consent per sender (stored in Setting) ------------------------


def remote_allowed_senders() -> set[str]:
    row = Setting.get_or_none(Setting.key == REMOTE_SENDERS_KEY)
    return {str(a).lower() for a in (row.value or [])} if row else set()


def sender_allows_remote(addr: str) -> bool:
    return bool(addr) and addr.lower() in remote_allowed_senders()


def allow_remote_for_sender(addr: str) -> None:
    senders = remote_allowed_senders()
    senders.add(addr.lower())
    Setting.insert(key=REMOTE_SENDERS_KEY, value=sorted(senders)).on_conflict_replace().execute()
