"""Cheap offline checks before parsing: binary junk, emptiness, and whether a text is English."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_EN_STOP = frozenset(
    "the of and to a in that is was for on with as by at from it he she they his her their its be "
    "has have had are were been will would an this said which not but or after who over also than".split()
)
# Frequent function words of other Latin-script languages (fr, es, de, pt, it, nl).
_OTHER_STOP = frozenset(
    "le la les des du est une et que qui pour dans sur avec pas el los las del por con una para es y "
    "der die das und ist nicht mit den dem ein eine auf für von zu o os um uma não em com il di che "
    "della sono non het een van niet ook zijn".split()
)


def is_binary(text: str) -> bool:
    """True when the text holds NUL bytes or many control or replacement characters."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


SAMPLE_CHARS = 3000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'fr', ...) by py3langid; 'und' when too little to judge."""
    import py3langid

    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    code, _score = py3langid.classify(sample)
    return str(code)


def identify(text: str) -> tuple[str, str]:
    """The one language decision `code` and `ingest` share: (verdict, language code).

    The verdict is 'en' for English prose, 'und' for too little to tell, else 'other' (a non-English
    language); a text is coded unless the verdict is 'other'. py3langid decides; a short text it calls
    foreign is still English when English function words outnumber those of other languages (headlines
    and one-line reports fool character models). The code is py3langid's ('fr', 'und'), or 'en' when the
    verdict is English.
    """
    code = detect_language(text)
    if code == "en":
        return "en", "en"
    verdict = _stopword_language(text)
    return verdict, "en" if verdict == "en" else code


def language(text: str) -> str:
    """'en' for English prose, 'und' for too little to tell, else 'other' (the verdict of `identify`)."""
    return identify(text)[0]


def _stopword_language(text: str) -> str:
    """The function-word vote used for short texts."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 6:
        return "en" if words and all(w.isascii() for w in words) else "und"
    ascii_share = sum(1 for w in words if w.isascii()) / len(words)
    stop_share = sum(1 for w in words if w in _EN_STOP) / len(words)
    other_share = sum(1 for w in words if w in _OTHER_STOP) / len(words)
    if ascii_share < 0.6:
        return "other"
    if len(words) < 40:
        return "en" if stop_share >= other_share else "other"
    return "en" if stop_share >= 0.08 and stop_share > other_share else "other"
