"""Outlook 365 through Microsoft Graph: the real msal and requests against the stand-in.

tests/servers/microsoft.py serves the authority and Graph v1.0 over TLS with a
throwaway CA; the sign-in goes through the system browser (``$BROWSER`` → the fake
browser that follows the authorize redirect to msal's loopback listener) or the
device-code flow. The store is a real SQLite profile, the token cache lives in the
tests' real file keyring.
"""

from __future__ import annotations

import re
import threading
import time
import webbrowser
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from desktop import secrets
from desktop.errors import AuthenticationError, ConnectionFailed, HolubError, SignInRequired
from desktop.models.crm import Filing
from desktop.models.mail import KIND_GRAPH, Folder, Mailbox, Message
from desktop.sync.providers.base import provider_for
from desktop.sync.providers.graph import GraphProvider
from tests.cli import run_cli as _run_cli
from tests.servers.dovecot import make_message
from tests.servers.microsoft import (  # noqa: F401  (microsoft_ca, microsoft_server: fixtures)
    MicrosoftServer,
    microsoft_ca,
    microsoft_server,
    write_fake_browser,
)


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$BROWSER`` set to the fake browser, as a user's desktop would set a real one."""
    import sys

    path = write_fake_browser(tmp_path, sys.executable)
    monkeypatch.setenv("BROWSER", str(path))
    # webbrowser reads $BROWSER once per process, on first use; start it over.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    return path


def sign_in_mailbox(name: str = "Outlook", *, days: int = 7) -> Mailbox:
    """What `account add --type outlook` does: sign in, save the row, keep the secret."""
    signed = provider_for(KIND_GRAPH).sign_in()
    mailbox = Mailbox.create(
        name=name,
        kind=KIND_GRAPH,
        email=signed.email,
        sender_name=signed.sender_name,
        import_from=date.today() - timedelta(days=days),
    )
    secrets.set_secret(secrets.MAILBOX_OAUTH, mailbox.id, signed.secret)
    return mailbox


def stored_ids(mailbox: Mailbox, folder: str = "inbox") -> list[str]:
    return sorted(
        m.remote_id
        for m in Message.select(Message.remote_id)
        .join(Folder)
        .where((Folder.mailbox == mailbox) & (Folder.remote_name == folder))
    )


def server_ids(server: MicrosoftServer, folder: str = "inbox", days: int = 7) -> list[str]:
    floor = datetime.combine(date.today() - timedelta(days=days), datetime.min.time(), UTC)
    return sorted(
        m.id for m in server.state.messages.values() if m.folder == folder and m.received >= floor
    )


def fill(server: MicrosoftServer, count: int, folder: str = "inbox") -> list[str]:
    return [server.state.add_message(make_message(i), folder) for i in range(count)]


# Where a page's messages are fetched and parsed: in the sync process (small pages) or
# in the pool processes (graph_fetch.py, from parse_pool.POOL_MIN new messages on).
WHERE = ["here", "pool"]


