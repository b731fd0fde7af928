"""Language identification for ingest: the same detector the coder uses (see legation.nlp.textcheck)."""

from __future__ import annotations

from ..nlp.textcheck import detect_language

__all__ = ["detect_language"]
