"""The dashboard's charts: data from the Dashboard turned into linked SVG (see `svg`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from . import svg, worldmap


def events_url(**params: Any) -> str:
    """The events page filtered by `params` (None values left out)."""
    query = urlencode({k: ("true" if v is True else v) for k, v in params.items() if v not in (None, False, "")})
    return "/events" + (f"?{query}" if query else "")


def dyad_url(a: str, b: str) -> str:
    """The dyad page of two sides."""
    return f"/dyads/{quote(a, safe='')}/{quote(b, safe='')}"


def volume_chart(volume: Sequence[dict[str, Any]]) -> str:
    """Story events per month as bars; each bar opens that month's events."""
    bars = []
    for i, row in enumerate(volume):
        month = row["month"]
        axis = month[:4] if i == 0 or month.endswith("-01") else None
        bars.append({"value": row["stories"], "href": events_url(since=month, until=month), "axis": axis,
                     "tip": f"{month}: {row['stories']} story events"})  # fmt: skip
    return svg.bar_chart(bars, "Story events per month (click a bar for its events)")


def timeline_chart(report: dict[str, Any]) -> str:
    """Cooperation, conflict and military cooperation per period; each period opens its events."""
    a, b = report["dyad"]["a"], report["dyad"]["b"]
    periods = []
    for row in report["series"]:
        tip = (f"{row['period']}: {row['cooperation']} cooperation, {row['conflict']} conflict, "
               f"{row['military_cooperation']} military cooperation ({row['events']} story events in "
               f"{row['reports']} reports; click for every report)")  # fmt: skip
        periods.append({
            "label": row["period"], "tip": tip,
            "values": {k: row[k] for k in ("cooperation", "conflict", "military_cooperation")},
            "href": events_url(source=a, target=b, undirected=True, since=row["start"], until=row["end"]),
        })  # fmt: skip
    lines = [("cooperation", "cooperation", svg.COOPERATION, False), ("conflict", "conflict", svg.CONFLICT, False),
             ("military_cooperation", "military cooperation", svg.MILITARY, True)]  # fmt: skip
    return svg.line_chart(periods, lines, f"{report['dyad']['label']}: story events per {report['freq']}")


def places_map(places: Sequence[dict[str, Any]], label: str, map_id: str = "worldmap") -> str:
    """Event places on the world map (`worldmap`); each circle opens its first event, its hover text names
    the place, its events, and the precision and basis of the location."""
    points = []
    for place in places:
        colour = svg.COOPERATION if place["cooperation"] >= place["conflict"] else svg.CONFLICT
        points.append({**place, "colour": colour, "href": f"/events/{quote(place['event_id'], safe='')}"})
    return worldmap.world_map(points, label, map_id=map_id)


def network_chart(network: dict[str, Any]) -> str:
    """Sides on a circle joined by their story events; a side opens its events, a line its dyad page."""
    nodes = [{"id": n["id"], "label": n["id"], "weight": n["stories"], "href": events_url(actor=n["id"]),
              "tip": f"{n['id']}: {n['stories']} story events with the others"} for n in network["nodes"]]  # fmt: skip
    edges = [{**e, "href": dyad_url(e["a"], e["b"]),
              "tip": f"{e['a']}–{e['b']}: {e['stories']} story events, {e['cooperation']} cooperation, "
                     f"{e['conflict']} conflict"} for e in network["edges"]]  # fmt: skip
    return svg.network(nodes, edges, "Who interacts with whom (story events between the busiest sides)")
