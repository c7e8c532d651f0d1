"""Running Holub's command line as a user does: ``main.py --profile DIR …`` in a child."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_cli(
    profile: Path, *args: str, stdin: str = "", env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """``main.py --profile profile *args``, its output captured as text; ``env`` is added
    to this environment. Its stdin is ``stdin`` (empty: a command that would prompt
    fails at once instead of waiting on the terminal)."""
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(profile), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=timeout,
    )
