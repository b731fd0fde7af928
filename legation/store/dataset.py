"""A Parquet dataset as a store: the store's tables as files partitioned by month, queried in place.

`Store(FOLDER)` gives a `DatasetStore`; every reading method of `Store` works unchanged on it, because
`connect()` opens an in-memory DuckDB whose views, named like the tables, read the dataset's files.
Writing (`legation ingest --parquet FOLDER`) buffers batches in memory and writes one set of files per
flush. Layout of FOLDER:

- `_legation.json`: the format and the store schema version the files follow;
- `articles/month=YYYY-MM/part-FLUSH-I.parquet`: articles by publication month (`month=unknown` if none);
- `events/month=YYYY-MM/...`: events by their article's publication month, so the two stay together;
- `article_copies/`, `story_clusters/`, `ingest_errors/`: `part-FLUSH.parquet`, not partitioned;
- `_commits/FLUSH`: written last. Readers skip files of a flush without it (a run that died mid-write),
  and the next writer removes them.

`merge_dataset(FOLDER, db)` adds a dataset to a DuckDB store: rows already stored are left as they are.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import LegationError
from .records import Batch
from .schema import (
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    COPY_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
)
from .store import Store, resolve_db_path

log = logging.getLogger(__name__)

FORMAT = "legation-parquet"
MANIFEST = "_legation.json"
COMMITS = "_commits"
FLUSH_ARTICLES = 1_000  # articles buffered in memory before a flush writes them out
FLUSH_SECONDS = 60.0  # ... or seconds since the last flush: a killed run loses at most this much
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "article_copies": COPY_COLUMNS,
    "story_clusters": CLUSTER_COLUMNS,
    "events": EVENT_COLUMNS,
    "ingest_errors": ERROR_COLUMNS,
}
# The month each row of a partitioned table belongs to, and the order rows are written in.
_MONTH = "coalesce(strftime(a.published, '%Y-%m'), 'unknown')"
_PARTITIONED = {
    "articles": f"SELECT a.*, {_MONTH} AS month FROM articles a ORDER BY a.seq",
    "events": f"SELECT e.*, {_MONTH} AS month FROM events e LEFT JOIN articles a ON a.id = e.article_id"
    " ORDER BY a.seq, e.sentence_index, e.trigger_start, e.id",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _source(files: list[str], table: str) -> str:
    """SQL reading `files` as `table`: exactly the table's columns, in order (the month column dropped)."""
    columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
    listed = "[" + ", ".join(_quote(f) for f in files) + "]"
    hive = "true" if table in _PARTITIONED else "false"
    return f"SELECT {columns} FROM read_parquet({listed}, hive_partitioning = {hive}, union_by_name = true)"


def _schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the store's tables and views, empty, in an in-memory database (no log line per connection)."""
    for statements in MIGRATIONS:
        for statement in statements:
            con.execute(statement)
    con.execute("INSERT INTO schema_info VALUES ('version', ?)", [str(SCHEMA_VERSION)])


def _flush_id(path: Path) -> str:
    """The flush a data file belongs to: `part-FLUSH.parquet` or `part-FLUSH-I.parquet`."""
    return path.name.removeprefix("part-").removesuffix(".parquet").split("-")[0]


