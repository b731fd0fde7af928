"""The dyad report: indicators, trend, change points, evidence and comparison as one JSON-ready dict, and text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import LegationError
from ..store import Store
from .compare import COMPONENTS, compare_profiles, profile_of, reference_profiles
from .evidence import evidence_item, strongest
from .indicators import DEFINITIONS
from .periods import PER_YEAR
from .series import NORMALISED, DyadSeries, dyad_series, totals
from .trend import PENALTY, change_points, linear_trend

TREND_INDICATORS = ("events", "cooperation", "conflict", "military_cooperation", "goldstein_mean")
CHANGE_INDICATORS = ("cooperation", "conflict", "military_cooperation")
COUNTING = (
    "Each event is counted once per story cluster (syndicated copies of a story are one story); 'reports' "
    "counts the articles and exact copies that carried it. Shares divide by all story events coded in the "
    "period, so that more coverage does not pass for more cooperation."
)


def trends(series: DyadSeries) -> dict[str, Any]:
    """Slope and confidence interval of each indicator, per period and per year, raw and as a share of volume."""
    out: dict[str, Any] = {}
    per_year = PER_YEAR[series.freq]
    for name in TREND_INDICATORS:
        fit = linear_trend(series.values(name))
        fit["unit"] = "Goldstein points" if name == "goldstein_mean" else f"stories per {series.freq}"
        fit["per_year"] = round(fit["slope"] * per_year, 6) if fit["slope"] is not None else None
        if name in NORMALISED:
            share = linear_trend(series.values(name, normalised=True))
            share["unit"] = f"share of all coded stories, per {series.freq}"
            fit["share"] = share
        out[name] = fit
    return out


def changes(series: DyadSeries, penalty: float = PENALTY) -> dict[str, list[dict[str, Any]]]:
    """Change points of the cooperation, conflict and military cooperation counts."""
    return {name: change_points(series.values(name), series.labels, penalty) for name in CHANGE_INDICATORS}


def _summary(report: dict[str, Any]) -> list[str]:
    dyad, t, freq = report["dyad"]["label"], report["totals"], report["freq"]
    span = report["range"]
    lines = [
        f"{dyad}: {t['events']} story events ({t['reports']} reports) from {span['from']} to {span['to']}: "
        f"cooperation {t['cooperation']}, conflict {t['conflict']}, military cooperation "
        f"{t['military_cooperation']}, visits {t['visits']}, agreements {t['agreements']}, hostile {t['hostile']}."
    ]
    if not t["events"]:
        a, b = report["dyad"]["a"], report["dyad"]["b"]
        lines.append(f"No story events between {a} and {b}; check the codes with: legation events --actor {a}")
    for name in ("military_cooperation", "cooperation", "conflict"):
        fit, title = report["trend"][name], name.replace("_", " ").capitalize()
        if fit["slope"] is None:
            continue
        if not t[name]:
            lines.append(f"{title}: none in the period.")
            continue
        share = fit.get("share", {}).get("direction", "not enough data")
        lines.append(
            f"{title}: {fit['direction']}, {fit['slope']:+.3f} stories per {freq} "
            f"(95% CI {fit['ci'][0]:+.3f} to {fit['ci'][1]:+.3f}); as a share of all coded stories: {share}."
        )
    for name, points in report["change_points"].items():
        for cp in points:
            lines.append(
                f"{name.replace('_', ' ').capitalize()} stepped {cp['direction']} at {cp['period']} "
                f"(from {cp['before']:.2f} to {cp['after']:.2f} stories per {freq})."
            )
    align = report["comparison"]["dyad"]["alignment"]
    if align["score"] is not None:
        parts = ", ".join(
            f"{c['name'].replace('_', ' ')} {c['value']:.2f} x {c['weight']}" for c in align["components"]
        )
        closest = report["comparison"].get("closest")
        lines.append(
            f"Alignment {align['score']:.2f} on a scale of {align['scale']} = {parts}"
            + (f"; closest reference dyad: {closest}." if closest else ".")
        )
    return lines


def dyad_report(
    store: Store,
    first: str,
    second: str,
    freq: str = "auto",
    sectors: Sequence[str] | None = None,
    refs: Sequence[tuple[str, str]] | None = None,
    since: str | None = None,
    until: str | None = None,
    evidence: int = 10,
    penalty: float = PENALTY,
    coders: Sequence[str] | None = None,
) -> dict[str, Any]:
    """How a relationship is moving: series, totals, trend, change points, evidence and comparison (JSON-ready).

    Raises E070 when the store holds no dated events (or none between `since` and `until`).
    """
    series = dyad_series(store, first, second, freq, sectors, since, until, coders)
    rows, freq = series.rows, series.freq
    if not rows:
        raise LegationError("E070", where=str(store.path))
    military = [evidence_item(u) for u in series.units if "military_cooperation" in u["indicators"]]
    subject = profile_of(series)
    report: dict[str, Any] = {
        "dyad": series.dyad,
        "freq": freq,
        "range": {
            "from": rows[0]["start"] if rows else None,
            "to": rows[-1]["end"] if rows else None,
            "periods": len(rows),
        },  # fmt: skip
        "totals": totals(rows),
        "series": rows,
        "trend": trends(series),
        "change_points": changes(series, penalty),
        "evidence": strongest(series.units, evidence),
        "military_events": military,
        "comparison": compare_profiles(
            subject, reference_profiles(store, (first, second), refs, freq, sectors, since, until, coders)
        ),
        "definitions": DEFINITIONS,
        "counting": COUNTING,
    }
    report["summary"] = _summary(report)
    return report


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_text(report: dict[str, Any]) -> str:
    """The report as plain text: summary, series table, trend, change points, evidence, comparison."""
    out = [f"Relationship report {report['dyad']['label']} ({report['freq']})", ""]
    out += [f"- {line}" for line in report["summary"]]
    header = ("period", "events", "reports", "coop", "conflict", "mil.coop", "visits", "agreed", "hostile",
              "goldstein", "volume", "mil.share")  # fmt: skip
    out += ["", "  ".join(f"{h:>9}" for h in header)]
    for row in report["series"]:
        cells = (row["period"], row["events"], row["reports"], row["cooperation"], row["conflict"],
                 row["military_cooperation"], row["visits"], row["agreements"], row["hostile"],
                 row["goldstein_mean"], row["volume"], row["normalised"]["military_cooperation"])  # fmt: skip
        out.append("  ".join(f"{_fmt(c, 3 if i == 11 else 2):>9}" for i, c in enumerate(cells)))
    out += ["", "Trend (least squares, 95% CI)"]
    for name, fit in report["trend"].items():
        ci = fit["ci"] or [None, None]
        out.append(
            f"  {name:<22} {fit['direction']:<15} slope {_fmt(fit['slope'], 4)} {fit['unit']} "
            f"[{_fmt(ci[0], 4)}, {_fmt(ci[1], 4)}]"
        )
    out += ["", "Change points"]
    for name, points in report["change_points"].items():
        text = ", ".join(f"{p['period']} {p['direction']} ({p['before']:.2f} -> {p['after']:.2f})" for p in points)
        out.append(f"  {name:<22} {text or 'none'}")
    out += ["", "Strongest evidence"]
    for item in report["evidence"]:
        article = item["article"]
        out.append(f"  {item['date']}  {item['source']} {item['cameo']} {item['target']}  {item['evidence']}")
        where = f"[{article['source'] or '?'}] {article['title'] or article['id']} {article['url'] or ''}"
        out.append(f"      {where.rstrip()}")
    comparison = report["comparison"]
    out += ["", "Comparison (alignment components, 0-1; score = sum of weight x value)"]
    names = [c[0] for c in _components(comparison["dyad"])]
    out.append(f"  {'dyad':<10} {'events':>7} {'score':>6}  " + "  ".join(f"{n[:12]:>12}" for n in names))
    for profile in [comparison["dyad"], *comparison["references"]]:
        values = dict(_components(profile))
        out.append(
            f"  {profile['dyad']:<10} {profile['events']:>7} {_fmt(profile['alignment']['score']):>6}  "
            + "  ".join(f"{_fmt(values.get(n)):>12}" for n in names)
        )
    if comparison.get("closest"):
        out.append(f"  closest reference: {comparison['closest']}")
    return "\n".join(out)


def _components(profile: dict[str, Any]) -> list[tuple[str, float | None]]:
    values = {c["name"]: c["value"] for c in profile["alignment"]["components"]}
    return [(name, values.get(name)) for name, _, _ in COMPONENTS]
