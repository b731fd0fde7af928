"""Coding on a real Dask LocalCluster of two worker processes: the store equals a single-process run's."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest.corpus import Manifest, generate
from fixtures.ingest.helpers import FakeCoder

from legation.distributed import DaskCoder
from legation.distributed.worker import pipeline_loads
from legation.errors import LegationError
from legation.ingest import run as ingest
from legation.store import TABLES, VIEWS, open_store

pytestmark = pytest.mark.slow

SMALL = {"stories": 24, "near": 3, "exact": 3, "foreign": 2}
BATCH = 6  # several batches, so that both workers code and results come back out of order


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Manifest:
    """A small generated corpus in every format."""
    return generate(tmp_path_factory.mktemp("corpus"), **SMALL)


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory, pipeline) -> Path:
    """The corpus ingested in this process, the reference."""
    path = tmp_path_factory.mktemp("single") / "single.duckdb"
    ingest([corpus.root], path, coder=pipeline, batch_size=BATCH)
    return path


@pytest.fixture(scope="module")
def coder():
    """A DaskCoder on a LocalCluster of two worker processes, stopped after the module."""
    with DaskCoder(workers=2) as dask:
        yield dask


@pytest.fixture(scope="module")
def two_workers(corpus, coder, tmp_path_factory) -> Path:
    """The corpus ingested with coding on the two workers."""
    path = tmp_path_factory.mktemp("dask") / "dask.duckdb"
    ingest([corpus.root], path, coder=coder, batch_size=BATCH)
    return path


@pytest.fixture(scope="module")
def dataset(corpus, coder, tmp_path_factory) -> Path:
    """The corpus ingested by the CLI into a Parquet dataset, on the running cluster (--scheduler)."""
    from legation.cli import main

    folder = tmp_path_factory.mktemp("parquet") / "dataset"
    address = coder.client.scheduler.address
    args = ["ingest", str(corpus.root), "--parquet", str(folder), "--scheduler", address, "--no-progress"]
    assert main([*args, "--batch-size", str(BATCH)]) == 1  # the corpus holds bad files: some inputs failed
    return folder


@pytest.fixture
def driver_calls(monkeypatch) -> dict[str, int]:
    """Counts, in this process only, the language detector's and the MinHash hashing's calls.

    Every language decision (`textcheck.identify`) starts with `detect_language`, and every signature is
    hashed by `MinHash.update_batch` (or `update`); the workers are other processes and keep the originals.
    """
    from datasketch import MinHash

    from legation.nlp import textcheck

    calls = {"language": 0, "minhash": 0}

    def counted(kind: str, original):
        def wrapper(*args, **kwargs):
            calls[kind] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(textcheck, "detect_language", counted("language", textcheck.detect_language))
    monkeypatch.setattr(MinHash, "update_batch", counted("minhash", MinHash.update_batch))
    monkeypatch.setattr(MinHash, "update", counted("minhash", MinHash.update))
    return calls


def test_the_counters_see_a_single_process_run(corpus, tmp_path, driver_calls):
    report = ingest([corpus.root], tmp_path / "local.duckdb", coder=FakeCoder(), batch_size=BATCH)
    assert driver_calls == {"language": report.stored, "minhash": report.stored}


def test_with_workers_the_driver_neither_detects_languages_nor_hashes(single, corpus, coder, tmp_path, driver_calls):
    db = tmp_path / "dask.duckdb"
    report = ingest([corpus.root], db, coder=coder, batch_size=BATCH)
    assert driver_calls == {"language": 0, "minhash": 0}
    assert all(open_store(db).table_rows(t) == open_store(single).table_rows(t) for t in TABLES + VIEWS)
    foreign = [r for r in open_store(db).table_records("articles") if r["language"] not in ("en", "und")]
    assert len(foreign) >= SMALL["foreign"] and not any(r["coded"] for r in foreign)
    assert report.coded == open_store(single).stats()["coded_articles"]


@pytest.mark.parametrize("table", TABLES + VIEWS)
def test_two_workers_store_what_one_process_stores(single, two_workers, table):
    assert open_store(two_workers).table_rows(table) == open_store(single).table_rows(table)


def test_the_reference_run_codes_events(single):
    assert open_store(single).stats()["events"] > 0


@pytest.mark.parametrize("table", TABLES + VIEWS)
def test_the_parquet_dataset_from_the_cluster_reads_like_the_single_run(single, dataset, table):
    assert open_store(dataset).table_rows(table) == open_store(single).table_rows(table)


def test_each_worker_loads_the_pipeline_once(coder, two_workers, dataset):
    assert list(coder.client.run(pipeline_loads).values()) == [1, 1]


def test_each_worker_stays_within_1_5_gb(coder, two_workers):
    peaks = coder.worker_peak_memory()
    assert max(peaks.values()) <= 1536


def test_a_batch_is_coded_in_input_order(coder):
    from legation.model import Document

    docs = [Document(f"d{i}", f"Russia and China will hold joint drills in month {i}.") for i in range(5)]
    assert [c.doc.id for c in coder.code_documents(docs)] == [d.id for d in docs]


def test_an_unreachable_scheduler_is_reported():
    with DaskCoder(scheduler="tcp://127.0.0.1:9", connect_timeout=1) as dask:
        with pytest.raises(LegationError, match="E101"):
            dask.threads()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_worker_reports_its_own_peak_memory_not_its_parents():
    """ru_maxrss survives exec: a process started from a 600 MB parent would claim 600 MB."""
    import subprocess
    import sys

    big = bytearray(600 * 1024 * 1024)
    for i in range(0, len(big), 4096):
        big[i] = 1
    code = "from legation.distributed.worker import peak_rss_mb; print(peak_rss_mb())"
    own = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert 10 < own < 500
    del big
