"""Who acts, on wire-style text of our own writing: datelines, places, people, titles, coreference, bodies."""

from __future__ import annotations

import pytest

from legation.actors.recognize import DocActors
from legation.nlp.dateline import find_dateline

pytestmark = pytest.mark.slow


def scan(pipeline, text: str, date: str | None = None, title: str | None = None) -> DocActors:
    """Run the actor recogniser over a text the way the coders do."""
    doc = pipeline.nlp(text)
    mem = DocActors(doc, pipeline.actors, date, places=pipeline.coder.places)
    if title:
        mem.read_headline(pipeline.nlp(title))
    for sent in doc.sents:
        mem.scan_sentence(sent)
    return mem


def actor_codes(mem: DocActors) -> list[str]:
    """Codes of the mentions that stand for actors (not places), in order."""
    return [m.code for m in mem.mentions if mem.by_token[m.start] is m and not m.loc and m.kind != "agent"]


def countries(events) -> set[str]:
    return {a.country for e in events for a in (e.source, e.target) if a is not None and a.country}


# ---- datelines --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        ("CAIRO (Wire) – Islamic State fighters attacked a police post in Kabul.", "CAIRO"),
        ("BEIJING, May 3 – Vietnam protested against the survey ship.", "BEIJING"),
        ("NAIROBI, Kenya (Wire) — Police fired tear gas at protesters.", "NAIROBI"),
        ("KYIV, Ukraine, March 3, 2024 (Wire) - Russian drones struck a power plant.", "KYIV"),
    ],
)
def test_a_dateline_is_found_with_its_place(text, place):
    line = find_dateline(text)
    assert line is not None and line.place == place and text[line.start : line.end] == place


@pytest.mark.parametrize("text", ["NATO: allies agree on new plan", "Russia – China talks end", "US and Iran meet"])
def test_a_headline_or_sentence_is_not_a_dateline(text):
    assert find_dateline(text) is None


def test_the_dateline_place_is_not_an_actor(pipeline):
    events = pipeline.code_text("CAIRO (Wire) – Islamic State fighters attacked a police post in Kabul on Monday.",
                                date="2021-06-07")
    assert "EGY" not in countries(events)
    events = pipeline.code_text("BEIJING, May 3 (Wire) – Vietnam protested to the Philippines on Tuesday.",
                                date="2021-05-03")
    assert "CHN" not in countries(events)


# ---- places in locative phrases ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        ("Russian and Chinese warships held joint exercises in the Sea of Japan on Tuesday.", "JPN"),
        ("The Malaysian and Thai defence ministers met in Singapore on Friday.", "SGP"),
        ("Greek and Cypriot officials held talks in the Turkish resort of Antalya.", "TUR"),
        ("The EU's foreign-policy chief criticised Belarus after the meeting in Luxembourg.", "LUX"),
        ("Indian troops clashed with militants near the Pakistani border overnight.", "PAK"),
    ],
)
def test_a_place_in_a_locative_phrase_is_not_an_actor(pipeline, text, place):
    mem = scan(pipeline, text, "2021-06-01")
    assert place not in {c[:3] for c in actor_codes(mem)}
    assert place not in countries(pipeline.code_text(text, date="2021-06-01"))


def test_a_capital_that_acts_is_an_actor(pipeline):
    mem = scan(pipeline, "Tokyo protested to Beijing over the survey ship.", "2021-06-01")
    assert {"JPN", "CHN"} <= {c[:3] for c in actor_codes(mem)}


def test_police_in_a_country_are_that_country_police(pipeline):
    mem = scan(pipeline, "Police in Guinea fired tear gas at opposition supporters.", "2021-06-01")
    head = next(t for t in mem.doc if t.lower_ == "police")
    assert [a.code for a in mem.actors_for(head)] == ["GINCOP"]


