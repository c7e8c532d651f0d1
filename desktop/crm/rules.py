"""Automatic rules (R15): conditions, the local actions, durable jobs for the rest.

The pipeline (desktop/pipeline.py) calls ``apply_to_new_messages`` inside the import
transaction, after pairing (so ``company:``/``filed:`` see the fresh filings). Rules
run in ``position`` order; a matching rule with ``stop`` ends the run for that message.

* Local actions (mark read, delete in Holub, label, local folder) are written here, in
  the transaction.
* Outside effects (save attachments, create a task, forward, reply, comment) become
  ``RuleJob`` rows in the transaction; desktop/services/rule_jobs.py runs them after
  commit. A job is written only when the (rule, message key) ledger row is new, so a
  re-import or a second "Run now" never repeats one.

Condition matching is set-based: one SQL statement per rule over the batch's id range
(the batch's rows and their FTS rows are already inserted), not a loop per message.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.changes import ChangeSet
from desktop.errors import InvalidInput
from desktop.models import search
from desktop.models.base import utcnow
from desktop.models.db import database
from desktop.models.mail import Mailbox, Message
from desktop.models.rules import (
    ACTION_ARGS,
    ACTIONS,
    APPLIES,
    DELETE,
    FORWARD,
    JOB_ACTIONS,
    LABEL,
    MARK_READ,
    MOVE,
    REPLY,
    SAVE_ATTACHMENTS,
    Label,
    MessageLabel,
    MessagePlacement,
    Rule,
    RuleJob,
    RuleLedger,
    SavedFilter,
    Template,
)

log = logging.getLogger(__name__)

_CHUNK = 500
_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ------------------------------------------------------------------ message keys


def message_key(message_id_header: str, from_addr: str, date: Any, subject: str) -> str:
    """What the ledger knows a message by: its Message-ID, which survives re-imports
    (UIDVALIDITY, a second folder); else a digest of what identifies it."""
    if message_id_header:
        return message_id_header
    digest = hashlib.sha1(f"{from_addr}\x00{date}\x00{subject}".encode()).hexdigest()
    return f"sha1:{digest}"


def _key_of(m: Message) -> str:
    return message_key(m.message_id, m.from_addr, m.date, m.subject)


# ------------------------------------------------------------------ validation


def parse_actions(actions: Sequence[Sequence[str | None]]) -> list[list[str | None]]:
    """Check ``[(action, argument or None), ...]``; returns the stored form."""
    out: list[list[str | None]] = []
    if not actions:
        raise InvalidInput("A rule needs at least one action.")
    for item in actions:
        action, arg = [*list(item), None][:2]
        if action not in ACTIONS:
            raise InvalidInput(f"Unknown action {action!r}; choose one of: {', '.join(ACTIONS)}.")
        if action in ACTION_ARGS:
            if not (arg or "").strip():
                raise InvalidInput(f"The action {action} needs {ACTION_ARGS[action]}.")
            arg = str(arg).strip()
        elif arg not in (None, ""):
            raise InvalidInput(f"The action {action} takes no argument.")
        else:
            arg = None
        if action == FORWARD:
            address = str(arg).removesuffix(" attached").strip()
            if not _ADDRESS.fullmatch(address):
                raise InvalidInput(f"forward needs an e-mail address, not {address!r}.")
        if action == SAVE_ATTACHMENTS:
            # Absolute now: a job runs later, from whatever directory Holub runs in.
            arg = str(Path(str(arg)).expanduser().resolve())
        if action == REPLY and Template.get_or_none(Template.name == arg) is None:
            raise InvalidInput(f"There is no template named {arg!r} (`templates list`).")
        out.append([action, arg])
    return out


def check_query(query: str) -> None:
    if not query.strip():
        raise InvalidInput("A rule needs a filter (a search query).")
    try:
        search.parse_query(query)
    except search.QueryError as exc:
        raise InvalidInput(str(exc)) from exc


# ------------------------------------------------------------------ CRUD


def add_rule(
    name: str,
    query: str,
    actions: Sequence[Sequence[str | None]],
    *,
    applies: str = "received",
    mailbox_id: int | None = None,
    stop: bool = False,
    enabled: bool = True,
) -> tuple[Rule, ChangeSet]:
    """Save a rule (active at once for mail arriving from now on)."""
    name = name.strip()
    if not name:
        raise InvalidInput("A rule needs a name.")
    if applies not in APPLIES:
        raise InvalidInput(f"applies must be one of {', '.join(APPLIES)}, not {applies!r}.")
    if mailbox_id is not None and Mailbox.get_or_none(Mailbox.id == mailbox_id) is None:
        raise InvalidInput(f"There is no mailbox with id {mailbox_id}.")
    check_query(query)
    stored_actions = parse_actions(actions)
    with database.atomic():
        saved = SavedFilter.get_or_none(SavedFilter.query == query)
        if saved is None:
            saved = SavedFilter.create(name=_free_filter_name(name), query=query)
        last = Rule.select(Rule.position).order_by(Rule.position.desc()).scalar() or 0
        rule = Rule.create(
            name=name,
            mailbox=mailbox_id,
            applies=applies,
            filter=saved,
            actions=stored_actions,
            stop=stop,
            enabled=enabled,
            position=last + 1,
        )
    return rule, ChangeSet(mailboxes={mailbox_id} if mailbox_id else set())


def update_rule(
    rule_id: int,
    *,
    name: str,
    query: str,
    actions: Sequence[Sequence[str | None]],
    applies: str,
    mailbox_id: int | None,
    stop: bool,
) -> Rule:
    """Change a rule. Mail it already applied to stays as it is (the ledger keeps it)."""
    rule = get_rule(rule_id)
    name = name.strip()
    if not name:
        raise InvalidInput("A rule needs a name.")
    if applies not in APPLIES:
        raise InvalidInput(f"applies must be one of {', '.join(APPLIES)}, not {applies!r}.")
    check_query(query)
    stored_actions = parse_actions(actions)
    with database.atomic():
        saved = rule.filter
        if saved.query != query:
            shared = Rule.select().where((Rule.filter == saved.id) & (Rule.id != rule.id)).exists()
            if shared:
                saved = SavedFilter.create(name=_free_filter_name(name), query=query)
            else:
                SavedFilter.update(query=query).where(SavedFilter.id == saved.id).execute()
        Rule.update(
            name=name,
            filter=saved.id,
            actions=stored_actions,
            applies=applies,
            mailbox=mailbox_id,
            stop=stop,
        ).where(Rule.id == rule.id).execute()
    return get_rule(rule_id)


def _free_filter_name(base: str) -> str:
    name, n = base, 1
    while SavedFilter.select().where(SavedFilter.name == name).exists():
        n += 1
        name = f"{base} ({n})"
    return name


def get_rule(rule_id: int) -> Rule:
    rule = Rule.get_or_none(Rule.id == rule_id)
    if rule is None:
        raise InvalidInput(f"There is no rule with id {rule_id}.")
    return rule


def list_rules(mailbox_id: int | None = None) -> list[Rule]:
    query = Rule.select().order_by(Rule.position, Rule.id)
    if mailbox_id is not None:
        query = query.where(Rule.mailbox.is_null() | (Rule.mailbox == mailbox_id))
    return list(query)


def remove_rule(rule_id: int) -> None:
    rule = get_rule(rule_id)
    with database.atomic():
        saved = rule.filter_id
        rule.delete_instance()
        # A filter made for the rule goes with it, unless something else uses it.
        if not Rule.select().where(Rule.filter == saved).exists():
            SavedFilter.delete().where(SavedFilter.id == saved).execute()


def set_enabled(rule_id: int, enabled: bool) -> Rule:
    rule = get_rule(rule_id)
    Rule.update(enabled=enabled).where(Rule.id == rule.id).execute()
    rule.enabled = enabled
    return rule


def move_rule(rule_id: int, position: int) -> list[Rule]:
    """Put a rule at ``position`` (0-based) in the run order; returns the new order."""
    rules = list_rules()
    rule = get_rule(rule_id)
    order = [r for r in rules if r.id != rule.id]
    order.insert(max(0, min(position, len(order))), rule)
    with database.atomic():
        for n, r in enumerate(order, start=1):
            Rule.update(position=n).where(Rule.id == r.id).execute()
    return list_rules()


def reorder_rules(rule_ids: Sequence[int]) -> list[Rule]:
    """Give the rules ``rule_ids`` this relative order, in the slots they hold in the
    full order (rules of other mailboxes keep their places)."""
    full = [r.id for r in list_rules()]
    wanted = [i for i in rule_ids if i in set(full)]
    chosen = set(wanted)
    slots = [n for n, rule_id in enumerate(full) if rule_id in chosen]
    for slot, rule_id in zip(slots, wanted, strict=False):
        full[slot] = rule_id
    with database.atomic():
        for n, rule_id in enumerate(full, start=1):
            Rule.update(position=n).where(Rule.id == rule_id).execute()
    return list_rules()


def add_template(name: str, subject: str, body: str) -> Template:
    name = name.strip()
    if not name:
        raise InvalidInput("A template needs a name.")
    if Template.get_or_none(Template.name == name) is not None:
        raise InvalidInput(f"A template named {name!r} exists already.")
    return Template.create(name=name, subject=subject, body=body)


def update_template(template_id: int, name: str, subject: str, body: str) -> Template:
    template = Template.get_or_none(Template.id == template_id)
    if template is None:
        raise InvalidInput(f"There is no template with id {template_id}.")
    name = name.strip()
    if not name:
        raise InvalidInput("A template needs a name.")
    other = Template.get_or_none(Template.name == name)
    if other is not None and other.id != template_id:
        raise InvalidInput(f"A template named {name!r} exists already.")
    old_name = template.name
    with database.atomic():
        Template.update(name=name, subject=subject, body=body).where(
            Template.id == template_id
        ).execute()
        if old_name != name:  # rules name their template: follow the rename
            for rule in Rule.select():
                actions = [
                    [a, name if a == REPLY and arg == old_name else arg] for a, arg in rule.actions
                ]
                if actions != rule.actions:
                    Rule.update(actions=actions).where(Rule.id == rule.id).execute()
    return Template.get_by_id(template_id)


def remove_template(template_id: int) -> None:
    template = Template.get_or_none(Template.id == template_id)
    if template is None:
        raise InvalidInput(f"There is no template with id {template_id}.")
    users = [
        r.name
        for r in Rule.select()
        if any(a == REPLY and arg == template.name for a, arg in r.actions)
    ]
    if users:
        raise InvalidInput(f"The template is used by the rule {users[0]!r}; change it first.")
    template.delete_instance()


def list_templates() -> list[Template]:
    return list(Template.select().order_by(Template.name))


def list_labels() -> list[tuple[str, int]]:
    """Every label with how many (not deleted) messages carry it."""
    return [
        (name, count)
        for name, count in database.execute_sql(
            "SELECT l.name, COUNT(m.id) FROM label l LEFT JOIN message_label ml "
            "ON ml.label_id = l.id LEFT JOIN message m ON m.id = ml.message_id "
            "AND m.deleted_locally = 0 GROUP BY l.id ORDER BY l.name"
        )
    ]


def labels_for_messages(message_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for chunk in _chunks(list(message_ids)):
        for mid, name in (
            MessageLabel.select(MessageLabel.message, Label.name)
            .join(Label)
            .where(MessageLabel.message.in_(chunk))
            .order_by(Label.name)
            .tuples()
        ):
            out.setdefault(mid, []).append(name)
    return out


def placements_for_messages(message_ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(list(message_ids)):
        out.update(
            MessagePlacement.select(MessagePlacement.message, MessagePlacement.folder_name)
            .where(MessagePlacement.message.in_(chunk))
            .tuples()
        )
    return out


def failures_for_messages(message_ids: Sequence[int]) -> dict[int, list[str]]:
    """Why a rule's action failed on each message (shown on the message)."""
    out: dict[int, list[str]] = {}
    for chunk in _chunks(list(message_ids)):
        for mid, name, action, error in (
            RuleJob.select(RuleJob.message, Rule.name, RuleJob.action, RuleJob.error)
            .join(Rule)
            .where(RuleJob.message.in_(chunk) & (RuleJob.state == "failed"))
            .tuples()
        ):
            out.setdefault(mid, []).append(f"{name} ({action}): {error}")
    return out


