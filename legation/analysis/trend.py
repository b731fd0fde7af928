"""Trend and change: least-squares slope with a confidence interval, and change points (ruptures, PELT)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

CONFIDENCE = 0.95
PENALTY = 3.0  # PELT penalty in units of noise variance x log(n); higher finds fewer change points


def linear_trend(values: Sequence[float | None], confidence: float = CONFIDENCE) -> dict[str, Any]:
    """Ordinary least-squares slope per period with its confidence interval; periods with no value are skipped."""
    from scipy import stats

    points = [(i, float(v)) for i, v in enumerate(values) if v is not None and not math.isnan(float(v))]
    out: dict[str, Any] = {"periods": len(points), "slope": None, "ci": None, "direction": "not enough data"}
    if len(points) < 3:
        return out
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    sxx = float(((x - x.mean()) ** 2).sum())
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / sxx)
    intercept = float(y.mean() - slope * x.mean())
    residuals = y - (intercept + slope * x)
    dof = len(points) - 2
    se = math.sqrt(float((residuals**2).sum()) / dof / sxx)
    half = float(stats.t.ppf(0.5 + confidence / 2, dof)) * se
    low, high = slope - half, slope + half
    direction = "rising" if low > 0 else "falling" if high < 0 else "no clear trend"
    out.update({
        "slope": _round(slope), "ci": [_round(low), _round(high)], "confidence": confidence,
        "intercept": _round(intercept), "direction": direction,
    })  # fmt: skip
    return out


def _round(value: float) -> float:
    return round(value, 6)


def noise_sigma(y: np.ndarray) -> float:
    """A robust estimate of the noise level: the median absolute first difference, scaled; else the std."""
    if len(y) < 2:
        return 0.0
    sigma = float(np.median(np.abs(np.diff(y)))) / (0.6745 * math.sqrt(2))
    return sigma if sigma > 0 else float(np.std(y))


def change_points(
    values: Sequence[float | None], labels: Sequence[str], penalty: float = PENALTY, min_size: int = 2
) -> list[dict[str, Any]]:
    """Where the level of a series shifts (PELT, least-squares cost): the first period of each new regime."""
    import ruptures

    y = np.array([0.0 if v is None else float(v) for v in values], dtype=float)
    n = len(y)
    sigma = noise_sigma(y)
    if n < 2 * min_size or sigma == 0:
        return []
    pen = penalty * sigma**2 * math.log(n)
    ends = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1)).predict(pen=pen)
    bounds = [0, *ends]
    out = []
    for k in range(1, len(bounds) - 1):
        start, cut, stop = bounds[k - 1], bounds[k], bounds[k + 1]
        before, after = float(y[start:cut].mean()), float(y[cut:stop].mean())
        out.append({
            "period": labels[cut], "index": cut, "before": round(before, 4), "after": round(after, 4),
            "direction": "up" if after > before else "down",
        })  # fmt: skip
    return out
