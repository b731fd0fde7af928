"""Damaged and empty files: a bad row is an error record with file:line, a bad file one error record naming it,
and neither undoes the good files before it (each file is committed on its own)."""

from __future__ import annotations

import gzip
import json
import random
import zipfile
from pathlib import Path

import pytest
from fixtures.imports.helpers import fixture, gdelt_line

from legation.ingest.importers import GDELT2_COLUMNS, import_files
from legation.ingest.importers.base import MAX_FIELD, MAX_LINE
from legation.store import EventFilter, open_store

GOOD = fixture("gdelt2_events.CSV")  # 4 events from 5 good rows


def run(cli, kind: str, *paths: object, db: Path) -> tuple[int, str, int]:
    """Import with the CLI: exit status, stderr, events stored."""
    result = cli("import", kind, *paths, "--db", db, "--no-progress")
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr, len(list(open_store(db).event_rows(EventFilter())))


def lines(n: int, start: int = 0) -> list[str]:
    """n good GDELT 2.0 rows, each its own event."""
    return [gdelt_line(start + i, "2021-08-02", "042", 1, 1.9) for i in range(n)]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# -- bad rows ---------------------------------------------------------------------------------------------


def test_a_field_over_128_kb_is_a_bad_row_and_the_rest_imports(cli, tmp_path):
    rows = lines(3)
    rows[1] = rows[1].replace("https://news.example.org/story/1", "https://x.example/" + "a" * (MAX_FIELD + 1))
    code, err, stored = run(cli, "gdelt", GOOD, write(tmp_path / "big.CSV", rows), db=tmp_path / "s.duckdb")
    assert (code, stored) == (0, 6)
    assert f"[E098] {tmp_path / 'big.CSV'}:2: a field of 131,091 characters, over 131,072; the row was skipped." in err


def test_a_line_over_the_line_limit_is_a_bad_row(tmp_path):
    path = tmp_path / "long.CSV"
    path.write_text(lines(1)[0] + "\n" + "x" * (MAX_LINE + 10) + "\n" + lines(1, 1)[0] + "\n")
    report = import_files("gdelt", [path], tmp_path / "s.duckdb")
    assert (report.rows, report.bad_lines) == (2, [
        f"[E098] {path}:2: the line is over 1,048,576 bytes; the row was skipped."
    ])  # fmt: skip


def test_a_carriage_return_inside_a_field_is_read_as_a_space(tmp_path):
    rows = lines(2)
    rows[0] = rows[0].replace("\tRUSSIA\t", "\tRUS\rSIA\t")
    report = import_files("gdelt", [write(tmp_path / "cr.CSV", rows)], tmp_path / "s.duckdb")
    names = sorted(e["source_text"] for e in open_store(tmp_path / "s.duckdb").event_rows())
    assert (report.rows, report.bad_rows, names) == (2, 0, ["RUS SIA", "RUSSIA"])


def test_windows_line_ends_read_like_unix_ones(tmp_path):
    path = tmp_path / "crlf.CSV"
    path.write_bytes(("\r\n".join(lines(2)) + "\r\n").encode())
    report = import_files("gdelt", [path], tmp_path / "s.duckdb")
    urls = {e["url"] for e in open_store(tmp_path / "s.duckdb").event_rows()}
    assert (report.rows, urls) == (2, {"https://news.example.org/story/0", "https://news.example.org/story/1"})


def test_an_icews_row_with_a_carriage_return_and_a_huge_field(tmp_path):
    rows = open(fixture("icews_events.tab"), encoding="utf-8").read().splitlines()[:4]
    rows[1] = rows[1].replace("Make a visit", "Make a\rvisit")
    rows[2] = rows[2].replace("Host a visit", "H" * (MAX_FIELD + 5))
    report = import_files("icews", [write(tmp_path / "i.tab", rows)], tmp_path / "s.duckdb")
    assert (report.rows, [line[:6] for line in report.bad_lines]) == (2, ["[E098]"])


def test_plover_quad_code_infinity_is_a_bad_row(tmp_path):
    path = tmp_path / "p.jsonl"
    good = {"event_id": "a", "event_date": "2022-03-01", "event_type": "CONSULT", "actor_country": "RUS"}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "event_id": "b", "quad_code": float("inf")}) + "\n")
    report = import_files("plover", [path], tmp_path / "s.duckdb")
    assert (report.rows, report.bad_lines) == (1, [
        f"[E098] {path}:2: quad_code is 'inf', not a finite number; the row was skipped."
    ])  # fmt: skip


