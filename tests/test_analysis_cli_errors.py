"""`legation dyad` without data: a clear error, not an empty report."""

from __future__ import annotations

from legation.store import Store


def test_dyad_on_an_empty_store_says_to_ingest_first(cli, tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db)  # creates the schema, holds no events
    result = cli("dyad", "RUS", "CHN", "--db", db)
    assert result.exit_code == 1 and "[E070]" in result.stderr


def test_dyad_on_a_missing_store_names_the_file(cli, tmp_path):
    result = cli("dyad", "RUS", "CHN", "--db", tmp_path / "missing.duckdb")
    assert "[E045]" in result.stderr


def test_alerts_on_an_empty_store_say_so(cli, tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db)
    assert cli("alerts", "--db", db).stdout.strip() == "no alerts"


def test_watch_refuses_a_bad_interval(cli, tmp_path):
    result = cli("watch", str(tmp_path / "feed.xml"), "--every", "often", "--db", tmp_path / "w.duckdb")
    assert "[E071]" in result.stderr
