"""Trend and change: least-squares slope with a confidence interval, and PELT change points."""

from __future__ import annotations

import pytest

from legation.analysis import change_points, linear_trend

LABELS = [f"P{i}" for i in range(20)]


def test_slope_of_a_straight_line():
    assert linear_trend([2.0 * i + 1 for i in range(10)])["slope"] == pytest.approx(2.0)


def test_noisy_rise_is_rising():
    values = [i + (1.5 if i % 2 else -1.5) for i in range(12)]
    assert linear_trend(values)["direction"] == "rising"


def test_flat_noise_has_no_clear_trend():
    assert linear_trend([1, 3, 1, 3, 1, 3, 1, 3, 1, 3])["direction"] == "no clear trend"


def test_confidence_interval_contains_the_slope():
    fit = linear_trend([0, 2, 1, 3, 2, 5, 3, 6, 5, 7])
    assert fit["ci"][0] < fit["slope"] < fit["ci"][1]


def test_missing_periods_are_skipped():
    assert linear_trend([1.0, None, 3.0, None, 5.0])["periods"] == 3


def test_too_few_points_give_no_slope():
    assert linear_trend([1.0, 2.0])["slope"] is None


def test_change_point_at_a_step():
    values = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 5, 4, 5, 5, 4, 5, 4, 5, 5, 4]
    assert [(c["period"], c["direction"]) for c in change_points(values, LABELS)] == [("P10", "up")]


def test_no_change_point_in_a_flat_series():
    assert change_points([2] * 20, LABELS) == []


def test_no_change_point_in_stationary_noise():
    assert change_points([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2], LABELS) == []
