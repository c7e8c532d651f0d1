"""Passwords and tokens, kept in a secure keyring and nowhere else.

Keys. Every secret is keyed by the profile's own random id (created with the profile,
Setting ``profile.id``) plus its kind and owner (mailbox or CRM account id), so two
profiles whose first mailbox both have id 1 never share an entry. The stored value also
records which host and login the secret was saved for; a read for an owner whose host or
login has changed since gets nothing, so a password is never sent to another server.

Backends. Holub uses a secure keyring (Secret Service, KWallet, macOS Keychain, Windows
Credential Locker). keyring would pick keyrings.alt's plain-text file by itself when none
exists; Holub refuses that unless the user chose it: HOLUB_ALLOW_PLAINTEXT_KEYRING=1, the
profile setting ``secrets.allow_plaintext`` (Settings dialog), or naming a backend through
keyring's own PYTHON_KEYRING_BACKEND / keyringrc.cfg. Otherwise no secret is stored and
the caller gets NoSecureKeyring with a sentence saying what to do.

The public API (set_secret/get_secret/delete_secret) is unchanged: the profile id and the
host/login are looked up in the open store.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import keyring
import keyring.backend
import keyring.core
from keyring.errors import KeyringError, PasswordDeleteError

from desktop import logredact
from desktop.errors import HolubError

log = logging.getLogger(__name__)
# Whatever handles secrets also keeps them out of other libraries' debug lines.
logredact.install()

SERVICE = "holub"
ALLOW_PLAINTEXT_ENV: Final = "HOLUB_ALLOW_PLAINTEXT_KEYRING"
# Setting keys in the profile's store.
ALLOW_PLAINTEXT_SETTING: Final = "secrets.allow_plaintext"
PROFILE_ID_SETTING: Final = "profile.id"
# Written by the v3 migration: the owners whose secrets still sit under the old shared
# ``kind:id`` keys, moved to this profile's keys on first use (see _move_legacy).
LEGACY_SETTING: Final = "secrets.legacy_owners"

# Secret kinds, so callers do not spell them differently.
MAILBOX_PASSWORD: Final = "mailbox-password"
# An OAuth mailbox's refresh token or serialized msal token cache (Gmail, Graph).
MAILBOX_OAUTH: Final = "mailbox-oauth"
CRM_TOKEN: Final = "crm-token"
CRM_PASSWORD: Final = "crm-password"
_MAILBOX_KINDS = (MAILBOX_PASSWORD, MAILBOX_OAUTH)
_CRM_KINDS = (CRM_TOKEN, CRM_PASSWORD)

NO_SECURE_KEYRING_MESSAGE = (
    "No secure keyring (Secret Service, KWallet, macOS Keychain or Windows Credential "
    "Locker) is available, so Holub stores no password. To keep secrets in a plain-text "
    "file instead, set HOLUB_ALLOW_PLAINTEXT_KEYRING=1 or tick "
    '"Allow a plain-text keyring" in Settings.'
)


class SecretStoreError(HolubError, RuntimeError):
    pass


class NoSecureKeyring(SecretStoreError):
    """No secure backend and no explicit choice of the plain-text one."""

    def __init__(self) -> None:
        super().__init__(NO_SECURE_KEYRING_MESSAGE)


# ------------------------------------------------------------------ backend choice


@dataclass(frozen=True)
class Backend:
    keyring: keyring.backend.KeyringBackend | None  # None: nothing may be stored
    description: str
    secure: bool
    name: str = ""  # the backend's own name (and file), for the window to phrase
    # How it was chosen: "named" (keyring configuration), "found" (a secure one),
    # "allowed" (plain text, by the user's opt-in) or "none".
    how: str = "none"


@cache
def _detected() -> tuple[keyring.backend.KeyringBackend, bool]:
    """keyring's own choice, and whether the user named it (env or keyringrc.cfg)."""
    explicit = bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
    if not explicit:
        try:
            explicit = keyring.core.load_config() is not None
        except Exception:  # a broken config file is not a choice
            explicit = False
    return keyring.get_keyring(), explicit