class DatasetStore(Store):
    """A store kept as a Parquet dataset in a folder; see the module documentation."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, read_only: bool = False, wait: float | None = None
    ) -> None:
        folder = resolve_db_path(path)
        self._buffer: duckdb.DuckDBPyConnection | None = None
        self._buffered = 0
        self._last_flush = time.monotonic()
        self._into_buffer = self._writing = False
        manifest = folder / MANIFEST
        if not manifest.exists():
            if read_only or any(folder.iterdir()):
                raise LegationError("E102", where=str(folder))
            manifest.write_text(json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION}) + "\n")
        try:
            version = int(json.loads(manifest.read_text(encoding="utf-8"))["schema_version"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LegationError("E012", where=str(manifest), detail=str(exc)) from None
        if version != SCHEMA_VERSION:
            raise LegationError("E104", where=str(folder), detail=str(version), limit=SCHEMA_VERSION)
        super().__init__(folder, read_only=read_only, wait=wait)

    # -- files ---------------------------------------------------------------------------------------

    def _commits(self) -> set[str]:
        return {p.name for p in (self.path / COMMITS).glob("*") if not p.name.endswith(".tmp")}

    def committed_files(self) -> dict[str, list[str]]:
        """Each table's data files, of committed flushes only, in a stable order."""
        commits = self._commits()
        return {
            table: sorted(str(f) for f in (self.path / table).rglob("part-*.parquet") if _flush_id(f) in commits)
            for table in TABLES
        }

    def _remove_uncommitted(self) -> None:
        commits = self._commits()
        for table in TABLES:
            for f in (self.path / table).rglob("part-*.parquet"):
                if _flush_id(f) not in commits:
                    log.warning("dataset: removing %s, left by a run that did not finish", f)
                    f.unlink()

    # -- connections ---------------------------------------------------------------------------------

    @contextmanager
    def connect(self, threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """An in-memory DuckDB with the store's schema: views over the dataset's files, named like the tables."""
        if self._into_buffer and self._buffer is not None:  # Store.add_batch writes into the buffer
            yield self._buffer
            return
        con = duckdb.connect(":memory:", config={"threads": threads} if threads else {})
        try:
            _schema(con)  # every table and view, empty; tables with files become views over them
            for table, files in self.committed_files().items():
                if files:
                    con.execute(f"DROP TABLE {table}")
                    con.execute(f"CREATE VIEW {table} AS {_source(files, table)}")
            yield con
        finally:
            con.close()

    # -- writing -------------------------------------------------------------------------------------

    @contextmanager
    def writer(self, purpose: str = "ingest") -> Iterator[Store]:
        """Hold the single-writer lock; remove what a dead run left, and write out the buffer at the end."""
        with super().writer(purpose):
            self._remove_uncommitted()
            self._writing = True
            try:
                yield self
            finally:
                self._writing = False
                self.flush()

    def add_batch(self, batch: Batch) -> None:
        """Buffer one batch; written out every FLUSH_ARTICLES articles or FLUSH_SECONDS, at the writer's end,
        or now when no writer holds the store."""
        if self.read_only:
            raise ValueError("read-only store")
        if self._buffer is None:
            self._buffer = duckdb.connect(":memory:", config={"threads": 1})
            _schema(self._buffer)
        self._into_buffer = True
        try:
            super().add_batch(batch)
        finally:
            self._into_buffer = False
        self._buffered += len(batch.articles)
        due = time.monotonic() - self._last_flush >= FLUSH_SECONDS
        if self._buffered >= FLUSH_ARTICLES or due or not self._writing:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one committed set of Parquet files."""
        if self._buffer is None:
            return
        con, self._buffer, self._buffered = self._buffer, None, 0
        self._last_flush = time.monotonic()
        flush = f"{time.time_ns():x}{uuid.uuid4().hex[:8]}"
        written = 0
        try:
            for table in TABLES:
                count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
                if not count or not count[0]:
                    continue
                folder = self.path / table
                folder.mkdir(parents=True, exist_ok=True)
                if table in _PARTITIONED:
                    con.execute(
                        f"COPY ({_PARTITIONED[table]}) TO {_quote(str(folder))} (FORMAT parquet, COMPRESSION zstd,"
                        f" PARTITION_BY (month), FILENAME_PATTERN {_quote(f'part-{flush}-{{i}}')}, OVERWRITE_OR_IGNORE)"
                    )
                else:
                    target = _quote(str(folder / f"part-{flush}.parquet"))
                    rows = f"SELECT * FROM {table} ORDER BY ALL"
                    con.execute(f"COPY ({rows}) TO {target} (FORMAT parquet, COMPRESSION zstd)")
                written += int(count[0])
            commits = self.path / COMMITS
            commits.mkdir(exist_ok=True)
            (commits / f"{flush}.tmp").write_text(f"{written}\n")
            os.replace(commits / f"{flush}.tmp", commits / flush)  # the flush is visible from here on
        except (OSError, duckdb.IOException) as exc:  # a full disk: the flush stays uncommitted, is removed later
            raise LegationError("E133", where=str(self.path), detail=str(exc).splitlines()[0]) from None
        finally:
            con.close()
        log.info("dataset: flush %s wrote %d rows to %s", flush, written, self.path)


def merge_dataset(dataset: str | os.PathLike[str], db: str | os.PathLike[str] | None = None) -> dict[str, int]:
    """Add a Parquet dataset to the DuckDB store at `db`; stored rows stay. Rows added per table."""
    source = DatasetStore(dataset, read_only=True)
    target = Store(db)
    if isinstance(target, DatasetStore):
        raise LegationError("E105", where=str(target.path))
    files = source.committed_files()
    with target.writer("merge"), target.connect() as con:
        before = {t: _count(con, t) for t in TABLES}
        top = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
        offset = int(top[0]) if top else 0
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("articles", "story_clusters", "article_copies", "events", "ingest_errors"):
                if not files[table]:
                    continue
                rows = f"({_source(files[table], table)})"
                if table == "articles":  # after what is stored, in the dataset's order; exact copies skipped
                    rows = f"(SELECT * REPLACE (seq + {offset} AS seq) FROM {rows} ORDER BY seq)"
                elif table == "events":  # only events whose article is stored
                    rows = f"(SELECT * FROM {rows} WHERE article_id IN (SELECT id FROM articles))"
                con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM {rows}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        added = {t: _count(con, t) - before[t] for t in TABLES}
    log.info("merged %s into %s: %s", source.path, target.path, added)
    return added


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0
