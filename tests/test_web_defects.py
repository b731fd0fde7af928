"""The web defects an analyst met in a real browser, each as a test, and the views added with them.

Forms send every empty box; a year is a period; a whole actor code is checked; HEAD is answered; an error page
keeps the filters; the network lists every pair; every view is also JSON and CSV with a fixed header; alerts
and story clusters have pages of their own.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from legation.store import Store
from legation.web import tables

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text)))


# -- forms send their empty boxes ---------------------------------------------------------------------


def test_events_form_with_every_box_empty_lists_every_event(client):
    empty = {k: "" for k in ("source", "target", "actor", "cameo", "root", "plover", "since", "until")}
    everything = client.get("/api/events").json()["total"]
    assert client.get("/events", params=empty).status_code == 200
    assert client.get("/api/events", params=empty).json()["total"] == everything


def test_dyad_update_form_with_empty_dates_shows_the_report(client):
    response = client.get("/dyads/RUS/CHN", params={"freq": "year", "since": "", "until": "", "sectors": ""})
    assert response.status_code == 200 and "Relationship: RUS–CHN" in response.text


def test_alerts_form_with_empty_sides_shows_every_alert(client):
    assert client.get("/alerts", params={"a": "", "b": "", "since": ""}).status_code == 200


# -- periods written as a year or a month ------------------------------------------------------------


@pytest.mark.parametrize("since", ["2018", "2018-01", "2018-01-01"])
def test_dyad_since_a_year_or_month_starts_on_its_first_day(client, since):
    report = client.get("/api/dyads/RUS/CHN", params={"since": since, "freq": "year"}).json()
    assert report["series"] and report["series"][0]["start"] >= "2018-01-01"
    whole = client.get("/api/dyads/RUS/CHN", params={"since": "2018-01-01", "freq": "year"}).json()
    assert report["totals"] == whole["totals"]


def test_dyad_until_a_year_covers_its_last_month(client):
    by_year = client.get("/api/dyads/RUS/CHN", params={"since": "2018", "until": "2018", "freq": "month"}).json()
    by_day = client.get("/api/dyads/RUS/CHN",
                        params={"since": "2018-01-01", "until": "2018-12-31", "freq": "month"}).json()  # fmt: skip
    assert by_year["totals"] == by_day["totals"] and by_year["totals"]["events"] > 0


def test_cli_dyad_since_a_year(cli, web_db):
    result = cli("dyad", "RUS", "CHN", "--db", web_db, "--since", "2018", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert all(row["start"] >= "2018-01-01" for row in json.loads(result.stdout)["series"])


# -- whole actor codes -------------------------------------------------------------------------------


def test_actor_code_in_lower_case_matches_the_same_events(client):
    lower = client.get("/api/events", params={"actor": "rus", "limit": 1}).json()["total"]
    assert lower == client.get("/api/events", params={"actor": "RUS", "limit": 1}).json()["total"] > 0


def test_country_name_as_actor_is_its_code(client):
    named = client.get("/api/events", params={"actor": "Russia", "limit": 1}).json()
    assert named["filters"]["actor"] == "RUS"
    assert named["total"] == client.get("/api/events", params={"actor": "RUS", "limit": 1}).json()["total"]


def test_dyad_page_of_a_country_name_redirects_to_its_codes(client):
    response = client.get("/dyads/Russia/chn?freq=year", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/dyads/RUS/CHN?freq=year"


@pytest.mark.parametrize("path", ["/api/dyads/RUSQZX/CHN", "/api/dyads/RUS/CHNXYZ", "/api/dyads/RUSS/CHN"])
def test_actor_code_with_an_unknown_part_is_refused(client, path):
    response = client.get(path)
    assert response.status_code == 422 and "E114" in response.text


def test_source_with_an_unknown_sector_is_refused(client):
    response = client.get("/api/events", params={"source": "RUSQQQ", "target": "CHN"})
    assert response.status_code == 422 and "E114" in response.text


# -- formats -----------------------------------------------------------------------------------------


def test_events_csv_header_is_the_same_when_nothing_matches(client):
    full = _csv(client.get("/api/events.csv"))
    empty = _csv(client.get("/api/events.csv", params={"since": "1901", "until": "1901"}))
    assert len(empty) == 1 and empty[0] == full[0] and len(full) > 1


@pytest.mark.parametrize("path", ["/", "/events", "/dyads/RUS/CHN", "/alerts", "/api/overview", "/api/events.csv"])
def test_head_is_answered_like_get_without_a_body(client, path):
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_head_of_a_missing_page_is_404(client):
    assert client.head("/events/0000000000000000").status_code == 404


def test_error_page_keeps_the_users_filters(client):
    response = client.get("/events", params={"actor": "RUS", "root": "04", "since": "2020-13-01"})
    assert response.status_code == 422 and "E110" in response.text
    assert 'name="actor" value="RUS"' in response.text and 'name="root" value="04"' in response.text
    assert '<label class="bad">since <input name="since" value="2020-13-01"' in response.text


def test_network_lists_every_pair_and_says_how_many(client):
    data = client.get("/api/network").json()
    page = client.get("/network").text
    assert len(data["edges"]) > 0
    assert page.count('<tr><td class="l"><a href="/dyads/') == len(data["edges"])
    assert f"All {len(data['edges'])} pairs" in page


# -- every view as data ------------------------------------------------------------------------------


@pytest.mark.parametrize(("table", "key"), [("volume", "volume"), ("dyads", "top_dyads"), ("alerts", "alerts")])
def test_overview_tables_as_csv_hold_the_json_rows(client, table, key):
    overview = client.get("/api/overview").json()
    rows = _csv(client.get("/api/overview.csv", params={"table": table}))
    expected = overview[key]["alerts"] if key == "alerts" else overview[key]
    assert tuple(rows[0]) == tables.OVERVIEW_TABLES[table] and len(rows) - 1 == len(expected)


def test_dyad_timeline_csv_has_a_row_per_period(client):
    report = client.get("/api/dyads/RUS/CHN", params={"freq": "year"}).json()
    rows = _csv(client.get("/api/dyads/RUS/CHN.csv", params={"freq": "year"}))
    assert tuple(rows[0]) == tables.TIMELINE
    assert [r[0] for r in rows[1:]] == [p["period"] for p in report["series"]]
    events = rows[0].index("events")
    assert [int(r[events]) for r in rows[1:]] == [p["events"] for p in report["series"]]


def test_alerts_csv_names_the_events_behind_each_alert(client):
    data = client.get("/api/alerts", params={"limit": 5}).json()
    rows = _csv(client.get("/api/alerts.csv", params={"limit": 5}))
    ids = rows[0].index("event_ids")
    assert len(rows) - 1 == len(data["alerts"]) > 0
    assert [r[ids].split() for r in rows[1:]] == [[e["event_id"] for e in a["events"]] for a in data["alerts"]]


def test_alerts_csv_header_is_the_same_when_there_are_none(client):
    rows = _csv(client.get("/api/alerts.csv", params={"threshold": 20, "min_events": 1000}))
    assert rows == [list(tables.ALERTS)]


def test_network_csv_holds_every_pair(client):
    data = client.get("/api/network", params={"size": 10}).json()
    rows = _csv(client.get("/api/network.csv", params={"size": 10}))
    assert tuple(rows[0]) == tables.NETWORK
    assert [(r[0], r[1]) for r in rows[1:]] == [(e["a"], e["b"]) for e in data["edges"]]


def test_csv_cells_that_look_like_formulas_are_quoted():
    text = tables.to_csv(("a", "b"), [{"a": "=SUM(A1)", "b": "-3 killed"}])
    assert text.splitlines()[1] == "'=SUM(A1),'-3 killed"


# -- the alerts page ---------------------------------------------------------------------------------


def test_overview_links_to_the_alerts_page(client):
    assert 'href="/alerts"' in client.get("/").text


def test_alerts_page_lists_each_alert_with_the_events_behind_it(client):
    data = client.get("/api/alerts", params={"limit": 20}).json()
    page = client.get("/alerts", params={"limit": 20}).text
    assert page.count('<li class="alert">') == len(data["alerts"]) > 0
    for alert in data["alerts"]:
        for event in alert["events"]:
            assert f'href="/events/{event["event_id"]}"' in page


def test_alerts_page_of_one_dyad_lists_only_that_dyad(client):
    data = client.get("/api/alerts", params={"a": "RUS", "b": "UKR"}).json()
    page = client.get("/alerts", params={"a": "rus", "b": "UKR"}).text
    assert page.count('<li class="alert">') == len(data["alerts"])
    assert all({a["a"], a["b"]} == {"RUS", "UKR"} for a in data["alerts"])


def test_alerts_page_bad_threshold_keeps_the_form_values(client):
    response = client.get("/alerts", params={"threshold": "abc", "a": "RUS", "b": "CHN"})
    assert response.status_code == 422 and 'name="a" value="RUS"' in response.text


# -- the story view ----------------------------------------------------------------------------------


def _cluster_with_most_articles(db: Path) -> tuple[str, set[str]]:
    with Store(db, read_only=True).connect() as con:
        cluster = con.execute("SELECT cluster_id FROM articles GROUP BY cluster_id ORDER BY count(*) DESC, cluster_id"
                              " LIMIT 1").fetchone()[0]  # fmt: skip
        ids = {r[0] for r in con.execute("SELECT id FROM articles WHERE cluster_id = ?", [cluster]).fetchall()}
    return cluster, ids


def test_story_view_shows_every_report_of_the_cluster(client, web_db):
    cluster, ids = _cluster_with_most_articles(web_db)
    story = client.get(f"/api/stories/{cluster}").json()
    assert {a["id"] for a in story["articles"]} == ids and len(ids) > 1
    page = client.get(f"/stories/{cluster}").text
    assert all(f'id="report-{article_id}"' in page for article_id in ids)


def test_story_view_lists_the_events_of_each_report(client, web_db):
    cluster, _ = _cluster_with_most_articles(web_db)
    story = client.get(f"/api/stories/{cluster}").json()
    coded = client.get("/api/events", params={"cluster": cluster, "limit": 500}).json()
    assert sorted(e["id"] for a in story["articles"] for e in a["events"]) == sorted(e["id"] for e in coded["events"])


def test_every_event_links_to_its_story(client):
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    assert f'href="/stories/{event["cluster_id"]}"' in client.get(f"/events/{event['id']}").text


def test_unknown_story_is_404(client):
    response = client.get("/api/stories/0000000000000000")
    assert response.status_code == 404 and response.json()["code"] == "E135"


# -- counts: story events against reports --------------------------------------------------------------


def test_timeline_point_says_how_many_reports_its_story_events_came_from(client):
    report = client.get("/api/dyads/RUS/CHN", params={"freq": "year"}).json()
    page = client.get("/dyads/RUS/CHN", params={"freq": "year"}).text
    row = max(report["series"], key=lambda r: r["reports"] - r["events"])
    assert f"{row['period']}: " in page
    assert f"({row['events']} story events in {row['reports']} reports" in page


def test_a_periods_events_page_states_the_story_events_the_chart_counted(client):
    report = client.get("/api/dyads/RUS/CHN", params={"freq": "year"}).json()
    for row in report["series"]:
        params = {"source": "RUS", "target": "CHN", "undirected": "true", "since": row["start"], "until": row["end"]}
        page = client.get("/api/events", params=params).json()
        assert page["stories"] == row["events"] <= page["total"]
    busiest = max(report["series"], key=lambda r: r["events"])
    html = client.get("/events", params={"source": "RUS", "target": "CHN", "undirected": "true",
                                         "since": busiest["start"], "until": busiest["end"]}).text  # fmt: skip
    assert f"<strong>{busiest['events']}</strong> story event" in html


@pytest.mark.parametrize("sort", ["-goldstein", "-date", "-confidence"])
def test_events_csv_keeps_the_pages_sort_order(client, sort):
    params = {"actor": "RUS", "sort": sort}
    rows = _csv(client.get("/api/events.csv", params=params))
    ids = [r[rows[0].index("id")] for r in rows[1:]]
    page = client.get("/api/events", params={**params, "limit": 500}).json()
    assert ids == [e["id"] for e in page["events"]] and len(ids) == page["total"] > 50
    assert f"/api/events.csv?actor=RUS&amp;sort={sort}" in client.get("/events", params=params).text
