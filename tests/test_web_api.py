"""The JSON API on the demo store: every route, the token, bad parameters, static files and limits."""

from __future__ import annotations

import asyncio
import csv
import io
import time

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from legation.analysis import AlertRule, dyad_report, find_alerts
from legation.errors import LegationError
from legation.store import Store
from legation.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EVENT_ID = "6d6266379823467c"  # "Russian officials called the exercise the largest since 1981."
ARTICLE_ID = "95b418497a3b2cb2"  # "China joins Vostok-2018, Russia's largest drills in decades"


@pytest.fixture(scope="module")
def guarded(web_db):
    """The app over the demo store with the token 's3cret'."""
    with TestClient(create_app(web_db, token="s3cret"), base_url="http://127.0.0.1") as test_client:
        yield test_client


# -- events -----------------------------------------------------------------------------------------


def test_events_page_reports_the_total_of_all_matches(client, web_db):
    page = client.get("/api/events", params={"limit": 5}).json()
    assert page["total"] == Store(web_db, read_only=True).stats()["events"]


def test_events_page_is_no_longer_than_its_limit(client):
    assert len(client.get("/api/events", params={"limit": 7}).json()["events"]) == 7


def test_events_offset_continues_where_the_previous_page_ended(client):
    both = client.get("/api/events", params={"limit": 4}).json()["events"]
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()["events"]
    assert [e["id"] for e in second] == [e["id"] for e in both[2:]]


def test_events_dyad_filter_keeps_only_that_dyad_in_either_direction(client):
    events = client.get("/api/events", params={"source": "RUS", "target": "CHN", "undirected": "true",
                                               "limit": 500}).json()["events"]  # fmt: skip
    pairs = {(e["source"]["country"], e["target"]["country"]) for e in events}
    assert pairs == {("RUS", "CHN"), ("CHN", "RUS")}


def test_events_name_with_a_quote_matches_nothing_rather_than_everything(client):
    assert client.get("/api/events", params={"actor": "Putin' --"}).json()["total"] == 0


BAD_EVENT_PARAMS = [
    ({"since": "2021-13-01"}, "E110"),
    ({"until": "2021-02-30"}, "E110"),
    ({"since": "yesterday"}, "E110"),
    ({"cameo": "999"}, "E111"),
    ({"root": "25"}, "E112"),
    ({"plover": "HUG"}, "E113"),
    ({"source": "XYZ", "target": "CHN"}, "E114"),
    ({"source": "RUS"}, "E117"),
    ({"since": "2022-01-01", "until": "2021"}, "E116"),
    ({"cluster": "../etc"}, "E125"),
    ({"limit": "0"}, "greater than or equal to 1"),
    ({"limit": "ten"}, "valid integer"),
    ({"colour": "red"}, "Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("params", "says"), BAD_EVENT_PARAMS, ids=[str(p) for p, _ in BAD_EVENT_PARAMS])
def test_events_bad_parameter_gets_422_saying_what_is_wrong(client, params, says):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and says in response.text


def test_events_csv_holds_every_matching_event(client):
    params = {"source": "RUS", "target": "CHN", "undirected": "true"}
    total = client.get("/api/events", params=params).json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params=params).text)))
    assert len(rows) == total


def test_events_csv_is_a_download(client):
    assert "attachment" in client.get("/api/events.csv", params={"cameo": "042"}).headers["content-disposition"]


def test_event_by_id_marks_its_trigger_in_the_sentence(client):
    event = client.get(f"/api/events/{EVENT_ID}").json()
    assert [s["text"] for s in event["segments"] if "trigger" in s["kinds"]] == [event["trigger"]]


def test_unknown_event_is_404(client):
    assert client.get("/api/events/ffffffffffffffff").status_code == 404


# -- dyads, alerts, actors, network, overview ---------------------------------------------------------


def test_dyad_route_returns_the_library_dyad_report(client, web_db):
    expected = dyad_report(Store(web_db, read_only=True), "RUS", "CHN", freq="year")
    assert client.get("/api/dyads/RUS/CHN", params={"freq": "year"}).json()["totals"] == expected["totals"]


def test_dyad_codes_are_case_insensitive(client):
    assert client.get("/api/dyads/rus/chn").json()["dyad"]["label"] == "RUS–CHN"


@pytest.mark.parametrize(
    ("path", "says"),
    [("/api/dyads/XQZ/CHN", "E114"), ("/api/dyads/RUS/RUS", "E120"), ("/api/dyads/RUS/CHN?freq=fortnight", "freq"),
     ("/api/dyads/RUS/CHN?sectors=MIL,ZZZ", "E115"), ("/api/dyads/RUS/CHN?evidence=99", "evidence")],
)  # fmt: skip
def test_dyad_bad_parameter_gets_422(client, path, says):
    response = client.get(path)
    assert response.status_code == 422 and says in response.text


