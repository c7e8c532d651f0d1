"""The Gmail provider against the local HTTPS stand-in for Google (tests/servers/google.py).

The real google-auth-oauthlib, google-auth and requests talk to the stand-in over TLS
(a throwaway CA trusted through SSL_CERT_FILE/REQUESTS_CA_BUNDLE); the store is a real
SQLite profile and the refresh token sits in the real (file) keyring.
"""

from __future__ import annotations

import base64
import email.policy
import logging
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import webbrowser
from datetime import date, timedelta
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from desktop import secrets
from desktop.errors import AuthenticationError, ConnectionFailed, HolubError, SignInRequired
from desktop.models.crm import Filing
from desktop.models.mail import KIND_GMAIL, Folder, Mailbox, Message
from desktop.sync.providers import gmail_api
from desktop.sync.providers.base import provider_for
from desktop.sync.providers.gmail import GmailProvider
from tests.cli import run_cli as _run_cli
from tests.servers.dovecot import make_message
from tests.servers.google import (  # noqa: F401  (the fixture)
    BATCH_PATH,
    CLIENT_ID,
    GMAIL_PREFIX,
    GoogleServer,
    browser_command,
    google_server,
)

DAY = 86400
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # Backoff without Retry-After starts at 1 s in production; a tenth here.
    monkeypatch.setattr(gmail_api, "BACKOFF_BASE", 0.05)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """$BROWSER is the fake browser; webbrowser reads $BROWSER again."""
    monkeypatch.setenv("BROWSER", browser_command())
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


def make_mailbox(
    google: GoogleServer, name: str = "Gmail", token: str | None = None, email: str = ""
) -> Mailbox:
    mailbox = Mailbox.create(
        name=name,
        kind=KIND_GMAIL,
        email=email or google.state.email,
        sender_name=google.state.name,
        import_from=date.today() - timedelta(days=7),
    )
    secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, token or google.grant())
    return mailbox


def folder_rows(mailbox: Mailbox, label: str) -> dict[str, tuple[bool, bool, str]]:
    """remote_id → (seen, starred, subject) of a folder's stored messages."""
    folder = Folder.get(mailbox=mailbox, remote_name=label)
    return {
        m.remote_id: (m.seen, m.starred, m.subject)
        for m in Message.select().where(Message.folder == folder)
    }


def seed(google: GoogleServer, count: int, labels=("INBOX", "UNREAD"), start: int = 0) -> list[str]:
    now = time.time()
    return [
        google.state.add_message(make_message(start + i), labels, when=now - 3600 - i * 60)
        for i in range(count)
    ]


# -- sign-in ------------------------------------------------------------------------------


def test_sign_in_through_the_browser(profile, google: GoogleServer, browser) -> None:
    shown: list[str] = []
    signed = provider_for(KIND_GMAIL).sign_in(login_hint="jana@example.com", show=shown.append)
    assert signed.email == google.state.email
    assert signed.sender_name == google.state.name
    assert signed.secret in google.state.refresh_tokens
    # The code was exchanged with its PKCE verifier (the stand-in checks it), then the
    # profile call gave the address.
    assert google.state.token_requests == ["authorization_code"]
    assert ("GET", GMAIL_PREFIX + "profile") in [(m, p) for _, m, p in google.state.requests]
    assert shown and "/o/oauth2/auth?" in shown[0]


@pytest.mark.parametrize("answer", ["access_denied", "admin_policy_enforced"])
def test_refused_sign_in_explains_the_workspace_admin_step(
    profile, google: GoogleServer, browser, answer: str
) -> None:
    google.state.authorize_error = answer
    with pytest.raises(AuthenticationError) as caught:
        GmailProvider().sign_in()
    text = str(caught.value)
    assert answer in text
    assert "Admin console → Security → API controls → App access control" in text
    assert CLIENT_ID in text
    assert google.state.token_requests == []


