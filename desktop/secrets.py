"""Passwords and tokens, kept in the system keyring and nowhere else.

On a machine with no keyring service (a headless server, CI) Holub falls back to
keyrings.alt's file keyring in the user's data directory, and says so in the log.
"""

from __future__ import annotations

import logging
from typing import Final

import keyring
import keyring.backend
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "holub"
_backend_checked = False


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    try:
        return backend.priority > 0  # type: ignore[operator]
    except Exception:
        return False


def _ensure_backend() -> None:
    global _backend_checked
    if _backend_checked:
        return
    _backend_checked = True
    current = keyring.get_keyring()
    if _usable(current):
        return
    from keyrings.alt.file import PlaintextKeyring

    log.warning("No system keyring service found; using the file keyring in the data directory")
    keyring.set_keyring(PlaintextKeyring())


class SecretStoreError(RuntimeError):
    pass


def _key(kind: str, owner_id: int | str) -> str:
    return f"{kind}:{owner_id}"


def set_secret(kind: str, owner_id: int | str, value: str) -> None:
    _ensure_backend()
    try:
        keyring.set_password(SERVICE, _key(kind, owner_id), value)
    except KeyringError as exc:
        raise SecretStoreError(f"The system keyring refused to store the secret: {exc}") from exc


def get_secret(kind: str, owner_id: int | str) -> str | None:
    _ensure_backend()
    try:
        return keyring.get_password(SERVICE, _key(kind, owner_id))
    except KeyringError as exc:
        raise SecretStoreError(f"The system keyring could not be read: {exc}") from exc


def delete_secret(kind: str, owner_id: int | str) -> None:
    _ensure_backend()
    try:
        keyring.delete_password(SERVICE, _key(kind, owner_id))
    except PasswordDeleteError:
        pass


# Secret kinds, so callers do not spell them differently.
MAILBOX_PASSWORD: Final = "mailbox-password"
# An OAuth mailbox's refresh token or serialized msal token cache (Gmail, Graph).
MAILBOX_OAUTH: Final = "mailbox-oauth"
CRM_TOKEN: Final = "crm-token"
CRM_PASSWORD: Final = "crm-password"
