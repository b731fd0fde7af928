"""The importers on the real GDELT, ICEWS and PLOVER files in ../shared/eval/imports (skipped without it).

Every expected value here was read by hand from the raw rows of those files (the line or id is named).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.ingest.importers import ImportReport, import_files
from legation.store import EventFilter, open_store

GDELT2 = "20191024143000.export.CSV"
GDELT1 = "20141124.export.sample.CSV"
ICEWS = "events.2018.sample.tab"
PLOVER = "plover_gsr_records.jsonl"


def _imported(shared: Path, tmp_path_factory: pytest.TempPathFactory, kind: str, name: str):
    path = shared / "eval" / "imports" / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real import files are only in CI and dev checkouts")
    db = str(tmp_path_factory.mktemp(kind) / "real.duckdb")
    report = import_files(kind, [path], db)
    return report, list(open_store(db).event_rows(EventFilter())), path


@pytest.fixture(scope="module")
def gdelt2(shared, tmp_path_factory) -> tuple[ImportReport, list[dict], Path]:
    """The 15-minute GDELT 2.0 export, imported."""
    return _imported(shared, tmp_path_factory, "gdelt", GDELT2)


@pytest.fixture(scope="module")
def gdelt1(shared, tmp_path_factory) -> tuple[ImportReport, list[dict], Path]:
    """The GDELT 1.0 sample rows, imported."""
    return _imported(shared, tmp_path_factory, "gdelt", GDELT1)


@pytest.fixture(scope="module")
def icews(shared, tmp_path_factory) -> tuple[ImportReport, list[dict], Path]:
    """The ICEWS R package sample, imported."""
    return _imported(shared, tmp_path_factory, "icews", ICEWS)


@pytest.fixture(scope="module")
def plover(shared, tmp_path_factory) -> tuple[ImportReport, list[dict], Path]:
    """The PLOVER gold-standard records, imported."""
    return _imported(shared, tmp_path_factory, "plover", PLOVER)


def by_gdelt_id(events: list[dict]) -> dict[str, dict]:
    """Stored GDELT events under each GLOBALEVENTID folded into them."""
    return {gid: e for e in events for gid in json.loads(e["extra"])["gdelt_ids"]}


def by_key(events: list[dict], key: str) -> dict[str, dict]:
    """Stored events keyed by one field of their extra JSON."""
    return {json.loads(e["extra"])[key]: e for e in events}


# -- GDELT 2.0 -------------------------------------------------------------------------------------------


def test_gdelt2_counts(gdelt2):
    report, events, _ = gdelt2
    # 2,111 rows of 61 columns; 425 distinct SOURCEURLs; 1,648 distinct (url, date, actors, code) keys.
    assert (report.rows, report.bad_rows, len(events), report.stories, report.folded) == (2111, 0, 1648, 425, 463)


def test_gdelt2_every_row_is_folded_into_exactly_one_event(gdelt2):
    _, events, _ = gdelt2
    assert sum(len(json.loads(e["extra"])["gdelt_ids"]) for e in events) == 2111


# GLOBALEVENTID: (Actor1Code, Actor2Code, EventCode, SQLDATE), read from the rows (lines 1 to 2111 by 211).
CODES = {
    "881990832": (None, "AUS", "139", "2018-10-24"),
    "881991043": (None, "USA", "060", "2019-10-24"),
    "881991254": ("CAN", "EDU", "024", "2019-10-24"),
    "881991465": ("EDU", None, "0871", "2019-10-24"),
    "881991676": ("GOV", None, "071", "2019-10-24"),
    "881991887": ("IND", "COP", "010", "2019-10-24"),
    "881992098": ("LEG", None, "080", "2019-10-24"),
    "881992309": ("PHLJUD", "COP", "010", "2019-10-24"),
    "881992520": ("UAF", "SYR", "190", "2019-10-24"),
    "881992731": ("USA", "EGY", "111", "2019-10-24"),
    "881992942": ("zul", "LBN", "060", "2019-10-24"),
}


def test_gdelt2_actor_codes_event_codes_and_dates(gdelt2):
    found = by_gdelt_id(gdelt2[1])
    assert {g: (found[g]["source_code"], found[g]["target_code"], found[g]["cameo"], found[g]["date"])
            for g in CODES} == CODES  # fmt: skip


# Rows whose event is not folded: GLOBALEVENTID: (ActionGeo_FullName, FIPS country as ISO3, precision, lat).
PLACES = {
    "881990832": ("Vancouver, British Columbia, Canada", "CAN", "city", 49.25),  # FIPS CA, Type 4
    "881991254": ("Quebec, Quebec, Canada", "CAN", "city", 47.5),  # CA
    "881991676": ("Bayelsa State, Bayelsa, Nigeria", "NGA", "admin1", 4.75),  # NI, Type 5
    "881992098": ("Ukraine", "UKR", "country", 49.0),  # UP, Type 1
    "881992309": ("Philippines", "PHL", "country", 13.0),  # RP
    "881992942": ("Pretoria, Gauteng, South Africa", "ZAF", "city", -25.7069),  # SF
}


def test_gdelt2_places_map_fips_to_iso3(gdelt2):
    found = by_gdelt_id(gdelt2[1])
    assert {g: (found[g]["location_name"], found[g]["location_country"], found[g]["location_precision"],
                found[g]["lat"]) for g in PLACES} == PLACES  # fmt: skip


def test_gdelt2_a_row_without_a_place_has_no_location(gdelt2):
    assert by_gdelt_id(gdelt2[1])["881991465"]["location_name"] is None  # ActionGeo_Type 0


def test_gdelt2_adm1_code_drops_its_fips_country(gdelt2):
    assert by_gdelt_id(gdelt2[1])["881991254"]["admin1"] == "10"  # ADM1Code CA10


def test_gdelt2_a_folded_event_is_placed_where_it_has_most_mentions(gdelt2):
    # lines 6 and 7: one event of one URL, 4 mentions in Berlin (GM16) and 16 in Bitburg (GM08).
    event = by_gdelt_id(gdelt2[1])["881990837"]
    extra = json.loads(event["extra"])
    assert (event["location_name"], event["lat"], extra["gdelt_ids"], extra["num_mentions"]) == (
        "Bitburg, Rheinland-Pfalz, Germany", 49.9667, ["881990837", "881990838"], 20,
    )  # fmt: skip


def test_gdelt2_a_folded_event_lists_every_place_with_its_mentions(gdelt2):
    extra = json.loads(by_gdelt_id(gdelt2[1])["881990837"]["extra"])
    assert [(p["name"], p["mentions"]) for p in extra["locations"]] == [
        ("Bitburg, Rheinland-Pfalz, Germany", 16), ("Berlin, Berlin, Germany", 4),
    ]  # fmt: skip


def test_gdelt2_every_folded_group_that_differs_in_place_keeps_its_places(gdelt2):
    # 368 keys have two rows or more; in 255 of them the rows name different places (FullName and Lat).
    extras = [json.loads(e["extra"]) for e in gdelt2[1]]
    assert (sum(len(x["gdelt_ids"]) > 1 for x in extras), sum("locations" in x for x in extras)) == (368, 255)


def test_gdelt2_the_ocean_fips_code_is_reported_unmapped(gdelt2):
    assert gdelt2[0].unmapped == {"fips_country": {"OS": 1}}


# -- GDELT 1.0 -------------------------------------------------------------------------------------------


def test_gdelt1_the_57_column_row_among_58_is_a_bad_row(gdelt1):
    report, events, path = gdelt1
    assert (report.rows, len(events), report.bad_lines) == (3, 3, [
        f"[E090] {path}:2: the row has 57 columns, not 58 (gdelt-1.0); the row was skipped."
    ])  # fmt: skip


def test_gdelt1_codes_dates_and_places(gdelt1):
    found = by_gdelt_id(gdelt1[1])
    assert {g: (e["coder"], e["source_code"], e["target_code"], e["cameo"], e["date"], e["location_country"])
            for g, e in found.items()} == {  # fmt: skip
        "324845984": ("gdelt-1.0", None, "COP", "014", "2004-11-26", "USA"),  # Washington, FIPS US
        "324845987": ("gdelt-1.0", "BUS", "MNCUSA", "051", "2004-11-26", "PNG"),  # Port Moresby, FIPS PP
        "324846008": ("gdelt-1.0", None, "AGR", "080", "2013-11-24", None),  # no ActionGeo
    }


# -- ICEWS -----------------------------------------------------------------------------------------------


def test_icews_counts(icews):
    report, events, _ = icews
    # 3,705 rows with 3,705 distinct Event IDs in 1,876 Story IDs, dated 2018-06-01 (2,359) and -02 (1,346).
    dates = sorted({e["date"] for e in events})
    assert (report.rows, report.bad_rows, len(events), report.stories, dates) == (
        3705, 0, 3705, 1876, ["2018-06-01", "2018-06-02"],
    )  # fmt: skip


def test_icews_na_is_never_namibia(icews):
    # 147 Source Country and 232 Target Country values are NA; the only Namibian actors are "(Namibia)".
    namibian = {e[f"{r}_text"] for e in icews[1] for r in ("source", "target") if e[f"{r}_country"] == "NAM"}
    assert namibian == {"Party Member (Namibia)", "Party President (Namibia)"}


def test_icews_na_is_never_a_place_name(icews):
    # 1,111 rows have City NA; row 32891065 has City, District and Province NA and Country Japan.
    event = by_key(icews[1], "event_id")["32891065"]
    names = {e["location_name"] for e in icews[1]}
    assert ("NA" in names, event["location_name"], event["location_precision"]) == (False, "Japan", "country")


# Event ID: (Source Name -> code, Target Name -> code), from the rows and their sector lists.
ICEWS_ACTORS = {
    "32889836": ("BGDGOV", "VNMMIL"),  # Foreign Affairs (Bangladesh) / High Ranking Military Personnel (Vietnam)
    "32891065": ("JPN", "VNM"),  # Japan / Vietnam, sectors NA
    "32891488": ("IGOEUREEC", "USA"),  # European Union (IGO, country NA) / United States
    "32891137": ("IGOUNO", "TWN"),  # United Nations / Taiwan
    "32890052": ("INDGOV", "IDN"),  # Narendra Modi, listed only with party roles, prime minister since 2014
    "32890424": ("TWNGOV", "HTI"),  # Tsai Ing-wen: Executive Office beside "Opposition Major Party"
    "32891400": ("AUSNGO", "AUSLEG"),  # Pauline Hanson: "Nongovernmental Organizations / Activists" / Senate
    "32892249": ("AUSMIL", "CHN"),  # Marise Payne: Defense / Security Ministry
    "32887052": ("NGOHLHIRC", "KOR"),  # International Committee of the Red Cross, country NA
    "32890086": ("INDPTY", "INDGOV"),  # Bharatiya Janata: party roles only / Government (India)
    "32891539": ("IGO", "KORGOV"),  # Federica Mogherini (IGO, no executive role) / Kang Kyung Wha
    "32887415": ("INDHRI", ""),  # Activist (India): Human Rights NGOs / Unspecified Actor (uncoded)
    "32891180": ("INDCOP", "INDCVL"),  # Police (India) / Children (India)
}


def test_icews_actor_codes(icews):
    found = by_key(icews[1], "event_id")
    assert {k: (found[k]["source_code"], found[k]["target_code"]) for k in ICEWS_ACTORS} == ICEWS_ACTORS


def test_icews_nongovernmental_is_not_government(icews):
    # 31 Source Sectors and 47 Target Sectors lists name "Nongovernmental ..."; one of them (a governor's,
    # event 32898098) also names Government, Provincial and Local.
    sides = [(e, r) for e in icews[1] for r in ("source", "target")
             if "Nongovernmental" in (json.loads(e["extra"]).get(f"{r}_sectors") or "")]  # fmt: skip
    government = [json.loads(e["extra"])["event_id"] for e, r in sides if e[f"{r}_sector"] == "GOV"]
    assert (len(sides), government) == (78, ["32898098"])


def test_icews_an_uncoded_actor_keeps_its_name(icews):
    event = by_key(icews[1], "event_id")["32887415"]
    assert (event["target_text"], event["target_code"], event["target_kind"]) == ("Unspecified Actor", "", "unknown")


def test_icews_places(icews):
    found = by_key(icews[1], "event_id")
    hanoi, brussels = found["32889836"], found["32891488"]
    assert (hanoi["location_name"], hanoi["location_country"], hanoi["lat"], brussels["location_country"]) == (
        "Hanoi", "VNM", 21.0245, "BEL",
    )  # fmt: skip


def test_icews_every_country_name_is_mapped(icews):
    assert "country_name" not in icews[0].unmapped  # "the former Yugoslav Republic of Macedonia" included


# -- PLOVER ----------------------------------------------------------------------------------------------


def test_plover_counts(plover):
    report, events, path = plover
    # 323 lines: the DOCUMENT record, then 322 events of which two share the id PLOVER-GSR01-COERCE-0004.
    assert (report.rows, report.skipped, len(events), report.bad_lines) == (321, 1, 321, [
        f"[E098] {path}:291: another event has the id 'PLOVER-GSR01-COERCE-0004' earlier in the file; the row was"
        " skipped."
    ])  # fmt: skip


# id: (event, source actorText, source code, target code, mode, context), from the records.
PLOVER_RECORDS = {
    "PLOVER-GSR01-AGREE-0001": ("AGREE", "Hungarian", "HUNGOV", None, None, "refugees"),
    "PLOVER-GSR01-AGREE-0002": ("AGREE", "Asia-Pacific Economic Cooperation", "IGO", "JAP", None, "resource"),
    "PLOVER-GSR01-AGREE-0030": ("AGREE", "Iraq", "IRQ", "IGO", None, "cbrn"),
    "PLOVER-GSR01-SUPPORT-0009": ("SUPPORT", "Argentina", "ARG", "BRA", None, "military"),
    "PLOVER-GSR01-RETREAT-0009": ("RETREAT", "Kyrgyz Prime Minister Nikolai Tanaev", "KGZGOV", "IGO", None,
                                  "diplomatic"),
    "PLOVER-GSR01-DISAPPROVE-0004": ("DISAPPROVE", "Haitian government", "HTIGOV", "HTIOPP", None, "legal"),
    "PLOVER-GSR01-REJECT-0018": ("REJECT", "U.S.", "USA", "IRQCRM", None, "terrorism"),
    "PLOVER-GSR01-THREATEN-0014": ("THREATEN", "Iraq's interim government", "IRQGOV", "IRQCVL", "martial-law",
                                   "legal"),
    "PLOVER-GSR01-PROTEST-0016": ("PROTEST", "opposition parties in Nepal", "NPLOPP", "NPLGOV", "strike-gen",
                                  "political"),
    "PLOVER-GSR01-ASSAULT-0008": ("ASSAULT", "Palestinian", "PSEMIL", "ISRCVL", "suicide-attack", "terrorism"),
    "PLOVER-GSR01-FIGHT-0015": ("FIGHT", "Phillippines military", "PHLMIL", None, "other", "terrorism"),
}  # fmt: skip


def test_plover_types_actors_modes_and_contexts(plover):
    found = by_key(plover[1], "event_id")
    columns = ("plover_type", "source_text", "source_code", "target_code", "plover_mode", "plover_context")
    assert {k: tuple(found[k][c] for c in columns) for k in PLOVER_RECORDS} == PLOVER_RECORDS


def test_plover_text_is_the_sentence_and_event_text_the_trigger(plover):
    event = by_key(plover[1], "event_id")["PLOVER-GSR01-SUPPORT-0009"]
    assert (event["trigger"], event["sentence"].split()[0], event["date"]) == ("apologized", "Argentina", "2000-01-01")


def test_plover_a_second_actor_is_kept_beside_the_first(plover):
    extra = json.loads(by_key(plover[1], "event_id")["PLOVER-GSR01-FIGHT-0015"]["extra"])
    assert extra["source_others"] == [{"actorText": "Moro Islamic Liberation Front", "code": "PHL", "sector": "REBMOS"}]


def test_plover_a_sector_with_an_ethnic_code_keeps_both(plover):
    # PLOVER-GSR01-DEMAND-0014: "Ethnic Albanians in south Serbia", code SRB, sector CVLalb.
    event = by_key(plover[1], "event_id")["PLOVER-GSR01-DEMAND-0014"]
    assert (event["source_code"], event["source_country"], event["source_sector"]) == ("SRBCVLALB", "SRB", "CVL")


def test_plover_event_location_country_codes_are_read(plover):
    places = {(e["location_name"], e["location_country"]) for e in plover[1] if e["location_name"]}
    assert {("Geneva", "CHE"), ("Bam", "IRN"), ("Gorazde", None)} <= places
