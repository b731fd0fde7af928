"""The alignment score: always its components, each in [0, 1], summed with their weights."""

from __future__ import annotations

import pytest

from legation.analysis import alignment
from legation.analysis.compare import COMPONENTS, compare_profiles

ALLY = {"events": 10, "cooperation": 9, "conflict": 1, "goldstein_mean": 5.0, "military_cooperation": 4,
        "visits": 2, "agreements": 1, "hostile": 0}  # fmt: skip
RIVAL = {"events": 10, "cooperation": 3, "conflict": 7, "goldstein_mean": -4.0, "military_cooperation": 0,
         "visits": 1, "agreements": 0, "hostile": 5}  # fmt: skip


def test_alignment_lists_every_component():
    assert [c["name"] for c in alignment(ALLY)["components"]] == [name for name, _, _ in COMPONENTS]


def test_alignment_score_is_the_weighted_sum():
    align = alignment(ALLY)
    assert align["score"] == pytest.approx(sum(c["weight"] * c["value"] for c in align["components"]), abs=1e-3)


def test_components_lie_between_zero_and_one():
    assert all(0 <= c["value"] <= 1 for p in (ALLY, RIVAL) for c in alignment(p)["components"])


def test_ally_scores_above_rival():
    assert alignment(ALLY)["score"] > alignment(RIVAL)["score"]


def test_no_events_gives_no_score():
    assert alignment({**ALLY, "events": 0})["score"] is None


def test_closest_reference_is_nearest_on_the_components():
    subject = {"dyad": "A–B", **ALLY, "alignment": alignment(ALLY)}
    refs = [{"dyad": d, **p, "alignment": alignment(p)} for d, p in (("C–D", RIVAL), ("E–F", {**ALLY, "hostile": 1}))]
    assert compare_profiles(subject, refs)["closest"] == "E–F"
