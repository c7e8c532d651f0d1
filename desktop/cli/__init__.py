"""The headless command line (DESIGN.md §7): `python main.py [--profile DIR] COMMAND`.

No command opens the GUI. Exit codes: 0 ok, 1 failure with a one-line reason on
stderr, 2 bad usage. Each command group lives in its own module with a
``register(subparsers)`` function; the GUI and the CLI call the same services.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib import import_module

from desktop.errors import HolubError

# Modules under desktop.cli that contribute commands.
COMMAND_MODULES = ("account", "sync", "mail", "send", "crm", "show", "rules", "shared")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="holub",
        description="Holub: e-mail filed under your CRM's companies, projects and tasks.",
    )
    parser.add_argument(
        "--profile", help="profile directory (default: HOLUB_PROFILE or the data dir)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo profile in the GUI"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"desktop.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from desktop.app import main as gui_main

        return gui_main(profile=args.profile, demo=args.demo)
    try:
        return int(args.func(args) or 0)
    except HolubError as exc:
        print(f"holub: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        from desktop.cli.sync import Stopped

        if isinstance(exc, Stopped):
            print("holub: stopped", file=sys.stderr)
            return 143  # 128 + SIGTERM, as a shell reports it
        print("holub: interrupted", file=sys.stderr)
        return 130


def open_profile_from(args: argparse.Namespace):  # -> Profile
    from desktop.profile import open_profile

    return open_profile(args.profile)
