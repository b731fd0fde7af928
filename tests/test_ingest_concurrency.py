"""Readers never hold up the writer, and a Parquet run commits as it goes (issue 15)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest
from fixtures.ingest.helpers import FakeCoder, article, cli_env, sample_store

from legation.ingest import run
from legation.store import Batch, Store, dataset

SLOW_READER = """
import sys, time
from legation.store import Store
rows = Store(sys.argv[1], read_only=True).event_rows(chunk=int(sys.argv[2]))
for row in rows:
    print("row", row["id"], flush=True)
    time.sleep(60)  # a consumer that does not keep up: a slow pipe, a slow download
"""

WRITE_AND_HANG = """
import sys, time
from legation.store import Batch, Store
sys.path.insert(0, sys.argv[2])
from fixtures.ingest.helpers import article
store = Store(sys.argv[1])
with store.writer():
    for start in range(1, 1201, 100):
        store.add_batch(Batch(articles=[article(f"a{i}", i) for i in range(start, start + 100)]))
    print("written", flush=True)
    time.sleep(600)
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args], stdout=subprocess.PIPE,
                            text=True, env=cli_env())  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()  # the first row is out (or the batches are written)
    return proc


@pytest.mark.parametrize("chunk", [2, 2000], ids=["spilled", "in-memory"])
def test_a_slow_reader_does_not_block_an_ingest(tmp_path, chunk):
    db = tmp_path / "s.duckdb"
    sample_store(db)
    (tmp_path / "a.txt").write_text("Talks\n\nMarch 3, 2024\n\nJapan met France in Paris.\n")
    reader = _start(SLOW_READER, str(db), str(chunk))
    try:
        started = time.monotonic()
        report = run([tmp_path / "a.txt"], db, coder=FakeCoder())
        took, reading = time.monotonic() - started, reader.poll() is None
    finally:
        reader.kill()
        reader.wait()
    assert (report.stored, reading) == (1, True) and took < 30


def test_rows_read_from_a_snapshot_are_the_rows_of_the_query(tmp_path):
    store = sample_store(tmp_path / "s.duckdb")
    assert list(store.event_rows(chunk=2)) == list(store.event_rows(chunk=2000))


def test_a_killed_parquet_run_keeps_its_first_thousand_articles(tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    writer = _start(WRITE_AND_HANG, str(folder), str(__import__("pathlib").Path(__file__).parent))
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert Store(folder, read_only=True).stats()["articles"] >= 1000


def test_a_parquet_run_commits_once_a_minute_whatever_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(dataset, "FLUSH_SECONDS", 0.0)  # a minute, made instant
    folder = tmp_path / "ds"
    folder.mkdir()
    store = Store(folder)
    with store.writer():
        store.add_batch(Batch(articles=[article(f"a{i}", i) for i in range(1, 6)]))
        seen = Store(folder, read_only=True).stats()["articles"]
    assert seen == 5
