"""Caflou API v1 client (R10) and the pull of its data into the local CRM cache.

Shapes follow /work/shared/reference (caflou-api-v1-subset.json and its README):
``POST /api/v1/login`` with HTTP Basic e-mail:password (``?otp=`` for two-factor)
returns ``{"access_token": ...}``; every other call sends ``Authorization: Bearer``;
``GET /api/v1/accounts`` lists accounts; lists are wrapped as
``{"results": [...], "total_results": N, "total_pages": P}`` with ``page`` from 1 and
``per`` up to 1000.

Errors: 401 → log in again once with the stored password (keyring), then a clear
"sign in again"; 403 → PermissionDenied; 429 and 5xx → back off (``Retry-After`` when
given) and retry a bounded number of times. Tokens and passwords live in the keyring
only (desktop.secrets CRM_TOKEN / CRM_PASSWORD, keyed by the CrmAccount row id).
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from desktop import logredact, secrets
from desktop.crm import task_fields
from desktop.errors import (
    AuthenticationError,
    ConnectionFailed,
    HolubError,
    InvalidInput,
    PermissionDenied,
    ServerError,
)

log = logging.getLogger(__name__)
# urllib3's -v lines carry the login URL with ?otp=: filter them (desktop/logredact.py).
logredact.install()

DEFAULT_URL = "https://app.caflou.com"
MAX_PER = 1000
RETRIES = 4
MAX_WAIT = 30.0  # never sleep longer than this on one Retry-After
# Bounds against a hostile or broken server (issue 11 item 8): one answer's body, the
# time to read it, the pages and records of one list, same-server redirects.
MAX_BODY = 32 * 1024 * 1024
MAX_READ_SECONDS = 120.0
MAX_PAGES = 2000
MAX_RECORDS = 500_000
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)

# R14: the one table of Caflou plans Holub knows, by name as Caflou shows it (Czech and
# English; matching ignores case and diacritics) → whether the plan includes e-mail
# (mailboxes in Caflou, and so publishing and sharing). The reference gives the Plan
# schema (name_cs/name_en) but not the list of plans: the names below Delfín are an
# assumption to check against the live service. A plan in none of the rows is let
# through (see plan_allows_mail). README "Caflou plans" documents this table.
PLANS: dict[str, bool] = {
    # the plans with e-mail, from the lowest
    "Delfín": True,
    "Dolphin": True,
    "Žralok": True,
    "Shark": True,
    "Velryba": True,
    "Whale": True,
    "Enterprise": True,
    # the plans below Delfín: no e-mail
    "Zdarma": False,
    "Free": False,
    "Trial": False,
    "Mravenec": False,
    "Ant": False,
    "Včela": False,
    "Bee": False,
    "Ježek": False,
    "Hedgehog": False,
    "Start": False,
    "Starter": False,
    "Basic": False,
    "Zajíc": False,
    "Rabbit": False,
    "Liška": False,
    "Fox": False,
}
# What the user is told to upgrade to (the lowest plans with e-mail, in Czech as sold).
REQUIRED_PLANS = ("Delfín", "Žralok")

_PATHS = {"company": "companies", "contact": "contacts", "project": "projects", "task": "tasks"}
_WHAT = {
    "company": "this company",
    "contact": "this contact",
    "project": "this project",
    "task": "this task",
    "companies": "companies",
    "contacts": "contacts",
    "projects": "projects",
    "tasks": "tasks",
    "users": "users",
}


def check_base_url(url: str) -> str:
    """https anywhere; plain http only to a loopback address (development, tests)."""
    url = (url or DEFAULT_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"{url!r} is not a CRM address (expected https://…).")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidInput(
            f"Refusing plain http:// for {parts.hostname}: the password and token would "
            "travel unencrypted. Use https://."
        )
    return url


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()


def plan_name(account: dict[str, Any]) -> str:
    plan = account.get("plan")
    if isinstance(plan, dict):
        name = plan.get("name")
        if isinstance(name, dict):  # {"cs": ..., "en": ...}
            name = name.get("cs") or name.get("en") or next(iter(name.values()), "")
        return str(name or plan.get("name_cs") or plan.get("name_en") or "")
    return str(plan or account.get("plan_name") or "")


def plan_allows_mail(account: dict[str, Any]) -> bool:
    """False only for a plan known to be below Delfín; an unknown name is let through
    (refusing a paying customer on a guess is worse than a CRM error later)."""
    plan = account.get("plan")
    names = {_fold(plan_name(account))}
    if isinstance(plan, dict):
        names |= {_fold(str(plan.get(k) or "")) for k in ("name_cs", "name_en")}
    names.discard("")
    if names & {_fold(n) for n, mail in PLANS.items() if mail}:
        return True
    return not (names & {_fold(n) for n, mail in PLANS.items() if not mail})


def plan_message(account: dict[str, Any]) -> str:
    return (
        f"The Caflou account “{account.get('name', account.get('id'))}” is on the "
        f"“{plan_name(account)}” plan; e-mail in Caflou needs the "
        f"{' or '.join(REQUIRED_PLANS)} plan or higher. Upgrade the plan, or use Holub "
        "with its local CRM."
    )


class AccountChoiceNeeded(InvalidInput):
    """The user may use several accounts: ask which (``accounts``), then call ``login``
    again with ``account_id`` and ``client`` (already signed in: no second OTP)."""

    def __init__(self, message: str, accounts: list[dict[str, Any]], client: Any) -> None:
        super().__init__(message)
        self.accounts = accounts
        self.client = client


class CaflouClient:
    """One signed-in user of one Caflou instance."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        token: str | None = None,
        email: str | None = None,
        password: str | None = None,
        account_id: int | None = None,
        on_token: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.token = token
        self.email = email
        self.password = password
        self.account_id = account_id
        self.on_token = on_token
        self.sleep = sleep
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        self.session.headers["User-Agent"] = "Holub"

    # -------------------------------------------------------------- transport

    def _send(self, method: str, path: str, **kw: Any) -> requests.Response:
        url = self.base_url + path
        for attempt in range(RETRIES + 1):
            try:
                resp = self._fetch(method, url, **kw)
            except requests.exceptions.SSLError as exc:
                raise ConnectionFailed(
                    f"The CRM at {urlsplit(url).hostname} has an untrusted certificate."
                ) from exc
            except requests.exceptions.RequestException as exc:
                # A refused or unknown host rarely heals in seconds: retry only twice.
                if attempt < min(2, RETRIES):
                    self.sleep(min(MAX_WAIT, 0.5 * 2**attempt))
                    continue
                raise ConnectionFailed(
                    f"Cannot reach the CRM at {urlsplit(url).hostname}: {type(exc).__name__}"
                ) from exc
            if resp.status_code == 429 or resp.status_code >= 500:
                if attempt < RETRIES:
                    self.sleep(self._wait(resp, attempt))
                    continue
                if resp.status_code == 429:
                    raise ServerError("The CRM is rate-limiting Holub; try again in a while.")
                raise ServerError(f"The CRM answered with an error ({resp.status_code}).")
            return resp
        raise AssertionError("unreachable")

    def _fetch(self, method: str, url: str, **kw: Any) -> requests.Response:
        """One request: redirects followed only within the CRM's own server, the body
        read with a byte and time limit."""
        for _hop in range(MAX_REDIRECTS + 1):
            resp = self.session.request(
                method, url, timeout=self.timeout, allow_redirects=False, stream=True, **kw
            )
            if resp.status_code not in _REDIRECTS or "Location" not in resp.headers:
                _read_body(resp)
                return resp
            resp.close()
            target = urljoin(url, resp.headers["Location"])
            if _origin(target) != _origin(self.base_url):
                raise ServerError(
                    f"The CRM sent Holub to another server ({urlsplit(target).netloc}); "
                    "Holub does not follow it."
                )
            url = target
            kw.pop("params", None)  # the new address carries its own query
            if resp.status_code == 303:
                method = "GET"
                kw.pop("json", None)
        raise ServerError("The CRM redirected Holub too many times.")

    @staticmethod
    def _wait(resp: requests.Response, attempt: int) -> float:
        value = resp.headers.get("Retry-After", "")
        try:
            return max(0.0, min(MAX_WAIT, float(value)))
        except ValueError:
            return min(MAX_WAIT, 0.5 * 2**attempt)

    def login(
        self, email: str | None = None, password: str | None = None, otp: str | None = None
    ) -> str:
        """POST /api/v1/login with Basic auth; keeps and returns the bearer token."""
        email = email or self.email
        password = password if password is not None else self.password
        if not email or password is None:
            raise AuthenticationError("Sign in to the CRM first: `holub crm login`.")
        params = {"otp": otp} if otp else None
        resp = self._send("POST", "/api/v1/login", auth=(email, password), params=params)
        if resp.status_code in (401, 403):
            raise AuthenticationError(
                "The CRM refused the e-mail and password"
                + (" or the two-factor code." if otp else " (two-factor accounts need --otp).")
            )
        data = self._json(resp, "sign in")
        token = data.get("access_token") or data.get("token") if isinstance(data, dict) else None
        if not token:
            raise ServerError("The CRM did not return an access token.")
        if not isinstance(token, str) or len(token) > 8192:
            raise _shape_error("sign in")
        self.email, self.password, self.token = email, password, str(token)
        if self.on_token:
            self.on_token(self.token)
        return self.token

    def request(self, method: str, path: str, *, what: str = "", **kw: Any) -> Any:
        """A bearer-authorised call; 401 → one silent re-login with the stored password."""
        for attempt in range(2):
            if not self.token:
                self.login()
            headers = {"Authorization": f"Bearer {self.token}"}
            resp = self._send(method, path, headers=headers, **kw)
            if resp.status_code == 401:
                self.token = None
                if attempt == 0 and self.password is not None:
                    continue
                raise AuthenticationError(
                    "The CRM no longer accepts Holub's sign-in; run `holub crm login` again."
                )
            if resp.status_code == 403:
                raise PermissionDenied(f"You have no right to {what or 'do that'} in the CRM.")
            if resp.status_code == 404:
                raise InvalidInput(
                    f"The CRM could not find what Holub asked for ({path}); it may have been "
                    "deleted: run `crm pull`."
                )
            if resp.status_code >= 400:
                raise ServerError(
                    f"The CRM refused to {what or 'do that'} ({resp.status_code}): "
                    f"{resp.text[:200].strip()}"
                )
            if resp.status_code == 204 or not resp.content:
                return None
            return self._json(resp, what)
        raise AssertionError("unreachable")

    @staticmethod
    def _json(resp: requests.Response, what: str) -> Any:
        try:
            return resp.json()
        except (ValueError, RecursionError) as exc:
            raise ServerError(f"The CRM sent something that is not JSON ({what}).") from exc

    # ------------------------------------------------------------------ calls

    def accounts(self) -> list[dict[str, Any]]:
        what = "list your accounts"
        data = self.request("GET", "/api/v1/accounts", what=what)
        if isinstance(data, dict):
            data = data.get("results", [])
        if data is None:
            return []
        if not isinstance(data, list) or len(data) > MAX_RECORDS:
            raise _shape_error(what)
        for account in data:
            if not isinstance(account, dict) or _int(account.get("id")) is None:
                raise _shape_error(what)
        return data

    def _account_path(self, rest: str) -> str:
        if self.account_id is None:
            raise InvalidInput("Choose a CRM account first (`crm login --account ID`).")
        return f"/api/v1/{self.account_id}/{rest}"

    def pages(
        self,
        rest: str,
        *,
        per: int = MAX_PER,
        what: str = "",
        params: dict[str, Any] | None = None,
    ) -> Iterator[dict]:
        """Every record of a paged list, page by page (page from 1, per ≤ 1000);
        ``params`` are sent with every page (filters)."""
        per = max(1, min(MAX_PER, per))
        what = what if what else f"read {_WHAT.get(rest, rest)}"
        page, count = 1, 0
        while True:
            data = self.request(
                "GET",
                self._account_path(rest),
                params={**(params or {}), "page": page, "per": per},
                what=what,
            )
            if data is None:
                return
            if isinstance(data, list):  # an unwrapped list: one page only
                results, total_pages = data, 1
            elif isinstance(data, dict):
                results = data.get("results")
                results = [] if results is None else results
                total_pages = _count(data.get("total_pages"), what)
            else:
                raise _shape_error(what)
            if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
                raise _shape_error(what)
            if total_pages > MAX_PAGES:
                raise ServerError(
                    f"The CRM says there are {total_pages} pages to {what}; Holub reads at "
                    f"most {MAX_PAGES}."
                )
            count += len(results)
            if count > MAX_RECORDS:
                raise ServerError(
                    f"The CRM sent more than {MAX_RECORDS} records to {what}; Holub stops there."
                )
            yield from results
            if page >= total_pages or not results:
                return
            page += 1

    def companies(self) -> Iterator[dict]:
        return self.pages("companies")

    def contacts(self, company_id: int | None = None) -> Iterator[dict]:
        if company_id is not None:
            return self.pages(f"companies/{company_id}/contacts", what="read contacts")
        return self.pages("contacts")

    def projects(self) -> Iterator[dict]:
        return self.pages("projects")

    def tasks(self) -> Iterator[dict]:
        return self.pages("tasks")

    def users(self) -> Iterator[dict]:
        return self.pages("users")

    def get_object(self, kind: str, object_id: int) -> dict:
        what = f"see {_WHAT[kind]}"
        data = self.request("GET", self._account_path(f"{_PATHS[kind]}/{object_id}"), what=what)
        if not isinstance(data, dict):
            raise _shape_error(what)
        return data

    def create(self, kind: str, fields: dict[str, Any]) -> dict:
        if kind == "contact" and fields.get("company_id"):
            path = f"companies/{fields['company_id']}/contacts"
        else:
            path = _PATHS[kind]
        body = {k: v for k, v in fields.items() if v not in (None, "")}
        return self.request(
            "POST", self._account_path(path), json=body, what=f"create {_WHAT[_PATHS[kind]]}"
        )


