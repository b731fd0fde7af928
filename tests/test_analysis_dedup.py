"""Counting per story cluster: syndicated copies of a story add reports, not events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.analysis import dyad_series
from legation.ingest import run as ingest
from legation.store import Store

# Our own test article and its syndicated copies (a dateline and a closing line added; one exact copy).
STORY = (
    "Brazil signed a trade agreement with Argentina in Brasilia on Monday. The deal lowers tariffs on cars and "
    "steel. Argentine officials praised the agreement as a step toward deeper regional integration."
)
COPIES = [
    "RIO DE JANEIRO (Wire Two) - " + STORY + " Markets in Sao Paulo rose after the news.",
    "BUENOS AIRES (Wire Three) - " + STORY + " The agreement still needs approval by both congresses.",
    STORY,  # republished word for word by another outlet
]
OTHER = (
    "Chile held joint naval exercises with Peru off the port of Callao this week. Warships from both navies "
    "practised search and rescue."
)


def _store(folder: Path, texts: list[str], pipeline) -> Store:
    rows = [{"id": f"r{i}", "date": "2023-03-06", "source": f"Outlet {i}", "text": t} for i, t in enumerate(texts)]
    corpus = folder / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ingest([corpus], folder / "news.duckdb", coder=pipeline)
    return Store(folder / "news.duckdb", read_only=True)


@pytest.fixture(scope="module")
def single(tmp_path_factory, pipeline) -> Store:
    """The story reported once."""
    return _store(tmp_path_factory.mktemp("single"), [STORY, OTHER], pipeline)


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory, pipeline) -> Store:
    """The story reported four times: the original, two syndicated near-copies and an exact copy."""
    return _store(tmp_path_factory.mktemp("syndicated"), [STORY, *COPIES, OTHER], pipeline)


def _row(store: Store) -> dict:
    rows = dyad_series(store, "BRA", "ARG", freq="month").rows
    return next(r for r in rows if r["period"] == "2023-03")


@pytest.mark.slow
def test_syndicated_copies_do_not_add_events(single, syndicated):
    assert _row(syndicated)["events"] == _row(single)["events"] > 0


@pytest.mark.slow
def test_syndicated_copies_are_counted_as_reports(syndicated):
    units = dyad_series(syndicated, "BRA", "ARG", freq="month").units
    assert {u["cameo"]: u["reports"] for u in units}["057"] == 4


@pytest.mark.slow
def test_volume_counts_stories_not_copies(single, syndicated):
    assert _row(syndicated)["volume"] == _row(single)["volume"] > _row(single)["events"]
