"""`legation alerts`: dyads whose cooperation or conflict moved past a z-score against a rolling baseline."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis import AlertRule


def add_rule_arguments(p: argparse.ArgumentParser) -> None:
    """The alert rule's options, shared by `alerts` and `watch`."""
    p.add_argument("--db", help="store file (default: $LEGATION_DB or ./legation.duckdb)")
    p.add_argument("--freq", choices=["week", "month", "quarter", "year"], default="month", help="period (month)")
    p.add_argument("--window", type=int, default=6, help="baseline periods before the one tested (6)")
    p.add_argument("--threshold", type=float, default=2.0, help="|z| that raises an alert (2.0)")
    p.add_argument("--min-events", type=int, default=2, help="story events a rise needs (2)")
    p.add_argument("--indicator", action="append", choices=["cooperation", "conflict", "military_cooperation",
                   "hostile", "visits", "agreements"], help="indicator to watch (repeatable; default cooperation "
                   "and conflict)")  # fmt: skip
    p.add_argument("--format", choices=["text", "json", "jsonl"], default="text")


def rule_from_args(args: argparse.Namespace) -> AlertRule:
    """The AlertRule the arguments describe."""
    from ..analysis import AlertRule

    rule = AlertRule(freq=args.freq, window=args.window, threshold=args.threshold, min_events=args.min_events)
    if args.indicator:
        rule.indicators = tuple(args.indicator)
    return rule


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `alerts` command."""
    p = sub.add_parser("alerts", help="early warning: dyads whose cooperation or conflict moved sharply")
    add_rule_arguments(p)
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="only this dyad")
    p.add_argument("--since", help="only alerts for periods ending on or after this date (YYYY-MM-DD)")
    p.add_argument("--evidence", type=int, default=3, metavar="N", help="events shown per alert (3)")
    p.add_argument(
        "--coder",
        action="append",
        metavar="NAME",
        help="only events of this coder (repeatable; default: all but imported datasets; the one dataset of a store "
        "that holds only imported data)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the alerts, newest first."""
    from ..analysis import describe, find_alerts
    from ..store import open_store
    from ..store.imports import default_coders

    dyad = (args.dyad[0], args.dyad[1]) if args.dyad else None
    store = open_store(args.db)
    alerts = find_alerts(
        store, rule_from_args(args), dyad=dyad, since=args.since, evidence=args.evidence,
        coders=default_coders(store, args.coder),
    )  # fmt: skip
    if args.format == "json":
        print(json.dumps(alerts, indent=1, ensure_ascii=False))
    elif args.format == "jsonl":
        for alert in alerts:
            print(json.dumps(alert, ensure_ascii=False))
    else:
        for alert in alerts:
            print(describe(alert))
        if not alerts:
            print("no alerts")
    return 0
