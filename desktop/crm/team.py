"""The team's mail under a CRM object (R9): what colleagues published to Caflou.

A company's, project's or task's "E-mails" tab shows Holub's own filed mail (from the
store) plus the CRM's ``email_messages`` filed under that object by colleagues. Which of
them the user may read is the CRM's to decide: what it returns is shown, and a 403 hides
the remote part with a one-line reason. Qt-free: the window calls ``colleagues_mail``
off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop.crm import api
from desktop.errors import HolubError, PermissionDenied
from desktop.models.crm import OBJECT_KINDS, CrmAccount, CrmUser
from desktop.models.mail import Message
from desktop.models.team import Publication

# The CRM's filter for each kind of object (Rails-style, as in the reference).
_FILTERS = {
    "company": "filter[company_ids]",
    "project": "filter[project_ids]",
    "task": "filter[task_ids]",
}
# A tab lists at most this many colleagues' messages (newest first).
MAX_REMOTE = 2000


@dataclass
class RemoteMail:
    """One message a colleague published under the object."""

    remote_id: int
    date: datetime | None
    sender: str
    subject: str
    filed_by: str  # the CRM user's name (or e-mail) who published it


@dataclass
class TeamMail:
    messages: list[RemoteMail] = field(default_factory=list)
    refused: bool = False  # the CRM answered 403: the user may not read them
    error: str | None = None  # why else the remote part is missing (one line), or None


def _connected() -> CrmAccount | None:
    return (
        CrmAccount.select()
        .where(CrmAccount.account_id.is_null(False))
        .order_by(CrmAccount.id.desc())
        .first()
    )


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    # The store keeps naive UTC; so do the rows shown beside these.
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _user_names() -> dict[int, str]:
    return {u.id: (u.name or u.email) for u in CrmUser.select()}


def colleagues_mail(
    kind: str, object_id: int, *, client: api.CaflouClient | None = None
) -> TeamMail:
    """The CRM's messages filed under the object that Holub did not publish itself.

    Without a connected Caflou account there is no remote part (empty, no error).
    Never raises a HolubError: a refusal (``refused``) or an outage is returned as ``error``.
    """
    if kind not in OBJECT_KINDS:
        raise ValueError(kind)
    account = _connected()
    if account is None:
        return TeamMail()
    try:
        client = client or api.client_for(account)
        remote = []
        for record in client.pages(
            "email_messages",
            params={_FILTERS[kind]: str(object_id)},
            what="read the team's e-mails of this object",
        ):
            remote.append(record)
            if len(remote) >= MAX_REMOTE * 2:
                break  # enough to fill the tab; more would only slow it down
    except PermissionDenied as exc:
        return TeamMail(refused=True, error=str(exc))
    except HolubError as exc:
        return TeamMail(error=str(exc))
    return TeamMail(messages=_colleagues(remote, kind, object_id))


def _colleagues(remote: list[dict], kind: str, object_id: int) -> list[RemoteMail]:
    # What Holub published itself is shown from the store already: leave it out, by its
    # remote id and, for a copy published by a colleague of the same message (both were
    # on the thread), by its Message-ID.
    ids = [int(r["id"]) for r in remote if api._int(r.get("id")) is not None]
    own: set[int] = set()
    for start in range(0, len(ids), 500):
        own.update(
            r[0]
            for r in Publication.select(Publication.remote_id)
            .where(Publication.remote_id.in_(ids[start : start + 500]))
            .tuples()
        )
    mids = [str(r.get("message_id")) for r in remote if r.get("message_id")]
    local_mids: set[str] = set()
    for start in range(0, len(mids), 500):
        local_mids.update(
            r[0]
            for r in Message.select(Message.message_id)
            .where(Message.message_id.in_(mids[start : start + 500]))
            .tuples()
        )
    names = _user_names()
    out: list[RemoteMail] = []
    for r in remote:
        rid = api._int(r.get("id"))
        if rid is None or rid in own or r.get("trash"):
            continue
        if r.get("message_id") and str(r["message_id"]) in local_mids:
            continue
        if api._int(r.get(f"{kind}_id")) != object_id:
            continue  # the CRM's filter is its own; show only what is filed here
        creator = api._int(r.get("creator_id"))
        out.append(
            RemoteMail(
                remote_id=rid,
                date=_when(r.get("email_datetime")),
                sender=str(r.get("from_name") or r.get("from") or ""),
                subject=str(r.get("name") or ""),
                filed_by=names.get(creator, str(creator or "")) if creator else "",
            )
        )
    out.sort(key=lambda m: m.date or datetime.min, reverse=True)
    return out[:MAX_REMOTE]
