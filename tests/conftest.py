"""Session-wide test setup: a throwaway profile, a real file keyring, offscreen Qt.

Set before anything imports Qt or keyring, so every test (and every CLI
subprocess a test starts, through the inherited environment) uses them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="holub-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
# Qt's messages go to stderr (pytest-qt's capture is off, see pyproject.toml); the
# offscreen platform's uncategorised "does not support propagateSizeHints()" would
# otherwise fill the output. Categorised warnings still show.
os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")
# A real keyring backend (keyrings.alt's file keyring) writing under a temporary
# XDG data dir, so tests never touch the developer's own keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = str(_SESSION_DIR / "xdg-data")
os.environ["HOLUB_PROFILE"] = str(_SESSION_DIR / "default-profile")
os.environ.setdefault("LANGUAGE", "en")

# Real servers for integration tests, each in its own plugin module.
pytest_plugins = [
    "tests.servers.dovecot",
    "tests.servers.smtp",
    "tests.servers.caflou",
    "tests.servers.caflou_mail",
]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def profile(tmp_path: Path):
    """A fresh profile with its store open; closed afterwards."""
    from desktop.models.db import close_store
    from desktop.profile import open_profile

    prof = open_profile(tmp_path / "profile")
    yield prof
    close_store()


@pytest.fixture
def keyring_dir() -> Path:
    return _SESSION_DIR / "xdg-data"


@pytest.fixture
def no_secure_keyring(monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine with no keyring service: keyring picks keyrings.alt's plain-text file by
    itself (nobody named it). Returns that file's path."""
    from keyrings.alt.file import PlaintextKeyring

    from desktop import secrets

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(secrets.ALLOW_PLAINTEXT_ENV, raising=False)
    monkeypatch.setattr(secrets, "_detected", lambda: (PlaintextKeyring(), False))
    return Path(PlaintextKeyring().file_path)
