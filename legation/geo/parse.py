"""Geoparsing a parsed document: find its toponyms and resolve them with the gazetteer."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import gazetteer
from .forms import CONTINENT_ADJECTIVES, demonym_toponyms
from .landmarks import bloc_names
from .mentions import Mention, find_mentions, link_pairs
from .resolve import Toponym, resolve_mentions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
_BLOCS = bloc_names()
# Words of a building's or an event's name that are places elsewhere ('Street', 'Village', 'Lake').
_GENERIC_WORDS = frozenset("street road avenue village lake city state court center centre hall park".split())
# a compass word or a title word at the head of a longer name is no place of its own ('South Kilburn Estate',
# 'Eastern Ghouta', 'West Wing', 'Central Mental Hospital', 'No. 2 Detention Centre')
_NOT_A_HEAD = _GENERIC_WORDS | frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "upper lower middle greater new old great royal national international no. st. saint mount".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def demonym_countries(doc: Doc, gaz: gazetteer.Gazetteer) -> Counter:
    """Countries named by demonyms ('Chinese troops'): weak evidence of where the article is."""
    found: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            iso3 = gaz.demonym_country(ent.text)
            if iso3:
                found[iso3] += 0.5
    return found


def geoparse_doc(doc: Doc, *, doc_date: str | None = None, adjectival: bool = False) -> list[Toponym]:
    """The resolved toponyms of an already parsed document, in text order.

    With `adjectival`, demonyms that name a country ('Sudanese troops') are listed too, as toponyms of
    kind "demonym" at the country's point (`forms.demonym_toponyms`); event locations never ask for them.
    """
    del doc_date  # reserved: a historical gazetteer could use it
    gaz = gazetteer.load()
    mentions = find_mentions(doc, gaz)
    toponyms = resolve_mentions(mentions, gaz, demonym_countries(doc, gaz))
    # a bloc that speaks or acts ('the EU said') is the organisation, not the place
    toponyms = [t for t in toponyms if not (t.actor and t.place in _BLOCS)]
    if adjectival:
        toponyms += demonym_toponyms(doc, gaz, [(t.start, t.end) for t in toponyms])
    return sorted(toponyms, key=lambda t: t.start)


def resolve_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[Toponym]:
    """Resolve given toponym spans of `text` (no recognition step): the 'given gold spans' condition.

    The spans are resolved together, as one document, with the same context the geoparser uses
    ('Paris, Texas' pairs, the article's other places, demonyms named in the text).
    """
    gaz = gazetteer.load()
    mentions = [Mention(s, e, known_part(text[s:e], gaz), "GPE") for s, e in sorted(set(spans)) if text[s:e].strip()]
    link_pairs(text, mentions)
    toponyms = resolve_mentions(mentions, gaz, demonym_words(text, gaz))
    return sorted(toponyms, key=lambda t: t.start)


def known_part(name: str, gaz: gazetteer.Gazetteer) -> str:
    """A given toponym's name, or the longest leading part of it the gazetteer knows ('Manila Cathedral' ->
    'Manila', 'Dubai World Cup' -> 'Dubai'), or a continent for its adjective ('European' -> 'Europe')."""
    if gaz.has(name) or gaz.demonym_country(name):
        return name
    if name.lower() in CONTINENT_ADJECTIVES:
        return CONTINENT_ADJECTIVES[name.lower()]
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        part = " ".join(words[:n])  # the place leads the name
        if part.lower() not in _NOT_A_HEAD and any(_major(p, alt) for p, alt in gaz.lookup(part)):
            return part
    return name


def _major(place: gazetteer.Place, alt: bool) -> bool:
    """A place big enough to stand at the head of a name: a country, a state, a region or a large city."""
    return place.feature in ("PCLI", "ADM1", "landmark") or place.is_region or (not alt and place.population >= 100_000)


def demonym_words(text: str, gaz: gazetteer.Gazetteer) -> Counter:
    """Countries named by capitalised demonyms in raw text ('Chinese troops'), as in `demonym_countries`."""
    found: Counter = Counter()
    for word in _CAPITALISED.findall(text):
        iso3 = gaz.demonym_country(word)
        if iso3 and not gaz.has(word):
            found[iso3] += 0.5
    return found


def geoparse_texts(
    texts: Iterable[tuple[str, str]], nlp: Language, batch_size: int = 16, adjectival: bool = True
) -> Iterator[dict[str, Any]]:
    """Geoparse (id, text) pairs with one `nlp.pipe` pass: one `{"id", "toponyms"}` dict each.

    Demonyms are listed as toponyms of kind "demonym" unless `adjectival` is False.
    """
    pairs = ((text, doc_id) for doc_id, text in texts)
    for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield {"id": doc_id, "toponyms": [t.to_dict() for t in geoparse_doc(doc, adjectival=adjectival)]}
