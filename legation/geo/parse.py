"""Geoparsing a parsed document: find its toponyms and resolve them with the gazetteer."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import gazetteer
from .mentions import find_mentions
from .resolve import Toponym, resolve_mentions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def demonym_countries(doc: Doc, gaz: gazetteer.Gazetteer) -> Counter:
    """Countries named by demonyms ('Chinese troops'): weak evidence of where the article is."""
    found: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            iso3 = gaz.demonym_country(ent.text)
            if iso3:
                found[iso3] += 0.5
    return found


def geoparse_doc(doc: Doc, *, doc_date: str | None = None) -> list[Toponym]:
    """The resolved toponyms of an already parsed document, in text order."""
    del doc_date  # reserved: a historical gazetteer could use it
    gaz = gazetteer.load()
    mentions = find_mentions(doc, gaz)
    toponyms = resolve_mentions(mentions, gaz, demonym_countries(doc, gaz))
    return sorted(toponyms, key=lambda t: t.start)


def geoparse_texts(
    texts: Iterable[tuple[str, str]], nlp: Language, batch_size: int = 16
) -> Iterator[dict[str, Any]]:
    """Geoparse (id, text) pairs with one `nlp.pipe` pass: one `{"id", "toponyms"}` dict each."""
    pairs = ((text, doc_id) for doc_id, text in texts)
    for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield {"id": doc_id, "toponyms": [t.to_dict() for t in geoparse_doc(doc)]}
