"""Event dates: pick the date phrase that belongs to an event's trigger and resolve it.

The phrase must hang off the trigger's own clause: in 'X announced on Thursday that Y will hold
drills in August', 'on Thursday' dates the announcement and 'in August' the drills. A phrase is resolved
with the tense of the predicate it hangs off (past, or future: 'will', 'plans to', 'is to be held'),
which picks the direction of a weekday or of a month named without its year: in 'agreed in Moscow on
Thursday to hold drills next month' Thursday is the past one, and it dates the agreement, not the
drills (a phrase of another predicate of the chain whose tense differs from the event's is not the
event's date). The event's own predicate's phrases win over those of the verbs above it.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from .rules import PRECISION_RANK, Expression, find_expressions, resolve_expression

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
# An event under one of these verbs has not happened yet: 'plans to visit', 'is due to sign'.
FUTURE_HEADS = frozenset(
    "plan intend expect schedule set due prepare aim hope want seek decide agree vow pledge promise threaten "
    "propose arrange mean going go".split()
)
REPORTING = frozenset("say tell announce add report state confirm note claim write insist stress".split())
# Rules that need no publication date: the phrase states its year.
_SELF_DATED = frozenset({"iso", "named-year", "year"})


def event_tense(trigger: Token) -> bool | None:
    """True for a future event, False for a past one, None when the grammar does not say."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
    if verb is None:
        return None
    chain = [verb]
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i and len(chain) < 4:
        node = node.head
        chain.append(node)
    for v in chain:
        for child in v.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                return True
        if v.i != verb.i and v.lemma_.lower() in FUTURE_HEADS:
            return True
        if v is verb and v.dep_ == "xcomp" and v.head.lemma_.lower() in FUTURE_HEADS:
            return True
    if any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return True  # 'is to be held', 'are set to be signed'
    if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return False
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    return None


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above `token` in the parse."""
    node, steps = token, 0
    while steps < 12:
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node, steps = node.head, steps + 1
    return None


def _belongs(expr_gov: Token | None, trigger: Token) -> bool:
    """Whether a phrase governed by `expr_gov` dates the trigger's own clause."""
    if expr_gov is None:
        return False
    if expr_gov == trigger or (trigger.pos_ not in ("VERB", "AUX") and expr_gov == _governing_verb(trigger)):
        return True
    # 'plans to visit Moscow next week': either verb of the chain may carry the phrase
    node = trigger
    while node.dep_ == "xcomp" and node.head.i != node.i:
        node = node.head
        if node == expr_gov:
            return True
    return expr_gov.dep_ == "xcomp" and expr_gov.head == trigger


def _encloses(gov: Token | None, trigger: Token, expr: Expression) -> bool:
    """Whether a phrase of an enclosing clause dates the trigger too ('On Monday, after meeting X, Y signed').

    Not when that clause reports speech ('said on Thursday that ... will'), nor for an exercise name.
    """
    if gov is None or expr.rule == "named-year" or gov.lemma_.lower() in REPORTING:
        return False
    return trigger in set(gov.subtree) and trigger != gov


def resolve_event_date(
    sent: Span, trigger_token: Token, pub_date: str | None
) -> tuple[str | None, str | None, str | None]:
    """(date, date_precision, date_end) of the event in `sent`; (None, None, None) if no phrase dates it."""
    pub = _parse_date(pub_date)
    future = event_tense(trigger_token)
    doc = sent.doc
    candidates: list[tuple[int, int, int, tuple[date, str, date | None]]] = []
    for expr in find_expressions(sent.text):
        if pub is None and expr.rule not in _SELF_DATED and not expr.groups.get("year"):
            continue
        if expr.rule == "named-year" and future is True:
            continue  # 'Vostok-2018' dates a past exercise, not a coming one
        span = doc.char_span(
            sent.start_char + expr.start, sent.start_char + expr.end, alignment_mode="expand"
        )
        if span is None or not len(span):
            continue
        gov = _governing_verb(span.root)
        attached = _belongs(gov, trigger_token)
        if not attached and not _encloses(gov, trigger_token, expr):
            continue
        own = gov == trigger_token or gov == _governing_verb(trigger_token)
        tense = future if own or gov is None else event_tense(gov)
        if not own and tense is not None and future is not None and tense != future:
            continue  # 'agreed on Thursday to hold drills': Thursday dates the agreement, not the drills
        got = resolve_expression(expr, pub or _year_anchor(expr), future if tense is None else tense)
        if got is None:
            continue
        distance = abs(span.start - trigger_token.i)
        rank = 0 if own else 1 if attached else 2
        candidates.append((rank, PRECISION_RANK[got[1]], distance, got))
    if not candidates:
        return None, None, None
    _a, _p, _d, (start, precision, end) = min(candidates, key=lambda c: c[:3])
    return start.isoformat(), precision, end.isoformat() if end else None


def _parse_date(text: str | None) -> date | None:
    """An ISO publication date, or None."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        log.warning("publication date %r is not ISO YYYY-MM-DD; relative dates left unresolved", text)
        return None


def _year_anchor(expr: Expression) -> date:
    """A stand-in publication date for a phrase that states its own year."""
    return date(int(expr.groups.get("year") or 2000), 7, 1)
