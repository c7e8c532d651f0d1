"""Running the rules' durable jobs after commit: exactly once, with retry and backoff.

desktop/crm/rules.py writes a ``RuleJob`` per outside effect inside the import
transaction (once per (rule, message) thanks to the ledger). This module runs them:

* forward / reply: the message is built and put into the Outbox *in the same
  transaction* that marks the job done, so a crash either leaves the job queued with
  nothing queued, or the job done with the message queued once; the Outbox
  (desktop/sync/outbox.py) then sends it once. Its Message-ID is derived from the
  (rule, message key, step), and Outbox.message_id is unique: a second queueing of the
  same effect fails instead of sending twice.
* create-task / comment with Caflou: the job is claimed ("running", committed) before
  the request. A job found "running" by a later run (the OS lock proves its runner is
  gone) may or may not have reached Caflou, so it is marked failed with that reason for
  the user to check, never sent again blindly. With the local CRM the effect and "done"
  commit together.
* save-attachments: idempotent by content (a file already there with the same bytes
  is not written again), so a crash mid-way is simply run again.

Transient failures (network, 5xx) retry with exponential backoff; others fail at once
with the reason on the job (so on the message) and on the rule.
"""

from __future__ import annotations

import atexit
import contextlib
import email
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email import policy
from pathlib import Path

from desktop.changes import ChangeSet, bus
from desktop.errors import HolubError, InvalidInput
from desktop.models.base import utcnow
from desktop.models.crm import Filing
from desktop.models.db import database
from desktop.models.mail import Attachment, Mailbox, Message, Outbox
from desktop.models.rules import (
    COMMENT,
    CREATE_TASK,
    FORWARD,
    JOB_DONE,
    JOB_FAILED,
    JOB_QUEUED,
    JOB_RUNNING,
    JOB_SKIPPED,
    REPLY,
    SAVE_ATTACHMENTS,
    LocalComment,
    Rule,
    RuleJob,
    Template,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
REPLY_INTERVAL = timedelta(hours=24)  # RFC 3834: one auto-reply per sender per day


@dataclass
class RunReport:
    done: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)  # outbox ids handed to send_pending


class Skip(Exception):
    """The job must not run (an auto-reply guard): recorded as skipped, not failed."""


# ------------------------------------------------------------------ locking


_thread_lock = threading.Lock()


@contextlib.contextmanager
def _jobs_lock() -> Iterator[None]:
    """One job runner per profile across threads and processes (an OS file lock is
    released when its process dies: a "running" job seen under the lock is orphaned)."""
    path = Path(database.database)
    with _thread_lock, open(path.with_name(path.name + ".rules.lock"), "a+b") as handle:
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            yield
            return
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ------------------------------------------------------------------ state changes


def _finish(job: RuleJob, state: str, *, result: str | None = None, error: str | None = None):
    now = utcnow()
    RuleJob.update(state=state, result=result, error=error, updated_at=now).where(
        RuleJob.id == job.id
    ).execute()
    if job.rule_id is not None:
        Rule.update(last_error=None if state != JOB_FAILED else f"{job.action}: {error}").where(
            Rule.id == job.rule_id
        ).execute()


def _retry_or_fail(job: RuleJob, exc: Exception, report: RunReport) -> None:
    transient = isinstance(exc, HolubError) and exc.transient
    attempts = job.attempts + 1
    if transient and attempts < MAX_ATTEMPTS:
        delay = min(BACKOFF_MAX, BACKOFF_BASE * (2 ** (attempts - 1)))
        RuleJob.update(
            state=JOB_QUEUED,
            attempts=attempts,
            error=str(exc),
            next_attempt_at=utcnow() + delay,
            updated_at=utcnow(),
        ).where(RuleJob.id == job.id).execute()
        report.retrying.append(job.id)
        return
    RuleJob.update(attempts=attempts).where(RuleJob.id == job.id).execute()
    _finish(job, JOB_FAILED, error=str(exc))
    report.failed.append(job.id)


# ------------------------------------------------------------------ running


def run_due_jobs(*, send: bool = True) -> RunReport:
    """Run every queued job that is due; then send the mail they queued."""
    report = RunReport()
    with _jobs_lock():
        _recover_orphans(report)
        tried: set[int] = set()
        while True:
            due = [
                job
                for job in RuleJob.select()
                .where((RuleJob.state == JOB_QUEUED) & (RuleJob.next_attempt_at <= utcnow()))
                .order_by(RuleJob.id)
                .limit(100 + len(tried))
                if job.id not in tried
            ]
            if not due:
                break
            for job in due:
                tried.add(job.id)
                if not _waits_for_earlier_step(job):
                    _run_one(job, report)
        if send:
            _send_queued_mail(report)
    return report


