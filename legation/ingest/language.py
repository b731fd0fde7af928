"""Language identification for ingest: the decision the coder makes too (see legation.nlp.textcheck)."""

from __future__ import annotations

from ..nlp.textcheck import detect_language, identify

__all__ = ["detect_language", "identify", "is_coded"]


def is_coded(verdict: str) -> bool:
    """Whether a text with this `identify` verdict is coded: everything but a non-English language."""
    return verdict != "other"
