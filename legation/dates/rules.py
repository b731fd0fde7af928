"""Date expressions and the rules that resolve them against a publication date.

Each rule turns a phrase into a date and a precision: day | week | month | span | year, with an
end date for every precision but day. Relative phrases need the direction of the event: a weekday
or a bare month means the last one for a past event and the next one for a future event.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "several": 3,
    "a few": 3,
    "few": 3,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_PART = r"(?P<part>beginning|start|middle|end|first half|second half|early|mid|late)"

Resolved = tuple[date, str, date | None]


@dataclass(frozen=True, slots=True)
class Expression:
    """A date phrase found in text: character offsets, the rule that matched and its groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(d: date, months: int) -> date:
    """The first day of the month `months` after d's month."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def week_of(d: date) -> tuple[date, date]:
    """Monday and Sunday of d's week."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def part_of_month(year: int, month: int, part: str) -> tuple[date, date]:
    """Days of a part of a month: early/beginning 1-10, mid 11-20, late/end 21-last, halves 1-15/16-last."""
    last = calendar.monthrange(year, month)[1]
    start, end = {
        "beginning": (1, 10),
        "start": (1, 10),
        "early": (1, 10),
        "middle": (11, 20),
        "mid": (11, 20),
        "end": (21, last),
        "late": (21, last),
        "first half": (1, 15),
        "second half": (16, last),
    }[part]
    return date(year, month, start), date(year, month, end)


def month_year(month: int, pub: date, future: bool | None) -> int:
    """The year of a month named without one: this year's unless tense and date say the last or next."""
    if future is True and month < pub.month:
        return pub.year + 1
    if future is False and month > pub.month:
        return pub.year - 1
    if future is None and month - pub.month > 6:
        return pub.year - 1
    if future is None and pub.month - month > 6:
        return pub.year + 1
    return pub.year


def weekday_date(weekday: int, pub: date, future: bool | None, modifier: str | None) -> date:
    """'Thursday': the last one on or before publication (past event), the next on or after (future event).

    'last Thursday' is strictly before, 'next Thursday' strictly after the publication date.
    """
    if modifier == "next" or (modifier != "last" and future):
        ahead = (weekday - pub.weekday()) % 7
        if modifier == "next" and ahead == 0:
            ahead = 7
        return pub + timedelta(days=ahead)
    back = (pub.weekday() - weekday) % 7
    if modifier == "last" and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _number(text: str | None) -> int:
    """A count written in digits or words."""
    text = (text or "1").lower()
    return int(text) if text.isdigit() else NUMBERS.get(text, 1)


def _explicit(g: dict, pub: date, future: bool | None) -> Resolved:
    month, day = MONTHS[g["month"].lower()], int(g["day"])
    year = int(g["year"]) if g.get("year") else month_year(month, pub, future)
    d = date(year, month, day)
    if not g.get("year") and future is None and abs((d - pub).days) > 183:
        d = date(year + (1 if d < pub else -1), month, day)
    elif not g.get("year") and future is False and d > pub:
        d = date(year - 1, month, day)
    elif not g.get("year") and future is True and d < pub - timedelta(days=1):
        d = date(year + 1, month, day)
    return d, "day", None


def _iso(g: dict, pub: date, future: bool | None) -> Resolved:
    return date(int(g["year"]), int(g["m"]), int(g["d"])), "day", None


def _relative_day(g: dict, pub: date, future: bool | None) -> Resolved:
    word = g["word"].lower()
    offset = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "earlier today": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[word]
    return pub + timedelta(days=offset), "day", None


def _weekday(g: dict, pub: date, future: bool | None) -> Resolved:
    modifier = (g.get("mod") or "").lower() or None
    if modifier == "this":
        modifier = None
    return weekday_date(WEEKDAYS[g["weekday"].lower()], pub, future, modifier), "day", None


def _relative_unit(g: dict, pub: date, future: bool | None) -> Resolved:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[g["which"].lower()]
    unit = g["unit"].lower()
    if unit == "week":
        monday, sunday = week_of(pub + timedelta(weeks=step))
        return monday, "week", sunday
    if unit == "month":
        first = shift_month(pub, step)
        return first, "month", month_end(first.year, first.month)
    if unit == "weekend":
        saturday = weekday_date(5, pub, step > 0 or (step == 0 and bool(future)), None)
        if step < 0 and saturday >= pub - timedelta(days=1) and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        return saturday, "span", saturday + timedelta(days=1)
    year = pub.year + step
    return date(year, 1, 1), "year", date(year, 12, 31)


