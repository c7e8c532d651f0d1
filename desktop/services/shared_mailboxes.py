"""Mailboxes shared with me (R11): read from the team's CRM, cached in the store.

A colleague's shared mailbox lives in Caflou as their ``email_connection`` (listed for me
with ``is_owner`` false and my level in its ``users``); its ``email_folders`` and
``email_messages`` are what Holub mirrors. Each message is stored through the one import
path (``store_batch``) as a small RFC 5322 message built from the CRM's fields, so
reading, search and the message list work as for any mailbox, offline too. The CRM's
``company_id``/``project_id``/``task_id`` become the message's filings and the
``hint_*_id`` its open signals, so the owner's filing decisions are what I see.

Nothing of the owner's provider mailbox is ever touched (R2): the CRM is the only source,
and the only writes (at Read+Write) go to the CRM copy (desktop/crm/sharing.py).
"""

from __future__ import annotations

import datetime as dt
import threading
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from desktop.changes import ChangeSet, bus
from desktop.crm import api
from desktop.errors import InvalidInput, PermissionDenied
from desktop.models.base import utcnow
from desktop.models.crm import OBJECT_KINDS, CrmAccount, CrmUser, Filing, Signal
from desktop.models.db import database
from desktop.models.mail import ROLE_INBOX, ROLE_SENT, Folder, Mailbox, Message
from desktop.models.shared import KIND_SHARED, READ, READ_WRITE, SharedMailbox
from desktop.sync import store
from desktop.sync.providers.base import Progress, register

# Where a filing or signal mirrored from the CRM came from.
SOURCE_CRM = "crm"


def _account() -> CrmAccount:
    from desktop.crm import publish

    account = publish.connected_account()
    if account is None:
        raise InvalidInput(
            "Mailboxes shared with you come through the team's CRM: connect Caflou first "
            "(`holub crm login`)."
        )
    return account


def _path(account: CrmAccount, rest: str) -> str:
    return f"/api/v1/{account.account_id}/{rest}"


def _my_user_id(account: CrmAccount) -> int | None:
    if account.user_id:
        return int(account.user_id)
    address = account.email.strip().lower()
    for user in CrmUser.select().where(CrmUser.email != ""):
        if user.email.strip().lower() == address:
            return int(user.id)
    return None


def _email_of(user_id: Any) -> str:
    user = CrmUser.get_or_none(CrmUser.id == user_id) if str(user_id).isdigit() else None
    return user.email if user is not None else ""


def _level(conn: dict[str, Any], me: int | None) -> str:
    level = (conn.get("users") or {}).get(str(me)) if me is not None else None
    return READ_WRITE if level == READ_WRITE else READ


