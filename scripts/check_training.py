"""Validate the event classifier's training data and print its counts (the data card's table).

    python scripts/check_training.py [FOLDER] [--eval-overlap]

Exits 1 at the first record that breaks the schema (file:line and reason). With --eval-overlap it also
checks that no training sentence shares an 8-word run with any text under ../shared/eval, the
measurement sets we never train on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legation.coding.trainset import TrainsetError, batch_files, counts, read_file  # noqa: E402

DEFAULT = ROOT / "training" / "coder" / "batches"


def _grams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def eval_overlap(examples, shared: Path) -> list[str]:
    """Training ids that share an 8-word run with an evaluation text."""
    grams: set[tuple[str, ...]] = set()
    for path in (shared / "eval").rglob("*.jsonl"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    grams |= _grams(json.loads(line).get("text") or "")
    return [ex.id for ex in examples if _grams(ex.text) & grams]


def drop_records(files: list[Path], ids: set[str]) -> int:
    """Rewrite batch files without the records whose id is in `ids`; the number removed."""
    removed = 0
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.strip() or json.loads(line)["id"] not in ids]
        removed += len(lines) - len(kept)
        if len(kept) != len(lines):
            path.write_text("".join(kept), encoding="utf-8")
    return removed


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--prefix", help="check only batch files whose name starts with this")
    ap.add_argument("--eval-overlap", action="store_true", help="check against ../shared/eval texts")
    ap.add_argument("--drop-eval-overlap", action="store_true",
                    help="remove from the batch files every record that shares an 8-word run with an eval text")
    args = ap.parse_args()
    try:
        files = [p for p in batch_files(args.folder) if not args.prefix or p.name.startswith(args.prefix)]
        examples = [ex for path in files for ex in read_file(path)]
    except TrainsetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    ids, texts, problems = set(), set(), []
    for ex in examples:
        if ex.id in ids:
            problems.append(f"{ex.where}: duplicate id {ex.id}")
        if ex.text in texts:
            problems.append(f"{ex.where}: duplicate text")
        ids.add(ex.id)
        texts.add(ex.text)
    if args.eval_overlap or args.drop_eval_overlap:
        shared = ROOT.parent / "shared"
        overlapping = set(eval_overlap(examples, shared))
        if args.drop_eval_overlap:
            dropped = drop_records(files, overlapping)
            print(f"dropped {dropped} records that share an 8-word run with an evaluation text")
            examples = [ex for ex in examples if ex.id not in overlapping]
        else:
            problems += [f"{i}: shares an 8-word run with an evaluation text" for i in sorted(overlapping)]
    c = counts(examples)
    t = c["total"]
    print(f"sentences {t['sentences']}  pairs {t['pairs']}  with a negative {t['with_negative']} "
          f"({t['with_negative'] / max(t['sentences'], 1):.0%})  negative only {t['negative_only']}")
    for key in ("root", "plover", "reason", "region", "tag"):
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(c[key].items())))
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
