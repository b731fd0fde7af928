"""Exact copies are recognised by their text, wherever the file lies: a copy is a new report only under
another url or outlet (issue 15: moving a corpus doubled its reports)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixtures.ingest.corpus import Manifest, generate
from fixtures.ingest.helpers import FakeCoder

from legation.ingest import run
from legation.store import open_store

SMALL = {"stories": 24, "near": 4, "exact": 4, "foreign": 2}
TEXT = "Talks\n\nMarch 3, 2024\nSource: Herald\nURL: https://herald.example/talks\n\nRussia met China in Moscow.\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Manifest:
    """A small generated corpus."""
    return generate(tmp_path_factory.mktemp("corpus"), **SMALL)


def reports(db: Path) -> int:
    """Reports of every story: its articles and their recorded copies."""
    return sum(r["reports"] for r in open_store(db).table_records("cluster_summary"))


def test_a_corpus_ingested_again_from_another_folder_adds_no_copies(corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    run([corpus.root], db, coder=FakeCoder(), batch_size=8)
    before = reports(db)
    moved = tmp_path / "moved-elsewhere"
    shutil.copytree(corpus.root, moved)
    report = run([moved], db, coder=FakeCoder(), batch_size=8)
    assert (report.stored, report.exact_copies, reports(db)) == (0, 0, before)


def test_a_renamed_file_under_the_same_url_and_outlet_is_no_new_report(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    report = run([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "s.duckdb", coder=FakeCoder())
    assert (report.stored, report.exact_copies, report.already_stored) == (1, 0, 1)


def test_the_same_text_under_another_url_is_one_more_report(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    record = {"id": "r1", "text": "Russia met China in Moscow.", "url": "https://mirror.example/t", "source": "Mirror"}
    (tmp_path / "m.jsonl").write_text(json.dumps(record) + "\n")
    db = tmp_path / "s.duckdb"
    report = run([tmp_path / "a.txt", tmp_path / "m.jsonl"], db, coder=FakeCoder())
    assert (report.stored, report.exact_copies, reports(db)) == (1, 1, 2)


def test_a_copy_seen_twice_under_its_url_is_counted_once(tmp_path):
    record = {"text": "Russia met China in Moscow.", "url": "https://mirror.example/t", "source": "Mirror"}
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "m1.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "m2.jsonl").write_text(json.dumps(record) + "\n")
    db = tmp_path / "s.duckdb"
    run([tmp_path / "a.txt", tmp_path / "m1.jsonl"], db, coder=FakeCoder())
    report = run([tmp_path / "m2.jsonl"], db, coder=FakeCoder())
    assert (report.exact_copies, report.already_stored, reports(db)) == (0, 1, 2)
