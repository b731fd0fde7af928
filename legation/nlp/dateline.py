"""Datelines: the place, date and agency that open a wire story ('BEIJING, May 3 (Wire) –').

A dateline says where the story was filed, not who acted: the actor recogniser skips it and the geoparser
keeps its place as the article's dateline location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’\-]+(?:\s+[A-Z][a-z.'’\-]+){0,2}"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2}))?"
_TAIL = rf"(?:,\s*(?P<date>{_DATE}))?\s*(?:\((?P<agency>[^()\n]{{1,40}})\))?\s*(?:--|[-–—:])\s+"
_CAPS = re.compile(rf"^(?P<lead>\s*)(?P<place>{_CAPS_PLACE}){_REGION}{_TAIL}")
_TITLE = re.compile(rf"^(?P<lead>\s*)(?P<place>{_TITLE_PLACE}){_REGION}{_TAIL}")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a text: the place (with character offsets), date, agency, body start."""

    place: str
    start: int
    end: int
    region: str | None
    date: str | None
    agency: str | None
    body_start: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens `text` (or its first line after a title), or None."""
    offset = 0
    for line in text.split("\n")[:3]:
        found = _match(line)
        if found is not None:
            m, place = found
            return Dateline(place, offset + m.start("place"), offset + m.end("place"), m.group("region"),
                            m.group("date"), m.group("agency"), offset + m.end())
        offset += len(line) + 1
    return None


_UNSET = object()


def doc_dateline(doc: Doc) -> Dateline | None:
    """The dateline of a parsed spaCy Doc, found once and kept in `doc.user_data`."""
    found = doc.user_data.get("legation.dateline", _UNSET)
    if found is _UNSET:
        found = find_dateline(doc[: min(len(doc), 60)].text)  # not doc.text: that joins the whole document
        doc.user_data["legation.dateline"] = found
    return found


def _match(line: str) -> tuple[re.Match[str], str] | None:
    m = _CAPS.match(line)
    if m and sum(ch.isupper() for ch in m.group("place")) >= 3:
        dated = m.group("agency") or m.group("date") or m.group("region")
        if dated or not m.group(0).rstrip().endswith(":"):  # 'NATO: allies agree' is a headline, not a dateline
            return m, m.group("place")
    m = _TITLE.match(line)
    if m and (m.group("agency") or m.group("date")):  # 'Kyiv, March 3 –': a title-case place needs a date or agency
        return m, m.group("place")
    return None
