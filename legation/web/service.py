"""What the web shows, as library calls: the API routes and the pages both call a `Dashboard`.

The Dashboard opens the store read-only and answers each question with the store's and the analysis
package's own functions; slow answers (reports, alerts, the overview) are cached until the store changes.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import math
import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..analysis import AlertRule, classify, dyad_report, find_alerts
from ..analysis.evidence import strongest
from ..analysis.periods import first_day, last_day, period_range
from ..analysis.series import volume_by_period
from ..errors import LegationError
from ..model import Event
from ..store import EventFilter, Store, search
from ..store import web_queries as queries
from ..store.analysis_queries import UnitFilter, story_events, story_volume_by_day
from .cache import ResultCache, store_stamp
from .facets import facet_links
from .highlight import highlights, segments
from .params import AlertQuery, DyadQuery, EventExport, EventFilters, EventQuery
from .tables import safe_cell

log = logging.getLogger(__name__)

Coder = Callable[[str, str | None], Sequence[Event]]


def to_json(value: Any) -> bytes:
    """JSON bytes; NaN and infinite numbers (which JSON lacks) become null."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str).encode("utf-8")
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False, default=str).encode("utf-8")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _month_range(months: Counter[str]) -> list[str]:
    """Every month from the first to the last of `months`, gaps included."""
    if not months:
        return []
    return [label for label, _, _ in period_range(f"{min(months)}-01", f"{max(months)}-01", "month")]


def _default_coder(text: str, date: str | None) -> Sequence[Event]:
    from .. import code_text

    return code_text(text, date=date, doc_id="request")