# ---- people ---------------------------------------------------------------------------------------------
def test_a_country_word_inside_a_personal_name_is_part_of_the_name(pipeline):
    mem = scan(pipeline, "Iranian foreign ministry spokesman Nasser Kanaani condemned the raid.", "2023-01-10")
    assert "EGY" not in {c[:3] for c in actor_codes(mem)}
    head = next(t for t in mem.doc if t.text == "Kanaani")
    assert [a.country for a in mem.actors_for(head)] == ["IRN"]


def test_the_nationality_beside_a_name_outranks_the_dictionary(pipeline):
    mem = scan(pipeline, "UN Secretary-General Antonio Guterres appealed for a ceasefire.", "2022-03-01")
    head = next(t for t in mem.doc if t.text == "Guterres")
    assert [a.country for a in mem.actors_for(head)] == ["IGO"]


def test_an_unknown_person_takes_the_title_beside_the_name(pipeline):
    mem = scan(pipeline, "Malawian Defence Minister Olek Varn visited the border. Varn said the army would hold.",
               "2022-03-01")
    heads = [t for t in mem.doc if t.text == "Varn"]
    assert [a.code for a in mem.actors_for(heads[-1])] == [mem.actors_for(heads[0])[0].code]
    assert mem.actors_for(heads[-1])[0].resolution in ("person", "title")


# ---- sectors from titles -----------------------------------------------------------------------------------
def test_an_opposition_leader_is_the_opposition(pipeline):
    mem = scan(pipeline, "Kenyan opposition leader Raila Odinga conceded defeat on Sunday.", "2013-03-31")
    head = next(t for t in mem.doc if t.text == "Odinga")
    assert [a.code for a in mem.actors_for(head)] == ["KENOPP"]


def test_a_court_is_the_judiciary(pipeline):
    mem = scan(pipeline, "Kenya's Supreme Court annulled the presidential election.", "2017-09-01")
    head = next(t for t in mem.doc if t.text == "Court")
    assert [a.code for a in mem.actors_for(head)] == ["KENJUD"]


# ---- coreference -------------------------------------------------------------------------------------------
def test_the_two_countries_follow_the_article_pair(pipeline):
    text = ("Ethiopia and Eritrea restored flights on Monday. Ethiopia's prime minister thanked Eritrea. "
            "The United Nations welcomed the move, and Sudan said it hoped for calm. "
            "Officials of the two countries will meet again in May.")
    mem = scan(pipeline, text, "2018-07-16")
    pair = next(m for m in mem.mentions if m.kind == "pair")
    assert set(pair.code.split("|")) == {"ETH", "ERI"}


def test_the_headline_pair_comes_first(pipeline):
    text = "Sudan said it hoped for calm. Egypt agreed. Both countries will send envoys."
    mem = scan(pipeline, text, "2018-07-16", title="Kenya and Uganda to share border intelligence")
    pair = next(m for m in mem.mentions if m.kind == "pair")
    assert set(pair.code.split("|")) == {"KEN", "UGA"} and pair.resolution == "headline"


def test_he_after_a_quote_is_the_person_named_before(pipeline):
    text = ("Brazilian President Luiz Inacio Lula da Silva spoke to reporters in Brasilia on Monday. "
            "'We will not accept tariffs from Washington,' he said.")
    mem = scan(pipeline, text, "2023-05-01")
    he = next(t for t in mem.doc if t.lower_ == "he")
    found = mem.resolve_pronoun(he)
    assert found and found[0].country == "BRA" and found[0].resolution == "coreference"


def test_its_is_the_nearest_state_or_body(pipeline):
    mem = scan(pipeline, "The African Union suspended Mali. Its council met in Addis Ababa.", "2021-06-01")
    its = next(t for t in mem.doc if t.lower_ == "its")
    assert [a.country for a in mem.resolve_pronoun(its)] == ["IGO"]