# ------------------------------------------------------------------ matching


@dataclass
class _Compiled:
    rule: Rule | _RuleRow
    sql: str
    params: list[Any]


def _compile(
    rule: Rule | _RuleRow, where: list[str], params: list[Any], *, fts_range: bool
) -> _Compiled:
    """The rule's SELECT of matching message ids, restricted by ``where``."""
    q = _parsed(rule.filter.query)
    conditions = [*where, *q.sql]
    all_params = [*params, *q.params]
    if rule.applies != "both":
        conditions.append("m.direction = ?")
        all_params.append(rule.applies)
    if rule.mailbox_id is not None:
        conditions.append("m.mailbox_id = ?")
        all_params.append(rule.mailbox_id)
    if q.fts:
        # Only the batch's FTS rows: a rowid range, which FTS5 answers without a scan.
        if fts_range:
            conditions.append(
                f"m.id IN (SELECT rowid FROM {search.FTS_TABLE} WHERE "
                f"{search.FTS_TABLE} MATCH ? AND rowid BETWEEN ? AND ?)"
            )
            all_params += [q.fts_expression(), params[0], params[1]]
        else:
            conditions.append(
                f"m.id IN (SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH ?)"
            )
            all_params.append(q.fts_expression())
    sql = "SELECT m.id FROM message m WHERE " + " AND ".join(conditions)
    return _Compiled(rule, sql, all_params)


