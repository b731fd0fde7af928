"""Ranking rules of toponym resolution, each checked on mentions we write by hand (no model needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from legation.geo.gazetteer import load
from legation.geo.mentions import Mention
from legation.geo.resolve import prior, resolve_mentions


@pytest.fixture(scope="module")
def gaz():
    """The gazetteer, loaded once for the module."""
    return load()


def _mentions(*names: str) -> list[Mention]:
    """Mentions at made-up offsets, one after another."""
    out, pos = [], 0
    for name in names:
        out.append(Mention(pos, pos + len(name), name, "GPE"))
        pos += len(name) + 2
    return out


def _resolve(gaz, *names: str, extra: Counter | None = None, qualifier: tuple[int, int] | None = None):
    mentions = _mentions(*names)
    if qualifier:
        mentions[qualifier[0]].qualifier = qualifier[1]
    return {t.name: t for t in resolve_mentions(mentions, gaz, extra)}


def test_country_name_alone_means_the_country(gaz) -> None:
    assert _resolve(gaz, "Georgia")["Georgia"].feature == "PCLI"


def test_big_city_wins_without_context(gaz) -> None:
    assert _resolve(gaz, "Paris")["Paris"].country == "FRA"


def test_article_country_picks_the_state_over_the_country(gaz) -> None:
    got = _resolve(gaz, "Georgia", "Atlanta", "Savannah", "Macon")
    assert (got["Georgia"].feature, got["Georgia"].country) == ("ADM1", "USA")


def test_qualifier_places_the_city_in_its_state(gaz) -> None:
    got = _resolve(gaz, "Paris", "Texas", qualifier=(0, 1))
    assert got["Paris"].admin1 == "Texas"


def test_abbreviated_state_qualifier(gaz) -> None:
    got = _resolve(gaz, "Alexandria", "La.", qualifier=(0, 1))
    assert got["Alexandria"].admin1 == "Louisiana"


def test_named_first_level_division_holds_the_city(gaz) -> None:
    got = _resolve(gaz, "Portland", "Maine")
    assert got["Portland"].admin1 == "Maine"


def test_nearby_places_pull_an_ambiguous_town(gaz) -> None:
    got = _resolve(gaz, "Springfield", "Peoria", "Bloomington", "Champaign")
    assert got["Springfield"].admin1 == "Illinois"


def test_state_among_states_stays_a_state(gaz) -> None:
    got = _resolve(gaz, "Oregon", "Idaho", "Washington", "Montana")
    assert got["Washington"].feature == "ADM1"


def test_demonym_evidence_picks_the_country(gaz) -> None:
    got = _resolve(gaz, "Hamilton", extra=Counter({"NZL": 2}))
    assert got["Hamilton"].country == "NZL"


def test_one_sense_per_document(gaz) -> None:
    mentions = _mentions("Springfield", "Peoria", "Springfield")
    found = resolve_mentions(mentions, gaz)
    assert len({t.geonameid for t in found if t.name == "Springfield"}) == 1


def test_alternate_name_costs_a_city_prior(gaz) -> None:
    place = next(p for p, _alt in gaz.lookup("Kyiv") if p.feature == "PPLC")
    assert prior(place, True) < prior(place, False)


def test_country_prior_beats_its_own_capital_region(gaz) -> None:
    ranked = sorted(gaz.lookup("Mexico"), key=lambda c: -prior(*c))
    assert ranked[0][0].feature == "PCLI"


def test_bigger_country_wins_a_shared_name(gaz) -> None:
    assert _resolve(gaz, "Congo")["Congo"].country == "COD"


def test_much_bigger_city_known_by_an_alternate_name_stays_a_candidate(gaz) -> None:
    assert {p.country for p, _alt in gaz.lookup("Mecca")} >= {"SAU", "USA"}


def test_region_name_resolves_to_the_region(gaz) -> None:
    got = _resolve(gaz, "Central Asia", "Kazakhstan")
    assert got["Central Asia"].precision == "region"


def test_unknown_name_is_dropped(gaz) -> None:
    assert _resolve(gaz, "Xqzzyville") == {}
