"""Calendar periods: ISO dates to week, month, quarter or year labels, and contiguous label ranges."""

from __future__ import annotations

import datetime as dt

FREQS = ("week", "month", "quarter", "year")
AUTO = "auto"
PER_YEAR = {"week": 52.18, "month": 12.0, "quarter": 4.0, "year": 1.0}


def _check(freq: str) -> None:
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQS)}")


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period that contains `day`."""
    _check(freq)
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def next_start(start: dt.date, freq: str) -> dt.date:
    """The first day of the period after the one starting at `start`."""
    _check(freq)
    if freq == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def label(start: dt.date, freq: str) -> str:
    """The label of the period starting at `start`: 2021-W32, 2021-08, 2021Q3 or 2021."""
    _check(freq)
    if freq == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "month":
        return f"{start.year}-{start.month:02d}"
    if freq == "quarter":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """An ISO date (or its first ten characters) as a date; None when it is not one."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def period_of(day: str | dt.date, freq: str) -> str | None:
    """The label of the period that contains an ISO date; None for a malformed date."""
    parsed = parse_day(day)
    return label(period_start(parsed, freq), freq) if parsed else None


def period_range(first: str | dt.date, last: str | dt.date, freq: str) -> list[tuple[str, dt.date, dt.date]]:
    """Every period from the one holding `first` to the one holding `last`: (label, first day, last day)."""
    start_day, end_day = parse_day(first), parse_day(last)
    if start_day is None or end_day is None or end_day < start_day:
        return []
    out = []
    start = period_start(start_day, freq)
    while start <= end_day:
        following = next_start(start, freq)
        out.append((label(start, freq), start, following - dt.timedelta(days=1)))
        start = following
    return out


def auto_freq(first: str | dt.date | None, last: str | dt.date | None) -> str:
    """A frequency that gives a readable series for a span: year from 5 years, quarter from 2, month from 4 months."""
    start, end = parse_day(first), parse_day(last)
    days = (end - start).days if start and end else 0
    if days >= 5 * 365:
        return "year"
    if days >= 2 * 365:
        return "quarter"
    return "month" if days >= 120 else "week"


def first_day(value: str | None) -> str | None:
    """A `since` bound as a full ISO date: a year (2020) or month (2020-01) becomes its first day.

    Anything else is returned as it is (None stays None)."""
    if value and len(value) in (4, 7) and parse_day(value + "-01-01"[len(value) - 4 :]):
        return value + "-01-01"[len(value) - 4 :]
    return value


def last_day(value: str | None) -> str | None:
    """An `until` bound as a full ISO date: a year (2020) or month (2020-02) becomes its last day."""
    if value and len(value) in (4, 7):
        start = parse_day(value + "-01-01"[len(value) - 4 :])
        if start:
            following = next_start(start, "year" if len(value) == 4 else "month")
            return (following - dt.timedelta(days=1)).isoformat()
    return value
