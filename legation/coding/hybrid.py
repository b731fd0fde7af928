"""HybridCoder: the actor recogniser proposes pairs, a fine-tuned encoder decides the event, rules add detail.

For each sentence the candidate pairs (`candidates.py`) are scored by the classifier (`encoder.py`): one
calibrated probability per root and PLOVER type. A pair whose probability reaches the threshold is an event.
The rules keep what they do well: a verb pattern that agrees with the predicted root gives the full CAMEO
code, the trigger and the evidence span; modality comes from the predicate; a negated predicate is no event.
With no agreeing pattern the event takes the root's base code and the predicate that governs the pair.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..actors.dictionary import ActorDictionary
from ..actors.recognize import DocActors
from ..config import Config
from ..model import Event
from ..registry import coders
from .candidates import PairCandidate, Slot, pair_candidates, sentence_slots, slot_inputs
from .coder import Candidate, ParsedDoc, RuleCoder
from .counterpart import add_implicit_targets
from .labels import labels, root_labels
from .modality import modality_of
from .verbs import VerbDictionary

log = logging.getLogger(__name__)
WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "coder"
WEIGHTS_NAME = "hybrid_v1"
BATCH = 32


@lru_cache(maxsize=2)
def load_classifier(folder: str = str(WEIGHTS), name: str = WEIGHTS_NAME):
    """The shipped classifier, tokenizer and metadata, loaded once per process."""
    from . import encoder

    return encoder.load(Path(folder), name)


@dataclass(slots=True)
class _Sentence:
    doc: int  # the document's position in the batch
    index: int
    sent: object
    slots: list[Slot]
    pairs: list[PairCandidate]
    rules: list[Candidate]
    article_pair: tuple[str, str] | None = None  # the two states the article is about, this sentence counted


def governing_predicate(a, b):
    """The verb that governs two tokens (their lowest common ancestor, raised to a verb), or one token's verb."""
    chain = []
    node = a
    for _ in range(60):
        chain.append(node)
        if node.head.i == node.i:
            break
        node = node.head
    lca = None
    if b is None:
        lca = a.head if a.head.i != a.i else a
    else:
        ids = {t.i for t in chain}
        node = b
        for _ in range(60):
            if node.i in ids:
                lca = node
                break
            if node.head.i == node.i:
                break
            node = node.head
        lca = lca or chain[-1]
    node = lca
    for _ in range(60):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return lca


