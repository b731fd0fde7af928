"""The offline gazetteer: GeoNames places and our regions, looked up by normalised name.

The data ship in legation/data (built by scripts/build_gazetteer.py); they are read on the first call
to `load()`, never at import time.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import threading
import time
from array import array
from dataclasses import dataclass, field
from importlib import resources

from ..errors import LegationError
from .landmarks import add_landmarks, amend_regions
from .names import normalize

log = logging.getLogger(__name__)

# GeoNames feature codes and our region types, mapped to the precision of the event location.
# An alternate-name match stays beside own-name matches only when this many times bigger.
ALT_DOMINANCE = 10
# A landmark ('the Kremlin') is an entry of the city it stands for.
PRECISION = {
    "PCLI": "country",
    "ADM1": "admin1",
    "ADM2": "city",
    "PPL": "city",
    "PPLC": "city",
    "landmark": "city",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    row: int
    name: str
    feature: str  # PCLI | ADM1 | ADM2 | PPL | PPLC | a region type (sea, region, valley...)
    country: str | None  # ISO3; None for a region spanning several countries
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    countries: tuple[str, ...] = field(default=())
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east (seas and oceans)

    @property
    def precision(self) -> str:
        """exact | city | admin1 | country | region."""
        return PRECISION.get(self.feature, "region")

    @property
    def is_region(self) -> bool:
        """Whether this is one of our regions, seas or continents rather than a GeoNames place."""
        return self.feature not in PRECISION


class Gazetteer:
    """Places by normalised name, with demonyms and country metadata, stored column-wise."""

    def __init__(self, columns: dict[str, list], regions: list[dict], demonyms: dict[str, str]) -> None:
        self.demonyms = demonyms
        self._names: list[str] = []
        self._features: list[str] = []
        self._countries: list[str | None] = []
        self._admin1: list[str | None] = []
        self._lat = array("d")
        self._lon = array("d")
        self._pop = array("q")
        self._gid = array("q")
        self._spans: dict[int, tuple[str, ...]] = {}
        self._bbox: dict[int, tuple[float, float, float, float]] = {}
        self._index: dict[str, int | list[int]] = {}
        self._country_row: dict[str, int] = {}
        interned: dict[str, str] = {}
        cols = [
            columns[c]
            for c in ("geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "keys")
        ]
        for gid, name, feature, country, admin1, lat, lon, pop, keys in zip(*cols, strict=True):
            feature = interned.setdefault(feature, feature)
            country = interned.setdefault(country, country) if country else None
            admin1 = interned.setdefault(admin1, admin1) if admin1 else None
            self._add(name, feature, country, admin1, lat, lon, pop, gid, keys.split("|"))
        for reg in regions:
            countries = tuple(reg.get("countries") or ())
            row = self._add(
                reg["name"],
                reg["type"],
                countries[0] if len(countries) == 1 else None,
                reg.get("admin1"),
                reg["lat"],
                reg["lon"],
                int(reg.get("population", 0)),
                reg.get("geonameid"),
                reg["keys"],
            )
            self._spans[row] = countries
            if reg.get("bbox"):
                self._bbox[row] = tuple(reg["bbox"])  # type: ignore[assignment]

    def add_place(
        self,
        name: str,
        feature: str,
        country: str | None,
        admin1: str | None,
        lat: float,
        lon: float,
        pop: int,
        gid: int | None,
        keys: list[str],
    ) -> int:
        """Add an entry under normalised `keys` (the first its own name, '='-marked ones primary); its row."""
        return self._add(name, feature, country, admin1, lat, lon, pop, gid, keys)

    def _add(
        self,
        name: str,
        feature: str,
        country: str | None,
        admin1: str | None,
        lat: float,
        lon: float,
        pop: int,
        gid: int | None,
        keys: list[str],
    ) -> int:
        """Store one record and index its keys; its own name (the first) and '='-marked keys are primary."""
        row = len(self._names)
        self._names.append(name)
        self._features.append(feature)
        self._countries.append(country)
        self._admin1.append(admin1)
        self._lat.append(lat)
        self._lon.append(lon)
        self._pop.append(pop or 0)
        self._gid.append(gid or 0)
        if feature == "PCLI" and country:
            self._country_row.setdefault(country, row)
        index = self._index
        for i, key in enumerate(keys):
            code = row * 2 + (1 if i and key[:1] != "=" else 0)
            key = key.lstrip("=")
            have = index.get(key)
            if have is None:
                index[key] = code
            elif isinstance(have, int):
                index[key] = [have, code]
            else:
                have.append(code)
        return row

    def __len__(self) -> int:
        return len(self._names)

    def place(self, row: int) -> Place:
        """The entry stored at `row`."""
        return Place(
            row,
            self._names[row],
            self._features[row],
            self._countries[row],
            self._admin1[row],
            self._lat[row],
            self._lon[row],
            self._pop[row],
            self._gid[row] or None,
            self._spans.get(row, ()),
            self._bbox.get(row),
        )

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Entries called `name`, each with True when only an alternate name matched.

        When some entry bears the name as its own, cities and counties that bear it only as an
        alternate (often a foreign or historic form: 'Alexandria' for Mashhad) are left out, unless
        they are ALT_DOMINANCE times bigger ('Mecca' for Makkah beside a small Mecca in California).
        """
        hits = self._index.get(normalize(name))
        if hits is None:
            return []
        best: dict[int, bool] = {}
        for code in [hits] if isinstance(hits, int) else hits:
            row, alt = code >> 1, bool(code & 1)
            best[row] = best.get(row, True) and alt
        found = [(self.place(row), alt) for row, alt in best.items()]
        own = [p.population for p, alt in found if not alt]
        if own:
            floor = ALT_DOMINANCE * max(own)
            found = [
                (p, alt)
                for p, alt in found
                if not alt or p.feature in ("PCLI", "ADM1") or p.is_region or p.population >= floor
            ]
        return found

    def has(self, name: str) -> bool:
        """Whether any entry is called `name`."""
        return normalize(name) in self._index

    def country(self, iso3: str) -> Place | None:
        """The country entry for ISO3 code `iso3`."""
        row = self._country_row.get(iso3)
        return self.place(row) if row is not None else None

    def demonym_country(self, word: str) -> str | None:
        """The ISO3 country whose demonym is `word` ('Chinese' -> 'CHN'), else None."""
        return self.demonyms.get(normalize(word))


_LOCK = threading.Lock()
_CACHE: Gazetteer | None = None


def load() -> Gazetteer:
    """The shipped gazetteer, read once per process and cached."""
    global _CACHE
    with _LOCK:
        if _CACHE is None:
            started = time.perf_counter()
            data_dir = resources.files("legation") / "data"
            try:
                with gzip.open(str(data_dir / "gazetteer.json.gz"), "rt", encoding="utf-8") as fh:
                    data = json.load(fh)
                regions = json.loads((data_dir / "regions.json").read_text(encoding="utf-8"))
                gaz = Gazetteer(data["columns"], amend_regions(regions), data.get("demonyms", {}))
                add_landmarks(gaz)
                _CACHE = gaz
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise LegationError("E050", str(data_dir), f"{type(exc).__name__}: {exc}") from exc
            log.info("gazetteer: %d places loaded in %.1fs", len(_CACHE), time.perf_counter() - started)
        return _CACHE


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