@functools.lru_cache(maxsize=256)
def _parsed(query: str) -> search.ParsedQuery:
    # Parsed once per query, not once per rule and imported batch (read-only below).
    return search.parse_query(query)


@dataclass(frozen=True)
class _FilterRow:
    query: str


@dataclass(frozen=True)
class _RuleRow:
    """What the import needs of a rule: a plain object, not a model (built per batch)."""

    id: int
    name: str
    mailbox_id: int | None
    applies: str
    actions: list
    stop: bool
    filter: _FilterRow


def _enabled_rules(mailbox_id: int) -> list[_RuleRow]:
    """The enabled rules for a mailbox, in run order (plain SQL: once per batch)."""
    rows = database.execute_sql(
        f"SELECT r.id, r.name, r.mailbox_id, r.applies, r.actions, r.stop, f.query "
        f'FROM "{_RULE}" r JOIN "{SavedFilter._meta.table_name}" f ON f.id = r.filter_id '
        "WHERE r.enabled = 1 AND (r.mailbox_id IS NULL OR r.mailbox_id = ?) "
        "ORDER BY r.position, r.id",
        (mailbox_id,),
    )
    return [
        _RuleRow(
            rule_id,
            name,
            box,
            applies,
            json.loads(actions) if actions else [],
            bool(stop),
            _FilterRow(query),
        )
        for rule_id, name, box, applies, actions, stop, query in rows
    ]


