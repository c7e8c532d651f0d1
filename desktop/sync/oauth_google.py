"""Signing in to Google: the installed-app flow, and the credentials a sync uses.

The sign-in is google-auth-oauthlib's ``InstalledAppFlow``: the system browser (Python's
``webbrowser``, so ``$BROWSER`` is honoured) asks the user, Google redirects to a
loopback address Holub listens on, and the code is exchanged with PKCE (S256). Only
the refresh token comes out of here; the caller keeps it in the keyring
(``secrets.MAILBOX_OAUTH``), and ``credentials`` reads it back for each sync. Client id
and endpoints are configuration (``providers.config``), never literals here.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import requests
from google.oauth2.credentials import Credentials

from desktop import secrets
from desktop.errors import AuthenticationError, HolubError, SignInRequired
from desktop.sync.cancel import on_cancel
from desktop.sync.providers import config

log = logging.getLogger(__name__)
# requests-oauthlib logs token requests and answers (the code verifier, the tokens
# themselves) at debug level; a verbose log must never hold them.
logging.getLogger("requests_oauthlib").setLevel(logging.INFO)

# Read and send only (R2): Holub never changes the mailbox. The OpenID scopes are written
# out in full: Google answers "email profile" with these URLs, and oauthlib treats a
# changed scope as an error.
SCOPES = [
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.send",
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/userinfo.profile",
]

# Answers of the authorization endpoint that mean "not allowed" rather than "broken":
# the user said no, or the Workspace admin has not trusted the app.
REFUSALS = {"access_denied", "admin_policy_enforced", "org_internal", "unauthorized_client"}


def workspace_help(client_id: str) -> str:
    """R5: how a Google Workspace admin lets Holub in, with the configured client id."""
    return (
        "If your organisation uses Google Workspace, its administrator can allow Holub: "
        "Admin console → Security → API controls → App access control → Manage "
        "third-party app access → Add app → OAuth App Name Or Client ID, search for "
        f"{client_id}, select it and choose Trusted. Then sign in again."
    )


@dataclass(frozen=True)
class GoogleSignIn:
    refresh_token: str
    credentials: Credentials
    name: str  # from the OpenID claims; "" when Google gave none


def client_config() -> dict:
    """The installed-app client configuration, as google-auth-oauthlib reads it."""
    return {
        "installed": {
            "client_id": config.required(config.GOOGLE_CLIENT_ID, "Google"),
            "client_secret": config.value(config.GOOGLE_CLIENT_SECRET_SETTING),
            "auth_uri": config.value(config.GOOGLE_AUTH_URI),
            "token_uri": config.value(config.GOOGLE_TOKEN_URI),
            "redirect_uris": ["http://localhost"],
        }
    }


def sign_in(
    *,
    login_hint: str | None = None,
    show: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> GoogleSignIn:
    """Run the browser sign-in; blocks until it is done, refused, or ``cancel`` is set.

    ``cancel`` as a ``CancelToken`` (desktop/sync/cancel.py) ends the wait at once: it
    wakes the loopback listener, which then closes its port. The GUI runs this in an
    executor thread of its asyncio loop and cancels the awaiting task.
    """
    from google_auth_oauthlib.flow import InstalledAppFlow

    settings = client_config()
    client_id = settings["installed"]["client_id"]
    forget: list[Callable[[], None]] = []

    class _Flow(InstalledAppFlow):
        def authorization_url(self, **kwargs):  # type: ignore[no-untyped-def]
            url, state = super().authorization_url(**kwargs)
            # The listener is bound by now (redirect_uri names its port): from here a
            # cancel wakes it with a request of its own, and run_local_server returns.
            redirect_uri = self.redirect_uri
            forget.append(on_cancel(cancel, lambda: _wake(redirect_uri)))
            # Tell the user where the browser should have gone, in case it did not open.
            if show is not None:
                show(f"Sign in with Google in your browser. If it did not open, visit: {url}")
            return url, state

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    if cancelled():
        raise HolubError("The sign-in with Google was cancelled.")
    flow = _Flow.from_client_config(settings, scopes=SCOPES)
    extra = {"access_type": "offline", "prompt": "consent"}
    if login_hint:
        extra["login_hint"] = login_hint
    try:
        credentials: Credentials = flow.run_local_server(
            host="127.0.0.1",
            port=0,  # any free port: Google accepts any loopback port for desktop apps
            open_browser=True,
            authorization_prompt_message=None,
            success_message="Holub is signed in. You can close this window.",
            **extra,
        )
    except Exception as exc:
        if cancelled():  # the wake-up request's answer, not the user's
            raise HolubError("The sign-in with Google was cancelled.") from None
        raise _sign_in_error(exc, client_id) from exc
    finally:
        for undo in forget:
            undo()
    if cancelled():
        raise HolubError("The sign-in with Google was cancelled.")
    if not credentials.refresh_token:
        raise HolubError(
            "Google did not give Holub a refresh token, so it could not sync later. "
            "Remove Holub's access in your Google account (Security → Third-party access) "
            "and sign in again."
        )
    token = flow.oauth2session.token or {}
    return GoogleSignIn(credentials.refresh_token, credentials, _name_from_id_token(token))


def _wake(redirect_uri: str | None) -> None:
    if not redirect_uri:
        return
    try:
        with requests.Session() as session:
            session.trust_env = False  # straight to the loopback listener, never a proxy
            session.get(f"{redirect_uri}?error=cancelled", timeout=2)
    except requests.RequestException:
        pass


def _sign_in_error(exc: BaseException, client_id: str) -> HolubError:
    """An exception from the flow → a plain message (the R5 help for refusals)."""
    from google.auth import exceptions as auth_errors
    from oauthlib.oauth2.rfc6749 import errors as oauth_errors

    if isinstance(exc, HolubError):
        return exc
    if isinstance(exc, oauth_errors.OAuth2Error):
        code = exc.error or ""
        if code in REFUSALS:
            return AuthenticationError(
                f"Google did not allow Holub to use this mailbox ({code}). If you chose "
                "Cancel, sign in again and allow access. " + workspace_help(client_id)
            )
        return AuthenticationError(
            f"The sign-in with Google failed: {code or type(exc).__name__}"
            + (f" ({exc.description})" if exc.description else "")
        )
    if isinstance(exc, requests.RequestException | auth_errors.TransportError | OSError):
        from desktop.errors import ConnectionFailed

        return ConnectionFailed(f"Holub could not reach Google to finish the sign-in: {exc}")
    log.debug("unexpected sign-in failure", exc_info=exc)
    return HolubError(f"The sign-in with Google failed: {type(exc).__name__}: {exc}")


def _name_from_id_token(token: dict) -> str:
    """The user's name from the ID token's claims.

    The ID token came straight from the token endpoint over verified TLS, which OpenID
    Connect Core 3.1.3.7 accepts in place of checking its signature; only the display
    name is taken from it (the address comes from Gmail's own profile call).
    """
    id_token = token.get("id_token")
    if not isinstance(id_token, str) or id_token.count(".") != 2:
        return ""
    payload = id_token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return ""
    name = claims.get("name") if isinstance(claims, dict) else None
    return name.strip() if isinstance(name, str) else ""


def credentials(mailbox_id: int) -> Credentials:
    """Credentials from the refresh token in the keyring; refreshed on first use."""
    refresh_token = secrets.get_secret(secrets.MAILBOX_OAUTH, mailbox_id)
    if not refresh_token:
        raise SignInRequired(
            "Holub has no Google sign-in for this mailbox; sign in again in its settings."
        )
    return Credentials(
        token=None,
        refresh_token=refresh_token,
        token_uri=config.value(config.GOOGLE_TOKEN_URI),
        client_id=config.required(config.GOOGLE_CLIENT_ID, "Google"),
        client_secret=config.value(config.GOOGLE_CLIENT_SECRET_SETTING),
        scopes=SCOPES,
    )
