"""`legation events`: stored events filtered by dyad, actor, code, PLOVER type and dates."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from .code import open_output

TABLE_COLUMNS = (("date", 10), ("coder", 12), ("source", 12), ("target", 12), ("cameo", 5), ("plover", 10),
                 ("trigger", 14))  # fmt: skip


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The event filters shared by `events` and `export`."""
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--dyad", nargs=2, metavar=("SOURCE", "TARGET"), help="actor codes, e.g. RUS CHN")
    p.add_argument("--undirected", action="store_true", help="the dyad in either direction")
    p.add_argument("--actor", help="either side: a code prefix or country (RUS), or a name (Putin)")
    p.add_argument("--cameo", help="CAMEO code or prefix (042, 04)")
    p.add_argument("--root", help="CAMEO root code (01-20)")
    p.add_argument("--plover", help="PLOVER event type (CONSULT, ASSAULT, ...)")
    p.add_argument("--since", help="first date, YYYY-MM-DD (event date, else publication date)")
    p.add_argument("--until", help="last date, YYYY-MM-DD (inclusive)")
    p.add_argument("--cluster", help="one story cluster id")
    p.add_argument("--coder", action="append", metavar="NAME",
                   help="only this coder's events (repeatable): legation.RuleCoder.v1, gdelt-2.0, icews, ...")
    p.add_argument("--limit", type=int, help="at most this many events")


def filters_from_args(args: argparse.Namespace) -> Any:
    """The EventFilter the arguments describe."""
    from ..store import EventFilter

    return EventFilter(
        dyad=tuple(args.dyad) if args.dyad else None, undirected=args.undirected, actor=args.actor,
        cameo=args.cameo, root=args.root, plover=args.plover, since=args.since, until=args.until,
        cluster=args.cluster, limit=args.limit, coders=tuple(args.coder) if args.coder else None,
    )  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `events` command."""
    p = sub.add_parser("events", help="list stored events, filtered")
    add_filter_arguments(p)
    p.add_argument("--format", choices=["table", "csv", "jsonl", "parquet"], default="table")
    p.add_argument("--output", "-o", help="write to this file (required for parquet)")
    p.set_defaults(func=run)
    p.set_defaults(parser=p)


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _table_line(row: dict[str, Any]) -> str:
    values = {
        "date": row["event_date"], "coder": row["coder"], "source": row["source_code"],
        "target": row["target_code"], "cameo": row["cameo"], "plover": row["plover_type"], "trigger": row["trigger"],
    }  # fmt: skip
    cells = [_cell(values[name], width).ljust(width) for name, width in TABLE_COLUMNS]
    evidence = row["sentence"] or (f"(no sentence) {row['url']}" if row.get("url") else "(no sentence)")
    return "  ".join(cells) + "  " + _cell(evidence, 100)


def run(args: argparse.Namespace) -> int:
    """Print or write the matching events."""
    from ..store import event_dict, open_store

    if args.format == "parquet" and not args.output:
        args.parser.error("--format parquet writes a file: give --output PATH")
    store = open_store(args.db)
    filters = filters_from_args(args)
    out = open_output(args.output, newline="")  # E131 when the file cannot be created
    if args.format in ("parquet", "csv") and args.output:
        out.close()
        count = store.write_events(args.output, args.format, filters)
        print(f"{count} events written to {args.output}", file=sys.stderr)
        return 0
    try:
        rows = store.event_rows(filters)
        if args.format == "jsonl":
            for row in rows:
                out.write(json.dumps(event_dict(row), ensure_ascii=False) + "\n")
        elif args.format == "csv":
            writer = None
            for row in rows:
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
        else:
            out.write("  ".join(name.ljust(width) for name, width in TABLE_COLUMNS) + "  sentence\n")
            for row in rows:
                out.write(_table_line(row) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