def _writes_to(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
    """The backend that actually receives set_password (the chainer's first)."""
    inner = getattr(backend, "backends", None)
    return inner[0] if inner else backend


def _is_secure(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module in (
        "keyring.backends.fail",
        "keyring.backends.null",
        "keyring.backends.chainer",
    ):
        return False
    try:
        return backend.priority > 0  # type: ignore[operator]
    except Exception:
        return False


def _describe(backend: keyring.backend.KeyringBackend) -> str:
    name = getattr(backend, "name", "") or type(backend).__name__
    path = getattr(backend, "file_path", None)
    return f"{name} ({path})" if path else str(name)


def _setting(key: str) -> Any:
    try:
        from desktop.models.db import database
        from desktop.models.mail import Setting

        if database.database is None:
            return None
        row = Setting.get_or_none(Setting.key == key)
    except Exception:  # no store open, or a store older than the setting table
        return None
    return None if row is None else row.value


def plaintext_allowed() -> bool:
    """The user chose a plain-text keyring (environment or the profile's setting)."""
    return os.environ.get(ALLOW_PLAINTEXT_ENV) == "1" or bool(_setting(ALLOW_PLAINTEXT_SETTING))


def set_plaintext_allowed(allowed: bool) -> None:
    """Remember the Settings dialog's choice in the open profile."""
    from desktop.models.mail import Setting

    Setting.insert(key=ALLOW_PLAINTEXT_SETTING, value=bool(allowed)).on_conflict_replace().execute()


def current_backend() -> Backend:
    """Where secrets go now, with a description for `account list` and the window."""
    detected, explicit = _detected()
    target = _writes_to(detected)
    if explicit:
        name = _describe(target)
        return Backend(
            detected,
            f"{name}, named by the keyring configuration",
            _is_secure(target),
            name,
            "named",
        )
    if _is_secure(target):
        # The secure backend itself, not a chain that would also read a plain-text file.
        name = _describe(target)
        return Backend(target, name, True, name, "found")
    if plaintext_allowed():
        from keyrings.alt.file import PlaintextKeyring

        plain = PlaintextKeyring()
        name = _describe(plain)
        return Backend(
            plain, f"a plain-text file ({plain.file_path}), allowed by you", False, name, "allowed"
        )
    return Backend(None, "none: no secure keyring, so no secret is stored", False)


def backend_description() -> str:
    return current_backend().description


def ensure_storable() -> None:
    """Raise NoSecureKeyring now, before a login is tried, if no secret could be kept."""
    _backend()


def _backend() -> keyring.backend.KeyringBackend:
    backend = current_backend().keyring
    if backend is None:
        raise NoSecureKeyring()
    return backend


# ------------------------------------------------------------------ keys and bindings


def _profile_id() -> str:
    """The open profile's random id; created here if the store has none yet.

    A store error is raised, not guessed around: a wrong id would be a wrong key."""
    from peewee import PeeweeException

    from desktop.models.db import database
    from desktop.models.mail import Setting

    if database.database is None:
        raise SecretStoreError("No profile is open, so there is nowhere to keep a secret.")
    try:
        row = Setting.get_or_none(Setting.key == PROFILE_ID_SETTING)
        if row is None or not row.value:
            new = uuid.uuid4().hex
            Setting.insert(key=PROFILE_ID_SETTING, value=new).on_conflict_ignore().execute()
            row = Setting.get(Setting.key == PROFILE_ID_SETTING)
    except PeeweeException as exc:
        raise SecretStoreError(f"The profile's store could not be read: {exc}") from exc
    return str(row.value)


def _key(profile_id: str, kind: str, owner_id: int | str) -> str:
    return f"{profile_id}/{kind}:{owner_id}"


def _binding(kind: str, owner_id: int | str) -> str | None:
    """The host(s) and login the owner uses now; None when the owner is unknown."""
    try:
        if kind in _MAILBOX_KINDS:
            from desktop.models.mail import Mailbox

            m = Mailbox.get_or_none(Mailbox.id == int(owner_id))
            if m is None:
                return None
            login = (m.username or m.email or "").strip().lower()
            return f"mailbox|{m.kind}|{m.imap_host.lower()}|{m.smtp_host.lower()}|{login}"
        if kind in _CRM_KINDS:
            from urllib.parse import urlsplit

            from desktop.models.crm import CrmAccount

            a = CrmAccount.get_or_none(CrmAccount.id == int(owner_id))
            if a is None:
                return None
            host = (urlsplit(a.base_url).netloc or a.base_url).lower()
            return f"crm|{host}|{a.email.strip().lower()}"
    except (ValueError, TypeError):
        return None
    return None


def _wrap(kind: str, owner_id: int | str, value: str) -> str:
    return json.dumps({"holub": 1, "bound": _binding(kind, owner_id), "secret": value})


def _unwrap(kind: str, owner_id: int | str, stored: str | None) -> str | None:
    if stored is None:
        return None
    try:
        data = json.loads(stored)
        secret, bound = data["secret"], data["bound"]
    except (ValueError, TypeError, KeyError):
        log.warning("Ignoring a malformed keyring entry for %s %s", kind, owner_id)
        return None
    # Saved before its owner existed (no binding): usable. Otherwise the host and
    # login must be those it was saved for.
    if bound is not None and bound != _binding(kind, owner_id):
        log.warning(
            "Not using the stored %s of %s: it was saved for another server or login",
            kind,
            owner_id,
        )
        return None
    return str(secret)


_moved: set[str] = set()


def _move_legacy(backend: keyring.backend.KeyringBackend, profile_id: str) -> None:
    """Move this profile's secrets from the old shared ``kind:id`` keys (once).

    The old keys were shared by every profile, so an entry is claimed by the first
    profile, among those that had the owner when they were upgraded, to be opened.
    """
    if profile_id in _moved:
        return
    owners = _setting(LEGACY_SETTING)
    if owners:
        from desktop.models.mail import Setting

        moved = 0
        for kind_group, ids in (
            ("mailbox", owners.get("mailbox", [])),
            ("crm", owners.get("crm", [])),
        ):
            kinds = _MAILBOX_KINDS if kind_group == "mailbox" else _CRM_KINDS
            for owner_id in ids:
                for kind in kinds:
                    old_key = f"{kind}:{owner_id}"
                    try:
                        value = backend.get_password(SERVICE, old_key)
                        if value is None:
                            continue
                        backend.set_password(
                            SERVICE, _key(profile_id, kind, owner_id), _wrap(kind, owner_id, value)
                        )
                        backend.delete_password(SERVICE, old_key)
                        moved += 1
                    except KeyringError as exc:
                        log.warning("Could not move the secret %s: %s", old_key, exc)
                        return  # try again next time
        Setting.delete().where(Setting.key == LEGACY_SETTING).execute()
        if moved:
            log.warning(
                "Moved %d secret(s) from the keyring entries shared by all profiles to "
                "this profile's own entries",
                moved,
            )
    _moved.add(profile_id)


def _prepare() -> tuple[keyring.backend.KeyringBackend, str]:
    backend = _backend()
    profile_id = _profile_id()
    _move_legacy(backend, profile_id)
    return backend, profile_id


# ------------------------------------------------------------------ the public API


def set_secret(kind: str, owner_id: int | str, value: str) -> None:
    backend, profile_id = _prepare()
    try:
        backend.set_password(
            SERVICE, _key(profile_id, kind, owner_id), _wrap(kind, owner_id, value)
        )
    except KeyringError as exc:
        raise SecretStoreError(f"The system keyring refused to store the secret: {exc}") from exc


def get_secret(kind: str, owner_id: int | str) -> str | None:
    backend, profile_id = _prepare()
    try:
        stored = backend.get_password(SERVICE, _key(profile_id, kind, owner_id))
    except KeyringError as exc:
        raise SecretStoreError(f"The system keyring could not be read: {exc}") from exc
    return _unwrap(kind, owner_id, stored)


def delete_secret(kind: str, owner_id: int | str) -> None:
    try:
        backend, profile_id = _prepare()
    except NoSecureKeyring:
        return  # nothing can have been stored
    try:
        backend.delete_password(SERVICE, _key(profile_id, kind, owner_id))
    except (PasswordDeleteError, KeyringError):
        pass
