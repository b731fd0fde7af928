"""`legation watch FEED_OR_URL... --every 15m`: poll, ingest what is new, print new alerts as they appear."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .alerts import add_rule_arguments, rule_from_args


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `watch` command."""
    p = sub.add_parser("watch", help="poll feeds on an interval and print new alerts")
    p.add_argument("sources", nargs="+", metavar="FEED_OR_URL", help="feed or page URL, or a local file or folder")
    p.add_argument("--every", default="15m", help="poll interval: 30s, 15m, 1h (default 15m, as GDELT)")
    p.add_argument("--polls", type=int, help="stop after this many polls (default: until interrupted)")
    p.add_argument("--follow-links", action="store_true", help="fetch the page of every feed entry")
    add_rule_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Poll until interrupted (or --polls), printing each new alert."""
    from ..analysis import describe, parse_interval, watch

    every = parse_interval(args.every)

    def on_alert(alert: dict[str, Any]) -> None:
        """Print one new alert."""
        text = json.dumps(alert, ensure_ascii=False) if args.format in ("json", "jsonl") else describe(alert)
        print(text, flush=True)

    def on_poll(number: int, report: Any, new: list[dict[str, Any]]) -> None:
        """Say on stderr what a poll did."""
        stored = report.stored if report is not None else 0
        print(f"poll {number}: {stored} new articles, {len(new)} new alerts", file=sys.stderr, flush=True)

    rule = rule_from_args(args)
    watch(args.sources, args.db, every, args.polls, rule, on_alert, on_poll, follow_links=args.follow_links)
    return 0
