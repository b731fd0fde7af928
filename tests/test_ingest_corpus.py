"""Acceptance runs: `legation ingest` as a real process on 200 mixed articles, with the real coder.

One uninterrupted run is shared; the others (second run, killed run, a reader during a run) compare to it.
"""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from fixtures.ingest.corpus import Manifest, generate
from fixtures.ingest.helpers import LEGATION, cli_env

from legation.store import TABLES, open_store

pytestmark = pytest.mark.slow


class Ingest:
    """`legation -v ingest` running in the background, its log lines collected as they come."""

    def __init__(self, corpus: Path, db: Path, batch_size: int = 16) -> None:
        args = [*LEGATION, "-v", "ingest", str(corpus), "--db", str(db), "--batch-size", str(batch_size)]
        self.proc = subprocess.Popen(
            [*args, "--no-progress", "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=cli_env(),
        )  # fmt: skip
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 120) -> None:
        """Block until a log line contains `text`."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert self.proc.poll() is None, "".join(self.lines[-20:])
            assert time.monotonic() < deadline, f"no '{text}' in {timeout} s"
            time.sleep(0.05)

    def finish(self, timeout: float = 300) -> dict:
        """Wait for the end; the JSON report."""
        out, _ = self.proc.communicate(timeout=timeout)
        self._reader.join(timeout=5)
        assert self.proc.returncode == 1, "".join(self.lines[-20:])  # the corpus's bad files failed
        return json.loads(out)


def ingest(corpus: Path, db: Path, batch_size: int = 16) -> dict:
    """Run `legation ingest` to the end; its JSON report."""
    return Ingest(corpus, db, batch_size).finish()


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted."""
    store = open_store(db)
    return {t: store.table_rows(t) for t in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Manifest:
    """200 articles in mixed formats with 20 exact and 20 near copies, and 5 bad files."""
    return generate(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def full(corpus, tmp_path_factory) -> tuple[Path, dict]:
    """One uninterrupted run: the store and the run's report."""
    db = tmp_path_factory.mktemp("full") / "full.duckdb"
    return db, ingest(corpus.root, db)


def test_the_corpus_has_200_articles_and_5_bad_files(corpus):
    assert (corpus.articles, len(corpus.bad_files)) == (200, 5)


def test_one_command_stores_every_good_article_once(corpus, full):
    titles = [r["title"] for r in open_store(full[0]).table_records("articles")]
    assert sorted(titles) == sorted(corpus.stored_titles)


def test_nothing_is_lost_every_article_is_stored_or_recorded_as_a_copy(corpus, full):
    stats = open_store(full[0]).stats()
    assert stats["articles"] + stats["exact_copies"] + corpus.same_copies == corpus.articles


def test_every_bad_file_is_in_ingest_errors_with_its_reason(corpus, full):
    errors = open_store(full[0]).table_records("ingest_errors")
    assert {Path(r["location"]).name: r["kind"] for r in errors if r["kind"] != "coder"} == corpus.bad_files


def test_near_copies_are_one_story(corpus, full):
    stats = open_store(full[0]).stats()
    assert (stats["clusters"], stats["near_copies"]) == (corpus.stories, len(corpus.near_pairs))


def test_the_english_articles_are_coded_into_events(full):
    assert full[1]["events"] > 0 and full[1]["coded"] == 172


def test_a_second_run_adds_nothing(corpus, full, tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(full[0].read_bytes())
    report = ingest(corpus.root, db)
    assert (report["stored"], report["batches"], tables(db)) == (0, 0, tables(full[0]))


def test_a_killed_run_resumes_to_the_same_store_as_an_uninterrupted_one(corpus, full, tmp_path):
    db = tmp_path / "killed.duckdb"
    running = Ingest(corpus.root, db)
    running.wait_for("committed batch 3")
    running.proc.send_signal(signal.SIGKILL)
    running.proc.wait(timeout=30)
    assert 0 < open_store(db).stats()["articles"] < 180  # it really stopped part-way
    ingest(corpus.root, db)
    assert tables(db) == tables(full[0])


@pytest.fixture(scope="module")
def busy(corpus, tmp_path_factory) -> tuple[Path, list[tuple[int, bool, bool]]]:
    """A run queried by `legation events` meanwhile: the store, and (exit code, busy?, still running?)."""
    db = tmp_path_factory.mktemp("busy") / "busy.duckdb"
    running = Ingest(corpus.root, db, batch_size=8)
    running.wait_for("committed batch 1")
    answers = []
    while running.proc.poll() is None and len(answers) < 6:
        query = [*LEGATION, "events", "--db", str(db), "--format", "jsonl", "--limit", "3"]
        done = subprocess.run(query, capture_output=True, text=True, env=cli_env(), timeout=60)
        answers.append((done.returncode, "E040" in done.stderr, running.proc.poll() is None))
    running.finish()
    return db, answers


def test_events_answers_during_an_ingest_or_says_it_is_busy(busy):
    assert all(code == 0 or said_busy for code, said_busy, _ in busy[1])


def test_events_gets_in_while_an_ingest_runs(busy):
    assert any(code == 0 and running for code, _, running in busy[1])


def test_readers_during_a_run_leave_the_same_store_as_a_run_without(busy, full):
    assert tables(busy[0]) == tables(full[0])
