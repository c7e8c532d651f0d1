"""GUI entry point: builds the QApplication and the main window."""

from __future__ import annotations


def main(profile: str | None = None, demo: bool = False) -> int:
    from desktop.ui.application import run

    return run(profile=profile, demo=demo)