def test_sign_in_can_be_cancelled(profile, google: GoogleServer, monkeypatch) -> None:
    from urllib.parse import parse_qs, urlsplit

    from desktop.sync.cancel import CancelToken

    # A browser that never comes back: the user closed it.
    monkeypatch.setenv("BROWSER", "true %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    cancel = CancelToken()
    shown: list[str] = []

    def show(text: str) -> None:  # the listener is up: the user gives up
        shown.append(text)
        threading.Timer(0.3, cancel.set).start()

    started = time.monotonic()
    with pytest.raises(HolubError, match="cancelled"):
        GmailProvider().sign_in(cancel=cancel, show=show)
    assert time.monotonic() - started < 5
    # The loopback listener is closed, not left waiting for a browser.
    url = shown[0].rsplit("visit: ", 1)[1]
    port = urlsplit(parse_qs(urlsplit(url).query)["redirect_uri"][0]).port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_sign_in_without_a_client_id_says_what_to_set(profile, google, monkeypatch) -> None:
    monkeypatch.delenv("HOLUB_GOOGLE_CLIENT_ID")
    with pytest.raises(HolubError, match="HOLUB_GOOGLE_CLIENT_ID"):
        GmailProvider().sign_in()


# -- first import ---------------------------------------------------------------------------


def test_first_import_of_inbox_and_sent(profile, google: GoogleServer) -> None:
    state = google.state
    state.page_size_cap = 7  # several pages of messages.list
    inbox = seed(google, 20)
    read = state.add_message(make_message(100), ["INBOX"], when=time.time() - 7200)
    starred = state.add_message(make_message(101), ["INBOX", "STARRED", "UNREAD"])
    both = state.add_message(make_message(102), ["INBOX", "SENT"])
    sent = [state.add_message(make_message(200 + i), ["SENT"]) for i in range(3)]
    old = state.add_message(make_message(300), ["INBOX"], when=time.time() - 30 * DAY)
    mailbox = make_mailbox(google)

    changes = GmailProvider().sync(mailbox)

    rows = folder_rows(mailbox, "INBOX")
    assert set(rows) == {*inbox, read, starred, both}
    assert old not in rows
    assert rows[read][0] is True and rows[inbox[0]][0] is False
    assert rows[starred][1] is True
    assert set(folder_rows(mailbox, "SENT")) == {*sent, both}
    assert len(changes.added) == 23 + 4
    assert state.raw_served[both] == 1  # fetched once, stored in both folders
    folders = {f.remote_name: f for f in Folder.select().where(Folder.mailbox == mailbox)}
    assert folders["INBOX"].role == "inbox" and folders["SENT"].role == "sent"
    assert folders["INBOX"].history_id == folders["SENT"].history_id
    assert Mailbox.get_by_id(mailbox.id).last_error is None

    # Nothing new: one request in all (history.list), and nothing changes.
    before = len(state.api_requests())
    again = GmailProvider.sync(provider_for(KIND_GMAIL), mailbox)
    assert not again.added and not again.removed and not again.updated
    calls = state.api_requests()[before:]
    assert [p for _, _, p in calls] == [GMAIL_PREFIX + "history"]


def test_incremental_added_deleted_read_starred_archived(profile, google: GoogleServer) -> None:
    state = google.state
    ids = seed(google, 6)
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    provider.sync(mailbox)
    kept_row = Message.get(remote_id=ids[3]).id

    new = state.add_message(make_message(50), ["INBOX", "UNREAD"])
    new_sent = state.add_message(make_message(51), ["SENT"])
    state.delete_message(ids[0])
    state.modify(ids[1], remove=("UNREAD",))  # read on the phone
    state.modify(ids[2], add=("STARRED",))
    state.modify(ids[3], remove=("INBOX",))  # archived
    state.modify(ids[4], add=("STARRED",))
    state.modify(ids[4], remove=("STARRED",))  # starred and unstarred again
    state.modify(ids[5], remove=("UNREAD",))
    Message.update(seen=False).where(Message.remote_id == ids[5]).execute()

    state.page_size_cap = 3  # the history comes in several pages
    changes = provider.sync(mailbox)

    assert len(state.api_requests(GMAIL_PREFIX + "history")) == 3
    rows = folder_rows(mailbox, "INBOX")
    assert set(rows) == {new, ids[1], ids[2], ids[4], ids[5]}
    assert rows[ids[1]][0] is True
    assert rows[ids[2]][1] is True
    assert rows[ids[4]][1] is False
    assert rows[new][0] is False
    assert set(folder_rows(mailbox, "SENT")) == {new_sent}
    assert kept_row in changes.removed
    assert len(changes.added) == 2

    # Archived back into the Inbox: stored again.
    state.modify(ids[3], add=("INBOX",))
    provider.sync(mailbox)
    assert ids[3] in folder_rows(mailbox, "INBOX")


def test_expired_history_id_resyncs_without_duplicates(profile, google: GoogleServer) -> None:
    state = google.state
    ids = seed(google, 8)
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    provider.sync(mailbox)
    row_ids = {m.remote_id: m.id for m in Message.select()}
    Filing.create(message=row_ids[ids[1]], object_kind="company", object_id=7, source="manual")

    state.delete_message(ids[0])
    state.modify(ids[1], remove=("UNREAD",))
    state.modify(ids[2], add=("STARRED",))
    added = state.add_message(make_message(77), ["INBOX", "UNREAD"])
    state.forget_history()  # the stored history id is now too old → 404

    provider.sync(mailbox)

    rows = folder_rows(mailbox, "INBOX")
    assert set(rows) == {*ids[1:], added}
    assert rows[ids[1]][0] is True and rows[ids[2]][1] is True
    # The messages that stayed are the same rows (their CRM filings stay with them).
    after = {m.remote_id: m.id for m in Message.select()}
    assert all(after[r] == row_ids[r] for r in ids[1:])
    assert Message.select().count() == len(ids)
    assert Filing.get(Filing.message == after[ids[1]]).source == "manual"
    # And the next sync is incremental again.
    before = len(state.api_requests())
    provider.sync(mailbox)
    assert [p for _, _, p in state.api_requests()[before:]] == [GMAIL_PREFIX + "history"]


def test_manual_filing_survives_leaving_and_coming_back(profile, google: GoogleServer) -> None:
    state = google.state
    [archived] = seed(google, 1)
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    provider.sync(mailbox)
    Filing.create(
        message=Message.get(remote_id=archived), object_kind="project", object_id=3, source="manual"
    )
    state.modify(archived, remove=("INBOX",))
    provider.sync(mailbox)
    assert not folder_rows(mailbox, "INBOX")
    # Back in the Inbox, found by a full re-sync (the history id expired meanwhile).
    state.modify(archived, add=("INBOX",))
    state.forget_history()
    provider.sync(mailbox)
    [filing] = Filing.select().join(Message).where(Message.remote_id == archived)
    assert (filing.object_kind, filing.object_id, filing.source) == ("project", 3, "manual")


# -- failures ------------------------------------------------------------------------------


def test_throttling_honours_retry_after(profile, google: GoogleServer) -> None:
    state = google.state
    ids = seed(google, 60)
    mailbox = make_mailbox(google)
    state.fail_next(429, path=GMAIL_PREFIX + "messages", retry_after="1")
    state.fail_next(403, path=BATCH_PATH, reason="userRateLimitExceeded", retry_after="1")
    state.fail_next(503, path=GMAIL_PREFIX + "messages")

    GmailProvider().sync(mailbox)

    assert set(folder_rows(mailbox, "INBOX")) == set(ids)
    times = [(t, p) for t, m, p in state.requests if p == GMAIL_PREFIX + "messages"]
    # The 429, then (after ≥ 1 s) the 503, then (after a short backoff) the answer.
    assert times[1][0] - times[0][0] >= 1.0
    batches = [t for t, m, p in state.requests if p == BATCH_PATH]
    assert batches[1] - batches[0] >= 1.0


def test_throttled_batch_parts_are_fetched_again(profile, google: GoogleServer) -> None:
    ids = seed(google, 10)
    mailbox = make_mailbox(google)
    # Two calls inside the batch answer 429 (Gmail's per-call rate limit in a batch).
    google.state.fail_next(429, path=BATCH_PATH + "#" + GMAIL_PREFIX + "messages/", count=2)
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)


