"""legation.HybridCoder.v1: shipped weights, the training data they record, and behaviour on our own sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from legation.coding.trainset import TrainsetError, data_hash, parse_record, read_file

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "legation" / "data" / "coder"
TRAINING = ROOT / "training" / "coder" / "batches"


def _meta() -> dict:
    return json.loads((WEIGHTS / "hybrid_v1.json").read_text(encoding="utf-8"))


def test_shipped_weights_record_the_training_data_in_the_repository():
    assert _meta()["data_hash"] == data_hash(TRAINING)


def test_shipped_weights_are_small():
    size = (WEIGHTS / "hybrid_v1.safetensors").stat().st_size
    assert size < 30 * 1024 * 1024


def test_shipped_labels_are_the_coder_labels():
    from legation.coding.labels import labels

    assert _meta()["labels"] == ["NONE"] + [lab.name for lab in labels()]


@pytest.mark.slow
def test_the_weights_load_offline_and_score_a_pair():
    code = (
        "import os; os.environ['HF_HUB_OFFLINE'] = '1'; os.environ['TRANSFORMERS_OFFLINE'] = '1'\n"
        "import socket\n"
        "def no_net(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no_net\n"
        "from legation.coding.hybrid import load_classifier\n"
        "model, tok, meta = load_classifier()\n"
        "print(meta['coder'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("legation.HybridCoder.v1")


@pytest.fixture(scope="module")
def hybrid():
    from legation import get_pipeline

    return get_pipeline("hybrid")


def _dyads(events):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.root)
            for e in events}



@pytest.mark.slow
@pytest.mark.parametrize(
    "text, dyad",
    [
        ("Turkish troops attacked Kurdish militia positions in northern Syria on Sunday.", ("TUR", None, "19")),
        ("Kenya signed a trade agreement with Uganda on Friday.", ("KEN", "UGA", "05")),
        ("France and Germany condemned Iran on Tuesday.", ("FRA", "IRN", "11")),
        ("Brazil expelled two Venezuelan diplomats on Monday.", ("BRA", "VEN", "16")),
    ],
)
def test_hybrid_codes_plain_sentences(hybrid, text, dyad):
    found = _dyads(hybrid.code_text(text, date="2021-05-03"))
    if dyad[1] is None:
        assert any(s == dyad[0] and r == dyad[2] for s, _t, r in found), found
    else:
        assert dyad in found, found


@pytest.mark.slow
def test_hybrid_codes_no_negated_act(hybrid):
    events = hybrid.code_text("Turkish troops did not attack Syrian villages on Sunday.", date="2021-05-03")
    assert not [e for e in events if e.root in ("18", "19", "20")]


@pytest.mark.slow
def test_hybrid_events_carry_evidence_and_calibrated_confidence(hybrid):
    text = "Japan imposed sanctions on North Korea on Tuesday."
    events = hybrid.code_text(text, date="2021-05-03")
    assert events
    ev = events[0]
    assert ev.coder == "legation.HybridCoder.v1"
    assert text[ev.trigger_start : ev.trigger_end] == ev.trigger
    assert 0.0 < ev.confidence <= 1.0
    assert ev.extra["classifier"].startswith(ev.root)


def _fingerprint(events):
    return sorted((e.sentence_index, e.cameo, e.source.code if e.source else None,
                   e.target.code if e.target else None, e.trigger_start) for e in events)


@pytest.mark.slow
def test_a_document_gets_the_same_events_alone_and_in_a_batch(hybrid):
    from legation.model import Document

    texts = [
        "Japan imposed sanctions on North Korea on Tuesday.",
        "Kenya signed a trade agreement with Uganda on Friday after months of talks in Nairobi, officials from "
        "both governments said, and Tanzania welcomed the deal.",
        "France and Germany condemned Iran. Berlin also summoned the Iranian ambassador.",
        "Brazil expelled two Venezuelan diplomats on Monday.",
    ]
    docs = [Document(id=str(i), text=t, date="2021-05-03") for i, t in enumerate(texts)]
    together = [r.events for r in hybrid.code_documents(docs)]
    alone = [next(hybrid.code_documents([d])).events for d in docs]
    assert [_fingerprint(evs) for evs in together] == [_fingerprint(evs) for evs in alone]
    assert all(together)
    # the same probabilities, but for float rounding (bfloat16 kernels differ with the batch's shape)
    conf = {(e.doc_id, e.sentence_index, e.cameo, e.trigger_start, e.source.code if e.source else None,
             e.target.code if e.target else None): e.confidence for evs in alone for e in evs}
    for e in (e for evs in together for e in evs):
        key = (e.doc_id, e.sentence_index, e.cameo, e.trigger_start, e.source.code if e.source else None,
               e.target.code if e.target else None)
        assert abs(e.confidence - conf[key]) < 0.01


@pytest.mark.slow
def test_bfloat16_and_float32_encoders_agree():
    import torch

    from legation.coding import encoder
    from legation.coding.candidates import PairInput
    from legation.coding.hybrid import WEIGHTS, WEIGHTS_NAME

    texts = ["Japan imposed sanctions on North Korea on Tuesday.", "Kenya signed a trade agreement with Uganda."]
    pairs = [[PairInput((0, 5), (27, 38), [1.0, 0.4, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0]),
              PairInput((0, 5), None, [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0])],
             [PairInput((0, 5), (37, 43), [1.0, 0.8, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0])]]
    probs = {}
    for precision in ("fp32", "bf16"):
        model, tok, _ = encoder.load(WEIGHTS, WEIGHTS_NAME, precision=precision)
        assert model.precision == precision
        with torch.inference_mode():
            probs[precision] = torch.softmax(model(**encoder.batch_tensors(tok, texts, pairs)), -1)
    assert probs["fp32"].shape == (3, len(_meta()["labels"]))
    assert (probs["fp32"] - probs["bf16"]).abs().max().item() < 0.05
    with pytest.raises(ValueError, match="precision"):
        encoder.load(WEIGHTS, WEIGHTS_NAME, precision="int4")


@pytest.mark.slow
def test_min_confidence_drops_less_certain_events(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Japan imposed sanctions on North Korea and Seoul praised "
                                                  "the move, officials said.", "date": "2021-05-03"}) + "\n")
    every = cli("code", "--input", src, "--coder", "hybrid").jsonl()
    strict = cli("code", "--input", src, "--coder", "hybrid", "--min-confidence", "0.99").jsonl()
    assert every and len(strict) <= len(every)
    assert all(e["confidence"] >= 0.99 for e in strict)
    assert all(e["coder"] == "legation.HybridCoder.v1" for e in every)


def test_an_unknown_coder_is_a_catalogued_error(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Japan met France."}) + "\n")
    result = cli("code", "--input", src, "--coder", "legation.NoSuchCoder.v9")
    assert result.exit_code != 0 and "E021" in result.stderr


# ---- the training data --------------------------------------------------------------------------------------
def test_every_training_file_is_valid():
    for path in sorted(TRAINING.glob("*.jsonl")):
        assert list(read_file(path)), path


@pytest.mark.parametrize(
    "record, reason",
    [
        ({"id": "x", "text": "Kenya met Uganda in Nairobi on Monday.", "region": "africa_east", "tags": [],
          "events": [{"source": "Kenya", "target": "Ghana", "cameo": "040"}]}, "not in the text"),
        ({"id": "x", "text": "Kenya met Uganda in Nairobi on Monday.", "region": "africa_east", "tags": [],
          "events": [{"source": "Kenya", "target": "Uganda", "cameo": "999"}]}, "unknown CAMEO code"),
        ({"id": "x", "text": "Kenya met Kenya's rival Uganda in Nairobi.", "region": "africa_east", "tags": [],
          "events": [{"source": "Kenya", "target": "Uganda", "cameo": "040"}]}, "give source_nth"),
        ({"id": "x", "text": "Kenya met Uganda in Nairobi on Monday.", "region": "mars", "tags": [],
          "events": []}, "unknown region"),
    ],
)
def test_a_bad_training_record_names_its_problem(record, reason):
    with pytest.raises(TrainsetError, match=reason):
        parse_record(record, "t.jsonl:1")


def test_the_pair_head_scores_pairs_as_it_was_trained_to():
    """Inference pools each pair over its own sentence; training gathers the states per pair: same logits."""
    import torch

    from legation.coding.encoder import PairHead

    torch.manual_seed(0)
    head = PairHead(16, 5).eval()
    states = torch.randn(3, 7, 16)
    mask = torch.ones(3, 7)
    mask[1, 5:] = 0
    mask[2, 3:] = 0
    pair_sent = torch.tensor([0, 2, 1, 1, 0, 1, 2])  # pairs need not come sentence by sentence
    src, tgt = torch.zeros(7, 7), torch.zeros(7, 7)
    for i, (a, b) in enumerate([(1, 2), (0, 2), (3, 4), (2, 4), (1, 1), (0, 3), (1, 2)]):
        src[i, a : b + 1] = 1
    for i in (0, 2, 3):
        tgt[i, i % 3 : i % 3 + 2] = 1
    feats = torch.randn(7, 8)
    with torch.no_grad():
        fast = head(states, mask, pair_sent, src, tgt, feats)
        trained = head._gathered(states, mask, pair_sent, src, tgt, feats)
    assert fast.shape == (7, 5)
    assert torch.allclose(fast, trained, atol=1e-5)
    assert head(states, mask, pair_sent[:0], src[:0], tgt[:0], feats[:0]).shape == (0, 5)
