"""`legation.ingest.run` on a generated mixed corpus, with a model-free coder (fast, in-process)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest.corpus import Manifest, generate
from fixtures.ingest.helpers import FakeCoder

from legation.ingest import run
from legation.ingest.screen import screen_batch
from legation.store import TABLES, Store, open_store

SMALL = {"stories": 40, "near": 6, "exact": 6, "foreign": 3}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Manifest:
    """A small generated corpus: every format, near and exact copies, bad files."""
    return generate(tmp_path_factory.mktemp("corpus"), **SMALL)


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory) -> Path:
    """The corpus ingested once, in batches of 8."""
    path = tmp_path_factory.mktemp("db") / "full.duckdb"
    run([corpus.root], path, coder=FakeCoder(), batch_size=8)
    return path


def rows(path: Path, table: str) -> list[tuple]:
    """A table's rows, sorted."""
    return open_store(path).table_rows(table)


def records(path: Path, table: str) -> list[dict]:
    """A table's rows as dicts, sorted."""
    return open_store(path).table_records(table)


def test_every_distinct_article_is_stored_once(corpus, ingested):
    titles = (
        [r[0] for r in open_store(ingested).query_titles()]
        if False
        else [r[5] for r in rows(ingested, "articles")]
    )
    assert sorted(titles) == sorted(corpus.stored_titles)


def test_exact_copies_are_recorded_not_stored(corpus, ingested):
    assert len(rows(ingested, "article_copies")) == corpus.exact_copies


def test_near_copies_share_their_originals_story_cluster(corpus, ingested):
    cluster = {r["title"]: r["cluster_id"] for r in records(ingested, "articles")}
    assert all(cluster[a] == cluster[b] for a, b in corpus.near_pairs)


def test_each_distinct_story_is_one_cluster(corpus, ingested):
    assert len(rows(ingested, "story_clusters")) == corpus.stories


def test_every_bad_file_is_recorded_with_its_reason(corpus, ingested):
    found = {Path(r["location"]).name: r["kind"] for r in records(ingested, "ingest_errors")}
    assert found == corpus.bad_files


def test_non_english_articles_are_stored_but_not_coded(corpus, ingested):
    coded = {r["title"]: r["coded"] for r in records(ingested, "articles")}
    assert [coded[t] for t in corpus.foreign_titles] == [False] * len(corpus.foreign_titles)


def test_only_english_articles_reach_the_coder(corpus, tmp_path):
    coder = FakeCoder()
    run([corpus.root], tmp_path / "s.duckdb", coder=coder, batch_size=8)
    assert len(coder.seen) == len(corpus.stored_titles) - len(corpus.foreign_titles)


def test_every_article_has_a_date_and_an_outlet(ingested):
    assert [r for r in records(ingested, "articles") if r["published"] is None or r["source"] is None] == []


def test_a_second_run_adds_nothing(corpus, ingested, tmp_path):
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(ingested.read_bytes())
    report = run([corpus.root], copy, coder=FakeCoder(), batch_size=8)
    assert (report.stored, report.exact_copies, report.errors, report.batches) == (0, 0, 0, 0)


def test_a_second_run_loads_no_coder(corpus, ingested, tmp_path):
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(ingested.read_bytes())
    report = run([corpus.root], copy, coder=None, batch_size=8)  # would load spaCy if anything were new
    assert report.already_stored == corpus.articles


