"""Automatic rules (R15) and what they touch: labels, local folders, templates, jobs.

A rule's local actions (mark read, delete in Holub, label, local folder) change rows
here and in ``message`` inside the import transaction. Its actions with effects
outside the store (save attachments, create a task, forward, reply, comment) become
``RuleJob`` rows in that same transaction and run after commit. ``RuleLedger`` is keyed
by (rule, message key) — the Message-ID, which survives a re-import — so no re-import,
UIDVALIDITY change, crash or "Run now" applies a rule's outside effects twice.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.base import BaseModel, JSONField, utcnow
from desktop.models.mail import Mailbox, Message

APPLIES = ("received", "sent", "both")

# The nine actions; the first four are local (inside the import transaction).
MARK_READ = "mark-read"
DELETE = "delete"
LABEL = "label"
MOVE = "move"
SAVE_ATTACHMENTS = "save-attachments"
CREATE_TASK = "create-task"
FORWARD = "forward"
REPLY = "reply"
COMMENT = "comment"
LOCAL_ACTIONS = (MARK_READ, DELETE, LABEL, MOVE)
JOB_ACTIONS = (SAVE_ATTACHMENTS, CREATE_TASK, FORWARD, REPLY, COMMENT)
ACTIONS = LOCAL_ACTIONS + JOB_ACTIONS
# Actions that take an argument (and what it is, for messages and help).
ACTION_ARGS = {
    LABEL: "NAME",
    MOVE: "FOLDER",
    SAVE_ATTACHMENTS: "DIR",
    FORWARD: "ADDR",
    REPLY: "TEMPLATE_NAME",
}

# RuleJob states.
JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_SKIPPED = (
    "queued",
    "running",
    "done",
    "failed",
    "skipped",
)


class SavedFilter(BaseModel):
    """A named query in the search language (DESIGN.md §2 plus the CRM terms)."""

    id = AutoField()
    name = CharField(unique=True)
    query = TextField()
    created_at = DateTimeField(default=utcnow)


class Template(BaseModel):
    """A reply template; ``{sender_name}``, ``{subject}``, ``{date}`` are filled in."""

    id = AutoField()
    name = CharField(unique=True)
    subject = TextField(default="")
    body = TextField(default="")
    created_at = DateTimeField(default=utcnow)


class Label(BaseModel):
    """Holub's own label (never a server keyword: R2)."""

    id = AutoField()
    name = CharField(unique=True)
    color = CharField(default="")


class MessageLabel(BaseModel):
    message = ForeignKeyField(Message, backref="labels", on_delete="CASCADE")
    label = ForeignKeyField(Label, backref="messages", on_delete="CASCADE")

    class Meta:
        indexes = ((("message", "label"), True),)


class MessagePlacement(BaseModel):
    """A Holub-side folder placement: the message shows under ``folder_name`` instead of
    its server folder. Nothing moves on the server (R2)."""

    message = ForeignKeyField(Message, primary_key=True, backref="placement", on_delete="CASCADE")
    folder_name = CharField(index=True)
    source = CharField(default="rule")  # rule | user


class Rule(BaseModel):
    id = AutoField()
    name = CharField()
    mailbox = ForeignKeyField(Mailbox, null=True, backref="rules", on_delete="CASCADE")
    applies = CharField(default="received")  # one of APPLIES
    filter = ForeignKeyField(SavedFilter, backref="rules", on_delete="RESTRICT")
    actions = JSONField(default=list)  # [[action, argument or null], ...]
    stop = BooleanField(default=False)  # stop processing further rules after this one
    enabled = BooleanField(default=True)
    position = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    last_run_at = DateTimeField(null=True)
    touched = IntegerField(default=0)  # messages this rule has applied to
    last_error = TextField(null=True)


class RuleLedger(BaseModel):
    """(rule, message key) a rule has applied to; the once-only guarantee."""

    rule = ForeignKeyField(Rule, on_delete="CASCADE")
    message_key = CharField()
    applied_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("rule", "message_key"), True),)


class RuleJob(BaseModel):
    """One outside effect of a rule on a message, run after commit with retry/backoff."""

    id = AutoField()
    rule = ForeignKeyField(Rule, null=True, on_delete="SET NULL")
    mailbox = ForeignKeyField(Mailbox, on_delete="CASCADE")
    message = ForeignKeyField(Message, null=True, on_delete="SET NULL")
    message_key = CharField()
    step = IntegerField(default=0)  # the action's position in the rule
    action = CharField()
    argument = TextField(null=True)
    # Who a reply goes to (the 24-hour guard looks it up).
    target = CharField(default="", index=True)
    state = CharField(default=JOB_QUEUED, index=True)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=utcnow)
    error = TextField(null=True)
    result = TextField(null=True)  # what it made: an outbox id, a task id, file names
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("rule", "message_key", "step"), True),)


class LocalComment(BaseModel):
    """A comment on a local CRM object (the "comment" action without Caflou)."""

    id = AutoField()
    object_kind = CharField()
    object_id = IntegerField()
    text = TextField()
    message = ForeignKeyField(Message, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("object_kind", "object_id"), False),)


MODELS = [
    SavedFilter,
    Template,
    Label,
    MessageLabel,
    MessagePlacement,
    Rule,
    RuleLedger,
    RuleJob,
    LocalComment,
]