def _waits_for_earlier_step(job: RuleJob) -> bool:
    """A rule's actions take effect in order: "create-task, comment" comments on the
    new task, so a later step waits while an earlier one is still to run (or retry)."""
    if job.step == 0 or job.rule_id is None:
        return False
    return (
        RuleJob.select()
        .where(
            (RuleJob.rule == job.rule_id)
            & (RuleJob.message_key == job.message_key)
            & (RuleJob.step < job.step)
            & RuleJob.state.in_([JOB_QUEUED, JOB_RUNNING])
        )
        .exists()
    )


def _recover_orphans(report: RunReport) -> None:
    for job in RuleJob.select().where(RuleJob.state == JOB_RUNNING):
        _finish(
            job,
            JOB_FAILED,
            error="Holub stopped while this ran; it may or may not have reached the CRM. "
            "Check there before running the rule again.",
        )
        report.failed.append(job.id)


_HANDLERS: dict[str, str] = {
    SAVE_ATTACHMENTS: "_save_attachments",
    CREATE_TASK: "_create_task",
    FORWARD: "_forward",
    REPLY: "_reply",
    COMMENT: "_comment",
}


def _run_one(job: RuleJob, report: RunReport) -> None:
    message = Message.get_or_none(Message.id == job.message_id) if job.message_id else None
    try:
        if message is None:
            raise InvalidInput("The message is no longer in Holub.")
        handler = globals()[_HANDLERS[job.action]]
        result = handler(job, message)
    except Skip as why:
        _finish(job, JOB_SKIPPED, result=str(why))
        report.skipped.append(job.id)
        return
    except HolubError as exc:
        _retry_or_fail(job, exc, report)
        return
    except Exception as exc:  # a bug must not stop the other jobs
        log.exception("rule job %s failed", job.id)
        _retry_or_fail(job, HolubError(f"Unexpected error: {exc}"), report)
        return
    if result is not None:  # handlers that finish inside their own transaction return None
        _finish(job, JOB_DONE, result=result)
    report.done.append(job.id)


# ------------------------------------------------------------------ save attachments


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def safe_filename(name: str) -> str:
    name = _UNSAFE.sub("_", name).strip().strip(".")
    return name[:200] or "attachment"


