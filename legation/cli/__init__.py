"""The `legation` command: each sub-command is a module here with a `register(subparsers)` function.

Commands are thin: they parse arguments and call the library. A module is picked up by name, so a
new command needs no edit to this file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from ..errors import LegationError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command module registered."""
    parser = argparse.ArgumentParser(
        prog="legation", description="Political event data from news text, with evidence."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except LegationError as exc:
        print(f"legation: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("legation: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
