"""Calendar periods: labels, contiguous ranges and the automatic frequency."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.analysis.periods import auto_freq, period_of, period_range


@pytest.mark.parametrize(
    ("day", "freq", "label"),
    [
        ("2021-08-09", "week", "2021-W32"),
        ("2021-01-01", "week", "2020-W53"),
        ("2021-08-09", "month", "2021-08"),
        ("2021-08-09", "quarter", "2021Q3"),
        ("2021-12-31", "quarter", "2021Q4"),
        ("2021-08-09", "year", "2021"),
    ],
)
def test_period_labels(day, freq, label):
    assert period_of(day, freq) == label


def test_period_of_a_malformed_date_is_none():
    assert period_of("2021-13-45", "month") is None


def test_period_range_is_contiguous_across_years():
    assert [p[0] for p in period_range("2021-11-15", "2022-02-01", "quarter")] == ["2021Q4", "2022Q1"]


def test_period_range_gives_first_and_last_days():
    assert period_range("2024-02-10", "2024-02-10", "month")[0][1:] == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_unknown_frequency_is_refused():
    with pytest.raises(ValueError, match="unknown frequency"):
        period_of("2021-08-09", "decade")


@pytest.mark.parametrize(
    ("first", "last", "freq"),
    [("2012-01-01", "2024-12-31", "year"), ("2021-01-01", "2023-06-30", "quarter"),
     ("2024-01-01", "2024-08-01", "month"), ("2024-07-01", "2024-08-01", "week")],
)  # fmt: skip
def test_auto_freq_follows_the_span(first, last, freq):
    assert auto_freq(first, last) == freq
