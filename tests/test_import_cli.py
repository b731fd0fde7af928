"""`legation import`: the command's summary, bad rows on stderr, exit status."""

from __future__ import annotations

import json

from fixtures.imports.helpers import fixture


def test_import_prints_a_summary_of_what_was_stored(cli, tmp_path):
    result = cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", tmp_path / "s.duckdb", "--no-progress")
    assert result.stdout.startswith("5 rows read (gdelt-2.0: 5): 4 new events in 3 new stories, 1 repeats folded")


def test_import_lists_bad_rows_with_their_lines_on_stderr(cli, tmp_path):
    result = cli("import", "icews", fixture("icews_events.tab"), "--db", tmp_path / "s.duckdb", "--no-progress")
    assert [line.split(": ")[0][7:] for line in result.stderr.splitlines() if line.startswith("[E09")] == [
        f"{fixture('icews_events.tab')}:{n}" for n in (7, 8, 9)
    ]


def test_import_names_unmapped_values_on_stderr(cli, tmp_path):
    result = cli("import", "icews", fixture("icews_events.tab"), "--db", tmp_path / "s.duckdb", "--no-progress")
    assert "unmapped country_name: Atlantis (1)" in result.stderr


def test_import_json_summary_counts_bad_rows_by_code(cli, tmp_path):
    args = ("import", "plover", fixture("polecat_events.jsonl"), "--db", tmp_path / "s.duckdb", "--format", "json")
    result = cli(*args, "--no-progress")
    assert json.loads(result.stdout)["bad_by_code"] == {"E001": 1, "E091": 1, "E092": 1, "E093": 1}


def test_import_succeeds_when_some_rows_are_bad(cli, tmp_path):
    result = cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", tmp_path / "s.duckdb", "--no-progress")
    assert result.exit_code == 0


def test_import_fails_when_nothing_could_be_imported(cli, tmp_path):
    result = cli("import", "icews", fixture("gdelt1_backfile.CSV"), "--db", tmp_path / "s.duckdb", "--no-progress")
    assert (result.exit_code, "[E094]" in result.stderr) == (1, True)


def test_import_needs_a_dataset_name(cli, tmp_path):
    assert cli("import", fixture("gdelt2_events.CSV"), "--db", tmp_path / "s.duckdb").exit_code == 2


def test_imported_events_are_listed_by_the_events_command(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    result = cli("events", "--db", db, "--dyad", "RUS", "CHN", "--format", "jsonl")
    assert [(e["coder"], e["cameo"]) for e in result.jsonl()] == [("gdelt-2.0", "042")]


def test_events_filter_by_coder_and_show_it(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    cli("import", "icews", fixture("icews_events.tab"), "--db", db, "--no-progress")
    table = cli("events", "--db", db, "--coder", "icews").stdout.splitlines()
    assert table[0].split()[:2] == ["date", "coder"] and {line.split()[1] for line in table[1:]} == {"icews"}


def test_events_of_several_coders(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    cli("import", "icews", fixture("icews_events.tab"), "--db", db, "--no-progress")
    rows = cli("events", "--db", db, "--coder", "icews", "--coder", "gdelt-2.0", "--format", "jsonl").jsonl()
    assert len(rows) == 4 + 5


def test_the_events_table_shows_the_url_of_an_event_without_a_sentence(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    line = cli("events", "--db", db, "--dyad", "RUS", "CHN").stdout.splitlines()[1]
    assert "(no sentence) https://" in line and "None" not in line


def test_stats_count_imported_stories_apart_from_coded_articles(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    stats = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    assert (stats["articles"], stats["coded_articles"], stats["imported_stories"]) == (0, 0, 3)


def test_stats_break_events_down_by_coder(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    cli("import", "icews", fixture("icews_events.tab"), "--db", db, "--no-progress")
    stats = json.loads(cli("stats", "--db", db, "--format", "json").stdout)
    assert {c: (v["events"], v["first"], v["last"]) for c, v in stats["by_coder"].items()} == {
        "gdelt-2.0": (4, "2021-08-01", "2021-08-03"), "icews": (5, "2021-08-01", "2021-08-05"),
    }  # fmt: skip


def test_stats_text_has_a_coder_table(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    cli("import", "gdelt", fixture("gdelt2_events.CSV"), "--db", db, "--no-progress")
    text = cli("stats", "--db", db).stdout
    assert "imported stories 3" in text and any(line.startswith("gdelt-2.0 ") for line in text.splitlines())


def test_import_exits_non_zero_naming_a_failed_file_but_keeps_the_others(cli, tmp_path):
    empty = tmp_path / "empty.CSV"
    empty.write_text("")
    db = tmp_path / "s.duckdb"
    result = cli("import", "gdelt", fixture("gdelt2_events.CSV"), empty, "--db", db, "--no-progress")
    assert result.exit_code == 1 and f"legation: 1 of 2 files could not be imported: {empty}" in result.stderr
    assert "4 new events" in result.stdout and "1 of 2 files failed" in result.stdout
