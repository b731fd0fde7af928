"""The demo corpus and the RUS–CHN report on it: rising military cooperation, checked against plain SQL."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from legation.analysis import demo_corpus, ingest_demo
from legation.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]  # fmt: skip


def _articles() -> list[dict]:
    return [json.loads(line) for line in demo_corpus().read_text(encoding="utf-8").splitlines() if line.strip()]


def _originals() -> list[dict]:
    return [a for a in _articles() if not a["id"].endswith(("-syn", "-copy"))]


def test_demo_corpus_has_at_least_150_articles():
    assert len(_originals()) >= 150


def test_demo_corpus_is_dated_2012_to_2024():
    years = {a["date"][:4] for a in _articles()}
    assert years == {str(y) for y in range(2012, 2025)}


def test_demo_corpus_covers_the_contrasting_dyads():
    groups = {a["id"].rsplit("-", 2)[0] for a in _originals()}
    assert {"rus-chn", "usa-jpn", "ind-chn", "rus-ukr", "usa-chn"} <= groups


def test_demo_corpus_has_syndicated_copies():
    assert sum(a["id"].endswith("-syn") for a in _articles()) >= 5


def test_demo_articles_are_short():
    assert all(2 <= a["text"].count(". ") + 1 <= 5 for a in _originals())


def _main(*args: object) -> tuple[int, str, str]:
    """Run `legation ARGS` in-process (module-scoped fixtures cannot use the `cli` fixture)."""
    from legation.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline) -> Path:
    """A store with the demo corpus ingested."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    ingest_demo(db, coder=pipeline)
    return db


@pytest.fixture(scope="module")
def report(demo_db) -> dict:
    """`legation dyad RUS CHN --format json` on the demo store."""
    code, out, err = _main("dyad", "RUS", "CHN", "--db", demo_db, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.slow
def test_dyad_json_has_the_documented_keys(report):
    keys = {"dyad", "series", "trend", "change_points", "evidence", "comparison"}
    row_keys = {"period", "events", "cooperation", "conflict", "military_cooperation", "goldstein_mean"}
    assert keys <= set(report) and all(row_keys <= set(row) for row in report["series"])


@pytest.mark.slow
def test_military_cooperation_is_rising(report):
    assert report["trend"]["military_cooperation"]["direction"] == "rising"


@pytest.mark.slow
def test_military_cooperation_share_of_all_coverage_is_rising(report):
    assert report["trend"]["military_cooperation"]["share"]["direction"] == "rising"


@pytest.mark.slow
def test_military_events_are_the_events_behind_the_count(report):
    events = report["military_events"]
    assert len(events) == report["totals"]["military_cooperation"] and all(
        "military_cooperation" in e["indicators"] for e in events
    )


@pytest.mark.slow
def test_evidence_cites_sentences_with_their_articles(report):
    assert all(e["sentence"] and e["article"]["title"] for e in report["evidence"])


@pytest.mark.slow
def test_alignment_score_is_the_sum_of_its_components(report):
    align = report["comparison"]["dyad"]["alignment"]
    assert align["score"] == pytest.approx(sum(c["contribution"] for c in align["components"]), abs=1e-3)


@pytest.mark.slow
def test_comparison_includes_the_reference_dyads(report):
    assert {r["dyad"] for r in report["comparison"]["references"]} == {"USA–JPN", "IND–CHN", "USA–CHN", "RUS–UKR"}


# Plain SQL, written apart from legation/store/analysis_queries.py: RUS-CHN story events per year. A story event
# is (story cluster, CAMEO code, the two countries); it falls on its event date when that is precise and within
# a year of publication, else on the publication date.
EVENTS_PER_YEAR_SQL = """
WITH e AS (
    SELECT coalesce(ev.cluster_id, ev.article_id) AS story, ev.cameo,
           least(ev.source_country, ev.target_country) AS x, greatest(ev.source_country, ev.target_country) AS y,
           CASE WHEN ev.date_precision IN ('day', 'week', 'span', 'month')
                 AND abs(date_diff('day', a.published, CAST(left(ev.date, 10) AS DATE))) <= 366
                THEN CAST(left(ev.date, 10) AS DATE) ELSE a.published END AS day
    FROM events ev JOIN articles a ON a.id = ev.article_id
    WHERE ev.modality IN ('asserted', 'planned')
      AND ((ev.source_country = 'RUS' AND ev.target_country = 'CHN')
        OR (ev.source_country = 'CHN' AND ev.target_country = 'RUS'))
)
SELECT CAST(year(first_day) AS VARCHAR) AS period, count(*) AS n
FROM (SELECT story, cameo, x, y, min(day) AS first_day FROM e GROUP BY story, cameo, x, y)
GROUP BY period ORDER BY period
"""


@pytest.mark.slow
def test_events_per_year_match_plain_sql(report, demo_db):
    with Store(demo_db, read_only=True).connect() as con:
        expected = dict(con.execute(EVENTS_PER_YEAR_SQL).fetchall())
    assert {r["period"]: r["events"] for r in report["series"] if r["events"]} == expected


@pytest.fixture(scope="module")
def demo_rerun(demo_db):
    """`legation demo` run again on the store that already holds the corpus."""
    before = Store(demo_db, read_only=True).stats()
    code, out, err = _main("demo", "--db", demo_db)
    assert code == 0, err
    return {"stdout": out, "before": before, "after": Store(demo_db, read_only=True).stats()}


@pytest.mark.slow
def test_demo_rerun_adds_nothing(demo_rerun):
    assert demo_rerun["after"] == demo_rerun["before"]


@pytest.mark.slow
def test_demo_prints_the_rus_chn_report(demo_rerun):
    assert demo_rerun["stdout"].startswith("Relationship report RUS–CHN")


@pytest.fixture(scope="module")
def report_dir(demo_db, tmp_path_factory) -> Path:
    """The report files written by `legation dyad RUS CHN --out DIR`."""
    out = tmp_path_factory.mktemp("report")
    code, _, err = _main("dyad", "RUS", "CHN", "--db", demo_db, "--out", out)
    assert code == 0, err
    return out


@pytest.mark.slow
def test_dyad_out_writes_report_and_charts(report_dir):
    names = {p.name for p in report_dir.iterdir()}
    assert names == {"report.json", "report.html", "report.txt", "cooperation_conflict.svg",
                     "cooperation_conflict.png", "normalised.svg", "normalised.png"}  # fmt: skip


def _colour_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of a PNG are within `tolerance` of a colour on every channel."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(pixels - np.array(rgb)) <= tolerance).all(axis=-1).sum())


@pytest.fixture(scope="module")
def chart_shots(report_dir) -> dict[str, bytes]:
    """Screenshots of the HTML report's charts, taken in headless Chromium."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    shots = {}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto((report_dir / "report.html").as_uri())
            for chart in ("cooperation_conflict", "normalised"):
                shots[chart] = page.locator(f"#chart-{chart} svg").screenshot()
        finally:
            browser.close()
    return shots


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("chart", ["cooperation_conflict", "normalised"])
def test_html_chart_draws_cooperation_and_conflict_lines(chart_shots, chart):
    shot = chart_shots[chart]
    assert min(_colour_pixels(shot, (31, 119, 180)), _colour_pixels(shot, (214, 39, 40))) > 300
