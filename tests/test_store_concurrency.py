"""One writer, many readers: readers get in between write batches, or are told to retry (E040)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from fixtures.ingest.helpers import cli_env, sample_store

from legation.errors import LegationError
from legation.store import Store

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""

WRITE_BATCHES = """
import sys, time
from legation.store import Batch, ErrorRecord, Store
store = Store(sys.argv[1])
print("writing", flush=True)
for i in range(int(sys.argv[2])):
    store.add_batch(Batch(errors=[ErrorRecord(f"file{i}.txt", "E003", "empty", f"message {i}")]))
    time.sleep(0.1)
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # wait until the other process holds the file
    return proc


def test_a_reader_blocked_by_a_writing_process_is_told_when_to_retry(tmp_path):
    path = tmp_path / "s.duckdb"
    sample_store(path)
    holder = _start(HOLD, str(path), "20")
    try:
        with pytest.raises(LegationError, match=r"E040.*Retry in 1 seconds"):
            Store(path, read_only=True, wait=0.5)
    finally:
        holder.kill()
        holder.wait()


def test_readers_get_in_between_the_writers_batches(tmp_path):
    path = tmp_path / "s.duckdb"
    sample_store(path)
    writer = _start(WRITE_BATCHES, str(path), "30")
    answers = []
    try:
        while writer.poll() is None and len(answers) < 5:
            answers.append(Store(path, read_only=True).stats()["articles"])
            time.sleep(0.05)
    finally:
        writer.wait(timeout=60)
    assert answers == [3] * len(answers) and len(answers) >= 3


def test_a_second_ingest_writer_is_refused(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.writer(), pytest.raises(LegationError, match="E048"), Store(store.path).writer():
        pass
