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
