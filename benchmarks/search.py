"""Text search and facet speed on a store of 100,000 events (the events page's queries, no cache).

    python benchmarks/search.py [--db big.duckdb] [--events 100000] [--queries 50] [--source demo.duckdb]

Builds (once, when --db does not exist yet; else in a temporary folder) a store of about --events events by
copying the demo store's articles and events over and over with new ids and later dates
(`legation.store.search.replicate`), then runs --queries varied searches, each as the events page runs them:
the count of matches, the first page (50 events, newest first) and the facets. Prints a table of p50, p95 and
max milliseconds per kind of query, and the same as JSON. Without --source the demo corpus is ingested into a
temporary store first (about half a minute).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import ROOT  # noqa: F401 - puts the checkout on sys.path

from legation.store import EventFilter, Store
from legation.store import web_queries as queries
from legation.store.search import facet_counts, replicate, sorted_page

WORDS = (
    "Russia China military exercise sanctions naval drills talks minister border president attack troops"
    " agreement visit protest aid missile election trade"
).split()
PHRASES = ['"joint military"', '"prime minister"', '"foreign minister"', '"largest since"', '"South China Sea"']
FILTERS: list[dict[str, Any]] = [{}, {}, {}, {"root": "04"}, {"root": "19"}, {"outlet": "Demo Wire"},
                                 {"since": "2022-01-01"}, {"plover": "CONSULT"}]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (share 0.95 is p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def build(db: Path, source: Path, events: int) -> int:
    """A store at `db` with about `events` events: copies of every event of `source`. Returns the count."""
    with Store(source, read_only=True).connect() as con:
        row = con.execute("SELECT count(*) FROM events").fetchone()
    per_copy = int(row[0]) if row else 0
    if not per_copy:
        raise SystemExit(f"{source} holds no events")
    return replicate(Store(db), source, math.ceil(events / per_copy))


def query_mix(count: int, seed: int = 16) -> list[EventFilter]:
    """`count` varied filters: one to three words, or a phrase, sometimes with another filter."""
    rng = random.Random(seed)
    mix = []
    for i in range(count):
        text = rng.choice(PHRASES) if i % 5 == 4 else " ".join(rng.sample(WORDS, rng.choice((1, 1, 2, 3))))
        mix.append(EventFilter(text=text, **rng.choice(FILTERS)))
    return mix


def timed(fn: Callable[[], Any]) -> float:
    """Milliseconds that `fn()` took."""
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def measure(db: Path, count: int) -> dict[str, Any]:
    """Time the count, first page and facets of `count` searches, and facets without a search."""
    store = Store(db, read_only=True)
    total = queries.count_events(store, EventFilter())
    times: dict[str, list[float]] = {"count": [], "page": [], "search (count + page)": [], "facets": [],
                                     "facets, no search": []}  # fmt: skip
    matched = []
    for flt in query_mix(count):
        counted = timed(lambda flt=flt: matched.append(queries.count_events(store, flt)))
        paged = timed(lambda flt=flt: sorted_page(store, flt, 50, 0, "-date"))
        times["count"].append(counted)
        times["page"].append(paged)
        times["search (count + page)"].append(counted + paged)
        times["facets"].append(timed(lambda flt=flt: facet_counts(store, flt)))
    for extra in FILTERS * math.ceil(count / len(FILTERS)):
        times["facets, no search"].append(timed(lambda extra=extra: facet_counts(store, EventFilter(**extra))))
        if len(times["facets, no search"]) >= count:
            break
    rows = {kind: {"n": len(v), "p50_ms": round(percentile(v, 0.5), 1), "p95_ms": round(percentile(v, 0.95), 1),
                   "max_ms": round(max(v), 1)} for kind, v in times.items()}  # fmt: skip
    return {"events": total, "queries": count, "median_matches": sorted(matched)[len(matched) // 2], "timings": rows}


def table(result: dict[str, Any]) -> str:
    """The timings as a plain text table."""
    lines = [f"{result['events']:,} events, {result['queries']} queries (median {result['median_matches']:,} matches)",
             f"{'query':<24}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}"]  # fmt: skip
    for kind, row in result["timings"].items():
        lines.append(f"{kind:<24}{row['n']:>5}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['max_ms']:>10}")
    return "\n".join(lines)


def main() -> None:
    """Parse the options, build the store if needed, time the queries and print the table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="the big store: built there when missing (default: a temporary one)")
    parser.add_argument("--events", type=int, default=100_000, help="events in the built store (100000)")
    parser.add_argument("--queries", type=int, default=50, help="searches timed (50)")
    parser.add_argument("--source", type=Path, help="the store copied (default: the demo corpus, ingested now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legation-search-") as tmp:
        db = args.db or Path(tmp) / "big.duckdb"
        if not db.exists():
            source = args.source
            if source is None:
                from legation.web.testing import demo_store

                source = demo_store(Path(tmp) / "demo")
            began = time.perf_counter()
            built = build(db, source, args.events)
            print(f"built {db}: {built:,} events in {time.perf_counter() - began:.1f} s")
        result = measure(db, args.queries)
    print(table(result))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