def _match(compiled: _Compiled) -> list[int]:
    try:
        return [row[0] for row in database.execute_sql(compiled.sql, compiled.params)]
    except Exception as exc:
        # A rule whose condition no longer runs must not stop the import (or others).
        _record_error(compiled.rule, f"the filter cannot run: {exc}")
        log.warning("rule %s: filter failed: %s", compiled.rule.id, exc)
        return []


def _record_error(rule: Rule | _RuleRow, error: str) -> None:
    Rule.update(last_error=error).where(Rule.id == rule.id).execute()


# ------------------------------------------------------------------ applying


def apply_to_new_messages(mailbox: Mailbox, stored: list[tuple[Message, Any]]) -> ChangeSet:
    """The pipeline's rules step: inside the import transaction, after pairing."""
    changes = ChangeSet()
    if not stored:
        return changes
    rules = _enabled_rules(mailbox.id)
    if not rules:
        return changes
    ids = [m.id for m, _ in stored]
    lo, hi = min(ids), max(ids)
    where = ["m.id BETWEEN ? AND ?", "m.deleted_locally = 0"]
    by_id = {m.id: m for m, _ in stored}
    plan = [(rule, _match(_compile(rule, where, [lo, hi], fts_range=True))) for rule in rules]
    _apply_plan(plan, by_id, changes, reapply_local=True)
    return changes