# ------------------------------------------------------------ the CrmAccount glue


def client_for(account: Any) -> CaflouClient:
    """A client for a stored CrmAccount, with its token and password from the keyring."""
    from desktop.models.crm import CrmAccount

    def store_token(token: str) -> None:
        secrets.set_secret(secrets.CRM_TOKEN, account.id, token)

    assert isinstance(account, CrmAccount)
    return CaflouClient(
        account.base_url,
        token=secrets.get_secret(secrets.CRM_TOKEN, account.id),
        email=account.email,
        password=secrets.get_secret(secrets.CRM_PASSWORD, account.id),
        account_id=account.account_id,
        on_token=store_token,
    )


def login(
    base_url: str,
    email: str,
    password: str,
    *,
    otp: str | None = None,
    account_id: int | None = None,
    client: CaflouClient | None = None,
) -> tuple[Any, list[dict[str, Any]]]:
    """Sign in, choose the account (the only one, or ``account_id``) and remember it.

    Returns (CrmAccount, accounts). Raises InvalidInput listing the accounts when a
    choice is needed, and HolubError with the plan message when the plan is too low.
    """
    from desktop.models.crm import CrmAccount
    from desktop.models.db import database

    secrets.ensure_storable()  # no keyring to keep the sign-in: say so before signing in
    if client is None or not client.token:
        client = CaflouClient(base_url)
        client.login(email, password, otp)
    accounts = client.accounts()
    if not accounts:
        raise HolubError("This CRM user has no account Holub could use.")
    if account_id is None:
        if len(accounts) > 1:
            listing = ", ".join(f"{a.get('id')} ({a.get('name', '')})" for a in accounts)
            raise AccountChoiceNeeded(
                f"Choose an account with --account ID: {listing}", accounts, client
            )
        chosen = accounts[0]
    else:
        matches = [a for a in accounts if str(a.get("id")) == str(account_id)]
        if not matches:
            raise InvalidInput(f"This user has no CRM account {account_id}.")
        chosen = matches[0]
    if not plan_allows_mail(chosen):
        raise HolubError(plan_message(chosen))
    with database.atomic():
        # One CRM connection per profile: replace an earlier one.
        for old in CrmAccount.select():
            secrets.delete_secret(secrets.CRM_TOKEN, old.id)
            secrets.delete_secret(secrets.CRM_PASSWORD, old.id)
            old.delete_instance()
        account = CrmAccount.create(
            base_url=client.base_url,
            email=email,
            account_id=int(chosen["id"]),
            account_name=str(chosen.get("name") or ""),
            plan=plan_name(chosen),
        )
    try:
        secrets.set_secret(secrets.CRM_TOKEN, account.id, client.token or "")
        secrets.set_secret(secrets.CRM_PASSWORD, account.id, password)
    except secrets.SecretStoreError as exc:
        account.delete_instance()  # no half-connected account without its secrets
        raise HolubError(str(exc)) from exc
    return account, accounts


