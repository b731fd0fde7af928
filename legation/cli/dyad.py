"""`legation dyad A B`: how a relationship is moving — indicators, trend, change points, evidence, comparison."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

FREQ_CHOICES = ["auto", "week", "month", "quarter", "year"]


def add_report_arguments(p: argparse.ArgumentParser) -> None:
    """The report options shared by `dyad` and `demo`."""
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument(
        "--freq",
        choices=FREQ_CHOICES,
        default="auto",
        help="period length (default auto: year for 5+ years of data, quarter for 2+, else month)",
    )
    p.add_argument("--format", choices=["text", "json", "html"], default="text", help="what to print")
    p.add_argument("--out", metavar="DIR", help="also write report.json, report.html, report.txt and charts here")
    p.add_argument("--evidence", type=int, default=10, metavar="N", help="strongest evidence sentences (10)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `dyad` command."""
    p = sub.add_parser("dyad", help="report how the relationship between two actors is moving")
    p.add_argument("a", metavar="A", help="first actor: a country (RUS) or a code prefix (RUSMIL)")
    p.add_argument("b", metavar="B", help="second actor")
    add_report_arguments(p)
    p.add_argument("--sectors", help="only events whose two actors are of these sectors, e.g. MIL,GOV")
    p.add_argument("--since", help="first date, YYYY-MM-DD (or YYYY-MM, YYYY: from its first day)")
    p.add_argument("--until", help="last date, YYYY-MM-DD (inclusive; or YYYY-MM, YYYY: to its last day)")
    p.add_argument(
        "--coder", action="append", metavar="NAME",
        help="only this coder's events (default: all but imported datasets; the one dataset of a store that holds "
        "only imported data)",
    )
    p.add_argument(
        "--ref",
        nargs=2,
        action="append",
        metavar=("A", "B"),
        help="a reference dyad to compare with (repeatable; default USA JPN, IND CHN, USA CHN, RUS UKR)",
    )
    p.set_defaults(func=run)


def emit(report: dict[str, Any], fmt: str, out_dir: str | None) -> None:
    """Print the report in `fmt` and, with `out_dir`, write every format and the charts there."""
    from ..analysis import render_html, render_text, write_report
    from ..errors import LegationError

    if out_dir:
        try:
            paths = write_report(report, out_dir)
        except OSError as exc:
            raise LegationError("E073", where=out_dir, detail=exc.strerror or str(exc)) from None
        print(f"report written: {', '.join(str(p) for p in paths.values())}", file=sys.stderr)
    if fmt == "json":
        print(json.dumps(report, indent=1, ensure_ascii=False))
    elif fmt == "html":
        print(render_html(report))
    else:
        print(render_text(report))


def run(args: argparse.Namespace) -> int:
    """Build and print the dyad report."""
    from ..analysis import dyad_report
    from ..analysis.periods import first_day, last_day
    from ..store import open_store
    from ..store.imports import default_coders

    sectors = [s.strip().upper() for s in args.sectors.split(",") if s.strip()] if args.sectors else None
    refs = [tuple(r) for r in args.ref] if args.ref else None
    store = open_store(args.db)
    report = dyad_report(
        store, args.a, args.b, freq=args.freq, sectors=sectors, refs=refs,
        since=first_day(args.since), until=last_day(args.until), evidence=args.evidence,
        coders=default_coders(store, args.coder),
    )  # fmt: skip
    emit(report, args.format, args.out)
    return 0