def fetch_in(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.sync.providers import parse_pool

    if where == "pool":
        from desktop.sync.providers.graph_api import GraphApi

        monkeypatch.setattr(parse_pool, "POOL_MIN", 5)

        def not_here(*args, **kwargs):
            raise AssertionError("the sync process fetched MIME itself")

        # (The pool processes are spawned: this patch does not reach them.)
        monkeypatch.setattr(GraphApi, "raw_messages", not_here)


# -- sign-in ---------------------------------------------------------------------------


def test_interactive_sign_in_through_the_browser(microsoft, browser, profile):
    signed = GraphProvider().sign_in()
    assert (signed.email, signed.sender_name) == ("adele@contoso.test", "Adele Vance")
    assert '"RefreshToken"' in signed.secret  # msal's serialized cache
    assert microsoft.state.token_requests == ["authorization_code"]
    # msal discovered the stand-in's endpoints and asked Microsoft for nothing else.
    assert microsoft.state.count(r"/organizations/v2\.0/\.well-known/openid-configuration")
    assert microsoft.state.count(r"^/v1\.0/me$") == 1


def test_device_code_sign_in(microsoft, profile):
    shown: list[str] = []

    def show(text: str) -> None:  # the user reads the code and enters it elsewhere
        shown.append(text)
        microsoft.state.approve_device_code(re.search(r"code (\w+)", text).group(1))

    signed = GraphProvider().sign_in(device_code=True, show=show)
    assert signed.email == "adele@contoso.test"
    assert "microsoft.com/devicelogin" in shown[0]
    assert microsoft.state.token_requests[-1] == "urn:ietf:params:oauth:grant-type:device_code"


def test_cancel_ends_a_device_code_sign_in(microsoft, profile):
    import threading

    cancel = threading.Event()
    started = time.monotonic()
    with pytest.raises(HolubError, match="cancelled"):
        GraphProvider().sign_in(device_code=True, show=lambda text: cancel.set(), cancel=cancel)
    assert time.monotonic() - started < 5


def test_cancel_ends_a_browser_sign_in_and_closes_its_listener(microsoft, profile, monkeypatch):
    import socket
    import threading

    from desktop.sync import oauth_microsoft
    from desktop.sync.cancel import CancelToken

    # A browser that never comes back: the user closed it.
    monkeypatch.setenv("BROWSER", "true %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    ports: list[int] = []

    class Receiver(oauth_microsoft._Receiver):
        def get_auth_response(self, **kwargs):  # msal waits here: the user gives up
            ports.append(self.get_port())
            threading.Timer(0.3, cancel.set).start()
            return super().get_auth_response(**kwargs)

    monkeypatch.setattr(oauth_microsoft, "_Receiver", Receiver)
    cancel = CancelToken()
    started = time.monotonic()
    with pytest.raises(HolubError, match="cancelled"):
        GraphProvider().sign_in(cancel=cancel)
    assert time.monotonic() - started < 5
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", ports[0]), timeout=1).close()


@pytest.mark.parametrize("mode", ["admin", "user"])
def test_admin_consent_leads_to_the_help_text(microsoft, browser, profile, mode):
    microsoft.state.consent = mode
    with pytest.raises(AuthenticationError) as caught:
        GraphProvider().sign_in()
    text = str(caught.value)
    assert "Enterprise applications → Admin consent requests" in text
    assert microsoft.state.client_id in text
    assert "Traceback" not in text


def test_no_client_id_says_what_to_set(microsoft, profile, monkeypatch):
    monkeypatch.delenv("HOLUB_MS_CLIENT_ID")
    with pytest.raises(HolubError, match="HOLUB_MS_CLIENT_ID"):
        GraphProvider().sign_in()


# -- sync ------------------------------------------------------------------------------


def test_first_import_then_incremental(microsoft, browser, profile, monkeypatch):
    from desktop.sync.providers import parse_pool

    monkeypatch.setattr(parse_pool, "POOL_MIN", 10)  # the first page goes to the workers
    state = microsoft.state
    ids = fill(microsoft, 25)
    old = state.add_message(
        make_message(99), received=datetime.now(UTC) - timedelta(days=30)
    )  # before the import date: never imported
    state.set_read(ids[0])
    state.set_flagged(ids[1])
    sent = fill(microsoft, 3, "sentitems")
    mailbox = sign_in_mailbox()

    changes = GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft) and old not in stored_ids(mailbox)
    assert stored_ids(mailbox, "sentitems") == sorted(sent)
    assert len(changes.added) == 28
    first = Message.get(Message.remote_id == ids[0])
    second = Message.get(Message.remote_id == ids[1])
    assert (first.seen, first.starred, second.seen, second.starred) == (True, False, False, True)
    folders = {f.remote_name: f for f in Folder.select().where(Folder.mailbox == mailbox)}
    assert folders["inbox"].role == "inbox" and folders["sentitems"].role == "sent"
    assert "$deltatoken=" in folders["inbox"].delta_link
    assert Mailbox.get_by_id(mailbox.id).last_sync_at is not None

    # Between syncs: two new, one deleted, one read, one flagged, one unflagged.
    added = fill(microsoft, 2)
    state.delete_message(ids[2])
    state.set_read(ids[3])
    state.set_flagged(ids[4])
    state.set_flagged(ids[1], False)
    gone_id = Message.get(Message.remote_id == ids[2]).id
    changes = GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert set(added) <= set(stored_ids(mailbox)) and ids[2] not in stored_ids(mailbox)
    assert changes.removed == [gone_id]
    assert Message.get(Message.remote_id == ids[3]).seen
    assert Message.get(Message.remote_id == ids[4]).starred
    assert not Message.get(Message.remote_id == ids[1]).starred

    # Nothing new: one delta request per folder, and nothing else at all.
    before = len(state.requests)
    changes = GraphProvider().sync(mailbox)
    made = state.requests[before:]
    assert len(made) == 2 and all("/messages/delta" in p for _, p in made)
    assert not changes.messages


def test_expired_delta_token_resyncs_without_duplicates(microsoft, browser, profile):
    state = microsoft.state
    ids = fill(microsoft, 15)
    mailbox = sign_in_mailbox()
    GraphProvider().sync(mailbox)
    kept = Message.get(Message.remote_id == ids[5])
    Filing.create(message=kept, object_kind="company", object_id=7, source="manual")

    state.expire_delta_tokens()
    state.delete_message(ids[0])  # its tombstone is lost with the delta state
    new = fill(microsoft, 2)
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert ids[0] not in stored_ids(mailbox) and set(new) <= set(stored_ids(mailbox))
    assert Message.select().where(Message.mailbox == mailbox).count() == 16
    filing = Filing.get(Filing.object_id == 7)
    assert filing.message_id == kept.id and filing.source == "manual"


@pytest.mark.parametrize("where", WHERE)
def test_throttling_honours_retry_after(microsoft, browser, profile, monkeypatch, where):
    fetch_in(where, monkeypatch)
    state = microsoft.state
    fill(microsoft, 30)
    mailbox = sign_in_mailbox()
    state.fail_next(429, retry_after="1", path=r"/messages/delta")
    state.fail_next(503, retry_after="1", path=r"/\$value$")  # one request inside a batch
    state.fail_next(504, path=r"/\$batch$")  # no Retry-After: backoff
    started = time.monotonic()
    GraphProvider().sync(mailbox)
    assert time.monotonic() - started >= 2  # waited as told, twice
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert not state.faults


@pytest.mark.parametrize("where", WHERE)
def test_token_expiring_mid_sync_is_refreshed_once(microsoft, browser, profile, monkeypatch, where):
    import desktop.sync.providers.graph as graph

    fetch_in(where, monkeypatch)
    monkeypatch.setattr(graph, "PAGE_SIZE", 10)
    fill(microsoft, 35)
    mailbox = sign_in_mailbox()
    cache_before = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id)
    pages: list[int] = []

    def progress(name: str, done: int, total: int) -> None:
        pages.append(done)
        if len(pages) == 1:
            microsoft.state.expire_access_tokens()

    GraphProvider().sync(mailbox, progress)
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert microsoft.state.token_requests == ["authorization_code", "refresh_token"]
    # msal's cache changed (new tokens): written back to the keyring.
    assert secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id) != cache_before


