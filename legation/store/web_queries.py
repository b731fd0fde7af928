"""Read queries for the web: one article or event, a page of events, actors, dyad totals and event places.

Every value from a request is a bound parameter; the SQL text is put together only from fixed fragments
(the filters' own `where()` clauses, which bind their values too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .analysis_queries import UnitFilter
from .records import event_dict
from .store import _EVENT_SELECT, EventFilter, Store

_ARTICLE_COLUMNS = ("id", "title", "url", "source", "published", "language", "format", "cluster_id", "coded",
                    "coder", "text")  # fmt: skip
_ORDER = " ORDER BY event_date NULLS LAST, a.seq, e.sentence_index, e.id"


def _records(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with store.connect() as con:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


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


def event_page(store: Store, filters: EventFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of matching events, oldest first, in the `Event.to_dict()` shape."""
    where, params = filters.where()
    sql = _EVENT_SELECT + where + _ORDER + " LIMIT ? OFFSET ?"
    return [event_dict(r) for r in _records(store, sql, [*params, int(limit), int(offset)])]


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
