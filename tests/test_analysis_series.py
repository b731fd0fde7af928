"""Dyad series over a store written through the store API (no coder): counting, dates, coders, normalisation."""

from __future__ import annotations

import pytest

from legation.analysis import dyad_series
from legation.model import Actor, Event, Plover
from legation.store import ArticleRecord, Batch, ClusterRecord, Store

CAMEO = {  # cameo: (name, quad class, goldstein, PLOVER type, context)
    "062": ("Cooperate militarily", 2, 7.4, "COOPERATE", "military"),
    "112": ("Accuse", 3, -2.0, "ACCUSE", None),
    "042": ("Make a visit", 1, 1.9, "CONSULT", None),
}


def _event(
    article: str,
    index: int,
    src: str,
    tgt: str,
    cameo: str,
    coder: str = "legation.RuleCoder.v1",
    date: str | None = None,
    precision: str | None = None,
    modality: str = "asserted",
) -> Event:
    name, quad, goldstein, plover, context = CAMEO[cameo]
    return Event(
        doc_id=article, sentence_index=index, sentence=f"{src} and {tgt}, sentence {index}.",
        source=Actor(src, src, src[:3], src[3:] or None), target=Actor(tgt, tgt, tgt[:3], tgt[3:] or None),
        cameo=cameo, cameo_name=name, root=cameo[:2], quad_class=quad, goldstein=goldstein,
        plover=Plover(plover, None, context), modality=modality, trigger="t", trigger_start=0, trigger_end=1,
        confidence=1.0, coder=coder, date=date, date_precision=precision,
    )  # fmt: skip


def _article(seq: int, published: str, cluster: str | None = None) -> ArticleRecord:
    art = f"a{seq}"
    return ArticleRecord(id=art, seq=seq, content_hash=f"h{seq}", text=f"text {seq}", cluster_id=cluster or art,
                         coded=True, published=published, title=f"Article {seq}")  # fmt: skip


@pytest.fixture
def store(tmp_path) -> Store:
    """January: a drill (reported twice in one cluster) and a visit; February: an accusation, a denied drill,
    an imported GDELT copy of the drill, and an unrelated event; a background mention dated years back."""
    articles = [_article(1, "2024-01-10"), _article(2, "2024-01-11", cluster="a1"), _article(3, "2024-01-20"),
                _article(4, "2024-02-05"), _article(5, "2024-02-06"), _article(6, "2024-02-07")]  # fmt: skip
    events = [
        _event("a1", 0, "RUS", "CHN", "062"),
        _event("a1", 0, "CHN", "RUS", "062"),
        _event("a2", 1, "RUSMIL", "CHNMIL", "062"),  # the same drill in the syndicated copy
        _event("a3", 0, "RUSGOV", "CHN", "042"),
        _event("a4", 0, "CHN", "RUS", "112"),
        _event("a4", 1, "RUS", "CHN", "062", modality="denied"),
        _event("a5", 0, "RUS", "CHN", "062", coder="gdelt-2.0"),
        _event("a5", 1, "USA", "JPN", "042"),
        _event("a6", 0, "RUS", "CHN", "042", date="1981-01-01", precision="year"),  # counted on publication
    ]
    db = tmp_path / "series.duckdb"
    store = Store(db)
    clusters = [ClusterRecord(a.id, a.id, a.title, a.published) for a in articles if a.cluster_id == a.id]
    store.add_batch(Batch(articles=articles, clusters=clusters, events=events))
    return Store(db, read_only=True)


def _rows(store: Store, **options) -> dict[str, dict]:
    return {r["period"]: r for r in dyad_series(store, "RUS", "CHN", freq="month", **options).rows}


def test_one_story_one_event_whatever_the_direction_and_copies(store):
    assert _rows(store)["2024-01"]["military_cooperation"] == 1


def test_reports_count_the_articles_of_the_story(store):
    assert _rows(store)["2024-01"]["reports"] == 3  # the drill in a1 and a2, the visit in a3


def test_denied_events_do_not_count(store):
    assert _rows(store)["2024-02"]["military_cooperation"] == 0


def test_background_mention_falls_on_the_publication_date(store):
    assert _rows(store)["2024-02"]["visits"] == 1


def test_imported_datasets_are_left_out_by_default(store):
    assert _rows(store)["2024-02"]["volume"] == 3  # accusation, visit to Japan, background visit


def test_coders_select_an_imported_dataset(store):
    assert _rows(store, coders=["gdelt-2.0"])["2024-02"]["military_cooperation"] == 1


def test_shares_divide_by_the_volume_of_the_period(store):
    assert _rows(store)["2024-01"]["normalised"]["events"] == pytest.approx(2 / 2)


def test_sectors_narrow_the_actors(store):
    assert _rows(store, sectors=["MIL"])["2024-01"]["events"] == 1  # the RUSMIL-CHNMIL report of the drill
