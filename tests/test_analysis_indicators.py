"""Indicators: which measures a story event counts towards."""

from __future__ import annotations

import pytest

from legation.analysis import classify, is_military_cooperation


def unit(
    cameo: str,
    quad: int,
    plover: str | None = None,
    context: str | None = None,
    src: str | None = None,
    tgt: str | None = None,
    sentence: str = "",
) -> dict:
    """A story event as the store returns it (the fields classification reads)."""
    return {"cameo": cameo, "root": cameo[:2], "quad_class": quad, "plover_type": plover, "plover_context": context,
            "source_sector": src, "source_kind": "state", "target_sector": tgt, "target_kind": "state",
            "sentence": sentence}  # fmt: skip


@pytest.mark.parametrize(
    ("event", "military"),
    [
        (unit("062", 2, "COOPERATE", "military"), True),  # joint exercises between two states
        (unit("0312", 1, "AGREE", "military", "GOV", "GOV"), True),  # intent to cooperate militarily
        (unit("072", 2, "AID", "military", "MIL", None), True),  # military aid
        (unit("057", 1, "SUPPORT", "diplomatic", sentence="Russia signed a defence pact with China."), True),
        (unit("057", 1, "SUPPORT", "diplomatic", sentence="Russia signed a gas supply deal with China."), False),
        (unit("057", 1, "SUPPORT", "diplomatic", "MIL", "MIL"), True),  # signed by two militaries
        (unit("060", 2, "COOPERATE", None), False),  # economic cooperation
        (unit("042", 1, "CONSULT", None), False),  # a visit
    ],
)
def test_military_cooperation_rule(event, military):
    assert is_military_cooperation(event) is military


def test_057_between_non_official_actors_is_not_military():
    event = unit("057", 1, "SUPPORT", "diplomatic", "BUS", "BUS", sentence="Firms signed an arms deal.")
    assert not is_military_cooperation(event)


@pytest.mark.parametrize(
    ("event", "indicators"),
    [
        (unit("042", 1, "CONSULT"), {"cooperation", "visits"}),
        (unit("057", 1, "SUPPORT", "diplomatic", sentence="They signed a trade deal."), {"cooperation", "agreements"}),
        (unit("112", 3, "ACCUSE"), {"conflict"}),
        (unit("190", 4, "ASSAULT", "military"), {"conflict", "hostile"}),
        (unit("130", 3, "THREATEN"), {"conflict", "hostile"}),
        (unit("140", 4, "PROTEST"), {"conflict"}),  # a protest is conflict, not a hostile act
    ],
)
def test_classify(event, indicators):
    assert classify(event) == indicators
