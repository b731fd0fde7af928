"""`legation ingest PATH...`: read, deduplicate, code and store articles; re-runs add only what is new."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `ingest` command."""
    p = sub.add_parser("ingest", help="ingest files, folders, feeds, WARCs and URLs into the event store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive) or http(s) URL")
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--batch-size", type=int, default=64, help="articles per stored transaction (default 64)")
    p.add_argument("--follow-links", action="store_true", help="fetch the page of every feed entry")
    p.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(func=run)


def _progress_bar(disabled: bool) -> Any:
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=sys.stderr, disable=True if disabled else None, dynamic_ncols=True)
    state = {"seen": 0}

    def update(report: Any) -> None:
        """Advance the bar to the report's article count."""
        bar.update(report.read - state["seen"])
        state["seen"] = report.read
        bar.set_postfix(stored=report.stored, events=report.events, errors=report.errors, refresh=False)

    return bar, update


def run(args: argparse.Namespace) -> int:
    """Ingest the paths and print a summary."""
    from ..ingest import run as ingest

    bar, update = _progress_bar(args.no_progress)
    try:
        follow = True if args.follow_links else None
        report = ingest(args.paths, args.db, batch_size=args.batch_size, follow_links=follow, progress=update)
    finally:
        bar.close()
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=1))
    else:
        print(
            f"{report.stored} new articles stored ({report.clusters} new stories, {report.near_copies} near "
            f"copies, {report.not_coded} not coded), {report.exact_copies} exact copies recorded, "
            f"{report.already_stored} already stored; {report.events} events; {report.errors} errors "
            f"recorded. {report.read} articles in {report.elapsed:.1f} s ({report.rate:.1f} articles/s)."
        )
    return 0
