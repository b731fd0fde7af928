"""Build legation/data/world.json, the dashboard map's country outlines (run: python scripts/build_world.py).

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (naturalearthdata.com, version 4 properties),
read from shared/reference/geo/ne_110m_admin_0_countries.geojson. Natural Earth is in the public domain
("No permission is needed to use Natural Earth"); NOTICE names it.

Each country keeps its ISO 3166-1 alpha-3 code (Natural Earth writes -99 where it has none, e.g. France and
Norway in this copy: then ISO_A3_EH, then ADM0_A3), its short name, and its outline rings as [lon, lat] pairs,
simplified with Douglas-Peucker and rounded to `DIGITS` decimals, so the file stays small. Rings that
shrink to a sliver are dropped (never a country's largest ring). Output is deterministic (sorted by code).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "legation" / "data" / "world.json"
SOURCE_NAME = "ne_110m_admin_0_countries.geojson"
TOLERANCE = 0.08  # degrees: Douglas-Peucker tolerance (the 1:110m data is already coarse)
DIGITS = 2  # decimals kept of each coordinate
MIN_AREA = 0.05  # square degrees: smaller rings are dropped unless a country has nothing larger

Point = tuple[float, float]


def reference_dir(shared: Path) -> Path:
    """The folder holding geo/: `shared/reference`, or `shared` itself."""
    return shared if (shared / "geo").is_dir() else shared / "reference"


def iso3(properties: dict[str, Any]) -> str:
    """The country's three-letter code: ISO_A3, else ISO_A3_EH, else ADM0_A3 (Natural Earth's -99 is no code)."""
    for key in ("ISO_A3", "ISO_A3_EH", "ADM0_A3", "SOV_A3"):
        value = str(properties.get(key) or "").strip().upper()
        if len(value) == 3 and value.isalpha():
            return value
    raise ValueError(f"no country code for {properties.get('ADMIN')!r}")


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance of `p` from the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas-Peucker simplification of an open line (iterative, so long rings do not recurse deeply)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[Point]) -> float:
    """The ring's area in square degrees (shoelace formula)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def clean_ring(ring: list[list[float]]) -> list[list[float]]:
    """A closed GeoJSON ring, simplified and rounded, as an open list of [lon, lat] without repeats."""
    points = [(float(x), float(y)) for x, y, *_ in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    if len(points) > 3:  # split the closed ring in two so both halves keep their far ends
        half = len(points) // 2
        points = simplify(points[: half + 1]) + simplify(points[half:] + points[:1])[1:-1]
    out: list[list[float]] = []
    for x, y in points:
        pair = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != pair:
            out.append(pair)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def country(feature: dict[str, Any]) -> dict[str, Any]:
    """One feature as {"iso3", "name", "rings"}: outer rings only (1:110m countries have almost no holes)."""
    properties, geometry = feature["properties"], feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    rings = [clean_ring(polygon[0]) for polygon in polygons]
    rings = [r for r in rings if len(r) >= 3]
    largest = max(rings, key=lambda r: _area([(x, y) for x, y in r]))
    rings = [r for r in rings if r is largest or _area([(x, y) for x, y in r]) >= MIN_AREA]
    name = properties.get("NAME") or properties.get("ADMIN")
    return {"iso3": iso3(properties), "name": str(name), "rings": rings}


def build(shared: Path) -> dict[str, Any]:
    """The world.json content from the Natural Earth file under shared/reference/geo."""
    source = reference_dir(shared) / "geo" / SOURCE_NAME
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    countries = sorted((country(f) for f in features), key=lambda c: (c["iso3"], c["name"]))
    return {
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), simplified by scripts/build_world.py",
        "tolerance": TOLERANCE,
        "countries": countries,
    }


def write(data: dict[str, Any], out: Path) -> Path:
    """Write `data` compactly (one country a line, so diffs stay readable); return the path."""
    lines = [json.dumps(c, separators=(",", ":"), ensure_ascii=False) for c in data["countries"]]
    head = {k: v for k, v in data.items() if k != "countries"}
    text = json.dumps(head, separators=(",", ":"))[:-1] + ',"countries":[\n' + ",\n".join(lines) + "\n]}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the file; 1 when the Natural Earth file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=OUT, help="output file")
    args = parser.parse_args(argv)
    if not (reference_dir(args.shared) / "geo" / SOURCE_NAME).exists():
        print(f"build_world: no geo/{SOURCE_NAME} under {args.shared}", file=sys.stderr)
        return 1
    out = write(build(args.shared), args.out)
    print(f"build_world: wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
