"""The demo profile, Qt-free: the shipped sample CRM and mail, imported the normal way."""

from __future__ import annotations

import logging
from pathlib import Path

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
    from desktop.models.mail import KIND_LOCAL, ROLE_INBOX, Folder, Mailbox

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
    # The mailbox knows its owner's address, so her own mail is imported as sent.
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
    # The sample mail is dated around its generation day: move it so the newest is today.
    newest = database.execute_sql("SELECT MAX(date) FROM message").fetchone()[0]
    if newest:
        shift = (date.today() - date.fromisoformat(str(newest)[:10])).days
        if shift > 0:
            database.execute_sql("UPDATE message SET date = datetime(date, ?)", [f"+{shift} days"])
    return profile
