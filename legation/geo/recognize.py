"""Toponym recognition beyond NER: capitalised spans and known names that the gazetteer holds.

spaCy's small model misses many place names ('a visit to Kyiv', 'the Beijing Winter Olympics'). Every run
of capitalised proper nouns is matched, longest first, against the gazetteer, and a match is kept only
when its context allows a place:

- not inside a person's name, a nationality, a date or a number entity, and not a demonym;
- inside an organisation, facility or event name only as its leading modifier ('Moscow State
  University', 'the Beijing Winter Olympics'), and only when the gazetteer knows it as a major place;
- outside entities, only when it is the whole capitalised run (not 'Jordan' of 'Jordan Henderson')
  and not a common word that a sentence starts with;
- a name that is only a small place needs to be a longer or unambiguous one;
- a name NER took for a person or an organisation is a place all the same when it is the whole entity
  and stands after a locative preposition ('arrested in Torrington') or opens a line in capitals
  ('HARWINTON —', a dateline).

The NER spans stay first; these matches fill the gaps.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..actors.locative import is_locative
from .gazetteer import Gazetteer, Place
from .mentions import NOT_PLACES
from .names import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_TOKENS = 6
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
JOINERS = frozenset({"of", "the", "de", "del", "da", "al", "el", "la", "upon", "-", "and", "du", "des"})
# Entities whose tokens are never places.
BLOCKING = frozenset(
    {"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE"}
)
# Entities a place may lead as a modifier.
NAMED = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
# Lower-case words that end a landmark's name ('UN headquarters').
LANDMARK_TAILS = frozenset({"headquarters", "hq"})
# Heads of names a place may lead ('Moscow State University', 'the Beijing Winter Olympics'); any other
# name keeps its first word to itself ('Paris Hilton').
NAME_HEADS = frozenset(
    "university college school academy institute hospital clinic airport station port harbour harbor police "
    "department council court club museum zoo library cathedral church mosque temple stadium arena park "
    "bridge dam river lake olympics games summit marathon festival forum conference talks agreement "
    "agreements accord accords treaty protocol declaration format process group district county city "
    "region province state committee assembly parliament exchange market metro railway road highway".split()
)
MIN_POPULATION = 1000  # a city outside an entity: at least this big, or named in several words
MAJOR_POPULATION = 100_000  # a city leading an organisation or event name
# The floor of a name that leads an organisation's name without a head word: only a country or a state
# leads such a name as a place ('the U.S. Centers for Disease Control', 'Kenya Airways').
COUNTRY_ONLY = 10**12


def _capitalised(tok: Token) -> bool:
    """A word written with a capital (or in capitals) that may be part of a name."""
    return tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "." in tok.text


def _major(place: Place, alt: bool, population: int, short: bool) -> bool:
    """Whether a candidate is a place worth recognising without NER's word for it.

    A `short` name (an acronym or abbreviation: 'EU', 'Que.') is only a country, a state or a region.
    """
    if place.feature in ("PCLI", "ADM1", "landmark") or place.is_region:
        return not (short and alt)
    return not short and not alt and place.population >= population


def _run_end(doc: Doc, i: int) -> int:
    """The index after the capitalised run that starts at token i (joiners allowed inside)."""
    j = i
    while j < len(doc) and j - i < MAX_TOKENS * 2:
        tok = doc[j]
        if _capitalised(tok):
            j += 1
            continue
        if tok.lower_ in JOINERS and j + 1 < len(doc) and _capitalised(doc[j + 1]):
            j += 1
            continue
        break
    return j


def _entity_labels(doc: Doc) -> tuple[list[str | None], list[int]]:
    """For each token: its entity label (or None) and the index where its entity starts."""
    labels: list[str | None] = [None] * len(doc)
    starts = list(range(len(doc)))
    for ent in doc.ents:
        first = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
        for k in range(ent.start, ent.end):
            labels[k], starts[k] = ent.label_, first
    return labels, starts


def _allowed(span: Span, run: tuple[int, int], labels: list[str | None], starts: list[int]) -> int | None:
    """The population floor a match must reach in its context, or None when the context rules it out."""
    kinds = {labels[k] for k in range(span.start, span.end)}
    whole = (span.start, span.end) == run and (span.end >= len(labels) or labels[span.end] is None or
                                               starts[span.end] == span.end)
    if kinds & {"PERSON", "ORG"} and whole and starts[span.start] == span.start:
        if _place_context(span):
            return 0

    if kinds & BLOCKING:
        return None
    if kinds & NAMED:
        ent_kind = next(k for k in kinds if k in NAMED)
        ends_entity = span.end >= len(labels) or labels[span.end] != ent_kind
        after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if starts[span.start] != span.start or ends_entity or after in ("'s", "’s", "'", "’"):
            return None  # not the leading modifier of the name
        stop = next((j for j in range(span.end, len(labels)) if labels[j] != ent_kind), len(labels))
        if not any(t.lower_ in NAME_HEADS for t in span.doc[span.end : stop]):
            return COUNTRY_ONLY  # a person or a brand ('Paris Hilton'), unless a country or state leads it
        return MAJOR_POPULATION
    if (span.start, span.end) != run:
        return None  # part of a longer name
    first = span[0]
    if len(span) == 1 and (first.is_stop or first.pos_ not in ("PROPN",)):
        return None  # 'Police said', 'Reading'
    return MIN_POPULATION if len(span) == 1 else 0


def _place_context(span: Span) -> bool:
    """Whether the span's syntax makes it a place: after a locative preposition, or a line-opening dateline."""
    root = span.root
    if is_locative(root) or (root.dep_ == "pobj" and root.head.lower_ in ("from", "to", "into", "toward")):
        return True
    at_line_start = span.start == 0 or "\n" in span.doc[span.start - 1].whitespace_ + span.doc[span.start - 1].text
    return at_line_start and span.text.isupper() and len(span.text) > 2


