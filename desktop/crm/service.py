"""Pairing in the import transaction, re-pairing, and the manual CRM operations.

Modes per mailbox (R6, R7):

* active pairing on (``pairing_enabled``): unambiguous candidates are filed
  (``Filing.source = "auto"``; ``"inherited"`` for replies);
* signal pairing on (``signals_enabled``) and active off: candidates become open signals;
* both on: candidates are filed, and only what could not be filed (ambiguous
  candidates) becomes a signal — a signal for something already filed is noise;
* an ambiguous candidate (an address of several companies, an id naming both a
  project and a task) is never filed: it becomes a signal whenever either mode is on.

Manual decisions — a manual filing (``source`` "manual" or "signal", i.e. an accepted
signal), a removed marker (``Filing.removed``), an accepted or dismissed signal — are
never overridden: pairing inserts with ON CONFLICT IGNORE on (message, kind, id), and
``repair`` leaves messages that carry any manual decision alone.

Every mutation returns a ChangeSet naming the messages whose filings or signals changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from desktop.changes import ChangeSet
from desktop.crm import cache, publish, sharing
from desktop.crm.pairing import (
    KIND_COMPANY,
    KIND_PROJECT,
    KIND_TASK,
    Candidate,
    normalise_address,
    parse_exclusions,
    tags_in_subject,
)
from desktop.errors import InvalidInput
from desktop.models.base import among, insert_or_ignore
from desktop.models.crm import (
    OBJECT_KINDS,
    Company,
    Contact,
    CrmAccount,
    Filing,
    KeptFiling,
    Project,
    ReplyLink,
    Signal,
    Task,
)
from desktop.models.db import database
from desktop.models.mail import Folder, Mailbox, Message
from desktop.models.subjects import SUBJECT_PREFIX, normalise_subject

log = logging.getLogger(__name__)

MANUAL_SOURCES = ("manual", "signal")
AUTO_SOURCES = ("auto", "inherited")
_MODELS = {KIND_COMPANY: Company, KIND_PROJECT: Project, KIND_TASK: Task}
_CHUNK = 500
_UNSET: Any = object()
DISMISSED_SIGNAL = "dismissed-signal"


@dataclass
class CrmChangeSet(ChangeSet):
    """A ChangeSet that also names the CRM object an operation created, if any."""

    created: tuple[str, int] | None = None


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def own_addresses(mailbox: Mailbox) -> frozenset[str]:
    own = {normalise_address(mailbox.email)}
    if "@" in (mailbox.username or ""):
        own.add(normalise_address(mailbox.username))
    return frozenset(a for a in own if a)


# ---------------------------------------------------------------- writing candidates


class _Writer:
    """Collects filings and signals and writes them in bulk, conflicts ignored."""

    def __init__(self, active: bool, signals: bool) -> None:
        self.active = active
        self.signals = signals
        self.filings: list[dict[str, Any]] = []
        self.signal_rows: list[dict[str, Any]] = []
        self.filed: dict[int, set[tuple[str, int]]] = {}
        self.touched: set[int] = set()
        # Which messages got a filing / a signal: the pipeline's change-set part.
        self.filed_ids: set[int] = set()
        self.signalled_ids: set[int] = set()

    def add(self, message_id: int, candidates: Iterable[Candidate], source: str) -> None:
        if not (self.active or self.signals):
            return
        filed = self.filed.setdefault(message_id, set())
        for c in candidates:
            key = (c.kind, c.id)
            if self.active and not c.ambiguous:
                if key not in filed:
                    filed.add(key)
                    self.filings.append(
                        {
                            "message": message_id,
                            "object_kind": c.kind,
                            "object_id": c.id,
                            "source": source,
                        }
                    )
                    self.touched.add(message_id)
                    self.filed_ids.add(message_id)
            elif key not in filed:
                self.signal_rows.append(
                    {
                        "message": message_id,
                        "object_kind": c.kind,
                        "object_id": c.id,
                        "reason": c.reason,
                    }
                )
                self.touched.add(message_id)
                self.signalled_ids.add(message_id)

    def flush(self) -> None:
        insert_or_ignore(Filing, self.filings)
        insert_or_ignore(Signal, self.signal_rows)
        self.filings.clear()
        self.signal_rows.clear()


def _reply_parents(message: Any) -> list[str]:
    """In-Reply-To first, then References from the nearest ancestor back."""
    refs = message.references
    if isinstance(refs, str):
        refs = refs.split()
    out: list[str] = []
    for mid in [message.in_reply_to, *reversed(list(refs or []))]:
        if mid and mid not in out:
            out.append(mid)
    return out


def _inherited_candidates(parent_ids: Sequence[int]) -> dict[int, list[Candidate]]:
    """What each parent passes on: its live filings (certain) and open/accepted signals
    (still only suggestions, so marked ambiguous: they become signals, never filings)."""
    out: dict[int, list[Candidate]] = {}
    for mid, kind, oid in (
        Filing.select(Filing.message, Filing.object_kind, Filing.object_id)
        .where(among(Filing.message, parent_ids) & (Filing.removed == False))  # noqa: E712
        .tuples()
    ):
        out.setdefault(mid, []).append(Candidate(kind, oid, "reply to a filed message"))
    for mid, kind, oid in (
        Signal.select(Signal.message, Signal.object_kind, Signal.object_id)
        .where(among(Signal.message, parent_ids) & (Signal.state == "open"))
        .tuples()
    ):
        out.setdefault(mid, []).append(
            Candidate(kind, oid, "reply to a message with a signal", True)
        )
    return out


def _propagate(mailbox: Mailbox, writer: _Writer, parents: dict[str, int]) -> None:
    """Pass filings from parents (Message-ID → row id) to the replies waiting on them,
    and on down the thread, whatever order the messages arrived in."""
    seen: set[int] = set()
    frontier = dict(parents)
    for _depth in range(50):  # a thread deeper than this is not a thread
        if not frontier:
            break
        writer.flush()
        inherited = _inherited_candidates(list(set(frontier.values())))
        if not inherited:
            break  # no parent has anything to pass on (the usual case): no link lookup
        rows: list[tuple[int, str, int]] = list(
            ReplyLink.select(ReplyLink.message, ReplyLink.parent_message_id, ReplyLink.rank)
            # CROSS JOIN fixes the loop order (SQLite): look the links up by their
            # parent's Message-ID first. Left to itself the planner walked every
            # message of the mailbox for each batch, O(n^2) over a first import.
            .join(Message, JOIN.CROSS)
            .where(
                (ReplyLink.message == Message.id)
                & among(ReplyLink.parent_message_id, frontier)
                & (Message.mailbox == mailbox)
            )
            .tuples()
        )
        # Nearest parent first: In-Reply-To, else the References from the end back.
        rows.sort(key=lambda r: (r[0], r[2]))
        links = [(child, parent_mid) for child, parent_mid, _rank in rows]
        next_frontier: dict[str, int] = {}
        children = {child for child, _ in links if child not in seen}
        if not children:
            break
        child_mids = dict(
            Message.select(Message.id, Message.message_id)
            .where(among(Message.id, children))
            .tuples()
        )
        for child, parent_mid in links:
            if child in seen:
                continue
            cands = inherited.get(frontier[parent_mid], [])
            if cands:
                writer.add(child, cands, "inherited")
                seen.add(child)
                if child_mids.get(child):
                    next_frontier[child_mids[child]] = child
        frontier = next_frontier
    writer.flush()


def _mailbox_modes(mailbox: Mailbox) -> tuple[bool, bool]:
    return bool(mailbox.pairing_enabled), bool(mailbox.signals_enabled)


def pair_new_messages(mailbox: Mailbox, stored: list[tuple[Message, Any]]) -> ChangeSet:
    """The pipeline's pairing step (desktop/pipeline.py), inside the import transaction.

    Returns the messages that got filings or signals (restored manual decisions too).
    """
    if not stored or mailbox.kind == "shared":  # a colleague's: the CRM's filings (R11)
        return ChangeSet()
    restored = _restore_kept(mailbox, [m for m, _ in stored])
    active, signals = _mailbox_modes(mailbox)
    writer = _Writer(active, signals)
    index = cache.current_index()
    own = own_addresses(mailbox)
    excl = parse_exclusions(mailbox.pairing_exclusions or "")
    links: list[dict[str, Any]] = []
    by_mid: dict[str, int] = {}
    for message, parsed in stored:
        source = parsed if parsed is not None else message
        writer.add(message.id, index.pair(source, message.direction, own, excl), "auto")
        if message.message_id:
            by_mid[message.message_id] = message.id
        if not tags_in_subject(message.subject):
            for rank, parent in enumerate(_reply_parents(message)):
                links.append({"message": message.id, "parent_message_id": parent, "rank": rank})
    insert_or_ignore(ReplyLink, links)
    writer.flush()
    if active or signals:
        _pair_replies(mailbox, writer, stored, links, by_mid)
    return ChangeSet(filings=writer.filed_ids | restored, signals=writer.signalled_ids | restored)


def _pair_replies(
    mailbox: Mailbox,
    writer: _Writer,
    stored: list[tuple[Message, Any]],
    links: list[dict[str, Any]],
    by_mid: dict[str, int],
) -> None:
    # The new replies whose parents are already here, and the older replies that were
    # waiting for one of the new messages: both reduce to "propagate from these parents".
    new_ids = {m.id for m, _ in stored}
    wanted = {link["parent_message_id"] for link in links}
    parents: dict[str, int] = {}
    for row_id, mid in (
        Message.select(Message.id, Message.message_id)
        .where(among(Message.message_id, wanted) & (Message.mailbox == mailbox))
        .order_by(Message.id)
        .tuples()
    ):
        if row_id not in new_ids:  # (a NOT IN of the batch's ids cost more than the rows)
            parents.setdefault(mid, row_id)
    parents.update(by_mid)
    _propagate(mailbox, writer, parents)


# ------------------------------------------------------- UIDVALIDITY re-import survival


def keep_manual_filings(folder: Folder, message_ids: list[int] | None = None) -> None:
    """Called by store.drop_folder_messages (and store.remove_messages with the
    ``message_ids`` about to go) before messages of the folder are deleted."""
    if message_ids is not None:
        for chunk in _chunks(message_ids):
            _keep_manual_filings(folder, Message.id.in_(chunk))
        return
    _keep_manual_filings(folder, True)


def _keep_manual_filings(folder: Folder, which) -> None:
    rows = (
        Filing.select(Filing, Message.message_id)
        .join(Message)
        .where(
            (Message.folder == folder)
            & which
            & (Message.message_id != "")
            & (Filing.source.in_(MANUAL_SOURCES) | (Filing.removed == True))  # noqa: E712
        )
    )
    kept = [
        {
            "mailbox": folder.mailbox_id,
            "message_id": f.message.message_id,
            "object_kind": f.object_kind,
            "object_id": f.object_id,
            "source": f.source,
            "removed": f.removed,
        }
        for f in rows
    ]
    # A dismissed signal is a decision too; kept with source "dismissed-signal".
    kept += [
        {
            "mailbox": folder.mailbox_id,
            "message_id": mid,
            "object_kind": kind,
            "object_id": oid,
            "source": DISMISSED_SIGNAL,
            "removed": True,
        }
        for kind, oid, mid in Signal.select(
            Signal.object_kind, Signal.object_id, Message.message_id
        )
        .join(Message)
        .where(
            (Message.folder == folder)
            & which
            & (Message.message_id != "")
            & (Signal.state == "dismissed")
        )
        .tuples()
    ]
    for chunk in _chunks(kept):
        KeptFiling.insert_many(chunk).execute()


def _restore_kept(mailbox: Mailbox, messages: list[Message]) -> set[int]:
    """Put kept manual decisions back on re-imported messages; returns their ids."""
    mids = {m.message_id: m.id for m in messages if m.message_id}
    restored: set[int] = set()
    if not mids or not KeptFiling.select().where(KeptFiling.mailbox == mailbox).exists():
        return restored
    for chunk in _chunks(list(mids)):
        kept = list(
            KeptFiling.select().where(
                (KeptFiling.mailbox == mailbox) & KeptFiling.message_id.in_(chunk)
            )
        )
        for k in kept:
            restored.add(mids[k.message_id])
            if k.source == DISMISSED_SIGNAL:
                Signal.insert(
                    message=mids[k.message_id],
                    object_kind=k.object_kind,
                    object_id=k.object_id,
                    state="dismissed",
                ).on_conflict_ignore().execute()
                continue
            Filing.insert(
                message=mids[k.message_id],
                object_kind=k.object_kind,
                object_id=k.object_id,
                source=k.source,
                removed=k.removed,
            ).on_conflict_ignore().execute()
        if kept:
            KeptFiling.delete().where(KeptFiling.id.in_([k.id for k in kept])).execute()
    return restored


# ------------------------------------------------------------------------------ repair


def _manually_decided(mailbox: Mailbox) -> set[int]:
    decided = set(
        Filing.select(Filing.message)
        .join(Message)
        .where(
            (Message.mailbox == mailbox)
            & (Filing.source.in_(MANUAL_SOURCES) | (Filing.removed == True))  # noqa: E712
        )
        .tuples()
        .iterator()
    )
    decided |= set(
        Signal.select(Signal.message)
        .join(Message)
        .where((Message.mailbox == mailbox) & Signal.state.in_(("accepted", "dismissed")))
        .tuples()
        .iterator()
    )
    return {row[0] if isinstance(row, tuple) else row for row in decided}


REPAIR_CHUNK = 2000


def repair(mailbox_id: int | None = None) -> ChangeSet:
    """Run the rules again over every message that has no manual decision (e.g. after
    the CRM got a new contact or project). Manual filings, removed markers and
    accepted/dismissed signals are never touched.

    Works in short transactions of REPAIR_CHUNK messages so that a sync importing
    meanwhile waits milliseconds, not the whole run (SQLite has one writer)."""
    changes = ChangeSet()
    # A colleague's shared mailbox keeps the CRM's filings: it is never re-paired (R11).
    query = Mailbox.select().where(Mailbox.kind != "shared")
    if mailbox_id is not None:
        query = query.where(Mailbox.id == mailbox_id)
    mailboxes = list(query)
    if mailbox_id is not None and not mailboxes:
        raise InvalidInput(f"There is no mailbox with id {mailbox_id}.")
    index = cache.current_index()
    for mailbox in mailboxes:
        touched: set[int] = set()
        decided = _manually_decided(mailbox)
        active, signals = _mailbox_modes(mailbox)
        own = own_addresses(mailbox)
        excl = parse_exclusions(mailbox.pairing_exclusions or "")
        ids = [
            r[0]
            for r in Message.select(Message.id)
            .where(Message.mailbox == mailbox)
            .order_by(Message.date, Message.id)
            .tuples()
        ]
        parents: dict[str, int] = {}
        for chunk in _chunks(ids, REPAIR_CHUNK):
            undecided = [i for i in chunk if i not in decided]
            writer = _Writer(active, signals)
            with database.atomic():
                for part in _chunks(undecided):
                    before = {
                        r[0]
                        for r in Filing.select(Filing.message)
                        .where(Filing.message.in_(part) & Filing.source.in_(AUTO_SOURCES))
                        .tuples()
                    } | {
                        r[0]
                        for r in Signal.select(Signal.message)
                        .where(Signal.message.in_(part) & (Signal.state == "open"))
                        .tuples()
                    }
                    touched |= before
                    Filing.delete().where(
                        Filing.message.in_(part) & Filing.source.in_(AUTO_SOURCES)
                    ).execute()
                    Signal.delete().where(
                        Signal.message.in_(part) & (Signal.state == "open")
                    ).execute()
                rows = Message.select(
                    Message.id,
                    Message.direction,
                    Message.from_addr,
                    Message.to,
                    Message.cc,
                    Message.subject,
                    Message.message_id,
                ).where(Message.id.in_(list(chunk)))
                for msg in rows:
                    if msg.message_id:
                        parents.setdefault(msg.message_id, msg.id)
                    if msg.id not in decided:
                        writer.add(msg.id, index.pair(msg, msg.direction, own, excl), "auto")
                writer.flush()
                publish.mark_filed_due(chunk)
            touched |= writer.touched
        # Inheritance for the tag-less replies that are not manually decided; additive,
        # so it can run parent chunk by parent chunk.
        items = list(parents.items())
        for chunk in _chunks(items, REPAIR_CHUNK):
            writer = _Writer(active, signals)
            with database.atomic():
                _propagate(mailbox, _RestrictedWriter(writer, decided), dict(chunk))  # type: ignore[arg-type]
                publish.mark_filed_due(writer.touched)
            touched |= writer.touched
        changes.updated += sorted(touched)
    return changes


class _RestrictedWriter:
    """A writer that ignores messages with manual decisions (used by repair)."""

    def __init__(self, writer: _Writer, skip: set[int]) -> None:
        self._writer = writer
        self._skip = skip

    def add(self, message_id: int, candidates: Iterable[Candidate], source: str) -> None:
        if message_id not in self._skip:
            self._writer.add(message_id, candidates, source)

    def flush(self) -> None:
        self._writer.flush()


# ------------------------------------------------------------------ manual operations


def remote_account() -> CrmAccount | None:
    """The connected Caflou account, if any (else the local CRM is in use)."""
    return (
        CrmAccount.select()
        .where(CrmAccount.account_id.is_null(False))
        .order_by(CrmAccount.id.desc())
        .first()
    )


def _check_object(kind: str, object_id: int) -> None:
    if kind not in OBJECT_KINDS:
        raise InvalidInput(f"Unknown CRM object kind {kind!r}: use company, project or task.")
    model = _MODELS[kind]
    if not model.select().where(model.id == object_id).exists():
        raise InvalidInput(f"There is no {kind} with id {object_id} in the CRM.")
    account = remote_account()
    if account is not None:
        # The CRM decides who may see what: ask it before changing anything locally.
        from desktop.crm import api

        api.client_for(account).get_object(kind, object_id)


def _message_ids(message_ids: int | Iterable[int]) -> list[int]:
    ids = [message_ids] if isinstance(message_ids, int) else list(message_ids)
    found = {
        r[0]
        for chunk in _chunks(ids)
        for r in Message.select(Message.id).where(Message.id.in_(chunk)).tuples()
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(f"There is no message with id {missing[0]}.")
    return ids


def file_message(message_ids: int | Iterable[int], kind: str, object_id: int) -> ChangeSet:
    """File one or many messages under a company, project or task (by hand)."""
    ids = _message_ids(message_ids)
    _check_object(kind, object_id)
    sharing.write_filing(ids, kind, object_id, filed=True)  # R11 levels; CRM copy first
    _record_manual_decision(ids, kind, object_id, removed=False)
    return ChangeSet(updated=ids)


def unfile_message(message_ids: int | Iterable[int], kind: str, object_id: int) -> ChangeSet:
    """Remove a filing; a removed marker stays so re-pairing never files it there again."""
    ids = _message_ids(message_ids)
    if kind not in OBJECT_KINDS:
        raise InvalidInput(f"Unknown CRM object kind {kind!r}: use company, project or task.")
    sharing.write_filing(ids, kind, object_id, filed=False)  # R11 levels; CRM copy first
    _record_manual_decision(ids, kind, object_id, removed=True)
    return ChangeSet(updated=ids)


def _record_manual_decision(ids: list[int], kind: str, object_id: int, *, removed: bool) -> None:
    """A manual filing (or its removal marker), and the open signal for it settled to match."""
    with database.atomic():
        for mid in ids:
            (
                Filing.insert(
                    message=mid,
                    object_kind=kind,
                    object_id=object_id,
                    source="manual",
                    removed=removed,
                )
                .on_conflict(
                    conflict_target=[Filing.message, Filing.object_kind, Filing.object_id],
                    update={Filing.source: "manual", Filing.removed: removed},
                )
                .execute()
            )
        Signal.update(state="dismissed" if removed else "accepted").where(
            Signal.message.in_(ids)
            & (Signal.object_kind == kind)
            & (Signal.object_id == object_id)
            & (Signal.state == "open")
        ).execute()
        publish.mark_due(ids)


def _signals(signal_ids: int | Iterable[int]) -> list[Signal]:
    ids = [signal_ids] if isinstance(signal_ids, int) else list(signal_ids)
    found = list(Signal.select().where(Signal.id.in_(ids)))
    if len(found) != len(set(ids)):
        missing = set(ids) - {s.id for s in found}
        raise InvalidInput(f"There is no signal with id {min(missing)}.")
    return found


def accept_signals(signal_ids: int | Iterable[int]) -> ChangeSet:
    """Accept one or many signals: each files its message under its object."""
    signals = _signals(signal_ids)
    for obj in {(s.object_kind, s.object_id) for s in signals}:
        _check_object(*obj)
    for s in signals:  # R11 levels; the CRM copy first
        sharing.write_hint(s.message_id, s.object_kind, s.object_id, accept=True)
    with database.atomic():
        for s in signals:
            (
                Filing.insert(
                    message=s.message_id,
                    object_kind=s.object_kind,
                    object_id=s.object_id,
                    source="signal",
                )
                .on_conflict(
                    conflict_target=[Filing.message, Filing.object_kind, Filing.object_id],
                    update={Filing.source: "signal", Filing.removed: False},
                )
                .execute()
            )
        Signal.update(state="accepted").where(Signal.id.in_([s.id for s in signals])).execute()
        publish.mark_due(s.message_id for s in signals)
    return ChangeSet(updated=sorted({s.message_id for s in signals}))


def dismiss_signals(signal_ids: int | Iterable[int]) -> ChangeSet:
    signals = _signals(signal_ids)
    for s in signals:  # R11 levels; the CRM copy first
        sharing.write_hint(s.message_id, s.object_kind, s.object_id, accept=False)
    with database.atomic():
        Signal.update(state="dismissed").where(Signal.id.in_([s.id for s in signals])).execute()
        publish.mark_filed_due(s.message_id for s in signals)
    return ChangeSet(updated=sorted({s.message_id for s in signals}))


# The names of the shared interface (one or many ids either way).
accept_signal = accept_signals
dismiss_signal = dismiss_signals


# ----------------------------------------------------------- creating from a message


def prefill_from_message(kind: str, message_id: int) -> dict[str, Any]:
    """Values for a new object from a message: name/domain from the sender (the first
    recipient for sent mail), the subject (without tags and Re:) as a project/task name,
    and the company the message is filed under, if one."""
    msg = Message.get_or_none(Message.id == message_id)
    if msg is None:
        raise InvalidInput(f"There is no message with id {message_id}.")
    if msg.direction == "sent" and msg.to:
        name, addr = (msg.to[0] + ["", ""])[:2]
    else:
        name, addr = msg.from_name, msg.from_addr
    addr = normalise_address(addr or "")
    domain = addr.rpartition("@")[2]
    company_id = (
        Filing.select(Filing.object_id)
        .where(
            (Filing.message == msg.id)
            & (Filing.object_kind == KIND_COMPANY)
            & (Filing.removed == False)  # noqa: E712
        )
        .scalar()
    )
    subject = normalise_subject(msg.subject or "")
    title = " ".join(_strip_tags(msg.subject or "").split())
    title = _strip_prefixes(title) or subject
    if kind == KIND_COMPANY:
        label = domain.split(".")[0].capitalize() if domain else (name or "")
        return {"name": label, "email": addr, "domain": domain}
    if kind == "contact":
        return {"name": name or addr.partition("@")[0], "email": addr, "company_id": company_id}
    project_id = (
        Filing.select(Filing.object_id)
        .where(
            (Filing.message == msg.id)
            & (Filing.object_kind == KIND_PROJECT)
            & (Filing.removed == False)  # noqa: E712
        )
        .scalar()
        if kind == KIND_TASK
        else None
    )
    return {"name": title, "company_id": company_id, "project_id": project_id}


def _strip_tags(subject: str) -> str:
    import re

    return re.sub(r"\[?#+\w*#+\]?", " ", subject)


def _strip_prefixes(subject: str) -> str:
    return SUBJECT_PREFIX.sub("", subject).strip()


def create_object_from_message(
    kind: str,
    message_id: int,
    *,
    name: str | None = None,
    email: str | None = None,
    company_id: Any = _UNSET,
    project_id: Any = _UNSET,
    file: bool = True,
) -> CrmChangeSet:
    """Create a company, contact, project or task from a message (prefilled, any field
    overridable) and file the message under it (a contact files under its company)."""
    values = prefill_from_message(kind, message_id)
    if name is not None:
        values["name"] = name
    if email is not None:
        values["email"] = email
    if company_id is not _UNSET:  # None is a choice: "no company"
        values["company_id"] = company_id
    if project_id is not _UNSET:
        values["project_id"] = project_id
    if not str(values.get("name") or "").strip():
        raise InvalidInput(f"A {kind} needs a name.")
    account = remote_account()
    if account is not None:
        from desktop.crm import api

        new_id = api.create_object(account, kind, values)
    else:
        from desktop.crm import local

        fields = {k: values.get(k) for k in ("name", "email", "company_id", "project_id")}
        if kind == KIND_COMPANY:
            fields = {"name": fields["name"], "email": fields["email"] or ""}
        elif kind == "contact":
            fields.pop("project_id")
        elif kind == KIND_PROJECT:
            fields = {"name": fields["name"], "company_id": fields["company_id"]}
        else:
            fields.pop("email")
        new_id = local.add(kind, **fields)
    changes = CrmChangeSet(created=(kind, new_id))
    if file:
        if kind == "contact":
            target = Contact.get_by_id(new_id).company_id
            if target is not None:
                changes.merge(file_message(message_id, KIND_COMPANY, target))
        else:
            changes.merge(file_message(message_id, kind, new_id))
    return changes


# ------------------------------------------------------------------------ queries


def _cached_name(kind: str, object_id: int) -> str | None:
    """The object's name if the CRM cache has it (with a CRM account: if the CRM returned
    it for this user), else None — such filings and signals are not shown."""
    model = _MODELS.get(kind)
    row = model.select(model.name).where(model.id == object_id).tuples().first() if model else None
    return row[0] if row else None


def object_name(kind: str, object_id: int) -> str:
    return _cached_name(kind, object_id) or f"{kind} #{object_id}"


def names_of(objects: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Names of many objects in one query per kind; objects missing from the cache are
    absent from the result."""
    wanted: dict[str, set[int]] = {}
    for kind, oid in objects:
        wanted.setdefault(kind, set()).add(oid)
    out: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        model = _MODELS.get(kind)
        if model is None:
            continue
        for chunk in _chunks(list(ids)):
            for oid, name in model.select(model.id, model.name).where(model.id.in_(chunk)).tuples():
                out[(kind, oid)] = name
    return out


