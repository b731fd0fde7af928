"""The demo: our own short articles about real, public events (2012-2024), ingested into a store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import LegationError

DEMO_CORPUS = Path(__file__).resolve().parent.parent / "data" / "demo" / "articles.jsonl"
DEMO_DYAD = ("RUS", "CHN")


def demo_corpus() -> Path:
    """The path of the demo corpus (one JSON article a line); raises E072 when it is missing."""
    if not DEMO_CORPUS.is_file():
        raise LegationError("E072", where=str(DEMO_CORPUS))
    return DEMO_CORPUS


def ingest_demo(db: str | os.PathLike[str] | None = None, **options: Any) -> Any:
    """Ingest the demo corpus into the store at `db` (a re-run adds nothing); return the ingest report."""
    from ..ingest import run as ingest

    return ingest([demo_corpus()], db, **options)
