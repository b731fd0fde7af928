"""Our coding of a dyad beside an imported dataset's, period by period, with a summary of their overlap.

Both sides are the analysis's dyad series (`legation.analysis.dyad_series`): story events between the two
actors in either direction, counted once per story cluster, so that the same question is asked of both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import LegationError
from ...store import Store
from ...store.analysis_queries import IMPORTED_CODERS
from ...store.imports import coder_spans

FREQS = ("week", "month", "quarter", "year")


@dataclass(slots=True)
class SideStats:
    """One side's story events in one period: counts by quad class, reports, Goldstein mean, stories."""

    events: int = 0
    reports: int = 0
    quad: tuple[int, int, int, int] = (0, 0, 0, 0)
    goldstein: float | None = None
    stories: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        q1, q2, q3, q4 = self.quad
        return {"events": self.events, "reports": self.reports, "q1": q1, "q2": q2, "q3": q3, "q4": q4,
                "goldstein": self.goldstein, "stories": self.stories}  # fmt: skip


@dataclass(slots=True)
class Comparison:
    """Our coding and an imported dataset for one dyad, period by period, with an overlap summary."""

    dyad: tuple[str, str]
    ours: list[str]
    dataset: str
    since: str | None
    until: str | None
    freq: str
    periods: list[tuple[str, SideStats, SideStats]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "dyad": list(self.dyad), "ours": self.ours, "dataset": self.dataset, "since": self.since,
            "until": self.until, "freq": self.freq,
            "periods": [{"period": p, "ours": o.to_dict(), "dataset": t.to_dict()} for p, o, t in self.periods],
            "summary": self.summary,
        }  # fmt: skip


def _sides(
    spans: dict[str, tuple[int, str | None, str | None]], dataset: str | None, ours: Sequence[str] | None, where: str
) -> tuple[str, list[str]]:
    imported = [c for c in spans if c in IMPORTED_CODERS]
    if dataset is None:
        if not imported:
            raise LegationError("E095", where=where)
        if len(imported) > 1:
            raise LegationError("E096", where=where, detail=", ".join(imported), limit="--dataset")
        dataset = imported[0]
    elif dataset not in spans:
        raise LegationError("E097", where=where, detail=dataset, limit=", ".join(imported) or "none")
    mine = list(ours) if ours else [c for c in spans if c not in IMPORTED_CODERS]
    return dataset, [c for c in mine if c != dataset]


def _common_dates(
    spans: dict[str, tuple[int, str | None, str | None]], ours: list[str], dataset: str
) -> tuple[str | None, str | None]:
    """The first and last date both sides cover, or (None, None) when they do not meet."""
    firsts = [spans[c][1] for c in ours if c in spans and spans[c][1]]
    lasts = [spans[c][2] for c in ours if c in spans and spans[c][2]]
    _, first, last = spans[dataset]
    if not firsts or not first or not last:
        return None, None
    start, end = max(min(firsts), first), min(max(lasts), last)
    return (start, end) if start <= end else (None, None)


def _per_period(series: Any) -> dict[str, SideStats]:
    stories: dict[str, set[str]] = {}
    for unit in series.units:
        stories.setdefault(unit["period"], set()).add(unit["story"])
    out = {}
    for row in series.rows:
        q1, q2, q3, q4 = (int(row["quad_class"].get(str(q), 0)) for q in range(1, 5))
        stats = SideStats(row["events"], row["reports"], (q1, q2, q3, q4), row["goldstein_mean"])
        stats.stories = len(stories.get(row["period"], ()))
        out[row["period"]] = stats
    return out


def compare_dyad(
    store: Store,
    dyad: tuple[str, str],
    dataset: str | None = None,
    ours: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    freq: str = "month",
) -> Comparison:
    """Our coding beside an imported dataset for one dyad, per period (default: the dates both cover)."""
    from ...analysis import dyad_series

    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    spans = coder_spans(store)
    dataset, mine = _sides(spans, dataset, ours, str(store.path))
    if since is None and until is None:
        since, until = _common_dates(spans, mine, dataset)
    out = Comparison(dyad, mine, dataset, since, until, freq)
    a, b = dyad
    our_series = dyad_series(store, a, b, freq, since=since, until=until, coders=mine) if mine else None
    their_series = dyad_series(store, a, b, freq, since=since, until=until, coders=[dataset])
    our_rows = _per_period(our_series) if our_series else {}
    their_rows = _per_period(their_series)
    out.periods = [(p, our_rows.get(p, SideStats()), their_rows.get(p, SideStats()))
                   for p in sorted(our_rows.keys() | their_rows.keys())]  # fmt: skip
    out.summary = _summary(out.periods, our_series.units if our_series else [], their_series.units)
    return out


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return round(sxy / math.sqrt(sxx * syy), 3) if sxx and syy else None


def _share(part: set, whole: set) -> float | None:
    return round(len(part & whole) / len(part), 3) if part else None


def _summary(periods: list[tuple[str, SideStats, SideStats]], ours: list[dict], theirs: list[dict]) -> dict[str, Any]:
    """Totals per side, which periods both cover, count correlation and same-day agreement."""
    out: dict[str, Any] = {}
    for name, sides in (("ours", [p[1] for p in periods]), ("dataset", [p[2] for p in periods])):
        gold = [(s.goldstein, s.events) for s in sides if s.goldstein is not None]
        weight = sum(n for _, n in gold)
        out[name] = {
            "events": sum(s.events for s in sides),
            "reports": sum(s.reports for s in sides),
            "stories": sum(s.stories for s in sides),
            "quad": [sum(s.quad[q] for s in sides) for q in range(4)],
            "goldstein": round(sum(g * n for g, n in gold) / weight, 3) if weight else None,
        }
    out["periods"] = len(periods)
    out["periods_both"] = sum(1 for _, o, t in periods if o.events and t.events)
    out["periods_only_ours"] = sum(1 for _, o, t in periods if o.events and not t.events)
    out["periods_only_dataset"] = sum(1 for _, o, t in periods if t.events and not o.events)
    out["count_correlation"] = _pearson([o.events for _, o, _ in periods], [t.events for _, _, t in periods])
    our_days, their_days = {u["day"] for u in ours}, {u["day"] for u in theirs}
    out["our_days_in_dataset"] = _share(our_days, their_days)
    our_quads = {(u["day"], u["quad_class"]) for u in ours}
    out["our_day_quads_in_dataset"] = _share(our_quads, {(u["day"], u["quad_class"]) for u in theirs})
    return out
