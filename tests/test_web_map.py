"""The world map (issue 16): the Natural Earth outlines, the dyad and /map pages' SVG, /api/places, and the
map in headless Chromium (outlines drawn, zoom buttons, pan, hover text, screenshots at 1280 and 390 px).

Screenshots go to the pytest temporary folder, and also to tests/artifacts/map-*.png when LEGATION_ARTIFACTS
is set (as tests/test_web_browser.py does for the dyad page).
"""

from __future__ import annotations

import csv
import html
import importlib.util
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from legation.web import worldmap
from legation.web.tables import PLACES as PLACE_COLUMNS

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "legation" / "data" / "world.json"
SHARED = Path(os.environ.get("LEGATION_SHARED") or ROOT.parent / "shared")
SOURCE = next((base / "geo" / "ne_110m_admin_0_countries.geojson" for base in (SHARED, SHARED / "reference")
               if (base / "geo" / "ne_110m_admin_0_countries.geojson").exists()), None)  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BASES = {"phrase", "venue", "dateline", "article"}
BASIS_OR_UNKNOWN = BASES | {"unknown"}
TITLE = re.compile(r'<circle class="(place(?: article)?)"[^>]*>\s*<title>(.*?)</title>', re.S)


def build_script() -> Any:
    """scripts/build_world.py as a module."""
    spec = importlib.util.spec_from_file_location("build_world", ROOT / "scripts" / "build_world.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def box(rings: list[list[list[float]]]) -> tuple[float, float, float, float]:
    """West, south, east, north of some rings."""
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def circles(page_html: str) -> list[tuple[str, str]]:
    """(class, title text) of every place circle in a page."""
    return [(kind, html.unescape(text)) for kind, text in TITLE.findall(page_html)]


# -- the shipped outlines ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world() -> dict[str, dict[str, Any]]:
    """The shipped world.json, by ISO3 code."""
    return {c["iso3"]: c for c in json.loads(WORLD.read_text(encoding="utf-8"))["countries"]}


def test_world_file_is_small(world):
    assert WORLD.stat().st_size < 300_000 and len(world) >= 170


@pytest.mark.parametrize(("iso3", "west", "south", "east", "north"), [
    ("RUS", 19, 41, 180, 82),  # Kaliningrad to the Bering Strait (and a ring over the antimeridian)
    ("CHN", 73, 18, 135.5, 54),
    ("FRA", -5, 41, 10, 51.5),  # mainland and Corsica (French Guiana is another ring)
    ("NOR", 4.5, 57.5, 31.5, 81),  # Natural Earth's ISO_A3 is -99 for France and Norway
    ("USA", -125, 24.5, -66.5, 49.5),
])  # fmt: skip
def test_outline_has_a_plausible_bounding_box(world, iso3, west, south, east, north):
    rings = world[iso3]["rings"]
    largest = max(rings, key=len)
    w, s, e, n = box([largest])
    assert west - 1.5 <= w and e <= east + 1.5 and south - 1.5 <= s and n <= north + 1.5
    assert e - w > (east - west) / 2 and n - s > (north - south) / 2  # not a sliver of the country


def test_no_natural_earth_placeholder_codes(world):
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in world) and {"FRA", "NOR", "KOS"} <= set(world)


def test_country_names_are_kept(world):
    assert (world["RUS"]["name"], world["CHN"]["name"], world["FRA"]["name"]) == ("Russia", "China", "France")


def test_rings_are_open_lists_of_rounded_pairs(world):
    ring = world["CHN"]["rings"][0]
    assert ring[0] != ring[-1] and all(len(p) == 2 and round(p[0], 2) == p[0] for p in ring)


def test_simplify_keeps_the_ends_and_drops_a_point_on_the_line():
    module = build_script()
    assert module.simplify([(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 5.0)]) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]


def test_iso3_falls_back_from_minus_99():
    module = build_script()
    assert module.iso3({"ISO_A3": "-99", "ISO_A3_EH": "-99", "ADM0_A3": "KOS"}) == "KOS"
    assert module.iso3({"ISO_A3": "-99", "ISO_A3_EH": "FRA", "ADM0_A3": "FRA"}) == "FRA"


