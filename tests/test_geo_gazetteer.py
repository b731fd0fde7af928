"""The shipped gazetteer: lookups by name and alternate name, regions, demonyms, freshness."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from legation.geo import distance_km
from legation.geo.gazetteer import load
from legation.geo.names import normalize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    """The gazetteer, loaded once for the module."""
    return load()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Île-de-France", "ile de france"),
        ("the Hague", "hague"),
        ("U.S.", "us"),
        ("Saint Louis", "st louis"),
        ("St. Louis", "st louis"),
        ("Côte d’Ivoire", "cote divoire"),
    ],
)
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


def test_gazetteer_is_loaded_once(gaz) -> None:
    assert load() is gaz


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Ningxia", "ADM1", "CHN"),  # an alternate name of 'Ningxia Huizu Zizhiqu'
        ("Tibet", "ADM1", "CHN"),
        ("Kiev", "PPLC", "UKR"),  # a city's alternate spelling
        ("Britain", "PCLI", "GBR"),  # our own country alias
        ("Fla.", "ADM1", "USA"),  # AP state abbreviation
        ("Qingtongxia", "PPL", "CHN"),  # one of our own towns
    ],
)
def test_lookup_finds_alternate_names(gaz, name: str, feature: str, country: str) -> None:
    assert any(p.feature == feature and p.country == country for p, _alt in gaz.lookup(name))


@pytest.mark.parametrize(
    ("name", "kind", "countries"),
    [
        ("Sea of Japan", "sea", {"JPN", "KOR", "PRK", "RUS"}),
        ("Central Asia", "region", {"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
        ("Galwan Valley", "valley", {"IND", "CHN"}),
        ("Persian Gulf", "sea", {"IRN", "SAU", "ARE", "QAT", "BHR", "KWT", "IRQ", "OMN"}),
        ("Donbass", "region", {"UKR"}),
    ],
)
def test_regions_are_places_with_countries(gaz, name: str, kind: str, countries: set[str]) -> None:
    place = next(p for p, _alt in gaz.lookup(name) if p.is_region)
    assert (place.feature, set(place.countries)) == (kind, countries)


def test_region_precision_is_region(gaz) -> None:
    place = next(p for p, _alt in gaz.lookup("South China Sea"))
    assert place.precision == "region"


def test_alternate_only_cities_drop_out_when_a_place_bears_the_name(gaz) -> None:
    # several small places are called Alexandria; a city known as Alexandria only in history is not kept
    assert all(not alt or p.feature in ("PCLI", "ADM1") for p, alt in gaz.lookup("Alexandria"))


@pytest.mark.parametrize(("word", "iso3"), [("Chinese", "CHN"), ("Russian", "RUS"), ("American", "USA")])
def test_demonyms_name_countries(gaz, word: str, iso3: str) -> None:
    assert gaz.demonym_country(word) == iso3


def test_admin1_point_lies_inside_it(gaz) -> None:
    hebei = next(p for p, _alt in gaz.lookup("Hebei") if p.feature == "ADM1")
    assert distance_km(hebei.lat, hebei.lon, 38.5, 115.5) < 250


def test_distance_km_of_one_degree_of_latitude() -> None:
    assert distance_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.2, abs=0.2)


def test_shipped_gazetteer_was_built_by_the_current_script() -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", module)
    spec.loader.exec_module(module)
    import gzip

    with gzip.open(ROOT / "legation" / "data" / "gazetteer.json.gz", "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)["built_from"]
    assert shipped == module.build_fingerprint(), "run: python scripts/build_gazetteer.py"
