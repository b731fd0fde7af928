"""The dashboard's world map: country outlines and event places as one inline SVG, zoomable by static/map.js.

Countries come from legation/data/world.json (Natural Earth 1:110m, public domain; built by
scripts/build_world.py) in an equirectangular projection. Each place is a circle (class "place") sized by
its number of events on a square-root scale, blue when mostly cooperation and red when mostly conflict, a
link to its (first) event, with a <title> naming the place, its events, the precision and the basis of the
location. Places known only from the article's country (precision "article") are drawn hollow and dashed
(class "place article"), and only when asked for. Names are in the hover titles, never as text on the map,
and there are no axis labels, so nothing overlaps or is cut off at an edge. Only SVG presentation
attributes are used (no style attributes, no inline script), for the pages' Content-Security-Policy.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

WORLD_FILE = Path(__file__).resolve().parent.parent / "data" / "world.json"
WIDTH = 960.0  # the viewBox of the whole world: 360 degrees of longitude
NORTH, SOUTH = 84.0, -58.0  # latitudes kept (Antarctica and the far north are left out)
SCALE = WIDTH / 360.0
HEIGHT = (NORTH - SOUTH) * SCALE
LEFT_OUT = frozenset({"ATA"})  # Antarctica: below the map's southern edge

COOPERATION, CONFLICT = "#1f77b4", "#d62728"  # as the other charts (svg.COOPERATION, svg.CONFLICT)
SEA, LAND, BORDER, GRATICULE = "#eef4f8", "#f3efe6", "#a9a397", "#d8e3ea"
FONT = 'font-family="system-ui, sans-serif"'
MIN_RADIUS, MAX_RADIUS = 2.5, 13.0

BASIS_TEXT = {
    "venue": "where the actors met, talked, visited or signed, named in the sentence",
    "phrase": "a place the sentence puts the event in",
    "dateline": "the article's dateline",
    "article": "only the article's country: a guess, not where the event happened",
}


@dataclass(frozen=True, slots=True)
class Country:
    """One country of the map: its ISO3 code, name and outline rings of (lon, lat) pairs."""

    iso3: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of all its rings, in degrees."""
        lons = [p[0] for ring in self.rings for p in ring]
        lats = [p[1] for ring in self.rings for p in ring]
        return min(lons), min(lats), max(lons), max(lats)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


@lru_cache(maxsize=1)
def countries(path: Path = WORLD_FILE) -> tuple[Country, ...]:
    """The shipped country outlines, loaded once, sorted by code."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Country(c["iso3"], c["name"], tuple(tuple((float(x), float(y)) for x, y in ring) for ring in c["rings"]))
        for c in data["countries"]
    )


def country(iso3: str) -> Country | None:
    """The country of an ISO3 code (RUS, FRA), or None."""
    return next((c for c in countries() if c.iso3 == iso3.upper()), None)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection: (lon, lat) in degrees to (x, y) in the map's viewBox."""
    lat = max(SOUTH, min(NORTH, lat))
    return (lon + 180.0) * SCALE, (NORTH - lat) * SCALE


def ring_path(ring: Sequence[tuple[float, float]]) -> str:
    """An SVG path command for one closed ring (consecutive points that round alike are dropped)."""
    parts: list[str] = []
    last = None
    for lon, lat in ring:
        x, y = project(lon, lat)
        point = f"{_n(x)} {_n(y)}"
        if point != last:
            parts.append(("M" if not parts else "L") + point)
            last = point
    return "".join(parts) + "Z" if len(parts) >= 3 else ""


@lru_cache(maxsize=1)
def country_paths() -> str:
    """Every country as <path class="country"> with a <title> of its name (the same for every map)."""
    out = []
    for c in countries():
        if c.iso3 in LEFT_OUT:
            continue
        d = "".join(ring_path(ring) for ring in c.rings)
        if d:
            out.append(f'<path class="country" data-iso3="{_e(c.iso3)}" d="{d}" fill="{LAND}" stroke="{BORDER}" '
                       f'stroke-width="0.6" vector-effect="non-scaling-stroke">'
                       f"<title>{_e(c.name)}</title></path>")  # fmt: skip
    return "".join(out)


