"""The Caflou client and `crm` CLI against the local stand-in (tests/servers/caflou.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import secrets
from desktop.crm import api, service
from desktop.errors import (
    AuthenticationError,
    HolubError,
    InvalidInput,
    PermissionDenied,
    ServerError,
)
from desktop.models.crm import Company, Contact, Filing, Project, Task
from tests import cli


def run_cli(profile_dir: Path, *args: str, stdin: str = ""):
    return cli.run_cli(profile_dir, *args, stdin=stdin, timeout=60)  # they answer at once


def seed(server, companies: int = 5, contacts_per: int = 2) -> None:
    st = server.state
    for c in range(1, companies + 1):
        st.add(42, "companies", {"id": c, "name": f"Firma {c}", "email": f"info@f{c}.cz"})
        for k in range(contacts_per):
            cid = c * 100 + k
            st.add(
                42, "contacts", {"id": cid, "company_id": c, "name": "X", "email": f"p{k}@f{c}.cz"}
            )
    st.add(42, "projects", {"id": 1234, "name": "Web", "company_id": 1})
    st.add(42, "tasks", {"id": 88, "name": "Offer", "project_id": 1234, "company_id": 1})
    st.add(42, "users", {"id": 1, "name": "Jana", "email": "jana@firma.cz"})
    st.add(42, "companies", {"id": 999, "name": "Smazaná", "email": "x@y.cz", "trash": True})


def client(server, **kw) -> api.CaflouClient:
    return api.CaflouClient(server.url, sleep=lambda s: sleeps.append(s), **kw)


sleeps: list[float] = []


def test_login_paging_and_wrapper(caflou) -> None:
    seed(caflou, companies=25, contacts_per=1)
    c = client(caflou, account_id=42)
    c.login("jana@firma.cz", "heslo")
    assert c.accounts()[0]["id"] == 42
    rows = list(c.pages("companies", per=10))
    assert [r["id"] for r in rows][:3] == [1, 2, 3] and len(rows) == 26
    pages = [p for m, p in caflou.state.requests if "/companies?" in p]
    assert len(pages) == 3 and "per=10" in pages[0] and "page=3" in pages[2]
    # per is capped at 1000
    list(c.pages("companies", per=5000))
    assert "per=1000" in caflou.state.requests[-1][1]
    assert [r["id"] for r in c.contacts(company_id=3)] == [300]


def test_wrong_password_and_otp(caflou) -> None:
    with pytest.raises(AuthenticationError):
        client(caflou).login("jana@firma.cz", "spatne")
    caflou.state.users["jana@firma.cz"]["otp"] = "123456"
    with pytest.raises(AuthenticationError, match="otp"):
        client(caflou).login("jana@firma.cz", "heslo")
    assert client(caflou).login("jana@firma.cz", "heslo", otp="123456")


def test_relogin_once_on_401(caflou) -> None:
    c = client(caflou, account_id=42)
    c.login("jana@firma.cz", "heslo")
    caflou.state.expire_tokens()
    assert c.accounts()
    assert caflou.state.logins == 2
    c.password = None  # credentials not stored: a clear error, no loop
    caflou.state.expire_tokens()
    with pytest.raises(AuthenticationError, match="crm login"):
        c.accounts()


def test_403_is_permission_denied(caflou) -> None:
    seed(caflou)
    caflou.state.forbid("companies", 2)
    c = client(caflou, account_id=42)
    c.login("jana@firma.cz", "heslo")
    with pytest.raises(PermissionDenied, match="no right to see this company"):
        c.get_object("company", 2)


def test_429_and_5xx_back_off_and_retry(caflou) -> None:
    c = client(caflou, account_id=42)
    c.login("jana@firma.cz", "heslo")
    sleeps.clear()
    caflou.state.fail_next(429, 1, retry_after="7")
    caflou.state.fail_next(503, 1)
    assert c.accounts()
    assert sleeps == [7.0, 1.0]
    caflou.state.fail_next(500, api.RETRIES + 1)
    with pytest.raises(ServerError):
        c.accounts()


@pytest.mark.parametrize(
    "url,ok",
    [
        ("http://127.0.0.1:9", True),
        ("http://localhost:9", True),
        ("http://[::1]:9", True),
        ("https://app.caflou.com", True),
        ("http://app.caflou.com", False),
        ("http://10.0.0.1", False),
        ("ftp://x", False),
    ],
)
def test_plain_http_only_for_loopback(url: str, ok: bool) -> None:
    if ok:
        assert api.check_base_url(url) == url
    else:
        with pytest.raises(InvalidInput):
            api.check_base_url(url)


def test_plan_below_delfin_gets_a_clear_message(profile, caflou) -> None:
    caflou.state.accounts[0]["plan"] = {"name_cs": "Mravenec", "name_en": "Ant"}
    with pytest.raises(HolubError, match="Delfín or Žralok"):
        api.login(caflou.url, "jana@firma.cz", "heslo")
    caflou.state.accounts[0]["plan"] = {"name_cs": "Žralok", "name_en": "Shark"}
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo")
    assert account.plan == "Žralok"


def test_login_pull_and_filing_rights(profile, caflou) -> None:
    seed(caflou)
    caflou.state.add_account(43, "Druhá")
    with pytest.raises(InvalidInput, match="--account"):
        api.login(caflou.url, "jana@firma.cz", "heslo")
    account, _ = api.login(caflou.url, "jana@firma.cz", "heslo", account_id=42)
    assert secrets.get_secret(secrets.CRM_PASSWORD, account.id) == "heslo"
    counts = api.pull(account)
    assert counts == {"companies": 5, "contacts": 10, "projects": 1, "tasks": 1, "users": 1}
    assert Company.get_or_none(Company.id == 999) is None  # trashed
    assert Contact.get_by_id(101).company_id == 1
    assert Task.get_by_id(88).project_id == 1234 and Project.get_by_id(1234).company_id == 1
    # Token expired between runs: the stored password signs in again silently.
    caflou.state.expire_tokens()
    assert api.pull(account)["companies"] == 5

    import datetime as dt

    from desktop.models.mail import Folder, Mailbox, Message

    mb = Mailbox.create(name="W", email="me@firma.cz", import_from=dt.date(2026, 1, 1))
    folder = Folder.create(mailbox=mb, remote_name="INBOX")
    msg = Message.create(
        mailbox=mb, folder=folder, remote_id="1", date=dt.datetime(2026, 1, 2), from_addr="a@b.cz"
    )
    caflou.state.forbid("companies", 3)
    with pytest.raises(PermissionDenied):
        service.file_message(msg.id, "company", 3)
    assert Filing.select().count() == 0
    service.file_message(msg.id, "company", 2)
    assert Filing.select().count() == 1
    # Creating from a message goes to Caflou, then into the cache.
    changes = service.create_object_from_message("company", msg.id, name="Nová")
    _kind, new_id = changes.created
    assert caflou.state.data[42]["companies"][new_id]["name"] == "Nová"
    assert Company.get_by_id(new_id).name == "Nová"
    # The user loses the right to company 2: after a pull its filing is no longer shown.
    assert {k for k, _i, _n in service.filings_for_messages([msg.id])[msg.id]} == {"company"}
    caflou.state.forbid("companies", 2)
    api.pull(account)
    assert [i for _k, i, _n in service.filings_for_messages([msg.id])[msg.id]] == [new_id]


def test_cli_login_pull_status(tmp_path: Path, caflou) -> None:
    seed(caflou)
    prof = tmp_path / "p"
    r = run_cli(
        prof,
        "crm",
        "login",
        "--url",
        caflou.url,
        "--email",
        "jana@firma.cz",
        "--password-stdin",
        stdin="spatne\n",
    )
    assert r.returncode == 1 and r.stderr.startswith("holub: ") and "Traceback" not in r.stderr
    r = run_cli(
        prof,
        "crm",
        "login",
        "--url",
        caflou.url,
        "--email",
        "jana@firma.cz",
        "--password-stdin",
        stdin="heslo\n",
    )
    assert r.returncode == 0, r.stderr
    assert "5 companies" in r.stdout
    r = run_cli(prof, "crm", "status", "--json")
    info = json.loads(r.stdout)
    assert info["crm"] == "caflou" and info["companies"] == 5 and info["account_id"] == 42
    r = run_cli(prof, "crm", "pull")
    assert r.returncode == 0 and "Pulled 5 companies" in r.stdout
    r = run_cli(
        prof,
        "crm",
        "login",
        "--url",
        "http://example.com",
        "--email",
        "a@b.cz",
        "--password-stdin",
        stdin="x\n",
    )
    assert r.returncode == 1 and "http://" in r.stderr
    assert run_cli(prof, "crm", "bogus").returncode == 2
    r = run_cli(prof, "crm", "logout")
    assert r.returncode == 0
    assert json.loads(run_cli(prof, "crm", "status", "--json").stdout)["crm"] == "local"
