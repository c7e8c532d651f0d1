"""CRM cache (Caflou or the local CRM) and the links between messages and CRM objects.

Object ids are the CRM's own ids (unique per kind): that is what `#1234#` names.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.base import BaseModel, JSONField, utcnow
from desktop.models.mail import Mailbox, Message

KIND_COMPANY = "company"
KIND_PROJECT = "project"
KIND_TASK = "task"
OBJECT_KINDS = (KIND_COMPANY, KIND_PROJECT, KIND_TASK)


class CrmAccount(BaseModel):
    """A connected Caflou account. The token lives in the keyring, not here."""

    id = AutoField()
    base_url = CharField()
    email = CharField()
    account_id = IntegerField(null=True)
    account_name = CharField(default="")
    plan = CharField(default="")
    user_id = IntegerField(null=True)
    last_pull_at = DateTimeField(null=True)


class Company(BaseModel):
    id = IntegerField(primary_key=True)
    name = CharField()
    email = CharField(default="")
    data = JSONField(null=True)  # the CRM's record as fetched, for details views


class Contact(BaseModel):
    id = IntegerField(primary_key=True)
    company = ForeignKeyField(Company, backref="contacts", null=True, on_delete="SET NULL")
    name = CharField(default="")
    email = CharField(default="")
    data = JSONField(null=True)


class Project(BaseModel):
    id = IntegerField(primary_key=True)
    name = CharField()
    company = ForeignKeyField(Company, backref="projects", null=True, on_delete="SET NULL")
    data = JSONField(null=True)


class Task(BaseModel):
    """A CRM task. Its due date, state and assignee come from Caflou's ``end_date`` (or
    ``end_time``), ``finished`` and ``target_user_id`` (the local CRM uses the same names)."""

    id = IntegerField(primary_key=True)
    name = CharField()
    project = ForeignKeyField(Project, backref="tasks", null=True, on_delete="SET NULL")
    company = ForeignKeyField(Company, backref="tasks", null=True, on_delete="SET NULL")
    due_date = DateField(null=True)
    finished = BooleanField(default=False)
    # A CrmUser id, not a foreign key: a pull replaces the users after the tasks.
    assignee_id = IntegerField(null=True)
    data = JSONField(null=True)


class CrmUser(BaseModel):
    id = IntegerField(primary_key=True)
    name = CharField(default="")
    email = CharField(default="")
    data = JSONField(null=True)


class Filing(BaseModel):
    """A message filed under a CRM object.

    ``removed`` keeps a manual "not this one" decision so that re-pairing never
    files the message there again.
    """

    id = AutoField()
    message = ForeignKeyField(Message, backref="filings", on_delete="CASCADE")
    object_kind = CharField()
    object_id = IntegerField()
    source = CharField(default="auto")  # auto | manual | rule | inherited | signal
    removed = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("message", "object_kind", "object_id"), True),
            (("object_kind", "object_id"), False),
        )


class Signal(BaseModel):
    """A suggestion that a message belongs to a CRM object (R7)."""

    id = AutoField()
    message = ForeignKeyField(Message, backref="signals", on_delete="CASCADE")
    object_kind = CharField()
    object_id = IntegerField()
    reason = TextField(default="")
    state = CharField(default="open")  # open | accepted | dismissed
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("message", "object_kind", "object_id"), True),
            (("state",), False),
        )


class ReplyLink(BaseModel):
    """A reply without a subject tag waits for the message it answers (any folder, any
    order of sync): when that message is stored or filed, the reply inherits its filings.
    rank 0 = In-Reply-To, 1.. = References from the nearest ancestor back."""

    message = ForeignKeyField(Message, backref="reply_links", on_delete="CASCADE")
    parent_message_id = CharField(index=True)
    rank = IntegerField(default=0)

    class Meta:
        indexes = ((("message", "parent_message_id"), True),)


class KeptFiling(BaseModel):
    """Manual decisions of messages dropped for re-import (UIDVALIDITY change), keyed by
    Message-ID, restored when the message comes back."""

    mailbox = ForeignKeyField(Mailbox, on_delete="CASCADE")
    message_id = CharField(index=True)
    object_kind = CharField()
    object_id = IntegerField()
    source = CharField(default="manual")
    removed = BooleanField(default=False)


MODELS = [
    CrmAccount,
    Company,
    Contact,
    Project,
    Task,
    CrmUser,
    Filing,
    Signal,
    ReplyLink,
    KeptFiling,
]