def write_unique(directory: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``name`` in ``directory`` without overwriting anything: a taken
    name becomes "name (2).ext"; a file already there with the same bytes is reused."""
    stem, dot, ext = safe_filename(name).rpartition(".")
    if not dot:
        stem, ext = ext, ""
    n = 1
    while True:
        candidate = directory / (f"{stem} ({n}){dot}{ext}" if n > 1 else f"{stem}{dot}{ext}")
        try:
            with open(candidate, "xb") as out:  # exclusive: never overwrites
                out.write(data)
            return candidate
        except FileExistsError:
            if candidate.read_bytes() == data:
                return candidate
            n += 1


def _save_attachments(job: RuleJob, message: Message) -> str:
    from desktop.sync.compose import resolve_attachment

    directory = Path(job.argument or "").expanduser()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"Cannot create the directory {directory}: {exc}") from exc
    names = []
    for att in Attachment.select().where(
        (Attachment.message == message.id) & (Attachment.inline == False)  # noqa: E712
    ):
        data = resolve_attachment({"message": message.id, "part": att.part_path})
        try:
            path = write_unique(directory, att.filename or data.filename, data.data)
        except OSError as exc:
            raise InvalidInput(f"Cannot write to {directory}: {exc}") from exc
        names.append(path.name)
    return ", ".join(names)


# ------------------------------------------------------------------ CRM


def _is_remote() -> bool:
    from desktop.crm import service

    return service.remote_account() is not None


def _create_task(job: RuleJob, message: Message) -> str | None:
    from desktop.crm import service

    remote = _is_remote()
    if remote:
        _claim(job)
        changes = service.create_object_from_message("task", message.id)
        _finish(job, JOB_DONE, result=str(changes.created[1]) if changes.created else "")
        result = None
    else:
        with database.atomic():
            changes = service.create_object_from_message("task", message.id)
            _finish(job, JOB_DONE, result=str(changes.created[1]) if changes.created else "")
        result = None
    changes.filings.add(message.id)
    changes.crm = True
    bus.publish(changes)
    return result


def _claim(job: RuleJob) -> None:
    RuleJob.update(state=JOB_RUNNING, updated_at=utcnow()).where(RuleJob.id == job.id).execute()


def _filed_object(message: Message) -> tuple[str, int]:
    """The most specific object the message is filed under: task, project, company."""
    rows = list(
        Filing.select(Filing.object_kind, Filing.object_id)
        .where((Filing.message == message.id) & (Filing.removed == False))  # noqa: E712
        .tuples()
    )
    for kind in ("task", "project", "company"):
        for k, oid in rows:
            if k == kind:
                return k, oid
    raise InvalidInput("The message is not filed under any CRM object to comment on.")


def comment_text(message: Message) -> str:
    from desktop.models.mail import MessageBody

    body = MessageBody.get_or_none(MessageBody.message == message.id)
    text = (body.text if body else "") or message.snippet or ""
    sender = f"{message.from_name} <{message.from_addr}>".strip()
    return f"E-mail from {sender}: {message.subject}\n\n{text}".strip()


def _comment(job: RuleJob, message: Message) -> str | None:
    kind, object_id = _filed_object(message)
    text = comment_text(message)
    if _is_remote():
        from desktop.crm import service
        from desktop.crm.api import client_for

        account = service.remote_account()
        _claim(job)
        record = (
            client_for(account).request(
                "POST",
                f"/api/v1/{account.account_id}/comments",
                json={
                    "commented_type": kind.capitalize(),
                    "commented_id": object_id,
                    "text": text,
                    "uuid": f"holub-rule-{job.rule_id}-{job.id}",
                },
                what="write a comment",
            )
            or {}
        )
        if isinstance(record.get("results"), dict):
            record = record["results"]
        _finish(job, JOB_DONE, result=f"{kind} {object_id} comment {record.get('id', '')}")
        return None
    with database.atomic():
        row = LocalComment.create(
            object_kind=kind, object_id=object_id, text=text, message=message.id
        )
        _finish(job, JOB_DONE, result=f"{kind} {object_id} comment {row.id}")
    return None


# ------------------------------------------------------------------ forward and reply


def _effect_message_id(job: RuleJob, mailbox: Mailbox) -> str:
    from desktop.sync.compose import mailbox_domain

    digest = hashlib.sha1(f"{job.rule_id}\x00{job.message_key}\x00{job.step}".encode())
    return f"<rule-{digest.hexdigest()[:24]}@{mailbox_domain(mailbox)}>"


def _queue_once(job: RuleJob, mailbox: Mailbox, msg) -> None:
    """Queue the message and mark the job done in one transaction."""
    from desktop.sync.outbox import queue_message

    del msg["Message-ID"]
    msg["Message-ID"] = _effect_message_id(job, mailbox)
    with database.atomic():
        existing = Outbox.get_or_none(Outbox.message_id == msg["Message-ID"])
        row = existing or queue_message(mailbox, msg)
        _finish(job, JOB_DONE, result=f"outbox {row.id}")


def _forward(job: RuleJob, message: Message) -> None:
    from desktop.sync.compose import build_message, forward_draft, resolve_attachment

    as_attachment = False
    address = (job.argument or "").strip()
    if address.endswith(" attached"):  # "ADDR attached": the original as an .eml file
        address, as_attachment = address[: -len(" attached")].strip(), True
    draft = forward_draft(message.id, as_attachment=as_attachment)
    mailbox = message.mailbox
    msg = build_message(
        mailbox,
        address,
        subject=draft.subject,
        html=draft.html,
        attachments=[resolve_attachment(a) for a in draft.attachments],
    )
    _queue_once(job, mailbox, msg)


_BULK = {"bulk", "list", "junk"}


def own_addresses() -> set[str]:
    own: set[str] = set()
    for email_addr, username in Mailbox.select(Mailbox.email, Mailbox.username).tuples():
        own.add((email_addr or "").lower())
        if "@" in (username or ""):
            own.add(username.lower())
    return own - {""}


def check_auto_reply(job: RuleJob, message: Message) -> None:
    """RFC 3834's guards; raises Skip with the reason."""
    from desktop.sync.store import raw_source

    target = (job.target or "").lower()
    if not target:
        raise Skip("no address to reply to")
    if target in own_addresses() or (message.from_addr or "").lower() in own_addresses():
        raise Skip("the message is from one of your own addresses")
    headers = email.message_from_bytes(raw_source(message.id), policy=policy.compat32)
    auto = str(headers.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        raise Skip(f"the message is Auto-Submitted: {auto}")
    if str(headers.get("Precedence", "")).strip().lower() in _BULK:
        raise Skip("the message is bulk or list mail (Precedence)")
    if headers.get("List-Id"):
        raise Skip("the message comes from a mailing list (List-Id)")
    recent = (
        RuleJob.select()
        .where(
            (RuleJob.action == REPLY)
            & (RuleJob.state == JOB_DONE)
            & (RuleJob.target == target)
            & (RuleJob.mailbox == job.mailbox_id)
            & (RuleJob.updated_at > utcnow() - REPLY_INTERVAL)
        )
        .exists()
    )
    if recent:
        raise Skip(f"{target} got an automatic reply less than 24 hours ago")


def fill_template(text: str, message: Message) -> str:
    date = message.date.strftime("%Y-%m-%d") if hasattr(message.date, "strftime") else ""
    values = {
        "sender_name": message.from_name or message.from_addr,
        "subject": message.subject,
        "date": date,
    }
    for key, value in values.items():
        text = text.replace("{" + key + "}", value or "")
    return text


def _reply(job: RuleJob, message: Message) -> None:
    from desktop.sync.compose import build_message, reply_draft, reply_subject

    template = Template.get_or_none(Template.name == job.argument)
    if template is None:
        raise InvalidInput(f"The template {job.argument!r} no longer exists.")
    check_auto_reply(job, message)
    draft = reply_draft(message.id)
    mailbox = message.mailbox
    subject = fill_template(template.subject, message) if template.subject else ""
    msg = build_message(
        mailbox,
        job.target,
        subject=subject or reply_subject(message.subject),
        text=fill_template(template.body, message),
        in_reply_to=draft.in_reply_to or None,
        references=draft.references,
    )
    msg["Auto-Submitted"] = "auto-replied"  # RFC 3834: so other robots do not answer
    _queue_once(job, mailbox, msg)


def _send_queued_mail(report: RunReport) -> None:
    """Send what rule jobs queued and the Outbox has not sent yet."""
    from desktop.sync.outbox import SENT, send_pending

    wanted: dict[int, list[int]] = {}
    for job in RuleJob.select().where(
        RuleJob.action.in_([FORWARD, REPLY]) & (RuleJob.state == JOB_DONE)
    ):
        outbox_id = int((job.result or "outbox 0").split()[-1])
        row = Outbox.get_or_none(Outbox.id == outbox_id)
        if row is not None and (row.state != SENT or not row.appended_to_sent):
            wanted.setdefault(row.mailbox_id, []).append(row.id)
    for mailbox_id, ids in wanted.items():
        try:
            send_pending(mailbox_id, ids=ids)
        except HolubError as exc:
            log.warning("sending rule mail of mailbox %s: %s", mailbox_id, exc)
        report.sent += ids


# ------------------------------------------------------------------ the background runner


class _Runner:
    """A daemon thread that runs due jobs after a commit and again when a retry is due."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._path: str | None = None  # the profile's store the runner works on

    def kick(self) -> None:
        with self._lock:
            self._path = database.database
            self._idle.clear()
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="rule-jobs", daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float) -> bool:
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        while True:
            self._wake.clear()
            with self._lock:
                if database.database != self._path:
                    # Another profile was opened while this waited for a retry: its
                    # jobs are that profile's business (it resumes them on open).
                    self._thread = None
                    self._idle.set()
                    return
            try:
                run_due_jobs()
                # The next retry that is not due yet (later steps wait for it too).
                nxt = (
                    RuleJob.select(RuleJob.next_attempt_at)
                    .where((RuleJob.state == JOB_QUEUED) & (RuleJob.next_attempt_at > utcnow()))
                    .order_by(RuleJob.next_attempt_at)
                    .scalar()
                )
            except Exception:
                log.exception("the rule job runner failed")
                nxt = None
            finally:
                # Each run opens its own connection: the profile may change in between.
                if not database.is_closed():
                    database.close()
            with self._lock:
                if nxt is None and not self._wake.is_set():
                    self._thread = None
                    self._idle.set()
                    return
            self._idle.set()
            wait = (nxt - utcnow()).total_seconds() if nxt is not None else 0.0
            self._wake.wait(max(1.0, min(wait, 3600.0)))
            self._idle.clear()


_runner = _Runner()
# Tests that simulate a crash between commit and the jobs turn this off.
autorun = True


_atexit_registered = False


def kick() -> None:
    global _atexit_registered
    if not autorun:
        return
    if not _atexit_registered:
        # A CLI run (`sync --once`) lets the jobs its import queued finish before exit;
        # whatever does not finish in time stays queued for the next run.
        atexit.register(_runner.wait_idle, 60.0)
        _atexit_registered = True
    _runner.kick()


def wait_idle(timeout: float = 30.0) -> bool:
    """Wait until the background runner has nothing due (tests, the CLI at exit)."""
    return _runner.wait_idle(timeout)


def after_commit(changes: ChangeSet) -> None:
    """The pipeline's after-commit hook: new mail may have queued jobs."""
    if changes.added and RuleJob.select().where(RuleJob.state == JOB_QUEUED).exists():
        kick()


def resume() -> None:
    """On profile open: jobs left by an earlier run (a crash, a retry) run again."""
    if RuleJob.select().where(RuleJob.state.in_([JOB_QUEUED, JOB_RUNNING])).exists():
        kick()
