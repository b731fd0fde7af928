"""The `Store`: opens the DuckDB file for one operation at a time, so readers get in between writes."""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import LegationError
from ..model import Event
from .records import ArticleRecord, Batch, dict_rows, event_dict, event_row
from .schema import (
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    COPY_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    TABLES,
    VIEWS,
    migrate,
    schema_version,
)
from .search import SORTS, text_clause

log = logging.getLogger(__name__)

DEFAULT_DB = "legation.duckdb"
DB_ENV = "LEGATION_DB"
READ_WAIT = 10.0  # seconds a reader waits for a writer's batch to finish before E040
WRITE_WAIT = 120.0  # seconds the writer waits for readers to let go
_POLL = 0.05
# What a write that the disk refused raises (a commit that cannot write its log is a TransactionException).
_WRITE_FAILURES = (OSError, duckdb.IOException, duckdb.FatalException, duckdb.TransactionException)

_INTEGER = {"seq", "sentence_index", "sentence_start", "quad_class", "trigger_start", "trigger_end",
            "source_start", "source_end", "target_start", "target_end"}  # fmt: skip
_FLOAT = {"similarity", "goldstein", "confidence", "lat", "lon"}
_TYPES: dict[str, pa.DataType] = {
    **{c: pa.int64() for c in _INTEGER},
    **{c: pa.float64() for c in _FLOAT},
    "coded": pa.bool_(),
    "minhash": pa.binary(),
    "published": pa.date32(),
    "first_published": pa.date32(),
}

# The event query: every event column, its article's outlet, url, title and date, and the effective date.
_EVENT_SELECT = (
    "SELECT " + ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    + ", a.url, a.title, a.source AS article_source, CAST(a.published AS VARCHAR) AS published,"
    " coalesce(e.date, CAST(a.published AS VARCHAR)) AS event_date"
    " FROM events e JOIN articles a ON a.id = e.article_id"
)  # fmt: skip


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database path: the argument, else $LEGATION_DB, else ./legation.duckdb."""
    return Path(path or os.environ.get(DB_ENV) or DEFAULT_DB)


def _arrow(columns: tuple[str, ...], rows: list[tuple]) -> pa.Table:
    """An Arrow table of `rows` with the store's column types (so all-null columns keep their type)."""
    data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    schema = pa.schema([(c, _TYPES.get(c, pa.string())) for c in columns])
    for date_col in ("published", "first_published"):
        if date_col in data:
            data[date_col] = [_to_date(v) for v in data[date_col]]
    return pa.table(data, schema=schema)


def _to_date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# The date an event counts on, in the charts and in every date filter alike: the event's own date when it is
# precise (day, week, span or month) and within a year of publication, else the article's publication date
# (a year-only date, "Vostok-2018", or a date years from the report counts on the report's day).
COUNTING_DAY = (
    "CASE WHEN e.date IS NOT NULL AND e.date_precision IN ('day', 'week', 'span', 'month')"
    " AND (a.published IS NULL"
    " OR abs(date_diff('day', a.published, TRY_CAST(left(e.date, 10) AS DATE))) <= 366)"
    " THEN left(e.date, 10) ELSE coalesce(CAST(a.published AS VARCHAR), left(e.date, 10)) END"
)


