"""`legation ingest PATH...`: read, deduplicate, code and store articles; re-runs add only what is new.

`--workers N` codes on N local processes, `--scheduler ADDRESS` on a running Dask cluster; `--parquet DIR`
writes a Parquet dataset partitioned by month, and `--merge DIR` adds such a dataset to the store `--db`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..config import Config
from .code import add_coder_options, apply_coder_options


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `ingest` command."""
    p = sub.add_parser("ingest", help="ingest files, folders, feeds, WARCs and URLs into the event store")
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, folder (recursive) or http(s) URL")
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    cluster = p.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=int, metavar="N", help="code on N worker processes on this machine")
    cluster.add_argument("--scheduler", metavar="ADDRESS", help="code on a running Dask cluster: tcp://HOST:8786")
    p.add_argument("--parquet", metavar="DIR", help="write a Parquet dataset by month into DIR, not a DuckDB file")
    p.add_argument("--merge", metavar="DIR", help="add the Parquet dataset DIR to the store --db (no PATH)")
    p.add_argument("--batch-size", type=int, default=64, help="articles per stored transaction (default 64)")
    p.add_argument("--follow-links", action="store_true", help="fetch the page of every feed entry")
    p.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--config", help="a legation.toml settings file")
    add_coder_options(p)
    p.set_defaults(func=run, parser=p)


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
    """Ingest the paths (or merge a dataset) and print a summary."""
    if args.merge:
        return _merge(args)
    if not args.paths:
        args.parser.error("give at least one PATH (or --merge DIR)")
    if args.parquet and args.db:
        args.parser.error("--db and --parquet both name where to write: give one")
    if args.workers is not None and args.workers < 1:
        args.parser.error("--workers must be at least 1")
    from ..distributed import run as ingest

    bar, update = _progress_bar(args.no_progress)
    try:
        follow = True if args.follow_links else None
        config = None
        if args.config or args.coder or args.min_confidence is not None:
            base = Config.from_file(args.config) if args.config else Config.default()
            config = apply_coder_options(base, args)
        report = ingest(
            args.paths, args.db, parquet=args.parquet, workers=args.workers, scheduler=args.scheduler,
            batch_size=args.batch_size, follow_links=follow, progress=update, config=config,
        )  # fmt: skip
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


def _merge(args: argparse.Namespace) -> int:
    """Merge the dataset named by --merge into the store --db and print what was added."""
    if args.paths or args.parquet or args.workers is not None or args.scheduler:
        args.parser.error("--merge DIR takes only --db (and --format)")
    from ..store.dataset import merge_dataset

    added = merge_dataset(args.merge, args.db)
    if args.format == "json":
        print(json.dumps(added, indent=1))
    else:
        print(f"merged {args.merge}: added " + ", ".join(f"{n} {table}" for table, n in added.items()) + ".")
    return 0
