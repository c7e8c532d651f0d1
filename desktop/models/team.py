"""What Holub has published to the team's CRM (R9, R11): connections and the queue.

A mailbox connected to a Caflou account is an ``email_connection`` there, its Inbox and
Sent are ``email_folders``; Holub keeps their remote ids so it never creates a second
connection for the same mailbox. ``Publication`` is the durable queue (modelled on the
Outbox): one row per message, written in the same transaction as the filing that makes
it due, sent after commit, keeping the remote id so nothing is ever published twice.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.base import BaseModel, JSONField, utcnow
from desktop.models.mail import Folder, Mailbox

# Publication states.
DUE = "due"  # the CRM copy must be brought in line with the store (create/patch/withdraw)
POSTING = "posting"  # a create was sent; after a crash, look it up before posting again
DONE = "done"  # the CRM copy matches what was last sent
FAILED = "failed"  # refused for good (403 on the object, a 4xx): shown on the message


class CrmConnection(BaseModel):
    """A mailbox's ``email_connection`` in the connected Caflou account."""

    mailbox = ForeignKeyField(Mailbox, unique=True, on_delete="CASCADE")
    crm_account = IntegerField()  # CrmAccount.account_id the connection lives in
    remote_id = IntegerField()
    # The settings last written to the connection (to PATCH only what changed).
    published = JSONField(null=True)
    created_at = DateTimeField(default=utcnow)


class CrmFolder(BaseModel):
    """A synced folder's ``email_folder`` under its mailbox's connection."""

    folder = ForeignKeyField(Folder, unique=True, on_delete="CASCADE")
    connection = ForeignKeyField(CrmConnection, backref="folders", on_delete="CASCADE")
    remote_id = IntegerField()


class Publication(BaseModel):
    """One message's copy in the CRM: due, being posted, done or failed.

    ``message`` is the store id without a foreign key on purpose: a message that leaves
    the store (expunged on the server, a folder re-import) must still be withdrawn from
    the CRM, so its row outlives it.
    """

    id = AutoField()
    message = IntegerField(unique=True)
    mailbox = IntegerField(index=True)
    state = CharField(default=DUE, index=True)
    remote_id = IntegerField(null=True)  # the email_message id, once created
    remote_folder = IntegerField(null=True)
    published = JSONField(null=True)  # the fields last sent (to PATCH only changes)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(null=True)
    error = TextField(null=True)
    updated_at = DateTimeField(default=utcnow)


MODELS = [CrmConnection, CrmFolder, Publication]
