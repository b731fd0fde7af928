"""What runs inside a Dask worker: one `Pipeline` per process, loaded once, and the batch task."""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import sys
import threading
from typing import Any

from distributed import WorkerPlugin

from .. import __version__
from ..config import Config
from ..errors import LegationError
from ..ingest.screen import Screened, screen_batch
from ..model import Document

log = logging.getLogger(__name__)

PLUGIN_NAME = "legation-pipeline"
WARM_UP = "Russia and China will hold joint drills in August, the Russian defence ministry said on Monday."

_PIPELINES: dict[str, Any] = {}  # config key -> Pipeline, one per worker process
LOADS: list[str] = []  # config keys in load order: each worker should load a config once
_LOADING = threading.Lock()  # the plugin loads in a thread; a task arriving meanwhile waits for it


def config_key(config: Config) -> str:
    """The cache key of a configuration (configs hold lists, so they are not hashable)."""
    return repr(config)


def pipeline_for(config: Config) -> Any:
    """This process's pipeline for `config`, loaded (and warmed up) on first use."""
    key = config_key(config)
    with _LOADING:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            from ..coding.pipeline import Pipeline

            _one_thread()
            pipeline = Pipeline(config)
            pipeline.code_text(WARM_UP, date="2024-01-01")  # load the lazy stages (places, dates) now
            _PIPELINES[key] = pipeline
            LOADS.append(key)
            log.info("worker %d: loaded the pipeline (%s)", os.getpid(), config.coder)
    return pipeline


def _one_thread() -> None:
    """Each worker process codes on one thread: the encoder must not spread over the other workers' cores."""
    import torch

    torch.set_num_threads(1)


def code_batch(docs: list[Document], config: Config) -> list[Any]:
    """Code one ingest batch on this worker; the results are what `Pipeline.code_documents` yields."""
    return list(pipeline_for(config).code_documents(docs))


def screen_task(docs: list[Document], config: Config) -> list[Screened]:
    """Screen one ingest batch on this worker: language, MinHash signature and coding of each article."""
    return screen_batch(docs, pipeline_for(config).code_checked)


def parse_batch(texts: list[str], config: Config) -> int:
    """Parse texts with the pipeline's spaCy model only (the benchmark's bare baseline); the word count."""
    nlp = pipeline_for(config).nlp
    words = 0
    for doc in nlp.pipe(texts, batch_size=config.batch_size):
        words += len(doc)
    return words


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB.

    On Linux this is the process's own high-water mark (`VmHWM`): `ru_maxrss` survives `exec`, so a worker
    started from a large parent would report the parent's size at the fork, not its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def pipeline_loads() -> int:
    """How many pipelines this process has loaded."""
    return len(LOADS)


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (or joins later), so that each worker loads it once."""

    def __init__(self, config: Config, version: str = __version__) -> None:
        self.config = config
        self.version = version

    async def setup(self, worker: Any) -> None:
        """Check the worker runs the driver's legation, then load the pipeline off the event loop."""
        if self.version != __version__:
            raise LegationError("E103", where=str(getattr(worker, "address", "worker")), detail=__version__,
                                limit=self.version)  # fmt: skip
        await asyncio.to_thread(pipeline_for, self.config)
