"""Where a profile lives and how it is opened (the store plus its folders)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import pipeline
from desktop.models.db import open_store

STORE_NAME = "holub.sqlite3"


def default_profile_dir() -> Path:
    """The platform's per-user data directory, overridable by HOLUB_PROFILE."""
    if env := os.environ.get("HOLUB_PROFILE"):
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "holub" / "default"


@dataclass(frozen=True)
class Profile:
    root: Path

    @property
    def store_path(self) -> Path:
        return self.root / STORE_NAME

    @property
    def log_path(self) -> Path:
        return self.root / "holub.log"

    def open(self) -> Profile:
        self.root.mkdir(parents=True, exist_ok=True)
        # The profile holds private mail: keep it readable by its owner only.
        try:
            self.root.chmod(0o700)
        except OSError:
            pass
        open_store(self.store_path)
        # The import pipeline (pairing, then rules) every store_batch of this profile runs.
        pipeline.install(pipeline.default()).run_on_open()
        return self


def open_profile(root: Path | str | None = None) -> Profile:
    return Profile(Path(root).expanduser() if root else default_profile_dir()).open()
