"""Event location: the place where an event happened, not every place its sentence names.

Order of evidence, each recorded as the location's `basis`:

- `phrase` / `venue`: a place in a locative prepositional phrase attached to the trigger (or to a word
  the trigger governs: 'held drills in Ningxia', 'at a base near Qingtongxia'), the destination of a
  visit ('made a visit to Kyiv', 'visited Moscow') or a place the trigger takes as its object when the
  verb is one of moving into or striking a place ('invaded Ukraine'). It is a `venue` when it is where
  the actors met, talked, visited or signed: the trigger is an act of contact ('agreed in Moscow'), the
  path passes a venue noun ('on the sidelines of the summit in Samarkand') or a visit, or the place is a
  landmark standing for its city ('held talks in the Kremlin'); otherwise a `phrase`;
- `dateline`: the article's dateline, unless the event's actors are elsewhere (no actor is of the
  dateline's country);
- `article`: the article's most-named country among the actors' countries (or, when the actors have
  none, among all its places), at `precision: "article"`: a guess, not a located event.

Places that stand for an actor ('Beijing said') are never locations; a city-state ('met in Singapore')
is located at its city.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..actors.locative import is_locative
from ..nlp.dateline import doc_dateline
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
# Words of going somewhere: their 'to' phrase is a destination ('a visit to Kyiv', 'flew to Beijing').
MOTION_WORDS = frozenset("visit trip travel journey tour fly arrive go come return head voyage".split())
# Nouns naming an occasion of contact: a place reached through one is a venue.
VENUE_NOUNS = frozenset(
    "summit talks talk meeting meetings sidelines margins visit trip conference session ceremony forum "
    "negotiations consultations dialogue parade reception banquet tour".split()
)
# Acts of contact: a place in their locative phrase is where the actors met.
CONTACT_LEMMAS = frozenset(
    "meet visit talk host receive welcome sign agree negotiate discuss confer tour attend greet "
    "gather convene conclude ink initial".split()
)
# Verbs whose object is an occasion held at a place: the place named in it is the venue.
OCCASION_VERBS = frozenset("attend host".split())
# Water bodies: 'over' one is where a flight or patrol was ('over the Sea of Japan').
WATER = frozenset({"sea", "ocean", "strait", "gulf", "bay", "lake", "river", "canal"})
CITY_FLOOR = 100_000  # a division's namesake city must be this big to stand for it
# Countries that are one city: an event there is at the city, not at a country point.
CITY_STATES = frozenset({"SGP", "MCO", "VAT", "HKG", "MAC", "SMR", "GIB", "BHR", "MLT"})
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
PRECISION_RANK = {"exact": 0, "city": 1, "admin1": 2, "country": 3, "region": 4, "article": 5}
MAX_PATH = 8


def _inside(t: Toponym, spans: list[tuple[int, int]]) -> bool:
    """Whether the toponym overlaps one of the character spans."""
    return any(t.start < e and t.end > s for s, e in spans)


def _root_token(doc: Doc, t: Toponym) -> Token | None:
    """The syntactic head of the toponym's tokens."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attachment(token: Token, trigger: Token) -> tuple[bool, int, bool] | None:
    """From a place up to the trigger: (passed a locative preposition, steps, passed a venue word).

    None if the path never arrives. A 'to' phrase of a word of motion counts as locative (a destination).
    """
    node, steps, locative, venue = token, 0, False, False
    governed_obj = token.dep_ == "dobj" and token.head == trigger
    while steps < MAX_PATH:
        if node != token and node.lemma_.lower() in VENUE_NOUNS:
            venue = True
        if node == trigger:
            return (locative or governed_obj), steps, venue
        if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPS:
            locative = True
        if node.dep_ == "prep" and node.lower_ == "to" and node.head.lemma_.lower() in MOTION_WORDS:
            locative = venue = True
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
    line = doc_dateline(doc)
    if line is None:
        return None
    for t in toponyms:
        if t.start >= line.start and t.end <= line.end + 1:
            return t
    return None


