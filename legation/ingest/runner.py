"""`run`: read sources, skip what is stored, cluster, code the English articles, store batch by batch."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import message
from ..model import Document, Event
from ..store import (
    ArticleRecord,
    Batch,
    ClusterRecord,
    CopyRecord,
    ErrorRecord,
    KnownState,
    Store,
    begin_run,
    end_run,
)
from .article import Article, Problem
from .dedup import StoryClusters, from_bytes
from .readers import read_sources
from .screen import Screened, checked_coder, screen_batch, unscreened

log = logging.getLogger(__name__)

BATCH_SIZE = 64
WARNING_CODES = frozenset({"E006", "E007"})  # the article was stored and coded all the same (cut, date ignored)
_CODE = re.compile(r"\[(E\d{3})\]")


class Coded(Protocol):
    """What a coder yields per document."""

    doc: Document
    events: list[Event]
    errors: list[str]


class Coder(Protocol):
    """The coder contract ingest relies on (`legation.coding.pipeline.Pipeline`).

    A coder may also offer `code_checked` (the same, for texts whose language ingest has decided), and a
    parallel backend `map_screened` and `screen` (`legation.distributed.DaskCoder`: batches screened elsewhere).
    """

    coder_name: str

    def code_documents(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Coded]:
        """Code documents in order."""
        ...


ScreenedResults = Callable[[], Iterable[Screened]]  # one batch screened elsewhere, waited for when called


@dataclass(slots=True)
class IngestReport:
    """What one run did, with the time spent in each step (seconds)."""

    read: int = 0  # articles read from the sources
    stored: int = 0  # new articles stored
    coded: int = 0  # of which coded
    not_coded: int = 0  # of which not English, or the coder failed on them
    already_stored: int = 0  # skipped: stored by an earlier run
    exact_copies: int = 0  # new exact copies of stored articles (recorded, not stored again)
    near_copies: int = 0  # new articles that joined an existing story cluster
    clusters: int = 0  # new story clusters
    events: int = 0
    errors: int = 0  # problems newly recorded in the store (files, records, coder)
    failed: int = 0  # problems of this run (recorded before or not) that lost a file, record or its coding
    warnings: int = 0  # problems of this run that lost nothing (a text cut to the limit, a date ignored)
    batches: int = 0  # batches written
    run_id: int | None = None  # this run's number in the store's run log (`legation errors --since RUN`)
    seconds: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("read", "dedup", "language", "code", "store"), 0.0)
    )
    elapsed: float = 0.0
    # The problems of the batch just finished, failures and warnings, replaced after each batch (not in to_dict).
    problems: list[ErrorRecord] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Articles read per second of the run."""
        return self.read / self.elapsed if self.elapsed else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        del out["problems"]
        out["articles_per_second"] = round(self.rate, 2)
        out["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
        out["elapsed"] = round(self.elapsed, 3)
        return out


def _timed(items: Iterator[Article | Problem], report: IngestReport) -> Iterator[Article | Problem]:
    while True:
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            report.seconds["read"] += time.perf_counter() - start
            return
        report.seconds["read"] += time.perf_counter() - start
        yield item


@dataclass(slots=True)
class _New:
    """A new article admitted to the run (its place in the store's order taken), waiting for its screening."""

    art: Article
    seq: int

    def document(self) -> Document:
        """The document the coder gets (its language is set when it is screened)."""
        art = self.art
        return Document(art.id, art.text, art.published, art.title, art.url, art.source)


Prepared = tuple[Batch, list[_New]]


class _Run:
    """One ingest run's state: what is known, the story clusters, the coder."""

    def __init__(self, store: Store, coder: Coder | None, report: IngestReport) -> None:
        self.store, self._coder, self.report = store, coder, report
        self.known: KnownState = store.known_state()
        self.clusters = StoryClusters()
        self.clusters.load(self.known.signatures)
        self.seen_errors: set[str] = set()  # ids of every error this run met (for the run log)
        self._problems: dict[int, list[ErrorRecord]] = {}  # id(batch) -> its read problems, until finished

    @property
    def coder(self) -> Coder:
        """The coder, loaded when the first article needs it (a re-run with nothing new loads none)."""
        if self._coder is None:
            from .. import get_pipeline

            self._coder = get_pipeline()
        return self._coder

    def prepare(self, items: list[Article | Problem]) -> Prepared:
        """Sort one batch of read items into what to store now (problems, copies) and the new articles."""
        batch = Batch()
        new: list[_New] = []
        problems = self._problems.setdefault(id(batch), [])
        for item in items:
            if isinstance(item, Problem):
                error = item.record()
                problems.append(error)
                if error.id not in self.known.errors:  # recorded once; met again in later runs
                    self.known.errors.add(error.id)
                    batch.errors.append(error)
            else:
                self._admit(item, batch, new)
        return batch, new

    def finish(self, batch: Batch, new: list[_New], screened: ScreenedResults | None) -> None:
        """Add the new articles, screened (`screened()`, else here), to the batch; store it in one transaction."""
        problems = self._problems.pop(id(batch), [])
        known = len(batch.errors)
        if new:
            self._place(new, self._screen(new, screened), batch)
        problems.extend(batch.errors[known:])  # the coder's problems
        self.report.problems = problems
        for error in problems:
            self.seen_errors.add(error.id)
            if error.code in WARNING_CODES:
                self.report.warnings += 1
            else:
                self.report.failed += 1
        if len(batch):
            start = time.perf_counter()
            self.store.add_batch(batch)
            self.report.seconds["store"] += time.perf_counter() - start
            self.report.batches += 1
            log.info(
                "committed batch %d: %d articles, %d events, %d errors",
                self.report.batches, len(batch.articles), len(batch.events), len(batch.errors),
            )  # fmt: skip
        self.report.errors += len(batch.errors)

    def _admit(self, art: Article, batch: Batch, new: list[_New]) -> None:
        """Count a read article: an exact copy (or one stored before) is settled here, a new one is queued."""
        report = self.report
        report.read += 1
        original = self.known.content.get(art.content_hash)
        if original is not None:  # the same text: a new report only under another url or outlet
            reports = self.known.reports.setdefault(original, set())
            key = (art.url, art.source)
            seen_here = art.location == self.known.locations.get(original) or art.location in self.known.copies
            if key in reports or seen_here:
                report.already_stored += 1
            else:
                reports.add(key)
                self.known.copies.add(art.location)
                batch.copies.append(CopyRecord(art.location, original, art.url, art.source))
                report.exact_copies += 1
            return
        new.append(_New(art, self.known.next_seq))
        self.known.next_seq += 1
        self.known.content[art.content_hash] = art.id
        self.known.locations[art.id] = art.location
        self.known.reports[art.id] = {(art.url, art.source)}
        report.stored += 1

    def _screen(self, new: list[_New], screened: ScreenedResults | None) -> list[Screened]:
        """The new articles' language, signature and coding: done elsewhere (`screened()`), or here."""
        if screened is None:  # the coder is loaded only when an article is to be coded
            return screen_batch([n.document() for n in new], self._code_checked, self.report.seconds)
        start = time.perf_counter()
        try:
            results = list(screened())
        except Exception as exc:  # the whole task failed (a worker died twice...): one article at a time
            log.exception("screening failed on a batch; screening its articles one at a time")
            results = [self._screen_alone(n.document(), exc) for n in new]
        self.report.seconds["code"] += time.perf_counter() - start
        return results

    def _code_checked(self, docs: list[Document]) -> Iterable[Coded]:
        return checked_coder(self.coder)(docs)

    def _screen_alone(self, doc: Document, first: Exception) -> Screened:
        screen = getattr(self.coder, "screen", None)
        try:
            if screen is None:
                raise first
            return screen([doc])[0]
        except Exception as exc:  # noqa: BLE001 - recorded as E049 with the article (when it is coded)
            return next(unscreened([doc], repr(exc)))

    def _place(self, new: list[_New], screened: list[Screened], batch: Batch) -> None:
        """Assign story clusters in input order and add the records, events and coder problems to the batch."""
        report = self.report
        records: list[tuple[ArticleRecord, Screened]] = []
        for item, result in zip(new, screened, strict=True):
            art = item.art
            start = time.perf_counter()
            cluster_id, similarity = self.clusters.assign(art.id, from_bytes(result.minhash))
            report.seconds["dedup"] += time.perf_counter() - start
            if cluster_id == art.id:
                batch.clusters.append(ClusterRecord(art.id, art.id, art.title, art.published))
                report.clusters += 1
            else:
                report.near_copies += 1
            coded = result.to_code and result.failure is None and result.coded  # `legation code`'s decision
            record = ArticleRecord(
                id=art.id, seq=item.seq, content_hash=art.content_hash, text=art.text,
                cluster_id=cluster_id, coded=coded, external_id=art.external_id, url=art.url, title=art.title,
                published=art.published, date_source=art.date_source, source=art.source, language=result.language,
                format=art.format, location=art.location, similarity=similarity,
                coder=self.coder.coder_name if coded else None, minhash=result.minhash,
            )  # fmt: skip
            batch.articles.append(record)
            records.append((record, result))
            if coded:
                report.coded += 1
            else:
                report.not_coded += 1
        for record, result in records:  # the coder's failures first, then each coded article's problems
            if result.to_code and result.failure is not None:
                batch.errors.append(_coder_error(record, "E049", message("E049", record.location or record.id,
                                                                         result.failure)))  # fmt: skip
        for record, result in records:
            if not result.to_code or result.failure is not None:
                continue
            batch.events.extend(result.events)
            report.events += len(result.events)
            for text in result.errors:
                found = _CODE.search(text)
                batch.errors.append(_coder_error(record, found.group(1) if found else "E000", text))


def _chunks(items: Iterator[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    chunk: list[Article | Problem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _coder_error(record: ArticleRecord, code: str, text: str) -> ErrorRecord:
    return ErrorRecord(record.location or record.id, code, "coder", text, record.id)


def run(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    coder: Coder | None = None,
    follow_links: bool | None = None,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs into the store at `db`: new articles are coded and stored in batches."""
    started = time.perf_counter()
    report = IngestReport()
    store = Store(db)
    sources = [p if isinstance(p, str) else Path(p) for p in paths]
    with store.writer("ingest"):
        state = _Run(store, coder, report)
        report.run_id = begin_run(store, (str(s) for s in sources))
        items = _timed(read_sources(sources, follow_links=follow_links), report)
        prepared = (state.prepare(chunk) for chunk in _chunks(items, batch_size))
        map_screened = getattr(coder, "map_screened", None)  # a parallel backend (legation.distributed)
        screened: Iterator[tuple[Prepared, ScreenedResults | None]]
        if map_screened is not None:  # screens and codes batches ahead elsewhere, hands them back in order
            screened = map_screened((p, [n.document() for n in p[1]]) for p in prepared)
        else:  # each batch is screened and coded here, in turn
            screened = ((p, None) for p in prepared)
        for (batch, new), results in screened:
            state.finish(batch, new, results)
            report.elapsed = time.perf_counter() - started
            if progress:
                progress(report)
        report.problems = []
        counts = {"read": report.read, "stored": report.stored, "failed": report.failed}
        end_run(store, report.run_id, counts, state.seen_errors)
    report.elapsed = time.perf_counter() - started
    if progress:
        progress(report)
    log.info("ingest: %s", report.to_dict())
    return report
