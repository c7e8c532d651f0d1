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