def _country_location(iso3: str, t: Toponym) -> dict[str, Any] | None:
    """The location form of country `iso3`'s gazetteer point, with `t`'s offsets."""
    from . import gazetteer

    country = gazetteer.load().country(iso3)
    if country is None:
        return None
    return Toponym(
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


def main_place(toponyms: list[Toponym], actor_countries: Iterable[str] = ()) -> dict[str, Any] | None:
    """The article's most-named country (or region), as a guessed location at `precision: "article"`.

    With `actor_countries`, only those countries count: an article's places where none of the event's
    actors belong do not place it (None).
    """
    wanted = set(actor_countries)
    counts: Counter = Counter()
    first: dict[str, Toponym] = {}
    for t in toponyms:
        key = t.country or t.place
        if wanted and key not in wanted:
            continue
        counts[key] += 1
        first.setdefault(key, t)
    if not counts:
        return None
    top = max(counts.values())
    order = list(actor_countries)
    key = min((k for k, n in counts.items() if n == top), key=lambda k: order.index(k) if k in order else len(order))
    t = first[key]
    loc = _country_location(t.country, t) if t.country else None
    if loc is None:
        loc = t.location()
    loc["precision"] = "article"
    loc["basis"] = "article"
    return loc


def _located(t: Toponym) -> dict[str, Any]:
    """The location form of a toponym, at its city when it names one.

    A city-state ('in Singapore') is located at its capital; a division named like its chief city
    ('in Astana', 'visited Hiroshima', 'in New York') at that city, the likelier venue of an event.
    """
    city_state = t.feature == "PCLI" and t.country in CITY_STATES
    if city_state or t.feature == "ADM1":
        from . import gazetteer

        wanted = ("PPLC",) if city_state else ("PPLC", "PPL")
        cities = [
            p
            for p, _alt in gazetteer.load().lookup(t.name)
            if p.country == t.country and p.feature in wanted and p.population >= CITY_FLOOR
        ]
        if cities:
            c = max(cities, key=lambda p: p.population)
            return Toponym(
                t.start, t.end, t.name, c.lat, c.lon, c.country, c.admin1, c.geonameid, c.feature, "city", c.name
            ).location()
    return t.location()


def known_countries(codes: Iterable[str | None]) -> list[str]:
    """The codes among `codes` that are countries of the gazetteer, in order, without repeats."""
    from . import gazetteer

    gaz = gazetteer.load()
    out: list[str] = []
    for code in codes:
        if code and code not in out and gaz.country(code) is not None:
            out.append(code)
    return out


def _names_occasion(token: Token, trigger: Token) -> bool:
    """Whether the place leads the name of an occasion the trigger attends or hosts."""
    if trigger.lemma_.lower() not in OCCASION_VERBS or token.dep_ != "compound":
        return False
    node = token
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "dobj" and node.head == trigger


def _over(token: Token) -> bool:
    """Whether the place is the object of 'over'."""
    return token.dep_ == "pobj" and token.head.lower_ == "over"


def _is_destination(token: Token, trigger: Token) -> bool:
    """Whether a place is where the trigger goes: 'visited Moscow', 'a visit to Kyiv', 'invaded Ukraine'."""
    if token.dep_ == "dobj" and token.head == trigger and trigger.lemma_.lower() in PLACE_OBJECT_VERBS:
        return True
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "to" or prep.head.lemma_.lower() not in MOTION_WORDS:
        return False
    mover = prep.head
    return mover == trigger or mover in trigger.subtree


def _candidates(
    doc: Doc, sent: Span, trigger: Token, toponyms: list[Toponym], actor_spans: list[tuple[int, int]]
) -> list[tuple[int, int, Toponym, bool]]:
    """(precision rank, path length, toponym, venue) of each in-sentence place attached to the trigger."""
    found: list[tuple[int, int, Toponym, bool]] = []
    contact = trigger.lemma_.lower() in CONTACT_LEMMAS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in VENUE_NOUNS for c in trigger.children
    )  # 'signed in Minsk', 'held talks in Moscow'
    for t in toponyms:
        if t.actor or t.start < sent.start_char or t.end > sent.end_char:
            continue
        token = _root_token(doc, t)
        if token is None:
            continue
        landmark = t.feature == "landmark"
        if _names_occasion(token, trigger):  # 'attend the Beijing Winter Olympics', 'host the Samarkand summit'
            found.append((PRECISION_RANK.get(t.precision, 5), 2, t, True))
            continue
        if _is_destination(token, trigger):
            venue = contact or trigger.lemma_.lower() in MOTION_WORDS or token.head.lower_ == "to"
            found.append((PRECISION_RANK.get(t.precision, 5), 1, t, venue))
            continue
        if _inside(t, actor_spans) and not is_locative(token):
            continue  # a place the actor finder took for an actor, unless a locative phrase governs it
        path = _attachment(token, trigger)
        if path is not None and not path[0] and t.feature in WATER and _over(token):
            path = (True, path[1], path[2])  # 'patrolled over the Western Pacific'
        if path is None or not path[0]:
            continue
        found.append((PRECISION_RANK.get(t.precision, 5), path[1], t, contact or path[2] or landmark))
    return found


def locate_event(
    doc: Doc,
    sent: Span,
    trigger_token: Token,
    toponyms: list[Toponym],
    actor_spans: list[tuple[int, int]],
    *,
    actor_countries: Iterable[str | None] = (),
) -> dict[str, Any] | None:
    """The `location` of the event triggered by `trigger_token`, or None when nothing places it.

    `actor_countries` are the ISO3 countries of the event's actors (others are ignored): a dateline
    or an article country where none of them belongs does not place the event.
    """
    attached = _candidates(doc, sent, trigger_token, toponyms, actor_spans)
    if attached:
        _rank, _steps, best, venue = min(attached, key=lambda x: (x[0], x[1]))
        loc = _located(best)
        loc["basis"] = "venue" if venue else "phrase"
        return loc
    countries = known_countries(actor_countries)
    usable = [t for t in toponyms if not t.actor and not _inside(t, actor_spans)]
    line = dateline(doc, usable)
    if line is not None and (not countries or line.country in countries):
        loc = _located(line)
        loc["basis"] = "dateline"
        return loc
    return main_place(toponyms if countries else usable, countries)
