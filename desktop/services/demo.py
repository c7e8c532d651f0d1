"""The demo profile, Qt-free: the shipped sample CRM and mail, imported the normal way."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.models.mail import Mailbox
from desktop.profile import Profile, open_profile
from desktop.resources import resources_dir

log = logging.getLogger(__name__)

DEMO_DIR = resources_dir() / "demo"
DEMO_MAILBOX = "Studio Vlaštovka"


def fill_demo_profile(root: Path) -> Profile:
    """Open a profile at ``root`` and fill it with the shipped demo data through the
    normal import paths: the local CRM first, so the mail is paired as it arrives."""
    import json
    from datetime import date

    from desktop.models.db import database
    from desktop.models.mail import KIND_LOCAL, ROLE_INBOX, Folder

    profile = open_profile(root)
    crm_json = DEMO_DIR / "crm.json"
    owner = {}
    if crm_json.exists():
        owner = json.loads(crm_json.read_text(encoding="utf-8")).get("owner") or {}
        try:
            from desktop.crm.local import import_json

            import_json(crm_json)
        except ImportError:
            log.warning("the local CRM import is not available; the demo has no CRM data")
    mbox = DEMO_DIR / "demo.mbox"
    if not mbox.exists():
        return profile
    # The mailbox knows its owner's address, so her own mail is imported as sent. It is
    # made as imported mail (the import fills it), then becomes the demo kind that sends.
    mailbox = Mailbox.create(
        name=DEMO_MAILBOX,
        kind=KIND_LOCAL,
        email=owner.get("email", ""),
        sender_name=owner.get("name", ""),
        import_from=date.today(),
    )
    Folder.create(mailbox=mailbox, remote_name=mbox.name, display_name="INBOX", role=ROLE_INBOX)
    try:
        from desktop.sync.local_import import import_path
    except ImportError:
        log.warning("the mail import is not available; the demo has no mail")
        return profile
    import_path(mbox, mailbox_name=DEMO_MAILBOX)
    make_demo_mailbox_send(mailbox)
    # The sample mail is dated around its generation day: move it so the newest is today.
    newest = database.execute_sql("SELECT MAX(date) FROM message").fetchone()[0]
    if newest:
        shift = (date.today() - date.fromisoformat(str(newest)[:10])).days
        if shift > 0:
            database.execute_sql("UPDATE message SET date = datetime(date, ?)", [f"+{shift} days"])
            # The tasks' due dates move with the mail: some just past, most ahead.
            database.execute_sql(
                "UPDATE task SET due_date = date(due_date, ?) WHERE due_date IS NOT NULL",
                [f"+{shift} days"],
            )
    # One sync of its (empty) local server, as after adding any mailbox: the window then
    # says when the demo mailbox was last synced instead of "never".
    from desktop.errors import HolubError
    from desktop.sync.engine import sync_mailbox

    try:
        sync_mailbox(mailbox.id)
    except HolubError:
        log.exception("the demo mailbox's first sync failed")
    return profile


def make_demo_mailbox_send(mailbox: Mailbox) -> None:
    """Give the demo mailbox its provider (a local sink, desktop/sync/providers/demo.py)
    and its Sent folder, so sending works in the demo as with a real mailbox. Also
    brings a demo profile kept from before (``--demo --profile``) up to date."""
    from desktop.sync.providers.demo import KIND_DEMO, ensure_sent_folder

    if mailbox.kind != KIND_DEMO:
        Mailbox.update(kind=KIND_DEMO).where(Mailbox.id == mailbox.id).execute()
        mailbox.kind = KIND_DEMO
    ensure_sent_folder(mailbox)


def upgrade_demo_profile() -> None:
    """An older kept demo profile: its demo mailbox (imported mail) learns to send."""
    from desktop.models.mail import KIND_LOCAL

    mailbox = (
        Mailbox.select()
        .where((Mailbox.name == DEMO_MAILBOX) & (Mailbox.kind == KIND_LOCAL))
        .first()
    )
    if mailbox is not None and mailbox.email:
        make_demo_mailbox_send(mailbox)
