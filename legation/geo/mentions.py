"""Place mentions in a parsed document: which entity spans may be toponyms, and which stand for actors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer
from .names import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities the model often mislabels; kept only when the gazetteer knows them as a major place.
RESCUE_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT"})
# A capital or country that is the subject of one of these verbs speaks or acts for its government.
ACTOR_VERBS = frozenset(
    "say tell announce state claim deny accuse warn urge condemn criticize criticise reject demand threaten "
    "insist protest respond call ask agree sign welcome confirm vow pledge decide refuse hope believe want "
    "propose offer expel sanction recognize recognise respond retaliate summon plan seek push argue add "
    "stress note insist praise slam blame hit impose announce send".split()
)
# Words that name a direction or a bloc, not a place, when they stand alone ('security guarantees from the West').
NOT_PLACES = frozenset("west east north south western eastern northern southern midwest".split())
COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern upper lower".split()
)
VISIT_WORDS = frozenset("visit trip travel journey tour fly arrive voyage".split())
_BRACKETED = re.compile(r"\s*\(([A-Z][A-Z.]{1,7})\)")
_TRAILING = re.compile(r"(?:['’]s|['’]|[.,;:!?]+)$")
_GENERIC_SUFFIXES = (
    " city",
    " province",
    " state",
    " region",
    " district",
    " governorate",
    " prefecture",
    " oblast",
    " county",
    " municipality",
    " territory",
    " island",
    " islands",
)


@dataclass(slots=True)
class Mention:
    """A span that may name a place, with what the syntax says about it."""

    start: int
    end: int
    text: str
    label: str
    actor: bool = False  # speaks or acts for a government ("Beijing said")
    qualifier: int | None = None  # index of the mention that qualifies it ("Paris, Texas")
    visit: bool = False  # the destination of a visit ("visited Moscow", "a trip to Kyiv")


def _clean(span: Span) -> tuple[int, int, str] | None:
    """Character offsets and text of `span` without a leading 'the' or a trailing possessive."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in ("the", "a", "an") and len(tokens) > 1:
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "'")) and len(tokens) > 1:
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text  # not doc.text: that joins the whole document
    stripped = _TRAILING.sub("", text)
    # keep an abbreviation's full stop ("Fla.", "U.S.") but not a sentence's
    if stripped != text and not re.search(r"\b[A-Za-z]{1,4}\.$", text):
        end -= len(text) - len(stripped)
        text = stripped
    return (start, end, text) if text.strip() else None


def _is_actor(span: Span) -> bool:
    """Whether the span is the subject (or possessor) of a verb of speech or decision."""
    root = span.root
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in ACTOR_VERBS:
        return True
    if node.dep_ == "poss" and node.head.pos_ == "NOUN":
        return node.head.lemma_.lower() in {
            "decision",
            "government",
            "statement",
            "position",
            "foreign",
            "response",
            "ministry",
            "move",
            "policy",
            "stance",
            "demand",
            "claim",
            "request",
            "refusal",
            "plan",
            "proposal",
        }
    return False


def _is_visit(span: Span) -> bool:
    """Whether the span is where someone goes: 'visited Moscow', 'a visit to Kyiv', 'arrived in Hanoi'."""
    root = span.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in VISIT_WORDS:
        return True
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return (prep.lower_ == "to" and prep.head.lemma_.lower() in VISIT_WORDS) or (
        prep.lower_ in ("in", "at") and prep.head.lemma_.lower() == "arrive"
    )


def variants(text: str) -> list[str]:
    """Names to try, in order, when a mention's own text is not in the gazetteer."""
    low = text.lower()
    out = [text]
    for suffix in _GENERIC_SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.append(text[: -len(suffix)])
    if "," in text:
        out.append(text.split(",")[0])
    rest = compass_rest(text)
    if rest:
        out.append(rest)
    return out


def compass_rest(text: str) -> str | None:
    """The place a compass word qualifies ('Northeast Georgia' -> 'Georgia'), else None."""
    head, _, rest = text.partition(" ")
    return rest if rest and head.lower() in COMPASS else None


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Candidate toponym spans of `doc`, demonyms removed, actors and 'City, State' pairs marked."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in RESCUE_LABELS:
            continue
        cleaned = _clean(ent)
        if cleaned is None:
            continue
        start, end, text = cleaned
        if (gaz.demonym_country(text) and not gaz.has(text)) or normalize(text) in NOT_PLACES:
            continue
        if ent.label_ in RESCUE_LABELS and not _rescue(text, ent, gaz):
            continue
        parts = _split_pair(start, text) if ent.label_ in PLACE_LABELS else [(start, end, text)]
        for i, (s, e, t) in enumerate(parts):
            mentions.append(
                Mention(s, e, t, ent.label_, actor=_is_actor(ent) and len(parts) == 1, visit=_is_visit(ent))
            )
            if i == 1:
                mentions[-2].qualifier = len(mentions) - 1
    mentions = _merge(mentions, doc, gaz)
    text = doc.text  # Doc.text joins every token: build it once
    mentions = acronyms(text, mentions)
    link_pairs(text, mentions)
    return mentions


