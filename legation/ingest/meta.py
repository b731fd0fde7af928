"""Article metadata from text: publication dates, header lines, the outlet of a URL."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from urllib.parse import urlsplit

_MONTH_NAMES = (
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|sep sept september"
    "|oct october|nov november|dec december"
)
_MONTHS = {
    name: number for number, names in enumerate(_MONTH_NAMES.split("|"), start=1) for name in names.split()
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})(?![\d])"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?![\d])"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})(?![\d])"),
]
# Optional weekday before a date at the start of a line: "Sunday, August 1, 2021".
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_HEADER = re.compile(r"^(date|published|source|outlet|url|link)\s*:\s*(.+)$", re.IGNORECASE)


def _build(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    if parts.get("month"):
        month = _MONTHS.get(parts["month"].lower())
    else:
        month = int(parts["mnum"])
    if not month:
        return None
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"])).isoformat()
    except ValueError:
        return None


def date_at_start(line: str) -> str | None:
    """The ISO date a line starts with ('August 1, 2021 Topic: ...'), or None."""
    line = _WEEKDAY.sub("", line.strip())
    for pattern in _DATE_PATTERNS:
        match = pattern.match(line)
        if match:
            return _build(match)
    return None


def parse_date(value: object) -> str | None:
    """An ISO date from a metadata value: ISO text, a written date, RFC 822, or a struct_time."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    found = date_at_start(text)
    if found:
        return found
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def host_of(url: str | None) -> str | None:
    """The outlet a URL names: its host without 'www.' (None for local or empty URLs)."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def split_header(lines: list[str], title: str | None) -> tuple[dict[str, str], int]:
    """Header metadata after the title (date line, 'Source:', 'URL:', title again); the body's first line."""
    meta: dict[str, str] = {}
    index = 0
    seen = 0
    while index < len(lines) and seen < 6:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        header = _HEADER.match(line)
        if header:
            key = header.group(1).lower()
            key = {"published": "date", "outlet": "source", "link": "url"}.get(key, key)
            meta.setdefault(key, header.group(2).strip())
        elif "date" not in meta and len(line) < 400 and date_at_start(line):
            meta["date"] = line
        elif title and line == title:
            pass
        else:
            break
        index += 1
        seen += 1
    return meta, index