@pytest.mark.shared
@pytest.mark.skipif(SOURCE is None, reason=f"no geo/ne_110m_admin_0_countries.geojson under {SHARED}")
def test_rebuild_matches_shipped(tmp_path):
    out = tmp_path / "world.json"
    assert build_script().main(["--shared", str(SHARED), "--out", str(out)]) == 0
    assert out.read_bytes() == WORLD.read_bytes(), "world.json is stale: run scripts/build_world.py"


# -- the drawing, without a store ---------------------------------------------------------------------------


def test_projection_puts_the_corners_and_moscow_where_expected():
    assert worldmap.project(-180, worldmap.NORTH) == (0.0, 0.0)
    assert worldmap.project(180, worldmap.SOUTH) == pytest.approx((worldmap.WIDTH, worldmap.HEIGHT))
    x, y = worldmap.project(37.6, 55.75)
    assert 0.5 * worldmap.WIDTH < x < 0.65 * worldmap.WIDTH and y < 0.25 * worldmap.HEIGHT


def test_radius_grows_with_the_square_root_of_the_count():
    small, big = worldmap.radius(1, 16), worldmap.radius(16, 16)
    quarter = worldmap.radius(4, 16)
    assert small < quarter < big == worldmap.MAX_RADIUS
    assert quarter - worldmap.MIN_RADIUS == pytest.approx((big - worldmap.MIN_RADIUS) / 2)


def test_map_has_no_text_labels_and_no_style_attributes():
    place = {"lat": 55.75, "lon": 37.6, "name": "Moscow", "count": 3, "cooperation": 2, "conflict": 1,
             "precision": "city", "basis": "venue", "event_id": "abc"}  # fmt: skip
    drawn = worldmap.world_map([place], "test")
    assert "<text" not in drawn and "style=" not in drawn and "<script" not in drawn
    assert 'href="/events/abc"' in drawn and "precision: city; basis: venue" in drawn


# -- pages and the API on the demo store -------------------------------------------------------------------


@pytest.fixture(scope="module")
def dyad_html(client) -> str:
    response = client.get("/dyads/RUS/CHN")
    assert response.status_code == 200
    return response.text


@pytest.mark.slow
def test_dyad_map_draws_country_outlines(dyad_html):
    assert dyad_html.count('<path class="country"') >= 170
    assert re.search(r'<path class="country" data-iso3="RUS" d="M[^"]+Z"[^>]*><title>Russia</title>', dyad_html)


@pytest.mark.slow
def test_dyad_map_draws_place_circles_linked_to_events(dyad_html):
    found = re.findall(r'<a class="place-link" href="(/events/[0-9a-f]{16})"><circle class="place"', dyad_html)
    assert len(found) > 3


@pytest.mark.slow
def test_every_circle_title_names_precision_and_basis(dyad_html):
    titles = [text for _, text in circles(dyad_html)]
    assert titles
    for text in titles:
        found = re.search(r"precision: (\w+); basis: (\w+)", text)
        assert found and found.group(2) in BASIS_OR_UNKNOWN, text


