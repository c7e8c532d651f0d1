"""The import pipeline: what happens to new mail between the store and the window.

DESIGN.md §1: provider → parse → store → pair → rules → change-set → view. The
store (desktop/sync/store.py) inserts the rows and then runs this pipeline's
steps *inside the same transaction*, in a fixed order — pairing, then rules —
so a batch commits whole with its filings, signals, labels and rule effects, and
the change-set published after commit names all of them.

Explicit on purpose: the pipeline is assembled once when a profile opens
(``install(default())`` in desktop/profile.py); nothing registers itself
lazily, so one step can never silently replace another. It is the only place
where ``desktop.sync`` meets ``desktop.crm``: the store knows this module, the
CRM side supplies the steps, and neither imports the other.

Qt-free: the sync workers run it on their threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.changes import ChangeSet

log = logging.getLogger(__name__)

# Which steps run_import runs: all of them (a whole message), those that need only the
# headers (a header-only row), or those that need the body (its body arrived).
ALL, HEADERS, BODY = "all", "headers", "body"

# (Message, parsed form or None) pairs of a batch, as store_batch inserted them.
Stored = list[tuple[Any, Any]]
# A step on new messages: runs in the import transaction, returns what it changed.
ImportStep = Callable[[Any, Stored], ChangeSet | None]
# A step before messages of a folder are deleted (``None`` = the whole folder), in
# that transaction: e.g. keeping manual CRM decisions for a re-import.
RemovalStep = Callable[[Any, "list[int] | None"], None]
# Called after a batch that ran the import steps committed (outside any transaction):
# e.g. waking the worker that runs the rules' durable jobs.
AfterCommit = Callable[[ChangeSet], None]
# Called in the import transaction after every import step, with what they changed
# together: e.g. queueing the messages whose filings changed for the CRM.
OnBatchChanges = Callable[[Any, ChangeSet], None]


@dataclass(frozen=True)
class Step:
    name: str
    on_import: ImportStep | None = None
    before_remove: RemovalStep | None = None
    after_commit: AfterCommit | None = None
    on_batch_changes: OnBatchChanges | None = None
    # Called once when the profile opens (e.g. resume jobs an earlier run left).
    on_open: Callable[[], None] | None = None
    # Headers first (store.store_headers, then fill_bodies): a step that needs the
    # body (rule conditions on it, the CRM's copy) runs when the body arrives; the
    # others (pairing: From/To/Cc/Subject/References) when the headers are stored.
    needs_body: bool = False


@dataclass
class Pipeline:
    """Steps run in list order; the order is the contract (pairing before rules)."""

    steps: Sequence[Step] = field(default_factory=tuple)

    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def run_import(self, mailbox: Any, stored: Stored, phase: str = ALL) -> ChangeSet:
        """Run the import steps of ``phase`` on the batch; the caller holds the transaction."""
        changes = ChangeSet()
        if not stored:
            return changes

        def runs(step: Step) -> bool:
            return phase == ALL or step.needs_body == (phase == BODY)

        for step in self.steps:
            if step.on_import is None or not runs(step):
                continue
            part = step.on_import(mailbox, stored)
            if part is not None:
                changes.merge(part)
        added = [m.id for m, _ in stored]
        batch = ChangeSet(added=added).merge(ChangeSet().merge(changes))
        # Headers phase: the body steps hear only of older, complete messages whose
        # filings changed (e.g. replies that inherited a filing); of the new rows, later.
        new = set(added)
        older = ChangeSet(
            filings={i for i in batch.filings if i not in new},
            signals={i for i in batch.signals if i not in new},
        )
        for step in self.steps:
            if step.on_batch_changes is None:
                continue
            if runs(step):
                step.on_batch_changes(mailbox, batch)
            elif phase == HEADERS and (older.filings or older.signals):
                step.on_batch_changes(mailbox, older)
        return changes

    def run_before_remove(self, folder: Any, message_ids: list[int] | None) -> None:
        for step in self.steps:
            if step.before_remove is not None:
                step.before_remove(folder, message_ids)

    def run_on_open(self) -> None:
        for step in self.steps:
            if step.on_open is None:
                continue
            try:
                step.on_open()
            except Exception:
                log.exception("pipeline step %s failed when the profile opened", step.name)

    def run_after_commit(self, changes: ChangeSet) -> None:
        # After commit nothing may undo the batch: a failing step is logged, not raised.
        for step in self.steps:
            if step.after_commit is None:
                continue
            try:
                step.after_commit(changes)
            except Exception:
                log.exception("pipeline step %s failed after commit", step.name)


EMPTY = Pipeline(())

_lock = threading.Lock()
_active: Pipeline | None = None


def install(pipeline: Pipeline) -> Pipeline:
    """Make ``pipeline`` the one every store operation of this process runs."""
    global _active
    with _lock:
        _active = pipeline
    return pipeline


def active() -> Pipeline:
    """The installed pipeline; the default one if no profile installed any yet.

    A store opened without a profile (a script calling open_store) still gets the
    same full pipeline rather than none — never a partial one.
    """
    global _active
    with _lock:
        if _active is None:
            _active = default()
        return _active


def default() -> Pipeline:
    """Pairing, then rules, then queueing for the CRM. The assembly is the one place
    sync meets the CRM."""
    from desktop.crm import publish
    from desktop.crm import rules as crm_rules
    from desktop.crm import service as crm_service
    from desktop.services import rule_jobs

    return Pipeline(
        (
            Step(
                "pairing",
                on_import=crm_service.pair_new_messages,
                before_remove=crm_service.keep_manual_filings,
            ),
            Step(
                "rules",
                on_import=crm_rules.apply_to_new_messages,
                after_commit=rule_jobs.after_commit,
                on_open=rule_jobs.resume,
                needs_body=True,
            ),
            # Filed mail (and all mail of a shared mailbox) is written to the CRM's
            # publishing queue in the same transaction (R9); `crm push` and the sync
            # publish it after commit.
            Step("publish", on_batch_changes=publish.queue_batch, needs_body=True),
        )
    )