def logout() -> None:
    from desktop.models.crm import CrmAccount

    for old in CrmAccount.select():
        secrets.delete_secret(secrets.CRM_TOKEN, old.id)
        secrets.delete_secret(secrets.CRM_PASSWORD, old.id)
        old.delete_instance()


def _int(value: Any) -> int | None:
    """An id as SQLite can keep it (64-bit), or None."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is None or -(2**63) <= number < 2**63 else None


def _count(value: Any, what: str) -> int:
    """A page count from the server: a whole, non-negative JSON number (or absent)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _shape_error(what)
    if isinstance(value, float) and not (value.is_integer() and value >= 0):
        raise _shape_error(what)
    return int(value) if value < 2**63 else 2**63


def _shape_error(what: str) -> ServerError:
    return ServerError(f"The CRM sent an answer Holub does not understand ({what}).")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _read_body(resp: requests.Response) -> None:
    """Read a streamed body into ``resp`` (so .json() works), at most MAX_BODY bytes
    (after decompression) and within MAX_READ_SECONDS."""
    limit_mb = MAX_BODY // (1024 * 1024)
    too_big = ServerError(f"The CRM sent an answer larger than {limit_mb} MB; Holub stops there.")
    try:
        declared = int(resp.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        resp.close()
        raise too_big
    deadline = time.monotonic() + MAX_READ_SECONDS
    chunks, size = [], 0
    try:
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_BODY:
                raise too_big
            if time.monotonic() > deadline:
                raise ServerError("The CRM is sending its answer too slowly; Holub stops there.")
            chunks.append(chunk)
    except requests.exceptions.RequestException as exc:
        raise ConnectionFailed(f"The CRM's answer broke off: {type(exc).__name__}") from exc
    finally:
        resp.close()
    resp._content = b"".join(chunks)  # what requests itself keeps after reading
    resp._content_consumed = True


_TEXT_FIELDS = ("name", "email")
_ID_FIELDS = ("company_id", "project_id")


def _record_ok(record: dict) -> bool:
    """An id SQLite can keep, text fields that are text, links that are ids or empty."""
    if _int(record.get("id")) is None:
        return False
    if any(not isinstance(record.get(k), str | int | float | None) for k in _TEXT_FIELDS):
        return False
    return all(record.get(k) in (None, "") or _int(record.get(k)) is not None for k in _ID_FIELDS)


def _task_ok(record: dict) -> bool:
    """Due date, state and assignee in the documented shapes (desktop/crm/task_fields.py)."""
    try:
        task_fields.read(record)
    except task_fields.BadTaskField:
        return False
    return True


def _live(record: dict) -> bool:
    return not record.get("trash")


def pull(
    account: Any,
    client: CaflouClient | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Read companies, contacts, projects, tasks and users and replace the cache with
    what the CRM returned (so only objects the user may see are offered)."""
    from desktop.crm import cache
    from desktop.models.base import utcnow
    from desktop.models.crm import Company, Contact, CrmUser, Project, Task
    from desktop.models.db import database

    client = client or client_for(account)
    # R14: the plan is read again at every pull (it may have been changed in Caflou).
    current = next(
        (a for a in client.accounts() if str(a.get("id")) == str(account.account_id)), None
    )
    fetched: dict[str, list[dict]] = {}
    for name, reader in (
        ("companies", client.companies),
        ("contacts", client.contacts),
        ("projects", client.projects),
        ("tasks", client.tasks),
        ("users", client.users),
    ):
        fetched[name] = [r for r in reader() if _live(r)]
        if not all(_record_ok(r) for r in fetched[name]):
            raise _shape_error(f"read {name}")
        if name == "tasks" and not all(_task_ok(r) for r in fetched[name]):
            raise _shape_error("read tasks")
        if progress:
            progress(name, len(fetched[name]))
    companies = {}
    for r in fetched["companies"]:
        if (cid := _int(r.get("id"))) is not None:
            companies[cid] = {
                "id": cid,
                "name": str(r.get("name") or ""),
                "email": str(r.get("email") or ""),
                "data": r,
            }
    contacts = {}
    for r in fetched["contacts"]:
        if (oid := _int(r.get("id"))) is not None:
            cid = _int(r.get("company_id"))
            contacts[oid] = {
                "id": oid,
                "company": cid if cid in companies else None,
                "name": str(r.get("name") or ""),
                "email": str(r.get("email") or ""),
                "data": r,
            }
    projects = {}
    for r in fetched["projects"]:
        if (oid := _int(r.get("id"))) is not None:
            cid = _int(r.get("company_id"))
            projects[oid] = {
                "id": oid,
                "name": str(r.get("name") or ""),
                "company": cid if cid in companies else None,
                "data": r,
            }
    tasks = {}
    for r in fetched["tasks"]:
        if (oid := _int(r.get("id"))) is not None:
            cid, pid = _int(r.get("company_id")), _int(r.get("project_id"))
            tasks[oid] = {
                "id": oid,
                "name": str(r.get("name") or ""),
                "project": pid if pid in projects else None,
                "company": cid if cid in companies else None,
                **task_fields.read(r).row(),
                "data": r,
            }
    users = {}
    for r in fetched["users"]:
        if (oid := _int(r.get("id"))) is not None:
            users[oid] = {
                "id": oid,
                "name": str(r.get("name") or ""),
                "email": str(r.get("email") or ""),
                "data": r,
            }
    with database.atomic():
        for model in (Task, Project, Contact, Company, CrmUser):
            model.delete().execute()
        for model, rows in (
            (Company, companies),
            (Contact, contacts),
            (Project, projects),
            (Task, tasks),
            (CrmUser, users),
        ):
            cache.bulk_insert(model, list(rows.values()))
        account.last_pull_at = utcnow()
        if current is not None:
            account.plan = plan_name(current)
            account.account_name = str(current.get("name") or account.account_name)
        account.save()
        cache.bump_version()
    return {
        k: len(v)
        for k, v in (
            ("companies", companies),
            ("contacts", contacts),
            ("projects", projects),
            ("tasks", tasks),
            ("users", users),
        )
    }


def create_object(account: Any, kind: str, values: dict[str, Any]) -> int:
    """Create the object in Caflou, then put what it returned into the cache."""
    from desktop.crm import cache
    from desktop.models.crm import Company, Contact, Project, Task
    from desktop.models.db import database

    fields = {"name": values.get("name")}
    if kind in ("company", "contact"):
        fields["email"] = values.get("email")
    if kind in ("contact", "project", "task"):
        fields["company_id"] = values.get("company_id")
    if kind == "task":
        fields["project_id"] = values.get("project_id")
    record = client_for(account).create(kind, fields)
    if isinstance(record, dict) and isinstance(record.get("results"), dict):
        record = record["results"]
    if record is not None and not (isinstance(record, dict) and _record_ok(record)):
        raise _shape_error(f"create {_WHAT[kind]}")
    if kind == "task" and record is not None and not _task_ok(record):
        raise _shape_error(f"create {_WHAT[kind]}")
    new_id = _int((record or {}).get("id"))
    if new_id is None:
        raise ServerError("The CRM created the object but did not say its id.")
    r = record
    with database.atomic():
        if kind == "company":
            Company.insert(
                id=new_id,
                name=str(r.get("name") or fields["name"]),
                email=str(r.get("email") or ""),
                data=r,
            ).execute()
        elif kind == "contact":
            Contact.insert(
                id=new_id,
                name=str(r.get("name") or fields["name"]),
                email=str(r.get("email") or ""),
                company=_int(r.get("company_id", fields.get("company_id"))),
                data=r,
            ).execute()
        elif kind == "project":
            Project.insert(
                id=new_id,
                name=str(r.get("name") or fields["name"]),
                company=_int(r.get("company_id", fields.get("company_id"))),
                data=r,
            ).execute()
        else:
            Task.insert(
                id=new_id,
                name=str(r.get("name") or fields["name"]),
                company=_int(r.get("company_id", fields.get("company_id"))),
                project=_int(r.get("project_id", fields.get("project_id"))),
                **task_fields.read(r).row(),
                data=r,
            ).execute()
        cache.bump_version()
    return new_id
