"""Read queries for the story view: the reports of one story cluster, each with the events coded from it.

A story cluster groups near-copies of one story (MinHash); a stored article may also have exact copies seen
at other places (`article_copies`), which are reports too but were not coded again.
"""

from __future__ import annotations

from typing import Any

from .records import event_dict
from .store import _EVENT_SELECT, Store


def _records(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with store.connect() as con:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def story_record(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """One story cluster: its title, first article and dates, its articles side by side with their events.

    None when there is no such cluster. Each article has `events` (the `Event.to_dict()` shape, text order)
    and `copies` (exact copies stored once: place, url, outlet)."""
    head = _records(store, "SELECT id, first_article_id, title, CAST(first_published AS VARCHAR) AS first_published"
                           " FROM story_clusters WHERE id = ?", [cluster_id])  # fmt: skip
    if not head:
        return None
    articles = _records(
        store,
        "SELECT id, title, url, source, CAST(published AS VARCHAR) AS published, similarity, coded, coder"
        " FROM articles WHERE cluster_id = ? ORDER BY published NULLS LAST, seq",
        [cluster_id],
    )
    ids = [a["id"] for a in articles]
    events = _records(store, _EVENT_SELECT + " WHERE list_contains(?, e.article_id)"
                             " ORDER BY e.sentence_index, e.trigger_start, e.id", [ids])  # fmt: skip
    copies = _records(store, "SELECT article_id, location, url, source FROM article_copies"
                             " WHERE list_contains(?, article_id) ORDER BY location", [ids])  # fmt: skip
    for article in articles:
        article["events"] = [event_dict(r) for r in events if r["article_id"] == article["id"]]
        article["copies"] = [{k: c[k] for k in ("location", "url", "source")} for c in copies
                             if c["article_id"] == article["id"]]  # fmt: skip
    reports = len(articles) + len(copies)
    outlets = sorted({a["source"] for a in articles if a["source"]} | {c["source"] for c in copies if c["source"]})
    return {**head[0], "articles": articles, "reports": reports, "outlets": outlets,
            "events": sum(len(a["events"]) for a in articles)}  # fmt: skip
