"""Dates: when events happened, resolved against the publication date."""

from __future__ import annotations

from .resolve import event_tense, resolve_event_date
from .rules import find_expressions, resolve_text

__all__ = ["event_tense", "find_expressions", "resolve_event_date", "resolve_text"]
