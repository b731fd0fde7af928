"""legation: political event data (CAMEO, PLOVER, Goldstein) from news text, with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Actor, Document, Event, Plover

if TYPE_CHECKING:
    from .coding.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "Plover", "code_text", "get_pipeline"]

_PIPELINE: Pipeline | None = None


def get_pipeline() -> Pipeline:
    """Return the shared default pipeline, loading the model on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        from .coding.pipeline import Pipeline

        _PIPELINE = Pipeline()
    return _PIPELINE


def code_text(text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text into events with the default pipeline."""
    return get_pipeline().code_text(text, date=date, doc_id=doc_id)
