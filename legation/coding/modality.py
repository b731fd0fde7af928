"""Modality and clause structure: whether an event is asserted, planned, hypothetical or denied, or not an event."""

from __future__ import annotations

from . import lexicon as lx

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJECT_CONTROL = {"invite", "urge", "ask", "tell", "persuade", "allow", "order", "encourage", "call",
                  "press", "force", "help", "enable", "request", "permit", "lead", "push"}


def _semicolon_between(node, head) -> bool:
    """Whether a semicolon attached to `head` separates it from `node`: the parser hangs the clause before a
    semicolon on the verb after it, but a semicolon joins independent clauses."""
    lo, hi = sorted((node.i, head.i))
    return any(c.text == ";" and lo < c.i < hi for c in head.children)


def depth(tok) -> int:
    """Distance from a token to the root of its clause: the sentence root, or a verb a semicolon sets apart."""
    n = 0
    while tok.head.i != tok.i and n < 50 and not _semicolon_between(tok, tok.head):
        tok, n = tok.head, n + 1
    return n


def intent_head(v):
    """The verb or adjective expressing intent that governs `v` ('agreed to', 'ready to'), if any."""
    head = v.head
    if v.dep_ == "xcomp" and (
        head.lemma_.lower() in lx.INTENT_VERBS or (head.pos_ == "ADJ" and head.lower_ in lx.INTENT_ADJS)
    ):
        return head
    return None


def conditional(v) -> bool:
    """Whether an 'unless'/'if' clause hangs on the verb ('will withdraw unless ...')."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
               for c in v.children)


def refusal(v) -> bool:
    """'would not provide', 'will not meet', 'refused to help': a refusal, coded as rejection (12x)."""
    kids = list(v.children)
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if any(c.dep_ == "neg" for c in kids) and aux & {"will", "would", "wo", "'ll", "can", "could", "ca"}:
        return True
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in ("refuse", "decline")


_QUANTIFIED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_NONE_WORDS = frozenset({"none", "nothing", "nobody", "neither"})


def _none_of(arg) -> bool:
    """Whether an argument says no one did or underwent the act: 'no warships entered', 'none of their
    soldiers crossed', 'received no request' ('a no-fly zone' is not)."""
    if arg.lower_ in _NONE_WORDS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") and c.whitespace_ for c in arg.children)


def negated(v) -> bool:
    """Whether the predicate itself is negated: 'did not attack', 'no warships entered' (but 'had no legal
    basis' is a state, not a negated act)."""
    acts = v.lemma_.lower() not in ("have", "be")
    return any(c.dep_ == "neg" or (acts and c.dep_ in _QUANTIFIED_DEPS and _none_of(c)) for c in v.children)


ANNOUNCING = frozenset({"announce", "say", "confirm", "declare", "decide", "state", "tell", "report", "reveal"})


def _reported_decision(v, aux: set[str]) -> bool:
    """'announced that Britain would expel 23 diplomats': 'would' under an announcement is the future of a
    decision already taken, not a hypothesis (unless an 'if' or 'unless' clause makes it one)."""
    return aux & lx.HYPOTHETICAL_AUX == {"would"} and v.dep_ == "ccomp" and v.head.lemma_.lower() in ANNOUNCING \
        and not conditional(v) and not any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in v.children)


def modality_of(v) -> str | None:
    """asserted / planned / hypothetical / denied; None when negated or blocked (no event)."""
    kids = list(v.children)
    if negated(v):
        return None
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    modality = "asserted"
    if aux & lx.HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in kids):
        modality = "planned" if _reported_decision(v, aux) else "hypothetical"
    elif aux & lx.FUTURE_AUX or "going" in aux:
        modality = "planned"
    node = v
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            break
        hl = head.lemma_.lower()
        controlled = node.dep_ != "xcomp" or any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in head.children)
        if node.dep_ in ("xcomp", "advcl", "acl") and node.tag_ == "VB" and controlled and (
            hl in lx.DEMAND_VERBS or hl in OBJECT_CONTROL or hl in lx.DEMAND_NOUNS
            or any(c.dep_ == "neg" for c in head.children)
        ):
            return None  # "pressed to help", "no permission to help": the helping has not happened
        if node.dep_ == "xcomp" and hl == "need" and modality == "asserted":
            modality = "hypothetical"  # "X needs to do Y": Y is called for, not done
        if node.dep_ == "xcomp":
            if hl in lx.BLOCKING_VERBS or any(c.dep_ == "neg" for c in head.children):
                return None
            if hl in OBJECT_CONTROL | {"want"} and any(c.dep_ in ("dobj", "dative") for c in head.children):
                return None  # "asked Iran to stop": the stopping has not happened
            if hl in lx.PLANNING_VERBS and modality == "asserted":
                modality = "planned"
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            if _semicolon_between(node, head):
                break  # 'X shot down a jet; Putin called it a stab in the back': two clauses, not one inside the other
            if hl in lx.DENIAL_VERBS:
                return "denied"
            if node.dep_ == "ccomp" and (hl in lx.DEMAND_VERBS or aux & lx.OBLIGATION_AUX):
                return None
            if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in node.children):
                modality = "hypothetical"
            if node.dep_ == "conj" and any(c.dep_ == "neg" for c in head.children):
                if not any(c.dep_ in SUBJ_DEPS for c in node.children):
                    return None
        else:
            break
        node = head
    return modality