def graticule(step: int = 30) -> str:
    """Faint meridians and parallels every `step` degrees (lines only: no labels to be cut off)."""
    lines = []
    for lon in range(-180 + step, 180, step):
        x, _ = project(lon, 0)
        lines.append(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="0" y2="{_n(HEIGHT)}"/>')
    for lat in range(-step * int(-SOUTH // step), int(NORTH), step):
        _, y = project(0, lat)
        lines.append(f'<line x1="0" x2="{_n(WIDTH)}" y1="{_n(y)}" y2="{_n(y)}"/>')
    return (f'<g class="graticule" stroke="{GRATICULE}" stroke-width="0.6" vector-effect="non-scaling-stroke">'
            + "".join(lines) + "</g>")  # fmt: skip


def radius(count: int, biggest: int) -> float:
    """A circle's radius: its area grows with the number of events (square-root scale)."""
    share = max(0, count) / max(1, biggest)
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(share)


def is_article_place(place: dict[str, Any]) -> bool:
    """Whether the place is only the article's country (precision or basis "article")."""
    return "article" in (place.get("precision"), place.get("basis"))


def place_title(place: dict[str, Any]) -> str:
    """The hover text of a place: name, events (cooperation, conflict), precision and basis, a sentence."""
    count = int(place.get("count") or 0)
    lines = [f"{place.get('name') or '?'}: {count} event{'' if count == 1 else 's'} "
             f"({place.get('cooperation', 0)} cooperation, {place.get('conflict', 0)} conflict)"]  # fmt: skip
    precision, basis = place.get("precision") or "unknown", place.get("basis") or "unknown"
    how = BASIS_TEXT.get(basis)
    lines.append(f"precision: {precision}; basis: {basis}" + (f" ({how})" if how else ""))
    if is_article_place(place):
        lines.append("Placed only by the article's country, not located in the text.")
    if place.get("sentence"):
        lines.append(f"“{place['sentence']}”")
    lines.append("Click for its event." if count == 1 else "Click for the first of its events.")
    return "\n".join(lines)


def place_href(place: dict[str, Any]) -> str | None:
    """The link of a place: its given href, else its first event's page."""
    if place.get("href"):
        return str(place["href"])
    first = place.get("event_id") or next(iter(place.get("event_ids") or ()), None)
    return f"/events/{quote(str(first), safe='')}" if first else None


def place_colour(place: dict[str, Any]) -> str:
    """Blue when cooperation is at least as common as conflict, else red."""
    return COOPERATION if (place.get("cooperation") or 0) >= (place.get("conflict") or 0) else CONFLICT


def place_circle(place: dict[str, Any], biggest: int) -> str:
    """One place as a linked <circle class="place"> with its hover <title>."""
    lat = max(SOUTH + 2.0, min(NORTH - 2.0, float(place["lat"])))  # a circle by the edge stays whole
    x, y = project(float(place["lon"]), lat)
    r = radius(int(place.get("count") or 1), biggest)
    colour = place.get("colour") or place_colour(place)
    article = is_article_place(place)
    look = (f'fill="#ffffff" fill-opacity="0" stroke="{colour}" stroke-width="1.6" stroke-dasharray="3 2"'
            if article else f'fill="{colour}" fill-opacity="0.72" stroke="#ffffff" stroke-width="1"')  # fmt: skip
    precision, basis = place.get("precision") or "unknown", place.get("basis") or "unknown"
    data = (f'data-name="{_e(place.get("name"))}" data-count="{int(place.get("count") or 0)}" '
            f'data-precision="{_e(precision)}" data-basis="{_e(basis)}"')  # fmt: skip
    circle = (f'<circle class="place{" article" if article else ""}" cx="{_n(x)}" cy="{_n(y)}" r="{r:.2f}" '
              f'data-r="{r:.2f}" {data} {look} vector-effect="non-scaling-stroke">'
              f"<title>{_e(place.get('tip') or place_title(place))}</title></circle>")  # fmt: skip
    href = place_href(place)
    return f'<a class="place-link" href="{_e(href)}">{circle}</a>' if href else circle


def home_view(places: Iterable[dict[str, Any]], min_width: float = 100.0) -> tuple[float, float, float, float]:
    """The first view (x, y, width, height): the places' box padded, at least `min_width` degrees wide, in
    the world's proportions and inside it; the whole world when there are no places."""
    points = [project(float(p["lon"]), float(p["lat"])) for p in places]
    if not points:
        return 0.0, 0.0, WIDTH, HEIGHT
    pad = 12 * SCALE
    xs, ys = [x for x, _ in points], [y for _, y in points]
    west, east, north, south = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    width = max(east - west, (south - north) * WIDTH / HEIGHT, min_width * SCALE)
    width = min(width, WIDTH)
    height = width * HEIGHT / WIDTH
    x = min(max(0.0, (west + east) / 2 - width / 2), WIDTH - width)
    y = min(max(0.0, (north + south) / 2 - height / 2), HEIGHT - height)
    return x, y, width, height


def world_map(places: Sequence[dict[str, Any]], label: str, *, map_id: str = "worldmap") -> str:
    """The map as HTML: zoom buttons, the SVG (outlines, graticule, place circles) and a legend.

    A place is {"lat", "lon", "name", "count", "cooperation", "conflict", "precision", "basis", "event_id"}
    with optional "event_ids", "sentence", "href", "tip" and "colour". Located places are drawn largest
    first (so small ones stay on top and clickable); article-country places, when given, go underneath.
    """
    drawable = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    biggest = max((int(p.get("count") or 1) for p in drawable), default=1)
    ordered = sorted(drawable, key=lambda p: (not is_article_place(p), -int(p.get("count") or 1), str(p.get("name"))))
    view = " ".join(_n(v) for v in home_view(p for p in drawable if not is_article_place(p)))
    whole = f"0 0 {_n(WIDTH)} {_n(HEIGHT)}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="worldmap-svg" id="{_e(map_id)}-svg" viewBox="{view}" '
           f'data-home="{view}" data-world="{whole}" width="{int(WIDTH)}" height="{int(HEIGHT)}" '
           f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{_e(label)}" {FONT} font-size="11">'
           f"<title>{_e(label)}</title>"
           f'<rect class="sea" width="{_n(WIDTH)}" height="{_n(HEIGHT)}" fill="{SEA}"/>'
           f"{graticule()}<g class=\"countries\">{country_paths()}</g>"
           f'<g class="places">{"".join(place_circle(p, biggest) for p in ordered)}</g></svg>')  # fmt: skip
    tools = ('<div class="map-tools" role="group" aria-label="Zoom the map">'
             '<button type="button" class="map-zoom" data-zoom="in" title="Zoom in" aria-label="Zoom in">+</button>'
             '<button type="button" class="map-zoom" data-zoom="out" title="Zoom out" aria-label="Zoom out">−</button>'
             '<button type="button" class="map-zoom" data-zoom="reset" title="Back to the first view" '
             'aria-label="Reset the view">reset</button>'
             '<span class="meta">Drag to pan, scroll to zoom.</span></div>')  # fmt: skip
    located = sum(1 for p in drawable if not is_article_place(p))
    legend = ('<p class="map-legend meta"><span class="key key-cooperation"></span> mostly cooperation '
              '<span class="key key-conflict"></span> mostly conflict'
              + (' <span class="key key-article"></span> only the article\'s country (a guess)'
                 if len(drawable) > located else "")
              + ". Circle area grows with the number of events; hover for place, precision and basis.</p>")  # fmt: skip
    return f'<figure class="worldmap" id="{_e(map_id)}" data-worldmap>{tools}{svg}{legend}</figure>'
