"""Early warning: dyads whose cooperation or conflict moved past a z-score against a rolling baseline."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..store import Store
from ..store.analysis_queries import UnitFilter, story_events, story_volume_by_day
from .evidence import strongest
from .indicators import classify
from .periods import period_of, period_range
from .series import dyad_label, volume_by_period

ALERT_INDICATORS = ("cooperation", "conflict")


@dataclass(slots=True)
class AlertRule:
    """The alert rule's settings (docs/analysis.md explains each)."""

    freq: str = "month"
    window: int = 6  # baseline: this many periods before the one tested
    threshold: float = 2.0  # |z| at or above which a period alerts
    min_events: int = 2  # a rise needs this many story events; a fall this many expected
    min_baseline: int = 3  # baseline periods with any coded events needed to test a period
    indicators: tuple[str, ...] = ALERT_INDICATORS


def score_period(
    count: int, volume: int, baseline: Sequence[tuple[int, int]], min_baseline: int = 3
) -> dict[str, float] | None:
    """z of a period's count against its baseline [(count, volume), ...]; None when the baseline is too thin.

    The expected count is the baseline's pooled share of volume times this period's volume, so a rise in
    overall coverage raises the expectation. The spread is the larger of the Poisson spread of the expected
    count (at least 1) and the baseline shares' standard deviation scaled to this period's volume.
    """
    usable = [(c, v) for c, v in baseline if v > 0]
    if volume <= 0 or len(usable) < min_baseline:
        return None
    share = sum(c for c, _ in usable) / sum(v for _, v in usable)
    expected = share * volume
    shares = [c / v for c, v in usable]
    spread = statistics.stdev(shares) * volume if len(shares) > 1 else 0.0
    sd = max(math.sqrt(max(expected, 1.0)), spread)
    return {"expected": round(expected, 4), "sd": round(sd, 4), "z": round((count - expected) / sd, 4),
            "share": round(share, 6)}  # fmt: skip


def _counts(store: Store, rule: AlertRule, flt: UnitFilter) -> dict[tuple[str, str], dict[str, Counter[str]]]:
    counts: dict[tuple[str, str], dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for unit in story_events(store, flt):
        period = period_of(unit["day"], rule.freq) if unit.get("day") else None
        if period is None:
            continue
        for name in classify(unit) & set(rule.indicators):
            counts[(unit["side_a"], unit["side_b"])][name][period] += 1
    return counts


def find_alerts(
    store: Store,
    rule: AlertRule | None = None,
    dyad: tuple[str, str] | None = None,
    sectors: Sequence[str] | None = None,
    since: str | None = None,
    evidence: int = 5,
    coders: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Alerts for every dyad (or one), newest period first, each with the story events that moved it."""
    rule = rule or AlertRule()
    flt = UnitFilter(pair=dyad, sectors=tuple(sectors) if sectors else None, coders=tuple(coders) if coders else None)
    volume = story_volume_by_day(store, flt)
    if not volume:
        return []
    per_period = volume_by_period(volume, rule.freq)
    periods = period_range(volume[0][0], volume[-1][0], rule.freq)
    alerts = []
    for (side_a, side_b), by_indicator in sorted(_counts(store, rule, flt).items()):
        for indicator, counts in sorted(by_indicator.items()):
            for i, (name, start, end) in enumerate(periods):
                if since and end.isoformat() < since:
                    continue
                window = periods[max(0, i - rule.window) : i]
                if not window:
                    continue
                baseline = [(counts.get(p, 0), per_period.get(p, 0)) for p, _, _ in window]
                count, vol = counts.get(name, 0), per_period.get(name, 0)
                scored = score_period(count, vol, baseline, rule.min_baseline)
                if scored is None or abs(scored["z"]) < rule.threshold:
                    continue
                rising = scored["z"] > 0
                if (count if rising else scored["expected"]) < rule.min_events:
                    continue
                alerts.append({
                    "dyad": dyad_label(side_a, side_b), "a": side_a, "b": side_b, "indicator": indicator,
                    "period": name, "start": start.isoformat(), "end": end.isoformat(),
                    "direction": "up" if rising else "down", "count": count, "volume": vol, **scored,
                    "threshold": rule.threshold, "freq": rule.freq,
                    "baseline": {"periods": len(window), "from": window[0][0], "to": window[-1][0],
                                 "counts": [c for c, _ in baseline], "volumes": [v for _, v in baseline]},
                })  # fmt: skip
    alerts.sort(key=lambda a: (a["start"], abs(a["z"])), reverse=True)
    for alert in alerts:
        alert["events"] = _evidence(store, alert, flt, evidence)
    return alerts


def _evidence(store: Store, alert: dict[str, Any], flt: UnitFilter, limit: int) -> list[dict]:
    if limit <= 0:
        return []
    period = UnitFilter(pair=(alert["a"], alert["b"]), sectors=flt.sectors, since=alert["start"],
                        until=alert["end"], coders=flt.coders)  # fmt: skip
    units = []
    for unit in story_events(store, period):
        unit["period"] = alert["period"]
        unit["indicators"] = sorted(classify(unit))
        units.append(unit)
    return strongest(units, limit, indicator=alert["indicator"])


def alert_key(alert: dict[str, Any]) -> tuple[str, str, str, str]:
    """What makes an alert the same alert on a later run: dyad, indicator, period and direction."""
    return (alert["dyad"], alert["indicator"], alert["period"], alert["direction"])


def describe(alert: dict[str, Any]) -> str:
    """One line for an alert: period, dyad, indicator, count against expectation, and the top event."""
    line = (
        f"{alert['period']}  {alert['dyad']}  {alert['indicator']} {alert['direction']}: {alert['count']} stories "
        f"(expected {alert['expected']:.1f}, z={alert['z']:+.1f})"
    )
    if alert.get("events"):
        top = alert["events"][0]
        line += f" - {top.get('evidence') or top['sentence']} [{top['article']['title'] or top['article']['id']}]"
    return line
