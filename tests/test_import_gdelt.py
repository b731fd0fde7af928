"""GDELT 2.0 (61 columns) and 1.0 (58 and 57 columns) event files into the store."""

from __future__ import annotations

import json
import zipfile

import pytest
from fixtures.imports.helpers import fixture

from legation.ingest.importers import GDELT1_COLUMNS, GDELT2_COLUMNS, import_files
from legation.store import EventFilter, Store, open_store


@pytest.fixture
def db(tmp_path) -> str:
    """A store holding the GDELT 2.0 fixture."""
    path = str(tmp_path / "g.duckdb")
    import_files("gdelt", [fixture("gdelt2_events.CSV")], path)
    return path


def events(db: str, **filters: object) -> list[dict]:
    """Stored event rows matching the filters."""
    return list(open_store(db).event_rows(EventFilter(**filters)))  # type: ignore[arg-type]


def test_gdelt2_layout_runs_from_globaleventid_to_sourceurl():
    assert (len(GDELT2_COLUMNS), GDELT2_COLUMNS[0], GDELT2_COLUMNS[-1]) == (61, "GLOBALEVENTID", "SOURCEURL")


def test_gdelt1_layout_has_58_columns_without_adm2_codes():
    assert len(GDELT1_COLUMNS) == 58 and not any(c.endswith("ADM2Code") for c in GDELT1_COLUMNS)


def test_gdelt2_fixture_rows_have_61_columns_except_the_bad_one():
    counts = [len(line.split("\t")) for line in open(fixture("gdelt2_events.CSV")).read().splitlines()]
    assert counts == [61, 61, 61, 61, 61, 60, 61, 61]


def test_good_rows_become_events_and_repeats_fold(db):
    assert len(events(db)) == 4


def test_the_dataset_version_is_the_coder(db):
    assert {e["coder"] for e in events(db)} == {"gdelt-2.0"}


def test_a_repeat_from_the_same_sourceurl_is_folded_into_one_event(db):
    [event] = events(db, dyad=("RUS", "CHN"))
    assert json.loads(event["extra"])["gdelt_ids"] == ["1001", "1002"]


def test_actor_code_country_and_sector_are_kept(db):
    [event] = events(db, cameo="190")
    assert (event["source_code"], event["source_country"], event["source_sector"]) == ("RUSMIL", "RUS", "MIL")


def test_an_igo_actor_is_marked_igo(db):
    [event] = events(db, cameo="112")
    assert (event["target_code"], event["target_kind"]) == ("IGOUNO", "igo")


def test_goldstein_and_quad_class_come_from_the_file(db):
    [event] = events(db, cameo="036")
    assert (event["goldstein"], event["quad_class"]) == (4.0, 1)


def test_the_plover_type_comes_from_the_cameo_crosswalk(db):
    [event] = events(db, cameo="190")
    assert event["plover_type"] == "ASSAULT"


def test_the_fips_action_country_becomes_iso3(db):
    [event] = events(db, dyad=("RUS", "CHN"))
    assert (event["location_country"], event["lat"], event["location_precision"]) == ("RUS", 55.7522, "city")


def test_an_unknown_fips_code_is_counted_as_unmapped(tmp_path):
    report = import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "u.duckdb")
    assert report.unmapped == {"fips_country": {"XQ": 1}}


def test_the_sqldate_is_the_event_date(db):
    assert [e["date"] for e in events(db, cameo="036")] == ["2021-08-02"]


def test_the_sourceurl_is_the_story_of_its_events(db):
    rows = events(db, since="2021-08-03")
    assert {(r["url"], r["cluster_id"]) for r in rows} == {
        ("https://daily.example.net/2021/08/03/shelling", rows[0]["article_id"])
    }


def test_bad_rows_are_reported_with_their_line_numbers(tmp_path):
    report = import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "b.duckdb")
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in report.bad_lines] == ["6", "7", "8"]


def test_bad_rows_are_counted_by_reason(tmp_path):
    report = import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "b.duckdb")
    assert report.bad_by_code == {"E090": 1, "E091": 1, "E092": 1}


def test_bad_rows_are_recorded_in_the_store(db):
    kinds = sorted(r["kind"] for r in open_store(db).table_records("ingest_errors"))
    assert kinds == ["bad_columns", "bad_date", "unknown_code"]


def test_reimporting_a_file_adds_nothing(db):
    before = {t: len(open_store(db).table_rows(t)) for t in ("articles", "events", "ingest_errors")}
    report = import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    after = {t: len(open_store(db).table_rows(t)) for t in ("articles", "events", "ingest_errors")}
    assert (report.events, after) == (0, before)


def test_a_zipped_export_imports_like_the_csv(tmp_path, db):
    archive = tmp_path / "20210801.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(fixture("gdelt2_events.CSV"), "20210801.export.CSV")
    import_files("gdelt", [archive], tmp_path / "z.duckdb")
    assert sorted(e["id"] for e in events(str(tmp_path / "z.duckdb"))) == sorted(e["id"] for e in events(db))


def test_small_chunks_store_the_same_events(tmp_path, db):
    report = import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "c.duckdb", chunk_rows=2)
    stored = sorted(e["id"] for e in events(str(tmp_path / "c.duckdb")))
    assert (report.chunks > 1, stored) == (True, sorted(e["id"] for e in events(db)))


def test_gdelt1_58_columns_import_as_gdelt_1_0(tmp_path):
    path = tmp_path / "one.duckdb"
    import_files("gdelt", [fixture("gdelt1_events.CSV")], path)
    assert [(e["coder"], e["cameo"]) for e in events(str(path))] == [("gdelt-1.0", "043"), ("gdelt-1.0", "111")]


def test_a_row_not_matching_the_files_layout_is_bad(tmp_path):
    report = import_files("gdelt", [fixture("gdelt1_events.CSV")], tmp_path / "one.duckdb")
    assert report.bad_lines == [
        f"[E090] {fixture('gdelt1_events.CSV')}:3: the row has 57 columns, not 58 (gdelt-1.0); the row was skipped."
    ]


def test_gdelt1_57_column_backfile_makes_each_event_its_own_story(tmp_path):
    path = tmp_path / "back.duckdb"
    report = import_files("gdelt", [fixture("gdelt1_backfile.CSV")], path)
    assert (report.events, report.stories, report.coders) == (2, 2, {"gdelt-1.0": 2})


def test_a_missing_file_is_reported_and_nothing_else_fails(tmp_path):
    report = import_files("gdelt", [tmp_path / "absent.CSV", fixture("gdelt1_backfile.CSV")], tmp_path / "m.duckdb")
    assert (len(report.file_errors), report.events) == (1, 2)


def test_imported_events_count_per_story_cluster(db):
    summary = {r["id"]: r["articles"] for r in Store(db).table_records("cluster_summary")}
    clusters = {e["cluster_id"] for e in events(db)}
    assert clusters <= summary.keys()
