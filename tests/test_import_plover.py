"""POLECAT / PLOVER JSON lines into the store, in POLECAT's and the PLOVER specification's layouts."""

from __future__ import annotations

import io
import json

import pytest
from fixtures.imports.helpers import fixture

from legation.ingest.importers import import_files
from legation.store import EventFilter, open_store
from legation.store.export import write_plover


@pytest.fixture
def db(tmp_path) -> str:
    """A store holding the POLECAT fixture."""
    path = str(tmp_path / "p.duckdb")
    import_files("plover", [fixture("polecat_events.jsonl")], path)
    return path


def by_id(db: str) -> dict[str, dict]:
    """Stored events keyed by their POLECAT event id."""
    return {json.loads(e["extra"])["event_id"]: e for e in open_store(db).event_rows(EventFilter())}


def test_good_records_become_polecat_events(db):
    assert sorted((k, e["coder"]) for k, e in by_id(db).items()) == [
        ("pc-0001", "polecat"), ("pc-0002", "polecat"), ("pc-0004", "polecat"), ("pl-0003", "polecat"),
    ]  # fmt: skip


def test_polecat_actor_country_and_sector_make_the_code(db):
    event = by_id(db)["pc-0001"]
    assert (event["source_code"], event["target_code"]) == ("RUSGOV", "CHNGOV")


def test_polecat_type_mode_and_context_are_the_plover_fields(db):
    event = by_id(db)["pc-0001"]
    assert (event["plover_type"], event["plover_mode"], event["plover_context"]) == ("CONSULT", "visit", "economic")


def test_title_case_field_names_read_like_snake_case(db):
    event = by_id(db)["pc-0002"]
    assert (event["source_code"], event["target_code"], event["date"]) == ("RUSMIL", "UKRCVL", "2022-03-02")


def test_event_intensity_is_the_goldstein_value(db):
    assert by_id(db)["pc-0002"]["goldstein"] == -8.5


def test_a_record_without_cameo_keeps_its_quad_class(db):
    event = by_id(db)["pc-0001"]
    assert (event["cameo"], event["root"], event["quad_class"]) == ("", None, 1)


def test_a_record_with_a_cameo_code_takes_its_root(db):
    event = by_id(db)["pc-0004"]
    assert (event["cameo"], event["root"], event["quad_class"], event["goldstein"]) == ("163", "16", 3, -8.0)


def test_plover_specification_actor_lists_are_read(db):
    event = by_id(db)["pl-0003"]
    assert (event["source_code"], event["source_text"], event["target_code"]) == ("CHNGOV", "Beijing", "RUS")


def test_plover_cite_info_gives_the_story_url_and_outlet(db):
    event = by_id(db)["pl-0003"]
    assert (event["url"], event["article_source"]) == (
        "https://wire.example.com/2022/03/03/delegation", "Example Wire",
    )  # fmt: skip


def test_the_event_text_is_the_sentence(db):
    assert by_id(db)["pc-0001"]["sentence"] == "The two foreign ministers met in the capital for talks."


def test_the_location_is_kept_with_its_precision(db):
    event = by_id(db)["pc-0001"]
    assert (event["location_name"], event["geonameid"], event["location_precision"]) == ("Beijing", "1816670", "city")


def test_bad_lines_are_reported_with_their_line_numbers(tmp_path):
    report = import_files("plover", [fixture("polecat_events.jsonl")], tmp_path / "b.duckdb")
    assert [(line[1:5], line.split(": ")[0].rsplit(":", 1)[1]) for line in report.bad_lines] == [
        ("E001", "6"), ("E091", "7"), ("E093", "8"), ("E092", "9"),
    ]  # fmt: skip


def test_reimporting_adds_nothing(db):
    assert import_files("plover", [fixture("polecat_events.jsonl")], db).events == 0


def test_legations_own_plover_export_imports_back(tmp_path, db):
    out = io.StringIO()
    write_plover(open_store(db), out)
    exported = tmp_path / "exported.jsonl"
    exported.write_text(out.getvalue())
    import_files("plover", [exported], tmp_path / "again.duckdb")
    pairs = sorted((e["source_code"], e["target_code"]) for e in by_id(str(tmp_path / "again.duckdb")).values())
    assert pairs == sorted((e["source_code"], e["target_code"]) for e in by_id(db).values())
