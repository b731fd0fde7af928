"""Rules of the coder, each shown on sentences of our own writing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _dyads(events):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.root)
            for e in events}


def test_negated_attack_is_not_an_attack(pipeline):
    events = pipeline.code_text("Turkish troops did not attack Syrian villages on Sunday.")
    assert not [e for e in events if e.root in ("18", "19", "20")]


def test_asserted_attack_is_coded(pipeline):
    events = pipeline.code_text("Turkish troops attacked Syrian forces near the border on Sunday.")
    assert ("TUR", "SYR", "19") in _dyads(events) or ("TUR", "SYR", "18") in _dyads(events)


def test_passive_voice_keeps_source_and_target(pipeline):
    events = pipeline.code_text("Japan was criticized by China over the textbook dispute.")
    assert ("CHN", "JPN", "11") in _dyads(events)


def test_compound_subject_codes_each_actor(pipeline):
    events = pipeline.code_text("France and Germany condemned Iran on Tuesday.")
    dyads = _dyads(events)
    assert ("FRA", "IRN", "11") in dyads and ("DEU", "IRN", "11") in dyads


def test_reported_speech_codes_the_reported_event(pipeline):
    events = pipeline.code_text("Officials said Egypt had accused Ethiopia of violating the agreement.")
    assert ("EGY", "ETH", "11") in _dyads(events)
    assert all(e.root != "01" for e in events)


@pytest.mark.parametrize(
    "text, modality",
    [
        ("India will host Japanese troops for joint drills next year.", "planned"),
        ("India plans to hold talks with Japan next month.", "planned"),
        ("India could impose sanctions on Pakistan if the attacks continue.", "hypothetical"),
        ("India held talks with Japan on Monday.", "asserted"),
        ("India denied that it had attacked Pakistani posts.", "denied"),
    ],
)
def test_modality_is_recorded(pipeline, text, modality):
    events = pipeline.code_text(text)
    assert events, text
    assert events[0].modality == modality


def test_every_event_carries_its_evidence(pipeline):
    text = "Kenya signed a trade agreement with Uganda on Friday."
    events = pipeline.code_text(text)
    assert events
    ev = events[0]
    assert ev.sentence == text
    assert text[ev.trigger_start : ev.trigger_end] == ev.trigger
    assert ev.plover.type and ev.cameo_name and ev.quad_class in (1, 2, 3, 4)


def test_output_schema_has_the_required_fields(pipeline):
    ev = pipeline.code_text("Brazil praised Argentina for the new trade accord.")[0].to_dict()
    for key in ("doc_id", "sentence_index", "sentence", "source", "target", "cameo", "cameo_name", "root",
                "quad_class", "goldstein", "plover", "modality", "trigger", "confidence", "coder"):
        assert key in ev
    assert set(ev["source"]) >= {"text", "code", "country", "sector"}
    assert ev["source"]["country"] == ev["source"]["code"][:3]
    assert set(ev["plover"]) == {"type", "mode", "context"}


def test_temporal_clause_is_an_event_of_its_own(pipeline):
    # The 'after' clause dates the main act but tells another one, between other actors.
    events = pipeline.code_text("Norway recalled its ambassador from Chile on Friday, a day after Peru imposed "
                                "sanctions on Bolivia.")
    dyads = {(s, t) for s, t, _root in _dyads(events)}
    assert ("NOR", "CHL") in dyads and ("PER", "BOL") in dyads


def test_main_clause_is_kept_beside_a_relative_clause(pipeline):
    # Splitting off temporal clauses leaves the main clause coded.
    events = pipeline.code_text("Kenya condemned Uganda, which had accused Rwanda of spying.")
    assert ("KEN", "UGA") in {(s, t) for s, t, _root in _dyads(events)}


def test_force_targets_the_state_where_it_lands(pipeline):
    # No target is named, but the strike lands in a state: that state is the target.
    events = pipeline.code_text("Turkish warplanes struck a militant camp near Qandil in Iraq before dawn on Tuesday.")
    assert ("TUR", "IRQ") in {(s, t) for s, t, _root in _dyads(events)}
    events = pipeline.code_text("Iran fired a ballistic missile over Kuwait on Tuesday.")
    assert ("IRN", "KWT") in {(s, t) for s, t, _root in _dyads(events)}


def test_force_at_home_has_no_foreign_target(pipeline):
    events = pipeline.code_text("Turkish jets bombed a rebel base near Diyarbakir in Turkey on Tuesday.")
    assert all(t in (None, "TUR") for _s, t, _root in _dyads(events))


def test_no_one_acting_is_no_act(pipeline):
    # A negative quantifier negates the act as 'not' does: nothing entered, nobody crossed, no request came.
    for text in ("Kenya's navy said on Monday that no Somali warships had entered its waters.",
                 "Ugandan officials said none of their soldiers had crossed into Sudan.",
                 "Ghana said it had received no request from Togo."):
        events = pipeline.code_text(text, date="2020-01-01")
        assert all(e.root == "01" for e in events), text
    # The same sentences without the quantifier are acts, and a reported attack is an accusation.
    events = pipeline.code_text("Ugandan officials said their soldiers had crossed into Sudan.", date="2020-01-01")
    assert any(e.root == "19" for e in events)
    events = pipeline.code_text("Kenya said Somali warships had attacked its patrol boats.", date="2020-01-01")
    assert any(e.cameo == "112" for e in events)
    events = pipeline.code_text("Kenya said no Somali warships had attacked its patrol boats.", date="2020-01-01")
    assert all(e.root == "01" for e in events)


def test_a_no_fly_zone_is_still_imposed(pipeline):
    events = pipeline.code_text("NATO imposed a no-fly zone over Libya.", date="2011-03-20")
    assert any(e.target is not None and e.target.country == "LBY" for e in events)
