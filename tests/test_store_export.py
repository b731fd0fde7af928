"""Exports: GDELT 2.0 rows counted per story, POLECAT-style JSON lines."""

from __future__ import annotations

import io
import json

import pytest
from fixtures.ingest.helpers import sample_store

from legation.store import open_store
from legation.store.export import GDELT_COLUMNS, write_gdelt, write_plover


@pytest.fixture
def rows(tmp_path) -> list[dict[str, str]]:
    """The sample store's GDELT export, parsed by column name."""
    sample_store(tmp_path / "s.duckdb")
    out = io.StringIO()
    write_gdelt(open_store(tmp_path / "s.duckdb"), out)
    return [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in out.getvalue().splitlines()]


def test_gdelt_has_the_61_event_columns():
    assert len(GDELT_COLUMNS) == 61


def test_gdelt_counts_one_event_reported_by_two_articles_once(rows):
    assert [r["NumArticles"] for r in rows if r["Actor1Code"] == "RUS"] == ["3"]  # two articles, one copy


def test_gdelt_counts_the_outlets_of_a_story(rows):
    assert [r["NumSources"] for r in rows if r["Actor1Code"] == "RUS"] == ["2"]


def test_gdelt_dates_an_event_by_its_own_date(rows):
    assert [r["SQLDATE"] for r in rows if r["EventCode"] == "042"] == ["20240509"]


def test_gdelt_action_geo_comes_from_the_event_location(rows):
    assert (rows[0]["ActionGeo_FullName"], rows[0]["ActionGeo_Lat"]) == ("Moscow", "55.75")


def test_gdelt_keeps_the_source_url(rows):
    assert rows[0]["SOURCEURL"] == "https://herald.example/a1"


def test_plover_lines_carry_the_polecat_fields(tmp_path):
    sample_store(tmp_path / "s.duckdb")
    out = io.StringIO()
    write_plover(open_store(tmp_path / "s.duckdb"), out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert (first["event_type"], first["actor_country"], first["recipient_country"]) == (
        "CONSULT",
        "RUS",
        "CHN",
    )


# -- round trip: export to GDELT, import that file, get the same events -----------------------------------

ROUND_TRIP = ("date", "source_code", "source_country", "source_sector", "target_code", "target_country",
              "target_sector", "cameo", "root", "quad_class", "goldstein", "location_name", "location_country",
              "lat", "lon", "location_precision", "url")  # fmt: skip


def _exported(store_path, tmp_path, name: str = "export.CSV") -> str:
    out = io.StringIO()
    write_gdelt(open_store(store_path), out)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


def _fields(rows, columns: tuple[str, ...] = ROUND_TRIP) -> list[tuple]:
    return sorted((tuple(r[c] for c in columns) for r in rows), key=lambda t: ["" if v is None else str(v) for v in t])


def test_gdelt_export_writes_fips_place_codes(rows):
    assert {(r["ActionGeo_CountryCode"], r["ActionGeo_ADM1Code"]) for r in rows} == {("RS", "RS48")}  # RUS, Moscow


def test_our_gdelt_export_imports_back_as_the_same_story_events(tmp_path):
    from legation.ingest.importers import import_files
    from legation.store.export import story_events

    sample_store(tmp_path / "s.duckdb")
    report = import_files("gdelt", [_exported(tmp_path / "s.duckdb", tmp_path)], tmp_path / "back.duckdb")
    ours = [{**r, "date": r["event_date"]} for r in story_events(open_store(tmp_path / "s.duckdb"))]  # SQLDATE
    back = list(open_store(tmp_path / "back.duckdb").event_rows())
    assert (report.unmapped, report.bad_rows, len(back)) == ({}, 0, 3)
    assert _fields(back) == _fields(ours)


def test_an_imported_gdelt_file_exports_and_imports_back_unchanged(tmp_path):
    from fixtures.imports.helpers import fixture

    from legation.ingest.importers import import_files

    import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "g.duckdb")
    report = import_files("gdelt", [_exported(tmp_path / "g.duckdb", tmp_path)], tmp_path / "again.duckdb")
    first = list(open_store(tmp_path / "g.duckdb").event_rows())
    again = list(open_store(tmp_path / "again.duckdb").event_rows())
    places = ("location_name", "location_country", "admin1", "lat", "lon", "location_precision")
    assert (report.bad_rows, sorted(e["id"] for e in again)) == (0, sorted(e["id"] for e in first))
    assert _fields(again) == _fields(first)
    assert _fields(again, places) == _fields(first, places)


def test_the_real_gdelt_export_round_trips(shared, tmp_path):
    from legation.ingest.importers import import_files

    real = shared / "eval" / "imports" / "20191024143000.export.CSV"
    if not real.exists():
        pytest.skip(f"{real} is absent")
    import_files("gdelt", [real], tmp_path / "g.duckdb")
    report = import_files("gdelt", [_exported(tmp_path / "g.duckdb", tmp_path)], tmp_path / "again.duckdb")
    first = list(open_store(tmp_path / "g.duckdb").event_rows())
    again = list(open_store(tmp_path / "again.duckdb").event_rows())
    # the one place GDELT codes OS (an ocean, no country) is reported again; nothing else is unmapped
    assert (report.rows, report.unmapped, len(again)) == (1648, {"fips_country": {"OS": 1}}, 1648)
    assert sorted(e["id"] for e in again) == sorted(e["id"] for e in first)
    assert _fields(again) == _fields(first)
