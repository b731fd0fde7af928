"""The clause of a predicate: its own words, its time adjuncts, the noun behind a quantity, time clauses."""

from __future__ import annotations

from . import lexicon as lx

CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "relcl", "acl"}
OUTSIDE_CLAUSE = frozenset(CLAUSE_DEPS | {"conj", "cc"})  # dependents that start another clause or conjunct


def through_quantity(tok):
    """'a round of drills', 'a series of talks': the event noun behind a noun of quantity."""
    if tok.lemma_.lower() in lx.QUANTITY_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return tok


def own_time(v) -> bool:
    """Whether `v` heads (or lies in) a temporal clause ('after Cyprus dropped its veto'): an event of its own,
    told to date the main one, not another reading of it."""
    tok = v
    for _ in range(50):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lx.TIME_MARKS for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


ACCUSING = frozenset({"accuse", "blame", "criticise", "criticize", "condemn", "denounce", "warn", "threaten",
                      "urge", "demand"})


def own_charge(v) -> bool:
    """Whether `v` is a participle that charges someone on its own ('cut ties with Qatar, accusing Doha of
    supporting terrorism'; 'recalled its ambassador, accusing Rome of attacks'): an act of its own beside the
    main clause, not another reading of it (as 'calling them an occupying army' is)."""
    return v.dep_ in ("advcl", "conj") and v.tag_ == "VBG" and v.lemma_.lower() in ACCUSING \
        and any(c.dep_ in ("dobj", "dative") for c in v.children)


def clause_of(v) -> list:
    """`v` and its subtree without the clauses and conjuncts below it, in sentence order."""
    out, stack = [v], [v]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in OUTSIDE_CLAUSE:
                out.append(child)
                stack.append(child)
    out.sort(key=lambda t: t.i)
    return out


def temporal(tok) -> bool:
    """A word of a time adjunct ('on Friday', 'in March'): not a pattern word of the verb."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children)


def words(tokens) -> list[tuple[str, str]]:
    """(lower-case form, lemma) of each token: what the verb patterns match."""
    return [(t.lower_, t.lemma_.lower()) for t in tokens]
