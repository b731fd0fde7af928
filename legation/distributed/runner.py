"""`run`: `legation.ingest.run` with its coding on Dask, written to a DuckDB file or a Parquet dataset."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config
from ..ingest.runner import BATCH_SIZE, Coder, IngestReport
from ..ingest.runner import run as ingest
from .coder import dask_coder


def run(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    *,
    parquet: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    follow_links: bool | None = None,
    progress: Callable[[IngestReport], None] | None = None,
    config: Config | None = None,
) -> IngestReport:
    """Ingest into `db` (a DuckDB file) or `parquet` (a dataset folder), coding on N local workers or a cluster.

    With neither `workers` nor `scheduler` the articles are coded in this process, as by `legation.ingest.run`.
    """
    if parquet is not None:
        if db is not None:
            raise ValueError("give db or parquet, not both")
        Path(parquet).mkdir(parents=True, exist_ok=True)
        db = parquet
    options = {"batch_size": batch_size, "follow_links": follow_links, "progress": progress}
    if workers is None and scheduler is None:
        coder: Coder | None = None
        if config is not None:
            from ..coding.pipeline import Pipeline

            coder = Pipeline(config)
        return ingest(paths, db, coder=coder, **options)
    with dask_coder(workers=workers, scheduler=scheduler, config=config) as dask:
        if scheduler is not None:  # a running cluster: connect now, so a wrong address fails before any work
            dask.threads()
        return ingest(paths, db, coder=dask, **options)
