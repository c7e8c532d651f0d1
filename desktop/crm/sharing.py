"""Sharing a mailbox with colleagues through the team's CRM (R11).

The store keeps who a mailbox is shared with (``MailboxShare``: e-mail → ``read`` or
``read_write``); Caflou is where the colleagues find it: the mailbox's
``email_connection`` carries ``users`` (``{"<CRM user id>": "read" | "read_write"}``) and
``privacy`` (``{"kind": "shared"}`` while anyone is on the list, else ``private``).

A shared mailbox publishes all its mail in the import window, not only the filed mail
(publish.desired_copy), so ``share`` queues every message of the mailbox; ``unshare``
of the last colleague queues what was published, and the queue withdraws the unfiled
copies (they were there only for sharing) and keeps the filed ones (R9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.crm import api, publish
from desktop.errors import InvalidInput
from desktop.models import shared as shared_access
from desktop.models.crm import CrmAccount, CrmUser
from desktop.models.db import database
from desktop.models.mail import Mailbox, MailboxShare, Message
from desktop.models.team import CrmConnection, Publication

# The words the user types (CLI, settings) → the level stored and sent to Caflou.
LEVEL_WORDS = {"read": "read", "write": "read_write", "read_write": "read_write"}


@dataclass
class ShareResult:
    mailbox: Mailbox
    shares: dict[str, str]  # e-mail → level, after the change
    queued: int = 0  # messages whose CRM copy must change
    push: publish.PushResult | None = None
    errors: list[str] = field(default_factory=list)


def level_of(word: str) -> str:
    try:
        return LEVEL_WORDS[word.strip().lower()]
    except KeyError:
        raise InvalidInput(f"Unknown sharing level {word!r}: use read or write.") from None


def _account() -> CrmAccount:
    account = publish.connected_account()
    if account is None:
        raise InvalidInput(
            "Sharing goes through the team's CRM: connect Caflou first (`holub crm login`)."
        )
    return account


def crm_users() -> list[CrmUser]:
    """The Caflou account's users from the CRM cache (the colleagues one can share with)."""
    return list(CrmUser.select().where(CrmUser.email != "").order_by(CrmUser.name, CrmUser.id))


def user_id_of(email: str) -> int:
    """The CRM user id of a colleague's e-mail (from the CRM cache)."""
    address = email.strip().lower()
    for user in CrmUser.select().where(CrmUser.email != ""):
        if user.email.strip().lower() == address:
            return int(user.id)
    raise InvalidInput(
        f"{email.strip()} is not a user of the Caflou account (run `holub crm pull` if "
        "they were added lately)."
    )


def connection_sharing(mailbox_id: int) -> dict[str, Any]:
    """The connection's ``users`` / ``privacy`` fields in Caflou's shape."""
    users: dict[str, str] = {}
    for share in MailboxShare.select().where(MailboxShare.mailbox == mailbox_id):
        try:
            users[str(user_id_of(share.user_email))] = share.level
        except InvalidInput:
            continue  # no longer a user of the account: nobody to open it to
    return {"users": users, "privacy": {"kind": "shared" if users else "private"}}


def _own_mailbox(mailbox_id: int) -> Mailbox:
    from desktop import accounts

    mailbox = accounts.get_account(mailbox_id)
    from desktop.models.shared import KIND_SHARED

    if mailbox.kind == KIND_SHARED:
        raise InvalidInput("A mailbox shared with you can only be shared by its owner.")
    return mailbox


def set_shares(
    mailbox_id: int,
    shares: dict[str, str],
    *,
    client: api.CaflouClient | None = None,
    push: bool = True,
) -> ShareResult:
    """Replace a mailbox's sharing list ({e-mail: read | read_write}) and write it to
    Caflou. Every colleague must be a user of the connected Caflou account."""
    from desktop import accounts

    mailbox = _own_mailbox(mailbox_id)
    account = _account()
    wanted = accounts.normalise_shares(shares)
    for email in wanted:
        user_id_of(email)  # a user of the account, or a plain error
        if email == account.email.strip().lower():
            raise InvalidInput(f"{email} is you: a mailbox is shared with colleagues.")
    before = accounts.mailbox_shares(mailbox.id)
    with database.atomic():
        accounts.update_mailbox_settings(mailbox.id, shares=wanted)
        queued = _queue(mailbox, was_shared=bool(before), shared=bool(wanted))
    result = ShareResult(mailbox=mailbox, shares=wanted, queued=queued)
    if push:
        client = client or api.client_for(account)
        push_connection(mailbox, client=client)
        result.push = publish.publish_pending(client=client)
    return result


