"""`legation import gdelt|icews|plover FILE...`: bring existing event datasets into the store.

(The module is `imports` because `import` is a Python keyword; the command is `import`.)
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

SHOWN_BAD_ROWS = 20  # bad rows listed on stderr; all are in the store's ingest_errors table

DATASETS = {
    "gdelt": "GDELT 1.0 or 2.0 event exports (.CSV or .zip, tab-separated, 57, 58 or 61 columns)",
    "icews": "ICEWS coded event data (Dataverse .tab files, or .zip)",
    "plover": "POLECAT / PLOVER event records (JSON lines, or .zip)",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `import` command with one sub-command per dataset."""
    p = sub.add_parser("import", help="import GDELT, ICEWS or POLECAT/PLOVER event files into the store")
    kinds = p.add_subparsers(dest="dataset", metavar="DATASET", required=True)
    for name, text in DATASETS.items():
        k = kinds.add_parser(name, help=text, description=f"Import {text}; re-importing a file adds nothing.")
        k.add_argument("paths", nargs="+", metavar="FILE")
        k.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
        k.add_argument("--chunk-rows", type=int, help="rows per stored transaction (default 25000)")
        k.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
        k.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
        k.set_defaults(func=run)


def _progress_bar(disabled: bool) -> Any:
    from tqdm import tqdm

    bar = tqdm(unit="B", unit_scale=True, file=sys.stderr, disable=True if disabled else None, dynamic_ncols=True)

    def update(report: Any) -> None:
        """Advance the bar to the bytes read so far."""
        bar.total = report.bytes_total or None
        bar.update(report.bytes_read - bar.n)
        bar.set_postfix(rows=report.rows, events=report.events, bad=report.bad_rows, refresh=False)

    return bar, update


def _summary(report: Any) -> str:
    coders = ", ".join(f"{c}: {n}" for c, n in sorted(report.coders.items()))
    bad = ", ".join(f"{c} {n}" for c, n in sorted(report.bad_by_code.items()))
    more = "".join(
        f", {n} {what}" for n, what in ((report.duplicates, "duplicate rows"), (report.skipped, "records skipped"))
        if n
    )  # fmt: skip
    failed = f"; {len(report.failed_files)} of {report.files} files failed" if report.failed_files else ""
    return (
        f"{report.rows} rows read" + (f" ({coders})" if coders else "")
        + f": {report.events} new events in {report.stories} new stories, {report.folded} repeats folded{more},"
        f" {report.already_stored} already stored; {report.bad_rows} bad rows" + (f" ({bad})" if bad else "")
        + f"{failed}. {report.elapsed:.1f} s ({report.rate:,.0f} rows/s)."
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Import the files and print a summary; bad rows and failed files go to stderr. Exit status 1 when a
    file could not be imported (the others are kept) or nothing was imported."""
    from ..ingest.importers import CHUNK_ROWS, import_files

    bar, update = _progress_bar(args.no_progress)
    rows = args.chunk_rows or CHUNK_ROWS
    try:
        report = import_files(args.dataset, args.paths, args.db, chunk_rows=rows, progress=update)
    finally:
        bar.close()
    for line in report.file_errors + report.bad_lines[:SHOWN_BAD_ROWS]:
        print(line, file=sys.stderr)
    if report.bad_rows > SHOWN_BAD_ROWS:
        print(f"... and {report.bad_rows - SHOWN_BAD_ROWS} more bad rows (all in the store's ingest_errors)",
              file=sys.stderr)  # fmt: skip
    if report.unmapped:
        for kind, values in report.unmapped.items():
            top = ", ".join(f"{v} ({n})" for v, n in list(values.items())[:10])
            print(f"unmapped {kind}: {top}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=1))
    else:
        print(_summary(report))
    if report.failed_files:
        names = ", ".join(report.failed_files)
        print(f"legation: {len(report.failed_files)} of {report.files} files could not be imported: {names}",
              file=sys.stderr)  # fmt: skip
        return 1
    if report.rows == 0:
        print("legation: nothing was imported", file=sys.stderr)
        return 1
    return 0
