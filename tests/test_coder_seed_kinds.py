"""The kinds of event the seed article holds, in sentences of our own writing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _find(events, src: str, tgt: str, root_prefix: str, sector: str | None = None):
    for ev in events:
        s, t = ev.source, ev.target
        if s and t and s.country == src and t.country == tgt and ev.cameo.startswith(root_prefix):
            if sector is None or (s.sector or "").startswith(sector):
                return ev
    return None


@pytest.mark.parametrize(
    "text, src, tgt, root",
    [
        ("Russian and Chinese soldiers will stage a large joint exercise in northwest China next month.",
         "RUS", "CHN", "06"),
        ("Russian and Chinese soldiers will stage a large joint exercise in northwest China next month.",
         "CHN", "RUS", "06"),
        ("Russia and China will conduct joint military drills in the Ningxia region in August.", "RUS", "CHN", "06"),
        ("Russia and China will conduct joint military drills in the Ningxia region in August.", "CHN", "RUS", "06"),
        ("Both Beijing and Moscow have held talks with the Taliban in recent weeks.", "CHN", "AFG", "04"),
        ("Both Beijing and Moscow have held talks with the Taliban in recent weeks.", "RUS", "AFG", "04"),
        ("China has thrown its weight behind Russia's efforts to secure the Central Asian border.",
         "CHN", "RUS", "05"),
    ],
)
def test_seed_kind_is_coded(pipeline, text, src, tgt, root):
    events = pipeline.code_text(text, date="2021-07-30")
    assert _find(events, src, tgt, root), [(e.source, e.target, e.cameo) for e in events]


def test_state_media_criticism_is_coded_as_media_source(pipeline):
    text = (
        "The state-run Chinese newspaper Global Times said the United States had irresponsibly "
        "abandoned Afghanistan."
    )
    events = pipeline.code_text(text, date="2021-07-30")
    assert _find(events, "CHN", "USA", "11", sector="MED"), [(e.source, e.target, e.cameo) for e in events]


def test_title_codes_unknown_person_and_later_bare_mention(pipeline):
    text = (
        "Chinese Defense Minister Zhao Lintang visited Moscow on Monday. "
        "Zhao met Russian officials in the Kremlin."
    )
    events = pipeline.code_text(text, date="2021-07-30")
    first = [e for e in events if e.sentence_index == 0]
    later = [e for e in events if e.sentence_index == 1]
    assert first and first[0].source.code.startswith("CHN")
    assert later and later[0].source.code == first[0].source.code
