"""Read queries for analysis: coded events counted once per story, and the coded volume per day.

A *story event* is one event as a story cluster reports it: every event of the cluster with the same CAMEO
code between the same two sides (in either direction) is one story event, however many syndicated copies
repeat it. Its `reports` are the articles of the cluster that carry it plus their exact copies.

A side is the actor's country (the first three letters of its code), or its full code for IGOs and
actors without a country. The date that counts (`day`) is the event's own date when it is precise (day,
week, span or month) and within a year of publication, else the article's publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .store import COUNTING_DAY, Store

MODALITIES = ("asserted", "planned")
# Coder names of imported datasets (legation/store/imports.py): left out unless asked for, so that an
# imported GDELT or ICEWS copy of the news is not counted again beside our own coding.
IMPORTED_CODERS = ("gdelt-1.0", "gdelt-2.0", "icews", "polecat")

_SIDE = (
    "CASE WHEN e.{role}_country IS NULL OR e.{role}_country = 'IGO'"
    " THEN coalesce(e.{role}_code, '') ELSE e.{role}_country END"
)
# Every event with its side keys, story and counting date.
_EVENTS = f"""
    SELECT e.*, a.seq, a.title, a.url, a.source AS article_source, CAST(a.published AS VARCHAR) AS published,
           {COUNTING_DAY} AS day, coalesce(e.cluster_id, e.article_id) AS story,
           least({_SIDE.format(role="source")}, {_SIDE.format(role="target")}) AS side_a,
           greatest({_SIDE.format(role="source")}, {_SIDE.format(role="target")}) AS side_b
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE list_contains(?, e.modality) AND {{coders}}
"""
_UNIT_COLUMNS = (
    "id", "article_id", "story", "day", "side_a", "side_b", "sentence", "sentence_index",
    "source_text", "source_code", "source_country", "source_sector", "source_kind",
    "target_text", "target_code", "target_country", "target_sector", "target_kind",
    "cameo", "cameo_name", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context",
    "modality", "trigger", "confidence", "title", "url", "article_source", "published",
)  # fmt: skip


@dataclass(slots=True)
class UnitFilter:
    """Which story events to read; every given condition must hold."""

    pair: tuple[str, str] | None = None  # two actors, either direction: a country (RUS) or a code prefix (RUSMIL)
    sectors: tuple[str, ...] | None = None  # both actors' sector is one of these (a bare state counts as GOV)
    since: str | None = None  # ISO date, inclusive, on the counting date
    until: str | None = None  # ISO date, inclusive
    dyadic: bool = True  # both sides coded and different
    modalities: tuple[str, ...] = MODALITIES
    coders: tuple[str, ...] | None = None  # only events of these coders (default: all but imported datasets)

    def base(self) -> tuple[str, list[Any]]:
        """The event rows (modality and coder applied) with side keys, story and counting date."""
        if self.coders:
            return _EVENTS.format(coders="list_contains(?, e.coder)"), [list(self.modalities), list(self.coders)]
        clause = "NOT list_contains(?, coalesce(e.coder, ''))"
        return _EVENTS.format(coders=clause), [list(self.modalities), list(IMPORTED_CODERS)]

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions over the `_EVENTS` rows, with their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.dyadic:
            clauses.append("side_a <> '' AND side_b <> '' AND side_a <> side_b")
        if self.pair:
            first, second = self.pair
            directed = f"({_match('source')} AND {_match('target')})"
            clauses.append(f"({directed} OR {directed})")  # the same test, parameters swapped
            params += [first.upper(), first.upper(), second.upper(), second.upper()]
            params += [second.upper(), second.upper(), first.upper(), first.upper()]
        if self.sectors:
            wanted = [s.upper() for s in self.sectors]
            clauses.append(f"list_contains(?, {_sector('source')}) AND list_contains(?, {_sector('target')})")
            params += [wanted, wanted]
        if self.since:
            clauses.append("day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("left(day, ?) <= ?")
            params += [len(self.until), self.until]
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _match(role: str) -> str:
    return f"(upper({role}_country) = ? OR starts_with(upper({role}_code), ?))"


def _sector(role: str) -> str:
    return f"coalesce({role}_sector, CASE WHEN {role}_kind = 'state' THEN 'GOV' END, '')"


def _unit_sql(flt: UnitFilter) -> tuple[str, list[Any]]:
    base, base_params = flt.base()
    where, params = flt.where()
    columns = ", ".join(f"f.{c}" for c in _UNIT_COLUMNS)
    sql = f"""
        WITH ev AS ({base}),
        f AS (SELECT * FROM ev{where}),
        reports AS (
            SELECT story, cameo, side_a, side_b, count(*) AS articles, count(*) + sum(coalesce(c.n, 0)) AS reports
            FROM (SELECT DISTINCT story, cameo, side_a, side_b, article_id FROM f) r
            LEFT JOIN (SELECT article_id, count(*) AS n FROM article_copies GROUP BY article_id) c
                USING (article_id)
            GROUP BY ALL),
        firsts AS (
            SELECT story, cameo, side_a, side_b, count(*) AS mentions,
                   arg_min(id, (coalesce(day, '9999'), seq, sentence_index, id)) AS first_id
            FROM f GROUP BY ALL)
        SELECT {columns}, r.articles, r.reports, m.mentions
        FROM firsts m JOIN f ON f.id = m.first_id
        JOIN reports r ON r.story = m.story AND r.cameo = m.cameo AND r.side_a = m.side_a AND r.side_b = m.side_b
        ORDER BY f.day NULLS LAST, f.seq, f.sentence_index, f.id
    """
    return sql, [*base_params, *params]


def story_events(store: Store, flt: UnitFilter | None = None, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Story events matching the filter, oldest first: the first report's event, with `reports` and `articles`."""
    sql, params = _unit_sql(flt or UnitFilter())
    with store.connect() as con:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(chunk):
            for row in rows:
                yield dict(zip(names, row, strict=True))


def story_volume_by_day(store: Store, flt: UnitFilter | None = None) -> list[tuple[str, int]]:
    """How many story events of any actors the store holds per counting date (the filter's modalities and coders)."""
    base, params = (flt or UnitFilter()).base()
    sql = f"""
        WITH ev AS ({base}),
        firsts AS (SELECT story, cameo, side_a, side_b, min(day) AS day FROM ev GROUP BY ALL)
        SELECT day, count(*) FROM firsts WHERE day IS NOT NULL GROUP BY day ORDER BY day
    """
    with store.connect() as con:
        return [(str(day), int(n)) for day, n in con.execute(sql, params).fetchall()]
