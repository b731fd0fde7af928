"""Evidence: story events as citable items (sentence, trigger, article), and the strongest of them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .indicators import classify


def evidence_text(unit: dict[str, Any]) -> str:
    """The sentence, or for an imported event that has none (GDELT, ICEWS) what the dataset gives instead."""
    if unit.get("sentence"):
        return str(unit["sentence"])
    what = unit.get("cameo_name") or unit.get("cameo") or "event"
    return f"({what}; the dataset gives no sentence: see the article)"


def evidence_item(unit: dict[str, Any]) -> dict[str, Any]:
    """A story event as evidence: who did what to whom, when, the sentence (`evidence`: the sentence, or what
    an imported dataset gives instead) and the article it is from."""
    return {
        "date": unit.get("day"),
        "period": unit.get("period"),
        "source": unit.get("source_code"),
        "target": unit.get("target_code"),
        "cameo": unit.get("cameo"),
        "cameo_name": unit.get("cameo_name"),
        "plover": unit.get("plover_type"),
        "goldstein": unit.get("goldstein"),
        "indicators": unit.get("indicators") or sorted(classify(unit)),
        "modality": unit.get("modality"),
        "sentence": unit.get("sentence"),
        "evidence": evidence_text(unit),
        "trigger": unit.get("trigger"),
        "event_id": unit.get("id"),
        "story": unit.get("story"),
        "reports": unit.get("reports"),
        "article": {
            "id": unit.get("article_id"),
            "title": unit.get("title"),
            "url": unit.get("url"),
            "source": unit.get("article_source"),
            "published": unit.get("published"),
        },
    }


def strength(unit: dict[str, Any]) -> float:
    """How strongly an event speaks to the relationship: |Goldstein|, military cooperation weighted up, x reports."""
    indicators = unit.get("indicators") or classify(unit)
    weight = abs(float(unit.get("goldstein") or 0.0)) + (3.0 if "military_cooperation" in indicators else 0.0)
    return weight * (1 + math.log(max(1, int(unit.get("reports") or 1)))) * float(unit.get("confidence") or 1.0)


def strongest(units: Iterable[dict[str, Any]], limit: int = 10, indicator: str | None = None) -> list[dict[str, Any]]:
    """The `limit` strongest story events (one per story), optionally only those counted for `indicator`."""
    chosen: dict[str, dict[str, Any]] = {}
    for unit in units:
        if indicator and indicator not in (unit.get("indicators") or classify(unit)):
            continue
        story = unit.get("story") or unit.get("id") or ""
        best = chosen.get(story)
        if best is None or strength(unit) > strength(best):
            chosen[story] = unit
    ranked = sorted(chosen.values(), key=lambda u: (-strength(u), u.get("day") or "", u.get("id") or ""))
    return [evidence_item(u) for u in ranked[:limit]]
