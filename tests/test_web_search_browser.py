"""The events page's search box, facets, sort and page-size selects and date pickers, in headless Chromium.

Each test starts from the events page over the demo store, does what a person would (types, clicks, picks)
and checks the rows shown; every page's console errors are collected and must stay empty.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]



@pytest.fixture(scope="module")
def console() -> list[str]:
    """Console errors of every page opened by this module's tests."""
    return []


@pytest.fixture
def page(browser, console):
    """A fresh browser page (its own cookies) whose console errors go to `console`, closed after the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.on("console", lambda m: console.append(f"{tab.url}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda exc: console.append(f"{tab.url}: {exc}"))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="module")
def corpus(web_db) -> dict[str, str]:
    """Every event id with its sentence, article title and text joined (lower case)."""
    with duckdb.connect(str(web_db), read_only=True) as con:
        rows = con.execute("SELECT e.id, concat_ws(' ', e.sentence, a.title, a.text) FROM events e"
                           " JOIN articles a ON a.id = e.article_id").fetchall()  # fmt: skip
    return {r[0]: r[1].lower() for r in rows}


def row_ids(page) -> list[str]:
    return page.locator("#events-table tbody tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")


def column(page, css: str) -> list[str]:
    return page.locator(f"#events-table tbody tr[data-id] td{css}").all_inner_texts()


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("#event-filters button[type=submit]").click()


def test_search_box_finds_rows_with_the_words(page, site, corpus):
    page.goto(site + "/events")
    every = int(page.locator("#total").inner_text())
    page.locator("#q").fill("naval drills")
    submit(page)
    assert parse_qs(urlsplit(page.url).query)["q"] == ["naval drills"]
    found = row_ids(page)
    assert found and len(found) == int(page.locator("#total").inner_text()) < every
    for event_id in found:
        assert re.search(r"(?<!\w)naval", corpus[event_id]) and re.search(r"(?<!\w)drill", corpus[event_id])
    assert page.locator("#q").input_value() == "naval drills"


def test_clicking_a_facet_value_keeps_only_rows_with_it(page, site):
    page.goto(site + "/events?q=exercise")
    link = page.locator('section.facet[data-facet="plover"] a.facet-value').first
    value, count = link.get_attribute("data-value"), int(link.locator("xpath=../span[@class='count']").inner_text())
    with page.expect_navigation():
        link.click()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["exercise"], "plover": [value]}
    assert int(page.locator("#total").inner_text()) == count
    plover = page.locator("#events-table tbody tr[data-id] td:nth-child(5)").all_inner_texts()
    assert plover and set(plover) == {value}
    assert page.locator('#active-filters li[data-param="plover"]').count() == 1


def test_removing_an_active_filter_brings_its_rows_back(page, site):
    page.goto(site + "/events?q=exercise&root=06")
    narrow = int(page.locator("#total").inner_text())
    with page.expect_navigation():
        page.locator('#active-filters li[data-param="root"] a.remove').click()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["exercise"]}
    assert int(page.locator("#total").inner_text()) > narrow


def test_sort_and_page_size_selects_change_the_rows(page, site):
    page.goto(site + "/events")
    page.locator("#sort").select_option("-goldstein")
    page.locator("#limit").select_option("25")
    submit(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["sort"] == ["-goldstein"] and query["limit"] == ["25"]
    values = [float(v) for v in column(page, ".goldstein")]
    assert len(values) == 25 and values == sorted(values, reverse=True) and values[0] > values[-1]
    assert page.locator("#sort").input_value() == "-goldstein" and page.locator("#limit").input_value() == "25"
    with page.expect_navigation():
        page.locator('a[rel="next"]').click()
    following = [float(v) for v in column(page, ".goldstein")]
    assert len(following) == 25 and max(following) <= values[-1]


def test_date_pickers_are_dates_and_a_picked_date_filters(page, site):
    page.goto(site + "/events?limit=250")
    assert page.locator("#since").get_attribute("type") == "date"
    assert page.locator("#until").get_attribute("type") == "date"
    page.locator("#since").fill("2022-01-01")
    page.locator("#until").fill("2022-12-31")
    submit(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"] == ["2022-01-01"] and query["until"] == ["2022-12-31"]
    dates = page.locator("#events-table tbody tr[data-id] td:first-child").all_inner_texts()
    assert dates and all("2022-01-01" <= d <= "2022-12-31" for d in dates)


def test_a_year_in_the_url_survives_the_form(page, site):
    page.goto(site + "/events?since=2022&until=2022")
    total = page.locator("#total").inner_text()
    assert page.locator("#since").input_value() == "2022-01-01"
    submit(page)
    assert page.locator("#total").inner_text() == total


def test_submitting_empty_boxes_shows_every_event(page, site):
    page.goto(site + "/events")
    every = page.locator("#total").inner_text()
    submit(page)
    assert "q=" in page.url and page.locator("h1").inner_text() == "Events"
    assert page.locator("#total").inner_text() == every


def test_no_console_errors(console):
    assert console == []
