"""Toponym resolution: rank a mention's gazetteer candidates by the document around it.

Each candidate gets a prior from its kind and population, then bonuses for agreeing with the
document: its country is the one the article is about, its state is named nearby ('Paris, Texas'),
it lies near the other places the article names. One name keeps one sense within a document.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer, Place, distance_km
from .mentions import Mention, variants
from .names import normalize

# Prior weights: a country name almost always means the country; a city's weight grows with its size.
PRIOR_COUNTRY = 10.0
PRIOR_REGION = 9.5
PRIOR_ADM1 = 4.0
PRIOR_CAPITAL = 3.0
PRIOR_ADM2 = 0.5
ALT_PENALTY_CITY = 2.5  # a city matched only by an alternate (often foreign) name
ALT_PENALTY_ADMIN = 1.0
W_COUNTRY = 3.0  # candidate in the article's main country
W_ADMIN1 = 2.5  # candidate inside a first-level division the article names
W_QUALIFIER = 6.0  # 'Alexandria, La.': candidate inside the qualifying place
W_NEAR = 3.0  # candidate near the article's other places
NEAR_SCALE_KM = 1000.0


@dataclass(slots=True)
class Toponym:
    """A resolved place mention: character offsets in the document and the chosen gazetteer entry."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    geonameid: int | None
    feature: str
    precision: str
    place: str  # the gazetteer's name for it
    score: float = 0.0
    actor: bool = False  # the name stands for a government ("Beijing said"), not a place

    def to_dict(self) -> dict:
        """The `legation geoparse` output form."""
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "geonameid": str(self.geonameid) if self.geonameid else None,
        }

    def location(self) -> dict:
        """The event `location` form."""
        return {
            "name": self.place,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": str(self.geonameid) if self.geonameid else None,
            "precision": self.precision,
        }


def prior(place: Place, alt: bool) -> float:
    """Context-free preference: kind of place, then log population, less a penalty for alternate names."""
    pop = math.log10(place.population + 1)
    if place.feature == "PCLI":
        return PRIOR_COUNTRY
    if place.is_region:
        return PRIOR_REGION
    if place.feature == "ADM1":
        return PRIOR_ADM1 + 0.6 * pop - (ALT_PENALTY_ADMIN if alt else 0.0)
    if place.feature == "ADM2":
        return PRIOR_ADM2 + 0.6 * pop - (ALT_PENALTY_CITY if alt else 0.0)
    base = PRIOR_CAPITAL if place.feature == "PPLC" else 0.0
    return base + pop - (ALT_PENALTY_CITY if alt else 0.0)


def near_bonus(place: Place, points: list[tuple[float, float]]) -> float:
    """W_NEAR for a candidate on top of another place, falling with log distance to 0 at NEAR_SCALE_KM."""
    if not points or place.feature == "PCLI" or place.is_region:
        return 0.0
    d = min(distance_km(place.lat, place.lon, lat, lon) for lat, lon in points)
    return W_NEAR * max(0.0, 1.0 - math.log1p(d) / math.log1p(NEAR_SCALE_KM))


@dataclass(slots=True)
class Context:
    """What the document says about where it is: countries, first-level divisions, points."""

    countries: Counter
    admin1: set[tuple[str, str]]  # (country, admin1 name)
    points: dict[str, list[tuple[float, float]]]  # by mention key: the other mentions' points

    def country_share(self, iso3: str | None) -> float:
        """1.0 for the article's most-named country, proportionally less for the others."""
        if not iso3 or not self.countries:
            return 0.0
        top = max(self.countries.values())
        return self.countries.get(iso3, 0) / top if top else 0.0


