"""Watch: poll feeds or URLs on an interval, ingest what is new, and report alerts that were not there before."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import LegationError
from ..store import Store, resolve_db_path
from .alerts import AlertRule, alert_key, find_alerts

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """Seconds in an interval such as 15m, 30s, 1h, 1d or 900 (seconds); raises E071 otherwise."""
    found = _INTERVAL.match(text or "")
    if not found or float(found.group(1)) <= 0:
        raise LegationError("E071", detail=text)
    return float(found.group(1)) * _UNITS[(found.group(2) or "s").lower()]


def current_alert_keys(db: str | os.PathLike[str] | None, rule: AlertRule) -> set[tuple[str, str, str, str]]:
    """The keys of the alerts the store raises now (none when there is no store yet)."""
    if not resolve_db_path(db).exists():
        return set()
    return {alert_key(a) for a in find_alerts(Store(db, read_only=True), rule, evidence=0)}


def watch(
    sources: Sequence[str],
    db: str | os.PathLike[str] | None = None,
    every: float = 900.0,
    polls: int | None = None,
    rule: AlertRule | None = None,
    on_alert: Callable[[dict[str, Any]], None] | None = None,
    on_poll: Callable[[int, Any, list[dict[str, Any]]], None] | None = None,
    follow_links: bool = False,
    evidence: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll `sources` every `every` seconds (`polls` times, or until interrupted); return the new alerts' count.

    Each poll ingests what is new; when anything was stored, alerts are computed and each one not seen
    before (in the store as it was at the start, or in an earlier poll) goes to `on_alert`.
    """
    from ..ingest import run as ingest

    rule = rule or AlertRule()
    seen = current_alert_keys(db, rule)
    log.info("watch: %d alerts already in the store", len(seen))
    total = 0
    poll = 0
    while True:
        poll += 1
        new: list[dict[str, Any]] = []
        report = None
        try:
            report = ingest(list(sources), db, follow_links=follow_links)
        except LegationError as exc:  # the store is busy: try again at the next poll
            log.warning("watch: poll %d skipped: %s", poll, exc)
        if report is not None and report.stored:
            for alert in find_alerts(Store(db, read_only=True), rule, evidence=evidence):
                key = alert_key(alert)
                if key in seen:
                    continue
                seen.add(key)
                new.append(alert)
                if on_alert:
                    on_alert(alert)
        total += len(new)
        if on_poll:
            on_poll(poll, report, new)
        log.info("watch: poll %d stored %d articles, %d new alerts", poll, report.stored if report else 0, len(new))
        if polls is not None and poll >= polls:
            return total
        sleep(every)
