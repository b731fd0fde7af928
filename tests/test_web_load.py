"""A bounded load test on loopback: 200 requests at once to the dyad endpoint of `legation serve`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


@pytest.fixture(scope="module")
def load_run(web_db) -> dict:
    """benchmarks/load.py against a fresh server: 200 concurrent requests to /api/dyads/RUS/CHN."""
    import load

    return load.measure(web_db, requests=200)


def test_200_concurrent_dyad_requests_give_no_errors(load_run):
    assert load_run["errors"] == 0


def test_every_load_request_got_the_report(load_run):
    assert load_run["statuses"] == {"200": 200}
