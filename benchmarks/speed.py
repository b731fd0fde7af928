"""Words per second of bare spaCy parsing and of the full pipeline with each coder, on one core, in one run.

    python benchmarks/speed.py [--repeat 2] [--limit N] [--cores 1]

Texts: every document of ../shared/eval/events plus the seed article. Each coder is measured in its own
process pinned to `--cores` CPU cores (torch and spaCy on one thread each by default), so the peak resident
memory reported is that coder's alone. Targets: the hybrid coder at least 0.5 × bare spaCy throughput on one
core; peak memory per process at most 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from _common import need_shared, read_jsonl

CODERS = ("legation.RuleCoder.v1", "legation.HybridCoder.v1")


def texts_for_benchmark(limit: int | None) -> list[str]:
    """The benchmark corpus: shared event gold texts and the seed article."""
    shared = need_shared()
    texts = [r["text"] for p in sorted((shared / "eval" / "events").glob("*.jsonl")) for r in read_jsonl(p)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    return texts[:limit] if limit else texts


def measure_one(coder: str, repeat: int, limit: int | None, cores: int) -> dict:
    """In this process: best-of-`repeat` timings of parsing alone and of the full pipeline with `coder`."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    import torch

    torch.set_num_threads(cores)
    from legation import get_pipeline
    from legation.model import Document

    texts = texts_for_benchmark(limit)
    words = sum(len(t.split()) for t in texts)
    pipe = get_pipeline(coder)
    list(pipe.code_documents([Document(id=str(i), text=t) for i, t in enumerate(texts[:20])]))  # warm up
    parse_t, code_t = [], []
    n_events = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in pipe.nlp.pipe(texts, batch_size=pipe.config.batch_size):
            pass
        parse_t.append(time.perf_counter() - t0)
        docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        n_events = sum(len(r.events) for r in pipe.code_documents(docs))
        code_t.append(time.perf_counter() - t0)
    p, c = min(parse_t), min(code_t)
    return {
        "coder": coder,
        "documents": len(texts),
        "words": words,
        "events": n_events,
        "parse_words_per_s": round(words / p),
        "coder_words_per_s": round(words / c),
        "throughput_vs_parse": round(p / c, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    """Command line: one child process per coder, then the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cores", type=int, default=1)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child's coder
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.repeat, args.limit, args.cores)))
        return 0
    results = []
    for coder in CODERS:
        cmd = [sys.executable, __file__, "--one", coder, "--repeat", str(args.repeat), "--cores", str(args.cores)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    parse = max(r["parse_words_per_s"] for r in results)
    print(f"{results[0]['documents']} documents, {results[0]['words']} words, {args.cores} core(s), "
          f"best of {args.repeat}; bare spaCy {parse} words/s")
    print("| coder | words/s | × bare spaCy | events | peak RSS MB |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['coder']} | {r['coder_words_per_s']} | {r['throughput_vs_parse']:.2f} | {r['events']} | "
              f"{r['peak_rss_mb']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
