"""Comparison: a dyad against reference dyads on the same indicators, with an alignment score and its parts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..store import Store
from .series import DyadSeries, dyad_series, totals

# Contrasting pairs: a treaty alliance, two rivalries, a war.
DEFAULT_REFERENCES: tuple[tuple[str, str], ...] = (("USA", "JPN"), ("IND", "CHN"), ("USA", "CHN"), ("RUS", "UKR"))

# name, weight, definition. Each component lies in [0, 1]; 1 is the aligned end.
COMPONENTS: tuple[tuple[str, float, str], ...] = (
    ("cooperation_balance", 0.30, "(cooperation - conflict) / events, mapped from [-1, 1] to [0, 1]"),
    ("goldstein", 0.20, "mean Goldstein value, mapped from [-10, 10] to [0, 1]"),
    ("military_cooperation", 0.25, "military cooperation / events"),
    ("high_level_ties", 0.15, "(visits + agreements) / events, at most 1"),
    ("non_hostility", 0.10, "1 - hostile acts / events"),
)


def alignment(profile: dict[str, Any]) -> dict[str, Any]:
    """The alignment score of a dyad's totals, always with its components (value, weight, contribution)."""
    events = profile.get("events") or 0
    out: dict[str, Any] = {"score": None, "scale": "0 (hostile) to 1 (aligned)", "components": []}
    if not events:
        out["note"] = "no story events between the two sides"
        return out
    goldstein = profile.get("goldstein_mean") or 0.0
    values = {
        "cooperation_balance": ((profile["cooperation"] - profile["conflict"]) / events + 1) / 2,
        "goldstein": (goldstein + 10) / 20,
        "military_cooperation": profile["military_cooperation"] / events,
        "high_level_ties": min(1.0, (profile["visits"] + profile["agreements"]) / events),
        "non_hostility": 1 - profile["hostile"] / events,
    }
    score = 0.0
    for name, weight, definition in COMPONENTS:
        contribution = weight * values[name]
        score += contribution
        out["components"].append({
            "name": name, "value": round(values[name], 4), "weight": weight,
            "contribution": round(contribution, 4), "definition": definition,
        })  # fmt: skip
    out["score"] = round(score, 4)
    return out


def profile_of(series: DyadSeries) -> dict[str, Any]:
    """A dyad's totals over its series, with its alignment."""
    out = {"dyad": series.dyad["label"], **totals(series.rows)}
    out["alignment"] = alignment(out)
    return out


def _distance(one: dict[str, Any], other: dict[str, Any]) -> float | None:
    a = {c["name"]: c["value"] for c in one["alignment"]["components"]}
    b = {c["name"]: c["value"] for c in other["alignment"]["components"]}
    if not a or not b:
        return None
    return round(math.sqrt(sum((a[k] - b[k]) ** 2 for k in a)), 4)


def compare_profiles(subject: dict[str, Any], references: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The subject's profile beside the references', each with its component distance to the subject."""
    refs = []
    for ref in references:
        refs.append({**ref, "distance": _distance(subject, ref)})
    ranked = sorted((r for r in refs if r["distance"] is not None), key=lambda r: r["distance"])
    return {
        "dyad": subject,
        "references": refs,
        "closest": ranked[0]["dyad"] if ranked else None,
        "method": "distance = Euclidean distance between the alignment components",
    }


def reference_profiles(
    store: Store,
    dyad: tuple[str, str],
    refs: Sequence[tuple[str, str]] | None = None,
    freq: str = "year",
    sectors: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    coders: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The profiles of the reference dyads (the default set when `refs` is None), leaving out `dyad` itself."""
    seen = {frozenset((dyad[0].upper(), dyad[1].upper()))}
    profiles = []
    for first, second in refs if refs is not None else DEFAULT_REFERENCES:
        key = frozenset((first.upper(), second.upper()))
        if key in seen:
            continue
        seen.add(key)
        profiles.append(profile_of(dyad_series(store, first, second, freq, sectors, since, until, coders)))
    return profiles


def compare(
    store: Store,
    dyad: tuple[str, str],
    refs: Sequence[tuple[str, str]] | None = None,
    freq: str = "year",
    sectors: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    coders: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Compare a dyad with reference dyads in the same store on the same indicators and alignment components."""
    subject = profile_of(dyad_series(store, dyad[0], dyad[1], freq, sectors, since, until, coders))
    return compare_profiles(subject, reference_profiles(store, dyad, refs, freq, sectors, since, until, coders))