def _part_relative_month(g: dict, pub: date, future: bool | None) -> Resolved:
    step = {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
    first = shift_month(pub, step)
    start, end = part_of_month(first.year, first.month, _part_key(g["part"]))
    return start, "span", end


def _earlier_this(g: dict, pub: date, future: bool | None) -> Resolved:
    unit = g["unit"].lower()
    if unit == "week":
        start = week_of(pub)[0]
    elif unit == "month":
        start = pub.replace(day=1)
    else:
        start = date(pub.year, 1, 1)
    return start, "span", max(start, pub - timedelta(days=1))


def _ago(g: dict, pub: date, future: bool | None) -> Resolved:
    n, unit = _number(g["num"]), g["unit"].lower().rstrip("s")
    if unit == "day":
        return pub - timedelta(days=n), "day", None
    if unit == "week":
        monday, sunday = week_of(pub - timedelta(weeks=n))
        return monday, "week", sunday
    if unit == "month":
        first = shift_month(pub, -n)
        return first, "month", month_end(first.year, first.month)
    return date(pub.year - n, 1, 1), "year", date(pub.year - n, 12, 31)


def _part_key(part: str) -> str:
    part = part.lower().replace("-", " ").strip()
    return {"mid": "mid", "the beginning": "beginning"}.get(part, part)


def _part_month(g: dict, pub: date, future: bool | None) -> Resolved:
    month = MONTHS[g["month"].lower()]
    year = int(g["year"]) if g.get("year") else month_year(month, pub, future)
    start, end = part_of_month(year, month, _part_key(g["part"]))
    if g.get("part2"):
        start2, end2 = part_of_month(year, month, _part_key(g["part2"]))
        start, end = min(start, start2), max(end, end2)
    return start, "span", end


def _month(g: dict, pub: date, future: bool | None) -> Resolved:
    month = MONTHS[g["month"].lower()]
    year = int(g["year"]) if g.get("year") else month_year(month, pub, future)
    return date(year, month, 1), "month", month_end(year, month)


def _year(g: dict, pub: date, future: bool | None) -> Resolved:
    year = int(g["year"])
    return date(year, 1, 1), "year", date(year, 12, 31)


_PARTS2 = r"(?:\s+and\s+(?:in\s+|at\s+)?(?:the\s+)?(?P<part2>beginning|start|middle|end))?"
RULES: list[tuple[str, re.Pattern[str], Callable[[dict, date, bool | None], Resolved]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    ("month-day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I), _explicit),
    (
        "day-month",
        re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
        _explicit,
    ),
    (
        "relative-day",
        re.compile(
            r"\b(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|"
            r"tonight|tomorrow|last night|this (?:morning|afternoon|evening)|"
            r"earlier today)\b",
            re.I,
        ),
        _relative_day,
    ),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|next|this|on|early|late)\s+)?{_WEEKDAY}\b", re.I), _weekday),
    (
        "part-relative-month",
        re.compile(
            rf"\b(?:the\s+)?{_PART}(?:-|\s+of\s+|\s+)(?P<which>last|this|next)\s+"
            r"month\b",
            re.I,
        ),
        _part_relative_month,
    ),
    ("earlier-this", re.compile(r"\bearlier\s+this\s+(?P<unit>week|month|year)\b", re.I), _earlier_this),
    (
        "relative-unit",
        re.compile(
            r"\b(?P<which>last|past|previous|this|next|coming)\s+"
            r"(?P<unit>week|month|year|weekend)\b",
            re.I,
        ),
        _relative_unit,
    ),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I), _ago),
    (
        "part-month",
        re.compile(rf"\b(?:the\s+)?{_PART}{_PARTS2}(?:-|\s+of\s+|\s+){_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
        _part_month,
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|during|since|until|through|by|for|of|this|last|next|early|late)?\s*"
            rf"\b{_MONTH}(?:,?\s+{_YEAR})?\b",
            re.I,
        ),
        _month,
    ),
    ("named-year", re.compile(r"\b[A-Z][\w/]+[-\s](?P<year>(?:19|20)\d\d)\b"), _year),
    ("year", re.compile(r"\b(?:in|since|during|of|by)\s+(?P<year>(?:19|20)\d\d)\b", re.I), _year),
]
PRECISION_RANK = {"day": 0, "week": 1, "span": 2, "month": 3, "year": 4}
# Prepositions and modifiers that make a bare 'May' (or any month name alone) a month.
_MONTH_CUES = {
    "in",
    "during",
    "since",
    "until",
    "through",
    "by",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "for",
    "from",
    "before",
    "after",
}


def _is_month_word(text: str, m: re.Match[str]) -> bool:
    """A bare month name counts when capitalised, and 'May' only with a year or a cue word before it."""
    word = m.group("month")
    if not word[:1].isupper():
        return False
    if word.lower().rstrip(".") != "may" or m.group("year"):
        return True
    before = text[max(0, m.start("month") - 12) : m.start("month")].lower().split()
    return bool(before) and before[-1] in _MONTH_CUES


def find_expressions(text: str) -> list[Expression]:
    """Every date phrase in `text`, longest first where two overlap, in text order."""
    found: list[Expression] = []
    for name, pattern, _fn in RULES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if name == "month" and not _is_month_word(text, m):
                continue
            if name == "weekday" and not text[m.start("weekday")].isupper():
                continue
            start = m.start() if name != "month" else m.start("month")
            start = _leading_space(text, start, m.end())
            found.append(Expression(start, m.end(), name, groups))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Expression] = []
    for e in sorted(found, key=lambda e: -(e.end - e.start)):
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def _leading_space(text: str, start: int, end: int) -> int:
    """Skip whitespace a pattern's optional prefix left at the start of a match."""
    while start < end and text[start].isspace():
        start += 1
    return start


def resolve_expression(expr: Expression, pub: date, future: bool | None) -> Resolved | None:
    """Resolve one phrase against the publication date; None when it names no real date."""
    for name, _pattern, fn in RULES:
        if name == expr.rule:
            try:
                return fn(expr.groups, pub, future)
            except (ValueError, KeyError):
                return None
    return None


def resolve_text(text: str, pub: date, future: bool | None = None) -> Resolved | None:
    """The most precise date phrase in `text`, resolved; the first one when several are as precise."""
    best: tuple[int, Resolved] | None = None
    for expr in find_expressions(text):
        got = resolve_expression(expr, pub, future)
        if got is not None and (best is None or PRECISION_RANK[got[1]] < best[0]):
            best = (PRECISION_RANK[got[1]], got)
    return best[1] if best else None
