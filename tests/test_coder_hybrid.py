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
