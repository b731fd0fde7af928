"""Place-name normalisation shared by the gazetteer builder and the resolver."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "'": "", "`": "", "ʻ": "", "ʼ": "", ".": "", "‘": ""})
_SEPARATORS = re.compile(r"[\s\-–—_/,;:()\"|]+")
_WORD_FORMS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "and": "&"}


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents: 'Île-de-France' -> 'ile-de-france'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("ø", "o").replace("Ø", "o").replace("ß", "ss").replace("ı", "i").lower()


def normalize(name: str) -> str:
    """The lookup key of a place name: folded, punctuation dropped, 'the' and 'Saint' unified."""
    key = fold(name).translate(_APOSTROPHES)
    words = [w for w in _SEPARATORS.split(key) if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_WORD_FORMS.get(w, w) for w in words)


def is_latin(name: str) -> bool:
    """Whether `name` is written in Latin script (with accents, spaces and punctuation allowed)."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return any(ch.isalpha() for ch in name)