def test_plover_a_huge_sentence_index_is_a_bad_row(tmp_path):
    path = tmp_path / "p.jsonl"
    good = {"event_id": "a", "event_date": "2022-03-01", "event_type": "CONSULT", "actor_country": "RUS"}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "event_id": "b", "sentence_index": 10**30}) + "\n")
    report = import_files("plover", [path], tmp_path / "s.duckdb")
    assert (report.rows, report.bad_lines) == (1, [
        f"[E098] {path}:2: the sentence index {10**30} is out of range (0 to 2,147,483,647); the row was skipped."
    ])  # fmt: skip


@pytest.mark.parametrize("line", ["[" * 100_000, '{"event_id": ' + "9" * 5000 + "}", "Infinity"])
def test_plover_json_that_breaks_the_parser_is_a_bad_row(tmp_path, line):
    path = tmp_path / "p.jsonl"
    path.write_text(line + "\n")
    report = import_files("plover", [path], tmp_path / "s.duckdb")
    assert [m[:6] for m in report.bad_lines] == ["[E001]"]


def test_a_repeated_row_adds_one_id_however_often_it_repeats(tmp_path):
    archive = tmp_path / "repeat.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("repeat.CSV", (lines(1)[0] + "\n") * 25_000)
    report = import_files("gdelt", [archive], tmp_path / "s.duckdb")
    [event] = list(open_store(tmp_path / "s.duckdb").event_rows())
    extra = json.loads(event["extra"])
    mentions = int(lines(1)[0].split("\t")[GDELT2_COLUMNS.index("NumMentions")])
    assert (report.rows, report.duplicates, extra["gdelt_ids"], extra["num_mentions"]) == (
        25_000, 24_999, ["5000"], mentions,
    )  # fmt: skip


def test_a_storys_repeats_fold_across_a_chunk_boundary(tmp_path):
    # a chunk that is full waits for its story to end (up to twice its rows) before it is written
    rows = [gdelt_line(n, "2021-08-02", "042", 1, 1.9).replace(f"story/{n}", "story/x") for n in range(4)]
    rows.append(gdelt_line(9, "2021-08-02", "042", 1, 1.9))
    report = import_files("gdelt", [write(tmp_path / "one.CSV", rows)], tmp_path / "s.duckdb", chunk_rows=2)
    folded = [json.loads(e["extra"])["gdelt_ids"] for e in open_store(tmp_path / "s.duckdb").event_rows()]
    assert (report.folded, report.chunks, sorted(folded)) == (3, 2, [["5000", "5001", "5002", "5003"], ["5009"]])


# -- bad files --------------------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return path


def _truncated_zip(tmp_path: Path) -> Path:
    data = _zip(tmp_path / "whole.zip", {"a.CSV": "\n".join(lines(2000)).encode()}).read_bytes()
    path = tmp_path / "truncated.zip"
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt_zip(tmp_path: Path) -> Path:
    """A zip whose directory is whole but whose compressed data is damaged halfway through."""
    rows = "\n".join(lines(20_000)).encode()
    path = _zip(tmp_path / "corrupt.zip", {"a.CSV": rows})
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


BAD_FILES = {
    "random binary": lambda d: _bytes(d / "random.CSV", random.Random(1).randbytes(50_000)),
    "binary zip member": lambda d: _zip(d / "binary.zip", {"a.CSV": random.Random(2).randbytes(50_000)}),
    "truncated zip": _truncated_zip,
    "damaged zip data": _corrupt_zip,
    "truncated gzip": lambda d: _bytes(d / "t.CSV.gz", gzip.compress("\n".join(lines(3000)).encode())[:9000]),
}


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_one_error_naming_it_and_the_good_file_before_it_stays(cli, tmp_path, case):
    bad = BAD_FILES[case](tmp_path)
    code, err, stored = run(cli, "gdelt", GOOD, bad, db=tmp_path / "s.duckdb")
    file_errors = [line for line in err.splitlines() if line.startswith("[E012]")]
    assert (code, len(file_errors), str(bad) in file_errors[0], stored >= 4) == (1, 1, True, True)
    assert f"legation: 1 of 2 files could not be imported: {bad}" in err


def test_a_damaged_zip_is_rejected_before_its_rows_are_read(tmp_path):
    # damaged deflate data can decompress into rows that look right; the checksum at the end tells
    bad = _corrupt_zip(tmp_path)
    report = import_files("gdelt", [bad], tmp_path / "s.duckdb")
    assert (report.rows, report.file_errors[0].startswith(f"[E012] {bad}: the file could not be read (a damaged")) == (
        0, True,
    )  # fmt: skip


