"""Mailboxes colleagues shared with this user through the team's CRM (R11).

A shared mailbox is a ``Mailbox`` of kind ``KIND_SHARED`` whose Inbox and Sent are read
from the CRM's ``email_connection`` (never from the owner's provider) and cached in the
store for offline reading; ``SharedMailbox`` says whose it is, at which level, and
which connection it mirrors. Its folders keep the CRM folder id in
``Folder.remote_name``, its messages the ``email_message`` id in ``Message.remote_id``.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from desktop.models.base import BaseModel, utcnow
from desktop.models.mail import Mailbox

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