@pytest.mark.parametrize("where", ["inline", "pool"])
def test_a_token_expiring_mid_sync_is_refreshed(
    profile, google: GoogleServer, monkeypatch, where: str
) -> None:
    if where == "pool":  # fetched by the pool processes, each with its own session
        monkeypatch.setenv("HOLUB_SYNC_POOL_MIN", "1")
    ids = seed(google, 120)
    mailbox = make_mailbox(google)
    google.state.expire_tokens_at(BATCH_PATH)
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)
    # The sync's own token, then one refresh: in the pool case too, by the sync process
    # (the pool processes hold an access token only) for every batch that met the 401.
    assert google.state.token_requests == ["refresh_token", "refresh_token"]


def test_a_refresh_refused_mid_import_in_the_pool_needs_sign_in(
    profile, google: GoogleServer, monkeypatch
) -> None:
    monkeypatch.setenv("HOLUB_SYNC_POOL_MIN", "1")
    seed(google, 400)
    mailbox = make_mailbox(google)

    def progress(_folder: str, done: int, _total: int) -> None:
        if done:  # the first batch is stored: access is withdrawn, tokens and refresh
            google.state.revoke()

    with pytest.raises(SignInRequired):
        GmailProvider().sync(mailbox, progress)
    assert "sign in again" in Mailbox.get_by_id(mailbox.id).last_error
    stored = len(folder_rows(mailbox, "INBOX"))
    assert 0 < stored < 400  # what was committed stays


