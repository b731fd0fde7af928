"""Language identification with py3langid (its model ships in the package; loaded on first use)."""

from __future__ import annotations

SAMPLE_CHARS = 3000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'fr', ...); 'und' when there is too little to judge."""
    import py3langid

    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    code, _score = py3langid.classify(sample)
    return str(code)
