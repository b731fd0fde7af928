"""`legation stats`: counts of articles, imported stories, events and errors, per coder, source, month and error."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `stats` command."""
    p = sub.add_parser("stats", help="counts per coder, source, month and error kind")
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def _render(stats: dict[str, Any]) -> str:
    lines = [
        f"articles {stats['articles']} (coded {stats['coded_articles']}, not coded {stats['not_coded']}), "
        f"imported stories {stats['imported_stories']}, stories {stats['clusters']}, "
        f"near copies {stats['near_copies']}, exact copies {stats['exact_copies']}, events {stats['events']}, "
        f"errors {stats['errors']}",
        "",
        f"{'coder':<32} {'articles':>9} {'events':>9}  dates",
    ]
    lines += [f"{c[:32]:<32} {v['articles']:>9} {v['events']:>9}  {v['first'] or '?'} to {v['last'] or '?'}"
              for c, v in stats["by_coder"].items()]  # fmt: skip
    lines += ["", f"{'source':<32} {'articles':>9} {'events':>9}"]
    lines += [f"{s[:32]:<32} {v['articles']:>9} {v['events']:>9}" for s, v in stats["by_source"].items()]
    lines += ["", f"{'month':<32} {'articles':>9} {'events':>9}"]
    lines += [f"{m:<32} {v['articles']:>9} {v['events']:>9}" for m, v in stats["by_month"].items()]
    lines += ["", f"{'error kind':<32} {'count':>9}"]
    lines += [f"{k:<32} {n:>9}" for k, n in stats["by_error"].items()]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the store's counts."""
    from ..store import open_store

    stats = open_store(args.db).stats()
    print(json.dumps(stats, indent=1) if args.format == "json" else _render(stats))
    return 0
