"""The evaluation gate: each coder's F1 on the shared gold sets must not drop below its pinned floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def _floors() -> list[tuple[str, str, str, float]]:
    import accuracy

    return [(coder, *floor) for coder, floors in accuracy.FLOORS_BY_CODER.items() for floor in floors]


PINNED = _floors()
_REPORTS: dict[str, dict] = {}


@pytest.fixture(scope="module")
def reports(shared, pipeline):
    """Scorer reports per coder, computed once per coder (the session's rule pipeline is reused)."""
    import accuracy

    def get(coder: str) -> dict:
        if coder not in _REPORTS:
            _REPORTS[coder] = accuracy.evaluate(pipeline if coder == pipeline.coder_name else None, coder=coder)
        return _REPORTS[coder]

    return get


@pytest.mark.parametrize("coder, name, level, floor", PINNED)
def test_f1_stays_above_pinned_floor(reports, coder, name, level, floor):
    import accuracy

    got = accuracy.value(reports(coder)[name], level)
    assert got >= floor, f"{coder} {name} {level} fell below {floor}: {got:.3f}"
