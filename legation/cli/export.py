"""`legation export`: stored events as GDELT 2.0 rows, POLECAT-style JSONL, CSV, or every table as Parquet."""

from __future__ import annotations

import argparse
import sys

from .events import add_filter_arguments, filters_from_args


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `export` command."""
    p = sub.add_parser("export", help="export the store: gdelt, plover (POLECAT JSONL), csv, parquet")
    p.add_argument("--format", choices=["gdelt", "plover", "csv", "parquet"], required=True)
    p.add_argument("--output", "-o", help="file (a folder for parquet: one file per table); default stdout")
    p.add_argument("--header", action="store_true", help="gdelt: add a header row of column names")
    add_filter_arguments(p)
    p.set_defaults(func=run, parser=p)


def run(args: argparse.Namespace) -> int:
    """Write the export."""
    from ..store import open_store
    from ..store.export import write_gdelt, write_plover

    if args.format == "parquet":
        if not args.output:
            args.parser.error("--format parquet writes one file per table: give --output FOLDER")
        paths = open_store(args.db).export_tables(args.output)
        print(f"{len(paths)} tables written to {args.output}", file=sys.stderr)
        return 0
    store = open_store(args.db)
    filters = filters_from_args(args)
    if args.format == "csv":
        if not args.output:
            args.parser.error("--format csv: give --output FILE")
        count = store.write_events(args.output, "csv", filters)
    else:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
        try:
            if args.format == "gdelt":
                count = write_gdelt(store, out, filters, header=args.header)
            else:
                count = write_plover(store, out, filters)
        finally:
            if out is not sys.stdout:
                out.close()
    print(f"{count} {'story-level ' if args.format == 'gdelt' else ''}events exported", file=sys.stderr)
    return 0
