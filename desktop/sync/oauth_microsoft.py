"""Microsoft sign-in through msal: the browser (loopback redirect) or a device code.

msal keeps its tokens in a ``SerializableTokenCache``; Holub keeps that cache, as
text, in the keyring only (``secrets.MAILBOX_OAUTH`` for the mailbox), never in the
profile. A ``MicrosoftSession`` loads it back for a sync or a send, asks msal for an
access token (msal refreshes it when needed) and writes the cache back to the
keyring whenever msal changed it. The client id and the authority are configuration
(``HOLUB_MS_CLIENT_ID``, ``HOLUB_MS_AUTHORITY``), never a registration baked in.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import msal
import requests
from msal.oauth2cli.authcode import AuthCodeReceiver

from desktop import secrets
from desktop.errors import AuthenticationError, ConnectionFailed, HolubError, SignInRequired
from desktop.sync.cancel import on_cancel
from desktop.sync.providers import config

log = logging.getLogger(__name__)

# Read mail, send mail, and read the profile for the address and name (msal adds
# openid, profile and offline_access itself). Holub never changes the mailbox (R2).
SCOPES = ["Mail.Read", "Mail.Send", "User.Read"]

# msal's own instance discovery asks login.microsoftonline.com about an authority;
# for any other authority (a test stand-in, a sovereign cloud set up by hand) it is
# turned off, so Holub calls nothing but the configured endpoints (DESIGN §3).
_MICROSOFT_HOST = "login.microsoftonline.com"
# How long the browser sign-in may take before msal gives up on the loopback wait.
INTERACTIVE_TIMEOUT = 600
HTTP_TIMEOUT = 30
# msal's http_cache, shared by every msal client of the process: the authority's
# discovery document is fetched once a day, not once per sync (a nothing-new sync
# then makes only its Graph requests).
_HTTP_CACHE: dict = {}

# Answers that mean an administrator has to allow the app first: AADSTS65001 (no
# consent), AADSTS90094 / AADSTS90008 (the grant requires admin permission).
_CONSENT_CODES = {65001, 90094, 90008}
_CONSENT_WORDS = ("consent_required", "admin_consent_required", "AADSTS65001", "AADSTS90094")
# Answers that mean the stored sign-in is no longer good: the user signs in again.
_SIGN_IN_AGAIN = {"invalid_grant", "interaction_required", "login_required", "bad_token"}


def admin_consent_help(client_id: str) -> str:
    """The R5 help text, with the configured client id filled in."""
    return (
        "Your Microsoft 365 organisation requires an administrator to approve Holub "
        "before you can sign in. Ask your administrator to open the Microsoft Entra "
        "admin center (Azure AD) → Enterprise applications → Admin consent requests, "
        f"and approve the application with the client id {client_id} for the "
        "permissions Mail.Read, Mail.Send and User.Read (or grant admin consent for "
        "it under Enterprise applications → the application → Permissions). Then sign "
        "in again."
    )


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _is_consent(result: dict[str, Any]) -> bool:
    codes = set(result.get("error_codes") or [])
    words = " ".join(str(result.get(k, "")) for k in ("error", "suberror", "error_description"))
    return bool(codes & _CONSENT_CODES) or any(w in words for w in _CONSENT_WORDS)


def raise_for_result(result: dict[str, Any] | None, client_id: str, *, stored: bool) -> str:
    """The access token of an msal result, or the HolubError it amounts to.

    ``stored``: the result comes from a stored sign-in (refresh), where a refusal
    means "sign in again" (``SignInRequired``), not a failed first sign-in.
    """
    if result and result.get("access_token"):
        return str(result["access_token"])
    if not result:
        raise SignInRequired("The Microsoft sign-in is no longer valid; sign in again.")
    if _is_consent(result):
        raise AuthenticationError(admin_consent_help(client_id))
    error = str(result.get("error", ""))
    words = _first_line(str(result.get("error_description", ""))) or error
    log.debug("msal answered %s: %s", error, result.get("error_description"))
    if stored and (error in _SIGN_IN_AGAIN or result.get("suberror") in _SIGN_IN_AGAIN):
        raise SignInRequired(
            f"The Microsoft sign-in has expired or was revoked ({words}); sign in again."
        )
    if error == "access_denied":
        raise AuthenticationError(f"The sign-in was refused or cancelled in the browser: {words}")
    raise AuthenticationError(f"Microsoft refused the sign-in: {words}")


def client_id() -> str:
    return config.required(config.MS_CLIENT_ID, "Microsoft")


def make_app(cache: msal.SerializableTokenCache) -> msal.PublicClientApplication:
    """msal's client for the configured app; talks to the authority at once (discovery)."""
    authority = config.value(config.MS_AUTHORITY)
    host = urlsplit(authority).hostname or ""
    try:
        return msal.PublicClientApplication(
            client_id(),
            authority=authority,
            token_cache=cache,
            instance_discovery=None if host == _MICROSOFT_HOST else False,
            timeout=HTTP_TIMEOUT,
            http_cache=_HTTP_CACHE,
        )
    except requests.RequestException as exc:
        raise ConnectionFailed(
            f"Holub could not reach the Microsoft sign-in service at {authority}: {exc}"
        ) from exc
    except ValueError as exc:  # msal: an authority it cannot use, a failed discovery
        raise HolubError(f"The Microsoft authority {authority} cannot be used: {exc}") from exc


