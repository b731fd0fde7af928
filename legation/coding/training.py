"""Training the event classifier: training sentences → candidate pairs with labels → fitted adapters and head.

A training sentence is parsed and scanned for actors exactly as at coding time, so the classifier learns on
the candidate pairs it will be asked about. Each marked actor is aligned to the recogniser's slot it
overlaps most (or becomes a slot of its own when the recogniser missed it); a candidate pair is labelled
with the codes of the marked events between its slots and is a negative otherwise.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import torch

from ..actors.locative import is_locative
from ..actors.recognize import DocActors
from ..model import Actor
from .candidates import PairInput, Slot, pair_candidates, sentence_slots, slot_inputs
from .encoder import PairClassifier, batch_tensors
from .labels import label_of, labels
from .trainset import Example, Span

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Item:
    """One sentence with its candidate pairs, multi-hot targets and loss weights."""

    text: str
    pairs: list[PairInput]
    targets: list[list[float]]
    weights: list[float]
    group: str  # the training record's id


def is_dev(record_id: str, share: float = 0.1) -> bool:
    """Stable split: a record is in the development share by the hash of its id."""
    return int(hashlib.sha1(record_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def _char_range(doc, slot: Slot) -> tuple[int, int]:
    return doc[slot.start].idx, doc[slot.end - 1].idx + len(doc[slot.end - 1].text)


def _align(doc, slots: list[Slot], span: Span, extra: list[Slot]) -> Slot | None:
    """The slot a marked actor span stands for: most overlap, else a new slot made from the span."""
    best, best_overlap = None, 0
    for slot in slots:
        a, b = _char_range(doc, slot)
        overlap = min(b, span.end) - max(a, span.start)
        if overlap > best_overlap:
            best, best_overlap = slot, overlap
    if best is not None:
        return best
    for slot in extra:
        if _char_range(doc, slot) == (span.start, span.end):
            return slot
    cs = doc.char_span(span.start, span.end, alignment_mode="expand")
    if cs is None or len(cs) == 0:
        return None
    code = span.code or ""
    actor = Actor(span.text, code, code or None, None, "marked", span.start, span.end, "marked")
    slot = Slot(actor, cs.start, cs.end, cs.root.i, is_locative(cs.root))
    extra.append(slot)
    return slot


def example_items(ex: Example, sdoc, book, places) -> Iterator[Item]:
    """The training items (one per sentence) of a parsed training record."""
    mem = DocActors(sdoc, book, ex.date, places=places)
    n_labels = len(labels())
    for sent in sdoc.sents:
        mem.scan_sentence(sent)
        lo, hi = sent.start_char, sent.end_char
        marked = [p for p in ex.pairs
                  if all(s is None or (lo <= s.start and s.end <= hi) for s in (p.source, p.target))]
        slots = sentence_slots(sent, mem)
        extra: list[Slot] = []
        aligned = [(p, _align(sdoc, slots, p.source, extra) if p.source else None,
                    _align(sdoc, slots, p.target, extra) if p.target else None) for p in marked]
        if not aligned and not slots:
            continue
        cands = pair_candidates(slots + extra)
        index = {(id(c.source), id(c.target) if c.target else None): k for k, c in enumerate(cands)}
        targets = [[0.0] * n_labels for _ in cands]
        weights = [1.0] * len(cands)
        for pair, src, tgt in aligned:
            if pair.cameo is None:
                continue
            if src is None:  # an unknown attacker: any source of this target may be the one meant
                for k, c in enumerate(cands):
                    if tgt is not None and c.target is tgt:
                        weights[k] = 0.0
                continue
            k = index.get((id(src), id(tgt) if tgt else None))
            if k is not None:
                targets[k][label_of(pair.cameo)] = 1.0
        yield Item(sent.text, slot_inputs(sent, slots + extra, cands), targets, weights, ex.id)
        subjects = [a for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" for a in mem.actors_for(t)]
        if subjects:
            mem.last_subjects = subjects


def build_items(examples: list[Example], nlp, book, places, batch_size: int = 64) -> list[Item]:
    """Parse every training record and turn it into items, in order."""
    out: list[Item] = []
    docs = nlp.pipe((ex.text for ex in examples), batch_size=batch_size)
    for ex, sdoc in zip(examples, docs, strict=True):
        out.extend(example_items(ex, sdoc, book, places))
    return out


def batches(items: list[Item], size: int, rng: random.Random | None) -> Iterable[list[Item]]:
    """Batches of similar length (shuffled when `rng` is given)."""
    order = sorted(range(len(items)), key=lambda i: len(items[i].text))
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(chunks)
    for chunk in chunks:
        yield [items[i] for i in chunk if items[i].pairs]


def tensors(tokenizer, batch: list[Item], device) -> tuple[dict, torch.Tensor, torch.Tensor]:
    """Model inputs, targets and weights for a batch."""
    inputs = batch_tensors(tokenizer, [it.text for it in batch], [it.pairs for it in batch])
    inputs = {k: v.to(device) for k, v in inputs.items()}
    y = torch.tensor([row for it in batch for row in it.targets], dtype=torch.float32, device=device)
    w = torch.tensor([x for it in batch for x in it.weights], dtype=torch.float32, device=device)
    return inputs, y, w


def train(model: PairClassifier, tokenizer, items: list[Item], epochs: int, lr: float, head_lr: float,
          batch_size: int, seed: int, device) -> list[float]:
    """Fit adapters and head with AdamW and a linear schedule; returns the mean loss of each epoch.

    The head has one output per label and one for 'no event'; the loss is cross-entropy against the pair's
    labels shared evenly (a pair with two events puts half its mass on each)."""
    rng = random.Random(seed)
    params = [
        {"params": [p for n, p in model.encoder.named_parameters() if p.requires_grad], "lr": lr},
        {"params": list(model.head.parameters()), "lr": head_lr},
    ]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    steps = epochs * math.ceil(len(items) / batch_size)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    history = []
    model.to(device)
    for epoch in range(epochs):
        model.train()
        total = n = 0.0
        for batch in batches(items, batch_size, rng):
            if not batch:
                continue
            inputs, y, w = tensors(tokenizer, batch, device)
            logits = model(**inputs)
            target = soft_targets(y)
            nll = -(target * torch.log_softmax(logits, -1)).sum(1)
            loss = (nll * w).sum() / w.sum().clamp(min=1)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(batch)
            n += len(batch)
        history.append(total / max(n, 1))
        log.info("epoch %d loss %.4f", epoch + 1, history[-1])
    return history


def soft_targets(y: torch.Tensor) -> torch.Tensor:
    """Multi-hot label rows (pairs × labels) as distributions over 'no event' (column 0) and the labels."""
    n = y.sum(1, keepdim=True)
    none = (n == 0).float()
    return torch.cat([none, y / n.clamp(min=1)], 1)


@torch.inference_mode()
def predict_logits(model: PairClassifier, tokenizer, items: list[Item], device, batch_size: int = 32) -> list:
    """Logits for every pair of every item, in item order (a list of pairs × labels tensors)."""
    model.eval()
    out: dict[int, torch.Tensor] = {}
    order = sorted(range(len(items)), key=lambda i: len(items[i].text))
    for k in range(0, len(order), batch_size):
        idx = [i for i in order[k : k + batch_size] if items[i].pairs]
        if not idx:
            continue
        inputs, _, _ = tensors(tokenizer, [items[i] for i in idx], device)
        logits = model(**inputs).cpu()
        pos = 0
        for i in idx:
            n = len(items[i].pairs)
            out[i] = logits[pos : pos + n]
            pos += n
    return [out.get(i, torch.zeros(0, len(labels()) + 1)) for i in range(len(items))]


def fit_temperature(logits: torch.Tensor, y: torch.Tensor) -> float:
    """The temperature that minimises the held-out loss of softmax(logits / T) (grid search)."""
    best_t, best = 1.0, float("inf")
    target = soft_targets(y)
    for t in [0.5 + 0.05 * k for k in range(51)]:
        loss = float(-(target * torch.log_softmax(logits / t, -1)).sum(1).mean())
        if loss < best:
            best_t, best = t, loss
    return round(best_t, 3)


def pair_f1(probs: torch.Tensor, y: torch.Tensor, threshold: float) -> float:
    """Micro F1 over (pair, label) decisions at a threshold (probs: pairs × labels, without 'no event')."""
    pred = probs >= threshold
    gold = y > 0.5
    tp = float((pred & gold).sum())
    fp = float((pred & ~gold).sum())
    fn = float((~pred & gold).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
