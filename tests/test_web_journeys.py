"""The site used as a person uses it, in headless Chromium (Debian's): fill in and submit the forms, follow
overview → dyad → period → event → article → story, download CSV, and look at every page at 1280 px and at
a phone's 390 px, with no console errors anywhere.

Screenshots go to the pytest temporary folder, and also to tests/artifacts/ when LEGATION_ARTIFACTS is set.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WIDTHS = (1280, 390)


class Watched:
    """A browser page whose console errors and uncaught exceptions are collected."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))


@pytest.fixture
def watched(browser):
    """A fresh page at 1280 px that records console errors; the test fails if any were logged."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        seen = Watched(context.new_page())
        yield seen
        assert seen.errors == []
    finally:
        context.close()


def _first_event(site: str, page: Any) -> dict[str, Any]:
    response = page.request.get(site + "/api/events?limit=1&actor=RUS")
    return response.json()["events"][0]


# -- forms -------------------------------------------------------------------------------------------


def test_overview_dyad_form_opens_the_report(watched, site):
    page = watched.page
    page.goto(site + "/")
    page.fill("input[name=a]", "rus")
    page.fill("input[name=b]", "China")
    page.click("form[action='/dyad'] button[type=submit]")
    page.wait_for_selector("#timeline svg")
    assert page.url.endswith("/dyads/RUS/CHN") and page.locator("h1").inner_text() == "Relationship: RUS–CHN"


def test_actor_box_suggests_codes_from_the_store(watched, site):
    page = watched.page
    page.goto(site + "/")
    box = page.locator("input[name=a]")
    box.press_sequentially("RU", delay=50)
    list_id = box.get_attribute("list")
    page.locator(f"#{list_id} option").first.wait_for(state="attached")
    values = page.locator(f"#{list_id} option").evaluate_all("nodes => nodes.map(n => n.value)")
    assert "RUS" in values


def test_dyad_update_form_with_a_picked_date_and_empty_until(watched, site):
    page = watched.page
    page.goto(site + "/dyads/RUS/CHN")
    assert page.get_attribute("input[name=since]", "type") == "date"
    page.select_option("select[name=freq]", "year")
    page.fill("input[name=since]", "2018-01-01")
    page.click("form.inline button[type=submit]")
    page.wait_for_selector("#timeline svg")
    assert "freq=year" in page.url and "since=2018-01-01" in page.url and "until=" in page.url
    links = page.locator("#timeline a[href*='/events']").evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
    starts = [parse_qs(urlsplit(link).query)["since"][0] for link in links]
    assert starts and min(starts) >= "2018-01-01"


def test_alerts_form_filters_one_dyad(watched, site):
    page = watched.page
    page.goto(site + "/")
    page.click("#all-alerts")
    page.wait_for_selector("#alert-form")
    every = page.locator("li.alert").count()
    page.fill("#alert-form input[name=a]", "RUS")
    page.fill("#alert-form input[name=b]", "UKR")
    page.click("#alert-form button[type=submit]")
    page.wait_for_selector("#alert-list")
    dyads = page.locator("li.alert a.dyad-link").all_inner_texts()
    assert every > len(dyads) > 0 and set(dyads) == {"RUS–UKR"}


def test_error_page_form_corrects_one_value_and_keeps_the_rest(watched, site):
    page = watched.page
    response = page.goto(site + "/events?actor=RUS&root=04&since=2020-13-01")
    assert response is not None and response.status == 422
    watched.errors.clear()  # the browser logs the 422 of the page itself
    page.fill("#retry input[name=since]", "2012-01-01")
    page.click("#retry button[type=submit]")
    page.wait_for_selector("#events-table")
    assert page.input_value("form.filters input[name=actor]") == "RUS"
    assert page.input_value("form.filters input[name=root]") == "04"


# -- a journey ---------------------------------------------------------------------------------------


def test_overview_to_dyad_to_period_to_event_to_article_to_story(watched, site):
    page = watched.page
    page.goto(site + "/")
    page.locator("#top-dyads a.dyad-link").first.click()
    page.wait_for_selector("#timeline svg")
    page.locator("#timeline a[href*='/events']").first.click()
    page.wait_for_selector("#events-table")
    assert "undirected=true" in page.url and "since=" in page.url
    sentence = page.locator("#events-table a.event-link").first.inner_text()
    page.locator("#events-table a.event-link").first.click()
    page.wait_for_selector("blockquote.sentence")
    assert page.locator("blockquote.sentence").inner_text().strip() == sentence.strip()
    page.click("#article-link")
    page.wait_for_selector("#article-text")
    assert sentence.strip()[:40] in " ".join(page.locator("#article-text").inner_text().split())
    page.click("#story-link")
    page.wait_for_selector("#reports")
    assert page.locator("article.report").count() >= 1 and page.locator("#story-counts").is_visible()


# -- downloads ---------------------------------------------------------------------------------------


def _download(page: Any, address: str, link: str, path: Path) -> list[dict[str, str]]:
    """Open `address`, click the download `link`, save the file at `path` and read it as CSV rows."""
    page.goto(address)
    with page.expect_download() as info:
        page.click(link)
    info.value.save_as(path)
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_dyad_timeline_csv_download(watched, site, tmp_path):
    page = watched.page
    rows = _download(page, site + "/dyads/RUS/CHN?freq=year", "#timeline-csv", tmp_path / "timeline.csv")
    report = page.request.get(site + "/api/dyads/RUS/CHN?freq=year").json()
    assert [r["period"] for r in rows] == [p["period"] for p in report["series"]]


def test_alerts_csv_download(watched, site, tmp_path):
    page = watched.page
    rows = _download(page, site + "/alerts", "#alerts-csv", tmp_path / "alerts.csv")
    assert len(rows) == page.locator("li.alert").count() > 0 and all(r["event_ids"] for r in rows)


# -- every page, two widths --------------------------------------------------------------------------


def _pages(site: str, request: Any) -> dict[str, str]:
    event = request.get(site + "/api/events?limit=1&actor=RUS").json()["events"][0]
    return {
        "overview": "/", "dyad": "/dyads/RUS/CHN", "events": "/events?actor=RUS", "event": f"/events/{event['id']}",
        "article": f"/articles/{event['doc_id']}", "story": f"/stories/{event['cluster_id']}", "alerts": "/alerts",
        "network": "/network", "map": "/map",
    }  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_loads_without_console_errors_and_fits_the_screen(browser, site, width, tmp_path_factory):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        watched = Watched(context.new_page())
        page = watched.page
        shots = tmp_path_factory.mktemp(f"screens-{width}")
        overflow = {}
        for name, path in _pages(site, page.request).items():
            response = page.goto(site + path)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("load")
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width + 2:
                overflow[name] = wide
            if os.environ.get("LEGATION_ARTIFACTS"):
                ARTIFACTS.mkdir(exist_ok=True)
                shutil.copyfile(shots / f"{name}-{width}.png", ARTIFACTS / f"{name}-{width}.png")
        assert watched.errors == []
        assert overflow == {}, f"pages wider than the {width} px screen: {overflow}"
        assert len(list(shots.glob("*.png"))) == len(_pages(site, page.request))
    finally:
        context.close()


def test_wide_table_scrolls_inside_its_box_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(site + "/events?actor=RUS")
        box = page.locator(".table-wrap").first
        inner, outer = box.evaluate("n => [n.scrollWidth, n.clientWidth]")
        assert inner > outer and outer <= 390
        assert box.evaluate("n => getComputedStyle(n).overflowX") == "auto"
    finally:
        context.close()


def test_map_form_with_a_picked_period_draws_fewer_places(watched, site):
    page = watched.page
    page.goto(site + "/map")
    every = page.locator("#map circle.place").count()
    page.fill("form.map-options input[name=since]", "2024-01-01")
    page.fill("form.map-options input[name=until]", "2024-06-30")
    page.click("form.map-options button[type=submit]")
    page.wait_for_selector("#map-summary")
    assert "since=2024-01-01" in page.url and "until=2024-06-30" in page.url
    assert 0 < page.locator("#map circle.place").count() < every