class _Receiver(AuthCodeReceiver):
    """msal's loopback listener, made here so that a cancel can end its wait."""

    def wake(self) -> None:
        # msal's wait loop ends when its flag is up and a request has come in: raise
        # the flag, then knock (the answer is msal's "could not be completed" page).
        self._closing = True
        with contextlib.suppress(requests.RequestException), requests.Session() as session:
            session.trust_env = False  # straight to the loopback listener, never a proxy
            session.get(f"http://127.0.0.1:{self.get_port()}/", timeout=2)


def _msal_call(work: Callable[[], dict]) -> dict:
    """A blocking msal call, its failures in Holub's words."""
    try:
        return work()
    except HolubError:
        raise
    except requests.RequestException as exc:
        raise ConnectionFailed(
            f"Holub could not reach the Microsoft sign-in service: {exc}"
        ) from exc
    except Exception as exc:
        raise HolubError(f"The Microsoft sign-in failed: {type(exc).__name__}: {exc}") from exc


def sign_in(
    *,
    login_hint: str | None = None,
    device_code: bool = False,
    show: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> tuple[str, str]:
    """Sign in interactively; returns (an access token, msal's serialized cache).

    Blocks until done, refused or cancelled. With ``cancel`` a ``CancelToken``
    (desktop/sync/cancel.py), a cancel wakes the browser flow's loopback listener (its
    port is closed within a second); the device-code poll checks ``cancel`` every
    second (msal's own loop) either way. The GUI runs this in an executor thread of
    its asyncio loop and cancels the awaiting task.
    """

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    cache = msal.SerializableTokenCache()
    app = make_app(cache)
    cid = client_id()
    if device_code:
        flow = app.initiate_device_flow(scopes=SCOPES)
        if "user_code" not in flow:
            raise_for_result(flow, cid, stored=False)
        (show or print)(str(flow.get("message", "")))

        def stop(flow: dict) -> bool:
            return flow.get("expires_at", 0) < time.time() or cancelled()

        result = _msal_call(lambda: app.acquire_token_by_device_flow(flow, exit_condition=stop))
    else:
        if show is not None:
            show("Sign in with Microsoft in the browser window that has opened.")
        receiver = _Receiver(port=0)  # any free port: Entra ID accepts any for localhost
        forget = on_cancel(cancel, receiver.wake)
        try:
            result = _msal_call(
                lambda: app.acquire_token_interactive(
                    SCOPES,
                    login_hint=login_hint,
                    prompt=None if login_hint else "select_account",
                    timeout=INTERACTIVE_TIMEOUT,
                    port=receiver.get_port(),
                    # passed through to msal's oauth2cli: our listener, so Cancel can end it
                    auth_code_receiver=receiver,
                )
            )
        except HolubError:
            if cancelled():
                raise HolubError("The sign-in was cancelled.") from None
            raise
        finally:
            forget()
            receiver.close()
    if cancelled():
        raise HolubError("The sign-in was cancelled.")
    token = raise_for_result(result, cid, stored=False)
    return token, cache.serialize()


class MicrosoftSession:
    """Access tokens for one signed-in mailbox, from its token cache in the keyring."""

    def __init__(self, mailbox_id: int, mailbox_name: str = "") -> None:
        self.mailbox_id = mailbox_id
        text = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox_id)
        if not text:
            raise SignInRequired(
                f"The mailbox {mailbox_name or mailbox_id} is not signed in to Microsoft; "
                "sign in again."
            )
        self.cache = msal.SerializableTokenCache()
        self.cache.deserialize(text)
        self._app: msal.PublicClientApplication | None = None
        self._lock = threading.Lock()
        self._current: str | None = None

    def _account(self) -> tuple[msal.PublicClientApplication, dict]:
        if self._app is None:
            self._app = make_app(self.cache)
        accounts = self._app.get_accounts()
        if not accounts:
            raise SignInRequired("The stored Microsoft sign-in has no account; sign in again.")
        return self._app, accounts[0]

    def token(self) -> str:
        """A valid access token (msal refreshes it through the refresh token if due)."""
        with self._lock:
            if self._current is None:
                self._current = self._acquire(force_refresh=False)
            return self._current

    def refresh(self, stale: str) -> str:
        """A new access token after Graph refused ``stale`` (401); one refresh only,
        however many requests saw the 401 at the same time."""
        with self._lock:
            if self._current is not None and self._current != stale:
                return self._current
            self._current = self._acquire(force_refresh=True)
            return self._current

    def _acquire(self, *, force_refresh: bool) -> str:
        app, account = self._account()
        try:
            result = app.acquire_token_silent_with_error(
                SCOPES, account=account, force_refresh=force_refresh
            )
        except requests.RequestException as exc:
            raise ConnectionFailed(
                f"Holub could not reach the Microsoft sign-in service: {exc}"
            ) from exc
        finally:
            self.save()
        return raise_for_result(result, client_id(), stored=True)

    def save(self) -> None:
        """Write msal's cache back to the keyring when msal changed it."""
        if self.cache.has_state_changed:
            secrets.set_secret(secrets.MAILBOX_OAUTH, self.mailbox_id, self.cache.serialize())
            self.cache.has_state_changed = False
