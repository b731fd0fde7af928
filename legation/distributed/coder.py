"""`DaskCoder`: the ingest coder contract, fulfilled by Dask workers on this machine or on a cluster."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..config import Config
from ..errors import LegationError
from ..ingest.screen import Screened
from ..model import Document

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0  # seconds to reach an existing scheduler before E101
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread, so no worker waits for the driver


def _dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise LegationError("E100", detail=str(exc)) from None
    return distributed


class DaskCoder:
    """Codes ingest batches on Dask workers, each holding one pipeline; results come back in input order.

    Give `workers` to start a local cluster of that many processes, or `scheduler` to use a running
    cluster. Nothing starts until the first batch needs coding, and `close()` stops what was started.
    """

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, config: Config | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:  # fmt: skip
        if (workers is None) == (scheduler is None):
            raise ValueError("give either workers or scheduler")
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers, self.scheduler = workers, scheduler
        self.config = config or Config.default()
        self.coder_name = self.config.coder
        self.connect_timeout = connect_timeout
        self._cluster: Any = None
        self._client: Any = None

    # -- the cluster ---------------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        """The Dask client, connected (and the local cluster started) on first use."""
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        distributed = _dask()
        from .worker import PLUGIN_NAME, PipelinePlugin

        if self.scheduler is not None:
            try:
                client = distributed.Client(self.scheduler, timeout=self.connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise LegationError("E101", where=self.scheduler, detail=str(exc)) from None
        else:
            self._cluster = distributed.LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.WARNING,
            )  # fmt: skip
            client = distributed.Client(self._cluster)
        try:
            client.register_plugin(PipelinePlugin(self.config), name=PLUGIN_NAME)
        except BaseException:
            client.close()
            self._stop_cluster()
            raise
        log.info("dask: %d worker threads at %s", sum(client.nthreads().values()), client.scheduler.address)
        return client

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this coder started one."""
        if self._client is not None:
            self._client.close()
            self._client = None
        self._stop_cluster()

    def _stop_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def threads(self) -> int:
        """Worker threads in the cluster now (an adaptive cluster grows and shrinks)."""
        return sum(self.client.nthreads().values())

    def worker_peak_memory(self) -> dict[str, float]:
        """Peak resident memory (MB) of each worker process so far."""
        from .worker import peak_rss_mb

        return dict(self.client.run(peak_rss_mb))

    # -- coding --------------------------------------------------------------------------------------

    def code_documents(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Any]:
        """Code documents as one batch on a worker and yield the results in order (the plain coder contract)."""
        from .worker import code_batch

        batch = list(docs)
        if batch:
            yield from self.client.submit(code_batch, batch, self.config, pure=False).result()

    def screen(self, docs: list[Document]) -> list[Screened]:
        """Screen documents as one batch on a worker (language, signature, coding); the results in order."""
        from .worker import screen_task

        return self.client.submit(screen_task, docs, self.config, pure=False).result() if docs else []

    def map_screened(
        self, batches: Iterable[tuple[Any, list[Document]]]
    ) -> Iterator[tuple[Any, Callable[[], list[Screened]]]]:
        """Screen batches on the workers, submitted ahead (two per worker thread); `(payload, results)` in order.

        `results()` waits for that batch and returns one `Screened` per document (its language, signature
        and events), or raises the worker's error.
        """
        from .worker import screen_task

        pending: deque[tuple[Any, Any]] = deque()
        limit = 0
        for count, (payload, docs) in enumerate(batches):
            future = self.client.submit(screen_task, docs, self.config, pure=False) if docs else None
            pending.append((payload, future))
            if count % 16 == 0:  # look at the cluster's size now and then, not for every batch
                limit = max(2, IN_FLIGHT_PER_THREAD * self.threads())
            while len(pending) >= limit:
                yield _ready(*pending.popleft())
        while pending:
            yield _ready(*pending.popleft())


def _ready(payload: Any, future: Any) -> tuple[Any, Callable[[], list[Any]]]:
    return payload, (future.result if future is not None else list)


@contextmanager
def dask_coder(
    workers: int | None = None, scheduler: str | None = None, config: Config | None = None
) -> Iterator[DaskCoder]:
    """A `DaskCoder` that is closed (its local cluster stopped) when the block ends."""
    coder = DaskCoder(workers=workers, scheduler=scheduler, config=config)
    try:
        yield coder
    finally:
        coder.close()
