"""Toponym resolution: rank a mention's gazetteer candidates by the document around it.

Each candidate gets a prior from its kind and population, then bonuses for agreeing with the
document: its country is the one the article is about, its state is named nearby ('Paris, Texas'),
it lies near the other places the article names. One name keeps one sense within a document.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer, Place
from .mentions import Mention, compass_rest, variants
from .names import normalize

# Prior weights: a country name almost always means the country; a city's weight grows with its size.
PRIOR_COUNTRY = 12.0
PRIOR_REGION = 11.0
PRIOR_ADM1 = 5.0
PRIOR_CAPITAL = 3.0
PRIOR_ADM2 = 0.5
# A visit's destination named like a national capital of a million is that capital ('Xi visited Moscow',
# not Moscow, Idaho), and a country visited is strong evidence for the article's other places.
W_VISITED_CAPITAL = 4.0
W_VISITED_COUNTRY = 3
BIG_CAPITAL = 1_000_000
ALT_PENALTY_CITY = 2.5  # a city matched only by an alternate (often foreign) name
W_COUNTRY = 6.0  # times the share of the article's other places that lie in the candidate's country
W_ADMIN1 = 2.5  # candidate inside a first-level division the article names
W_QUALIFIER = 6.0  # 'Alexandria, La.': candidate inside the qualifying place
W_NEAR = 1.5  # a city near another place of the article, a state holding one (per place, to NEAR_CAP)
NEAR_CAP = 3.0
NEAR_SCALE_KM = 500.0
W_KIND = 2.0  # a state among the article's other states of the same country ('Iowa, Texas and Washington')
MAX_CANDIDATES = 25
# A named building, street or site the gazetteer does not know ('Royal Street', 'Cloverhill District Court',
# 'MetroHealth Medical Center') lies in the article's own town: the city the article names most.
FACILITY_WORDS = frozenset(
    "street st. avenue ave. road rd. boulevard blvd. lane drive highway square plaza church cathedral basilica "
    "chapel mosque temple synagogue school academy college university hospital clinic center centre court "
    "courthouse prison jail station airport stadium arena park bridge tower castle palace hall library museum "
    "hotel inn market mall estate terminal port harbour harbor cemetery campus".split()
)


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
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east of a sea or ocean
    kind: str = "literal"  # or "demonym": an adjectival reference to a country ('Sudanese troops')

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
            "kind": self.kind,
        }

    def location(self) -> dict:
        """The event `location` form (a sea or ocean adds its `bbox`: south, west, north, east)."""
        loc = {
            "name": self.place,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": str(self.geonameid) if self.geonameid else None,
            "precision": self.precision,
        }
        if self.bbox is not None:
            loc["bbox"] = list(self.bbox)
        return loc


def prior(place: Place, alt: bool) -> float:
    """Context-free preference: kind of place, then log population, less a penalty for alternate names."""
    pop = math.log10(place.population + 1)
    if place.feature == "PCLI":
        return PRIOR_COUNTRY + 0.1 * pop  # population only breaks ties: 'Congo'
    if place.is_region or place.feature == "landmark":
        return PRIOR_REGION
    if place.feature == "ADM1":
        return PRIOR_ADM1 + 0.4 * pop  # its English name is often an alternate: 'Tibet', 'Ningxia'
    if place.feature == "ADM2":
        return PRIOR_ADM2 + 0.6 * pop - (ALT_PENALTY_CITY if alt else 0.0)
    base = PRIOR_CAPITAL if place.feature == "PPLC" else 0.0
    return base + pop - (ALT_PENALTY_CITY if alt else 0.0)


def closeness(km: float) -> float:
    """1.0 for the same point, falling with log distance to 0 at NEAR_SCALE_KM."""
    return max(0.0, 1.0 - math.log1p(km) / math.log1p(NEAR_SCALE_KM))


def _fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: close enough to rank nearby places, and cheap."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


@dataclass(slots=True)
class Evidence:
    """What one distinct mention says about the article's geography."""

    weight: int  # how often the article names it
    countries: set[str]
    admin1: set[tuple[str, str]]  # (country, first-level division)
    points: list[tuple[float, float, float, str | None, str | None]]  # lat, lon, confidence, country, admin1
    kind: tuple[str, str] | None = None  # (country, feature) of the chosen place