def _apply_plan(
    plan: list[tuple[Rule | _RuleRow, list[int]]],
    messages: dict[int, Message],
    changes: ChangeSet,
    *,
    reapply_local: bool,
) -> dict[int, int]:
    """Apply each rule to its matches, in order, honouring "stop"; returns how many
    messages each rule newly applied to. Runs in the caller's transaction.

    ``reapply_local``: on import, a re-imported message gets its local effects back
    (its rows were dropped with it); the outside effects stay once-only either way.
    Plain SQL with executemany: this runs for every imported batch (bench/rules.py).
    """
    stopped: set[int] = set()
    counts: dict[int, int] = {}
    now = utcnow()
    cursor = database.cursor()
    updated: set[int] = set()
    for rule, matched in plan:
        targets = [i for i in matched if i not in stopped and i in messages]
        if not targets:
            continue
        with_jobs = any(action in JOB_ACTIONS for action, _ in rule.actions)
        if with_jobs or not reapply_local:
            # The ledger: outside effects once per (rule, message), and "Run now"
            # leaves alone what it (or the import) already handled.
            keys = {i: _key_of(messages[i]) for i in targets}
            known = _ledger_keys(rule.id, list(keys.values()))
            fresh = [i for i in targets if keys[i] not in known]
            cursor.executemany(
                f'INSERT OR IGNORE INTO "{_LEDGER}" (rule_id, message_key, applied_at) '
                "VALUES (?, ?, ?)",
                [(rule.id, keys[i], str(now)) for i in fresh],
            )
            if with_jobs:
                _write_jobs(rule, fresh, messages, keys, now)
        else:
            # Local actions only, on import: idempotent, so no ledger lookup per
            # message (the import's hot path; see bench/rules.py).
            fresh = targets
        local_targets = targets if reapply_local else fresh
        if _local_actions(rule, local_targets):
            updated.update(local_targets)
        if fresh:
            cursor.execute(
                f'UPDATE "{_RULE}" SET touched = touched + ?, last_run_at = ? WHERE id = ?',
                (len(fresh), str(now), rule.id),
            )
        counts[rule.id] = len(fresh)
        if rule.stop:
            stopped.update(targets)
    if updated:
        changes.updated += sorted(updated)
        changes.folders |= {messages[i].folder_id for i in updated}
    return counts


_LEDGER = RuleLedger._meta.table_name
_RULE = Rule._meta.table_name
_MESSAGE = Message._meta.table_name
_MESSAGE_LABEL = MessageLabel._meta.table_name
_PLACEMENT = MessagePlacement._meta.table_name


def _ledger_keys(rule_id: int, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in database.execute_sql(
                f'SELECT message_key FROM "{_LEDGER}" WHERE rule_id = ? '
                f"AND message_key IN ({marks})",
                [rule_id, *chunk],
            )
        )
    return found


def _label_id(name: str) -> int:
    row = database.execute_sql(
        f'SELECT id FROM "{Label._meta.table_name}" WHERE name = ?', (name,)
    ).fetchone()
    return row[0] if row else Label.create(name=name).id


def _local_actions(rule: Rule | _RuleRow, ids: list[int]) -> bool:
    """Apply the rule's local actions to ``ids``; whether it had any."""
    if not ids:
        return False
    touched = False
    cursor = database.cursor()
    for action, arg in rule.actions:
        if action == MARK_READ:
            _update_messages("seen = 1", ids)
        elif action == DELETE:  # in Holub only (R2): the server keeps it
            _update_messages("deleted_locally = 1", ids)
        elif action == LABEL:
            label = _label_id(str(arg))
            cursor.executemany(
                f'INSERT OR IGNORE INTO "{_MESSAGE_LABEL}" (message_id, label_id) VALUES (?, ?)',
                [(i, label) for i in ids],
            )
        elif action == MOVE:
            cursor.executemany(
                f'INSERT OR REPLACE INTO "{_PLACEMENT}" (message_id, folder_name, source) '
                "VALUES (?, ?, 'rule')",
                [(i, str(arg)) for i in ids],
            )
        else:
            continue
        touched = True
    return touched