@dataclass(slots=True)
class EventFilter:
    """Which events to read: every given condition must hold."""

    dyad: tuple[str, str] | None = None  # source and target actor (code prefix or country)
    undirected: bool = False  # the dyad matches either direction
    actor: str | None = None  # either side: a code prefix or country (upper case), else a name substring
    cameo: str | None = None  # CAMEO code prefix
    root: str | None = None  # CAMEO root code, e.g. "04"
    plover: str | None = None  # PLOVER event type, e.g. "CONSULT"
    since: str | None = None  # ISO date, inclusive, on the counting date (COUNTING_DAY, as the charts count)
    until: str | None = None  # ISO date, inclusive
    cluster: str | None = None  # story cluster id
    limit: int | None = None
    coders: tuple[str, ...] | None = None  # only events of these coders (legation.RuleCoder.v1, gdelt-2.0, ...)
    text: str | None = None  # words (all must match) and "quoted phrases" in the sentence or article (search.py)
    source_side: str | None = None  # the source actor alone: a code prefix or country (upper case), else a name
    target_side: str | None = None  # the target actor alone
    outlet: str | None = None  # the article's outlet (articles.source), exactly
    month: str | None = None  # YYYY-MM of the counting date

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause over `events e JOIN articles a`, with its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.dyad:
            src, tgt = (_actor_clause("source", self.dyad[0]), _actor_clause("target", self.dyad[1]))
            directed = f"({src[0]} AND {tgt[0]})"
            if self.undirected:
                rsrc, rtgt = (_actor_clause("source", self.dyad[1]), _actor_clause("target", self.dyad[0]))
                clauses.append(f"({directed} OR ({rsrc[0]} AND {rtgt[0]}))")
                params += src[1] + tgt[1] + rsrc[1] + rtgt[1]
            else:
                clauses.append(directed)
                params += src[1] + tgt[1]
        if self.actor:
            src, tgt = _actor_clause("source", self.actor), _actor_clause("target", self.actor)
            clauses.append(f"({src[0]} OR {tgt[0]})")
            params += src[1] + tgt[1]
        if self.cameo:
            clauses.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.root:
            clauses.append("e.root = ?")
            params.append(self.root.zfill(2))
        if self.plover:
            clauses.append("upper(e.plover_type) = upper(?)")
            params.append(self.plover)
        if self.since:
            clauses.append(f"{COUNTING_DAY} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"left({COUNTING_DAY}, ?) <= ?")
            params += [len(self.until), self.until]
        if self.cluster:
            clauses.append("e.cluster_id = ?")
            params.append(self.cluster)
        if self.coders:
            clauses.append("list_contains(?, e.coder)")
            params.append(list(self.coders))
        for role, side in (("source", self.source_side), ("target", self.target_side)):
            if side:
                clause, values = _actor_clause(role, side)
                clauses.append(clause)
                params += values
        if self.outlet:
            clauses.append("a.source = ?")
            params.append(self.outlet)
        if self.month:
            clauses.append(f"left({COUNTING_DAY}, 7) = ?")
            params.append(self.month)
        if self.text:
            clause, values = text_clause(self.text)
            if clause:
                clauses.append(clause)
                params += values
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _actor_clause(role: str, value: str) -> tuple[str, list[Any]]:
    if value.replace("_", "").isalnum() and value.upper() == value:
        return f"(e.{role}_country = ? OR starts_with(e.{role}_code, ?))", [value, value]
    return f"(e.{role}_text ILIKE ?)", [f"%{value}%"]


@dataclass(slots=True)
class KnownState:
    """What an ingest run needs to know of the store before it starts: hashes, locations, signatures."""

    content: dict[str, str] = field(default_factory=dict)  # content hash -> article id
    locations: dict[str, str] = field(default_factory=dict)  # article id -> where it was first read
    copies: set[str] = field(default_factory=set)  # locations already recorded as copies
    errors: set[str] = field(default_factory=set)  # ids of recorded ingest errors
    signatures: list[tuple[str, str, bytes]] = field(default_factory=list)  # (article, cluster, minhash)
    next_seq: int = 1
    # article id -> the (url, outlet) pairs it was reported under: the original's and each copy's
    reports: dict[str, set[tuple[str | None, str | None]]] = field(default_factory=dict)


class Store:
    """The event store in one DuckDB file; every method opens, uses and closes its own connection."""

    def __new__(cls, path: str | os.PathLike[str] | None = None, *args: Any, **kwargs: Any) -> Store:
        """A folder is a Parquet dataset read in place (`legation.store.dataset`); anything else a DuckDB file."""
        if cls is Store and resolve_db_path(path).is_dir():
            from .dataset import DatasetStore

            return super().__new__(DatasetStore)
        return super().__new__(cls)

    def __init__(
        self, path: str | os.PathLike[str] | None = None, read_only: bool = False, wait: float | None = None
    ) -> None:
        self.path = resolve_db_path(path)
        self.read_only = read_only
        self.wait = wait if wait is not None else (READ_WAIT if read_only else WRITE_WAIT)
        self._lock_file: Any = None
        if read_only and not self.path.exists():
            raise LegationError("E045", where=str(self.path))
        with self.connect() as con:
            version = schema_version(con) if read_only else migrate(con)
        if version > SCHEMA_VERSION:
            raise LegationError("E046", where=str(self.path), detail=str(version), limit=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            raise LegationError("E047", where=str(self.path), detail=str(version), limit=SCHEMA_VERSION)

    # -- connections -------------------------------------------------------------------------------

    @contextmanager
    def connect(self, threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation, waiting up to `wait` seconds for another process's lock."""
        deadline = time.monotonic() + self.wait
        config = {"threads": threads} if threads else {}
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only, config=config)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise LegationError("E012", where=str(self.path), detail=str(exc)) from None
                if time.monotonic() >= deadline:
                    retry = max(1, round(self.wait))
                    raise LegationError("E040", where=str(self.path), detail=str(retry)) from None
                time.sleep(_POLL)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def writer(self, purpose: str = "ingest") -> Iterator[Store]:
        """Hold the single-writer lock (a lock file beside the database) for a whole run of `purpose`.

        The lock file names its holder, so a second writer is told what it waits for (E048); a lock file
        that cannot be created is E132."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held until the context ends
        except OSError as exc:
            raise LegationError(
                "E132", where=str(self.path), detail=str(lock_path), limit=exc.strerror or str(exc)
            ) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "process"
            handle.close()
            raise LegationError("E048", where=str(self.path), detail=str(lock_path), limit=holder) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{purpose} (pid {os.getpid()})\n")
            handle.flush()
            yield self
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    # -- writing -----------------------------------------------------------------------------------

    def add_batch(self, batch: Batch) -> None:
        """Write one batch in one transaction: all of it is stored, or none of it."""
        if self.read_only:
            raise ValueError("read-only store")
        with self.connect(threads=1) as con:  # small appends: one thread starts sooner, spares the coder
            con.execute("BEGIN TRANSACTION")
            try:
                self._insert(con, "articles", ARTICLE_COLUMNS, batch.articles)
                self._insert(con, "article_copies", COPY_COLUMNS, batch.copies)
                self._insert(con, "story_clusters", CLUSTER_COLUMNS, batch.clusters)
                self._insert_events(con, batch.events)
                self._insert(con, "ingest_errors", ERROR_COLUMNS, batch.errors)
                con.execute("COMMIT")
            except BaseException as exc:
                _rollback(con)
                if isinstance(exc, _WRITE_FAILURES):  # a full disk, a file size limit, ...
                    raise LegationError("E133", where=str(self.path), detail=_first_line(exc)) from None
                raise

    def add_articles(self, articles: Iterable[ArticleRecord]) -> None:
        """Store articles (those already stored are left as they are)."""
        self.add_batch(Batch(articles=list(articles)))

    def add_events(self, events: Iterable[Event]) -> None:
        """Store events keyed by `Event.id` (idempotent); each takes its article's story cluster."""
        self.add_batch(Batch(events=list(events)))

    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], records: list) -> None:
        if not records:
            return
        rows = [tuple(getattr(record, c) for c in columns) for record in records]
        con.register("_batch", _arrow(columns, rows))
        try:
            con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM _batch")
        finally:
            con.unregister("_batch")

    @staticmethod
    def _insert_events(con: duckdb.DuckDBPyConnection, events: list[Event]) -> None:
        if not events:
            return
        con.register("_batch", _arrow(EVENT_COLUMNS, [tuple(event_row(e)) for e in events]))
        try:
            con.execute(
                "INSERT OR IGNORE INTO events SELECT b.* REPLACE (a.cluster_id AS cluster_id)"
                " FROM _batch b LEFT JOIN articles a ON a.id = b.article_id"
            )
        finally:
            con.unregister("_batch")

    # -- reading -----------------------------------------------------------------------------------

    def known_state(self) -> KnownState:
        """Ids, content hashes, copy locations and MinHash signatures of everything stored."""
        state = KnownState()
        with self.connect() as con:
            rows = con.execute(
                "SELECT id, content_hash, cluster_id, minhash, location, url, source FROM articles ORDER BY seq"
            ).fetchall()
            copies = con.execute("SELECT location, article_id, url, source FROM article_copies").fetchall()
            state.errors = {r[0] for r in con.execute("SELECT id FROM ingest_errors").fetchall()}
            top = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
        for article_id, content_hash, cluster_id, minhash, location, url, source in rows:
            state.content[content_hash] = article_id
            state.locations[article_id] = location
            state.reports[article_id] = {(url, source)}
            if minhash is not None:
                state.signatures.append((article_id, cluster_id, bytes(minhash)))
        for location, article_id, url, source in copies:
            state.copies.add(location)
            state.reports.setdefault(article_id, set()).add((url, source))
        state.next_seq = int(top[0]) + 1 if top else 1
        return state

    def known_article_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        """Which of `ids` are stored (every stored id when `ids` is None)."""
        with self.connect() as con:
            if ids is None:
                return {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
            wanted = list(ids)
            if not wanted:
                return set()
            rows = con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [wanted]).fetchall()
        return {r[0] for r in rows}

    def event_rows(
        self, filters: EventFilter | None = None, chunk: int = 2000, sort: str = "date"
    ) -> Iterator[dict[str, Any]]:
        """Matching `events` rows joined with their article, oldest first (or in another `search.SORTS` order).

        The rows are read from a snapshot: a result of up to `chunk` rows is held in memory, a larger one
        is spilled to a temporary Parquet file. The database is released before the first row is handed
        out, so a slow consumer never holds a lock that a writer waits on."""
        sql, params = self._event_sql(filters or EventFilter(), sort)
        return _snapshot(self, sql, params, chunk)

    def query_events(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Matching events in the `Event.to_dict()` shape, with cluster id and article fields."""
        return [event_dict(r) for r in self.event_rows(filters)]

    def write_events(self, path: str | os.PathLike[str], fmt: str, filters: EventFilter | None = None) -> int:
        """Write matching flat event rows to a `parquet` or `csv` file; return the row count."""
        sql, params = self._event_sql(filters or EventFilter())
        with self.connect() as con:
            relation = con.sql(sql, params=params)
            if fmt == "parquet":
                relation.write_parquet(str(path))
            else:
                relation.write_csv(str(path), header=True)
            row = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _event_sql(filters: EventFilter, sort: str = "date") -> tuple[str, list[Any]]:
        where, params = filters.where()
        sql = _EVENT_SELECT + where + " ORDER BY " + SORTS[sort]  # a fixed fragment: `sort` is only its key
        if filters.limit is not None:
            sql += f" LIMIT {int(filters.limit)}"
        return sql, params

    def table_rows(self, table: str) -> list[tuple]:
        """Every row of a table or view, in a stable order (for checks and comparisons)."""
        if table not in TABLES + VIEWS:
            raise ValueError(f"unknown table {table!r}")
        with self.connect() as con:
            return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()

    def table_records(self, table: str) -> list[dict[str, Any]]:
        """Every row of a table or view as a dict of column name to value, in a stable order."""
        if table not in TABLES + VIEWS:
            raise ValueError(f"unknown table {table!r}")
        with self.connect() as con:
            return dict_rows(con.execute(f"SELECT * FROM {table} ORDER BY ALL"))

    def export_tables(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write every table and view to DIRECTORY/NAME.parquet; return the paths."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        with self.connect() as con:
            for name in TABLES + VIEWS:
                path = out / f"{name}.parquet"
                con.sql(f"SELECT * FROM {name}").write_parquet(str(path))
                paths.append(path)
        return paths

    def stats(self) -> dict[str, Any]:
        """Counts of articles, clusters, events and errors, and per source, coder, month and error kind.

        `articles`, `coded_articles` and `not_coded` count articles read by `legation ingest`; the synthetic
        articles that stand for the stories of imported datasets are `imported_stories`."""
        with self.connect() as con:

            def one(sql: str) -> int:
                """The single number a query returns."""
                row = con.execute(sql).fetchone()
                return int(row[0]) if row and row[0] is not None else 0

            imported = "starts_with(content_hash, 'import:')"  # the synthetic article of an imported story
            out: dict[str, Any] = {
                "articles": one(f"SELECT count(*) FROM articles WHERE NOT {imported}"),
                "coded_articles": one(f"SELECT count(*) FROM articles WHERE coded AND NOT {imported}"),
                "not_coded": one(f"SELECT count(*) FROM articles WHERE NOT coded AND NOT {imported}"),
                "imported_stories": one(f"SELECT count(*) FROM articles WHERE {imported}"),
                "clusters": one("SELECT count(*) FROM story_clusters"),
                "near_copies": one("SELECT count(*) FROM articles WHERE id <> cluster_id"),
                "exact_copies": one("SELECT count(*) FROM article_copies"),
                "events": one("SELECT count(*) FROM events"),
                "errors": one("SELECT count(*) FROM ingest_errors"),
                "schema_version": schema_version(con),
            }
            out["by_language"] = dict(
                con.execute(
                    "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY ALL ORDER BY ALL"
                ).fetchall()
            )
            out["by_source"] = {
                s: {"articles": n, "events": e}
                for s, n, e in con.execute(
                    "SELECT coalesce(a.source, '?') AS s, count(*), sum(coalesce(n, 0))::BIGINT"
                    " FROM articles a"
                    " LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY ALL) e"
                    " ON e.article_id = a.id GROUP BY s ORDER BY s"
                ).fetchall()
            }
            out["by_coder"] = {
                c: {"events": n, "articles": a, "first": first, "last": last}
                for c, n, a, first, last in con.execute(
                    "SELECT coalesce(e.coder, '?') AS c, count(*), count(DISTINCT e.article_id),"
                    " min(left(coalesce(e.date, CAST(a.published AS VARCHAR)), 10)),"
                    " max(left(coalesce(e.date, CAST(a.published AS VARCHAR)), 10))"
                    " FROM events e JOIN articles a ON a.id = e.article_id GROUP BY c ORDER BY c"
                ).fetchall()
            }
            months: dict[str, dict[str, int]] = {}
            for month, n in con.execute(
                "SELECT coalesce(strftime(published, '%Y-%m'), '?') AS m, count(*) FROM articles"
                " GROUP BY m ORDER BY m"
            ).fetchall():
                months.setdefault(month, {"articles": 0, "events": 0})["articles"] = n
            for month, n in con.execute(
                "SELECT coalesce(left(coalesce(e.date, CAST(a.published AS VARCHAR)), 7), '?') AS m, count(*)"
                " FROM events e JOIN articles a ON a.id = e.article_id GROUP BY m ORDER BY m"
            ).fetchall():
                months.setdefault(month, {"articles": 0, "events": 0})["events"] = n
            out["by_month"] = dict(sorted(months.items()))
            out["by_error"] = dict(
                con.execute("SELECT kind, count(*) FROM ingest_errors GROUP BY kind ORDER BY kind").fetchall()
            )
        return out


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; a connection the failure already invalidated has nothing to undo."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as exc:
        log.warning("store: rollback after a failed write: %s", _first_line(exc))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _snapshot(store: Store, sql: str, params: list[Any], chunk: int) -> Iterator[dict[str, Any]]:
    """Run `sql` now and hand out its rows afterwards, from memory or a temporary Parquet file."""
    spill: Path | None = None
    with store.connect() as con:
        cursor = con.cursor()
        try:
            cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            first = cursor.fetchmany(chunk)
        finally:
            cursor.close()
        if len(first) == chunk:  # more may follow: write the whole result out, then let go of the file
            handle, name = tempfile.mkstemp(prefix="legation-rows-", suffix=".parquet")
            os.close(handle)
            spill = Path(name)
            con.sql(sql, params=params).write_parquet(str(spill))
    return _rows_from(names, first, spill, chunk)


def _rows_from(names: list[str], rows: list[tuple], spill: Path | None, chunk: int) -> Iterator[dict[str, Any]]:
    if spill is None:
        for row in rows:
            yield dict(zip(names, row, strict=True))
        return
    import pyarrow.parquet as pq

    try:
        for part in pq.ParquetFile(spill).iter_batches(batch_size=chunk):
            yield from part.to_pylist()
    finally:
        spill.unlink(missing_ok=True)


def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = True) -> Store:
    """Open the store for reading (the default) or writing; see `Store`."""
    return Store(path, read_only=read_only)
