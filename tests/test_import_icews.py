"""ICEWS Dataverse .tab files (20 named columns) into the store."""

from __future__ import annotations

import json

import pytest
from fixtures.imports.helpers import fixture

from legation.ingest.importers import ICEWS_COLUMNS, import_files
from legation.store import EventFilter, open_store

LAYOUT = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip


@pytest.fixture
def db(tmp_path) -> str:
    """A store holding the ICEWS fixture."""
    path = str(tmp_path / "i.duckdb")
    import_files("icews", [fixture("icews_events.tab")], path)
    return path


def by_id(db: str) -> dict[str, dict]:
    """Stored events keyed by their ICEWS Event ID."""
    return {json.loads(e["extra"])["event_id"]: e for e in open_store(db).event_rows(EventFilter())}


def test_the_layout_is_the_twenty_dataverse_columns():
    assert ICEWS_COLUMNS == LAYOUT


def test_the_fixture_header_is_the_layout():
    assert open(fixture("icews_events.tab")).readline().rstrip("\n").split("\t") == list(LAYOUT)


def test_good_rows_become_icews_events(db):
    assert sorted((k, e["coder"]) for k, e in by_id(db).items()) == [(f"3000000{i}", "icews") for i in range(1, 6)]


def test_a_government_person_is_coded_country_and_sector(db):
    event = by_id(db)["30000001"]
    assert (event["source_code"], event["source_country"], event["source_sector"]) == ("RUSGOV", "RUS", "GOV")


def test_a_country_named_as_itself_is_a_state(db):
    event = by_id(db)["30000001"]
    assert (event["target_code"], event["target_kind"]) == ("CHN", "state")


def test_a_generic_military_actor_gets_the_military_sector(db):
    assert by_id(db)["30000003"]["source_code"] == "RUSMIL"


def test_a_generic_citizen_actor_gets_the_civilian_sector(db):
    assert by_id(db)["30000003"]["target_code"] == "UKRCVL"


def test_an_international_organisation_takes_its_dictionary_code(db):
    event = by_id(db)["30000004"]
    assert (event["source_code"], event["source_country"], event["source_kind"]) == ("IGOUNO", None, "igo")


def test_an_unknown_country_name_leaves_the_actor_uncoded_with_its_name(db):
    event = by_id(db)["30000005"]
    assert (event["source_code"], event["source_text"], event["source_kind"]) == ("", "Lost Delegation", "unknown")


def test_an_unknown_country_name_is_counted_as_unmapped(tmp_path):
    report = import_files("icews", [fixture("icews_events.tab")], tmp_path / "u.duckdb")
    assert report.unmapped == {"country_name": {"Atlantis": 1}}


def test_a_code_that_lost_its_leading_zero_is_read(db):
    assert by_id(db)["30000005"]["cameo"] == "040"


def test_intensity_is_the_goldstein_value(db):
    assert by_id(db)["30000003"]["goldstein"] == -10.0


def test_the_story_id_is_the_story_cluster(db):
    events = by_id(db)
    assert events["30000001"]["cluster_id"] == events["30000002"]["cluster_id"] != events["30000003"]["cluster_id"]


def test_sentence_number_and_event_text_are_kept_as_evidence(db):
    event = by_id(db)["30000002"]
    assert (event["sentence_index"], json.loads(event["extra"])["event_text"]) == (2, "Host a visit")


def test_the_publisher_is_the_story_outlet(db):
    assert by_id(db)["30000003"]["article_source"] == "Example Daily"


def test_the_location_country_name_becomes_iso3(db):
    event = by_id(db)["30000001"]
    assert (event["location_name"], event["location_country"], event["location_precision"]) == (
        "Beijing", "CHN", "city",
    )  # fmt: skip


def test_bad_rows_are_reported_with_their_line_numbers(tmp_path):
    report = import_files("icews", [fixture("icews_events.tab")], tmp_path / "b.duckdb")
    assert [(line[1:5], line.split(": ")[0].rsplit(":", 1)[1]) for line in report.bad_lines] == [
        ("E090", "7"), ("E091", "8"), ("E092", "9"),
    ]  # fmt: skip


def test_a_quoted_dataverse_file_reads_the_same(tmp_path, db):
    lines = open(fixture("icews_events.tab")).read().splitlines()
    quoted = tmp_path / "quoted.tab"
    quoted.write_text("\n".join("\t".join(f'"{v}"' for v in line.split("\t")) for line in lines) + "\n")
    import_files("icews", [quoted], tmp_path / "q.duckdb")
    assert sorted(by_id(str(tmp_path / "q.duckdb"))) == sorted(by_id(db))


def test_a_file_without_the_icews_header_imports_nothing(tmp_path):
    other = tmp_path / "other.tab"
    other.write_text("a\tb\n1\t2\n")
    report = import_files("icews", [other], tmp_path / "o.duckdb")
    assert (report.rows, report.file_errors[0][:6]) == (0, "[E094]")


def test_reimporting_adds_nothing(db):
    assert import_files("icews", [fixture("icews_events.tab")], db).events == 0
