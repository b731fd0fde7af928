"""Read queries for the web: one article or event, actors, dyad totals, event places and story clusters.

A story cluster groups near-copies of one story (MinHash); a stored article may also have exact copies seen
at other places (`article_copies`), which are reports too but were not coded again.

Every value from a request is a bound parameter; the SQL text is put together only from fixed fragments
(the filters' own `where()` clauses, which bind their values too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .analysis_queries import UnitFilter
from .records import dict_rows, event_dict
from .search import SORTS
from .store import _EVENT_SELECT, EventFilter, Store

_ARTICLE_COLUMNS = ("id", "title", "url", "source", "published", "language", "format", "cluster_id", "coded",
                    "coder", "text")  # fmt: skip
_ORDER = " ORDER BY " + SORTS["date"]


def _records(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with store.connect() as con:
        return dict_rows(con.execute(sql, params))


def article_record(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article (text, title, url, outlet, date, cluster), or None when there is no such id."""
    columns = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" if c == "published" else c for c in _ARTICLE_COLUMNS)
    rows = _records(store, f"SELECT {columns} FROM articles WHERE id = ?", [article_id])
    return rows[0] if rows else None


def article_events(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The events coded from one article, in text order, in the `Event.to_dict()` shape."""
    sql = _EVENT_SELECT + " WHERE e.article_id = ? ORDER BY e.sentence_index, e.trigger_start, e.id"
    return [event_dict(r) for r in _records(store, sql, [article_id])]


def event_record(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event by id in the `Event.to_dict()` shape (with its article fields), or None."""
    rows = _records(store, _EVENT_SELECT + " WHERE e.id = ?", [event_id])
    return event_dict(rows[0]) if rows else None


def event_columns(store: Store) -> list[str]:
    """The columns of the flat event rows (`Store.event_rows`), in order: the events CSV header."""
    sql, params = store._event_sql(EventFilter())
    with store.connect() as con:
        cursor = con.execute(f"SELECT * FROM ({sql}) LIMIT 0", params)
        return [d[0] for d in cursor.description]


def count_events(store: Store, filters: EventFilter) -> int:
    """How many events match the filter (its limit aside)."""
    where, params = filters.where()
    with store.connect() as con:
        row = con.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id" + where,
                          params).fetchone()  # fmt: skip
    return int(row[0]) if row else 0


def actor_summary(
    store: Store, query: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Actor codes with their most common name and how many events and articles name them, most first."""
    where, params = "", []
    if query:
        where = " WHERE starts_with(upper(code), upper(?)) OR text ILIKE ?"
        params = [query, f"%{query}%"]
    grouped = (
        "SELECT code, any_value(country) AS country, mode(text) AS name, any_value(kind) AS kind,"
        " count(*) AS mentions, count(DISTINCT event_id) AS events, count(DISTINCT article_id) AS articles"
        f" FROM actors{where} GROUP BY code"
    )
    with store.connect() as con:
        total_row = con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()
    rows = _records(store, grouped + " ORDER BY events DESC, code LIMIT ? OFFSET ?", [*params, limit, offset])
    return (int(total_row[0]) if total_row else 0), rows


def dyad_totals(store: Store, limit: int = 20, flt: UnitFilter | None = None) -> list[dict[str, Any]]:
    """Pairs of sides by story events (each story counted once), with cooperation and conflict counts."""
    base, params = (flt or UnitFilter()).base()
    sql = f"""
        WITH ev AS ({base}),
        stories AS (
            SELECT side_a, side_b, story, cameo, any_value(quad_class) AS quad_class
            FROM ev WHERE side_a <> '' AND side_b <> '' AND side_a <> side_b GROUP BY ALL)
        SELECT side_a, side_b, count(*) AS stories,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM stories GROUP BY side_a, side_b ORDER BY stories DESC, side_a, side_b LIMIT ?
    """
    return _records(store, sql, [*params, int(limit)])


def event_places(store: Store, filters: EventFilter, limit: int = 2000,
                 article_fallback: bool = False) -> Iterator[dict[str, Any]]:
    """Matching events that have a place with coordinates: id, place, lat, lon, CAMEO, quad class, sentence,
    and how the place was found: `location_precision` (city, admin1, region, country, article...) and
    `location_basis` (phrase, venue, dateline or article, from the stored location; None when not recorded).

    Events placed only by the article's country (precision "article") are left out unless asked for: they
    are guesses, not located events."""
    where, params = filters.where()
    clause = (where + " AND" if where else " WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
    if not article_fallback:
        clause += " AND coalesce(e.location_precision, '') <> 'article'"
    sql = (
        "SELECT e.id, e.location_name, e.location_country, e.lat, e.lon, e.cameo, e.cameo_name, e.quad_class,"
        " e.sentence, coalesce(e.date, CAST(a.published AS VARCHAR)) AS event_date, e.location_precision,"
        " json_extract_string(CASE WHEN json_valid(e.location) THEN e.location END, '$.basis') AS location_basis"
        " FROM events e JOIN articles a ON a.id = e.article_id" + clause + _ORDER + " LIMIT ?"
    )
    yield from _records(store, sql, [*params, int(limit)])


def story_count(store: Store, filters: EventFilter) -> int:
    """How many *story events* the matching events make, as the charts count them: one per story cluster,
    side pair and CAMEO code, among events with both sides coded, of the counted modalities and coders."""
    base, base_params = UnitFilter().base()
    where, params = filters.where()
    condition = f" AND ({where.removeprefix(' WHERE ')})" if where else ""
    sql = (
        f"SELECT count(*) FROM (SELECT DISTINCT story, cameo, side_a, side_b FROM ({base}{condition})"
        " WHERE side_a <> '' AND side_b <> '' AND side_a <> side_b)"
    )
    with store.connect() as con:
        row = con.execute(sql, [*base_params, *params]).fetchone()
    return int(row[0]) if row else 0


def story_record(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """One story cluster: its title, first article and dates, its articles side by side with their events.

    None when there is no such cluster. Each article has `events` (the `Event.to_dict()` shape, text order)
    and `copies` (exact copies stored once: place, url, outlet)."""
    head = _records(store, "SELECT id, first_article_id, title, CAST(first_published AS VARCHAR) AS first_published"
                           " FROM story_clusters WHERE id = ?", [cluster_id])  # fmt: skip
    if not head:
        return None
    articles = _records(
        store,
        "SELECT id, title, url, source, CAST(published AS VARCHAR) AS published, similarity, coded, coder"
        " FROM articles WHERE cluster_id = ? ORDER BY published NULLS LAST, seq",
        [cluster_id],
    )
    ids = [a["id"] for a in articles]
    events = _records(store, _EVENT_SELECT + " WHERE list_contains(?, e.article_id)"
                             " ORDER BY e.sentence_index, e.trigger_start, e.id", [ids])  # fmt: skip
    copies = _records(store, "SELECT article_id, location, url, source FROM article_copies"
                             " WHERE list_contains(?, article_id) ORDER BY location", [ids])  # fmt: skip
    for article in articles:
        article["events"] = [event_dict(r) for r in events if r["article_id"] == article["id"]]
        article["copies"] = [{k: c[k] for k in ("location", "url", "source")} for c in copies
                             if c["article_id"] == article["id"]]  # fmt: skip
    reports = len(articles) + len(copies)
    outlets = sorted({a["source"] for a in articles if a["source"]} | {c["source"] for c in copies if c["source"]})
    return {**head[0], "articles": articles, "reports": reports, "outlets": outlets,
            "events": sum(len(a["events"]) for a in articles)}  # fmt: skip
