"""Imported event datasets (GDELT, ICEWS, POLECAT) in the store.

An imported event is an `events` row like any other: its `coder` names the dataset (`gdelt-2.0`,
`gdelt-1.0`, `icews`, `polecat`), its id hashes the dataset and the dataset's own event key, and its
article is a synthetic one per story (a GDELT SOURCEURL, an ICEWS Story ID, a POLECAT story): no text,
`format` = the dataset, `content_hash` = 'import:' + id, and a story cluster of its own, so that counting
per story cluster treats imported and coded events alike. Re-importing a file adds nothing. The
dataset coder names are `analysis_queries.IMPORTED_CODERS`; analyses leave them out unless asked for them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..errors import LegationError
from ..model import Actor, Plover
from .analysis_queries import IMPORTED_CODERS
from .records import ArticleRecord, ClusterRecord, ErrorRecord, _actor_values
from .schema import ARTICLE_COLUMNS, CLUSTER_COLUMNS, ERROR_COLUMNS, EVENT_COLUMNS
from .store import Store, _arrow

log = logging.getLogger(__name__)

SLICE_ROWS = 10_000  # rows per insert statement: bounds the Arrow and DuckDB copies of a chunk
DB_MEMORY = "300MB"  # DuckDB's memory limit while it writes a chunk: the indexes it loads stay bounded


_JSON = json.JSONEncoder(sort_keys=True).encode  # one encoder: json.dumps(sort_keys=...) builds one per call


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def story_article_id(coder: str, story: str) -> str:
    """The id of the synthetic article that stands for one story of an imported dataset."""
    return _digest(f"import\x1f{coder}\x1f{story}")


@dataclass(slots=True)
class ImportedStory:
    """One story of an imported dataset (a GDELT SOURCEURL, an ICEWS Story ID), stored as an article."""

    key: str
    coder: str
    location: str  # file and line it was first read from
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None  # outlet
    external_id: str | None = None

    @property
    def article_id(self) -> str:
        """The synthetic article's id."""
        return story_article_id(self.coder, self.key)


# The keys of an imported event's location, in the order of the flat columns location_name, lat, lon,
# location_country, admin1, geonameid, location_precision (lat and lon floats, the others strings).
LOCATION_FIELDS = ("name", "lat", "lon", "country", "admin1", "geonameid", "precision")


@dataclass(slots=True)
class ImportedEvent:
    """One event of an imported dataset, keyed by the dataset's own event key."""

    key: str
    coder: str
    story: str  # the key of its ImportedStory
    cameo: str  # "" when the dataset gives only a PLOVER type
    date: str
    source: Actor | None = None
    target: Actor | None = None
    cameo_name: str | None = None
    root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover: Plover = field(default_factory=lambda: Plover(None))
    sentence: str | None = None
    sentence_index: int = 0
    location: dict[str, Any] | None = None  # LOCATION_FIELDS, and any other keys (kept in the JSON column)
    date_precision: str = "day"
    extra: dict[str, Any] = field(default_factory=dict)
    trigger: str | None = None  # the dataset's event words, where it gives them apart from the sentence
    folding: Any = field(default=None, repr=False, compare=False)  # an importer's state while folding repeats

    @property
    def id(self) -> str:
        """Stable event id: the dataset and its own key."""
        return _digest(f"{self.coder}\x1f{self.key}")

    def row(self) -> tuple:
        """The flat `events` row (its cluster is its story's synthetic article)."""
        loc = self.location or {}
        article = story_article_id(self.coder, self.story)
        return (
            self.id, article, article, self.sentence_index, self.sentence, None,
            *_actor_values(self.source), *_actor_values(self.target),
            self.cameo, self.cameo_name, self.root, self.quad_class, self.goldstein,
            self.plover.type, self.plover.mode, self.plover.context,
            "asserted", self.trigger, None, None, 1.0, self.coder,
            *(loc.get(k) for k in LOCATION_FIELDS), _JSON(self.location) if self.location else None,
            self.date, self.date_precision, None,
            _JSON(self.extra) if self.extra else None,
            "import" if self.source else None, "import" if self.target else None,
        )  # fmt: skip


@dataclass(slots=True)
class ImportChunk:
    """What one chunk of an imported file writes, in one transaction."""

    stories: list[ImportedStory] = field(default_factory=list)
    events: list[ImportedEvent] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)


