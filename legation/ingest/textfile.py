"""Read a .txt/.md article: the first line is the title, a date line near the top is the publication date."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from ..errors import LegationError
from ..model import Document

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MDY = re.compile(r"\b(" + "|".join(MONTHS) + r")\.? (\d{1,2}),? (\d{4})\b", re.I)
_DMY = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r"),? (\d{4})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_date(line: str) -> str | None:
    """The first calendar date in a line ('August 1, 2021', '1 August 2021', '2021-08-01') as ISO."""
    for rx, order in ((_ISO, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(line)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if order == "ymd":
                return date(int(a), int(b), int(c)).isoformat()
            if order == "mdy":
                return date(int(c), MONTHS[a.lower()], int(b)).isoformat()
            return date(int(c), MONTHS[b.lower()], int(a)).isoformat()
        except ValueError:
            continue
    return None


def parse_text_article(text: str, doc_id: str) -> Document:
    """Split a plain-text article into title, publication date (from a date line) and body."""
    lines = text.splitlines()
    title = next((ln.strip().lstrip("#").strip() for ln in lines if ln.strip()), "")
    pub = None
    for ln in lines[:12]:
        pub = find_date(ln)
        if pub:
            break
    return Document(id=doc_id, text=text, date=pub, title=title or None)


def read_text_article(path: Path) -> Document:
    """Read a UTF-8 text file as one article; E012 names the file when it cannot be read."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise LegationError("E012", where=str(path), detail=exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise LegationError("E012", where=str(path), detail=f"not UTF-8 text ({exc.reason})") from None
    doc_id = path.stem or hashlib.sha1(raw).hexdigest()[:16]
    return parse_text_article(text, doc_id)