def test_a_401_in_a_pool_process_is_refreshed_once_then_needs_sign_in(
    microsoft, browser, profile, monkeypatch
):
    fetch_in("pool", monkeypatch)
    state = microsoft.state
    fill(microsoft, 30)
    mailbox = sign_in_mailbox()
    # Graph refuses the token of a $batch: the pool process hands the job back, the
    # sync refreshes the token once through msal and hands the job over again.
    state.fail_next(401, path=r"/\$batch$")
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert state.token_requests == ["authorization_code", "refresh_token"]

    # A refreshed token refused again: "sign in again", as for the sync's own requests.
    fill(microsoft, 10)
    state.fail_next(401, 20, path=r"/\$batch$")
    with pytest.raises(SignInRequired, match="sign in again"):
        GraphProvider().sync(mailbox)
    assert state.token_requests == ["authorization_code"] + ["refresh_token"] * 2
    assert len(stored_ids(mailbox)) == 30


def test_cancel_does_not_wait_for_a_pool_process(microsoft, browser, profile, monkeypatch):
    from desktop.sync.cancel import CancelToken

    fetch_in("pool", monkeypatch)
    fill(microsoft, 20)
    mailbox = sign_in_mailbox()
    # The pool process is told to wait a minute; the user cancels meanwhile.
    microsoft.state.fail_next(503, retry_after="60", path=r"/\$batch$")
    cancel = CancelToken()
    timer = threading.Timer(1.0, cancel.set)
    timer.start()
    started = time.monotonic()
    try:
        GraphProvider().sync(mailbox, cancel=cancel)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10
    assert stored_ids(mailbox) == []
    # The next sync starts over and stores everything once.
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)


