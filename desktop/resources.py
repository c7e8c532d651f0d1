"""Where Holub's resources (icon, translations, demo data) are.

In a source checkout (and an editable install) they are in ``resources/`` beside
the ``desktop`` package; a regular install puts the same tree under
``<prefix>/share/holub`` (pyproject.toml's data-files), next to the freedesktop
``.desktop`` file and icon.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    source_tree = Path(__file__).resolve().parents[1] / "resources"
    if source_tree.is_dir():
        return source_tree
    return Path(sys.prefix) / "share" / "holub"
