"""The evidence in a text: trigger and actor spans of its events, and the text cut into marked segments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

KINDS = ("trigger", "source", "target")


def _span_of(event: dict[str, Any], kind: str) -> tuple[Any, Any]:
    if kind == "trigger":
        return event.get("trigger_start"), event.get("trigger_end")
    actor = event.get(kind) or {}
    return actor.get("start"), actor.get("end")


def highlights(text: str, events: Iterable[dict[str, Any]], shift: int = 0) -> list[dict[str, Any]]:
    """Each event's trigger, source and target as {start, end, kind, event_id, text} within `text`.

    Offsets are the document's; `shift` is subtracted (a sentence's start, to mark within the sentence).
    Spans that fall outside the text (imported events carry none) are left out.
    """
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int, str, str]] = set()
    for event in events:
        for kind in KINDS:
            start, end = _span_of(event, kind)
            if start is None or end is None:
                continue
            start, end = int(start) - shift, int(end) - shift
            key = (start, end, kind, event["id"])
            if not 0 <= start < end <= len(text) or key in seen:
                continue
            seen.add(key)
            out.append({"start": start, "end": end, "kind": kind, "event_id": event["id"], "text": text[start:end]})
    return sorted(out, key=lambda s: (s["start"], s["end"], s["kind"], s["event_id"]))


def segments(text: str, spans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every span edge: {text, start, end, kinds, events}; kinds is empty for plain text."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for start, end in pairwise(cuts):
        covering = [s for s in spans if s["start"] <= start and s["end"] >= end]
        out.append({
            "text": text[start:end], "start": start, "end": end,
            "kinds": sorted({s["kind"] for s in covering}, key=KINDS.index),
            "events": sorted({s["event_id"] for s in covering}),
        })  # fmt: skip
    return out
