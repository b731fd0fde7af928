"""The store's schema: migrations, versions, opening rules, Parquet export of every table."""

from __future__ import annotations

import duckdb
import pytest

from legation.errors import LegationError
from legation.store import SCHEMA_VERSION, TABLES, VIEWS, Batch, ErrorRecord, Store, open_store
from legation.store import resolve_db_path as db_path


def test_a_new_store_is_migrated_to_the_current_version(tmp_path):
    Store(tmp_path / "s.duckdb")
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    version = con.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)


def test_opening_a_migrated_store_again_keeps_its_data(tmp_path):
    Store(tmp_path / "s.duckdb").add_batch(Batch(errors=[ErrorRecord("a.txt", "E003", "empty", "m")]))
    assert len(Store(tmp_path / "s.duckdb").table_rows("ingest_errors")) == 1


def test_a_store_from_a_newer_legation_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_info SET value = ? WHERE key = 'version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(LegationError, match="E046"):
        Store(path)


def test_reading_a_missing_store_says_how_to_create_one(tmp_path):
    with pytest.raises(LegationError, match=r"E045.*legation ingest"):
        open_store(tmp_path / "missing.duckdb")


def test_the_db_path_comes_from_the_environment_when_not_given(monkeypatch, tmp_path):
    monkeypatch.setenv("LEGATION_DB", str(tmp_path / "env.duckdb"))
    assert db_path(None) == tmp_path / "env.duckdb"


def test_the_default_db_path_is_legation_duckdb(monkeypatch):
    monkeypatch.delenv("LEGATION_DB", raising=False)
    assert db_path(None).name == "legation.duckdb"


def test_every_table_and_view_exports_to_parquet(tmp_path):
    Store(tmp_path / "s.duckdb")
    paths = open_store(tmp_path / "s.duckdb").export_tables(tmp_path / "out")
    assert sorted(p.stem for p in paths) == sorted(TABLES + VIEWS)