def _update_messages(assignment: str, ids: list[int]) -> None:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        database.execute_sql(
            f'UPDATE "{_MESSAGE}" SET {assignment} WHERE id IN ({marks})', list(chunk)
        )


def _write_jobs(
    rule: Rule | _RuleRow,
    ids: list[int],
    messages: dict[int, Message],
    keys: dict[int, str],
    now: Any,
) -> None:
    rows = []
    for step, (action, arg) in enumerate(rule.actions):
        if action not in JOB_ACTIONS:
            continue
        for i in ids:
            m = messages[i]
            rows.append(
                {
                    "rule": rule.id,
                    "mailbox": m.mailbox_id,
                    "message": i,
                    "message_key": keys[i],
                    "step": step,
                    "action": action,
                    "argument": arg,
                    "target": _reply_target(m) if action == REPLY else "",
                    "state": "queued",
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    for chunk in _chunks(rows, 100):
        RuleJob.insert_many(chunk).on_conflict_ignore().execute()


def _reply_target(m: Message) -> str:
    reply_to = [addr for _name, addr in (m.reply_to or []) if addr]
    return (reply_to[0] if reply_to else m.from_addr or "").lower()


# ------------------------------------------------------------------ Run now


def _existing_matches(rule: Rule) -> list[int]:
    compiled = _compile(rule, ["m.deleted_locally = 0"], [], fts_range=False)
    try:
        return [row[0] for row in database.execute_sql(compiled.sql, compiled.params)]
    except Exception as exc:
        raise InvalidInput(f"The rule's filter cannot run: {exc}") from exc


def count_matches(query: str, *, applies: str = "both", mailbox_id: int | None = None) -> int:
    """How many stored messages a condition matches (the editor's live count)."""
    return len(preview(query, applies=applies, mailbox_id=mailbox_id, limit=None))


def preview(
    query: str, *, applies: str = "both", mailbox_id: int | None = None, limit: int | None = 20
) -> list[int]:
    """Ids of stored messages matching a condition, newest first."""
    check_query(query)
    rule = Rule(applies=applies, mailbox=mailbox_id, filter=SavedFilter(query=query))
    compiled = _compile(rule, ["m.deleted_locally = 0"], [], fts_range=False)
    sql = compiled.sql + " ORDER BY m.date DESC, m.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    try:
        return [row[0] for row in database.execute_sql(sql, compiled.params)]
    except Exception as exc:
        raise InvalidInput(f"The filter cannot run: {exc}") from exc


def pending_count(rule_id: int) -> int:
    """How many existing messages "Run now" would apply the rule to (not yet applied)."""
    rule = get_rule(rule_id)
    matched = _existing_matches(rule)
    messages = _load(matched)
    known = _ledger_keys(rule.id, [_key_of(m) for m in messages.values()])
    return sum(1 for m in messages.values() if _key_of(m) not in known)


def _load(ids: list[int]) -> dict[int, Message]:
    out: dict[int, Message] = {}
    for chunk in _chunks(ids):
        out.update(
            (m.id, m)
            for m in Message.select(
                Message.id,
                Message.mailbox,
                Message.folder,
                Message.message_id,
                Message.from_addr,
                Message.reply_to,
                Message.date,
                Message.subject,
            ).where(Message.id.in_(chunk))
        )
    return out


def run_now(rule_id: int) -> tuple[int, ChangeSet]:
    """Apply a rule to the stored mail it matches today; returns how many messages it
    newly applied to. Messages it already applied to (ledger) are left alone."""
    rule = get_rule(rule_id)
    with database.atomic("IMMEDIATE"):
        matched = _existing_matches(rule)
        changes = ChangeSet()
        counts = _apply_plan([(rule, matched)], _load(matched), changes, reapply_local=False)
        Rule.update(last_run_at=utcnow(), last_error=None).where(Rule.id == rule.id).execute()
    return counts.get(rule.id, 0), changes