def score(place: Place, alt: bool, ctx: Context, key: str, qualifiers: list[Place]) -> float:
    """A candidate's total: prior plus agreement with the document."""
    s = prior(place, alt)
    s += W_COUNTRY * ctx.country_share(place.country)
    if place.feature not in ("PCLI", "ADM1") and (place.country, place.admin1) in ctx.admin1:
        s += W_ADMIN1
    if qualifiers and _inside(place, qualifiers):
        s += W_QUALIFIER
    s += near_bonus(place, [p for k, pts in ctx.points.items() if k != key for p in pts])
    return s


def _inside(place: Place, qualifiers: list[Place]) -> bool:
    """Whether `place` lies in one of the qualifying places (a state or a country)."""
    for q in qualifiers:
        if q.feature == "PCLI" and place.country == q.country and place.feature != "PCLI":
            return True
        if q.feature == "ADM1" and place.country == q.country and place.admin1 == q.name:
            return True
    return False


def _candidates(gaz: Gazetteer, text: str) -> list[tuple[Place, bool]]:
    """Gazetteer entries for a mention, trying generic-suffix variants when the text itself is unknown."""
    for variant in variants(text):
        found = gaz.lookup(variant)
        if found:
            return found
    return []


def _anchor(cands: list[tuple[Place, bool]]) -> Place | None:
    """The candidate a mention surely means, if any: a lone candidate or one far ahead on prior."""
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: -prior(*c))
    if len(ranked) == 1 or prior(*ranked[0]) - prior(*ranked[1]) >= 2.0:
        return ranked[0][0]
    return None


def resolve_mentions(mentions: list[Mention], gaz: Gazetteer, extra_countries: Counter | None = None
                     ) -> list[Toponym]:
    """Resolve every mention against the gazetteer and the document context; unknown names are dropped."""
    keys = [normalize(m.text) for m in mentions]
    cands = {k: _candidates(gaz, m.text) for k, m in zip(keys, mentions, strict=True)}
    qual_of: dict[str, list[Place]] = {}
    for k, m in zip(keys, mentions, strict=True):
        if m.qualifier is not None:
            qual_key = keys[m.qualifier]
            qual_of.setdefault(k, []).extend(
                p for p, _alt in cands.get(qual_key, []) if p.feature in ("PCLI", "ADM1")
            )
    # pass 1: anchors from sure mentions; pass 2 and 3: every mention scored in context
    chosen: dict[str, Place | None] = {k: _anchor(c) for k, c in cands.items()}
    for _ in range(2):
        ctx = _context(keys, chosen, extra_countries)
        for k, cs in cands.items():
            if cs:
                best = max(cs, key=lambda c, k=k: score(c[0], c[1], ctx, k, qual_of.get(k, [])))
                chosen[k] = best[0]
    ctx = _context(keys, chosen, extra_countries)
    out: list[Toponym] = []
    for k, m in zip(keys, mentions, strict=True):
        place = chosen.get(k)
        if place is None:
            continue
        alt = next((a for p, a in cands[k] if p.row == place.row), False)
        out.append(
            Toponym(m.start, m.end, m.text, place.lat, place.lon, place.country, place.admin1,
                    place.geonameid, place.feature, place.precision, place.name,
                    round(score(place, alt, ctx, k, qual_of.get(k, [])), 3), m.actor)
        )
    return out


def _context(keys: list[str], chosen: dict[str, Place | None], extra: Counter | None) -> Context:
    """Country counts (one per mention), named first-level divisions and points of the chosen places."""
    countries: Counter = Counter(extra or {})
    admin1: set[tuple[str, str]] = set()
    points: dict[str, list[tuple[float, float]]] = {}
    for k in keys:
        place = chosen.get(k)
        if place is None:
            continue
        if place.country:
            countries[place.country] += 1
        if place.feature == "ADM1" and place.country:
            admin1.add((place.country, place.name))
        elif place.admin1 and place.country and place.feature != "PCLI":
            admin1.add((place.country, place.admin1))
        if not place.is_region and place.feature != "PCLI":
            points.setdefault(k, []).append((place.lat, place.lon))
    return Context(countries, admin1, points)