def test_revoked_refresh_token_needs_sign_in_while_another_mailbox_syncs(
    microsoft, browser, profile
):
    fill(microsoft, 5)
    first = sign_in_mailbox("First")
    GraphProvider().sync(first)
    microsoft.state.revoke_refresh_tokens()  # the first mailbox's sign-in is revoked
    second = sign_in_mailbox("Second")
    microsoft.state.expire_access_tokens()
    fill(microsoft, 2)

    from desktop.models.mail import SIGNIN_NEEDED, SIGNIN_OK
    from desktop.sync.engine import sync_mailbox  # what the worker, scheduler and CLI call

    with pytest.raises(SignInRequired):
        sync_mailbox(first.id)
    first = Mailbox.get_by_id(first.id)
    assert "sign in again" in first.last_error and first.signin_state == SIGNIN_NEEDED
    sync_mailbox(second.id)
    assert stored_ids(second) == server_ids(microsoft)
    second = Mailbox.get_by_id(second.id)
    assert second.last_error is None and second.signin_state == SIGNIN_OK


@pytest.mark.parametrize("where", WHERE)
def test_network_cut_mid_page(microsoft, browser, profile, monkeypatch, where):
    import desktop.sync.providers.graph as graph
    import desktop.sync.providers.graph_api as graph_api

    fetch_in(where, monkeypatch)
    monkeypatch.setattr(graph, "PAGE_SIZE", 10)
    state = microsoft.state
    fill(microsoft, 40)
    mailbox = sign_in_mailbox()
    # One dropped connection: retried at once, nothing lost or doubled.
    state.cut_next(path=r"/messages/delta")
    state.cut_next(path=r"/\$batch$")
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)

    # A connection that stays down on the second page: the first page is committed,
    # the next sync resumes from the stored link without duplicates.
    fill(microsoft, 30)
    monkeypatch.setattr(graph_api, "_backoff", lambda attempt: 0.01)
    calls = {"n": 0}
    real = graph_api.GraphApi.get_json

    def cut_after_first(self, url, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            state.cut_next(graph_api.ATTEMPTS, path=r"/messages/delta")
        return real(self, url, **kw)

    monkeypatch.setattr(graph_api.GraphApi, "get_json", cut_after_first)
    with pytest.raises(ConnectionFailed):
        GraphProvider().sync(mailbox)
    assert len(stored_ids(mailbox)) == 50
    monkeypatch.setattr(graph_api.GraphApi, "get_json", real)
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)
    assert len(stored_ids(mailbox)) == 70


