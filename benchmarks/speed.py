"""Words per second of the full coder and of bare spaCy parsing, on the same texts, in one run.

    python benchmarks/speed.py [--repeat 3] [--limit N]

Texts: every document of ../shared/eval/events plus the seed article. Reports the ratio
coder time / parse time; the target is at most 1.25 (the coder adds at most 25%).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from _common import need_shared, read_jsonl


def texts_for_benchmark(limit: int | None) -> list[str]:
    """The benchmark corpus: shared event gold texts and the seed article."""
    shared = need_shared()
    texts = [r["text"] for p in sorted((shared / "eval" / "events").glob("*.jsonl")) for r in read_jsonl(p)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    return texts[:limit] if limit else texts


def measure(repeat: int, limit: int | None) -> dict:
    """Best-of-`repeat` timings of parsing alone and of the full pipeline."""
    from legation import get_pipeline
    from legation.model import Document

    texts = texts_for_benchmark(limit)
    words = sum(len(t.split()) for t in texts)
    pipe = get_pipeline()
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    list(pipe.code_documents(docs[:20]))  # warm up caches and lazy loads
    parse_t, code_t = [], []
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
        "documents": len(texts),
        "words": words,
        "events": n_events,
        "parse_words_per_s": round(words / p),
        "coder_words_per_s": round(words / c),
        "ratio_coder_over_parse": round(c / p, 3),
    }


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    print(json.dumps(measure(args.repeat, args.limit), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
