"""A Parquet dataset as a store: written by ingest, read in place with `--db DIR`, merged into DuckDB.

These use the model-free coder in-process; the Dask runs are in test_distributed_cluster.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixtures.ingest.corpus import COUNTRIES, Manifest, generate
from fixtures.ingest.helpers import FakeCoder, article

from legation.errors import LegationError
from legation.ingest import run
from legation.store import TABLES, VIEWS, Store, open_store
from legation.store.dataset import MANIFEST, DatasetStore, merge_dataset

SMALL = {"stories": 24, "near": 4, "exact": 4, "foreign": 2}


class CorpusCoder(FakeCoder):
    """The model-free coder, knowing every country of the generated corpus."""

    countries = {name: name[:3].upper() for name, _, _ in COUNTRIES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Manifest:
    """A small generated corpus in every format."""
    return generate(tmp_path_factory.mktemp("corpus"), **SMALL)


@pytest.fixture(scope="module")
def stores(corpus, tmp_path_factory) -> dict[str, Path]:
    """The corpus ingested into a DuckDB file and into a dataset folder, in batches of 8."""
    root = tmp_path_factory.mktemp("stores")
    (root / "dataset").mkdir()
    run([corpus.root], root / "file.duckdb", coder=CorpusCoder(), batch_size=8)
    run([corpus.root], root / "dataset", coder=CorpusCoder(), batch_size=8)
    return {"file": root / "file.duckdb", "dataset": root / "dataset"}


@pytest.fixture
def dataset_copy(stores, tmp_path) -> Path:
    """A copy of the ingested dataset that a test may change."""
    return Path(shutil.copytree(stores["dataset"], tmp_path / "copy"))


def test_a_folder_opens_as_a_dataset_store(stores):
    assert isinstance(Store(stores["dataset"], read_only=True), DatasetStore)


@pytest.mark.parametrize("table", TABLES + VIEWS)
def test_the_dataset_reads_in_place_like_the_duckdb_store(stores, table):
    dataset, duck = open_store(stores["dataset"]), open_store(stores["file"])
    assert dataset.table_rows(table) == duck.table_rows(table)


def test_the_comparison_is_not_of_empty_tables(stores):
    assert open_store(stores["dataset"]).stats()["events"] > 0


def test_articles_are_partitioned_by_publication_month(stores):
    months = {p.name for p in (stores["dataset"] / "articles").iterdir()}
    published = {r["published"].strftime("month=%Y-%m") for r in open_store(stores["file"]).table_records("articles")}
    assert months == published


def test_events_lie_in_their_articles_month(stores):
    months = {p.name for p in (stores["dataset"] / "events").iterdir()}
    expected = {r["published"][:7] for r in open_store(stores["file"]).event_rows()}
    assert months == {f"month={m}" for m in expected}


def test_events_command_reads_a_dataset_folder(cli, stores):
    from_dataset = cli("events", "--db", stores["dataset"], "--format", "jsonl").stdout
    assert from_dataset == cli("events", "--db", stores["file"], "--format", "jsonl").stdout


def test_a_second_run_into_the_dataset_stores_nothing_new(corpus, dataset_copy):
    assert run([corpus.root], dataset_copy, coder=CorpusCoder(), batch_size=8).stored == 0


@pytest.mark.parametrize("table", TABLES)
def test_merging_into_an_empty_store_gives_the_direct_ingest(stores, tmp_path, table):
    merge_dataset(stores["dataset"], tmp_path / "merged.duckdb")
    assert open_store(tmp_path / "merged.duckdb").table_rows(table) == open_store(stores["file"]).table_rows(table)


def test_merging_twice_adds_nothing(stores, tmp_path):
    merge_dataset(stores["dataset"], tmp_path / "merged.duckdb")
    assert sum(merge_dataset(stores["dataset"], tmp_path / "merged.duckdb").values()) == 0


def test_merged_articles_come_after_those_stored(stores, tmp_path):
    target = tmp_path / "m.duckdb"
    Store(target).add_articles([article("x1", 1)])
    merge_dataset(stores["dataset"], target)
    seqs = [r["seq"] for r in open_store(target).table_records("articles")]
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_the_cli_merges_a_dataset(cli, stores, tmp_path):
    result = cli("ingest", "--merge", stores["dataset"], "--db", tmp_path / "m.duckdb", "--format", "json")
    assert json.loads(result.stdout)["articles"] == len(open_store(stores["file"]).table_rows("articles"))


def test_files_of_an_unfinished_flush_are_not_read(dataset_copy):
    before = len(open_store(dataset_copy).table_rows("articles"))
    stray = next((dataset_copy / "articles").rglob("*.parquet"))
    shutil.copy(stray, stray.with_name("part-deadbeef-0.parquet"))
    assert len(open_store(dataset_copy).table_rows("articles")) == before


def test_the_next_writer_removes_an_unfinished_flush(dataset_copy):
    stray = next((dataset_copy / "articles").rglob("*.parquet"))
    shutil.copy(stray, stray.with_name("part-deadbeef-0.parquet"))
    with Store(dataset_copy).writer():
        pass
    assert not stray.with_name("part-deadbeef-0.parquet").exists()


def test_each_batch_written_without_a_writer_is_kept(tmp_path):
    (tmp_path / "ds").mkdir()
    Store(tmp_path / "ds").add_articles([article("x1", 1)])
    Store(tmp_path / "ds").add_articles([article("x2", 2)])
    assert len(open_store(tmp_path / "ds").table_rows("articles")) == 2


def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not a dataset")
    with pytest.raises(LegationError, match="E102"):
        Store(tmp_path)


def test_a_dataset_of_another_schema_version_is_refused(dataset_copy):
    (dataset_copy / MANIFEST).write_text(json.dumps({"format": "legation-parquet", "schema_version": 99}))
    with pytest.raises(LegationError, match="E104"):
        open_store(dataset_copy)


def test_merging_into_a_folder_is_refused(stores, dataset_copy):
    with pytest.raises(LegationError, match="E105"):
        merge_dataset(stores["dataset"], dataset_copy)