def _initials(name: str) -> str:
    """The capitals that start the words of a name ('Democratic Republic of the Congo' -> 'DRC')."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper())


def acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add the acronym a place is given in brackets ('New South Wales (NSW)'), wherever it recurs.

    An acronym whose letters are the initials of the place's name stands for that place in the rest of
    the article, so each whole-word occurrence that no mention covers becomes a mention of the full name.
    """
    aliases: dict[str, Mention] = {}
    for m in mentions:
        found = _BRACKETED.match(text, m.end)
        if found and found.group(1).replace(".", "") == _initials(m.text) and len(m.text.split()) > 1:
            aliases.setdefault(found.group(1), m)
    if not aliases:
        return mentions
    added = []
    for acronym, m in aliases.items():
        for hit in re.finditer(r"(?<![\w.])" + re.escape(acronym) + r"(?![\w])", text):
            s, e = hit.span()
            if not any(s < x.end and x.start < e for x in mentions + added):
                added.append(Mention(s, e, m.text, m.label))
    if not added:
        return mentions
    merged = sorted(mentions + added, key=lambda x: x.start)
    where = {id(x): i for i, x in enumerate(merged)}
    for x in mentions:
        if x.qualifier is not None:
            x.qualifier = where[id(mentions[x.qualifier])]
    return merged


def _merge(mentions: list[Mention], doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """The NER mentions with the gazetteer's matches in the gaps, in text order ('City, State' links kept)."""
    from .recognize import gazetteer_spans

    known = [m for m in mentions if any(gaz.has(v) for v in variants(m.text))]
    extra = []
    for span in gazetteer_spans(doc, gaz, [(m.start, m.end) for m in known]):
        cleaned = _clean(span)
        if cleaned is not None:
            extra.append(Mention(*cleaned, "GAZ", actor=_is_actor(span), visit=_is_visit(span)))
    if not extra:
        return mentions
    # an entity the gazetteer does not know ('the Beijing Winter Olympics') gives way to the place inside it
    mentions = [m for m in mentions if m in known or not any(m.start < x.end and x.start < m.end for x in extra)]
    targets = [mentions[m.qualifier] if m.qualifier is not None else None for m in mentions]
    merged = sorted(mentions + extra, key=lambda m: m.start)
    where = {id(m): i for i, m in enumerate(merged)}
    for m, target in zip(mentions, targets, strict=True):
        m.qualifier = where[id(target)] if target is not None else None
    return merged


def _split_pair(start: int, text: str) -> list[tuple[int, int, str]]:
    """'Alexandria, La.' -> its two parts with offsets; other text unchanged."""
    if text.count(",") != 1:
        return [(start, start + len(text), text)]
    head, tail = text.split(",")
    lead = len(tail) - len(tail.lstrip())
    tail_start = start + len(head) + 1 + lead
    if not head.strip() or not tail.strip():
        return [(start, start + len(text), text)]
    return [
        (start, start + len(head.rstrip()), head.rstrip()),
        (tail_start, tail_start + len(tail.strip()), tail.strip()),
    ]


def link_pairs(text: str, mentions: list[Mention]) -> None:
    """Mark 'X, Y' where two separate mentions (in text order) are joined by a comma: Y qualifies X."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.qualifier is None and text[a.end : b.start].strip() == ",":
            a.qualifier = i + 1


def _rescue(text: str, ent: Span, gaz: Gazetteer) -> bool:
    """Whether a non-place entity is still a well-known place (a country, state, region or big city)."""
    if len(ent) > 4 or not text[:1].isupper():
        return False
    for place, alt in gaz.lookup(text):
        if place.feature in ("PCLI", "ADM1") and not alt:
            return True
        if (place.is_region or place.feature == "landmark") and not alt:
            return True
        if place.feature in ("PPL", "PPLC") and place.population >= 1_000_000 and not alt:
            return True
    return False
