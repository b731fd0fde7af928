"""Reactions reported as what an act drew: 'a decision that drew criticism from Britain and France'.

Wire copy often names who reacted only after "from": the act "drew", "prompted" or "sparked" criticism,
condemnation or a rebuke "from" them. The reacting actors are the source, the actor behind the act (the
subject of "drew", the noun a relative clause hangs on, else the main clause's subject) is the target.
"""

from __future__ import annotations

REACTION_VERBS = frozenset({"draw", "prompt", "spark", "trigger", "provoke", "attract", "face", "meet",
                            "receive", "earn", "elicit", "bring", "invite"})
REACTIONS: dict[str, str] = {
    "criticism": "111", "condemnation": "111", "rebuke": "111", "protest": "111", "outrage": "111",
    "anger": "111", "censure": "111", "objection": "111", "complaint": "111", "warning": "130",
    "praise": "051", "welcome": "051", "support": "051", "congratulations": "051",
}


def reaction(v) -> tuple[str, list, list] | None:
    """(CAMEO code, reacting tokens, tokens of the act's owner) when `v` reports a reaction 'from' someone."""
    if v.lemma_.lower() not in REACTION_VERBS:
        return None
    for obj in (c for c in v.children if c.dep_ == "dobj"):
        code = REACTIONS.get(obj.lemma_.lower())
        if code is None:
            continue
        preps = [p for p in [*obj.children, *v.children] if p.dep_ == "prep" and p.lower_ == "from"]
        reacting = [o for p in preps for o in p.children if o.dep_ == "pobj"]
        if not reacting:
            return None
        owners = [c for c in v.children if c.dep_ == "nsubj"]
        if owners and owners[0].tag_ in ("WDT", "WP") and v.dep_ == "relcl":
            owners = [v.head]  # 'a decision that drew criticism': the decision
        return code, reacting, owners
    return None
