"""One code per intergovernmental organisation: an acronym entry ('ECOWAS') takes the code of the full name
it abbreviates ('Economic Community of West African States'), so both names give the same actor.

An acronym abbreviates a name when its letters can be read off the name's words in order: every main word
gives at least its first letter (and may give more of its letters, in order: 'ECOWAS' ← 'ECOnomic', 'West',
'African', 'States'); small words ('of', 'the') may give their first letter or none.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

SMALL_WORDS = frozenset("of the and for on in de des du la le et al".split())
ORG_KINDS = ("igo", "group")


def abbreviates(acronym: str, name: str) -> bool:
    """True when `acronym` (letters only) can be read off the words of `name` in order."""
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w.isalpha()]
    letters = acronym.lower()
    if len(words) < 2 or len(letters) < 2 or len(letters) > 2 * len(words) + 2:
        return False

    @cache
    def fit(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        if word in SMALL_WORDS and fit(i, j + 1):
            return True
        if i == len(letters) or letters[i] != word[0]:
            return False
        # take the first letter, then any further letters of the word that follow in order
        k, pos = i + 1, 1
        if fit(k, j + 1):
            return True
        while k < len(letters):
            pos = word.find(letters[k], pos)
            if pos < 0:
                return False
            k, pos = k + 1, pos + 1
            if fit(k, j + 1):
                return True
        return False

    return fit(0, 0)


def _undated_code(actor: dict[str, Any]) -> str | None:
    codes = [c for c in actor["codes"] if not c.get("start") and not c.get("end")]
    return codes[0]["code"] if len(codes) == 1 and len(actor["codes"]) == 1 else None


def _same_body(a: str, b: str) -> bool:
    """Two IGO codes can name one body when they end in the same three-letter organisation code."""
    return a.startswith("IGO") and b.startswith("IGO") and len(a) >= 6 and len(b) >= 6 and a[-3:] == b[-3:]


def canonicalize(actors: list[dict[str, Any]]) -> list[str]:
    """Give acronym entries the code of the full name they abbreviate, in place; returns what was merged."""
    names: dict[str, list[tuple[str, str]]] = {}  # first letter → (full phrase, code)
    for actor in actors:
        code = _undated_code(actor)
        if actor.get("kind") not in ORG_KINDS or code is None:
            continue
        for phrase in actor["phrases"]:
            if len(phrase.split()) >= 2:
                names.setdefault(phrase[:1], []).append((phrase, code))
    merged = []
    for actor in actors:
        code = _undated_code(actor)
        if actor.get("kind") not in ORG_KINDS or code is None:
            continue
        acronyms = [p for p in actor["phrases"] if re.fullmatch(r"[a-z]{2,8}", p.replace(".", ""))]
        for acro in acronyms:
            letters = acro.replace(".", "")
            full = {c for phrase, c in names.get(letters[:1], ())
                    if _same_body(c, code) and abbreviates(letters, phrase)}
            if len(full) == 1 and code not in full:
                canonical = full.pop()
                merged.append(f"{acro}: {code} -> {canonical}")
                actor["codes"] = [{"code": canonical, "start": None, "end": None}]
                break
    return merged
