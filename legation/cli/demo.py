"""`legation demo`: ingest the demo corpus (our own articles on real events) and print the RUS–CHN report."""

from __future__ import annotations

import argparse
import sys

from .dyad import add_report_arguments, emit


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `demo` command."""
    p = sub.add_parser("demo", help="ingest the demo corpus and print the Russia-China relationship report")
    add_report_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Ingest the demo corpus (a re-run adds nothing) and print the RUS–CHN report."""
    from ..analysis import DEMO_DYAD, dyad_report, ingest_demo
    from ..store import open_store

    report = ingest_demo(args.db)
    print(
        f"demo corpus: {report.stored} new articles stored, {report.already_stored} already stored, "
        f"{report.exact_copies} exact copies, {report.events} events ({report.elapsed:.1f} s)",
        file=sys.stderr,
    )
    emit(dyad_report(open_store(args.db), *DEMO_DYAD, freq=args.freq, evidence=args.evidence), args.format, args.out)
    return 0