# ---- one organisation, one code ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "short, full",
    [
        ("ECOWAS", "the Economic Community of West African States"),
        ("ASEAN", "the Association of Southeast Asian Nations"),
        ("the AU", "the African Union"),
        ("the IAEA", "the International Atomic Energy Agency"),
        ("the ICC", "the International Criminal Court"),
        ("the SCO", "the Shanghai Cooperation Organisation"),
    ],
)
def test_an_organisation_has_one_code_under_its_names(pipeline, short, full):
    a = actor_codes(scan(pipeline, f"{short} warned Mali on Monday.", "2021-06-01"))
    b = actor_codes(scan(pipeline, f"{full} warned Mali on Monday.", "2021-06-01"))
    assert a and b and a[0] == b[0]


# ---- dates ---------------------------------------------------------------------------------------------------
def test_an_undated_article_has_undated_events(pipeline):
    events = pipeline.code_text("Kenya signed a trade agreement with Uganda.")
    assert events and all(e.date is None for e in events)


def test_an_undated_article_keeps_a_date_the_text_gives(pipeline):
    events = pipeline.code_text("Kenya signed a trade agreement with Uganda on 4 March 2019.")
    assert events and events[0].date == "2019-03-04"


# ---- the dated people dictionary ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, date, name, code",
    [
        ("Bola Tinubu met the ECOWAS mediators on Monday. Tinubu said talks would go on.", "2023-08-07", "Tinubu",
         "NGAGOV"),
        ("Josep Borrell criticised Minsk over the forced landing.", "2021-05-24", "Borrell", "IGO"),
        ("Josep Borrell summoned the Venezuelan ambassador.", "2019-02-01", "Borrell", "ESPGOV"),
        ("Yoon Suk Yeol hosted the Japanese prime minister in Seoul.", "2023-03-16", "Yeol", "KORGOV"),
        ("Erdogan said Ankara would not back down.", "2020-08-20", "Erdogan", "TURGOV"),
    ],
)
def test_office_holders_are_coded_for_the_article_date(pipeline, text, date, name, code):
    mem = scan(pipeline, text, date)
    head = [t for t in mem.doc if t.text == name][-1]
    found = mem.actors_for(head)
    assert found and found[0].code.startswith(code)


def test_a_leader_is_not_coded_outside_his_term(pipeline):
    mem = scan(pipeline, "Tinubu said the party would campaign in Lagos.", "2005-03-01")
    head = next(t for t in mem.doc if t.text == "Tinubu")
    assert all(a.code != "NGAGOV" for a in mem.actors_for(head))


def test_every_gazetteer_demonym_names_its_state(pipeline):
    # 'Swedish diplomats' is Sweden's government: a demonym the country dictionaries lack is still an actor.
    import gzip
    import json
    from importlib.resources import files

    with gzip.open(files("legation.data").joinpath("gazetteer.json.gz").open("rb")) as fh:
        demonyms = json.load(fh)["demonyms"]
    missing = [w for w in demonyms if pipeline.actors.lookup(tuple(w.split()), "2015-01-01") is None]
    assert not missing
    events = pipeline.code_text("Norway expelled two Swedish diplomats on Monday.", date="2015-01-01")
    assert {(e.source.country, e.target.country) for e in events if e.source and e.target} == {("NOR", "SWE")}


def test_a_full_name_outside_its_dated_spell_keeps_its_country(pipeline):
    # Shigeru Ishiba's shipped spell as head of government starts in 2024; in 2019 he is still Japanese,
    # though not the government: the country without a sector.
    events = pipeline.code_text("Shigeru Ishiba met Kenya's foreign minister in Nairobi on Monday.", date="2019-05-06")
    sources = [e.source for e in events if e.source is not None and e.source.text == "Shigeru Ishiba"]
    assert sources and sources[0].code == "JPN"
    later = pipeline.code_text("Shigeru Ishiba met Kenya's foreign minister in Nairobi on Monday.", date="2025-05-06")
    assert any(e.source is not None and e.source.code == "JPNGOV" for e in later)