@pytest.mark.slow
def test_dyad_map_draws_no_text_on_the_map(dyad_html):
    svg = dyad_html[dyad_html.index('<svg xmlns="http://www.w3.org/2000/svg" class="worldmap-svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert "<text" not in svg and "style=" not in svg


@pytest.mark.slow
def test_article_country_places_are_left_out_by_default(dyad_html):
    kinds = {kind for kind, _ in circles(dyad_html)}
    assert kinds == {"place"} and "basis: article" not in dyad_html
    assert 'id="article-places"' in dyad_html and "data-autosubmit checked" not in dyad_html


@pytest.mark.slow
def test_checkbox_adds_article_country_places_hollow(client, dyad_html):
    page = client.get("/dyads/RUS/CHN", params={"article_places": "true"}).text
    article = [text for kind, text in circles(page) if kind == "place article"]
    assert article and all("basis: article" in t and "only by the article's country" in t for t in article)
    assert [t for k, t in circles(page) if k == "place"] == [t for _, t in circles(dyad_html)]
    assert re.search(r'<circle class="place article"[^>]*fill-opacity="0"[^>]*stroke-dasharray', page)
    assert "data-autosubmit checked" in page


@pytest.mark.slow
def test_map_page_shows_all_places_with_a_nav_link(client):
    page = client.get("/map").text
    assert '<a href="/map">Map</a>' in page and '<script src="/static/map.js" defer></script>' in page
    dyad = client.get("/api/places", params={"source": "RUS", "target": "CHN", "undirected": "true"}).json()
    assert len(circles(page)) > dyad["count"] > 0
    assert 'data-zoom="in"' in page and 'data-zoom="reset"' in page


@pytest.mark.slow
def test_map_page_checkbox_adds_article_places(client):
    assert not [k for k, _ in circles(client.get("/map").text) if k == "place article"]
    assert [k for k, _ in circles(client.get("/map?article_places=true").text) if k == "place article"]


@pytest.mark.slow
def test_api_places_groups_events_with_precision_and_basis(client):
    data = client.get("/api/places", params={"source": "RUS", "target": "CHN", "undirected": "true"}).json()
    assert data["count"] == len(data["places"]) > 3 and data["article_places"] is False
    for place in data["places"]:
        assert place["count"] == len(place["event_ids"]) and place["event_id"] == place["event_ids"][0]
        assert place["precision"] != "article" and place["basis"] in BASES - {"article"}
        assert place["cooperation"] + place["conflict"] == place["count"]
    keys = [(p["lat"], p["lon"], p["name"], p["precision"], p["basis"]) for p in data["places"]]
    assert len(keys) == len(set(keys))


@pytest.mark.slow
def test_api_places_counts_match_the_dyad_page(client, dyad_html):
    data = client.get("/api/places", params={"source": "RUS", "target": "CHN", "undirected": "true"}).json()
    assert len(circles(dyad_html)) == data["count"]


@pytest.mark.slow
def test_api_places_with_article_places_adds_only_article_rows(client):
    plain = client.get("/api/places").json()["places"]
    every = client.get("/api/places", params={"article_places": "true"}).json()["places"]
    added = [p for p in every if p not in plain]
    assert added and {p["precision"] for p in added} == {"article"}
    assert sum(p["count"] for p in every) > sum(p["count"] for p in plain)


@pytest.mark.slow
def test_api_places_csv_has_a_fixed_header_and_the_json_rows(client):
    params = {"source": "RUS", "target": "CHN", "undirected": "true"}
    response = client.get("/api/places.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == PLACE_COLUMNS
    data = client.get("/api/places", params=params).json()
    assert [r[0] for r in rows[1:]] == [p["name"] for p in data["places"]]
    assert [int(r[4]) for r in rows[1:]] == [p["count"] for p in data["places"]]


@pytest.mark.slow
def test_api_places_csv_header_is_the_same_with_no_rows(client):
    empty = client.get("/api/places.csv", params={"source": "RUS", "target": "CHN", "since": "1900", "until": "1900"})
    assert empty.status_code == 200
    assert list(csv.reader(io.StringIO(empty.text))) == [list(PLACE_COLUMNS)]
    assert client.get("/api/places", params={"source": "RUS", "target": "CHN", "until": "1900"}).json()["places"] == []


@pytest.mark.slow
def test_api_places_refuses_a_bad_flag(client):
    assert client.get("/api/places", params={"article_places": "perhaps"}).status_code == 422
    assert client.get("/dyads/RUS/CHN", params={"article_places": "perhaps"}).status_code == 422


# -- in Chromium ---------------------------------------------------------------------------------------------


@pytest.fixture
def page(browser):
    """A fresh browser page whose console errors (a CSP violation is one) are kept in page.errors."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        tab = context.new_page()
        tab.errors = []  # type: ignore[attr-defined]
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        yield tab
    finally:
        context.close()


def view_box(page) -> list[float]:
    return [float(v) for v in page.locator("#map svg.worldmap-svg").get_attribute("viewBox").split()]


@pytest.mark.slow
@pytest.mark.browser
def test_browser_draws_outlines_and_places(page, site):
    page.goto(site + "/dyads/RUS/CHN")
    assert page.locator("#map path.country").count() >= 170
    assert page.locator("#map circle.place").count() > 3
    size = page.locator("#map path.country[data-iso3=RUS]").bounding_box()
    assert size and size["width"] > 100  # the outline is drawn, and large on screen
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_zoom_in_button_changes_the_view_box_and_reset_restores_it(page, site):
    page.goto(site + "/dyads/RUS/CHN")
    home = view_box(page)
    page.locator("#map button[data-zoom=in]").click()
    zoomed = view_box(page)
    assert zoomed[2] == pytest.approx(home[2] / 1.6, rel=0.02)
    page.locator("#map button[data-zoom=out]").click()
    page.locator("#map button[data-zoom=out]").click()
    assert view_box(page)[2] > zoomed[2]
    page.locator("#map button[data-zoom=reset]").click()
    assert view_box(page) == pytest.approx(home, abs=0.05)
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_wheel_zooms_and_drag_pans(page, site):
    page.goto(site + "/map")
    svg = page.locator("#map svg.worldmap-svg")
    svg.scroll_into_view_if_needed()
    frame = svg.bounding_box()
    assert frame
    x, y = frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2
    page.mouse.move(x, y)
    before = view_box(page)
    page.mouse.wheel(0, -300)
    page.wait_for_function("w => Number(document.querySelector('#map svg').getAttribute('viewBox')"
                           ".split(' ')[2]) < w", arg=before[2])  # fmt: skip
    zoomed = view_box(page)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 80, y - 40, steps=5)
    page.mouse.up()
    panned = view_box(page)
    assert panned[2] == pytest.approx(zoomed[2]) and panned[0] > zoomed[0]
    assert page.url.endswith("/map")  # a drag that ends on a circle does not follow its link
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_hovered_circle_title_names_place_precision_and_basis(page, site):
    page.goto(site + "/dyads/RUS/CHN")
    circle = page.locator("#map circle.place").last  # drawn last: on top of the others
    circle.hover()
    hovered = page.evaluate("() => { const c = document.querySelector('#map circle.place:hover');"
                            " return c && [c.dataset.name, c.querySelector('title').textContent]; }")  # fmt: skip
    assert hovered, "no circle under the pointer"
    name, title = hovered
    assert title.startswith(name + ":") and re.search(r"precision: \w+; basis: (phrase|venue|dateline)", title)


@pytest.mark.slow
@pytest.mark.browser
def test_clicking_a_circle_opens_its_event(page, site):
    page.goto(site + "/dyads/RUS/CHN")
    link = page.locator("#map a.place-link").last
    href = link.get_attribute("href")
    link.locator("circle").click()
    page.wait_for_url("**" + href)
    assert page.locator("blockquote.sentence").count() == 1


@pytest.mark.slow
@pytest.mark.browser
def test_checkbox_reloads_with_hollow_article_places(page, site):
    page.goto(site + "/dyads/RUS/CHN")
    assert page.locator("#map circle.place.article").count() == 0
    with page.expect_navigation():
        page.locator("#article-places").check()
    assert "article_places=true" in page.url and page.url.endswith("#map")
    assert page.locator("#map circle.place.article").count() > 0
    assert page.locator("#article-places").is_checked()
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_map_page_screenshot_fits_the_width(browser, site, tmp_path_factory, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.goto(site + "/map?article_places=true")
        frame = tab.locator("#map svg.worldmap-svg").bounding_box()
        overflow = tab.evaluate("() => document.documentElement.scrollWidth")
        shot = tmp_path_factory.mktemp("map-screenshots") / f"map-{width}.png"
        tab.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    if os.environ.get("LEGATION_ARTIFACTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(shot, ARTIFACTS / shot.name)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert frame and frame["x"] >= 0 and frame["x"] + frame["width"] <= width + 0.5
    assert overflow <= width and errors == []
