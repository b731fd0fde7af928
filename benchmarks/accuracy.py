"""Score the coder on the shared event gold sets with shared/eval/score_events.py; gate on floors.

    python benchmarks/accuracy.py [--no-gate] [--json]

Runs `legation code` (in-process, the same pipeline) over each ../shared/eval/events/*.jsonl, scores
the output with the shared scorer and prints a Markdown table. Exits 1 when a floor is missed.
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

# set name → (scorer level, floor). Pinned: raise them when the coder improves, never lower them.
FLOORS: dict[str, tuple[str, float]] = {
    "petr2_gsr": ("root/undirected", 0.65),
    "plover_gsr": ("root/undirected", 0.55),
    "cameo_manual_examples": ("type", 0.45),
}
SHOWN = ("dyad/undirected", "root/undirected", "root/directed", "code/directed", "type")


def code_set(pipeline, gold_path: Path, out_path: Path) -> int:
    """Code one gold file's documents into an event JSONL file; return the event count."""
    from legation.model import Document

    docs = [Document(id=str(r["id"]), text=r["text"], date=r.get("date")) for r in read_jsonl(gold_path)]
    n = 0
    with open(out_path, "w", encoding="utf-8") as fh:
        for result in pipeline.code_documents(docs):
            for ev in result.events:
                fh.write(json.dumps(ev.to_dict()) + "\n")
                n += 1
    return n


def score(shared: Path, gold: Path, pred: Path) -> dict:
    """Run the shared scorer and return its JSON report."""
    cmd = [sys.executable, str(shared / "eval" / "score_events.py"), str(gold), str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def evaluate(pipeline=None) -> dict[str, dict]:
    """Code and score every shared event set; {set name: scorer report}."""
    from legation import get_pipeline

    shared = need_shared()
    pipeline = pipeline or get_pipeline()
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        for gold in sorted((shared / "eval" / "events").glob("*.jsonl")):
            pred = Path(tmp) / gold.name
            t0 = time.perf_counter()
            code_set(pipeline, gold, pred)
            rep = score(shared, gold, pred)
            rep["seconds"] = round(time.perf_counter() - t0, 2)
            reports[gold.stem] = rep
    return reports


def failures(reports: dict[str, dict]) -> list[str]:
    """Sentences naming each floor that is not met."""
    out = []
    for name, (level, floor) in FLOORS.items():
        if name in reports and reports[name][level]["f1"] < floor:
            out.append(f"{name} {level} F1 {reports[name][level]['f1']:.3f} < floor {floor}")
    return out


def markdown(reports: dict[str, dict]) -> str:
    """The README table: F1 per set and level, with the floor."""
    head = "| set | " + " | ".join(SHOWN) + " | floor |\n|---|" + "---|" * (len(SHOWN) + 1)
    rows = []
    for name, rep in reports.items():
        cells = " | ".join(f"{rep[k]['f1']:.3f}" if k in rep else "-" for k in SHOWN)
        level, floor = FLOORS.get(name, ("", 0))
        rows.append(f"| {name} | {cells} | {level} ≥ {floor} |")
    return head + "\n" + "\n".join(rows)


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-gate", action="store_true", help="report only; do not fail below the floors")
    ap.add_argument("--json", action="store_true", help="print the full reports as JSON")
    args = ap.parse_args()
    reports = evaluate()
    print(json.dumps(reports, indent=1) if args.json else markdown(reports))
    missed = failures(reports)
    for line in missed:
        print("FLOOR MISSED:", line, file=sys.stderr)
    return 1 if missed and not args.no_gate else 0


if __name__ == "__main__":
    sys.exit(main())
