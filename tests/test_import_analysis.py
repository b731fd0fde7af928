"""`legation dyad` and `legation alerts` ask the same questions of an imported dataset (`--coder`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fixtures.imports.helpers import add_own_coding, fixture, gdelt_line

from legation.ingest.importers import import_files
from legation.store import Store


@pytest.fixture
def spike(tmp_path) -> str:
    """Eight quiet weeks of one RUS-CHN visit each, then a week of six fights, imported from GDELT 2.0."""
    start = dt.date(2021, 6, 7)
    lines = [gdelt_line(n, (start + dt.timedelta(weeks=n)).isoformat(), "042", 1, 1.9) for n in range(8)]
    lines += [gdelt_line(8 + n, (start + dt.timedelta(weeks=8, days=n)).isoformat(), "190", 4, -10.0)
              for n in range(6)]  # fmt: skip
    data = tmp_path / "spike.export.CSV"
    data.write_text("\n".join(lines) + "\n")
    import_files("gdelt", [data], tmp_path / "spike.duckdb")
    return str(tmp_path / "spike.duckdb")


def test_the_dyad_report_reads_an_imported_dataset(cli, tmp_path):
    db = tmp_path / "g.duckdb"
    import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    result = cli("dyad", "RUS", "CHN", "--db", db, "--coder", "gdelt-2.0", "--format", "json")
    assert json.loads(result.stdout)["totals"]["events"] == 2


def test_alerts_find_a_rise_in_an_imported_dataset(cli, spike):
    result = cli("alerts", "--db", spike, "--coder", "gdelt-2.0", "--freq", "week", "--format", "json")
    rises = [(a["period"], a["count"]) for a in json.loads(result.stdout) if a["indicator"] == "conflict"]
    assert rises == [("2021-W31", 6)]


def test_alerts_leave_imported_datasets_out_beside_our_own_coding(cli, spike):
    add_own_coding(Store(spike), {"own-1": [("RUS", "CHN", "042", 1, "2021-06-08")]})
    result = cli("alerts", "--db", spike, "--freq", "week", "--format", "json")
    assert json.loads(result.stdout) == []


def test_alerts_default_to_the_only_dataset_of_an_imported_store(cli, spike):
    result = cli("alerts", "--db", spike, "--freq", "week", "--format", "json")
    rises = [(a["period"], a["count"]) for a in json.loads(result.stdout) if a["indicator"] == "conflict"]
    assert rises == [("2021-W31", 6)]


def test_the_dyad_report_defaults_to_the_only_dataset_of_an_imported_store(cli, tmp_path):
    db = tmp_path / "g.duckdb"
    import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    result = cli("dyad", "RUS", "CHN", "--db", db, "--format", "json")
    assert json.loads(result.stdout)["totals"]["events"] == 2


def test_the_dyad_report_asks_for_a_coder_when_a_store_holds_several_datasets(cli, tmp_path):
    db = tmp_path / "two.duckdb"
    import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    import_files("icews", [fixture("icews_events.tab")], db)
    result = cli("dyad", "RUS", "CHN", "--db", db)
    assert (result.exit_code, "[E096]" in result.stderr, "--coder" in result.stderr) == (1, True, True)


def test_the_dyad_report_gives_imported_evidence_without_none(cli, tmp_path):
    db = tmp_path / "g.duckdb"
    import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    result = cli("dyad", "RUS", "CHN", "--db", db, "--coder", "gdelt-2.0")
    evidence = result.stdout.split("Strongest evidence")[1].split("Comparison")[0]
    assert "None" not in evidence and "the dataset gives no sentence" in evidence


def test_imported_evidence_names_what_the_dataset_gives(cli, tmp_path):
    db = tmp_path / "g.duckdb"
    import_files("gdelt", [fixture("gdelt2_events.CSV")], db)
    report = json.loads(cli("dyad", "RUS", "CHN", "--db", db, "--format", "json").stdout)
    assert [(e["sentence"], e["evidence"]) for e in report["evidence"]][:1] == [
        (None, "(Express intent to meet or negotiate; the dataset gives no sentence: see the article)")
    ]
