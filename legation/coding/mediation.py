"""Mediation named in a participle: 'a deal brokered by Turkey', 'talks mediated by Qatar', 'a UN-brokered truce'.

Wire copy names the mediator of an agreement or of talks in a passive participle hanging on the noun. The
mediator then acts on the parties (CAMEO 045, mediate), and it is no party to their agreement: the verb that
governs the noun ('agreed', 'sat down for talks') must not take it as its target.
"""

from __future__ import annotations

from ..actors.curated import MEDIATING

MEDIATOR_DEPS = frozenset({"npadvmod", "compound", "nmod"})  # 'a UN-brokered ceasefire': UN hangs on 'brokered'
MEDIATE = "045"


def agent_clause(tok) -> bool:
    """Whether `tok` heads a participle with a 'by' agent ('brokered by Turkey'): its agent did that, not the
    act of the verb above it."""
    return tok.dep_ == "acl" and any(c.dep_ == "agent" for c in tok.children)


def mediated(v) -> tuple[object, object] | None:
    """(the mediated noun, the predicate it belongs to) when `v` is a mediation participle, else None."""
    hyphened = v.dep_ == "amod" and v.tag_ == "VBN" and any(c.dep_ in MEDIATOR_DEPS for c in v.children)
    if v.lemma_.lower() not in MEDIATING or not (agent_clause(v) or hyphened):
        return None
    noun = v.head
    pred = noun
    for _ in range(8):
        if pred.pos_ in ("VERB", "AUX") or pred.head.i == pred.i:
            break
        pred = pred.head
    return noun, pred