def test_send_with_attachment_and_inline_image(microsoft, browser, profile):
    mailbox = sign_in_mailbox()
    message = EmailMessage()
    message["From"] = f"Adele Vance <{mailbox.email}>"
    message["To"] = "client@example.org"
    message["Subject"] = "Nabídka"
    message["Message-ID"] = "<offer-1@contoso.test>"
    message.set_content("Dobrý den, posílám nabídku.")
    message.add_alternative('<p>Dobrý den</p><img src="cid:logo@holub">', subtype="html")
    message.get_payload()[1].add_related(
        b"\x89PNG\r\n\x1a\nlogo", "image", "png", cid="<logo@holub>", filename="logo.png"
    )
    message.add_attachment(b"%PDF-1.4 offer", "application", "pdf", filename="nabidka.pdf")
    raw = message.as_bytes()

    provider = GraphProvider()
    assert provider.files_sent_itself(mailbox)
    provider.send(mailbox, raw, ["client@example.org", "boss@contoso.test"])
    (sent,) = microsoft.state.sent
    assert b"Bcc: boss@contoso.test\r\n" in sent and raw in sent
    assert microsoft.state.count(r"^/v1\.0/me/sendMail$", "POST") == 1

    provider.sync(mailbox)  # the copy Graph filed in Sent Items comes back
    (copy,) = Message.select().join(Folder).where(Folder.remote_name == "sentitems")
    assert copy.message_id == "<offer-1@contoso.test>" and copy.has_attachments
    names = {a.filename for a in copy.attachments}
    assert {"nabidka.pdf", "logo.png"} <= names
    assert copy.direction == "sent"


def test_send_refused_says_why(microsoft, browser, profile):
    mailbox = sign_in_mailbox()
    with pytest.raises(HolubError, match="ErrorMimeContentInvalid"):
        GraphProvider().send(mailbox, b"not a message", ["x@example.org"])


def test_token_cache_only_in_the_keyring(microsoft, browser, profile):
    fill(microsoft, 3)
    mailbox = sign_in_mailbox()
    GraphProvider().sync(mailbox)
    tokens = list(microsoft.state.refresh_tokens) + list(microsoft.state.access_tokens)
    assert tokens
    cache = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox.id)
    assert all(t in cache for t in microsoft.state.refresh_tokens)
    from desktop.models.db import database

    database.execute_sql("PRAGMA wal_checkpoint(FULL)")
    profile_dir = Path(database.database).parent
    for path in profile_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for token in tokens:
                assert token.encode() not in data, f"a token is in {path}"


def test_verify_calls_me(microsoft, browser, profile):
    mailbox = sign_in_mailbox()
    before = microsoft.state.count(r"^/v1\.0/me$")
    GraphProvider().verify(mailbox)
    assert microsoft.state.count(r"^/v1\.0/me$") == before + 1
    secrets.delete_secret(secrets.MAILBOX_OAUTH, mailbox.id)
    with pytest.raises(SignInRequired):
        GraphProvider().verify(mailbox)


def test_send_is_never_repeated_after_a_dropped_answer(microsoft, browser, profile):
    mailbox = sign_in_mailbox()
    raw = make_message(1, sender=mailbox.email, to="client@example.org")
    microsoft.state.fail_next(429, retry_after="1", path=r"/me/sendMail$")  # a refusal: retried
    GraphProvider().send(mailbox, raw, ["client@example.org"])
    assert len(microsoft.state.sent) == 1
    # Graph took the message, then the connection dropped: not sent a second time here.
    microsoft.state.cut_next(path=r"/me/sendMail$")
    with pytest.raises(ConnectionFailed):
        GraphProvider().send(mailbox, raw, ["client@example.org"])
    assert len(microsoft.state.sent) == 2


# -- the CLI, end to end (main.py in subprocesses, as a user runs it) ----------------------

REPO = Path(__file__).resolve().parents[2]


def _cli(profile_dir: Path, *args: str) -> list[str]:
    import sys

    return [sys.executable, str(REPO / "main.py"), "--profile", str(profile_dir), *args]


