"""A bench's scratch directory: its profiles are hundreds of MB a run, gone afterwards."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def run_in_scratch(prefix: str, run: Callable[[Path], int]) -> int:
    """``run(root)`` in a fresh temporary directory, removed after it (KEEP=1 keeps it)."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        return run(root)
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(root, ignore_errors=True)
