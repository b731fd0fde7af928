"""What ingest does to each new article before the store: the language decision, the MinHash signature, coding.

`screen_batch` runs where the articles are coded: in the ingest process, or on a Dask worker
(`legation.distributed`), so that the driver there only reads, clusters and writes. What it returns per
article (`Screened`) is all the driver needs to build the stored record: the story cluster is assigned
from the signature in the driver, in input order, because it depends on every article before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Event
from .dedup import signature, to_bytes
from .language import identify, is_coded

log = logging.getLogger(__name__)

CodeDocuments = Callable[[list[Document]], Iterable[Any]]  # a coder's `code_documents` (or `code_checked`)


@dataclass(slots=True)
class Screened:
    """One article's language decision, MinHash signature and, when it was coded, its events and problems."""

    verdict: str  # `identify`'s verdict: 'en', 'und' or 'other' (not coded)
    language: str  # the language code stored with the article
    minhash: bytes  # the signature as stored (`dedup.to_bytes`)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the coder's problem messages
    coded: bool = False  # the coder coded it (False: not English, or the coder rejected or failed on it)
    failure: str | None = None  # repr of the exception the coder raised on this article alone

    @property
    def to_code(self) -> bool:
        """Whether the article is sent to the coder: everything but another language."""
        return is_coded(self.verdict)


def checked_coder(coder: Any) -> CodeDocuments:
    """The coder's entry point for texts whose language is decided: `code_checked` if it has one
    (the pipeline, which then skips its own, identical, language check), else `code_documents`."""
    return getattr(coder, "code_checked", None) or coder.code_documents


def screen_batch(docs: list[Document], code: CodeDocuments, seconds: dict[str, float] | None = None) -> list[Screened]:
    """Decide each document's language, sign it, and code the ones not in another language, in order.

    `docs` carry no language; it is set here. When the coder fails on the batch, its documents are coded
    one at a time and the ones that fail keep the error (`Screened.failure`), as a single run records
    them. `seconds`, when given, gets the time spent in 'language', 'dedup' (signatures) and 'code'.
    """
    clock = seconds if seconds is not None else {}
    for step in ("language", "dedup", "code"):
        clock.setdefault(step, 0.0)
    out: list[Screened] = []
    to_code: list[tuple[Document, Screened]] = []
    for doc in docs:
        start = time.perf_counter()
        verdict, language = identify(doc.text)
        middle = time.perf_counter()
        screened = Screened(verdict, language, to_bytes(signature(doc.text)))
        clock["language"] += middle - start
        clock["dedup"] += time.perf_counter() - middle
        out.append(screened)
        if screened.to_code:
            doc.language = language
            to_code.append((doc, screened))
    if to_code:
        start = time.perf_counter()
        _code(to_code, code)
        clock["code"] += time.perf_counter() - start
    return out


def _code(to_code: list[tuple[Document, Screened]], code: CodeDocuments) -> None:
    try:
        results = list(code([doc for doc, _ in to_code]))
    except Exception:  # one bad article must not stop a corpus: code them one by one
        log.exception("the coder failed on a batch; coding its articles one at a time")
        results = []
        for doc, screened in to_code:
            try:
                results.extend(code([doc]))
            except Exception as exc:  # noqa: BLE001 - recorded as E049 with the article
                screened.failure = repr(exc)
    by_id = {doc.id: screened for doc, screened in to_code}
    for result in results:
        screened = by_id[result.doc.id]
        screened.coded = bool(getattr(result, "coded", True))  # the coder may reject it (too short, not prose...)
        screened.events = list(result.events)
        screened.errors = list(result.errors)


def unscreened(docs: list[Document], failure: str) -> Iterator[Screened]:
    """The language and signature of documents whose whole task failed elsewhere, each with that failure."""
    for doc in docs:
        verdict, language = identify(doc.text)
        yield Screened(verdict, language, to_bytes(signature(doc.text)), failure=failure if is_coded(verdict) else None)