def _is_local(place: Place) -> bool:
    """Whether a place is small enough for distance to it to mean anything (a city or a county)."""
    return place.feature in ("PPL", "PPLC", "ADM2", "landmark")


def _evidence(cands: list[tuple[Place, bool]], chosen: Place | None, weight: int) -> Evidence:
    """A mention's evidence: its chosen place, or what all its candidates agree on."""
    places = [chosen] if chosen is not None else [p for p, _ in cands]
    countries = {p.country for p in places if p.country}
    ev = Evidence(weight, countries if len(countries) == 1 else set(), set(), [])
    admins = {
        (p.country, p.name if p.feature == "ADM1" else p.admin1)
        for p in places
        if p.country and p.feature != "PCLI" and not p.is_region
    }
    if len(admins) == 1 and all(a[1] for a in admins):
        ev.admin1 = admins  # type: ignore[assignment]
    share = 1.0 / math.sqrt(len(places)) if places else 0.0
    ev.points = [(p.lat, p.lon, share, p.country, p.admin1) for p in places if _is_local(p)]
    if chosen is not None and chosen.country and chosen.feature != "PCLI":
        ev.kind = (chosen.country, chosen.feature)
    return ev


def score(place: Place, alt: bool, key: str, evidence: dict[str, Evidence], qualifiers: list[Place]) -> float:
    """A candidate's total: prior plus agreement with the rest of the document (its own mention excluded)."""
    s = prior(place, alt)
    counts: Counter = Counter()
    admin1: set[tuple[str, str]] = set()
    near = 0.0
    local, is_adm1 = _is_local(place), place.feature == "ADM1"
    same_country = same_kind = 0
    for other, ev in evidence.items():
        if other == key:
            continue
        if ev.kind is not None and ev.kind[0] == place.country:
            same_country += 1
            same_kind += ev.kind[1] == place.feature
        for c in ev.countries:
            counts[c] += ev.weight
        admin1 |= ev.admin1
        if not ev.points:
            continue
        if local:
            near += W_NEAR * max(
                closeness(_fast_km(place.lat, place.lon, lat, lon)) * conf
                for lat, lon, conf, _c, _a in ev.points
            )
        elif is_adm1:
            near += W_NEAR * max(
                (conf for _la, _lo, conf, c, a in ev.points if c == place.country and a == place.name),
                default=0.0,
            )
    if counts and place.country:
        s += W_COUNTRY * counts.get(place.country, 0) / sum(counts.values())
    if not is_adm1 and place.feature != "PCLI" and (place.country, place.admin1) in admin1:
        s += W_ADMIN1
    if is_adm1 and same_country:
        s += W_KIND * same_kind / same_country
    if qualifiers and _inside(place, qualifiers):
        s += W_QUALIFIER
    return s + min(near, NEAR_CAP)


def _inside(place: Place, qualifiers: list[Place]) -> bool:
    """Whether `place` lies in one of the qualifying places (a state or a country)."""
    for q in qualifiers:
        if q.feature == "PCLI" and place.country == q.country and place.feature != "PCLI":
            return True
        if q.feature == "ADM1" and place.country == q.country and place.admin1 == q.name:
            return True
    return False


def _capital(place: Place, alt: bool) -> float:
    """The bonus of a national capital of a million as a visit's destination."""
    return W_VISITED_CAPITAL if place.feature == "PPLC" and place.population >= BIG_CAPITAL and not alt else 0.0


def _candidates(gaz: Gazetteer, text: str) -> list[tuple[Place, bool]]:
    """Gazetteer entries for a mention, trying generic-suffix variants when the text itself is unknown."""
    part_of = compass_rest(text)
    for variant in variants(text):
        found = gaz.lookup(variant)
        if found and variant == part_of:  # 'West Wing' is no part of a place called Wing: major places only
            found = [(p, alt) for p, alt in found if is_major(p, alt)]
        if found:
            return found
    # a span known to be a toponym that is written as a demonym ('Sudanese' in a gold span) is its country;
    # the recogniser never proposes a bare demonym, so this only serves given spans
    iso3 = gaz.demonym_country(text)
    country = gaz.country(iso3) if iso3 else None
    return [(country, False)] if country is not None else []