def test_alerts_are_the_library_alerts(client, web_db):
    expected = find_alerts(Store(web_db, read_only=True), AlertRule(), evidence=0)
    got = client.get("/api/alerts", params={"limit": 200, "evidence": 0}).json()["alerts"]
    assert [(a["dyad"], a["period"], a["indicator"]) for a in got] == [
        (a["dyad"], a["period"], a["indicator"]) for a in expected
    ]


def test_alert_events_are_those_the_library_picks(client, web_db):
    expected = find_alerts(Store(web_db, read_only=True), AlertRule(), evidence=3)
    got = client.get("/api/alerts", params={"limit": 200, "evidence": 3}).json()["alerts"]
    assert [[e["event_id"] for e in a["events"]] for a in got] == [
        [e["event_id"] for e in a["events"]] for a in expected
    ]


def test_alerts_of_one_dyad_are_all_of_that_dyad(client):
    alerts = client.get("/api/alerts", params={"a": "RUS", "b": "UKR"}).json()["alerts"]
    assert alerts and {a["dyad"] for a in alerts} == {"RUS–UKR"}


def test_alerts_bad_threshold_gets_422(client):
    assert client.get("/api/alerts", params={"threshold": "-1"}).status_code == 422


def test_actors_come_most_active_first(client):
    counts = [a["events"] for a in client.get("/api/actors").json()["actors"]]
    assert counts == sorted(counts, reverse=True)


def test_actors_query_matches_a_code_prefix(client):
    actors = client.get("/api/actors", params={"q": "RUS"}).json()["actors"]
    assert actors and all(a["code"].startswith("RUS") or "rus" in a["name"].lower() for a in actors)


def test_network_edges_join_listed_nodes(client):
    network = client.get("/api/network", params={"size": 6}).json()
    nodes = {n["id"] for n in network["nodes"]}
    assert network["edges"] and all(e["a"] in nodes and e["b"] in nodes for e in network["edges"])


def test_overview_counts_are_the_store_counts(client, web_db):
    stats = Store(web_db, read_only=True).stats()
    assert client.get("/api/overview").json()["counts"]["events"] == stats["events"]


# -- articles -----------------------------------------------------------------------------------------


def test_article_marks_every_trigger_of_its_events(client):
    article = client.get(f"/api/articles/{ARTICLE_ID}").json()
    marked = sorted(h["text"] for h in article["highlights"] if h["kind"] == "trigger")
    assert marked == sorted(e["trigger"] for e in article["events"])


def test_article_segments_rebuild_its_text(client):
    article = client.get(f"/api/articles/{ARTICLE_ID}").json()
    assert "".join(s["text"] for s in article["segments"]) == article["text"]


def test_unknown_article_is_404(client):
    assert client.get("/api/articles/0000000000000000").status_code == 404


# -- coding on the fly -----------------------------------------------------------------------------------


def test_code_returns_the_events_of_a_text(client):
    body = {"text": "Russia and China held joint naval drills in the Sea of Japan.", "date": "2021-08-01"}
    events = client.post("/api/code", json=body).json()["events"]
    assert any(e["cameo"] == "062" for e in events)


def test_code_refuses_a_text_over_the_limit(client):
    assert client.post("/api/code", json={"text": "Russia met China. " * 400}).status_code == 422


def test_code_refuses_a_body_over_the_limit_with_413(client):
    assert client.post("/api/code", content=b'{"text": "' + b"a" * 70_000 + b'"}',
                       headers={"content-type": "application/json"}).status_code == 413  # fmt: skip


def test_code_refuses_a_bad_date(client):
    assert client.post("/api/code", json={"text": "Russia met China.", "date": "2021-08"}).status_code == 422


def _slow_coder(text: str, date: str | None) -> list:
    time.sleep(0.6)
    return []


def test_code_gives_up_after_its_time_limit_with_504(web_db):
    with TestClient(create_app(web_db, coder=_slow_coder, code_timeout=0.1)) as slow:
        assert slow.post("/api/code", json={"text": "Russia met China."}).status_code == 504


def test_code_answers_503_while_busy_with_another_text(web_db):
    app = create_app(web_db, coder=_slow_coder)

    async def two_at_once() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as aclient:
            replies = await asyncio.gather(*(aclient.post("/api/code", json={"text": "Russia met China."})
                                             for _ in range(2)))  # fmt: skip
        return sorted(r.status_code for r in replies)

    assert asyncio.run(two_at_once()) == [200, 503]


# -- the token ------------------------------------------------------------------------------------------

