"""The seed article (read from ../shared at run time): where and when the announced drills happen."""

from __future__ import annotations

import pytest

from legation.dates import resolve_event_date
from legation.geo import geoparse_doc, locate_event

pytestmark = [pytest.mark.slow, pytest.mark.shared]
PUB = "2021-08-01"


@pytest.fixture(scope="module")
def seed(shared):
    """The parsed seed article and its toponyms."""
    from legation.nlp.model import load_model

    doc = load_model()((shared / "seeds" / "000_cdd756e0de2b89f1.txt").read_text(encoding="utf-8"))
    return doc, geoparse_doc(doc)


def _sentence_with(doc, word: str):
    return next(s for s in doc.sents if any(t.text == word for t in s))


def _verb(sent, lemma: str):
    return next(t for t in sent if t.lemma_ == lemma and t.pos_ == "VERB")


def test_drills_are_located_in_ningxia(seed) -> None:
    doc, toponyms = seed
    sent = _sentence_with(doc, "Ningxia")
    loc = locate_event(doc, sent, _verb(sent, "hold"), toponyms, [])
    assert loc is not None and (loc["precision"], loc["country"]) == ("admin1", "CHN")
    assert "Ningxia" in loc["name"]


def test_drills_at_the_base_are_located_in_qingtongxia(seed) -> None:
    doc, toponyms = seed
    sent = _sentence_with(doc, "Qingtongxia")
    loc = locate_event(doc, sent, _verb(sent, "hold"), toponyms, [])
    assert loc is not None and loc["name"] == "Qingtongxia"


def test_spokesman_thursday_is_the_29th(seed) -> None:
    doc, _ = seed
    sent = _sentence_with(doc, "Ningxia")
    assert resolve_event_date(sent, _verb(sent, "announce"), PUB) == ("2021-07-29", "day", None)


def test_first_half_of_august_is_a_span(seed) -> None:
    doc, _ = seed
    sent = _sentence_with(doc, "Ningxia")
    assert resolve_event_date(sent, _verb(sent, "hold"), PUB) == ("2021-08-01", "span", "2021-08-15")


def test_central_asia_is_a_region(seed) -> None:
    _doc, toponyms = seed
    assert {t.precision for t in toponyms if t.name == "Central Asia"} == {"region"}
