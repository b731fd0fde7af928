"""The commands over the store: ingest, events, export, stats (in-process, model-free coder)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fixtures.ingest.helpers import FakeCoder, sample_store

from legation.store import TABLES, VIEWS


@pytest.fixture
def db(tmp_path) -> str:
    """A small sample store."""
    sample_store(tmp_path / "s.duckdb")
    return str(tmp_path / "s.duckdb")


@pytest.fixture
def texts(tmp_path) -> str:
    """A folder of two text articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks\n\nMarch 3, 2024\n\nRussia met China in Moscow. More talks follow.\n"
    )
    (folder / "b.txt").write_text("Visit\n\nJapan met France in Paris on Monday.\n")
    return str(folder)


@pytest.fixture
def fake_pipeline(monkeypatch):
    """`legation ingest` codes with the model-free coder."""
    monkeypatch.setattr("legation.get_pipeline", FakeCoder)


def test_ingest_reports_articles_per_second(cli, texts, tmp_path, fake_pipeline):
    result = cli("ingest", texts, "--db", tmp_path / "new.duckdb", "--no-progress")
    assert "2 new articles stored" in result.stdout and "articles/s" in result.stdout


def test_ingest_json_report_counts_events(cli, texts, tmp_path, fake_pipeline):
    result = cli("ingest", texts, "--db", tmp_path / "new.duckdb", "--no-progress", "--format", "json")
    assert json.loads(result.stdout)["events"] == 2


def test_ingest_writes_to_the_store_named_by_the_environment(
    cli, texts, tmp_path, monkeypatch, fake_pipeline
):
    monkeypatch.setenv("LEGATION_DB", str(tmp_path / "env.duckdb"))
    cli("ingest", texts, "--no-progress")
    assert (tmp_path / "env.duckdb").exists()


def test_events_jsonl_filters_by_dyad(cli, db):
    result = cli("events", "--db", db, "--dyad", "RUS", "CHN", "--format", "jsonl")
    assert [e["doc_id"] for e in result.jsonl()] == ["a1", "a2"]


def test_events_table_shows_one_line_per_event_under_a_header(cli, db):
    assert len(cli("events", "--db", db).stdout.splitlines()) == 5


def test_events_csv_has_a_header_row(cli, db):
    rows = list(csv.DictReader(io.StringIO(cli("events", "--db", db, "--format", "csv").stdout)))
    assert (len(rows), rows[0]["source_code"]) == (4, "RUS")


def test_events_parquet_needs_an_output_file(cli, db):
    assert cli("events", "--db", db, "--format", "parquet").exit_code == 2


def test_events_parquet_writes_the_matching_events(cli, db, tmp_path):
    cli("events", "--db", db, "--root", "04", "--format", "parquet", "--output", tmp_path / "e.parquet")
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 3


def test_events_on_a_missing_store_says_how_to_create_one(cli, tmp_path):
    result = cli("events", "--db", tmp_path / "none.duckdb")
    assert (result.exit_code, "E045" in result.stderr) == (1, True)


def test_export_gdelt_writes_tab_separated_61_column_rows(cli, db):
    lines = cli("export", "--db", db, "--format", "gdelt").stdout.splitlines()
    assert {len(line.split("\t")) for line in lines} == {61}


def test_export_plover_writes_one_json_object_per_event(cli, db):
    assert len(cli("export", "--db", db, "--format", "plover").jsonl()) == 4


def test_export_parquet_writes_every_table(cli, db, tmp_path):
    cli("export", "--db", db, "--format", "parquet", "--output", tmp_path / "pq")
    assert sorted(p.stem for p in (tmp_path / "pq").iterdir()) == sorted(TABLES + VIEWS)


def test_stats_json_has_the_counts_the_issue_names(cli, db):
    stats = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    assert {k: stats[k] for k in ("articles", "clusters", "events", "errors")} == {
        "articles": 3, "clusters": 2, "events": 4, "errors": 0,
    }  # fmt: skip


def test_stats_text_lists_counts_per_source(cli, db):
    assert "Courier" in cli("stats", "--db", db).stdout