def share(
    mailbox_id: int, email: str, level: str, *, client: api.CaflouClient | None = None
) -> ShareResult:
    from desktop import accounts

    shares = accounts.mailbox_shares(mailbox_id)
    shares[email.strip().lower()] = level_of(level)
    return set_shares(mailbox_id, shares, client=client)


def unshare(mailbox_id: int, email: str, *, client: api.CaflouClient | None = None) -> ShareResult:
    from desktop import accounts

    shares = accounts.mailbox_shares(mailbox_id)
    if shares.pop(email.strip().lower(), None) is None:
        raise InvalidInput(f"Account {mailbox_id} is not shared with {email.strip()}.")
    return set_shares(mailbox_id, shares, client=client)


def _queue(mailbox: Mailbox, *, was_shared: bool, shared: bool) -> int:
    """Inside the transaction: make due what the change of sharing affects."""
    if shared and not was_shared:
        # All mail in the import window (what the store holds) goes up for sharing.
        ids = [
            r[0]
            for r in Message.select(Message.id)
            .where((Message.mailbox == mailbox.id) & (Message.deleted_locally == False))  # noqa: E712
            .tuples()
        ]
        return publish.mark_due(ids)
    if was_shared and not shared:
        return withdraw_unshared(mailbox.id)
    return 0


def withdraw_unshared(mailbox_id: int) -> int:
    """Queue every published copy of a mailbox no longer shared: the queue withdraws the
    unfiled ones (there only for sharing) and leaves the filed ones (R9)."""
    ids = [
        r[0]
        for r in Publication.select(Publication.message)
        .where((Publication.mailbox == mailbox_id) & Publication.remote_id.is_null(False))
        .tuples()
    ]
    return publish.mark_due(ids)


def push_connection(mailbox: Mailbox, *, client: api.CaflouClient) -> dict[str, Any]:
    """Bring the connection's settings in Caflou in line (registering it if new);
    returns the fields PATCHed (empty when nothing changed)."""
    account = _account()
    publisher = publish._Publisher(account, client)
    connection = publisher.connection(mailbox)
    fields = publish._connection_fields(mailbox)
    changes = {k: v for k, v in fields.items() if (connection.published or {}).get(k) != v}
    if changes:
        client.request(
            "PATCH",
            publisher.path(f"email_connections/{connection.remote_id}"),
            json=changes,
            what="change the mailbox's sharing in the CRM",
        )
        CrmConnection.update(published=fields).where(CrmConnection.id == connection.id).execute()
    return changes


# -- the levels on mailboxes shared with me (R11), enforced here, not by buttons ---------

# The checks themselves are store queries (desktop/models/shared.py), so that the
# composer (desktop/sync/compose.py) can ask them without importing the CRM.
access_of = shared_access.access_of
require_write = shared_access.require_write
reply_mailbox = shared_access.reply_mailbox


def _copy_path(message_id: int) -> tuple[api.CaflouClient, str]:
    account = _account()
    message = Message.get_by_id(message_id)
    return api.client_for(
        account
    ), f"/api/v1/{account.account_id}/email_messages/{message.remote_id}"


def write_filing(message_ids: Any, kind: str, object_id: int, *, filed: bool) -> None:
    """File or unfile messages of mailboxes shared with me at Read+Write: the CRM copy
    first (403 is the CRM's answer and stops here, nothing changed locally), so the owner
    sees it at the next pull. Read → PermissionDenied. Own mail: nothing to do here."""
    shared = require_write(message_ids, "file or unfile its mail")
    for mid in shared:
        client, path = _copy_path(mid)
        if filed:
            body = {f"{kind}_id": object_id}
        else:
            current = client.request("GET", path, what="read the shared message")
            if (current or {}).get(f"{kind}_id") != object_id:
                continue
            body = {f"{kind}_id": None}
        client.request("PATCH", path, json=body, what="file the shared message")


