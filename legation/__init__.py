"""legation: political event data (CAMEO, PLOVER, Goldstein) from news text, with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Actor, Document, Event, Plover

if TYPE_CHECKING:
    from .coding.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "Plover", "code_text", "get_pipeline"]

_PIPELINES: dict[str | None, Pipeline] = {}


def get_pipeline(coder: str | None = None) -> Pipeline:
    """Return the shared pipeline for `coder` (a registered name or alias; None: the configured default),
    loading the models on first use."""
    if coder not in _PIPELINES:
        from .coding.pipeline import Pipeline
        from .config import Config

        config = Config.default()
        if coder is not None:
            config.coder = coder
        _PIPELINES[coder] = Pipeline(config)
    return _PIPELINES[coder]


def code_text(text: str, date: str | None = None, doc_id: str = "text", coder: str | None = None) -> list[Event]:
    """Code one text into events with the default pipeline (or the one of `coder`: 'hybrid', 'rules', ...)."""
    return get_pipeline(coder).code_text(text, date=date, doc_id=doc_id)
