"""Flag changes and removals keyed by ``remote_id`` (Graph's message id).

The store's own ``remove_messages`` and the IMAP flag sync are keyed by UID; until
the provider seam's remote_id-keyed store functions are merged, Graph uses these
small ones. Both only change the local mirror (R2) and must run inside the caller's
transaction (the caller publishes the returned ChangeSet after its commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from desktop.changes import ChangeSet
from desktop.models import search
from desktop.models.db import database
from desktop.models.mail import Folder, Message

_CHUNK = 500


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def remove_by_remote_id(folder: Folder, remote_ids: Iterable[str]) -> ChangeSet:
    """Forget messages the provider no longer has in ``folder``.

    Manual CRM decisions survive by Message-ID (restored should the message come
    back), as in ``store.remove_messages``; the search rows go too.
    """
    wanted = sorted(set(remote_ids))
    ids: list[int] = []
    for chunk in _chunks(wanted):
        ids += [
            row.id
            for row in Message.select(Message.id).where(
                (Message.folder == folder) & Message.remote_id.in_(list(chunk))
            )
        ]
    changes = ChangeSet(folders={folder.id})
    if not ids:
        return changes
    with database.atomic():
        try:
            from desktop.crm.service import keep_manual_filings
        except ImportError:
            keep_manual_filings = None
        if keep_manual_filings is not None:
            keep_manual_filings(folder, ids)
        search.unindex_messages(database, ids)
        for chunk in _chunks(ids):
            Message.delete().where(Message.id.in_(list(chunk))).execute()
    changes.removed = ids
    return changes


def update_flags_by_remote_id(folder: Folder, flags: Mapping[str, Sequence[str]]) -> ChangeSet:
    """Apply the provider's flags (``\\Seen``, ``\\Flagged``) to stored messages.

    Only the provider's transitions move Holub's read/star state, so a local change
    is not overwritten by an unrelated update of the same message (as for IMAP).
    """
    changes = ChangeSet(folders={folder.id})
    wanted = list(flags)
    rows: list[Message] = []
    for chunk in _chunks(wanted):
        rows += list(
            Message.select(Message.id, Message.remote_id, Message.flags).where(
                (Message.folder == folder) & Message.remote_id.in_(list(chunk))
            )
        )
    with database.atomic():
        for message in rows:
            new = list(flags[message.remote_id])
            text = " ".join(new)
            if text == message.flags:
                continue
            old = set(message.flags.split())
            values: dict = {Message.flags: text}
            for flag, column in (("\\Seen", Message.seen), ("\\Flagged", Message.starred)):
                if flag in new and flag not in old:
                    values[column] = True
                elif flag in old and flag not in new:
                    values[column] = False
            Message.update(values).where(Message.id == message.id).execute()
            changes.updated.append(message.id)
    return changes
