"""Mailboxes colleagues shared with this user through the team's CRM (R11).

A shared mailbox is a ``Mailbox`` of kind ``KIND_SHARED`` whose Inbox and Sent are read
from the CRM's ``email_connection`` (never from the owner's provider) and cached in the
store for offline reading; ``SharedMailbox`` says whose it is, at which level, and
which connection it mirrors. Its folders keep the CRM folder id in
``Folder.remote_name``, its messages the ``email_message`` id in ``Message.remote_id``.
"""

from __future__ import annotations

from typing import Any

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from desktop.errors import PermissionDenied
from desktop.models.base import BaseModel, utcnow
from desktop.models.mail import KIND_LOCAL, Mailbox, Message

KIND_SHARED = "shared"

# Levels as Caflou names them on the connection's ``users``.
READ = "read"
READ_WRITE = "read_write"


class SharedMailbox(BaseModel):
    mailbox = ForeignKeyField(Mailbox, unique=True, on_delete="CASCADE")
    crm_account = IntegerField()  # CrmAccount.account_id
    connection_id = IntegerField()  # the owner's email_connection id
    owner_email = CharField(default="")
    level = CharField(default=READ)  # READ | READ_WRITE
    refreshed_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("crm_account", "connection_id"), True),)


MODELS = [SharedMailbox]


# -- the levels (R11), asked by every service that acts on a message ----------------------

READ_ONLY_REASON = "The mailbox {name} is shared with you to read only: you cannot {what}."


def shares_of(message_ids: list[int]) -> dict[int, SharedMailbox]:
    """message id → its SharedMailbox row, for the messages of mailboxes shared with me."""
    ids = list(message_ids)
    if not ids or not SharedMailbox.select().exists():
        return {}
    rows = {r.mailbox_id: r for r in SharedMailbox.select(SharedMailbox, Mailbox).join(Mailbox)}
    out: dict[int, SharedMailbox] = {}
    for start in range(0, len(ids), 500):
        for mid, mailbox_id in (
            Message.select(Message.id, Message.mailbox)
            .where(Message.id.in_(ids[start : start + 500]) & Message.mailbox.in_(list(rows)))
            .tuples()
        ):
            out[mid] = rows[mailbox_id]
    return out


def access_of(message_id: int) -> str:
    """``owner`` for my own mail, else the share's level: ``read`` or ``write``."""
    row = shares_of([message_id]).get(message_id)
    if row is None:
        return "owner"
    return "write" if row.level == READ_WRITE else "read"


def mailbox_access(mailbox_id: int) -> str:
    """``owner``, ``read`` or ``write`` for a whole mailbox (the window's actions)."""
    row = SharedMailbox.get_or_none(SharedMailbox.mailbox == mailbox_id)
    if row is None:
        return "owner"
    return "write" if row.level == READ_WRITE else "read"


def require_write(message_ids: Any, what: str) -> dict[int, SharedMailbox]:
    """Raise PermissionDenied when any of the messages is in a mailbox shared with me to
    read only; returns the shared ones (message id → SharedMailbox), whose CRM copy the
    caller writes too."""
    ids = [message_ids] if isinstance(message_ids, int) else list(message_ids)
    shared = shares_of(ids)
    for row in shared.values():
        if row.level != READ_WRITE:
            raise PermissionDenied(READ_ONLY_REASON.format(name=row.mailbox.name, what=what))
    return shared


def reply_mailbox(message: Message) -> Mailbox:
    """The mailbox a reply or forward of ``message`` is sent from: its own, or — for the
    mail of a mailbox shared with me at Read+Write — the first of my own mailboxes."""
    if not require_write([message.id], "reply to or forward its mail"):
        return message.mailbox
    own = (
        Mailbox.select()
        .where(Mailbox.kind.not_in([KIND_SHARED, KIND_LOCAL]))
        .order_by(Mailbox.id)
        .first()
    )
    if own is None:
        raise PermissionDenied("Add a mailbox of your own first: replies are sent from it.")
    return own