def test_the_pool_processes_get_no_refresh_token() -> None:
    from desktop.sync.providers.gmail_parse import Session

    fields = set(Session.__dataclass_fields__)
    assert fields == {"api", "access_token", "mode"}
    assert "secret-token" not in repr(Session("https://x", "secret-token", "batch"))


def test_revoked_sign_in_needs_sign_in_while_another_mailbox_syncs(
    profile, google: GoogleServer
) -> None:
    ids = seed(google, 5)
    revoked_token = google.grant()
    revoked = make_mailbox(google, "Revoked", token=revoked_token)
    other = make_mailbox(google, "Other")
    google.state.revoke(revoked_token)
    provider = GmailProvider()
    with pytest.raises(SignInRequired):
        provider.sync(revoked)
    assert "sign in again" in Mailbox.get_by_id(revoked.id).last_error
    provider.sync(other)
    assert set(folder_rows(other, "INBOX")) == set(ids)


def test_access_token_refused_after_refresh_needs_sign_in(profile, google: GoogleServer) -> None:
    seed(google, 3)
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    provider.sync(mailbox)
    # Access revoked on Google's side: the access token stops working, the refresh too.
    google.state.revoke()
    google.state.add_message(make_message(9))
    with pytest.raises(SignInRequired):
        provider.sync(mailbox)


def test_network_cut_mid_sync_resumes_without_duplicates(profile, google: GoogleServer) -> None:
    ids = seed(google, 400)
    mailbox = make_mailbox(google)
    # The network goes down after two batch requests: every answer is cut half-way.
    google.state.cut_next(BATCH_PATH, count=20, skip=2)
    with pytest.raises(ConnectionFailed):
        GmailProvider().sync(mailbox)
    google.state.faults.clear()  # and comes back
    stored = folder_rows(mailbox, "INBOX")
    assert 0 < len(stored) < len(ids)
    assert Folder.get(remote_name="INBOX").history_id is None  # not finished
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)
    assert Message.select().count() == len(ids)


