"""Candidate actor pairs of a sentence: what the event classifier is asked about.

The actor recogniser's mentions become *slots*: one per actor named in the sentence (states, people,
organisations, groups, agents with the country they act for, pronouns resolved by coreference, places in
locative phrases — marked as such — and named entities the dictionaries do not know, uncoded). Each
ordered pair of slots, and each slot alone, is a candidate: the classifier decides whether an event links
them and which.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actors.coref import PRONOUNS
from ..actors.recognize import DocActors
from ..model import Actor

N_FEATURES = 8  # scalar features of a pair (see pair_features)
MAX_SLOTS = 10  # per sentence; wire sentences rarely name more actors than this
UNCODED_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "agent", "appos", "conj", "attr",
                      "npadvmod", "ROOT", "compound"})


@dataclass(slots=True)
class Slot:
    """One actor of a sentence: its resolved actor (code '' when uncoded), token span and head."""

    actor: Actor
    start: int  # token offsets in the document (the span pooled by the encoder)
    end: int
    head: int
    loc: bool = False  # a place in a locative phrase ('in Geneva')

    @property
    def coded(self) -> bool:
        """True when the slot has a country or organisation code."""
        return bool(self.actor.country)


@dataclass(slots=True)
class PairCandidate:
    """An ordered pair of slots of one sentence (target None: the source alone)."""

    source: Slot
    target: Slot | None


def _np_root(tok):
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "case") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def sentence_slots(sent, mem: DocActors, uncoded: bool = True) -> list[Slot]:
    """The actor slots of a scanned sentence, in text order."""
    doc = sent.doc
    slots: list[Slot] = []
    taken: set[tuple[int, str]] = set()

    def add(actor: Actor, start: int, end: int, head: int, loc: bool = False) -> None:
        key = (start, actor.code)
        if key in taken or any(s.start <= start < s.end and s.actor.code == actor.code for s in slots):
            return
        taken.add(key)
        slots.append(Slot(actor, start, end, head, loc))

    seen_heads: set[int] = set()
    for m in mem.mentions:
        if m.start < sent.start or m.end > sent.end or mem.by_token[m.start] is not m:
            continue
        root = doc[m.start : m.end].root
        head = _np_root(root)
        start, end = min(m.start, head.i), max(m.end, head.i + 1)
        if m.loc:
            for actor in mem.place_actors(head) or mem.place_actors(root):
                if actor.start == doc[m.start].idx:
                    add(actor, m.start, m.end, root.i, loc=True)
            continue
        if m.kind == "agent" and head.i in seen_heads:
            continue
        if head.dep_ == "appos" and head.head.i in seen_heads and m.kind in ("person", "agent", "org"):
            continue  # 'the US commander in Iraq, General David Petraeus': one actor, named twice
        seen_heads.add(head.i)
        actors = mem.actors_for(head)
        own = [a for a in actors if a.start is not None and doc[m.start].idx <= a.start < doc[m.end - 1].idx + 1]
        for actor in own or actors[:1]:
            add(actor, start, end, head.i)
    for tok in sent:
        if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS and mem.by_token[tok.i] is None and tok.dep_ in ARG_DEPS:
            for actor in mem.resolve_pronoun(tok)[:2]:
                add(actor, tok.i, tok.i + 1, tok.i)
    if uncoded:
        for ent in sent.ents:
            if ent.label_ not in UNCODED_LABELS or any(mem.by_token[k] is not None for k in range(ent.start, ent.end)):
                continue
            if any(s.start <= ent.start < s.end for s in slots):
                continue
            actor = Actor(ent.text, "", None, None, "unknown", ent.start_char, ent.end_char, "ner")
            add(actor, ent.start, ent.end, ent.root.i)
    slots.sort(key=lambda s: s.start)
    return slots[:MAX_SLOTS]


def _same_actor(a: Slot, b: Slot) -> bool:
    """Two mentions of one state ('Russia ... Moscow') are not a pair."""
    return bool(a.actor.code) and a.actor.code == b.actor.code and a.actor.kind in ("state", "place") \
        and b.actor.kind in ("state", "place")


def pair_candidates(slots: list[Slot]) -> list[PairCandidate]:
    """Every ordered pair of distinct slots, then every slot alone."""
    out = [PairCandidate(a, b) for a in slots for b in slots if a is not b and not _same_actor(a, b)]
    out.extend(PairCandidate(a, None) for a in slots)
    return out


@dataclass(slots=True)
class PairInput:
    """One candidate pair in character offsets of its sentence text, with its features."""

    src: tuple[int, int]
    tgt: tuple[int, int] | None
    feats: list[float]


def pair_features(src: tuple[int, int], tgt: tuple[int, int] | None, src_loc: bool, tgt_loc: bool,
                  src_coded: bool, tgt_coded: bool, same_country: bool, length: int) -> list[float]:
    """The pair's scalar features: order, distance, place and code flags."""
    if tgt is None:
        return [0.0, 0.0, 1.0, float(src_loc), 0.0, float(src_coded), 0.0, 0.0]
    dist = abs(tgt[0] - src[0]) / max(length, 1)
    return [float(src[0] < tgt[0]), dist, 0.0, float(src_loc), float(tgt_loc), float(src_coded), float(tgt_coded),
            float(same_country)]


def slot_inputs(sent, slots: list[Slot], pairs) -> list[PairInput]:
    """Encoder inputs (character spans relative to the sentence, features) for candidate pairs."""
    doc, base = sent.doc, sent.start_char
    out = []
    for cand in pairs:
        s = cand.source
        sspan = (doc[s.start].idx - base, doc[s.end - 1].idx + len(doc[s.end - 1].text) - base)
        t = cand.target
        tspan = None
        if t is not None:
            tspan = (doc[t.start].idx - base, doc[t.end - 1].idx + len(doc[t.end - 1].text) - base)
        same = bool(t and s.actor.country and s.actor.country == t.actor.country)
        feats = pair_features(sspan, tspan, s.loc, bool(t and t.loc), s.coded, bool(t and t.coded), same,
                              len(sent.text))
        out.append(PairInput(sspan, tspan, feats))
    return out
