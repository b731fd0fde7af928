"""The run log: each `legation ingest` run, which runs saw each recorded error, and the error listing.

`ingest_runs` and `error_runs` are bookkeeping, like `schema_info`: not part of `TABLES`, not exported,
and a Parquet dataset keeps none (its errors are listed without run numbers).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from ..errors import LegationError
from .store import Store

ERROR_FIELDS = ("run", "location", "code", "kind", "message", "article_id")


def _keeps_runs(store: Store) -> bool:
    from .dataset import DatasetStore

    return not isinstance(store, DatasetStore)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def begin_run(store: Store, inputs: Iterable[str]) -> int | None:
    """Record the start of an ingest run; its number (None for a Parquet dataset, which keeps no log)."""
    if not _keeps_runs(store):
        return None
    with store.connect() as con:
        row = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ingest_runs").fetchone()
        run_id = int(row[0]) if row else 1
        con.execute(
            "INSERT INTO ingest_runs (id, started, inputs) VALUES (?, ?, ?)",
            [run_id, _now(), json.dumps([str(i) for i in inputs])],
        )
    return run_id


def end_run(store: Store, run_id: int | None, counts: dict[str, int], error_ids: Iterable[str]) -> None:
    """Record the end of run `run_id`: its counts (read, stored, failed) and the errors it saw."""
    if run_id is None:
        return
    seen = sorted(set(error_ids))
    with store.connect() as con:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "UPDATE ingest_runs SET finished = ?, read = ?, stored = ?, failed = ? WHERE id = ?",
            [_now(), counts.get("read", 0), counts.get("stored", 0), counts.get("failed", 0), run_id],
        )
        if seen:
            con.execute(
                "INSERT OR IGNORE INTO error_runs SELECT unnest(?), ?",
                [seen, run_id],
            )
        con.execute("COMMIT")


def _since_run(con: Any, since: str | int) -> int:
    text = str(since).strip().lower()
    if text == "last":
        row = con.execute("SELECT max(id) FROM ingest_runs").fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    if not text.isdigit():
        raise LegationError("E134", detail=str(since))
    return int(text)


def error_rows(store: Store, since: str | int | None = None) -> list[dict[str, Any]]:
    """Recorded errors (`ERROR_FIELDS`): all, or those seen by run `since` ('last': the latest run) or later.

    `run` is the latest run that saw the error (None for errors recorded by imports or before the run log)."""
    with store.connect() as con:
        params: list[Any] = []
        having = ""
        if since is not None:
            having = " HAVING max(r.run_id) >= ?"
            params.append(_since_run(con, since))
        cursor = con.execute(
            "SELECT max(r.run_id) AS run, e.location, e.code, e.kind, e.message, e.article_id"
            " FROM ingest_errors e LEFT JOIN error_runs r ON r.error_id = e.id"
            " GROUP BY e.id, e.location, e.code, e.kind, e.message, e.article_id" + having +
            " ORDER BY run NULLS FIRST, e.location, e.code, e.message",
            params,
        )  # fmt: skip
        return [dict(zip(ERROR_FIELDS, row, strict=True)) for row in cursor.fetchall()]
