"""Score the coders on the shared gold sets with the shared scorers; gate the default coder on floors.

    python benchmarks/accuracy.py [--coder NAME ...] [--ablation] [--no-gate] [--json]

Codes ../shared/eval/events/*.jsonl (scored by score_events.py) and ../shared/eval/plv/plv_train.jsonl
(scored by plv/score_plv.py, macro-F1 over PLOVER types) with each coder (default: the rule coder and the
hybrid coder, side by side) and prints a Markdown table. For the hybrid coder it also reports the share of
wire_dev events at confidence ≥ 0.8 that match a gold event (the calibration `--min-confidence 0.8` relies
on). `--ablation` adds the hybrid coder's encoder alone (no verb patterns: base codes, governing predicates).
Exits 1 when a coder misses one of its floors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import need_shared, read_jsonl

RULES, HYBRID = "legation.RuleCoder.v1", "legation.HybridCoder.v1"
# (set, scorer level, floor) per coder, pinned just below what is reached (measured 2026-12-04); raise them
# when a coder improves. The rule coder's petr2/plover floors sit below their 2026-11 values (0.711, 0.567):
# a place after a locative preposition is no longer an actor, where those sets' gold often codes the venue.
FLOORS_BY_CODER: dict[str, list[tuple[str, str, float]]] = {
    RULES: [
        ("wire_dev", "root/undirected", 0.54),
        ("wire_dev", "dyad/undirected", 0.68),
        ("petr2_gsr", "root/undirected", 0.62),
        ("plover_gsr", "root/undirected", 0.55),
        ("cameo_manual_examples", "type", 0.575),
        ("plv_train", "macro_f1", 0.45),
    ],
    HYBRID: [
        ("wire_dev", "root/undirected", 0.64),
        ("wire_dev", "dyad/undirected", 0.73),
        ("petr2_gsr", "root/undirected", 0.50),
        ("plover_gsr", "root/undirected", 0.53),
        ("cameo_manual_examples", "type", 0.61),
        ("plv_train", "macro_f1", 0.58),
    ],
}
FLOORS = FLOORS_BY_CODER[RULES]  # the default coder's
SHOWN = ("dyad/undirected", "root/undirected", "root/directed", "code/directed", "type")


def code_set(pipeline, docs: list[dict], out_path: Path) -> list[dict]:
    """Code documents into an event JSONL file; return the events."""
    from legation.model import Document

    events = []
    with open(out_path, "w", encoding="utf-8") as fh:
        batch = [Document(id=str(r["id"]), text=r["text"], date=r.get("date")) for r in docs]
        for result in pipeline.code_documents(batch):
            for ev in result.events:
                d = ev.to_dict()
                events.append(d)
                fh.write(json.dumps(d) + "\n")
    return events


def _run(script: Path, gold: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(script), str(gold), str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def precision_at(events: list[dict], gold_docs: list[dict], shared: Path, threshold: float) -> dict:
    """Share of events with confidence ≥ threshold that match a gold event (root/undirected)."""
    kept = [e for e in events if (e.get("confidence") or 0) >= threshold]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "kept.jsonl"
        pred.write_text("".join(json.dumps(e) + "\n" for e in kept), encoding="utf-8")
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("".join(json.dumps(d) + "\n" for d in gold_docs), encoding="utf-8")
        rep = _run(shared / "eval" / "score_events.py", gold, pred)["root/undirected"]
    return {"events": len(kept), "precision": rep["precision"], "recall": rep["recall"]}


def evaluate(pipeline=None, coder: str | None = None, mode: str | None = None) -> dict[str, dict]:
    """Code and score every shared set with one coder (and hybrid mode); {set name: scorer report}."""
    from legation import get_pipeline

    shared = need_shared()
    pipeline = pipeline or get_pipeline(coder)
    if mode is not None:
        pipeline.coder.mode = mode
    reports: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sets = sorted((shared / "eval" / "events").glob("*.jsonl")) + [shared / "eval" / "plv" / "plv_train.jsonl"]
        for gold in sets:
            pred = Path(tmp) / gold.name
            docs = read_jsonl(gold)
            t0 = time.perf_counter()
            events = code_set(pipeline, docs, pred)
            seconds = round(time.perf_counter() - t0, 2)
            if gold.parent.name == "plv":
                rep = _run(shared / "eval" / "plv" / "score_plv.py", gold, pred)
            else:
                rep = _run(shared / "eval" / "score_events.py", gold, pred)
                if gold.stem == "wire_dev" and pipeline.coder_name == HYBRID:
                    rep["at_0.8"] = precision_at(events, docs, shared, 0.8)
            rep["seconds"] = seconds
            reports[gold.stem] = rep
    return reports


def value(rep: dict, level: str) -> float:
    """One figure of a report: an event-scorer level's F1, or the PLV macro-F1."""
    return rep["macro_f1"] if level == "macro_f1" else rep[level]["f1"]


def failures(reports: dict[str, dict], coder: str = RULES) -> list[str]:
    """Sentences naming each floor of the coder that is not met."""
    out = []
    for name, level, floor in FLOORS_BY_CODER.get(coder, []):
        if name in reports and value(reports[name], level) < floor:
            out.append(f"{name} {level} {value(reports[name], level):.3f} < floor {floor}")
    return out


def markdown(by_coder: dict[str, dict[str, dict]]) -> str:
    """The README table: F1 per set, level and coder."""
    head = "| set | coder | " + " | ".join(SHOWN) + " | PLV macro-F1 |\n|---|---|" + "---|" * (len(SHOWN) + 1)
    rows = []
    names = sorted({n for reps in by_coder.values() for n in reps})
    for name in names:
        for coder, reps in by_coder.items():
            rep = reps.get(name)
            if rep is None:
                continue
            short = coder.split(".")[1] + (" (encoder alone)" if coder.endswith(":encoder") else "")
            if "macro_f1" in rep:
                rows.append(f"| {name} | {short} | " + " | ".join("-" for _ in SHOWN) + f" | {rep['macro_f1']:.3f} |")
            else:
                cells = " | ".join(f"{rep[k]['f1']:.3f}" for k in SHOWN)
                rows.append(f"| {name} | {short} | {cells} | - |")
    return head + "\n" + "\n".join(rows)


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--coder", action="append", help="coder to score (repeatable; default: both)")
    ap.add_argument("--ablation", action="store_true", help="also score the hybrid coder's encoder alone")
    ap.add_argument("--no-gate", action="store_true", help="report only; do not fail below the floors")
    ap.add_argument("--json", action="store_true", help="print the full reports as JSON")
    args = ap.parse_args()

    by_coder = {c: evaluate(coder=c) for c in (args.coder or [RULES, HYBRID])}
    if args.ablation:
        by_coder[HYBRID + ":encoder"] = evaluate(coder=HYBRID, mode="encoder")
    print(json.dumps(by_coder, indent=1) if args.json else markdown(by_coder))
    hybrid = by_coder.get(HYBRID, {}).get("wire_dev", {}).get("at_0.8")
    if hybrid and not args.json:
        print(f"\nwire_dev, hybrid events with confidence >= 0.8: {hybrid['events']}, "
              f"precision {hybrid['precision']:.3f}, recall {hybrid['recall']:.3f}")
    missed = [f"{c.split('.')[1]}: {line}" for c in (RULES, HYBRID) if c in by_coder
              for line in failures(by_coder[c], c)]
    for line in missed:
        print("FLOOR MISSED:", line, file=sys.stderr)
    return 1 if missed and not args.no_gate else 0


if __name__ == "__main__":
    sys.exit(main())
