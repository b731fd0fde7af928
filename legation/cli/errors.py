"""`legation errors`: the stored error messages (file, line or record, code, message), all or since a run."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from .code import open_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `errors` command."""
    p = sub.add_parser("errors", help="list the stored ingest and import errors")
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--since", metavar="RUN",
                   help="only errors seen by ingest run RUN (the number `legation ingest` prints) or later; "
                        "'last' for the latest run")  # fmt: skip
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    p.add_argument("--output", "-o", help="write to this file (default: stdout)")
    p.set_defaults(func=run)


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'run':>4}  {'code':<5} {'kind':<18} message"]
    for row in rows:
        run = "" if row["run"] is None else str(row["run"])
        lines.append(f"{run:>4}  {row['code']:<5} {row['kind'][:18]:<18} {row['message']}")
    lines.append(f"{len(rows)} errors")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the matching errors."""
    from ..store import ERROR_FIELDS, error_rows, open_store

    rows = error_rows(open_store(args.db), since=args.since)
    out = open_output(args.output, newline="")
    try:
        if args.format == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=list(ERROR_FIELDS))
            writer.writeheader()
            writer.writerows(rows)
        else:
            out.write(_table(rows))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
