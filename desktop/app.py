"""GUI entry point: builds the QApplication and the main window.

``holub`` (the gui-script in pyproject.toml) calls ``main()`` without arguments:
it then behaves exactly like ``python main.py`` (options and commands parsed from
the command line). The CLI calls ``main(profile=..., demo=...)`` to open the window.
"""

from __future__ import annotations

_FROM_COMMAND_LINE = object()


def main(profile: str | object | None = _FROM_COMMAND_LINE, demo: bool = False) -> int:
    if profile is _FROM_COMMAND_LINE:
        from desktop.cli import main as cli_main

        return cli_main()
    from desktop.ui.application import run

    return run(profile=profile, demo=demo)  # type: ignore[arg-type]