def is_major(place: Place, alt: bool) -> bool:
    """A country, a state, a region or a city of 100,000 people or more."""
    return place.feature in ("PCLI", "ADM1") or place.is_region or (not alt and place.population >= 100_000)


def _anchor(cands: list[tuple[Place, bool]]) -> Place | None:
    """The candidate a mention surely means, if any: a lone candidate or one far ahead on prior."""
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: -prior(*c))
    if len(ranked) == 1 or prior(*ranked[0]) - prior(*ranked[1]) >= 2.0:
        return ranked[0][0]
    return None


def resolve_mentions(
    mentions: list[Mention], gaz: Gazetteer, extra_countries: Counter | None = None
) -> list[Toponym]:
    """Resolve every mention against the gazetteer and the document context; unknown names are dropped."""
    keys = [normalize(m.text) for m in mentions]
    weights = Counter(keys)
    cands: dict[str, list[tuple[Place, bool]]] = {}
    for k, m in zip(keys, mentions, strict=True):
        if k not in cands:
            found = sorted(_candidates(gaz, m.text), key=lambda c: -prior(*c))
            cands[k] = found[:MAX_CANDIDATES]
    qual_of: dict[str, list[Place]] = {}
    for k, m in zip(keys, mentions, strict=True):
        if m.qualifier is not None:
            qual_of.setdefault(k, []).extend(
                p for p, _alt in cands.get(keys[m.qualifier], []) if p.feature in ("PCLI", "ADM1")
            )
    chosen: dict[str, Place | None] = {k: _anchor(c) for k, c in cands.items()}
    extra = {
        f"\0demonym:{iso3}": Evidence(int(w + 0.5) or 1, {iso3}, set(), [])
        for iso3, w in (extra_countries or {}).items()
    }
    visits = {k for k, m in zip(keys, mentions, strict=True) if m.visit}
    for k in visits:
        place = chosen.get(k)
        if place is not None and place.feature == "PCLI" and place.country:
            extra[f"\0visited:{place.country}"] = Evidence(W_VISITED_COUNTRY, {place.country}, set(), [])
    scores: dict[str, float] = {}
    for _ in range(3):
        evidence = {k: _evidence(c, chosen.get(k), weights[k]) for k, c in cands.items() if c}
        evidence.update(extra)
        for k, cs in cands.items():
            if not cs:
                continue
            ranked = [
                (score(p, alt, k, evidence, qual_of.get(k, [])) + (_capital(p, alt) if k in visits else 0.0), p)
                for p, alt in cs
            ]
            best_score, best = max(ranked, key=lambda x: x[0])
            chosen[k], scores[k] = best, best_score
    focus = _focus_city(keys, chosen, weights)
    out: list[Toponym] = []
    for k, m in zip(keys, mentions, strict=True):
        place = chosen.get(k)
        if place is None and focus is not None and is_facility(m.text):
            place = focus
            scores[k] = 0.0
        if place is None:
            continue
        out.append(
            Toponym(
                m.start,
                m.end,
                m.text,
                place.lat,
                place.lon,
                place.country,
                place.admin1,
                place.geonameid,
                place.feature,
                place.precision,
                place.name,
                round(scores[k], 3),
                m.actor,
                place.bbox,
            )
        )
    return out


def is_facility(name: str) -> bool:
    """Whether a name ends in a word for a building, street or site ('Royal Street', 'Barclays Center')."""
    words = name.lower().split()
    return len(words) >= 2 and words[-1] in FACILITY_WORDS


def _focus_city(keys: list[str], chosen: dict[str, Place | None], weights: Counter) -> Place | None:
    """The town the article is in: its most often named city or county (the first named among equals)."""
    best: tuple[int, int, Place] | None = None
    for i, k in enumerate(keys):
        place = chosen.get(k)
        if place is None or place.feature not in ("PPL", "PPLC", "ADM2"):
            continue
        if best is None or (weights[k], -i) > (best[0], best[1]):
            best = (weights[k], -i, place)
    return best[2] if best else None
