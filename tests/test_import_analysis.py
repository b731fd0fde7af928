"""`legation dyad` and `legation alerts` ask the same questions of an imported dataset (`--coder`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fixtures.imports.helpers import fixture, gdelt_line

from legation.ingest.importers import import_files


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


def test_alerts_leave_imported_datasets_out_unless_asked(cli, spike):
    result = cli("alerts", "--db", spike, "--freq", "week", "--format", "json")
    assert json.loads(result.stdout) == []
