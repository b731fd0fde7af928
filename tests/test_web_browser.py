"""The dashboard in headless Chromium (Debian's), served by uvicorn on loopback over the demo store.

A person clicks from the overview to a dyad, to an event, to its article; each test checks one thing they
see on the way. The dyad page's screenshot goes to the pytest temporary folder, and also to
tests/artifacts/dyad.png when LEGATION_ARTIFACTS is set (CI can keep it; a clean checkout has none).
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from legation.analysis import dyad_report
from legation.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "dyad.png"


@pytest.fixture
def page(browser):
    """A fresh browser page (its own cookies), closed after the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def journey(browser, site, tmp_path_factory) -> dict[str, Any]:
    """Overview → top dyad → its strongest evidence event → the event's article: what a person sees."""
    seen: dict[str, Any] = {"requests": [], "console": []}
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}") if m.type == "error" else None)
    try:
        page.goto(site + "/")
        seen["bars"] = page.locator("#volume rect.bar").count()
        seen["top_dyad"] = page.locator("#top-dyads a.dyad-link").first.inner_text()
        page.locator("#top-dyads a.dyad-link").first.click()
        page.wait_for_selector("#timeline svg")
        seen["dyad_heading"] = page.locator("h1").inner_text()
        seen["lines"] = sorted(page.locator("#timeline polyline.series").evaluate_all(
            "nodes => nodes.map(n => n.dataset.series)"))  # fmt: skip
        seen["military_rows"] = page.locator("#military tbody tr").count()
        seen["places"] = page.locator("#map circle.place").count()
        seen["screenshot"] = tmp_path_factory.mktemp("screenshots") / "dyad.png"
        page.screenshot(path=str(seen["screenshot"]), full_page=True)
        if os.environ.get("LEGATION_ARTIFACTS"):
            ARTIFACT.parent.mkdir(exist_ok=True)
            shutil.copyfile(seen["screenshot"], ARTIFACT)
        seen["evidence_sentence"] = page.locator("#evidence blockquote").first.inner_text()
        page.locator("#evidence a.event-link").first.click()
        page.wait_for_selector("blockquote.sentence")
        seen["event_id"] = page.url.rsplit("/", 1)[-1]
        seen["event_sentence"] = page.locator("blockquote.sentence").inner_text()
        seen["event_mark"] = page.locator("blockquote.sentence mark.trigger").first.inner_text()
        trigger_fact = page.locator("dl.facts dt", has_text="trigger").locator("xpath=following-sibling::dd[1]")
        seen["event_trigger"] = trigger_fact.inner_text()
        page.locator("#article-link").click()
        page.wait_for_selector("#article-text")
        seen["article_title"] = page.locator("#article-title").inner_text()
        seen["article_marks"] = page.locator("#article-text mark.trigger").all_inner_texts()
        seen["article_row"] = page.locator(f"#ev-{seen['event_id']}").count()
        seen["article_text"] = page.locator("#article-text").inner_text()
    finally:
        context.close()
    return seen


def test_overview_draws_story_events_per_month(journey):
    assert journey["bars"] > 100


def test_top_dyad_link_opens_its_report(journey):
    assert journey["dyad_heading"] == f"Relationship: {journey['top_dyad']}"


def test_dyad_timeline_draws_cooperation_conflict_and_military_lines(journey):
    assert journey["lines"] == ["conflict", "cooperation", "military_cooperation"]


def test_dyad_page_lists_every_military_cooperation_event(journey, web_db):
    a, b = journey["top_dyad"].split("–")
    report = dyad_report(Store(web_db, read_only=True), a, b)
    assert journey["military_rows"] == len(report["military_events"])


def test_dyad_map_shows_event_places(journey):
    assert journey["places"] > 3


def test_dyad_page_screenshot_is_saved(journey):
    assert journey["screenshot"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evidence_link_opens_the_event_of_that_sentence(journey):
    assert journey["event_sentence"] == journey["evidence_sentence"]


def test_event_page_marks_its_trigger_in_the_sentence(journey):
    assert journey["event_mark"] == journey["event_trigger"]


def test_article_link_opens_the_article_of_the_event(journey):
    assert journey["event_sentence"] in journey["article_text"]


def test_article_lists_the_event_it_was_opened_from(journey):
    assert journey["article_row"] == 1


def test_article_highlights_the_trigger_of_the_event(journey):
    assert journey["event_trigger"] in journey["article_marks"]


def test_no_request_leaves_this_server(journey, site):
    assert [url for url in journey["requests"] if not url.startswith((site, "data:"))] == []


def test_pages_log_no_errors(journey):
    assert journey["console"] == []


def test_timeline_period_opens_the_events_behind_it(page, site):
    page.goto(site + "/dyads/RUS/CHN?freq=year")
    page.locator("#timeline rect.period").last.click()
    page.wait_for_selector("#events-table")
    assert int(page.locator("#total").inner_text()) > 0


def test_quick_filter_hides_rows_without_the_word(page, site):
    page.goto(site + "/events?source=RUS&target=CHN&undirected=true&limit=100")
    page.locator("#quick").fill("naval")
    shown = page.locator("#events-table tbody tr:visible").all_inner_texts()
    assert shown and all("naval" in row.lower() for row in shown) and len(shown) < 100


def test_csv_download_holds_every_filtered_event(page, site):
    page.goto(site + "/events?cameo=042")
    with page.expect_download() as download:
        page.locator("#csv").click()
    rows = list(csv.DictReader(open(download.value.path(), encoding="utf-8")))
    assert len(rows) == int(page.locator("#total").inner_text())


def test_network_line_opens_the_dyad_page(page, site):
    page.goto(site + "/network")
    page.locator("line.edge").first.click()
    page.wait_for_selector("#timeline svg")
    assert page.locator("h1").inner_text().startswith("Relationship: ")


def test_bad_date_on_a_page_says_what_is_wrong(page, site):
    page.goto(site + "/events?since=2021-02-30")
    assert "E110" in page.locator("ul.errors").inner_text()


def test_api_docs_render_every_operation_offline(page, site):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((site, "data:", "blob:")) else None)
    schema = page.request.get(site + "/openapi.json").json()
    operations = sum(len(methods) for methods in schema["paths"].values())
    page.goto(site + "/docs")
    page.wait_for_selector(".opblock")
    assert operations >= 17 and page.locator(".opblock").count() == operations and outside == []
