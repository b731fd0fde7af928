"""The coding pipeline: check → parse (nlp.pipe) → actors → events → dates and places."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import dates as dates_stage
from .. import geo as geo_stage
from ..actors.dictionary import load_dictionary
from ..config import Config
from ..errors import message
from ..model import Document, Event
from ..nlp.model import load_model
from ..nlp.textcheck import is_binary, language
from ..registry import coders
from . import coder as _coder  # noqa: F401  (registers legation.RuleCoder.v1)
from . import hybrid as _hybrid  # noqa: F401  (registers legation.HybridCoder.v1; loads its model when chosen)
from .coder import ParsedDoc
from .verbs import load_verbs

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Coded:
    """One document's result: its events and any problems found on the way."""

    doc: Document
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    coded: bool = True  # False when the document was rejected before coding


class Pipeline:
    """Everything needed to code documents, loaded once: model, dictionaries, coder."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config.default()
        self.nlp = load_model(self.config.model)
        self.actors = load_dictionary(self.config.actor_files)
        self.verbs = load_verbs(self.config.verb_files)
        self.coder = coders.get(self.config.coder)(self.actors, self.verbs, self.config)
        self.coder_name = coders.resolve(self.config.coder)
        self._geo = geo_stage if self.config.geo else None
        self._dates = dates_stage if self.config.dates else None
        if self.config.geo:
            self.coder.places = _lazy_places()

    def check(self, doc: Document, language_checked: bool = False) -> tuple[Document | None, list[str]]:
        """Validate one document: the cleaned document (or None if it cannot be coded) and problems.

        `language_checked`: the caller made the same language decision (`textcheck.identify`) on this
        text and found it not in another language, so it is not made again.
        """
        where = f"record '{doc.id}'"
        text = doc.text if isinstance(doc.text, str) else ""
        if not text.strip():
            return None, [message("E003", where)]
        if is_binary(text):
            return None, [message("E005", where)]
        lang = "en" if language_checked else language(text)
        if lang == "other":
            doc.language = lang
            return None, [message("E004", where, lang)]
        doc.language = "en"
        problems = []
        if len(text) > self.config.max_chars:
            problems.append(message("E006", where, str(len(text)), self.config.max_chars))
            doc.text = text[: self.config.max_chars]
        return doc, problems

    def code_documents(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Coded]:
        """Code documents in input order, parsing in batches with nlp.pipe."""
        return self._code_documents(docs, batch_size, language_checked=False)

    def code_checked(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Coded]:
        """`code_documents` for texts whose language the caller decided with `textcheck.identify` and
        found not foreign (ingest): the same results, without deciding the language again."""
        return self._code_documents(docs, batch_size, language_checked=True)

    def _code_documents(
        self, docs: Iterable[Document], batch_size: int | None, language_checked: bool
    ) -> Iterator[Coded]:
        size = batch_size or self.config.batch_size
        batch: list[Coded] = []
        for doc in docs:
            batch.append(self._prepare(doc, language_checked))
            if len(batch) >= size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _prepare(self, doc: Document, language_checked: bool = False) -> Coded:
        checked, problems = self.check(doc, language_checked)
        return Coded(doc, [], problems, checked is not None)

    def _run(self, batch: list[Coded]) -> Iterator[Coded]:
        todo = [c for c in batch if c.coded]
        parsed = self.nlp.pipe((c.doc.text for c in todo), batch_size=len(todo) or 1)
        titled = [c for c in todo if c.doc.title and c.doc.title.strip()]
        titles = dict(zip((id(c) for c in titled), self.nlp.pipe(c.doc.title for c in titled), strict=True))
        sdocs = list(parsed)
        coded = self.coder.code_batch([ParsedDoc(sdoc, c.doc.id, c.doc.date, titles.get(id(c)))
                                       for c, sdoc in zip(todo, sdocs, strict=True)])
        for item, sdoc, events in zip(todo, sdocs, coded, strict=True):
            item.events = self._finish(sdoc, item.doc, events)
        yield from batch

    def code_parsed(self, sdoc, doc: Document, title_doc=None) -> list[Event]:
        """Code an already-parsed spaCy Doc (and its parsed headline) and fill in dates and places."""
        return self._finish(sdoc, doc, self.coder.code(sdoc, doc.id, doc.date, title_doc))

    def _finish(self, sdoc, doc: Document, events: list[Event]) -> list[Event]:
        """The coder's events of one document, over the confidence floor, with dates and places."""
        if self.config.min_confidence > 0:
            events = [ev for ev in events if ev.confidence >= self.config.min_confidence]
        if events and (self._geo or self._dates):
            self._enrich(sdoc, doc, events)
        return events

    def _enrich(self, sdoc, doc: Document, events: list[Event]) -> None:
        toponyms = None
        sents = list(sdoc.sents)
        for ev in events:
            trig = sdoc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
            if trig is None:
                continue
            token, sent = trig.root, sents[ev.sentence_index]
            if self._dates is not None:
                ev.date, ev.date_precision, ev.date_end = self._dates.resolve_event_date(sent, token, doc.date)
            if ev.date is None and doc.date:  # nothing in the sentence dates it: the publication day
                ev.date, ev.date_precision = doc.date, "day"
                ev.extra["date_basis"] = "publication"
            if self._geo is not None:
                if toponyms is None:
                    toponyms = self._geo.geoparse_doc(sdoc, doc_date=doc.date)
                spans = [(a.start, a.end) for a in (ev.source, ev.target) if a and a.start is not None]
                countries = [a.country for a in (ev.source, ev.target) if a]
                ev.location = self._geo.locate_event(sdoc, sent, token, toponyms, spans, actor_countries=countries)

    def code_text(self, text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
        """Code one text; problems are logged and an empty list returned when it cannot be coded."""
        result = next(self.code_documents([Document(id=doc_id, text=text, date=date)]))
        for problem in result.errors:
            log.warning(problem)
        return result.events


def _lazy_places():
    """A place → country resolver that loads the gazetteer on first use."""
    state: dict = {}

    def country_of(name: str) -> str | None:
        if "resolve" not in state:
            from ..actors.places import place_resolver
            from ..geo import gazetteer

            state["resolve"] = place_resolver(gazetteer.load())
        return state["resolve"](name)

    return country_of

