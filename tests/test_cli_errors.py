"""`legation errors`: the stored errors (file, line or record, code, message), all or since an ingest run."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fixtures.ingest.helpers import FakeCoder

from legation.ingest import run


@pytest.fixture
def db(tmp_path) -> str:
    """A store after two runs: run 1 met a missing file and a bad JSON line, run 2 only the bad line."""
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Russia met China."}\n{bad\n')
    path = tmp_path / "s.duckdb"
    run([tmp_path / "a.jsonl", tmp_path / "missing.txt"], path, coder=FakeCoder())
    run([tmp_path / "a.jsonl"], path, coder=FakeCoder())
    return str(path)


def test_errors_lists_every_stored_error_as_jsonl(cli, db, tmp_path):
    rows = cli("errors", "--db", db, "--format", "jsonl").jsonl()
    assert sorted((r["code"], r["location"].rsplit("/", 1)[1], r["run"]) for r in rows) == [
        ("E001", "a.jsonl:2", 2), ("E012", "missing.txt", 1),
    ]  # fmt: skip


def test_errors_since_a_run_lists_what_that_run_met(cli, db):
    rows = cli("errors", "--db", db, "--since", "2", "--format", "jsonl").jsonl()
    assert [r["code"] for r in rows] == ["E001"]


def test_errors_since_last_is_the_latest_run(cli, db):
    assert cli("errors", "--db", db, "--since", "last", "--format", "jsonl").jsonl() == cli(
        "errors", "--db", db, "--since", "2", "--format", "jsonl"
    ).jsonl()


def test_errors_csv_has_the_file_code_and_message_columns(cli, db):
    rows = list(csv.DictReader(io.StringIO(cli("errors", "--db", db, "--format", "csv").stdout)))
    assert list(rows[0]) == ["run", "location", "code", "kind", "message", "article_id"] and len(rows) == 2


def test_errors_table_shows_each_message_and_a_count(cli, db):
    out = cli("errors", "--db", db).stdout
    assert "missing.txt: the file could not be read (No such file or directory)." in out and "2 errors" in out


def test_errors_since_something_that_is_not_a_run_is_a_catalogued_error(cli, db):
    result = cli("errors", "--db", db, "--since", "yesterday")
    assert (result.exit_code, "[E134]" in result.stderr) == (1, True)


def test_errors_on_a_missing_store_says_how_to_create_one(cli, tmp_path):
    assert "[E045]" in cli("errors", "--db", tmp_path / "none.duckdb").stderr


def test_the_ingest_summary_names_the_errors_command(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("legation.get_pipeline", FakeCoder)
    result = cli("ingest", tmp_path / "missing.txt", "--db", tmp_path / "s.duckdb", "--no-progress")
    assert f"legation errors --db {tmp_path / 's.duckdb'} --since 1" in result.stderr
    assert json.loads(cli("errors", "--db", tmp_path / "s.duckdb", "--format", "jsonl").stdout)["run"] == 1
