"""Mailboxes, folders, messages and what hangs off them.

Secrets never live here: passwords and tokens are in the system keyring,
looked up by the mailbox id (see desktop/secrets.py).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.base import BaseModel, JSONField, utcnow

KIND_IMAP = "imap"
KIND_GMAIL = "gmail"
KIND_GRAPH = "graph"
KIND_LOCAL = "local"  # mail imported from mbox/.eml files; never synced

ROLE_INBOX = "inbox"
ROLE_SENT = "sent"
ROLE_DRAFTS = "drafts"
ROLE_LOCAL = "local"

# Mailbox.signin_state: whether the provider still accepts the stored sign-in. An OAuth
# refresh that fails for good (errors.SignInRequired) sets SIGNIN_NEEDED until the user
# signs in again; the mailbox's syncs stop, the other mailboxes go on.
SIGNIN_OK = "ok"
SIGNIN_NEEDED = "needs sign-in"

# IMAP and SMTP login methods (R4): "plain", a plain password however the server takes
# one (PLAIN where offered, else LOGIN); "login", LOGIN only. See desktop/sync/imap.py.
LOGIN_METHODS = ("plain", "login")


class Mailbox(BaseModel):
    """One connected mailbox and its settings (R3, R4)."""

    id = AutoField()
    name = CharField()
    kind = CharField(default=KIND_IMAP)
    email = CharField()
    sender_name = CharField(default="")
    import_from = DateField()
    username = CharField(default="")
    imap_host = CharField(default="")
    imap_port = IntegerField(default=993)
    imap_security = CharField(default="ssl")  # ssl | starttls
    imap_auth = CharField(default="plain")  # one of LOGIN_METHODS
    smtp_host = CharField(default="")
    smtp_port = IntegerField(default=587)
    smtp_security = CharField(default="starttls")  # starttls | ssl
    smtp_auth = CharField(default="plain")  # one of LOGIN_METHODS
    cafile = TextField(null=True)  # extra CA bundle to trust (self-signed servers)
    trusted_fingerprint = CharField(null=True)  # SHA-256 of a certificate the user accepted
    pairing_enabled = BooleanField(default=True)
    signals_enabled = BooleanField(default=True)
    show_snippet = BooleanField(default=True)
    signature_html = TextField(default="")
    signature_in_replies = BooleanField(default=True)
    notify = BooleanField(default=True)
    # Addresses and domains (one per line) that never pair with the CRM.
    pairing_exclusions = TextField(default="")
    last_sync_at = DateTimeField(null=True)
    last_manual_refresh_at = DateTimeField(null=True)
    last_error = TextField(null=True)
    signin_state = CharField(default=SIGNIN_OK)  # SIGNIN_OK | SIGNIN_NEEDED
    created_at = DateTimeField(default=utcnow)

    @property
    def login(self) -> str:
        return self.username or self.email


class MailboxShare(BaseModel):
    """A colleague the mailbox is shared with (R11)."""

    mailbox = ForeignKeyField(Mailbox, backref="shares", on_delete="CASCADE")
    user_email = CharField()
    level = CharField(default="read")  # read | read_write

    class Meta:
        indexes = ((("mailbox", "user_email"), True),)


class Folder(BaseModel):
    """A remote folder (or a local one for imported files) and its sync state."""

    id = AutoField()
    mailbox = ForeignKeyField(Mailbox, backref="folders", on_delete="CASCADE")
    remote_name = CharField()
    display_name = CharField(default="")
    role = CharField(default="")
    # IMAP state. last_uid: the resume point (every UID up to it has been seen).
    uidvalidity = IntegerField(null=True)
    last_uid = IntegerField(default=0)
    highestmodseq = IntegerField(null=True)
    # Gmail / Graph state.
    history_id = CharField(null=True)
    delta_link = TextField(null=True)
    last_sync_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("mailbox", "remote_name"), True),)


class Message(BaseModel):
    """One message in one folder. Identity: (folder, remote_id)."""

    id = AutoField()
    mailbox = ForeignKeyField(Mailbox, backref="messages", on_delete="CASCADE")
    folder = ForeignKeyField(Folder, backref="messages", on_delete="CASCADE")
    remote_id = CharField()  # IMAP: the UID as text; Gmail/Graph: their message id
    uid = IntegerField(null=True)
    message_id = CharField(default="", index=True)
    in_reply_to = CharField(default="")
    references = TextField(default="")
    thread_key = CharField(default="", index=True)
    date = DateTimeField(index=True)  # UTC, naive
    from_name = CharField(default="")
    from_addr = CharField(default="", index=True)
    to = JSONField(default=list)  # [[name, addr], ...]
    cc = JSONField(default=list)
    reply_to = JSONField(default=list)
    subject = TextField(default="")
    snippet = TextField(default="")
    size = IntegerField(default=0)
    flags = TextField(default="")  # the server's flags, space separated
    seen = BooleanField(default=False)  # Holub-side read state
    starred = BooleanField(default=False)  # Holub-side star
    has_attachments = BooleanField(default=False)
    deleted_locally = BooleanField(default=False)
    direction = CharField(default="received")  # received | sent
    parse_error = TextField(null=True)  # set when the raw source could not be parsed fully
    modseq = IntegerField(null=True)

    class Meta:
        indexes = (
            (("folder", "remote_id"), True),
            (("folder", "deleted_locally", "date"), False),
        )


class MessageBody(BaseModel):
    """Bodies kept apart from the list row so listing never reads them."""

    message = ForeignKeyField(Message, primary_key=True, backref="body", on_delete="CASCADE")
    text = TextField(default="")
    html = TextField(default="")  # as received; sanitised when shown
    raw = BlobField(null=True)  # zlib stream of the RFC 5322 source (store.encode_raw)


class Attachment(BaseModel):
    message = ForeignKeyField(Message, backref="attachments", on_delete="CASCADE")
    filename = CharField(default="")
    content_type = CharField(default="application/octet-stream")
    size = IntegerField(default=0)
    content_id = CharField(default="")
    inline = BooleanField(default=False)
    part_path = CharField(default="")  # position in the MIME tree, e.g. "1.2"


class Outbox(BaseModel):
    """A message to send. Written before any attempt, so nothing is ever lost."""

    id = AutoField()
    mailbox = ForeignKeyField(Mailbox, backref="outbox", on_delete="CASCADE")
    message_id = CharField(unique=True)
    raw = BlobField()
    recipients = JSONField(default=list)
    subject = TextField(default="")
    state = CharField(default="queued")  # queued | sending | sent | failed
    error = TextField(null=True)
    attempts = IntegerField(default=0)
    appended_to_sent = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)


class Draft(BaseModel):
    id = AutoField()
    mailbox = ForeignKeyField(Mailbox, backref="drafts", null=True, on_delete="SET NULL")
    to = TextField(default="")
    cc = TextField(default="")
    bcc = TextField(default="")
    subject = TextField(default="")
    html = TextField(default="")
    attachments = JSONField(default=list)  # file paths
    in_reply_to = CharField(default="")
    references = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class SignatureImage(BaseModel):
    """A picture of a mailbox's signature (a logo), stored once, at its display size.

    The signature HTML refers to it as ``holub-sig:<digest>`` (see
    desktop/services/signature_images.py); sending turns that into an inline part.
    ``digest`` is the SHA-256 of ``data``, so the same picture is stored once.
    """

    id = AutoField()
    mailbox = ForeignKeyField(Mailbox, backref="signature_images", on_delete="CASCADE")
    digest = CharField()
    content_type = CharField(default="image/png")
    width = IntegerField(default=0)
    height = IntegerField(default=0)
    data = BlobField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("mailbox", "digest"), True),)


class Setting(BaseModel):
    """Small profile-wide preferences (language, remote-content allow list, ...)."""

    key = CharField(primary_key=True)
    value = JSONField(null=True)


MODELS = [
    Mailbox,
    MailboxShare,
    Folder,
    Message,
    MessageBody,
    Attachment,
    Outbox,
    Draft,
    SignatureImage,
    Setting,
]
