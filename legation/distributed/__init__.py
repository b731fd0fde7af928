"""Distributed: coding on Dask, on this machine (`workers=N`) or on a running cluster (`scheduler=ADDRESS`).

The driver (this process) reads, recognises what is stored and exact copies, assigns story clusters and
stores articles as `legation.ingest.run` does. Each batch of new articles goes whole to one Dask worker,
which holds one pipeline loaded once (`worker.py`) and screens them there (`legation.ingest.screen`: the
language decision, the MinHash signature, coding); several batches are in flight, and their results come
back in input order, so the store is the one a single-process run writes. Results go to a DuckDB file
or, with `parquet=FOLDER`, to a Parquet dataset partitioned by month (`legation.store.dataset`). Dask is
imported only when a cluster is used.
"""

from .coder import DaskCoder, dask_coder
from .runner import run

__all__ = ["DaskCoder", "dask_coder", "run"]
