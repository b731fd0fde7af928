"""Places in locative phrases: 'met in Singapore', 'drills in the Sea of Japan', 'talks in the Turkish resort of
Antalya'. A toponym governed by a locative preposition names where something happened, not who acted, unless
the predicate takes the phrase as its argument ('intervened in Libya', 'fired at Israel')."""

from __future__ import annotations

LOCATIVE_PREPS = frozenset(
    "in at near off over across outside inside within throughout around along beside beyond aboard "
    "amid amidst".split()
)
# Prepositions that put an event inside the place ('police across Myanmar'), not beside it ('near', 'off').
INSIDE_PREPS = frozenset("in at across throughout within inside on".split())
# 'on the territory of', 'on the soil of', 'on its border with': 'on' is locative only before these nouns.
ON_PLACE_NOUNS = frozenset("territory soil border borders frontier coast shores waters airspace outskirts".split())
# Verbs whose 'in'/'at'/'over' phrase is an argument, not a place.
ARGUMENT_PREPS: dict[str, frozenset[str]] = {
    "in": frozenset("intervene interfere meddle invest involve interference intervention meddling investment "
                    "stake interest confidence faith trust".split()),
    "at": frozenset("fire shoot aim launch hurl throw lob direct point strike swipe jab lash level target rail "
                    "protest wave glare hit laugh bark lunge shout yell".split()),
    "over": frozenset("win prevail triumph victory sovereignty control authority influence leverage "
                      "power jurisdiction".split()),
}
# Nouns that carry a place inside them: 'the Turkish resort of Antalya', 'Ukraine's Donbas region'.
PLACE_NOUNS = frozenset(
    "resort city town village capital port province region district state territory border borders frontier "
    "coast shores waters sea gulf strait island islands airspace outskirts suburb suburbs area areas zone "
    "north south east west northeast northwest southeast southwest centre center heart part parts side "
    "enclave camp base peninsula valley mountains desert river lake county governorate prefecture oblast "
    "hotel palace headquarters residence embassy consulate venue sidelines margins".split()
)
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case", "appos", "conj", "cc", "det", "nummod"})


def _np_top(tok):
    """Climb from a token to the head of the noun phrase it modifies, through 'X of Y' place nouns."""
    steps = 0
    while steps < 8 and tok.head.i != tok.i:
        steps += 1
        if tok.dep_ in _NP_DEPS and tok.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
            tok = tok.head.head  # 'the resort of Antalya', 'the territory of Ukraine'
            continue
        break
    return tok


def locative_prep(tok):
    """The preposition governing the noun phrase that contains `tok` (assumes `is_locative(tok)`)."""
    return _np_top(tok).head


def is_locative(tok) -> bool:
    """True when the noun phrase containing `tok` is the object of a locative preposition."""
    top = _np_top(tok)
    if top.dep_ != "pobj":
        return False
    prep = top.head
    word = prep.lower_
    if word == "on":
        return top.lemma_.lower() in ON_PLACE_NOUNS
    if word not in LOCATIVE_PREPS:
        return False
    governor = prep.head
    args = ARGUMENT_PREPS.get(word)
    if args and governor.lemma_.lower() in args:
        return False
    return True


DOCUMENT_NOUNS = frozenset({"declaration", "accord", "accords", "agreement", "agreements", "protocol", "treaty",
                            "process", "format", "communique", "communiqué", "framework", "convention",
                            "conventions", "charter", "plan", "roadmap", "memorandum", "formula", "consensus"})


def names_a_document(tok) -> bool:
    """Whether a toponym is part of the proper name of a treaty or a process ('the Lahore Declaration', 'the
    Astana process'): the head is one of DOCUMENT_NOUNS and capitalised."""
    head = tok.head
    return tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i and head.text[:1].isupper() \
        and head.lemma_.lower() in DOCUMENT_NOUNS