@dataclass(slots=True)
class ChunkResult:
    """How many new rows one chunk added."""

    events: int = 0
    stories: int = 0
    errors: int = 0


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert rows whose id is new (ids are unique among `rows`), SLICE_ROWS at a time; how many were new.

    ON CONFLICT (id), not INSERT OR IGNORE: on `articles` (a primary key and a unique content hash) DuckDB's
    untargeted conflict check slows with the table's size, and an anti-join builds a hash table of every
    stored id; the targeted check takes the same time however large the table grows."""
    added = 0
    it = iter(rows)
    while part := list(itertools.islice(it, SLICE_ROWS)):
        con.register("_import", _arrow(columns, part))
        try:
            found = con.execute(f"INSERT INTO {table} SELECT * FROM _import ON CONFLICT (id) DO NOTHING").fetchone()
        finally:
            con.unregister("_import")
        added += int(found[0]) if found else 0
    return added


class ImportWriter:
    """Writes imported chunks, each in one transaction; stories already stored are left as they are."""

    def __init__(self, store: Store) -> None:
        if store.read_only:
            raise ValueError("read-only store")
        self.store = store
        with store.connect() as con:
            top = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
        self.next_seq = int(top[0]) + 1 if top else 1

    def _articles(self, stories: list[ImportedStory]) -> tuple[list[tuple], list[tuple]]:
        articles, clusters = [], []
        for story in stories:
            aid = story.article_id
            record = ArticleRecord(
                id=aid, seq=self.next_seq, content_hash=f"import:{aid}", text="", cluster_id=aid, coded=True,
                external_id=story.external_id or story.key, url=story.url, title=story.title,
                published=story.published, date_source="import" if story.published else None,
                source=story.source, format=story.coder, location=story.location, coder=story.coder,
            )  # fmt: skip
            self.next_seq += 1
            articles.append(tuple(getattr(record, c) for c in ARTICLE_COLUMNS))
            cluster = ClusterRecord(aid, aid, story.title, story.published)
            clusters.append(tuple(getattr(cluster, c) for c in CLUSTER_COLUMNS))
        return articles, clusters

    def write(self, chunk: ImportChunk) -> ChunkResult:
        """Store one chunk's stories, events and bad-row errors in one transaction; count what was new.

        The chunk is emptied as it is turned into rows, so that its objects are let go before the database
        loads its indexes (memory stays bounded however large the file)."""
        articles, clusters = self._articles(chunk.stories)
        events = [e.row() for e in chunk.events]
        chunk.stories.clear()
        chunk.events.clear()
        unique = {e.id: e for e in chunk.errors}  # the same file named twice repeats its errors
        errors = [tuple(getattr(e, c) for c in ERROR_COLUMNS) for e in unique.values()]
        result = ChunkResult()
        with self.store.connect() as con:
            con.execute(f"SET memory_limit = '{DB_MEMORY}'")
            con.execute("BEGIN TRANSACTION")
            try:
                result.stories = _insert(con, "articles", ARTICLE_COLUMNS, articles)
                _insert(con, "story_clusters", CLUSTER_COLUMNS, clusters)
                result.events = _insert(con, "events", EVENT_COLUMNS, events)
                result.errors = _insert(con, "ingest_errors", ERROR_COLUMNS, errors)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return result


# -- which coders a store holds -------------------------------------------------------------------------

_DAY = (
    "coalesce(try_cast(left({d}, 10) AS DATE), try_cast(left({d}, 7) || '-01' AS DATE),"
    " try_cast(left({d}, 4) || '-01-01' AS DATE))"
).format(d="coalesce(e.date, CAST(a.published AS VARCHAR))")


def coder_spans(store: Store) -> dict[str, tuple[int, str | None, str | None]]:
    """Every coder in the store: its event count and first and last event date."""
    sql = (
        f"SELECT e.coder, count(*), CAST(min({_DAY}) AS VARCHAR), CAST(max({_DAY}) AS VARCHAR)"
        " FROM events e JOIN articles a ON a.id = e.article_id GROUP BY e.coder ORDER BY e.coder"
    )
    with store.connect() as con:
        return {r[0]: (int(r[1]), r[2], r[3]) for r in con.execute(sql).fetchall() if r[0] is not None}


def default_coders(store: Store, coders: Sequence[str] | None, option: str = "--coder") -> list[str] | None:
    """The coders an analysis reads: `coders` when given; else None (every coder but the imported datasets)
    when the store holds events of legation's own coding; else the one imported dataset the store holds.

    Raises E096 (naming `option`) when the store holds only imported data, of several datasets."""
    if coders:
        return list(coders)
    with store.connect() as con:
        present = sorted(r[0] for r in con.execute("SELECT DISTINCT coder FROM events").fetchall() if r[0])
    if not present or any(c not in IMPORTED_CODERS for c in present):
        return None
    if len(present) > 1:
        raise LegationError("E096", where=str(store.path), detail=", ".join(present), limit=option)
    return present