@pytest.mark.parametrize("text, region", [
    ("European leaders criticised Russia on Monday.", "EUR"),
    ("West African leaders gave Mali's junta a week to set an election date.", "WAF"),
    ("Arab foreign ministers condemned Israel's raid.", "ARB"),
    ("Gulf states cut ties with Qatar.", "PGS"),
])
def test_a_regional_group_acts_as_its_region_not_as_its_target(pipeline, text, region):
    events = pipeline.code_text(text, date="2019-06-12")
    assert events and all(e.source is not None and e.source.country == region for e in events)
    assert all(e.source.kind == "region" for e in events)


def test_a_state_named_like_a_region_stays_a_state(pipeline):
    events = pipeline.code_text("The Central African Republic accused Chad of arming rebels.", date="2019-06-12")
    assert any(e.source is not None and e.source.country == "CAF" for e in events)


def test_the_seat_of_an_organisation_stands_for_it_unless_the_host_state_is_named(pipeline):
    eu = pipeline.code_text("Brussels warned Budapest over its media law.", date="2021-06-23")
    assert any(e.source is not None and e.source.code == "IGOEUREEC" for e in eu)
    host = pipeline.code_text("Brussels recalled its ambassador after two Belgian aid workers were detained in "
                              "Kinshasa.", date="2021-06-23")
    assert any(e.source is not None and e.source.country == "BEL" for e in host)


def test_an_agent_with_its_own_nationality_makes_the_place_after_it_a_place(pipeline):
    owned = pipeline.code_text("Kenyan police in Somalia arrested two men.", date="2019-06-12")
    assert any(e.source is not None and e.source.code == "KENCOP" for e in owned)
    assert not any(e.source is not None and e.source.country == "SOM" for e in owned)
    bare = pipeline.code_text("Police in Guinea fired tear gas at protesters.", date="2019-06-12")
    assert any(e.source is not None and e.source.code == "GINCOP" for e in bare)  # whose police: Guinea's


def test_a_city_in_the_name_of_a_treaty_is_no_party_to_it(pipeline):
    events = pipeline.code_text("The two leaders signed the Astana Declaration on Monday.", date="2019-06-12")
    assert not any(a is not None and a.country == "KAZ" for e in events for a in (e.source, e.target))
    parties = pipeline.code_text("Iran and the United States agreed on the Iran nuclear deal.", date="2015-07-14")
    assert any({e.source.country, e.target.country} == {"IRN", "USA"} for e in parties if e.target is not None)


def test_the_north_of_a_korean_story_is_north_korea_and_elsewhere_no_place(pipeline):
    events = pipeline.code_text("Seoul warned the North against further missile launches.", date="2017-09-03")
    assert any(e.target is not None and e.target.country == "PRK" for e in events)
    mali = pipeline.code_text("Rebels in the North attacked an army base in Mali.", date="2017-09-03")
    assert not any(a is not None and a.country == "CMR" for e in mali for a in (e.source, e.target))


def test_an_official_with_no_nationality_speaks_for_the_state_whose_act_he_reports(pipeline):
    mem = scan(pipeline, "Chile will recall its ambassador from Lima, Foreign Minister Alberto Ruiz warned.",
               date="2019-06-12")
    people = [m for m in mem.mentions if m.kind == "person"]
    assert people and people[0].code == "CHLGOV"


def test_an_international_court_is_an_organisation_and_a_named_one_keeps_its_code(pipeline):
    unnamed = pipeline.code_text("An international tribunal condemned Colombia on Tuesday.", date="2016-07-12")
    assert any(e.source is not None and e.source.code == "IGO" and e.source.kind == "igo" for e in unnamed)
    named = pipeline.code_text("The International Court of Justice condemned Serbia.", date="2007-02-27")
    assert any(e.source is not None and e.source.code.startswith("IGOUNO") for e in named)
