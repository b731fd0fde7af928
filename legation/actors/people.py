"""Dated office-holders: legation/data/people.json.gz (built by scripts/build_people.py), indexed by name.

Each Person is one office spell of one person. `people_index()` maps the token key of every full-name phrase
and every surname to the spells it may name; `surname_index()` holds the surname keys alone, so a caller can
tell a bare-surname match (which needs a title or article nearby when the surname is in
`ambiguous_surnames`) from a full-name one. The indexes are cached: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .dictionary import _read_json, phrase_key

OPEN_AFTER = "2016-01-01"  # with no date, a spell counts as current when it ends on or after this day


@dataclass(frozen=True, slots=True)
class Person:
    """One office spell: who, which country, which office (role, CAMEO sector) and when (ISO dates)."""

    name: str
    country: str
    role: str
    sector: str
    start: str | None
    end: str | None
    phrases: tuple[str, ...]
    surnames: tuple[str, ...]
    ambiguous_surnames: tuple[str, ...]
    sources: tuple[str, ...]
    approx: bool

    @property
    def code(self) -> str:
        """The CAMEO actor code: country then sector ('NGAGOV'); an IGO code ('IGOEUREEC') stands alone."""
        return self.country if self.country.startswith("IGO") else self.country + self.sector

    def valid_on(self, date: str | None) -> bool:
        """True when the ISO `date` lies in the spell; with no date, when it is open or ends after 2015."""
        if date is None:
            return self.end is None or self.end >= OPEN_AFTER
        day = date[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@lru_cache(maxsize=1)
def load_people() -> tuple[Person, ...]:
    """Every shipped office spell, in the file's order (country, name, start)."""
    return tuple(
        Person(rec["name"], rec["country"], rec["role"], rec["sector"], rec.get("start"), rec.get("end"),
               tuple(rec.get("phrases", ())), tuple(rec.get("surnames", ())),
               tuple(rec.get("ambiguous_surnames", ())), tuple(rec.get("sources", ())), bool(rec.get("approx")))
        for rec in _read_json("people")["people"])


def _index(fields: tuple[str, ...]) -> dict[tuple[str, ...], list[Person]]:
    """Spells by the phrase_key of each string in the named fields, each spell once per key."""
    index: dict[tuple[str, ...], list[Person]] = {}
    for person in load_people():
        keys = {phrase_key(text) for field in fields for text in getattr(person, field)}
        for key in sorted(k for k in keys if k):
            index.setdefault(key, []).append(person)
    return index


@lru_cache(maxsize=1)
def surname_index() -> dict[tuple[str, ...], list[Person]]:
    """Spells by the token key of each surname a story may use alone ('tinubu'; check ambiguous_surnames)."""
    return _index(("surnames",))


@lru_cache(maxsize=1)
def people_index() -> dict[tuple[str, ...], list[Person]]:
    """Spells by the token key of each full-name phrase and each surname; `surname_index()` tells which."""
    return _index(("phrases", "surnames"))


def given_names_before(tok) -> int | None:
    """The first token of the given names before `tok` when `tok` ends a personal name ('Donald Trump'), else None.

    spaCy's PERSON entity must hold `tok` as its last word and one to three capitalised proper nouns before it."""
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "I":
        return None
    nxt = tok.i + 1
    if nxt < len(tok.doc) and tok.doc[nxt].ent_iob_ == "I":
        return None
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    given = tok.doc[start : tok.i]
    if not 1 <= len(given) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in given):
        return None
    return start