class HybridCoder:
    """legation.HybridCoder.v1: a learned pair classifier over the rule coder's actors and predicates."""

    name = "legation.HybridCoder.v1"

    def __init__(self, actors: ActorDictionary, verbs: VerbDictionary, min_actors: int = 1, *,
                 mode: str = "hybrid", threshold: float | None = None, uncoded: bool = True,
                 weights: Path | None = None) -> None:
        self.rules = RuleCoder(actors, verbs, min_actors)
        self.min_actors = min_actors
        self.mode = mode  # hybrid | encoder (no rule detail: base codes and governing predicates)
        self.uncoded = uncoded
        # A source-only event beside a paired event of the same source in the sentence: "keep" it, drop it
        # when the pair has the same "root", or drop it whatever the pair's root ("any", the default: the
        # pair is the more specific reading; docs/coder.md gives the measured effect).
        self.solo_policy = "any"
        self.implicit_targets = True  # a source-only act aims at the article's other state (counterpart.py)
        folder, name = (str(weights.parent), weights.stem) if weights else (str(WEIGHTS), WEIGHTS_NAME)
        self.model, self.tokenizer, self.meta = load_classifier(folder, name)
        self.threshold = threshold if threshold is not None else float(self.meta["threshold"])
        self.agree_threshold = float(self.meta.get("agree_threshold", self.threshold))
        self.temperature = float(self.meta["temperature"])
        self.labels = labels()

    @property
    def places(self):
        """The place → country resolver shared with the rule coder."""
        return self.rules.places

    @places.setter
    def places(self, value) -> None:
        self.rules.places = value

    def code(self, sdoc, doc_id: str, date: str | None = None, title_doc=None) -> list[Event]:
        """Code a parsed spaCy Doc into events."""
        return self.code_batch([ParsedDoc(sdoc, doc_id, date, title_doc)])[0]

    def code_batch(self, docs: Sequence[ParsedDoc]) -> list[list[Event]]:
        """Code several parsed documents, their sentences scored together in length-sorted batches.

        Each document gets the events `code` gives it: a sentence's encoding does not depend on the sentences
        padded beside it (beyond float rounding)."""
        work: list[_Sentence] = []
        for n, d in enumerate(docs):
            work.extend(self._sentences(n, d))
        out: list[list[Event]] = [[] for _ in docs]
        for item, probs in zip(work, self._score(work), strict=True):
            out[item.doc].extend(self._events(item, probs, docs[item.doc].doc_id))
        return out

    def _sentences(self, n: int, d: ParsedDoc) -> list[_Sentence]:
        """The sentences of one document with at least one coded actor: slots, pairs and rule readings."""
        mem = DocActors(d.sdoc, self.rules.actors, d.date, places=self.places)
        if d.title_doc is not None:
            mem.read_headline(d.title_doc)
        work: list[_Sentence] = []
        for index, sent in enumerate(d.sdoc.sents):
            mem.scan_sentence(sent)
            pair = mem.memory.article_pair(first_named=True)  # the article's two states, this sentence counted
            rule_cands = self.rules.candidates(sent, mem) if self.mode == "hybrid" else []
            slots = sentence_slots(sent, mem, uncoded=self.uncoded)
            if any(s.coded for s in slots):
                work.append(_Sentence(n, index, sent, slots, pair_candidates(slots), rule_cands, pair))
            subjects = [a for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" for a in mem.actors_for(t)]
            if subjects:
                mem.last_subjects = subjects
        return work

    def _score(self, work: list[_Sentence]) -> list:
        """Calibrated probabilities (pairs × labels) for each sentence, batched by length."""
        import torch

        from .encoder import batch_tensors

        out: dict[int, object] = {}
        order = sorted(range(len(work)), key=lambda i: len(work[i].sent.text))
        for k in range(0, len(order), BATCH):
            idx = order[k : k + BATCH]
            texts = [work[i].sent.text for i in idx]
            inputs = [slot_inputs(work[i].sent, work[i].slots, work[i].pairs) for i in idx]
            with torch.inference_mode():
                logits = self.model(**batch_tensors(self.tokenizer, texts, inputs))
            probs = torch.softmax(logits / self.temperature, -1)[:, 1:]  # column 0 is 'no event'
            pos = 0
            for i, plist in zip(idx, inputs, strict=True):
                out[i] = probs[pos : pos + len(plist)]
                pos += len(plist)
        return [out[i] for i in range(len(work))]

    def _events(self, item: _Sentence, probs, doc_id: str) -> list[Event]:
        best: dict[tuple, Event] = {}
        for cand, row in zip(item.pairs, probs.tolist(), strict=True):
            src, tgt = cand.source, cand.target
            n_coded = sum(1 for s in (src, tgt) if s is not None and s.coded)
            if n_coded < max(1, self.min_actors):
                continue
            chosen = self._chosen(row)
            for k in self._agreed(item.rules, src, tgt, row):
                if k not in chosen:
                    chosen.append(k)
            for k in chosen:
                ev = self._event(item, src, tgt, k, row[k], doc_id)
                if ev is None:
                    continue
                key = (_country(ev.source), _country(ev.target), ev.root)
                if key not in best or best[key].confidence < ev.confidence:
                    best[key] = ev
        kept = list(best.values())
        if self.solo_policy != "keep":
            paired = {(_country(e.source), e.root if self.solo_policy == "root" else None)
                      for e in kept if e.target is not None}
            kept = [e for e in kept if e.target is not None or (
                _country(e.source), e.root if self.solo_policy == "root" else None) not in paired]
        if self.implicit_targets:
            add_implicit_targets(kept, item.article_pair)
        return sorted(kept, key=lambda e: (e.trigger_start, -e.confidence))

    def _chosen(self, row: list[float]) -> list[int]:
        """Labels over the threshold, at most one per root (the likelier PLOVER reading)."""
        by_root: dict[str, int] = {}
        for k, p in enumerate(row):
            if p >= self.threshold:
                root = self.labels[k].root
                if root not in by_root or row[by_root[root]] < p:
                    by_root[root] = k
        return list(by_root.values())

    def _agreed(self, rules: list[Candidate], src: Slot, tgt: Slot | None, row: list[float]) -> list[int]:
        """Labels a verb pattern gives this very pair, kept at a lower probability: rules and encoder agree."""
        if self.mode != "hybrid" or self.agree_threshold >= self.threshold:
            return []
        s_code, t_code = src.actor.code, tgt.actor.code if tgt else None
        out = []
        for r in rules:
            if (r.source.code if r.source else None) != s_code or (r.target.code if r.target else None) != t_code:
                continue
            for k in root_labels(r.code[:2]):
                if row[k] >= self.agree_threshold and k not in out:
                    out.append(k)
        return out

    def _event(self, item: _Sentence, src: Slot, tgt: Slot | None, k: int, p: float, doc_id: str) -> Event | None:
        label = self.labels[k]
        s_act, t_act = src.actor, tgt.actor if tgt else None
        rule = self._agreeing_rule(item.rules, s_act.code, t_act.code if t_act else None, label.root)
        doc = item.sent.doc
        if rule is not None and rule.code[:2] == label.root:
            code, trigger, modality, extra = rule.code, rule.trigger, rule.modality, dict(rule.extra)
        else:
            trigger = rule.trigger if rule is not None else governing_predicate(doc[src.head], doc[tgt.head] if tgt
                                                                                else None)
            modality = rule.modality if rule is not None else (modality_of(trigger) if trigger.pos_ in (
                "VERB", "AUX") else "asserted")
            if modality is None:
                return None  # a negated or blocked predicate: no event
            code, extra = label.base, {}
        if label.plover and _plover_of(code) != label.plover:
            code = label.base  # the pattern's code reads as another PLOVER type than the classifier's
        extra["classifier"] = label.name
        cand = Candidate(trigger, code, s_act, t_act, modality, p, False, extra)
        ev = self.rules.make_event(cand, doc_id, item.index, item.sent)
        ev.coder = self.name
        ev.confidence = p
        return ev

    @staticmethod
    def _agreeing_rule(rules: list[Candidate], s_code: str, t_code: str | None, root: str) -> Candidate | None:
        """The rule reading of the same pair, preferring one with the predicted root."""
        same = [r for r in rules if (r.source.code if r.source else None) == s_code
                and (r.target.code if r.target else None) == t_code]
        for r in same:
            if r.code[:2] == root:
                return r
        return same[0] if same else None


def _country(actor) -> str | None:
    """The actor's country (or the text of an uncoded actor): events of one sentence are folded on it."""
    if actor is None:
        return None
    return actor.country or actor.text.lower()


def _plover_of(code: str) -> str | None:
    from .cameo import lookup

    info = lookup(code)
    return info.plover.type if info else None


coders.alias("hybrid", "legation.HybridCoder.v1")


@coders.register("legation.HybridCoder.v1")
def make_hybrid_coder(actors: ActorDictionary, verbs: VerbDictionary, config: Config) -> HybridCoder:
    """Factory for the registry."""
    return HybridCoder(actors, verbs, config.min_actors, weights=config.coder_weights)