class InterruptingCoder(FakeCoder):
    """Raises KeyboardInterrupt (as Ctrl-C would) when it reaches its n-th document."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def code_documents(self, docs, batch_size=32):
        """Code until the n-th document, then interrupt."""
        for coded in super().code_documents(docs, batch_size):
            if len(self.seen) > self.after:
                raise KeyboardInterrupt
            yield coded


def test_an_interrupted_run_loses_only_the_batch_in_flight(corpus, tmp_path):
    path = tmp_path / "cut.duckdb"
    with pytest.raises(KeyboardInterrupt):
        run([corpus.root], path, coder=InterruptingCoder(after=20), batch_size=8)
    assert 0 < len(rows(path, "articles")) <= 20


def test_an_interrupted_run_resumes_to_the_same_store(corpus, ingested, tmp_path):
    path = tmp_path / "cut.duckdb"
    with pytest.raises(KeyboardInterrupt):
        run([corpus.root], path, coder=InterruptingCoder(after=20), batch_size=8)
    run([corpus.root], path, coder=FakeCoder(), batch_size=8)
    assert {t: rows(path, t) for t in TABLES} == {t: rows(ingested, t) for t in TABLES}


class FailingCoder(FakeCoder):
    """Always fails on the fifth document it was given."""

    bad: str | None = None

    def code_documents(self, docs, batch_size=32):
        """Raise on the bad document, code the others."""
        for doc in docs:
            if self.bad is None and len(self.seen) == 4:
                self.bad = doc.id
            if doc.id == self.bad:
                raise ValueError("coder bug")
            yield from super().code_documents([doc], batch_size)


def test_a_coder_failure_is_recorded_and_the_article_stored_uncoded(corpus, tmp_path):
    path = tmp_path / "s.duckdb"
    coder = FailingCoder()
    run([corpus.root], path, coder=coder, batch_size=8)
    [failed] = [r for r in records(path, "ingest_errors") if r["code"] == "E049"]
    [article] = [r for r in records(path, "articles") if r["id"] == failed["article_id"]]
    assert (article["id"], article["coded"]) == (coder.bad, False)


class ScreeningBackend(FakeCoder):
    """A parallel backend in this process: batches are screened (language, signature, coding) as
    `legation.distributed` screens them on its workers, and handed back in order."""

    def screen(self, docs):
        """Screen one batch."""
        return screen_batch(docs, self.code_documents)

    def map_screened(self, batches):
        """Each batch's results, screened when asked for."""
        for payload, docs in batches:
            yield payload, (lambda docs=docs: self.screen(docs))


class DyingBackend(ScreeningBackend):
    """Every batch task fails (as when its worker dies); alone, each article but one is screened."""

    bad = "unset"

    def map_screened(self, batches):
        """Results that raise."""
        for payload, _ in batches:
            yield payload, self._die

    def _die(self):
        raise RuntimeError("worker died")

    def screen(self, docs):
        """Fail on the fifth article, screen the others."""
        if len(self.seen) == 4 and self.bad == "unset":
            self.bad = docs[0].id
        if docs[0].id == self.bad:
            raise RuntimeError("worker died again")
        return super().screen(docs)


def test_batches_screened_elsewhere_store_what_a_plain_run_stores(corpus, ingested, tmp_path):
    path = tmp_path / "s.duckdb"
    run([corpus.root], path, coder=ScreeningBackend(), batch_size=8)
    assert {t: rows(path, t) for t in TABLES} == {t: rows(ingested, t) for t in TABLES}


def test_an_article_whose_screening_fails_everywhere_is_stored_uncoded(corpus, ingested, tmp_path):
    path = tmp_path / "s.duckdb"
    backend = DyingBackend()
    report = run([corpus.root], path, coder=backend, batch_size=8)
    [failed] = [r for r in records(path, "ingest_errors") if r["code"] == "E049"]
    [article] = [r for r in records(path, "articles") if r["id"] == failed["article_id"]]
    assert (article["id"], article["coded"], article["language"]) == (backend.bad, False, "en")
    assert "worker died again" in failed["message"]
    assert report.coded == open_store(ingested).stats()["coded_articles"] - 1
    assert [r["id"] for r in records(path, "articles")] == [r["id"] for r in records(ingested, "articles")]


def test_progress_is_reported_after_each_batch(corpus, tmp_path):
    seen: list[int] = []
    run(
        [corpus.root],
        tmp_path / "s.duckdb",
        coder=FakeCoder(),
        batch_size=8,
        progress=lambda r: seen.append(r.read),
    )
    assert seen == sorted(seen) and seen[-1] == corpus.articles and len(seen) > 3


def test_the_store_is_left_readable_after_a_run(ingested):
    assert Store(ingested, read_only=True).stats()["articles"] > 0