def _import_from(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return utcnow().date()


# -- which mailboxes are shared with me ------------------------------------------------


def refresh_list(client: api.CaflouClient | None = None) -> ChangeSet:
    """Bring the list of shared mailboxes in line with the CRM: new shares appear, a
    changed level is taken over, an ended share is forgotten with its cached mail."""
    from desktop import accounts

    account = _account()
    client = client or api.client_for(account)
    me = _my_user_id(account)
    remote = [
        c
        for c in client.pages("email_connections", what="read the e-mail connections")
        if str(c.get("is_owner", "true")).lower() == "false"
    ]
    changes = ChangeSet()
    seen: set[int] = set()
    for conn in remote:
        seen.add(int(conn["id"]))
        fields = {
            "name": str(conn.get("name") or conn.get("username") or "Shared"),
            "email": str(conn.get("username") or ""),
            "sender_name": str(conn.get("from_name") or ""),
        }
        row = SharedMailbox.get_or_none(
            (SharedMailbox.crm_account == account.account_id)
            & (SharedMailbox.connection_id == int(conn["id"]))
        )
        with database.atomic():
            if row is None:
                mailbox = Mailbox.create(
                    kind=KIND_SHARED,
                    import_from=_import_from(conn.get("start_date")),
                    pairing_enabled=False,
                    signals_enabled=False,
                    **fields,
                )
                row = SharedMailbox.create(
                    mailbox=mailbox, crm_account=account.account_id, connection_id=conn["id"]
                )
            Mailbox.update(**fields).where(Mailbox.id == row.mailbox_id).execute()
            SharedMailbox.update(
                owner_email=_email_of(conn.get("user_id")), level=_level(conn, me)
            ).where(SharedMailbox.id == row.id).execute()
        changes.mailboxes.add(row.mailbox_id)
    gone = SharedMailbox.select().where(
        (SharedMailbox.crm_account != account.account_id)
        | SharedMailbox.connection_id.not_in(list(seen) or [0])
    )
    for row in list(gone):
        changes.mailboxes.add(row.mailbox_id)
        accounts.remove_account(row.mailbox_id)
    bus.publish(changes)
    return changes


def shared_mailboxes() -> list[SharedMailbox]:
    return list(
        SharedMailbox.select(SharedMailbox, Mailbox)
        .join(Mailbox)
        .order_by(Mailbox.name, Mailbox.id)
    )


def share_of(mailbox_id: int) -> SharedMailbox | None:
    return SharedMailbox.get_or_none(SharedMailbox.mailbox == mailbox_id)


# -- one shared mailbox's folders and messages -------------------------------------------


def build_raw(fields: dict[str, Any]) -> bytes:
    """A small RFC 5322 message from an ``email_message``'s fields (text and HTML)."""
    msg = EmailMessage()
    name, addr = str(fields.get("from_name") or ""), str(fields.get("from") or "")
    msg["From"] = formataddr((name, addr)) if name else addr
    for header, key in (("To", "to"), ("Cc", "cc")):
        if fields.get(key):
            msg[header] = str(fields[key])
    msg["Subject"] = str(fields.get("name") or "")
    if fields.get("message_id"):
        msg["Message-ID"] = str(fields["message_id"])
    when = fields.get("email_datetime")
    if when:
        try:
            stamp = dt.datetime.fromisoformat(str(when).replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            msg["Date"] = format_datetime(stamp)
        except ValueError:
            pass
    text = str(fields.get("text") or "")
    names = [a.get("name") for a in fields.get("attachments") or [] if isinstance(a, dict)]
    if names:  # the CRM holds the names and sizes, not the files
        text += "\n\n" + "\n".join(f"[{n}]" for n in names if n)
    msg.set_content(text or " ")
    if fields.get("description"):
        msg.add_alternative(str(fields["description"]), subtype="html")
    return bytes(msg)


def _role(remote: dict[str, Any]) -> str:
    icon = str(remote.get("icon") or remote.get("name") or "").lower()
    return ROLE_SENT if icon.startswith("sent") else ROLE_INBOX if icon else ""


def mirror_filings(message_id: int, fields: dict[str, Any]) -> bool:
    """The CRM copy's filings and hints become the cached message's; True if changed."""
    wanted = {(k, int(fields[f"{k}_id"])) for k in OBJECT_KINDS if fields.get(f"{k}_id")}
    hints = {
        (k, int(fields[f"hint_{k}_id"])) for k in OBJECT_KINDS if fields.get(f"hint_{k}_id")
    } - wanted
    have = {
        (f.object_kind, f.object_id): f for f in Filing.select().where(Filing.message == message_id)
    }
    live = {key for key, f in have.items() if not f.removed}
    open_hints = {
        (s.object_kind, s.object_id)
        for s in Signal.select().where((Signal.message == message_id) & (Signal.state == "open"))
    }
    if live == wanted and open_hints == hints:
        return False
    Filing.delete().where(Filing.message == message_id).execute()
    for kind, object_id in wanted:
        Filing.create(message=message_id, object_kind=kind, object_id=object_id, source=SOURCE_CRM)
    Signal.delete().where(Signal.message == message_id).execute()
    for kind, object_id in hints:
        Signal.create(message=message_id, object_kind=kind, object_id=object_id, reason="Caflou")
    return True


class SharedProvider:
    """The provider seam for ``KIND_SHARED``: sync reads the CRM, sending is refused."""

    kind = KIND_SHARED

    def verify(self, mailbox: Mailbox) -> None:
        row = self._row(mailbox)
        account = _account()
        api.client_for(account).request(
            "GET",
            _path(account, f"email_connections/{row.connection_id}"),
            what="open the shared mailbox",
        )

    @staticmethod
    def _row(mailbox: Mailbox) -> SharedMailbox:
        row = share_of(mailbox.id)
        if row is None:
            raise InvalidInput(f"Mailbox {mailbox.id} is not a mailbox shared with you.")
        return row

    def sync(
        self,
        mailbox: Mailbox,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        *,
        client: api.CaflouClient | None = None,
    ) -> ChangeSet:
        row = self._row(mailbox)
        account = _account()
        client = client or api.client_for(account)
        base = f"email_connections/{row.connection_id}/email_folders"
        changes = ChangeSet()
        try:
            remote_folders = list(client.pages(base, what="read the shared mailbox's folders"))
        except PermissionDenied:
            # The owner stopped sharing: forget it (the list refresh would do the same).
            refresh_list(client)
            return ChangeSet(mailboxes={mailbox.id})
        for remote in remote_folders:
            if cancel is not None and cancel.is_set():
                break
            folder, _ = Folder.get_or_create(
                mailbox=mailbox,
                remote_name=str(remote["id"]),
                defaults={"display_name": str(remote.get("name") or ""), "role": _role(remote)},
            )
            changes.merge(self._sync_folder(client, base, folder, progress))
        Mailbox.update(last_sync_at=utcnow(), last_error=None).where(
            Mailbox.id == mailbox.id
        ).execute()
        SharedMailbox.update(refreshed_at=utcnow()).where(SharedMailbox.id == row.id).execute()
        return changes

    def _sync_folder(
        self,
        client: api.CaflouClient,
        base: str,
        folder: Folder,
        progress: Progress | None,
    ) -> ChangeSet:
        rest = f"{base}/{folder.remote_name}/email_messages"
        remote = {
            str(m["id"]): m for m in client.pages(rest, what="read the shared mailbox's mail")
        }
        known = dict(
            Message.select(Message.remote_id, Message.id).where(Message.folder == folder).tuples()
        )
        changes = ChangeSet(folders={folder.id})
        gone = [rid for rid in known if rid not in remote]
        if gone:
            changes.merge(store.remove_remote_ids(folder, gone))
        new = [
            store.FetchedMessage(
                remote_id=rid,
                raw=build_raw(fields),
                flags=("\\Seen",) if fields.get("is_read") else (),
            )
            for rid, fields in remote.items()
            if rid not in known
        ]
        if new:
            changes.merge(store.store_batch(folder, new))
        ids = dict(
            Message.select(Message.remote_id, Message.id).where(Message.folder == folder).tuples()
        )
        filed = ChangeSet()
        with database.atomic():
            for rid, fields in remote.items():
                if rid in ids and mirror_filings(ids[rid], fields):
                    filed.filings.add(ids[rid])
                    filed.signals.add(ids[rid])
        if filed.filings:
            bus.publish(filed)
            changes.merge(filed)
        if progress is not None:
            progress(folder.display_name or folder.remote_name, len(remote), len(remote))
        return changes

    def send(self, mailbox: Mailbox, raw: bytes, recipients: list[str]) -> None:
        raise PermissionDenied(
            "A mailbox shared with you cannot send: reply from one of your own mailboxes."
        )

    def files_sent_itself(self, mailbox: Mailbox) -> bool:
        return True


PROVIDER = SharedProvider()
register(PROVIDER)


def sync_all(client: api.CaflouClient | None = None) -> ChangeSet:
    """Take over what colleagues filed in my shared mailboxes' CRM copies, refresh the
    list of mailboxes shared with me, then each one's mail."""
    from desktop.crm import sharing

    account = _account()
    client = client or api.client_for(account)
    sharing.pull_back(client)
    changes = refresh_list(client)
    for row in shared_mailboxes():
        changes.merge(PROVIDER.sync(row.mailbox, client=client))
    return changes
