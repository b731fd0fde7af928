"""Date phrases follow the tense of the predicate they belong to, and no publication date means no guess."""

from __future__ import annotations

import pytest

from legation.dates import resolve_event_date

pytestmark = pytest.mark.slow
PUB = "2023-03-25"  # a Saturday


@pytest.fixture(scope="module")
def nlp():
    """The project's spaCy model, loaded once for this module."""
    from legation.nlp.model import load_model

    return load_model()


def _date(nlp, text: str, word: str, pub: str | None = PUB):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return resolve_event_date(token.sent, token, pub)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Chile and Peru agreed in Lima on Thursday to share water.", "agreed", ("2023-03-23", "day", None)),
        ("The ministers signed the accord in Oslo on Thursday.", "signed", ("2023-03-23", "day", None)),
        ("The ministers will sign the accord in Oslo on Thursday.", "sign", ("2023-03-30", "day", None)),
    ],
)
def test_a_weekday_follows_the_tense_of_its_own_predicate(nlp, text, word, expected) -> None:
    assert _date(nlp, text, word) == expected


def test_the_agreement_day_does_not_date_the_planned_act(nlp) -> None:
    text = "Chile and Peru agreed in Lima on Thursday to hold joint drills next month."
    assert _date(nlp, text, "hold") == ("2023-04-01", "month", "2023-04-30")


def test_a_past_day_of_the_agreement_is_not_the_date_of_what_was_agreed(nlp) -> None:
    text = "Officials said Chile and Peru agreed in Lima on Thursday to expand trade."
    assert _date(nlp, text, "expand") == (None, None, None)


def test_no_publication_date_leaves_a_weekday_undated(nlp) -> None:
    text = "Chile and Peru agreed in Lima on Thursday to share water."
    assert _date(nlp, text, "agreed", pub=None) == (None, None, None)


def test_no_publication_date_keeps_a_full_date(nlp) -> None:
    text = "Chile and Peru signed the accord on 3 March 2021."
    assert _date(nlp, text, "signed", pub=None) == ("2021-03-03", "day", None)


def test_an_undated_article_gives_its_events_no_date(pipeline) -> None:
    events = pipeline.code_text("Chile and Peru signed a water accord.", date=None)
    assert events and all(ev.date is None and "date_basis" not in ev.extra for ev in events)
