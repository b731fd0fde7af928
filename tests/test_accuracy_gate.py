"""The evaluation gate: the coder's F1 on the shared gold sets must not drop below pinned floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def _floors() -> list[tuple[str, str, float]]:
    import accuracy

    return accuracy.FLOORS


PINNED = _floors()


@pytest.fixture(scope="module")
def reports(shared, pipeline):
    import accuracy

    return accuracy.evaluate(pipeline)


@pytest.mark.parametrize("name, level, floor", PINNED)
def test_f1_stays_above_pinned_floor(reports, name, level, floor):
    import accuracy

    assert accuracy.value(reports[name], level) >= floor, f"{name} {level} fell below {floor}"
