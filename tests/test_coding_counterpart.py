"""An act with no named target, by one of the article's two states, is aimed at the other (counterpart.py)."""

from __future__ import annotations

import pytest

from legation.coding.counterpart import add_implicit_targets, counterpart_of
from legation.model import Actor, Event, Plover


def _event(root: str, source: str | None, target: str | None = None) -> Event:
    def actor(code):
        return Actor(code, code, code, None, "state", 0, 3, "dictionary") if code else None

    return Event("d", 0, "s", actor(source), actor(target), root + "0", "", root, 1, 0.0, Plover(None), "asserted",
                 "t", 0, 1, 0.5, "test")


def test_the_counterpart_is_the_other_state_of_the_pair():
    assert counterpart_of("VEN", ("VEN", "GUY")) == "GUY"
    assert counterpart_of("GUY", ("VEN", "GUY")) == "VEN"
    assert counterpart_of("BRA", ("VEN", "GUY")) is None
    assert counterpart_of("VEN", None) is None
    assert counterpart_of(None, ("VEN", "GUY")) is None


def test_only_source_only_acts_of_a_pair_state_get_a_target():
    mobilise, said, appeal, protest = _event("15", "VEN"), _event("01", "VEN"), _event("02", "VEN"), _event("14", "VEN")
    third, paired = _event("15", "BRA"), _event("17", "VEN", "COL")
    events = [mobilise, said, appeal, protest, third, paired]
    add_implicit_targets(events, ("VEN", "GUY"))
    assert mobilise.target is not None and mobilise.target.country == "GUY"
    assert mobilise.target.resolution == "article" and mobilise.extra["target_basis"] == "article"
    assert mobilise.target.start is None  # no text names it
    assert [e.target for e in (said, appeal, protest, third)] == [None] * 4
    assert paired.target.country == "COL" and "target_basis" not in paired.extra
    lone = _event("15", "VEN")
    add_implicit_targets([lone], None)
    assert lone.target is None


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["legation.RuleCoder.v1", "legation.HybridCoder.v1"])
def test_wire_copy_that_drops_the_other_side_codes_it(coder):
    from legation import get_pipeline

    text = ("Venezuela and Guyana have argued over the Essequibo region for years. "
            "On Thursday Caracas mobilised 5,000 soldiers.")
    events = [e for e in get_pipeline(coder).code_text(text, date="2021-05-03") if e.sentence_index == 1]
    assert any(e.root == "15" and e.source.country == "VEN" and e.target is not None
               and e.target.country == "GUY" and e.extra.get("target_basis") == "article" for e in events), events


@pytest.mark.slow
@pytest.mark.parametrize("second", ["On Thursday Brazil deployed its troops to the border.",
                                    "On Thursday Brazil mobilised 5,000 soldiers."])
def test_a_third_state_and_its_own_forces_are_no_one_elses(second):
    """'its troops' and the soldiers a state mobilises are that state's; Brazil is not of the article's pair."""
    from legation import get_pipeline

    text = "Venezuela and Guyana have argued over the Essequibo region for years. " + second
    events = [e for e in get_pipeline().code_text(text, date="2021-05-03") if e.sentence_index == 1]
    assert events and all(e.source.country == "BRA" for e in events)
    assert not [e for e in events if e.target is not None and e.target.country in ("VEN", "GUY")], events