API_ROUTES = ["/api/overview", "/api/events", "/api/events.csv", f"/api/events/{EVENT_ID}", "/api/dyads/RUS/CHN",
              "/api/actors", "/api/alerts", "/api/network", f"/api/articles/{ARTICLE_ID}"]  # fmt: skip


@pytest.mark.parametrize("route", API_ROUTES)
def test_token_is_required_on_every_api_route(guarded, route):
    assert guarded.get(route).status_code == 401


def test_token_is_required_to_code_text(guarded):
    assert guarded.post("/api/code", json={"text": "Russia met China."}).status_code == 401


def test_missing_token_gets_a_bearer_challenge(guarded):
    assert guarded.get("/api/events").headers["www-authenticate"] == "Bearer"


def test_wrong_token_is_refused(guarded):
    assert guarded.get("/api/events", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_right_token_is_let_in(guarded):
    assert guarded.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_pages_need_the_token_too(guarded):
    assert guarded.get("/events").status_code == 401


def test_page_opened_with_the_token_sets_an_httponly_cookie(guarded):
    response = guarded.get("/events?token=s3cret&cameo=042", follow_redirects=False)
    assert response.status_code == 303 and "httponly" in response.headers["set-cookie"].lower()


def test_page_opened_with_the_token_redirects_without_it(guarded):
    response = guarded.get("/events?token=s3cret&cameo=042", follow_redirects=False)
    assert response.headers["location"] == "/events?cameo=042"


def test_token_redirect_stays_on_this_server(guarded):
    response = guarded.get("http://127.0.0.1//evil.example/?token=s3cret", follow_redirects=False)
    assert response.headers["location"] == "/evil.example/"


def test_token_cookie_opens_the_api(web_db):
    with TestClient(create_app(web_db, token="s3cret"), base_url="http://127.0.0.1") as browser_like:
        browser_like.get("/?token=s3cret", follow_redirects=False)
        assert browser_like.get("/api/actors").status_code == 200


def test_openapi_schema_needs_no_token(guarded):
    assert guarded.get("/openapi.json").status_code == 200


# -- static files, docs, headers, hosts, read-only --------------------------------------------------------


def test_static_files_are_served_from_the_package(client):
    assert client.get("/static/app.js").text.startswith("// legation dashboard")


@pytest.mark.parametrize("path", ["/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/errors.py",
                                  "/static/..%2f..%2f..%2fpyproject.toml", "/static/%2e%2e%2fservice.py"])  # fmt: skip
def test_static_route_allows_no_path_traversal(client, path):
    assert client.get(path).status_code == 404


def test_docs_load_their_assets_from_this_server(client):
    html = client.get("/docs").text
    assert "/static-offline-docs/swagger-ui-bundle.js" in html and "cdn" not in html.lower()


def test_docs_assets_are_served(client):
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_page_escapes_the_input_it_quotes(client):
    assert "<script>" not in client.get("/events", params={"actor": "<script>alert(1)</script>"}).text


def test_pages_forbid_scripts_from_elsewhere(client):
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_api_responses_are_not_sniffed(client):
    assert client.get("/api/actors").headers["x-content-type-options"] == "nosniff"


def test_foreign_host_header_is_refused_on_loopback(web_db):
    with TestClient(create_app(web_db, allowed_hosts=["127.0.0.1", "localhost"])) as local:
        assert local.get("/api/actors", headers={"host": "evil.example"}).status_code == 400


def test_web_store_refuses_writes(client):
    with client.app.state.dashboard.store.connect() as con, pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE intruder (x INTEGER)")


def test_missing_store_is_refused_at_start(tmp_path):
    with pytest.raises(LegationError, match="E045"):
        create_app(tmp_path / "absent.duckdb")


# -- the command -------------------------------------------------------------------------------------------


def test_serve_binds_to_loopback_by_default():
    from legation.cli import build_parser

    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


def test_serve_refuses_a_missing_store(cli, tmp_path):
    result = cli("serve", "--db", tmp_path / "absent.duckdb", "--port", "0")
    assert result.exit_code == 1 and "E045" in result.stderr


def test_map_leaves_out_events_placed_only_by_the_article_country(web_db):
    from legation.store import web_queries
    from legation.store.store import EventFilter

    store = Store(web_db, read_only=True)
    drawn = list(web_queries.event_places(store, EventFilter()))
    every = list(web_queries.event_places(store, EventFilter(), article_fallback=True))
    assert len(every) > len(drawn) > 0
    guessed = {r["id"] for r in every} - {r["id"] for r in drawn}
    with duckdb.connect(str(web_db), read_only=True) as con:
        kinds = {row[0] for row in con.execute(
            "SELECT DISTINCT location_precision FROM events WHERE id IN (SELECT unnest(?))", [sorted(guessed)]
        ).fetchall()}
    assert kinds == {"article"}
