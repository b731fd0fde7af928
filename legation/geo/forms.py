"""Adjectival place references: demonyms that name a country ('Sudanese troops', 'the Russians').

GDELT and the LGL annotators geocode an adjectival form to its country, and a user who asks where an
article is about wants 'Egyptian officials' counted as Egypt. These references are not literal toponyms:
`legation geoparse` lists them with `kind: "demonym"` (drop them with `--literal`), and event locations
never use them, since a nationality says who acts, not where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .gazetteer import Gazetteer, Place
from .resolve import Toponym, is_major

if TYPE_CHECKING:
    from spacy.tokens import Doc

CONTINENT_ADJECTIVES = {
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "latin american": "Latin America",
    "south american": "South America",
    "north american": "North America",
}
# Entities whose words are never a nationality of their own ('Dawn French', 'March 4').
_NOT_HERE = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE"})


def _country_of(gaz: Gazetteer, text: str) -> str | None:
    """The ISO3 country of a demonym or its plural noun ('Iraqi', 'Iraqis', 'Americans')."""
    iso3 = gaz.demonym_country(text)
    if iso3 is None and len(text) > 4 and text.endswith("s"):
        iso3 = gaz.demonym_country(text[:-1])
    return iso3


def _place_of(gaz: Gazetteer, text: str) -> Place | None:
    """The country of a demonym, or the continent of its adjective ('European'); None for other words."""
    if any(is_major(p, alt) for p, alt in gaz.lookup(text)):
        return None  # a major place's own name: the literal recogniser's (a village called Malian is not)
    iso3 = _country_of(gaz, text)
    if iso3 is not None:
        return gaz.country(iso3)
    continent = CONTINENT_ADJECTIVES.get(text.lower())
    if continent is None:
        return None
    return next((p for p, alt in gaz.lookup(continent) if p.is_region and not alt), None)


def demonym_toponyms(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[Toponym]:
    """Country (and continent) references by demonym in `doc`, outside the character spans `taken`.

    `taken` holds the literal toponyms. Two-word demonyms come first ('Sri Lankan', 'South Korean'); a word
    that is also a major place's name is left to the literal recogniser, and a word inside a person's name
    or a number is skipped.
    """
    blocked = {k for ent in doc.ents if ent.label_ in _NOT_HERE for k in range(ent.start, ent.end)}
    out: list[Toponym] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in blocked or not (tok.is_alpha and tok.text[:1].isupper()):
            i += 1
            continue
        for n in (2, 1):
            if i + n > len(doc) or any(k in blocked for k in range(i, i + n)):
                continue
            span = doc[i : i + n]
            if n == 2 and not (span[1].text[:1].isupper() and span[1].is_alpha):
                continue
            text = span.text
            place = _place_of(gaz, text)
            if place is None:
                continue
            s, e = span.start_char, span.end_char
            if any(s < te and e > ts for ts, te in taken):
                break
            out.append(
                Toponym(s, e, text, place.lat, place.lon, place.country, None, place.geonameid, place.feature,
                        place.precision, place.name, 0.0, False, place.bbox, "demonym")
            )
            i += n - 1
            break
        i += 1
    return out
