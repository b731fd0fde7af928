"""`legation ingest PATH...`: read, deduplicate, code and store articles; re-runs add only what is new.

`--workers N` codes on N local processes, `--scheduler ADDRESS` on a running Dask cluster; `--parquet DIR`
writes a Parquet dataset partitioned by month, and `--merge DIR` adds such a dataset to the store `--db`.
Each failed file or record is one line on stderr; the exit status says whether anything failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..config import Config
from ..errors import LegationError
from .code import add_coder_options, apply_coder_options

EXIT_SOME_FAILED = 1  # some inputs failed, the rest was stored
EXIT_NOTHING_READ = 2  # inputs failed and nothing was read

EPILOG = """\
Each file or record that fails is one line on stderr, with its catalogue code, where it is (file,
file:line or file#record) and why; warnings (a text cut to the limit, a date ignored) say "warning".
The summary on stdout ends the run; `legation errors --since RUN` lists the run's errors again.

exit status:
  0  every input was read (stored, or already stored)
  1  some inputs failed and the rest was read; or a fatal error after some batches were stored
  2  inputs failed and nothing could be read; or a fatal error before anything was stored, or bad usage
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `ingest` command."""
    p = sub.add_parser(
        "ingest", help="ingest files, folders, feeds, WARCs and URLs into the event store", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
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


def _problem_line(error: Any, warning: bool) -> str:
    return "legation: " + ("warning: " if warning else "") + error.message


def _progress_bar(disabled: bool) -> Any:
    from tqdm import tqdm

    from ..ingest.runner import WARNING_CODES

    bar = tqdm(unit=" articles", file=sys.stderr, disable=True if disabled else None, dynamic_ncols=True)
    state: dict[str, Any] = {"seen": 0, "report": None}

    def update(report: Any) -> None:
        """Print the batch's failures, advance the bar to the report's article count."""
        for error in report.problems:
            tqdm.write(_problem_line(error, error.code in WARNING_CODES), file=sys.stderr)
        bar.update(report.read - state["seen"])
        state["seen"], state["report"] = report.read, report
        bar.set_postfix(stored=report.stored, events=report.events, failed=report.failed, refresh=False)

    return bar, update, state


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def run(args: argparse.Namespace) -> int:
    """Ingest the paths (or merge a dataset), print each failure and a summary; exit 0, 1 or 2 (see EPILOG)."""
    if args.merge:
        return _merge(args)
    if not args.paths:
        args.parser.error("give at least one PATH (or --merge DIR)")
    if args.parquet and args.db:
        args.parser.error("--db and --parquet both name where to write: give one")
    if args.workers is not None and args.workers < 1:
        args.parser.error("--workers must be at least 1")
    from ..distributed import run as ingest

    bar, update, state = _progress_bar(args.no_progress)
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
    except LegationError as exc:  # fatal (store busy, disk full, ...): say whether batches were stored before
        bar.close()
        print(f"legation: {exc}", file=sys.stderr)
        done = state["report"]
        return EXIT_SOME_FAILED if done is not None and done.stored else EXIT_NOTHING_READ
    finally:
        bar.close()
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=1))
    else:
        run_name = f"run {report.run_id}: " if report.run_id is not None else ""
        print(
            f"{run_name}{report.stored} new articles stored ({report.clusters} new stories, {report.near_copies} "
            f"near copies, {report.not_coded} not coded), {report.exact_copies} exact copies recorded, "
            f"{report.already_stored} already stored; {report.events} events; {_n(report.failed, 'input')} "
            f"failed, {_n(report.warnings, 'warning')} ({report.errors} new errors recorded). "
            f"{report.read} articles in {report.elapsed:.1f} s ({report.rate:.1f} articles/s)."
        )
    if not report.failed:
        return 0
    db = f" --db {args.db}" if args.db else ""
    again = f"; `legation errors{db} --since {report.run_id}` lists them again" if report.run_id is not None else ""
    print(f"legation: {_n(report.failed, 'input')} failed (listed above){again}.", file=sys.stderr)
    return EXIT_SOME_FAILED if report.read else EXIT_NOTHING_READ


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
