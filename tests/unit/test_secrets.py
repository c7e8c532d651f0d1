"""Secrets per profile, bound to their host and login; no silent plain-text keyring."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import keyring
import pytest

from desktop import accounts, secrets
from desktop.models.db import close_store
from desktop.models.mail import Mailbox
from desktop.profile import open_profile


def _mailbox(host: str, login: str) -> Mailbox:
    return Mailbox.create(
        name="Work",
        email=login,
        username=login,
        imap_host=host,
        smtp_host=host,
        import_from=dt.date(2026, 11, 20),
    )


def test_two_profiles_with_mailbox_1_keep_their_own_secrets(tmp_path: Path) -> None:
    try:
        open_profile(tmp_path / "a")
        assert _mailbox("imap.a.example", "a@a.example").id == 1
        secrets.set_secret(secrets.MAILBOX_PASSWORD, 1, "password-a")
        close_store()

        open_profile(tmp_path / "b")
        assert _mailbox("imap.b.example", "b@b.example").id == 1
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) is None  # not A's
        secrets.set_secret(secrets.MAILBOX_PASSWORD, 1, "password-b")
        close_store()

        open_profile(tmp_path / "a")
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) == "password-a"
        close_store()

        open_profile(tmp_path / "b")
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) == "password-b"
        accounts.remove_account(1)  # removing B's mailbox keeps A's password
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) is None
        close_store()

        open_profile(tmp_path / "a")
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) == "password-a"
    finally:
        close_store()


def test_a_secret_is_not_used_for_another_host_or_login(profile) -> None:
    box = _mailbox("imap.firma.cz", "jana@firma.cz")
    secrets.set_secret(secrets.MAILBOX_PASSWORD, box.id, "heslo")
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) == "heslo"

    Mailbox.update(imap_host="imap.evil.example").where(Mailbox.id == box.id).execute()
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) is None
    Mailbox.update(imap_host="imap.firma.cz", username="eva@firma.cz").execute()
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) is None
    Mailbox.update(username="jana@firma.cz").execute()
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) == "heslo"


def test_old_shared_entries_move_to_the_profile_on_first_open(tmp_path: Path) -> None:
    path = tmp_path / "old"
    try:
        open_profile(path)
        _mailbox("imap.firma.cz", "jana@firma.cz")
        close_store()
        # What a profile written before per-profile keys looked like.
        with sqlite3.connect(path / "holub.sqlite3") as db:
            db.execute("DELETE FROM setting")
            db.execute("PRAGMA user_version = 2")
        keyring.set_password(secrets.SERVICE, "mailbox-password:1", "old-heslo")

        open_profile(path)
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) == "old-heslo"
        assert keyring.get_password(secrets.SERVICE, "mailbox-password:1") is None
        assert secrets.get_secret(secrets.MAILBOX_PASSWORD, 1) == "old-heslo"
    finally:
        close_store()


# ------------------------------------------------------------------ item 2: no silent plain text


def test_no_secret_is_stored_in_plain_text_without_a_choice(profile, no_secure_keyring) -> None:
    box = _mailbox("imap.firma.cz", "jana@firma.cz")
    before = Path(no_secure_keyring).read_text() if Path(no_secure_keyring).exists() else ""
    with pytest.raises(secrets.NoSecureKeyring, match="HOLUB_ALLOW_PLAINTEXT_KEYRING=1"):
        secrets.set_secret(secrets.MAILBOX_PASSWORD, box.id, "tajne-heslo")
    after = Path(no_secure_keyring).read_text() if Path(no_secure_keyring).exists() else ""
    assert after == before
    assert secrets.backend_description().startswith("none")


def test_the_environment_opts_in_to_plain_text(profile, no_secure_keyring, monkeypatch) -> None:
    monkeypatch.setenv(secrets.ALLOW_PLAINTEXT_ENV, "1")
    box = _mailbox("imap.firma.cz", "jana@firma.cz")
    secrets.set_secret(secrets.MAILBOX_PASSWORD, box.id, "heslo")
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) == "heslo"
    assert "plain-text file" in secrets.backend_description()


def test_the_profile_setting_opts_in_to_plain_text(profile, no_secure_keyring) -> None:
    box = _mailbox("imap.firma.cz", "jana@firma.cz")
    secrets.set_plaintext_allowed(True)
    secrets.set_secret(secrets.MAILBOX_PASSWORD, box.id, "heslo")
    assert secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id) == "heslo"
    secrets.set_plaintext_allowed(False)
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.get_secret(secrets.MAILBOX_PASSWORD, box.id)


def test_naming_a_backend_is_a_choice() -> None:
    # The tests name keyrings.alt's file keyring through PYTHON_KEYRING_BACKEND.
    backend = secrets.current_backend()
    assert backend.keyring is not None and not backend.secure
    assert "keyring configuration" in backend.description
