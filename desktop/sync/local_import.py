"""Import an mbox file, a single .eml file or a directory of .eml files into a local mailbox.

The messages go through the same path as synced mail (``store.store_batch``:
parse, store, index, pair), into a local mailbox (``Mailbox.kind == "local"``)
and a folder named after the file or directory.

Identity: ``remote_id`` is the SHA-256 of the message's bytes plus the number of
identical messages seen before it in the same source ("<hash>:<n>"), so
importing the same file again adds nothing, a file that grew adds only the
new messages, and two identical copies inside one file both stay (never dropped).
"""

from __future__ import annotations

import hashlib
import logging
import mailbox as stdlib_mailbox
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from desktop.changes import ChangeSet
from desktop.errors import InvalidInput
from desktop.models.mail import KIND_LOCAL, ROLE_LOCAL, Folder, Mailbox
from desktop.sync.store import FetchedMessage, store_batch

log = logging.getLogger(__name__)

BATCH_SIZE = 200
EML_SUFFIXES = (".eml",)
# mboxrd quoting: a body line "From ..." is written as ">From ...", and
# ">From" as ">>From". Reading removes one level (correct for mboxrd, and the
# best reading of mboxo, which only ever adds one).
_FROM_QUOTED = re.compile(rb"^>(>*From )", re.M)
# mbox Status / X-Status letters → IMAP flags.
_STATUS_FLAGS = {"R": "\\Seen", "F": "\\Flagged", "A": "\\Answered", "D": "\\Deleted"}

Progress = Callable[[str, int, int], None]


def import_path(
    path: str | os.PathLike[str],
    *,
    mailbox_name: str = "Imported",
    progress: Progress | None = None,
) -> ChangeSet:
    """Import ``path`` (mbox file, .eml file or directory of .eml files); idempotent."""
    source = Path(path).expanduser()
    if not source.exists():
        raise InvalidInput(f"{source}: no such file or directory")
    if source.is_dir():
        files = sorted(
            p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in EML_SUFFIXES
        )
        if not files:
            raise InvalidInput(f"{source}: the directory holds no .eml files")
        messages = _eml_messages(files)
        total = len(files)
    elif source.is_file():
        if _looks_like_mbox(source):
            messages, total = _mbox_messages(source)
        else:
            messages, total = _eml_messages([source]), 1
    else:
        raise InvalidInput(f"{source}: neither a file nor a directory")

    folder = _local_folder(mailbox_name, source.name or str(source))
    changes = ChangeSet(folders={folder.id})
    batch: list[FetchedMessage] = []
    done = 0
    for item in _with_stable_ids(messages):
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            changes.merge(store_batch(folder, batch))
            done += len(batch)
            batch = []
            if progress:
                progress(folder.remote_name, done, total)
    if batch:
        changes.merge(store_batch(folder, batch))
        done += len(batch)
    if progress:
        progress(folder.remote_name, done, total)
    return changes


def _local_folder(mailbox_name: str, folder_name: str) -> Folder:
    mailbox = (
        Mailbox.select()
        .where((Mailbox.kind == KIND_LOCAL) & (Mailbox.name == mailbox_name))
        .first()
    )
    if mailbox is None:
        mailbox = Mailbox.create(
            name=mailbox_name, kind=KIND_LOCAL, email="", import_from=date.today()
        )
    folder, _ = Folder.get_or_create(
        mailbox=mailbox,
        remote_name=folder_name,
        defaults={"display_name": folder_name, "role": ROLE_LOCAL},
    )
    return folder


def _looks_like_mbox(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(5)
    # Decided by content: text before the first From_ line would be skipped by
    # an mbox reader, so anything else is read as one message.
    return head in (b"From ", b"")


def _with_stable_ids(items: Iterator[FetchedMessage]) -> Iterator[FetchedMessage]:
    seen: Counter[str] = Counter()
    for item in items:
        digest = hashlib.sha256(item.raw).hexdigest()[:32]
        item.remote_id = f"{digest}:{seen[digest]}"
        seen[digest] += 1
        yield item


def _eml_messages(files: list[Path]) -> Iterator[FetchedMessage]:
    for file in files:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"{file}: cannot read it ({exc.strerror})") from exc
        # The file's time stands in for a missing or unreadable Date header.
        when = datetime.fromtimestamp(file.stat().st_mtime, UTC).replace(tzinfo=None)
        yield FetchedMessage(remote_id="", raw=raw, internal_date=when)


def _mbox_messages(path: Path) -> tuple[Iterator[FetchedMessage], int]:
    try:
        box = stdlib_mailbox.mbox(str(path), create=False)
        keys = box.keys()  # scans the file once for From_ lines
    except (OSError, stdlib_mailbox.Error) as exc:
        raise InvalidInput(f"{path}: cannot read it as an mbox file ({exc})") from exc

    def generate() -> Iterator[FetchedMessage]:
        try:
            for key in keys:
                data = box.get_bytes(key, from_=True)
                from_line, _, raw = data.partition(b"\n")
                raw = _FROM_QUOTED.sub(rb"\1", raw)
                yield FetchedMessage(
                    remote_id="",
                    raw=raw,
                    flags=_status_flags(raw),
                    internal_date=_from_line_date(from_line.decode("latin-1")),
                )
        finally:
            box.close()

    return generate(), len(keys)


_STATUS_HEADER = re.compile(rb"^(?:X-)?Status:[ \t]*([A-Za-z]*)", re.I | re.M)


_MOZILLA_STATUS = re.compile(rb"^X-Mozilla-Status:[ \t]*([0-9A-Fa-f]{1,4})\b", re.I | re.M)
# Thunderbird's X-Mozilla-Status bits → the same letters as Status/X-Status.
_MOZILLA_BITS = {0x0001: "R", 0x0002: "A", 0x0004: "F", 0x0008: "D"}


def _status_flags(raw: bytes) -> list[str]:
    """Flags from the Status / X-Status / X-Mozilla-Status headers of mbox files."""
    end = raw.find(b"\n\n")
    head = raw if end < 0 else raw[:end]
    letters = "".join(m.group(1).decode("ascii").upper() for m in _STATUS_HEADER.finditer(head))
    mozilla = _MOZILLA_STATUS.search(head)
    if mozilla:
        bits = int(mozilla.group(1), 16)
        letters += "".join(letter for bit, letter in _MOZILLA_BITS.items() if bits & bit)
    return [flag for letter, flag in _STATUS_FLAGS.items() if letter in letters]


def _from_line_date(from_line: str) -> datetime | None:
    """The date on the From_ line ("From sender Mon Nov  2 09:00:00 2026"), taken as UTC."""
    fields = from_line.split()
    if len(fields) < 3:
        return None
    try:
        return datetime.strptime(" ".join(fields[2:7]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(" ".join(fields[2:]))
    except Exception:  # any other spelling: the header's date or the import time wins
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when