def test_a_truncated_gzip_is_rejected_before_its_rows_are_read(tmp_path):
    bad = BAD_FILES["truncated gzip"](tmp_path)
    report = import_files("gdelt", [bad], tmp_path / "s.duckdb")
    assert (report.rows, report.failed_files) == (0, [str(bad)])


def test_the_binary_file_error_says_what_it_is(tmp_path):
    bad = BAD_FILES["random binary"](tmp_path)
    report = import_files("gdelt", [bad], tmp_path / "s.duckdb")
    assert report.file_errors == [f"[E012] {bad}: the file could not be read (binary data, not a text file)."]


def test_a_good_file_after_a_bad_one_is_imported(cli, tmp_path):
    code, _, stored = run(cli, "gdelt", _truncated_zip(tmp_path), GOOD, db=tmp_path / "s.duckdb")
    assert (code, stored) == (1, 4)


def test_a_bad_file_is_recorded_in_the_store(tmp_path):
    bad = _truncated_zip(tmp_path)
    import_files("gdelt", [GOOD, bad], tmp_path / "s.duckdb")
    records = [r for r in open_store(tmp_path / "s.duckdb").table_records("ingest_errors") if r["kind"] == "unreadable"]
    assert [r["location"] for r in records] == [str(bad)]


def test_a_gzipped_export_imports_like_the_csv(tmp_path):
    path = tmp_path / "g.CSV.gz"
    path.write_bytes(gzip.compress(Path(GOOD).read_bytes()))
    assert import_files("gdelt", [path], tmp_path / "s.duckdb").events == 4


# -- empty files ------------------------------------------------------------------------------------------


def _folder_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as out:
        out.writestr(zipfile.ZipInfo("exports/"), b"")
    return path


EMPTY = {
    "empty file": (lambda d: _bytes(d / "empty.CSV", b""), "the file is empty"),
    "empty zip": (lambda d: _zip(d / "empty.zip", {}), "the zip archive holds no files"),
    "zip of a folder": (lambda d: _folder_zip(d / "folder.zip"), "the zip archive holds only folders"),
    "blank lines": (lambda d: _bytes(d / "blank.CSV", b"\n\n  \n"), "the file holds no event rows"),
    "header only": (lambda d: _bytes(d / "head.CSV", b"GLOBALEVENTID\tSQLDATE\n"), "the file holds no event rows"),
}


@pytest.mark.parametrize("case", sorted(EMPTY))
def test_an_empty_input_is_an_error_not_a_silent_success(cli, tmp_path, case):
    make, what = EMPTY[case]
    path = make(tmp_path)
    code, err, stored = run(cli, "gdelt", GOOD, path, db=tmp_path / "s.duckdb")
    assert (code, stored) == (1, 4)
    assert err.splitlines()[0].startswith(f"[E099] {path}") and what in err


def test_an_empty_member_of_a_zip_is_an_error(tmp_path):
    archive = _zip(tmp_path / "two.zip", {"a.CSV": Path(GOOD).read_bytes(), "b.CSV": b""})
    report = import_files("gdelt", [archive], tmp_path / "s.duckdb")
    assert (report.events, report.file_errors) == (4, [
        f"[E099] {archive}!b.CSV: nothing to import: the file holds no lines. Give a file of GDELT 1.0 or 2.0 event"
        " rows (tab-separated, 57, 58 or 61 columns)."
    ])  # fmt: skip


def test_a_missing_file_names_itself_and_fails_the_command(cli, tmp_path):
    code, err, stored = run(cli, "gdelt", GOOD, tmp_path / "absent.CSV", db=tmp_path / "s.duckdb")
    assert (code, stored, err.splitlines()[0]) == (
        1, 4, f"[E012] {tmp_path / 'absent.CSV'}: the file could not be read (No such file or directory).",
    )  # fmt: skip


def test_a_folder_given_as_a_file_is_an_error(tmp_path):
    report = import_files("gdelt", [tmp_path], tmp_path / "s.duckdb")
    assert report.failed_files == [str(tmp_path)]


def test_the_report_lists_each_file(tmp_path):
    report = import_files("gdelt", [GOOD, tmp_path / "absent.CSV"], tmp_path / "s.duckdb")
    assert [(f.path, f.rows, f.events, f.error is None) for f in report.per_file] == [
        (GOOD, 5, 4, True), (str(tmp_path / "absent.CSV"), 0, 0, False),
    ]  # fmt: skip
