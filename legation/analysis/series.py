"""Dyad time series: story events between two actors per period, by indicator, normalised by volume."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..store import Store
from ..store.analysis_queries import UnitFilter, story_events, story_volume_by_day
from .indicators import INDICATORS, classify
from .periods import AUTO, auto_freq, period_of, period_range

NORMALISED = ("events", "cooperation", "conflict", "military_cooperation")


@dataclass(slots=True)
class DyadSeries:
    """A dyad's series: one row per period, and the story events behind it (each with its period)."""

    dyad: dict[str, Any]
    freq: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)

    def values(self, key: str, normalised: bool = False) -> list[float | None]:
        """One indicator's value per period (the share of the period's volume when `normalised`)."""
        if normalised:
            return [row["normalised"][key] for row in self.rows]
        return [row[key] for row in self.rows]

    @property
    def labels(self) -> list[str]:
        """The period labels, oldest first."""
        return [row["period"] for row in self.rows]


def dyad_label(first: str, second: str) -> str:
    """How a dyad is written: RUS–CHN."""
    return f"{first}–{second}"


def empty_row(period: str, start: str, end: str, volume: int) -> dict[str, Any]:
    """A period's row with nothing counted yet."""
    row: dict[str, Any] = {"period": period, "start": start, "end": end, "events": 0, "reports": 0}
    row.update(dict.fromkeys(INDICATORS, 0))
    row.update({"goldstein_sum": 0.0, "goldstein_mean": None, "quad_class": {str(q): 0 for q in range(1, 5)}})
    row.update({"plover": {}, "volume": volume, "normalised": dict.fromkeys(NORMALISED)})
    return row


def volume_by_period(volume: Iterable[tuple[str, int]], freq: str) -> Counter[str]:
    """Story events of any actors per period label."""
    out: Counter[str] = Counter()
    for day, count in volume:
        period = period_of(day, freq)
        if period:
            out[period] += count
    return out


def build_rows(
    units: Sequence[dict[str, Any]],
    volume: Sequence[tuple[str, int]],
    freq: str,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Series rows for every period of the store's span (zeros where the dyad is silent); tags `units`."""
    days = [day for day, _ in volume]
    if not days:
        return []
    first = max(days[0], since) if since else days[0]
    last = min(days[-1], until) if until else days[-1]
    per_period = volume_by_period(volume, freq)
    rows = {
        name: empty_row(name, start.isoformat(), end.isoformat(), per_period.get(name, 0))
        for name, start, end in period_range(first, last, freq)
    }
    for unit in units:
        unit["period"] = period_of(unit["day"], freq) if unit.get("day") else None
        unit["indicators"] = sorted(classify(unit))
        row = rows.get(unit["period"] or "")
        if row is None:
            continue
        row["events"] += 1
        row["reports"] += int(unit.get("reports") or 1)
        for name in unit["indicators"]:
            row[name] += 1
        quad = unit.get("quad_class")
        if quad is not None:
            row["quad_class"][str(quad)] = row["quad_class"].get(str(quad), 0) + 1
        plover = unit.get("plover_type") or "NONE"
        row["plover"][plover] = row["plover"].get(plover, 0) + 1
        row["goldstein_sum"] += float(unit.get("goldstein") or 0.0)
    for row in rows.values():
        row["goldstein_sum"] = round(row["goldstein_sum"], 3)
        if row["events"]:
            row["goldstein_mean"] = round(row["goldstein_sum"] / row["events"], 3)
        row["plover"] = dict(sorted(row["plover"].items()))
        if row["volume"]:
            row["normalised"] = {k: round(row[k] / row["volume"], 4) for k in NORMALISED}
    return list(rows.values())


def dyad_series(
    store: Store,
    first: str,
    second: str,
    freq: str = "quarter",
    sectors: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    coders: Sequence[str] | None = None,
) -> DyadSeries:
    """The dyad's series from the store: story events per period by quad class, PLOVER type and indicator.

    `freq` is week, month, quarter, year, or auto (chosen from the span of the store, see `auto_freq`);
    `coders` limits the events to those coders (default: every coder but imported datasets).
    """
    flt = UnitFilter(
        pair=(first, second), sectors=tuple(sectors) if sectors else None, since=since, until=until,
        coders=tuple(coders) if coders else None,
    )  # fmt: skip
    units = list(story_events(store, flt))
    volume = story_volume_by_day(store, flt)
    if freq == AUTO:
        freq = auto_freq(since or (volume[0][0] if volume else None), until or (volume[-1][0] if volume else None))
    rows = build_rows(units, volume, freq, since, until)
    dyad = {"a": first.upper(), "b": second.upper(), "sectors": list(sectors) if sectors else None,
            "label": dyad_label(first.upper(), second.upper())}  # fmt: skip
    return DyadSeries(dyad, freq, rows, [u for u in units if u.get("period")])


def totals(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The indicators summed over the rows, with the Goldstein mean and the share of volume."""
    out: dict[str, Any] = {k: sum(r[k] for r in rows) for k in ("events", "reports", *INDICATORS, "volume")}
    goldstein = sum(r["goldstein_sum"] for r in rows)
    out["goldstein_sum"] = round(goldstein, 3)
    out["goldstein_mean"] = round(goldstein / out["events"], 3) if out["events"] else None
    out["normalised"] = {k: (round(out[k] / out["volume"], 4) if out["volume"] else None) for k in NORMALISED}
    return out
