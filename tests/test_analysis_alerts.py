"""Alerts and `legation watch`: the z-score rule, alerts from a real store, and polling a changing local feed."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from legation.analysis import AlertRule, find_alerts, parse_interval, score_period
from legation.errors import LegationError
from legation.ingest import run as ingest
from legation.store import Store

# Our own test articles (invented events): six months of Brazil-Argentina cooperation, then a month of conflict.
CALM = [
    ("2023-01-16", "Brazil signed a trade agreement with Argentina in Brasilia. The deal lowers tariffs on cars and "
     "steel. Officials said exports could grow by a tenth."),
    ("2023-02-14", "Argentina signed an energy agreement with Brazil on a new gas pipeline. Engineers will start "
     "work on the pipeline next year. The project links the Vaca Muerta field with southern Brazil."),
    ("2023-03-15", "Brazilian President Luiz Inacio Lula da Silva visited Argentina for talks on a common currency. "
     "Argentine officials welcomed the proposal. Economists doubted that the plan would work."),
    ("2023-04-12", "Brazil held joint naval exercises with Argentina off the coast of Rio Grande do Sul. Six ships "
     "and two aircraft took part in the drills."),
    ("2023-05-16", "Argentina signed a science cooperation agreement with Brazil in Buenos Aires. Universities in "
     "both countries will share research funds."),
    ("2023-06-13", "Brazil provided economic aid to Argentina after a severe drought. The aid included credit lines "
     "for exporters."),
]  # fmt: skip
CRISIS = [
    ("2023-07-11", "Brazil accused Argentina of blocking imports of Brazilian shoes. Trade officials in Sao Paulo "
     "said the rules broke regional commitments."),
    ("2023-07-18", "Argentina expelled two Brazilian diplomats after a dispute over a smuggling case. The embassy in "
     "Buenos Aires closed its consular section."),
    ("2023-07-25", "Brazilian troops clashed with Argentine troops near the border town of Uruguaiana. Several "
     "soldiers were injured in the clash."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("count", "volume", "baseline", "z"),
    [
        (1, 10, [(1, 10)] * 6, 0.0),  # as usual
        (3, 10, [(0, 10)] * 6, 3.0),  # from nothing to three: Poisson floor of 1
        (2, 20, [(1, 10)] * 6, 0.0),  # twice the coverage, twice the events: no alert
        (0, 10, [(4, 10)] * 6, -2.0),  # a drop from four to none
    ],
)
def test_score_period_z_against_volume_normalised_baseline(count, volume, baseline, z):
    assert score_period(count, volume, baseline)["z"] == pytest.approx(z)


def test_score_period_needs_enough_baseline_periods():
    assert score_period(5, 10, [(0, 10), (0, 0), (0, 10)], min_baseline=3) is None


def test_parse_interval_rejects_words():
    with pytest.raises(LegationError, match="E071"):
        parse_interval("soon")


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900.0), ("30s", 30.0), ("1h", 3600.0), ("900", 900.0)])
def test_parse_interval_units(text, seconds):
    assert parse_interval(text) == seconds


def _jsonl(path: Path, articles: list[tuple[str, str]]) -> Path:
    rows = [{"id": f"t{i}", "date": d, "source": "Test Wire", "text": t} for i, (d, t) in enumerate(articles)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def crisis_store(tmp_path_factory, pipeline) -> Store:
    """A store with the calm months and the crisis month."""
    folder = tmp_path_factory.mktemp("alerts")
    db = folder / "alerts.duckdb"
    ingest([_jsonl(folder / "news.jsonl", CALM + CRISIS)], db, coder=pipeline)
    return Store(db, read_only=True)


@pytest.mark.slow
def test_find_alerts_flags_the_conflict_spike(crisis_store):
    alerts = find_alerts(crisis_store, AlertRule(indicators=("conflict",)))
    assert [(a["dyad"], a["indicator"], a["period"], a["direction"]) for a in alerts] == [
        ("ARG–BRA", "conflict", "2023-07", "up")
    ]


@pytest.mark.slow
def test_alert_carries_the_events_that_moved_it(crisis_store):
    alert = find_alerts(crisis_store, AlertRule(indicators=("conflict",)))[0]
    assert {e["sentence"].split()[0] for e in alert["events"]} == {"Brazil", "Argentina", "Brazilian"}


@pytest.mark.slow
def test_alerts_cli_prints_json(cli, crisis_store):
    result = cli("alerts", "--db", crisis_store.path, "--indicator", "conflict", "--format", "json")
    assert [a["period"] for a in json.loads(result.stdout)] == ["2023-07"]


def _rss(articles: list[tuple[str, str]]) -> bytes:
    import datetime as dt

    items = []
    for i, (day, text) in enumerate(articles):
        when = format_datetime(dt.datetime.fromisoformat(day + "T09:00:00+00:00"))
        items.append(f"<item><title>Story {i}</title><guid>story-{i}</guid><pubDate>{when}</pubDate>"
                     f"<description>{escape(text)}</description></item>")  # fmt: skip
    channel = "<title>Test Wire</title><link>http://127.0.0.1/</link><description>test</description>"
    rss = f'<rss version="2.0"><channel>{channel}{"".join(items)}</channel></rss>'
    return ('<?xml version="1.0" encoding="UTF-8"?>' + rss).encode()


@pytest.fixture
def changing_feed() -> Iterator[str]:
    """A feed on 127.0.0.1 that serves the calm months first, then the calm months and the crisis."""
    feeds = [_rss(CALM), _rss(CALM + CRISIS)]
    served = {"n": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            body = feeds[min(served["n"], 1)]
            served["n"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def watched(cli, changing_feed, tmp_path, pipeline):
    """`legation watch` run for two polls against the changing feed."""
    db = tmp_path / "watch.duckdb"
    return cli("watch", changing_feed, "--every", "0.1s", "--polls", "2", "--db", db, "--indicator", "conflict",
               "--format", "jsonl")  # fmt: skip


@pytest.mark.slow
def test_watch_prints_the_alert_only_after_the_feed_changes(watched):
    polls = [line for line in watched.stderr.splitlines() if line.startswith("poll ")]
    assert [line.split(", ")[1] for line in polls] == ["0 new alerts", "1 new alerts"]


@pytest.mark.slow
def test_watch_alert_names_the_dyad_and_period(watched):
    assert [(a["dyad"], a["period"]) for a in watched.jsonl()] == [("ARG–BRA", "2023-07")]
