"""`legation compare --dyad RUS CHN`: our coding beside an imported dataset (GDELT, ICEWS, POLECAT)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

_SIDE = ("events", "reports", "q1", "q2", "q3", "q4", "goldstein", "stories")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `compare` command."""
    p = sub.add_parser(
        "compare", help="our coding of a dyad beside an imported dataset (GDELT, ICEWS, POLECAT), period by period"
    )
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), required=True, help="two actors, either direction: RUS CHN")
    p.add_argument("--dataset", help="imported dataset: gdelt-2.0, gdelt-1.0, icews or polecat (default: the one)")
    p.add_argument("--ours", action="append", metavar="CODER", help="our coder(s) (default: every non-import coder)")
    p.add_argument("--since", help="first date, YYYY-MM-DD (default: the first date both cover)")
    p.add_argument("--until", help="last date, YYYY-MM-DD (default: the last date both cover)")
    p.add_argument("--freq", choices=["week", "month", "quarter", "year"], default="month", help="period (month)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=run)


def _cells(side: dict[str, Any]) -> list[str]:
    return ["" if side[k] is None else (f"{side[k]:.2f}" if k == "goldstein" else str(side[k])) for k in _SIDE]


def _table(data: dict[str, Any]) -> str:
    ours = "+".join(data["ours"]) or "(no own coding)"
    head = (
        f"{data['dyad'][0]}-{data['dyad'][1]} story events, {data['since'] or '...'} to {data['until'] or '...'},"
        f" by {data['freq']}: ours = {ours}; dataset = {data['dataset']}"
    )
    widths = [10] + [7] * (2 * len(_SIDE))  # o.* = ours, d.* = the dataset
    names = ["period", *(f"o.{k[:5]}" for k in _SIDE), *(f"d.{k[:5]}" for k in _SIDE)]
    lines = [head, "  ".join(n.rjust(w) for n, w in zip(names, widths, strict=True))]
    for row in data["periods"]:
        cells = [row["period"], *_cells(row["ours"]), *_cells(row["dataset"])]
        lines.append("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    s = data["summary"]
    lines.append(
        f"summary: ours {s['ours']['events']} events in {s['ours']['stories']} stories, dataset"
        f" {s['dataset']['events']} events in {s['dataset']['stories']} stories; periods {s['periods']}"
        f" (both {s['periods_both']}, only ours {s['periods_only_ours']}, only dataset"
        f" {s['periods_only_dataset']}); count correlation {s['count_correlation']}; our event days also in"
        f" the dataset {s['our_days_in_dataset']}, with the same quad class {s['our_day_quads_in_dataset']}"
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the comparison."""
    from ..ingest.importers.compare import compare_dyad
    from ..store import open_store

    store = open_store(args.db)
    result = compare_dyad(
        store, (args.dyad[0], args.dyad[1]), dataset=args.dataset, ours=args.ours, since=args.since,
        until=args.until, freq=args.freq,
    ).to_dict()  # fmt: skip
    if args.format == "json":
        print(json.dumps(result, indent=1))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["period", *(f"ours_{k}" for k in _SIDE), *(f"dataset_{k}" for k in _SIDE)])
        for row in result["periods"]:
            writer.writerow([row["period"], *_cells(row["ours"]), *_cells(row["dataset"])])
    else:
        print(_table(result))
    return 0
