"""Throughput of `legation ingest`: reading, deduplicating, coding and storing a generated corpus.

    python benchmarks/ingest.py [--articles 2000] [--batch-size 64] [--keep DIR]

The corpus is the test generator's (tests/fixtures/ingest/corpus.py), scaled: 80% distinct stories,
10% near copies, 10% exact copies, in every supported format. Reports articles per second end to end,
the seconds spent in each step, the store's share of the coder's time (target: at most 10%), the time
of a second run that finds nothing new, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT

sys.path.insert(0, str(ROOT / "tests"))


def measure(articles: int, batch_size: int, workdir: Path) -> dict:
    """Generate the corpus, load the coder, ingest twice; the measurements."""
    from fixtures.ingest.corpus import generate

    from legation import get_pipeline
    from legation.ingest import run

    near = exact = articles // 10
    t0 = time.perf_counter()
    stories = articles - near - exact
    manifest = generate(workdir / "corpus", stories=stories, near=near, exact=exact, foreign=20)
    generate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    coder = get_pipeline()
    load_s = time.perf_counter() - t0
    db = workdir / "bench.duckdb"
    first = run([manifest.root], db, coder=coder, batch_size=batch_size)
    second = run([manifest.root], db, coder=coder, batch_size=batch_size)
    steps = first.seconds
    return {
        "articles": first.read,
        "stored": first.stored,
        "events": first.events,
        "batch_size": batch_size,
        "articles_per_s": round(first.rate, 1),
        "seconds": round(first.elapsed, 1),
        "step_seconds": {k: round(v, 2) for k, v in steps.items()},
        "store_share_of_coder": round(steps["store"] / steps["code"], 4) if steps["code"] else None,
        "rerun_seconds": round(second.elapsed, 1),
        "rerun_added": second.stored,
        "model_load_seconds": round(load_s, 1),
        "generate_seconds": round(generate_s, 1),
        "store_mb": round(db.stat().st_size / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="articles in the corpus (default 2000)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--keep", type=Path, help="write the corpus and store here and keep them")
    args = ap.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = measure(args.articles, args.batch_size, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = measure(args.articles, args.batch_size, Path(tmp))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
