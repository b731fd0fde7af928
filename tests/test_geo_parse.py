"""Geoparsing parsed text and locating events: which spans are places and which place is the event's."""

from __future__ import annotations

import json

import pytest

from legation.geo import geoparse_doc, geoparse_texts, locate_event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    """The project's spaCy model, loaded once for this module."""
    from legation.nlp.model import load_model

    return load_model()


def _locate(nlp, text: str, trigger: str, actors: list[str] | None = None) -> dict | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    spans = [(text.index(a), text.index(a) + len(a)) for a in actors or []]
    return locate_event(doc, token.sent, token, geoparse_doc(doc), spans)


def test_demonym_is_not_a_place(nlp) -> None:
    doc = nlp("Chinese and Indian officers met to ease tension.")
    assert geoparse_doc(doc) == []


def test_capital_that_speaks_is_an_actor(nlp) -> None:
    doc = nlp("Beijing said the patrols would continue.")
    assert [t.actor for t in geoparse_doc(doc)] == [True]


def test_capital_as_place_is_not_an_actor(nlp) -> None:
    doc = nlp("Thousands marched through central Beijing on Sunday.")
    assert [t.actor for t in geoparse_doc(doc)] == [False]


def test_toponym_offsets_cover_the_name(nlp) -> None:
    text = "Flooding closed roads around Dhaka and Chittagong."
    found = geoparse_doc(nlp(text))
    assert [text[t.start : t.end] for t in found] == ["Dhaka", "Chittagong"]


def test_city_state_pair_splits_into_two_toponyms(nlp) -> None:
    text = "The mayor of Springfield, Ill., resigned."
    found = geoparse_doc(nlp(text))
    assert [(t.name, t.feature) for t in found] == [("Springfield", "PPL"), ("Ill.", "ADM1")]


def test_geoparse_texts_output_schema(nlp) -> None:
    out = list(geoparse_texts([("d1", "Troops left Kabul.")], nlp))
    assert set(out[0]) == {"id", "toponyms"} and set(out[0]["toponyms"][0]) == {
        "start",
        "end",
        "name",
        "lat",
        "lon",
        "country",
        "geonameid",
        "kind",
    }


def test_demonyms_are_country_references_of_their_own_kind(nlp) -> None:
    text = "Malian officials met the Senegalese delegation; the Ghanaians sent European observers."
    found = {(text[t.start : t.end], t.country, t.kind) for t in geoparse_doc(nlp(text), adjectival=True)}
    assert {("Malian", "MLI", "demonym"), ("Senegalese", "SEN", "demonym"), ("Ghanaians", "GHA", "demonym")} <= found
    assert any(name == "European" and kind == "demonym" for name, _c, kind in found)
    assert not any(t.kind == "demonym" for t in geoparse_doc(nlp(text)))  # event locations never see them


def test_geoparse_literal_option_leaves_demonyms_out(nlp) -> None:
    text = "Peruvian farmers marched in Lima."
    every = list(geoparse_texts([("d", text)], nlp))[0]["toponyms"]
    literal = list(geoparse_texts([("d", text)], nlp, adjectival=False))[0]["toponyms"]
    assert {t["kind"] for t in every} == {"literal", "demonym"} and {t["kind"] for t in literal} == {"literal"}


def test_bracketed_acronym_stands_for_its_place_through_the_article(nlp) -> None:
    text = "Floods hit the Central African Republic (CAR) in May. Aid reached CAR by road on Friday."
    found = [(text[t.start : t.end], t.country) for t in geoparse_doc(nlp(text))]
    assert found.count(("CAR", "CAF")) == 2


def test_country_leading_an_organisation_name_is_a_place(nlp) -> None:
    text = "The Uganda Revenue Authority raised fees, and Paris Hilton flew home."
    found = [(text[t.start : t.end], t.country) for t in geoparse_doc(nlp(text))]
    assert ("Uganda", "UGA") in found and not any(name.startswith("Paris") for name, _c in found)