def test_a_dropped_page_is_retried(profile, google: GoogleServer) -> None:
    google.state.page_size_cap = 5
    ids = seed(google, 12)
    mailbox = make_mailbox(google)
    google.state.cut_next(GMAIL_PREFIX + "messages", skip=1)
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)
    # Three pages of the Inbox list, the second one twice; then the Sent list.
    lists = [p for _, _, p in google.state.api_requests(GMAIL_PREFIX + "messages")]
    assert lists.count(GMAIL_PREFIX + "messages") == 3 + 1 + 1


# -- sending ---------------------------------------------------------------------------------


def test_send_with_attachment_and_inline_image(profile, google: GoogleServer) -> None:
    mailbox = make_mailbox(google)
    message = EmailMessage()
    message["From"] = f"{google.state.name} <{google.state.email}>"
    message["To"] = "petr@example.org"
    message["Subject"] = "Nabídka"
    message["Message-ID"] = "<offer-1@example.com>"
    message.set_content("Dobrý den, posílám nabídku.")
    message.add_alternative('<p>Dobrý den</p><img src="cid:logo@holub">', subtype="html")
    message.get_payload()[1].add_related(
        b"\x89PNG\r\n\x1a\nlogo", maintype="image", subtype="png", cid="<logo@holub>"
    )
    message.add_attachment(
        b"%PDF-1.4 offer", maintype="application", subtype="pdf", filename="nabidka.pdf"
    )
    provider = provider_for(KIND_GMAIL)
    assert provider.files_sent_itself(mailbox) is True

    provider.send(mailbox, message.as_bytes(), ["petr@example.org", "boss@example.com"])

    [raw] = google.state.sent
    received = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert received["Bcc"] == "boss@example.com"  # Gmail takes recipients from headers
    attachment = next(received.iter_attachments())
    assert attachment.get_filename() == "nabidka.pdf"
    assert attachment.get_content() == b"%PDF-1.4 offer"
    images = [p for p in received.walk() if p.get_content_type() == "image/png"]
    assert images and images[0]["Content-ID"] == "<logo@holub>"
    # Gmail filed it in Sent itself; the next sync brings it in.
    provider.sync(mailbox)
    [row] = Message.select().join(Folder).where(Folder.remote_name == "SENT")
    assert row.subject == "Nabídka" and row.has_attachments and row.direction == "sent"


# -- secrets ---------------------------------------------------------------------------------


def test_tokens_are_in_the_keyring_and_nowhere_in_the_profile(
    profile, google: GoogleServer, browser, keyring_dir: Path
) -> None:
    # A verbose log in the profile while signing in and syncing: it must not leak them.
    handler = logging.FileHandler(profile.root / "debug.log", encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        signed = GmailProvider().sign_in()
        mailbox = Mailbox.create(
            name="Gmail",
            kind=KIND_GMAIL,
            email=signed.email,
            sender_name=signed.sender_name,
            import_from=date.today() - timedelta(days=7),
        )
        secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, signed.secret)
        seed(google, 3)
        GmailProvider().sync(mailbox)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
    assert (profile.root / "debug.log").stat().st_size > 0

    from desktop.models.db import database

    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    tokens = [signed.secret.encode(), *(t.encode() for t in google.state.access_tokens)]
    tokens.append(base64.b64encode(signed.secret.encode()))
    assert len(tokens) >= 2
    profile_dir = profile.root
    for path in profile_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for token in tokens:
                assert token not in data, f"a token in {path}"
    with sqlite3.connect(Path(database.database)) as db:
        dump = "\n".join(db.iterdump())
    assert all(token.decode() not in dump for token in tokens)
    # In the keyring (the tests' file keyring lives outside the profile).
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id) == signed.secret
    assert not keyring_dir.is_relative_to(profile_dir)


