"""Event dates from parsed sentences: the trigger's tense and which phrase belongs to its clause."""

from __future__ import annotations

import pytest

from legation.dates import event_tense, resolve_event_date

pytestmark = pytest.mark.slow
PUB = "2021-08-01"  # a Sunday


@pytest.fixture(scope="module")
def nlp():
    """The project's spaCy model, loaded once for this module."""
    from legation.nlp.model import load_model

    return load_model()


def _trigger(nlp, text: str, word: str):
    """The parsed sentence and its first token spelled `word`."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return token.sent, token


@pytest.mark.parametrize(
    ("text", "word", "future"),
    [
        ("The two navies will hold exercises near the strait.", "hold", True),
        ("The minister plans to visit the border region.", "visit", True),
        ("The talks are to be held in the capital.", "held", True),
        ("The two navies held exercises near the strait.", "held", False),
        ("The army has withdrawn its units from the valley.", "withdrawn", False),
    ],
)
def test_tense_of_trigger(nlp, text: str, word: str, future: bool) -> None:
    _sent, token = _trigger(nlp, text, word)
    assert event_tense(token) is future


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the reporting verb keeps its own weekday; the reported future event keeps its own span
        (
            "The ministry announced on Thursday that the two armies will hold drills during the first half "
            "of August.",
            "announced",
            ("2021-07-29", "day", None),
        ),
        (
            "The ministry announced on Thursday that the two armies will hold drills during the first half "
            "of August.",
            "hold",
            ("2021-08-01", "span", "2021-08-15"),
        ),
        (
            "Rebels will attack the depot on Thursday, the colonel warned.",
            "attack",
            ("2021-08-05", "day", None),
        ),
        ("Rebels attacked the depot on Thursday.", "attacked", ("2021-07-29", "day", None)),
        (
            "The envoy will travel to the capital early next month.",
            "travel",
            ("2021-09-01", "span", "2021-09-10"),
        ),
        (
            "Both fleets took part in Trident-2017 and will return this year.",
            "took",
            ("2017-01-01", "year", "2017-12-31"),
        ),
    ],
)
def test_phrase_of_the_trigger_clause(nlp, text: str, word: str, expected: tuple) -> None:
    sent, token = _trigger(nlp, text, word)
    assert resolve_event_date(sent, token, PUB) == expected


def test_reported_speech_date_does_not_date_the_reported_event(nlp) -> None:
    sent, token = _trigger(nlp, "The spokesman said on Monday that the talks will resume.", "resume")
    assert resolve_event_date(sent, token, PUB) == (None, None, None)


def test_no_phrase_gives_no_date(nlp) -> None:
    sent, token = _trigger(nlp, "The two delegations signed a trade accord.", "signed")
    assert resolve_event_date(sent, token, PUB) == (None, None, None)


def test_explicit_date_needs_no_publication_date(nlp) -> None:
    sent, token = _trigger(nlp, "The accord was signed on 2019-03-02 by both sides.", "signed")
    assert resolve_event_date(sent, token, None) == ("2019-03-02", "day", None)


def test_relative_phrase_without_publication_date_is_unresolved(nlp) -> None:
    sent, token = _trigger(nlp, "The accord was signed yesterday by both sides.", "signed")
    assert resolve_event_date(sent, token, None) == (None, None, None)
