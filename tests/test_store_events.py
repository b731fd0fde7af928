"""Storing and querying events: idempotent upserts, the to_dict round trip, filters, stats."""

from __future__ import annotations

import pytest
from fixtures.ingest.helpers import article, make_event, sample_store

from legation.store import Batch, EventFilter, Store, open_store


@pytest.fixture
def store(tmp_path) -> Store:
    """A store with three articles (a2 a near copy of a1) and four events."""
    return sample_store(tmp_path / "events.duckdb")


def test_adding_the_same_events_again_adds_nothing(store):
    store.add_events([make_event("a1", 0, "Russia met China in Moscow.", "Russia", "China")])
    assert len(store.table_rows("events")) == 4


def test_a_stored_event_reads_back_as_its_to_dict(store):
    original = make_event("a3", 0, "France met Germany in Paris.", "France", "Germany", cameo="036")
    [stored] = [e for e in store.query_events() if e["id"] == original.id]
    assert {k: stored[k] for k in original.to_dict()} == original.to_dict()


def test_an_event_takes_its_articles_story_cluster(store):
    clusters = {e["doc_id"]: e["cluster_id"] for e in store.query_events()}
    assert clusters["a2"] == "a1"


def test_the_dyad_filter_is_directed(store):
    assert len(store.query_events(EventFilter(dyad=("CHN", "RUS")))) == 0


def test_the_dyad_filter_matches_source_and_target(store):
    assert {e["doc_id"] for e in store.query_events(EventFilter(dyad=("RUS", "CHN")))} == {"a1", "a2"}


def test_an_undirected_dyad_matches_either_direction(store):
    assert len(store.query_events(EventFilter(dyad=("CHN", "RUS"), undirected=True))) == 2


def test_the_actor_filter_matches_either_side(store):
    assert len(store.query_events(EventFilter(actor="CHN"))) == 3


def test_an_actor_name_matches_the_actor_text(store):
    assert len(store.query_events(EventFilter(actor="germany"))) == 1


def test_the_cameo_filter_takes_a_prefix(store):
    assert [e["cameo"] for e in store.query_events(EventFilter(cameo="04"))] == ["040", "040", "042"]


def test_the_root_filter_matches_the_root_code(store):
    assert [e["cameo"] for e in store.query_events(EventFilter(root="3"))] == ["036"]


def test_the_plover_filter_ignores_case(store):
    assert len(store.query_events(EventFilter(plover="consult"))) == 4


def test_dates_filter_on_the_event_date_before_the_publication_date(store):
    found = store.query_events(EventFilter(since="2024-05-01", until="2024-05-09"))
    assert [e["cameo"] for e in found] == ["042"]


def test_an_until_month_includes_the_whole_month(store):
    assert len(store.query_events(EventFilter(until="2024-03"))) == 2


def test_stats_count_articles_clusters_events_and_copies(store):
    stats = open_store(store.path).stats()
    assert (stats["articles"], stats["clusters"], stats["events"], stats["exact_copies"]) == (3, 2, 4, 1)


def test_stats_count_events_per_source(store):
    assert open_store(store.path).stats()["by_source"]["Courier"] == {"articles": 1, "events": 1}


def test_the_actors_view_has_one_row_per_actor_mention(store):
    assert len(store.table_rows("actors")) == 8


def test_the_cluster_summary_counts_reports_with_exact_copies(store):
    rows = {r[0]: r for r in store.table_rows("cluster_summary")}
    assert rows["a1"][5] == 3  # two articles and one exact copy


def test_the_known_state_lists_stored_content_hashes(store):
    assert store.known_state().content == {"ha1": "a1", "ha2": "a2", "ha3": "a3"}


def test_known_article_ids_answers_for_the_given_ids(store):
    assert store.known_article_ids(["a1", "zz"]) == {"a1"}


def test_a_failed_batch_stores_none_of_its_rows(store):
    bad = Batch(articles=[article("a9", 9)], events=[make_event("a9")])
    bad.articles.append(article("a10", 10))
    bad.articles[-1].text = None  # NOT NULL: the whole batch must roll back
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_batch(bad)
    assert store.known_article_ids(["a9"]) == set()
