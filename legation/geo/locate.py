"""Event location: the place where an event happened, not every place its sentence names.

Order of evidence: a place in a locative prepositional phrase attached to the trigger (or to a word
the trigger governs: 'held drills in Ningxia', 'at a base near Qingtongxia'); a place the trigger
takes as its object when the verb is one of moving into or striking a place ('invaded Ukraine');
the article's dateline; and last the article's most-named country or region, at that coarse
precision. Places that stand for an actor ('Beijing said') are never locations.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..nlp.dateline import find_dateline
from .resolve import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LOCATIVE_PREPS = frozenset(
    "in at near outside inside on across along off within throughout around into onto beside "
    "underneath under above amid".split()
)
PLACE_OBJECT_VERBS = frozenset(
    "visit tour enter invade attack bomb strike shell raid occupy hit storm besiege capture seize "
    "liberate reach cross land".split()
)
# The dependency labels a path from a place up to its trigger may pass through.
_PATH_DEPS = frozenset(
    {
        "pobj",
        "prep",
        "compound",
        "appos",
        "conj",
        "nmod",
        "npadvmod",
        "amod",
        "dobj",
        "pcomp",
        "advmod",
        "acl",
        "relcl",
        "attr",
        "nsubjpass",
        "agent",
        "obl",
    }
)
PRECISION_RANK = {"exact": 0, "city": 1, "admin1": 2, "country": 3, "region": 4}
MAX_PATH = 8


def _inside(t: Toponym, spans: list[tuple[int, int]]) -> bool:
    """Whether the toponym overlaps one of the character spans."""
    return any(t.start < e and t.end > s for s, e in spans)


def _root_token(doc: Doc, t: Toponym) -> Token | None:
    """The syntactic head of the toponym's tokens."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attachment(token: Token, trigger: Token) -> tuple[bool, int] | None:
    """From a place up to the trigger: (passed a locative preposition, steps), or None if it never arrives."""
    node, steps, locative = token, 0, False
    governed_obj = token.dep_ == "dobj" and token.head == trigger
    while steps < MAX_PATH:
        if node == trigger:
            return (locative or governed_obj), steps
        if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPS:
            locative = True
        if node.head.i == node.i:
            return None
        if node.dep_ not in _PATH_DEPS and node != token:
            return None
        if node.head.pos_ in ("VERB", "AUX") and node.head != trigger and node.dep_ != "conj":
            # crossed into another clause: allow only the trigger's own auxiliaries and xcomp chain
            if not (trigger.head == node.head and trigger.dep_ in ("xcomp", "ccomp", "conj", "advcl")):
                if node.head not in trigger.subtree:
                    return None
        node = node.head
        steps += 1
    return None


def dateline(doc: Doc, toponyms: list[Toponym]) -> Toponym | None:
    """The place of a dateline ('MOSCOW, Aug 1 (Reuters) -'), if the document opens with one."""
    line = find_dateline(doc[: min(len(doc), 60)].text)  # not doc.text: that joins the whole document
    if line is None:
        return None
    for t in toponyms:
        if t.start >= line.start and t.end <= line.end + 1:
            return t
    return None


def main_place(toponyms: list[Toponym]) -> dict[str, Any] | None:
    """The article's most-named country (or region), as a coarse fallback location."""
    counts: Counter = Counter()
    first: dict[str, Toponym] = {}
    for t in toponyms:
        key = t.country or t.place
        counts[key] += 1
        first.setdefault(key, t)
    if not counts:
        return None
    key, _n = counts.most_common(1)[0]
    t = first[key]
    if t.country:
        from . import gazetteer

        country = gazetteer.load().country(t.country)
        if country is not None:
            loc = Toponym(
                t.start,
                t.end,
                country.name,
                country.lat,
                country.lon,
                country.country,
                None,
                country.geonameid,
                "PCLI",
                "country",
                country.name,
            ).location()
            loc["basis"] = "article"
            return loc
    loc = t.location()
    loc["precision"] = "region" if t.precision != "country" else "country"
    loc["basis"] = "article"
    return loc


def locate_event(
    doc: Doc, sent: Span, trigger_token: Token, toponyms: list[Toponym], actor_spans: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """The `location` of the event triggered by `trigger_token`, or None when the article names no place."""
    usable = [t for t in toponyms if not t.actor and not _inside(t, actor_spans)]
    in_sentence = [t for t in usable if t.start >= sent.start_char and t.end <= sent.end_char]
    attached: list[tuple[int, int, Toponym]] = []
    for t in in_sentence:
        token = _root_token(doc, t)
        if token is None:
            continue
        found = _attachment(token, trigger_token)
        if found is None or not found[0]:
            if not (
                token.dep_ == "dobj"
                and token.head == trigger_token
                and trigger_token.lemma_.lower() in PLACE_OBJECT_VERBS
            ):
                continue
            found = (True, 1)
        attached.append((PRECISION_RANK.get(t.precision, 5), found[1], t))
    if attached:
        best = min(attached, key=lambda x: (x[0], x[1]))[2]
        loc = best.location()
        loc["basis"] = "phrase"
        return loc
    line = dateline(doc, usable)
    if line is not None:
        loc = line.location()
        loc["basis"] = "dateline"
        return loc
    return main_place(usable)
