"""`legation compare`: our coding of a dyad beside an imported dataset; imported data in the event queries."""

from __future__ import annotations

import json

import pytest
from fixtures.imports.helpers import add_own_coding, fixture

from legation.errors import LegationError
from legation.ingest.importers import import_files
from legation.ingest.importers.compare import compare_dyad
from legation.store import EventFilter, Store, open_store

OWN = {
    "a0": [("RUS", "CHN", "040", 1, "2021-07-20")],
    "a1": [("RUS", "CHN", "042", 1, "2021-08-01")],
    "a2": [("RUS", "CHN", "036", 1, "2021-08-02"), ("RUS", "CHN", "111", 3, "2021-08-02")],
    "a3": [("RUS", "CHN", "040", 1, "2021-09-15")],
}


@pytest.fixture
def db(tmp_path) -> str:
    """Our coding (July to September 2021) and the GDELT 2.0 fixture (1-3 August 2021) in one store.

    GDELT has RUS-CHN events on 1 August (042, RUS to CHN) and 2 August (036, CHN to RUS)."""
    path = str(tmp_path / "c.duckdb")
    add_own_coding(Store(path), OWN)
    import_files("gdelt", [fixture("gdelt2_events.CSV")], path)
    return path


def test_the_default_period_is_the_dates_both_cover(db):
    result = compare_dyad(open_store(db), ("RUS", "CHN"))
    assert (result.since, result.until) == ("2021-08-01", "2021-08-03")


def test_the_imported_dataset_is_found_without_naming_it(db):
    result = compare_dyad(open_store(db), ("RUS", "CHN"))
    assert (result.dataset, result.ours) == ("gdelt-2.0", ["legation.RuleCoder.v1"])


def test_each_side_is_counted_by_quad_class(db):
    [(period, ours, theirs)] = compare_dyad(open_store(db), ("RUS", "CHN")).periods
    assert (period, ours.quad, theirs.quad) == ("2021-08", (2, 0, 1, 0), (2, 0, 0, 0))


def test_each_side_counts_its_story_clusters(db):
    [(_, ours, theirs)] = compare_dyad(open_store(db), ("RUS", "CHN")).periods
    assert (ours.stories, theirs.stories) == (2, 2)


def test_each_side_has_its_goldstein_mean(db):
    [(_, ours, theirs)] = compare_dyad(open_store(db), ("RUS", "CHN")).periods
    assert (ours.goldstein, theirs.goldstein) == (-1.0, 2.95)


def test_given_dates_replace_the_common_period(db):
    result = compare_dyad(open_store(db), ("RUS", "CHN"), since="2021-07-01", until="2021-09-30")
    assert [p for p, _, _ in result.periods] == ["2021-07", "2021-08", "2021-09"]


def test_weekly_periods_split_the_month(db):
    result = compare_dyad(open_store(db), ("RUS", "CHN"), freq="week")
    assert [(p, o.events, t.events) for p, o, t in result.periods] == [("2021-W30", 1, 1), ("2021-W31", 2, 1)]


def test_the_dyad_is_compared_in_either_direction(db):
    [(_, _, theirs)] = compare_dyad(open_store(db), ("CHN", "RUS")).periods
    assert theirs.events == 2  # RUS->CHN 042 on 1 August, CHN->RUS 036 on 2 August


def test_the_summary_gives_same_day_agreement(db):
    summary = compare_dyad(open_store(db), ("RUS", "CHN")).summary
    assert (summary["our_days_in_dataset"], summary["our_day_quads_in_dataset"]) == (1.0, 0.667)


def test_the_summary_counts_periods_covered_by_both(tmp_path, db):
    summary = compare_dyad(open_store(db), ("RUS", "CHN"), since="2021-07-01", until="2021-09-30").summary
    assert (summary["periods_both"], summary["periods_only_ours"], summary["periods_only_dataset"]) == (1, 2, 0)


def test_a_store_without_imported_data_is_an_error(tmp_path):
    path = tmp_path / "own.duckdb"
    add_own_coding(Store(path), OWN)
    with pytest.raises(LegationError) as exc:
        compare_dyad(open_store(path), ("RUS", "CHN"))
    assert exc.value.code == "E095"


def test_several_imported_datasets_need_a_choice(db):
    import_files("icews", [fixture("icews_events.tab")], db)
    with pytest.raises(LegationError) as exc:
        compare_dyad(open_store(db), ("RUS", "CHN"))
    assert exc.value.code == "E096"


def test_an_absent_dataset_is_an_error(db):
    with pytest.raises(LegationError) as exc:
        compare_dyad(open_store(db), ("RUS", "CHN"), dataset="icews")
    assert exc.value.code == "E097"


def test_the_compare_command_prints_json(cli, db):
    result = cli("compare", "--db", db, "--dyad", "RUS", "CHN", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)["dataset"]) == (0, "gdelt-2.0")


def test_the_compare_command_prints_a_table_row_per_period(cli, db):
    result = cli("compare", "--db", db, "--dyad", "RUS", "CHN", "--since", "2021-07-01", "--until", "2021-09-30")
    assert [line.split()[0] for line in result.stdout.splitlines()[2:5]] == ["2021-07", "2021-08", "2021-09"]


def test_the_dyad_query_finds_imported_and_own_events_alike(db):
    coders = sorted(e["coder"] for e in open_store(db).event_rows(EventFilter(dyad=("RUS", "CHN"))))
    assert coders == ["gdelt-2.0"] + ["legation.RuleCoder.v1"] * 5