def gazetteer_spans(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[Span]:
    """Spans of `doc` that name a place the gazetteer knows, in contexts that allow a place."""
    labels, starts = _entity_labels(doc)
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if not _capitalised(doc[i]) or doc[i].lower_ in JOINERS:
            i += 1
            continue
        end = _run_end(doc, i)
        if end < len(doc) and doc[end].lower_ in LANDMARK_TAILS:
            end += 1
        k = i
        while k < end:
            match = _longest(doc, k, end, gaz, taken, labels, starts, (i, end))
            if match is None:
                k += 1
                continue
            found.append(match)
            k = match.end
        i = max(end, i + 1)
    return found


def _longest(
    doc: Doc,
    k: int,
    end: int,
    gaz: Gazetteer,
    taken: list[tuple[int, int]],
    labels: list[str | None],
    starts: list[int],
    run: tuple[int, int],
) -> Span | None:
    """The longest acceptable gazetteer match starting at token k within the run."""
    for n in range(min(MAX_TOKENS, end - k), 0, -1):
        span = doc[k : k + n]
        if span[-1].lower_ in JOINERS or not (_capitalised(span[-1]) or span[-1].lower_ in LANDMARK_TAILS):
            continue
        s, e = span.start_char, span.end_char
        if any(s < te and e > ts for ts, te in taken):
            return None
        text = span.text
        if not gaz.has(text) or (gaz.demonym_country(text) and n == 1) or normalize(text) in NOT_PLACES:
            continue
        found = gaz.lookup(text)
        if any(p.feature == "landmark" for p, _alt in found):
            if not {labels[j] for j in range(span.start, span.end)} & BLOCKING:
                return span  # a landmark's name is its own evidence, whatever NER called it
            continue
        floor = _allowed(span, run, labels, starts)
        if floor is None:
            continue
        # an acronym or an abbreviation ('EU', 'Que.'), but not dotted initials ('U.S.', 'U.K.')
        short = n == 1 and not _INITIALS.fullmatch(text) and (text.endswith(".") or (text.isupper() and len(text) <= 4))
        if any(_major(p, alt, floor, short) for p, alt in found):
            return span
    return None
