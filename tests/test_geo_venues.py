"""Event locations on news-like text: venues, landmarks, visits, and how each location was found (`basis`)."""

from __future__ import annotations

import pytest

from legation.geo import geoparse_doc, locate_event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    """The project's spaCy model, loaded once for this module."""
    from legation.nlp.model import load_model

    return load_model()


def _locate(nlp, text: str, trigger: str, actors: list[str] | None = None, countries: tuple = ()) -> dict | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    spans = [(text.index(a), text.index(a) + len(a)) for a in actors or []]
    return locate_event(doc, token.sent, token, geoparse_doc(doc), spans, actor_countries=countries)


@pytest.mark.parametrize(
    ("text", "trigger", "actors", "name"),
    [
        ("Brazil and Argentina agreed in Moscow on Thursday to cut tariffs.", "agreed", ["Brazil", "Argentina"],
         "Moscow"),
        ("The Turkish president made a surprise visit to Kyiv on Monday.", "made", [], "Kyiv"),
        ("The Indian prime minister visited Moscow on Tuesday.", "visited", ["Moscow"], "Moscow"),
        ("The two presidents held talks in the Kremlin on Friday.", "held", [], "Moscow"),
        ("The envoys met on the sidelines of the summit in Samarkand.", "met", [], "Samarkand"),
        ("The chancellor met the prime minister at Downing Street.", "met", [], "London"),
        ("The premier received the delegation in Zhongnanhai.", "received", [], "Beijing"),
        ("Ministers signed the accord at UN headquarters on Monday.", "signed", [], "New York City"),
    ],
)  # fmt: skip
def test_a_venue_places_the_event(nlp, text, trigger, actors, name) -> None:
    loc = _locate(nlp, text, trigger, actors)
    assert loc is not None and (loc["name"], loc["basis"]) == (name, "venue")


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        ("The defence secretary spoke at the Pentagon on Monday.", "spoke", "USA"),
        ("The president hosted the king at the White House.", "hosted", "USA"),
    ],
)
def test_a_landmark_resolves_to_its_city(nlp, text, trigger, country) -> None:
    loc = _locate(nlp, text, trigger)
    assert loc is not None and (loc["country"], loc["precision"]) == (country, "city")


def test_the_white_house_is_not_a_moroccan_city(nlp) -> None:
    found = geoparse_doc(nlp("Reporters gathered outside the White House."))
    assert [(t.place, t.country) for t in found] == [("Washington", "USA")]


def test_a_city_state_is_located_at_its_city(nlp) -> None:
    loc = _locate(nlp, "The two leaders met in Singapore on Sunday.", "met")
    assert loc is not None and (loc["name"], loc["precision"]) == ("Singapore", "city")


def test_a_division_named_like_its_city_is_the_city(nlp) -> None:
    loc = _locate(nlp, "The two presidents met in Astana on Wednesday.", "met")
    assert loc is not None and (loc["name"], loc["precision"]) == ("Astana", "city")


def test_drills_in_a_place_are_a_phrase_not_a_venue(nlp) -> None:
    loc = _locate(nlp, "The two navies held joint drills in the Yellow Sea.", "held")
    assert loc is not None and (loc["name"], loc["basis"]) == ("Yellow Sea", "phrase")


def test_a_patrol_over_a_sea_is_located_there(nlp) -> None:
    loc = _locate(nlp, "Bombers of both air forces patrolled over the Sea of Japan.", "patrolled")
    assert loc is not None and loc["name"] == "Sea of Japan"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The king said he would attend the Beijing Winter Olympics.", "attend"),
        ("The king attended the Beijing Winter Olympics opening.", "attended"),
    ],
)
def test_an_occasion_attended_is_the_venue(nlp, text, trigger) -> None:
    loc = _locate(nlp, text, trigger)
    assert loc is not None and (loc["name"], loc["country"], loc["basis"]) == ("Beijing", "CHN", "venue")


def test_the_west_is_not_a_place(nlp) -> None:
    assert geoparse_doc(nlp("The minister sought guarantees from the West.")) == []


def test_dateline_places_an_event_of_its_country(nlp) -> None:
    text = "NAIROBI (Wire) - Kenyan police arrested three men."
    loc = _locate(nlp, text, "arrested", countries=("KEN",))
    assert loc is not None and (loc["name"], loc["basis"]) == ("Nairobi", "dateline")


def test_dateline_does_not_place_actors_who_are_elsewhere(nlp) -> None:
    text = "BEIJING (Wire) - Houthi fighters seized a ship. The Houthis also threatened Saudi Arabia."
    loc = _locate(nlp, text, "seized", countries=("YEM",))
    assert loc is None or loc["country"] != "CHN"


def test_article_fallback_takes_an_actors_country_at_article_precision(nlp) -> None:
    text = "TOKYO (Wire) - Officials spoke about Peru. Later the rebels threatened Bolivia."
    loc = _locate(nlp, text, "threatened", actors=["Bolivia"], countries=("BOL",))
    assert loc is not None and (loc["country"], loc["precision"], loc["basis"]) == ("BOL", "article", "article")


def test_every_location_says_how_it_was_found(nlp) -> None:
    text = "LIMA (Wire) - Leaders met in Cusco. Farmers protested. Protests spread across Chile."
    doc = nlp(text)
    toponyms = geoparse_doc(doc)
    bases = set()
    for sent in doc.sents:
        for token in sent:
            if token.pos_ == "VERB":
                loc = locate_event(doc, sent, token, toponyms, [])
                bases.add(loc and loc["basis"])
    assert bases <= {"phrase", "venue", "dateline", "article"} and "venue" in bases
