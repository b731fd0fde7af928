"""`legation serve`: the JSON API and the dashboard over a store, read-only, on 127.0.0.1 by default."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `serve` command."""
    p = sub.add_parser("serve", help="serve the JSON API (docs at /docs) and the dashboard over a store")
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb); opened read-only")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (8000)")
    p.add_argument(
        "--token",
        help="require this token on every route (default: $LEGATION_TOKEN; prefer the variable, "
        "a command line is visible to other users)",
    )
    p.add_argument("--code-timeout", type=float, default=20.0, metavar="SECONDS",
                   help="longest time POST /api/code may code one text (20)")  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from ..web import serve

    serve(args.db, host=args.host, port=args.port, token=args.token, code_timeout=args.code_timeout,
          access_log=args.verbose)  # fmt: skip
    return 0