def alerts_with_evidence(
    store: Store, rule: AlertRule, dyad: tuple[str, str] | None, since: str | None, evidence: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """The newest `limit` alerts, each with its `evidence` strongest story events; and how many alerts there are.

    An adapter over `find_alerts`, which finds the events of every alert with one query each: here the alerts
    are found without events, and the events of the ones returned are read with a single query.
    """
    found = find_alerts(store, rule, dyad=dyad, since=since, evidence=0)
    chosen = [dict(alert) for alert in found[:limit]]
    if evidence > 0 and chosen:
        span = UnitFilter(pair=dyad, since=min(a["start"] for a in chosen), until=max(a["end"] for a in chosen))
        by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for unit in story_events(store, span):
            by_pair[(unit["side_a"], unit["side_b"])].append(unit)
        for alert in chosen:
            pair = by_pair.get((alert["a"], alert["b"]), [])
            inside = [u for u in pair if alert["start"] <= (u["day"] or "") <= alert["end"]]
            units = [dict(u, period=alert["period"], indicators=sorted(classify(u))) for u in inside]
            alert["events"] = strongest(units, evidence, indicator=alert["indicator"])
    return len(found), chosen


class Dashboard:
    """The store opened read-only, with cached reports and a time-limited coder."""

    def __init__(
        self, db: str | os.PathLike[str] | None = None, coder: Coder | None = None, code_timeout: float = 20.0
    ) -> None:
        self.store = Store(db, read_only=True)
        self.cache = ResultCache(lambda: store_stamp(self.store.path))
        self.pages = ResultCache(lambda: store_stamp(self.store.path), size=256)  # event pages and facets
        self.code_timeout = code_timeout
        self._coder = coder or _default_coder
        self._code_slot = threading.Semaphore(1)
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()

    def close(self) -> None:
        """Stop the coder's thread (a text being coded is left to finish); a later text starts a new one."""
        with self._executor_lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def _code_thread(self) -> ThreadPoolExecutor:
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="legation-code")
            return self._executor

    # -- overview ------------------------------------------------------------------------------

    def overview(self, top: int = 10, alerts: int = 8) -> dict[str, Any]:
        """Counts, story events per month, the busiest dyads and the newest alerts."""
        return self.cache.get(("overview", top, alerts), lambda: self._overview(top, alerts))

    def _overview(self, top: int, alerts: int) -> dict[str, Any]:
        stats = self.store.stats()
        months = volume_by_period(story_volume_by_day(self.store), "month")
        total, newest = alerts_with_evidence(self.store, AlertRule(), None, None, 1, alerts)
        counts = {k: stats[k] for k in ("articles", "coded_articles", "events", "clusters", "errors")}
        return {
            "counts": counts,
            "volume": [{"month": m, "stories": months.get(m, 0)} for m in _month_range(months)],
            "top_dyads": queries.dyad_totals(self.store, top),
            "alerts": {"count": total, "alerts": newest},
        }

    # -- dyads and alerts -------------------------------------------------------------------------

    def dyad(self, a: str, b: str, q: DyadQuery) -> dict[str, Any]:
        """The dyad report of `legation dyad A B` (cached until the store changes)."""
        if a == b:
            raise LegationError("E120", detail=a)
        since, until = first_day(q.since), last_day(q.until)  # a year or month covers all its days
        key = ("dyad", a, b, q.freq, q.sectors, since, until, q.evidence)
        return self.cache.get(key, lambda: dyad_report(self.store, a, b, freq=q.freq, sectors=q.sector_list(),
                                                       since=since, until=until, evidence=q.evidence))  # fmt: skip

    def dyad_json(self, a: str, b: str, q: DyadQuery) -> bytes:
        """The dyad report as JSON bytes (cached, so a busy endpoint encodes it once)."""
        key = ("dyad.json", a, b, q.freq, q.sectors, q.since, q.until, q.evidence)
        return self.cache.get(key, lambda: to_json(self.dyad(a, b, q)))

    def dyad_places(self, a: str, b: str, q: DyadQuery) -> list[dict[str, Any]]:
        """The places of the dyad's events (either direction) with their event counts, for the map; places
        known only from the article's country are left out unless `q.article_places`."""
        flt = EventFilter(dyad=(a, b), undirected=True, since=first_day(q.since), until=last_day(q.until))
        key = ("places", a, b, q.since, q.until, q.article_places)
        return self.cache.get(key, lambda: self._places(flt, q.article_places))

    def _places(self, flt: EventFilter, article_places: bool = False) -> list[dict[str, Any]]:
        """Matching events with a place, one group per place, precision and basis (most events first)."""
        groups: dict[tuple[float, float, str, str | None, str | None], list[dict[str, Any]]] = defaultdict(list)
        for row in queries.event_places(self.store, flt, article_fallback=article_places):
            key = (round(row["lat"], 3), round(row["lon"], 3), row["location_name"] or "?",
                   row.get("location_precision"), row.get("location_basis"))  # fmt: skip
            groups[key].append(row)
        out = []
        for (lat, lon, name, precision, basis), rows in groups.items():
            quads = Counter("cooperation" if r["quad_class"] in (1, 2) else "conflict" for r in rows)
            out.append({"lat": lat, "lon": lon, "name": name, "country": rows[0]["location_country"],
                        "count": len(rows), "cooperation": quads["cooperation"], "conflict": quads["conflict"],
                        "precision": precision, "basis": basis, "event_id": rows[0]["id"],
                        "event_ids": [r["id"] for r in rows], "sentence": rows[0]["sentence"]})  # fmt: skip
        return sorted(out, key=lambda p: (-p["count"], p["name"], p["precision"] or "", p["basis"] or ""))

    def places(self, q: EventFilters, article_places: bool = False) -> list[dict[str, Any]]:
        """The places of every event matching `q` (the /map page and /api/places), grouped as `_places`."""
        key = ("places.all", q.cache_key(), article_places)
        return self.cache.get(key, lambda: self._places(q.to_filter(), article_places))

    def alerts(self, q: AlertQuery) -> dict[str, Any]:
        """Alerts newest first, each with the story events that moved it (cached until the store changes)."""
        rule = AlertRule(freq=q.freq, window=q.window, threshold=q.threshold, min_events=q.min_events)
        dyad = (q.a, q.b) if q.a and q.b else None
        key = ("alerts", q.freq, q.window, q.threshold, q.min_events, dyad, q.since, q.evidence, q.limit)
        total, found = self.cache.get(key, lambda: alerts_with_evidence(self.store, rule, dyad, q.since, q.evidence,
                                                                        q.limit))  # fmt: skip
        return {"count": total, "returned": len(found), "rule": q.model_dump(exclude={"limit", "evidence"}),
                "alerts": found}  # fmt: skip

    # -- events, articles, actors -----------------------------------------------------------------

    def events(self, q: EventQuery) -> dict[str, Any]:
        """One page of matching events (in `q.sort` order) and how many match in all; with `q.facets`, the facets.

        Pages and facets are cached (in `pages`, apart from the reports) until the store changes."""
        filters = q.cache_key()
        key = ("events", filters, q.limit, q.offset, q.sort)
        total, events = self.pages.get(key, lambda: search.search_page(self.store, q.to_filter(), q.limit, q.offset,
                                                                       q.sort))  # fmt: skip
        stories = self.pages.get(("stories", filters), lambda: queries.story_count(self.store, q.to_filter()))
        page = {"total": total, "stories": stories, "limit": q.limit, "offset": q.offset, "sort": q.sort,
                "filters": q.query(), "events": events}  # fmt: skip
        if q.facets:
            page["facets"] = self.facets(q)
        return page

    def events_json(self, q: EventQuery) -> bytes:
        """`events(q)` as JSON bytes, cached like the page itself (a busy search is encoded once)."""
        key = ("events.json", q.cache_key(), q.limit, q.offset, q.sort, q.facets)
        return self.pages.get(key, lambda: to_json(self.events(q)))

    def facets(self, q: EventQuery, top: int = 10) -> list[dict[str, Any]]:
        """The `top` values of each facet among the matching events, with counts and links that add each one
        (cached per filters until the store changes)."""
        filters = q.cache_key()
        counts = self.pages.get(("facets", filters, top), lambda: search.facet_counts(self.store, q.to_filter(), top))
        return facet_links(counts, q)

    def events_csv(self, q: EventExport) -> Iterator[str]:
        """Every matching event as CSV text (flat columns, as `legation events --format csv`), in chunks."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        columns = queries.event_columns(self.store)
        writer.writerow(columns)  # the same header whether or not any event matches
        for row in self.store.event_rows(q.to_filter(), sort=q.sort):
            cells = (row.get(c) for c in columns)
            writer.writerow([safe_cell(v) for v in cells])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    def event(self, event_id: str) -> dict[str, Any]:
        """One event with its sentence cut into segments that mark the trigger and the actors."""
        event = queries.event_record(self.store, event_id)
        if event is None:
            raise LegationError("E119", detail=event_id)
        sentence = event.get("sentence") or ""
        spans = highlights(sentence, [event], shift=int(event.get("sentence_start") or 0))
        return {**event, "highlights": spans, "segments": segments(sentence, spans)}

    def article(self, article_id: str) -> dict[str, Any]:
        """An article's text and events, with every trigger and actor span marked."""
        record = queries.article_record(self.store, article_id)
        if record is None:
            raise LegationError("E118", detail=article_id)
        events = queries.article_events(self.store, article_id)
        spans = highlights(record["text"], events)
        return {**record, "events": events, "highlights": spans, "segments": segments(record["text"], spans)}

    def story(self, cluster_id: str) -> dict[str, Any]:
        """One story cluster: its reports side by side, each with the events coded from it."""
        record = queries.story_record(self.store, cluster_id)
        if record is None:
            raise LegationError("E135", detail=cluster_id)
        return record

    def actors(self, query: str | None, limit: int, offset: int) -> dict[str, Any]:
        """Actor codes with their most common name and their event counts, most active first."""
        total, rows = queries.actor_summary(self.store, query, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "actors": rows}

    def network(self, size: int = 24) -> dict[str, Any]:
        """Who interacts with whom: the `size` busiest sides and the story events between each pair."""
        return self.cache.get(("network", size), lambda: self._network(size))

    def _network(self, size: int) -> dict[str, Any]:
        pairs = queries.dyad_totals(self.store, 2000)
        weight: Counter[str] = Counter()
        for pair in pairs:
            weight[pair["side_a"]] += pair["stories"]
            weight[pair["side_b"]] += pair["stories"]
        chosen = {side for side, _ in weight.most_common(size)}
        nodes = [{"id": side, "stories": n} for side, n in sorted(weight.items()) if side in chosen]
        edges = [{"a": p["side_a"], "b": p["side_b"], "stories": p["stories"], "cooperation": p["cooperation"],
                  "conflict": p["conflict"]}
                 for p in pairs if p["side_a"] in chosen and p["side_b"] in chosen]  # fmt: skip
        return {"nodes": nodes, "edges": edges}

    # -- coding on the fly --------------------------------------------------------------------------

    async def code(self, text: str, date: str | None = None) -> dict[str, Any]:
        """Code a short text with the loaded pipeline, one text at a time, within `code_timeout` seconds."""
        if not self._code_slot.acquire(blocking=False):
            raise LegationError("E122")

        def work() -> tuple[list[dict[str, Any]], float]:
            try:
                started = time.perf_counter()
                found = [event.to_dict() for event in self._coder(text, date)]
                return found, time.perf_counter() - started
            finally:
                self._code_slot.release()

        try:
            future = asyncio.get_running_loop().run_in_executor(self._code_thread(), work)
        except BaseException:
            self._code_slot.release()
            raise
        try:
            found, elapsed = await asyncio.wait_for(future, self.code_timeout)
        except TimeoutError:
            log.warning("web: coding a %d-character text took over %.1f s", len(text), self.code_timeout)
            raise LegationError("E121", limit=f"{self.code_timeout:g}") from None
        return {"count": len(found), "elapsed": round(elapsed, 3), "events": found}
