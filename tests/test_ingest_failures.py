"""Bad input named, never hidden: each case of issue 15 as `legation ingest` (or `code`, `events`) meets it."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.imports.helpers import fixture
from fixtures.ingest.corpus import Story, _warc
from fixtures.ingest.helpers import LEGATION, FakeCoder, cli_env, sample_store

from legation.errors import LegationError
from legation.ingest import Article, read_file, read_sources, run
from legation.ingest.importers import import_files
from legation.ingest.textfile import read_articles
from legation.nlp.textcheck import language
from legation.store import Store, open_store

GOOD = "Talks\n\nMarch 3, 2024\n\nRussia met China in Moscow. More talks follow.\n"


def stories(n: int) -> list[Story]:
    """`n` distinct one-paragraph stories for WARC files."""
    return [
        Story(f"Japan and France agree on step {i}",
              [f"Japan and France agreed on Tuesday to take step {i} on port access for their navies, the two "
               "defence ministries said in a joint statement after talks in Paris."],
              dt.date(2024, 3, 5), "Harbor Times", "harbortimes.example", f"step-{i}")
        for i in range(n)
    ]  # fmt: skip


@pytest.fixture
def fake_pipeline(monkeypatch):
    """`legation ingest` codes with the model-free coder."""
    monkeypatch.setattr("legation.get_pipeline", FakeCoder)


def items(path: Path) -> list[tuple[str, str | None]]:
    """What a file yields: ('article', title) or ('problem', code)."""
    return [("article", i.title) if isinstance(i, Article) else ("problem", i.code) for i in read_file(path)]


# -- every failure is a line, a summary ends the run, the exit status tells ---------------------------


def test_a_missing_file_is_named_on_stderr_and_exits_2(cli, tmp_path, fake_pipeline):
    result = cli("ingest", "/no/such/file.txt", "--db", tmp_path / "s.duckdb", "--no-progress")
    line = "legation: [E012] /no/such/file.txt: the file could not be read (No such file or directory)."
    assert (result.exit_code, line in result.stderr.splitlines()) == (2, True)


def test_some_failed_inputs_exit_1_with_a_summary(cli, tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text(GOOD)
    result = cli("ingest", tmp_path / "a.txt", "/no/such/file.txt", "--db", tmp_path / "s.duckdb", "--no-progress")
    assert result.exit_code == 1
    assert "1 new articles stored" in result.stdout and "1 input failed" in result.stdout
    assert "legation: 1 input failed (listed above)" in result.stderr


def test_a_failure_is_named_again_on_a_rerun(cli, tmp_path, fake_pipeline):
    db = tmp_path / "s.duckdb"
    cli("ingest", "/no/such/file.txt", "--db", db, "--no-progress")
    result = cli("ingest", "/no/such/file.txt", "--db", db, "--no-progress")
    assert (result.exit_code, "/no/such/file.txt" in result.stderr) == (2, True)


def test_a_clean_run_exits_0(cli, tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text(GOOD)
    assert cli("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.duckdb", "--no-progress").exit_code == 0


def test_the_exit_statuses_are_in_the_help(cli):
    out = cli("ingest", "--help").stdout
    assert "exit status:" in out and "2  inputs failed and nothing could be read" in out


def test_the_json_summary_counts_the_failures(cli, tmp_path, fake_pipeline):
    result = cli("ingest", "/no/such/a.txt", "/no/such/b.txt", "--db", tmp_path / "s.duckdb", "--format", "json",
                 "--no-progress")  # fmt: skip
    assert {k: json.loads(result.stdout)[k] for k in ("failed", "stored", "run_id")} == {
        "failed": 2, "stored": 0, "run_id": 1,
    }  # fmt: skip


# -- data that was skipped with no error record -------------------------------------------------------


def test_a_truncated_warc_gz_keeps_its_whole_records_and_says_it_is_cut(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, stories(6))
    raw = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(raw[: len(raw) * 3 // 5])  # inside a record's gzip member
    found = items(cut)
    assert found[-1] == ("problem", "E128") and 0 < len([k for k, _ in found if k == "article"]) < 6


def test_a_warc_gz_missing_its_last_bytes_is_cut(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, stories(2))
    (tmp_path / "cut.warc.gz").write_bytes(whole.read_bytes()[:-5])
    assert items(tmp_path / "cut.warc.gz")[-1] == ("problem", "E128")


def test_a_whole_warc_has_no_problem(tmp_path):
    _warc(tmp_path / "a.warc.gz", stories(3))
    assert [k for k, _ in items(tmp_path / "a.warc.gz")] == ["article"] * 3


def test_a_warc_that_is_not_a_warc_is_an_error(tmp_path):
    (tmp_path / "a.warc").write_text("hello, this is a text file\nwith a wrong name\n")
    [found] = read_file(tmp_path / "a.warc")
    assert (found.code, found.detail) == ("E129", "it starts with 'hello, this is a text file'")


def _without_root(fn: Callable[[], list]) -> list:
    """Run `fn` where permissions hold: here, or (as root, who may read anything) in a child as nobody."""
    if os.geteuid() != 0:
        return fn()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, run, send the answer back
        try:
            os.setgid(65534)
            os.setuid(65534)
            os.write(write, json.dumps(fn()).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        data = answer.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def test_a_folder_that_cannot_be_read_is_an_error_and_the_rest_is_read():
    root = Path(tempfile.mkdtemp(prefix="legation-perm-"))  # in /tmp, so that nobody can reach it
    try:
        os.chmod(root, 0o755)
        (root / "open").mkdir()
        (root / "open" / "a.txt").write_text(GOOD)
        (root / "open" / "a.txt").chmod(0o644)
        (root / "shut").mkdir()
        (root / "shut" / "b.txt").write_text(GOOD.replace("Talks", "Other talks"))
        (root / "shut").chmod(0)
        found = _without_root(
            lambda: [[type(i).__name__, getattr(i, "code", None), Path(i.location).name] for i in read_sources([root])]
        )
    finally:
        (root / "shut").chmod(0o755)
        shutil.rmtree(root)
    assert found == [["Article", None, "a.txt"], ["Problem", "E130", "shut"]]


SHORT = ["India met Poland over trade.", "Kenya praised Uganda.", "Chile and Peru signed a deal.",
         "Le ministre a rencontré son homologue à Paris pour des discussions sur le commerce."]  # fmt: skip


def test_short_english_texts_are_coded_by_ingest_as_by_code(tmp_path):
    (tmp_path / "short.jsonl").write_text("".join(json.dumps({"id": f"s{i}", "text": t}) + "\n"
                                                  for i, t in enumerate(SHORT)))  # fmt: skip
    run([tmp_path / "short.jsonl"], tmp_path / "s.duckdb", coder=FakeCoder())
    coded = {r["text"]: r["coded"] for r in open_store(tmp_path / "s.duckdb").table_records("articles")}
    assert coded == {t: language(t) != "other" for t in SHORT}  # `code` rejects only 'other' (E004)
    assert [coded[t] for t in SHORT] == [True, True, True, False]


# -- hangs and refusals ------------------------------------------------------------------------------


def test_a_fifo_on_the_ingest_command_line_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    done = subprocess.run([*LEGATION, "ingest", str(tmp_path / "pipe.txt"), "--db", str(tmp_path / "s.duckdb"),
                           "--no-progress"], capture_output=True, text=True, env=cli_env(), timeout=120)  # fmt: skip
    assert (done.returncode, "[E126]" in done.stderr, "named pipe" in done.stderr) == (2, True, True)


def test_a_fifo_given_to_code_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    done = subprocess.run([*LEGATION, "code", str(tmp_path / "pipe.txt")], capture_output=True, text=True,
                          env=cli_env(), timeout=120)  # fmt: skip
    assert (done.returncode, "[E126]" in done.stderr) == (1, True)


def test_a_fifo_inside_a_folder_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    assert [(type(i).__name__, getattr(i, "code", None)) for i in read_sources([tmp_path])] == [
        ("Article", None), ("Problem", "E126"),
    ]  # fmt: skip


def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-16"))
    assert items(tmp_path / "a.txt") == [("article", "Talks")]


def test_a_utf16_csv_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "a.csv").write_bytes("id,title,text\n1,Talks,Russia met China.\n".encode("utf-16"))
    assert items(tmp_path / "a.csv") == [("article", "Talks")]


def test_a_csv_with_one_nul_byte_loses_only_that_row(tmp_path):
    rows = "id,title,text\n1,One,Russia met China.\n2,Two,Japan met\x00 France.\n3,Three,France met Germany.\n"
    (tmp_path / "a.csv").write_bytes(rows.encode("utf-8"))
    found = list(read_file(tmp_path / "a.csv"))
    assert [(type(i).__name__, i.location.rsplit(":", 1)[1]) for i in found] == [
        ("Article", "2"), ("Problem", "3"), ("Article", "4"),
    ]  # fmt: skip
    assert found[1].code == "E005"


def test_a_csv_without_a_text_column_is_one_message(tmp_path):
    (tmp_path / "a.csv").write_text("id,title,body\n1,A,x\n2,B,y\n3,C,z\n")
    [found] = read_file(tmp_path / "a.csv")
    assert (found.code, found.detail) == ("E127", "'id', 'title', 'body'")


def test_csv_column_names_are_matched_whatever_their_case(tmp_path):
    (tmp_path / "a.csv").write_text("ID,Title,Text\n1,Talks,Russia met China.\n")
    assert items(tmp_path / "a.csv") == [("article", "Talks")]


# -- catalogued errors, not tracebacks ----------------------------------------------------------------


def test_code_output_into_a_missing_folder_is_a_catalogued_error(cli, tmp_path):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Russia met China."}) + "\n")
    result = cli("code", "--input", tmp_path / "in.jsonl", "--output", tmp_path / "no" / "out.jsonl")
    assert (result.exit_code, "[E131]" in result.stderr, "Traceback" in result.stderr) == (1, True, False)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_events_output_into_a_missing_folder_is_a_catalogued_error(cli, tmp_path, fmt):
    sample_store(tmp_path / "s.duckdb")
    result = cli("events", "--db", tmp_path / "s.duckdb", "--format", fmt, "--output", tmp_path / "no" / "e")
    assert (result.exit_code, "[E131]" in result.stderr) == (1, True)


def test_a_lock_file_that_cannot_be_created_is_a_catalogued_error(cli, tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "s.duckdb.lock").mkdir()  # in the way of the lock file, for root too
    result = cli("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.duckdb", "--no-progress")
    assert (result.exit_code, "[E132]" in result.stderr, "Is a directory" in result.stderr) == (2, True, True)


def test_a_second_writer_is_told_that_an_import_holds_the_store(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    refused: list[str] = []

    def ingest_meanwhile(_report) -> None:
        """Try an ingest while the import holds the store."""
        if not refused:
            with pytest.raises(LegationError) as caught:
                run([tmp_path / "a.txt"], tmp_path / "s.duckdb", coder=FakeCoder())
            refused.append(str(caught.value))

    import_files("gdelt", [fixture("gdelt2_events.CSV")], tmp_path / "s.duckdb", progress=ingest_meanwhile)
    assert refused and "[E048]" in refused[0] and f"another legation import (pid {os.getpid()})" in refused[0]


def test_a_write_that_fails_is_a_catalogued_error(tmp_path):
    script = (
        "import resource, signal, sys\n"
        "from legation.store import Batch, ErrorRecord, Store\n"
        "store = Store(sys.argv[1])\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))  # as a full disk would stop it\n"
        "errors = [ErrorRecord(f'f{i}.txt', 'E003', 'empty', 'x' * 2000) for i in range(4000)]\n"
        "store.add_batch(Batch(errors=errors))\n"
    )  # fmt: skip
    done = subprocess.run([*LEGATION[:1], "-c", script, str(tmp_path / "s.duckdb")], capture_output=True,
                          text=True, env=cli_env(), timeout=120)  # fmt: skip
    assert "[E133]" in done.stderr.splitlines()[-1]
    assert Store(tmp_path / "s.duckdb", read_only=True).stats()["errors"] == 0  # readable, the batch undone


# -- `code FILE` with many records --------------------------------------------------------------------


def test_a_jsonl_file_named_to_code_gives_every_record(tmp_path):
    lines = [{"id": "a", "text": "Russia met China."}, {"id": "b", "text": "Japan met France."}, "{bad"]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines))
    got = list(read_articles(tmp_path / "docs.jsonl"))
    assert [d.id for d in got[:2]] == ["a", "b"] and "[E001]" in got[2]


def test_a_warc_named_to_code_gives_every_page(tmp_path):
    _warc(tmp_path / "a.warc.gz", stories(3))
    assert [d.title for d in read_articles(tmp_path / "a.warc.gz")] == [s.title for s in stories(3)]


def test_a_missing_file_named_to_code_fails_before_coding(tmp_path):
    with pytest.raises(LegationError, match=r"\[E012\].*No such file"):
        read_articles(tmp_path / "none.jsonl")


@pytest.mark.slow
def test_code_codes_every_record_of_a_jsonl_file(cli, tmp_path, pipeline):
    lines = [{"id": "a", "text": "Russia met China in Moscow."}, {"id": "b", "text": "Japan met France in Paris."}]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = cli("code", tmp_path / "docs.jsonl", "--format", "jsonl")
    assert sorted({e["doc_id"] for e in result.jsonl()}) == ["a", "b"]