def filings_for_messages(message_ids: Sequence[int]) -> dict[int, list[tuple[str, int, str]]]:
    """Live filings per message as (kind, id, name), for chips in the list and reader.
    Filings onto objects the CRM cache does not hold (no right, deleted) are left out.
    A few queries for the whole batch, never one per row."""
    rows: list[tuple[int, str, int]] = []
    for chunk in _chunks(list(message_ids)):
        rows += list(
            Filing.select(Filing.message, Filing.object_kind, Filing.object_id)
            .where(Filing.message.in_(chunk) & (Filing.removed == False))  # noqa: E712
            .order_by(Filing.id)
            .tuples()
        )
    names = names_of((kind, oid) for _mid, kind, oid in rows)
    out: dict[int, list[tuple[str, int, str]]] = {}
    for mid, kind, oid in rows:
        name = names.get((kind, oid))
        if name is not None:
            out.setdefault(mid, []).append((kind, oid, name))
    return out


def signals_for_messages(message_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Signals per message (any state), for `export` and the reader."""
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk in _chunks(list(message_ids)):
        for s in Signal.select().where(Signal.message.in_(chunk)).order_by(Signal.id):
            out.setdefault(s.message_id, []).append(
                {
                    "id": s.id,
                    "kind": s.object_kind,
                    "object_id": s.object_id,
                    "state": s.state,
                    "reason": s.reason,
                }
            )
    return out


def messages_for_object(kind: str, object_id: int) -> list[int]:
    """Every message filed under the object, newest first; a task's mail also shows
    under its project and its company (R9)."""
    targets = [(kind, object_id)]
    if kind == KIND_PROJECT:
        targets += [
            (KIND_TASK, t)
            for (t,) in Task.select(Task.id).where(Task.project == object_id).tuples()
        ]
    elif kind == KIND_COMPANY:
        task_ids = Task.select(Task.id).where(
            (Task.company == object_id)
            | Task.project.in_(Project.select(Project.id).where(Project.company == object_id))
        )
        targets += [(KIND_TASK, t) for (t,) in task_ids.tuples()]
    cond = None
    for tkind in {k for k, _ in targets}:
        ids = [i for k, i in targets if k == tkind]
        part = (Filing.object_kind == tkind) & Filing.object_id.in_(ids)
        cond = part if cond is None else (cond | part)
    query = (
        Message.select(Message.id)
        .join(Filing)
        .where(cond & (Filing.removed == False) & (Message.deleted_locally == False))  # noqa: E712
        .distinct()
        .order_by(Message.date.desc())
    )
    return [r[0] for r in query.tuples()]


def list_objects(kind: str) -> list[tuple[int, str]]:
    """(id, name) of every cached object of a kind, by name: the folder tree's CRM views."""
    model = _MODELS[kind]
    return list(model.select(model.id, model.name).order_by(model.name, model.id).tuples())


def open_signal_count(mailbox_id: int | None = None) -> int:
    query = Signal.select().where(Signal.state == "open")
    if mailbox_id is not None:
        query = query.join(Message).where(Message.mailbox == mailbox_id)
    return query.count()


def is_local_crm() -> bool:
    return remote_account() is None


def list_signals(state: str = "open", mailbox_id: int | None = None) -> list[Signal]:
    query = Signal.select(Signal, Message).join(Message).where(Signal.state == state)
    if mailbox_id is not None:
        query = query.where(Message.mailbox == mailbox_id)
    visible: dict[tuple[str, int], bool] = {}
    out = []
    for sig in query.order_by(Message.date.desc(), Signal.id):
        key = (sig.object_kind, sig.object_id)
        if key not in visible:
            visible[key] = _cached_name(*key) is not None
        if visible[key]:
            out.append(sig)
    return out


def search_objects(
    text: str, kinds: Sequence[str] = OBJECT_KINDS, limit: int = 50
) -> list[tuple[str, int, str]]:
    """Objects whose name (or id, or company e-mail) contains ``text``, for the picker.
    Only what is in the cache — with a CRM account, only what the CRM returned."""
    text = text.strip()
    out: list[tuple[str, int, str]] = []
    for kind in kinds:
        model = _MODELS[kind]
        query = model.select(model.id, model.name)
        if text:
            cond = model.name.contains(text)
            if text.lstrip("#").rstrip("#").isdigit():
                cond = cond | (model.id == int(text.strip("#")))
            if kind == KIND_COMPANY:
                cond = cond | Company.email.contains(text)
            query = query.where(cond)
        for oid, name in query.order_by(model.name).limit(limit).tuples():
            out.append((kind, oid, name))
    return out