def test_a_cancelled_sync_keeps_what_it_stored_and_resumes(profile, google: GoogleServer) -> None:
    ids = seed(google, 400)
    mailbox = make_mailbox(google)
    cancel = threading.Event()

    def progress(folder: str, done: int, total: int) -> None:
        if done >= 50:
            cancel.set()  # the user pressed Stop after the first batch

    changes = GmailProvider().sync(mailbox, progress=progress, cancel=cancel)
    stored = folder_rows(mailbox, "INBOX")
    assert 50 <= len(stored) < len(ids)
    assert len(changes.added) == len(stored)
    assert Mailbox.get_by_id(mailbox.id).last_error is None
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)


SYNC_IN_CHILD = """
import sys
from desktop.models.mail import Mailbox
from desktop.profile import open_profile
from desktop.sync.providers.base import provider_for

open_profile(sys.argv[1])
mailbox = Mailbox.get_by_id(int(sys.argv[2]))
provider_for(mailbox).sync(mailbox, progress=lambda f, d, t: print(f, d, t, flush=True))
"""


def test_killed_mid_import_leaves_no_workers_and_resumes(profile, google: GoogleServer) -> None:
    ids = seed(google, 1500)
    mailbox = make_mailbox(google)
    child = subprocess.Popen(
        [sys.executable, "-c", SYNC_IN_CHILD, str(profile.root), str(mailbox.id)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    for line in child.stdout:  # killed once the first batches are stored
        if int(line.split()[1]) >= 300:
            break
    workers = subprocess.run(
        ["pgrep", "-P", str(child.pid)], capture_output=True, text=True
    ).stdout.split()
    child.kill()
    child.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    stored = len(folder_rows(mailbox, "INBOX"))
    assert 300 <= stored < len(ids)
    GmailProvider().sync(mailbox)
    assert set(folder_rows(mailbox, "INBOX")) == set(ids)
    assert Message.select().count() == len(ids)


def test_a_big_message_goes_through_the_upload_uri(profile, google: GoogleServer) -> None:
    mailbox = make_mailbox(google)
    message = EmailMessage()
    message["From"] = google.state.email
    message["To"] = "petr@example.org"
    message["Subject"] = "Výkresy"
    message.set_content("V příloze.")
    drawing = os.urandom(6 * 1024 * 1024)
    message.add_attachment(
        drawing, maintype="application", subtype="octet-stream", filename="v.dwg"
    )
    GmailProvider().send(mailbox, message.as_bytes(), ["petr@example.org"])
    assert [p for _, _, p in google.state.api_requests()] == [
        "/upload/gmail/v1/users/me/messages/send"
    ]
    [raw] = google.state.sent
    received = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert next(received.iter_attachments()).get_content() == drawing


@pytest.mark.parametrize("fault", ["503", "cut"])
def test_sending_is_never_repeated_after_an_unclear_answer(
    profile, google: GoogleServer, fault: str
) -> None:
    mailbox = make_mailbox(google)
    raw = make_message(1, sender=google.state.email)
    if fault == "cut":
        google.state.cut_next(GMAIL_PREFIX + "messages/send")
    else:
        google.state.fail_next(503, path=GMAIL_PREFIX + "messages/send")
    with pytest.raises(HolubError) as caught:
        GmailProvider().send(mailbox, raw, ["bob@example.test"])
    assert caught.value.transient  # the outbox keeps it and may try again later
    sends = [p for _, _, p in google.state.api_requests(GMAIL_PREFIX + "messages/send")]
    assert len(sends) == 1


def test_a_rate_limited_send_waits_and_goes_once(profile, google: GoogleServer) -> None:
    mailbox = make_mailbox(google)
    google.state.fail_next(429, path=GMAIL_PREFIX + "messages/send", retry_after="1")
    GmailProvider().send(mailbox, make_message(2), ["bob@example.test"])
    assert len(google.state.sent) == 1


def test_a_refused_message_is_not_a_transient_error(profile, google: GoogleServer) -> None:
    mailbox = make_mailbox(google)
    google.state.fail_next(400, path=GMAIL_PREFIX + "messages/send", reason="invalidArgument")
    with pytest.raises(HolubError, match="Gmail refused") as caught:
        GmailProvider().send(mailbox, make_message(3), ["bob@example.test"])
    assert not caught.value.transient


def test_the_outbox_can_ask_whether_sent_has_a_message(profile, google: GoogleServer) -> None:
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    raw = make_message(5, sender=google.state.email)
    message_id = BytesParser(policy=email.policy.default).parsebytes(raw)["Message-ID"]
    sent = provider.sent_folder(mailbox)
    try:
        assert not sent.contains(message_id)
        provider.send(mailbox, raw, ["bob@example.test"])
        assert sent.contains(message_id)
        assert not sent.contains("<someone-else@example.org>")
    finally:
        sent.close()


def test_history_cut_mid_way_resumes_from_the_last_page_stored(
    profile, google: GoogleServer
) -> None:
    state = google.state
    ids = seed(google, 4)
    mailbox = make_mailbox(google)
    provider = GmailProvider()
    provider.sync(mailbox)
    start = Folder.get(remote_name="INBOX").history_id
    added = [state.add_message(make_message(60 + i)) for i in range(4)]
    state.delete_message(ids[0])
    state.modify(ids[1], add=("STARRED",))
    state.page_size_cap = 2
    # The second history page and its retries are cut.
    state.cut_next(GMAIL_PREFIX + "history", count=3, skip=1)
    with pytest.raises(ConnectionFailed):
        provider.sync(mailbox)
    # The first page is stored, with its resume point.
    assert set(added[:2]) <= set(folder_rows(mailbox, "INBOX"))
    assert int(Folder.get(remote_name="INBOX").history_id) > int(start)
    provider.sync(mailbox)
    rows = folder_rows(mailbox, "INBOX")
    assert set(rows) == {*ids[1:], *added}
    assert rows[ids[1]][1] is True
    assert Message.select().count() == len(rows)


def test_verify_makes_the_profile_call(profile, google: GoogleServer) -> None:
    token = google.grant()
    mailbox = make_mailbox(google, token=token)
    provider = GmailProvider()
    provider.verify(mailbox)
    assert [p for _, _, p in google.state.api_requests()] == [GMAIL_PREFIX + "profile"]
    other = make_mailbox(google, "Other", email="someone.else@example.com")
    with pytest.raises(HolubError, match=re.escape("not someone.else@example.com")):
        provider.verify(other)
    google.state.revoke(token)
    with pytest.raises(SignInRequired):
        GmailProvider().verify(mailbox)


def test_an_answer_holub_cannot_read_is_one_plain_error(profile, google: GoogleServer) -> None:
    seed(google, 2)
    mailbox = make_mailbox(google)
    google.state.garble_next(GMAIL_PREFIX + "messages")
    with pytest.raises(HolubError, match="The sync of Gmail failed"):
        GmailProvider().sync(mailbox)
    assert "failed" in Mailbox.get_by_id(mailbox.id).last_error
    GmailProvider().sync(mailbox)  # and the next sync is fine
    assert len(folder_rows(mailbox, "INBOX")) == 2


def test_cli_add_google_account_sync_and_verify(
    tmp_path: Path, google: GoogleServer, browser
) -> None:
    from desktop.cli import account as account_cli

    if not hasattr(account_cli, "OAUTH_TYPES"):
        pytest.skip("`account add --type google` comes with the provider seam (branch seam)")
    seed(google, 4)
    profile_dir = tmp_path / "cli-profile"
    added = _run_cli(profile_dir, "account", "add", "--type", "google", "--name", "G")
    assert added.returncode == 0, added.stderr
    assert google.state.email in added.stdout
    listed = _run_cli(profile_dir, "account", "list")
    assert "gmail" in listed.stdout
    synced = _run_cli(profile_dir, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert "4 new" in synced.stdout
    verified = _run_cli(profile_dir, "account", "verify", "1")
    assert verified.returncode == 0, verified.stderr