def test_compass_word_qualifies_a_major_place_only(nlp) -> None:
    text = "Storms battered Northeast Ohio while aides met in the West Wing."
    found = [(text[t.start : t.end], t.admin1, t.country) for t in geoparse_doc(nlp(text))]
    assert any(name.endswith("Ohio") and country == "USA" for name, _a, country in found)
    assert not any("Wing" in name for name, _a, _c in found)


def test_place_in_prepositional_phrase_is_the_location(nlp) -> None:
    loc = _locate(nlp, "Russia and Kazakhstan held joint drills in Xinjiang last week.", "held")
    assert loc is not None and (loc["precision"], loc["country"]) == ("admin1", "CHN")


def test_most_precise_attached_place_wins(nlp) -> None:
    loc = _locate(nlp, "The rebels attacked a convoy near Mosul in northern Iraq.", "attacked")
    assert loc is not None and loc["name"] == "Mosul"


def test_actor_place_is_not_the_location(nlp) -> None:
    loc = _locate(nlp, "Moscow accused Kyiv of shelling villages in Donetsk.", "accused", actors=["Moscow"])
    assert loc is None or loc["name"] != "Moscow"


def test_places_a_relation_is_between_are_not_the_location(nlp) -> None:
    loc = _locate(nlp, "Envoys deepened ties between Hanoi and Jakarta at a summit.", "deepened")
    assert loc is None or loc["basis"] != "phrase"


def test_visited_country_is_the_location(nlp) -> None:
    loc = _locate(nlp, "The French president visited Senegal on Tuesday.", "visited")
    assert loc is not None and loc["country"] == "SEN"


def test_dateline_locates_an_event_without_a_phrase(nlp) -> None:
    loc = _locate(nlp, "NAIROBI, March 3 (Wire) - The two leaders signed a water accord.", "signed")
    assert loc is not None and (loc["name"], loc["basis"]) == ("Nairobi", "dateline")


def test_fallback_is_the_article_country_at_article_precision(nlp) -> None:
    text = (
        "Protests spread across Peru. Lima police said the marchers dispersed. Leaders later signed a deal."
    )
    loc = _locate(nlp, text, "signed")
    assert loc is not None and (loc["country"], loc["precision"], loc["basis"]) == (
        "PER",
        "article",
        "article",
    )


def test_location_dict_has_the_issue_fields(nlp) -> None:
    loc = _locate(nlp, "Police clashed with protesters in Lagos.", "clashed")
    assert loc is not None and {"name", "country", "admin1", "lat", "lon", "geonameid", "precision"} <= set(
        loc
    )


def test_cli_geoparse_reports_bad_lines_and_goes_on(cli, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Rain fell on Oslo."}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    result = cli("geoparse", "--input", src, "--output", "-")
    assert (result.exit_code, [r["id"] for r in result.jsonl()]) == (0, ["a"])


def test_cli_geoparse_names_the_bad_line(cli) -> None:
    result = cli("geoparse", "--input", "-", stdin='{"id": "a", "text": "Rain in Oslo."}\n{broken\n')
    assert "<stdin>:2" in result.stderr


def test_cli_geoparse_fails_when_every_line_is_bad(cli) -> None:
    result = cli("geoparse", stdin="nope\n")
    assert result.exit_code == 1


def test_cli_geoparse_writes_one_line_per_document(cli, tmp_path) -> None:
    out = tmp_path / "places.jsonl"
    lines = "".join(json.dumps({"id": str(i), "text": "A storm hit Manila."}) + "\n" for i in range(3))
    cli("geoparse", "--input", "-", "--output", out, stdin=lines)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_the_eu_is_a_place_when_named_as_one(nlp) -> None:
    text = "Latvia became the fourth member in the EU to report the disease."
    found = [(text[t.start : t.end], t.place, t.precision) for t in geoparse_doc(nlp(text))]
    assert ("EU", "European Union", "region") in found