def write_hint(message_ids: Any, kind: str, object_id: int, *, accept: bool) -> None:
    """Accept (make the hint real) or dismiss a signal of a shared message in the CRM."""
    shared = require_write(message_ids, "accept or dismiss its signals")
    for mid in shared:
        client, path = _copy_path(mid)
        if accept:
            client.request("POST", f"{path}/make_hint_real", what="accept the suggestion")
        else:
            client.request(
                "PATCH", path, json={f"hint_{kind}_id": None}, what="dismiss the suggestion"
            )


def write_delete(message_ids: Any) -> None:
    """Delete messages of mailboxes shared with me at Read+Write: the CRM copy goes to the
    trash there; the owner's provider mailbox is never touched (R2)."""
    shared = require_write(message_ids, "delete its mail")
    for mid in shared:
        client, path = _copy_path(mid)
        try:
            client.request("DELETE", path, what="delete the shared message")
        except InvalidInput:
            pass  # 404: already gone in the CRM


# -- the owner's side: what colleagues did to my shared mailboxes' copies ------------------


def pull_back(client: api.CaflouClient | None = None) -> set[int]:
    """Take over the filings colleagues (at Read+Write) made on the CRM copies of my
    shared mailboxes' mail, so I see them after a pull/sync; returns the message ids
    whose filings changed. A colleague's change is what differs from what Holub last
    sent; it is taken over even while a local change waits to be published (a re-pair
    queues all of a shared mailbox), and the publisher then sends only what still
    differs — a local filing made meanwhile stays first (manual, older)."""
    from desktop.changes import ChangeSet, bus
    from desktop.models.crm import OBJECT_KINDS, Filing
    from desktop.models.team import CrmFolder

    account = publish.connected_account()
    shared = [r[0] for r in MailboxShare.select(MailboxShare.mailbox).distinct().tuples()]
    if account is None or not shared:
        return set()
    client = client or api.client_for(account)
    rows = {
        p.remote_id: p
        for p in Publication.select().where(
            Publication.mailbox.in_(shared) & Publication.remote_id.is_null(False)
        )
    }
    changed: set[int] = set()
    folders = (
        CrmFolder.select(CrmFolder, CrmConnection)
        .join(CrmConnection)
        .where(
            CrmConnection.mailbox.in_(shared) & (CrmConnection.crm_account == account.account_id)
        )
    )
    for folder in list(folders):
        rest = (
            f"email_connections/{folder.connection.remote_id}/email_folders/"
            f"{folder.remote_id}/email_messages"
        )
        for remote in client.pages(rest, what="read the shared mailbox's mail in the CRM"):
            row = rows.get(int(remote.get("id") or 0))
            if row is None:
                continue
            published = dict(row.published or {})
            diff = {
                k: remote.get(f"{k}_id")
                for k in OBJECT_KINDS
                if remote.get(f"{k}_id") != published.get(f"{k}_id")
            }
            if not diff:
                continue
            with database.atomic():
                for kind, theirs in diff.items():
                    mine = published.get(f"{kind}_id")
                    if mine:  # a colleague's "not this one" is kept like mine would be
                        Filing.update(removed=True, source="manual").where(
                            (Filing.message == row.message)
                            & (Filing.object_kind == kind)
                            & (Filing.object_id == mine)
                        ).execute()
                    if theirs:
                        (
                            Filing.insert(
                                message=row.message,
                                object_kind=kind,
                                object_id=int(theirs),
                                source="manual",
                            )
                            .on_conflict(
                                conflict_target=[
                                    Filing.message,
                                    Filing.object_kind,
                                    Filing.object_id,
                                ],
                                update={Filing.source: "manual", Filing.removed: False},
                            )
                            .execute()
                        )
                    published[f"{kind}_id"] = theirs
                    published[f"hint_{kind}_id"] = remote.get(f"hint_{kind}_id")
                Publication.update(published=published).where(Publication.id == row.id).execute()
            changed.add(row.message)
    if changed:
        bus.publish(ChangeSet(updated=sorted(changed), filings=set(changed)))
    return changed