def test_cli_add_outlook_account_sync_verify_and_list(microsoft, browser, tmp_path):
    fill(microsoft, 4)
    fill(microsoft, 1, "sentitems")
    profile_dir = tmp_path / "cli-profile"
    added = _run_cli(profile_dir, "account", "add", "--type", "outlook", "--name", "Work")
    assert added.returncode == 0, added.stderr
    assert "adele@contoso.test" in added.stdout
    listed = _run_cli(profile_dir, "account", "list")
    assert listed.returncode == 0, listed.stderr
    assert "graph" in listed.stdout and "adele@contoso.test" in listed.stdout
    synced = _run_cli(profile_dir, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    verified = _run_cli(profile_dir, "account", "verify", "1")
    assert verified.returncode == 0, verified.stderr
    import sqlite3

    with sqlite3.connect(profile_dir / "holub.sqlite3") as db:
        rows = db.execute(
            "SELECT f.remote_name, count(*) FROM message m JOIN folder f ON f.id = m.folder_id "
            "GROUP BY f.remote_name ORDER BY f.remote_name"
        ).fetchall()
    assert rows == [("inbox", 4), ("sentitems", 1)]


def _children(pid: int) -> dict[int, str]:
    """The live child processes of ``pid`` and their command lines (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie (nobody reaps it in some containers) has ended


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_sync_leaves_no_pool_process_and_the_next_one_resumes(
    microsoft, browser, tmp_path
):
    import os
    import signal
    import sqlite3
    import subprocess

    fill(microsoft, 600)  # three delta pages of 200: fetched in the pool processes
    profile_dir = tmp_path / "cli-profile"
    added = _run_cli(profile_dir, "account", "add", "--type", "outlook", "--name", "Work")
    assert added.returncode == 0, added.stderr
    # A pool process is told to wait half a minute: the sync is killed meanwhile.
    microsoft.state.fail_next(503, retry_after="30", path=r"/\$batch$")
    sync = subprocess.Popen(
        _cli(profile_dir, "sync", "--once"),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while microsoft.state.faults and time.monotonic() < deadline:
            assert sync.poll() is None
            time.sleep(0.05)
        assert not microsoft.state.faults  # a pool process is in its wait now
        pool = [pid for pid, cmd in _children(sync.pid).items() if "spawn_main" in cmd]
        assert len(pool) == 2
    finally:
        sync.send_signal(signal.SIGKILL)
        sync.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pool) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pool)  # they noticed and left

    synced = _run_cli(profile_dir, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    with sqlite3.connect(profile_dir / "holub.sqlite3") as db:
        (count, distinct) = db.execute(
            "SELECT count(*), count(DISTINCT remote_id) FROM message"
        ).fetchone()
    assert count == distinct == 600


def test_cli_add_outlook_with_a_device_code(microsoft, tmp_path):
    import os
    import subprocess

    profile_dir = tmp_path / "cli-profile"
    process = subprocess.Popen(
        _cli(profile_dir, "account", "add", "--type", "outlook", "--name", "W", "--device-code"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # the instructions, as the user reads them
            found = re.search(r"enter the code (\w+)", line)
            if found:
                microsoft.state.approve_device_code(found.group(1))
                break
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "adele@contoso.test" in out


def test_a_failure_to_store_ends_the_sync_and_the_next_one_resumes(
    microsoft, browser, profile, monkeypatch
):
    import desktop.sync.providers.graph as graph

    monkeypatch.setattr(graph, "PAGE_SIZE", 10)
    fill(microsoft, 40)
    mailbox = sign_in_mailbox()
    real = graph.store_batch
    calls = {"n": 0}

    def store_then_fail(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise HolubError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(graph, "store_batch", store_then_fail)
    started = time.monotonic()
    with pytest.raises(HolubError, match="disk full"):
        GraphProvider().sync(mailbox)
    assert time.monotonic() - started < 10  # the page fetcher is not waited for
    assert len(stored_ids(mailbox)) == 10
    monkeypatch.setattr(graph, "store_batch", real)
    GraphProvider().sync(mailbox)
    assert stored_ids(mailbox) == server_ids(microsoft)
