"""The project's first real input: the seed article in ../shared must yield the events it reports."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed_events(shared, pipeline):
    from legation.ingest.textfile import read_text_article

    doc = read_text_article(shared / "seeds" / "000_cdd756e0de2b89f1.txt")
    return [ev for result in pipeline.code_documents([doc]) for ev in result.events]


def _has(events, src: str, tgt: str, roots: tuple[str, ...], sector: str | None = None) -> bool:
    return any(
        e.source and e.target and e.source.country == src and e.target.country == tgt and e.root in roots
        and (sector is None or (e.source.sector or "").startswith(sector))
        for e in events
    )


@pytest.mark.parametrize("src, tgt", [("RUS", "CHN"), ("CHN", "RUS")])
def test_joint_drills_are_military_cooperation_both_ways(seed_events, src, tgt):
    assert _has(seed_events, src, tgt, ("06",))


@pytest.mark.parametrize("src", ["CHN", "RUS"])
def test_talks_with_the_taliban_are_consultations(seed_events, src):
    assert _has(seed_events, src, "AFG", ("04",))


def test_china_backs_russias_border_efforts(seed_events):
    assert _has(seed_events, "CHN", "RUS", ("05", "03"))


def test_state_media_criticises_the_united_states(seed_events):
    assert _has(seed_events, "CHN", "USA", ("11",), sector="MED")
