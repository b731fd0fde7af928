"""The events page's text search, facets, sort orders and page size, on the demo store (API and HTML).

The expected matches are worked out here, independently of the store's SQL: every event with its sentence,
title and text is read once, and a word matches where it starts a word of any of them (case-insensitive).
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from legation.store import EventFilter, Store
from legation.store.search import facet_counts, parse_terms

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EVENT_ID = "6d6266379823467c"  # "Russian officials called the exercise the largest since 1981."
ALL = 500  # the API's largest page


@pytest.fixture(scope="module")
def corpus(web_db) -> dict[str, dict]:
    """Every event id with its sentence, article title, text, outlet, root, Goldstein, confidence, date."""
    with duckdb.connect(str(web_db), read_only=True) as con:
        rows = con.execute(
            "SELECT e.id, e.sentence, a.title, a.text, a.source, e.root FROM events e"
            " JOIN articles a ON a.id = e.article_id"
        ).fetchall()
    return {r[0]: {"sentence": r[1], "title": r[2], "text": r[3], "outlet": r[4], "root": r[5]} for r in rows}


def starts_word(word: str, text: str | None) -> bool:
    return bool(text) and re.search(r"(?<!\w)" + re.escape(word), text, re.IGNORECASE) is not None


def phrase_in(phrase: str, text: str | None) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
    return bool(text) and re.search(pattern, text, re.IGNORECASE) is not None


def has_words(row: dict, words: list[str]) -> bool:
    return all(any(starts_word(w, row[f]) for f in ("sentence", "title", "text")) for w in words)


def ids(client, **params) -> list[str]:
    page = client.get("/api/events", params={"limit": ALL, **params})
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["total"] <= ALL, "the check needs every match on one page"
    return [e["id"] for e in body["events"]]


def links(html: str, css_class: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'<a class="{css_class}"[^>]*href="([^"]*)"', html)]


# -- text search -----------------------------------------------------------------------------------


def test_search_finds_every_event_whose_sentence_or_article_has_all_the_words_and_no_other(client, corpus):
    found = ids(client, q="Military EXERCISE")
    expected = {i for i, row in corpus.items() if has_words(row, ["military", "exercise"])}
    assert found and set(found) == expected
    assert len(found) < len(corpus)


def test_search_checks_each_returned_event_holds_the_words(client, corpus):
    for event_id in ids(client, q="naval drills"):
        row = corpus[event_id]
        text = " ".join(filter(None, (row["sentence"], row["title"], row["text"]))).lower()
        assert "naval" in text and "drill" in text


def test_search_word_matches_at_the_start_of_a_word_only(client, corpus):
    found = set(ids(client, q="war"))
    everything = {i: " ".join(filter(None, row.values())).lower() for i, row in corpus.items()}
    inside_only = {i for i, row in corpus.items() if not has_words(row, ["war"]) and "war" in everything[i]}
    assert inside_only, "the demo has words with 'war' inside them (toward, award)"
    assert found == {i for i, row in corpus.items() if has_words(row, ["war"])}
    assert not found & inside_only


def test_search_finds_the_gold_sentence_by_a_phrase(client):
    assert EVENT_ID in ids(client, q='"largest since 1981"')
    assert EVENT_ID not in ids(client, q='"since largest 1981"')


def test_phrase_search_needs_the_words_together_and_in_order(client, corpus):
    phrase = set(ids(client, q='"joint military"'))
    words = set(ids(client, q="joint military"))
    assert phrase == {i for i, row in corpus.items()
                      if any(phrase_in("joint military", row[f]) for f in ("sentence", "title", "text"))}  # fmt: skip
    assert phrase and phrase < words


def test_search_and_another_filter_both_hold(client, corpus):
    both = ids(client, q="exercise", root="06")
    assert both and all(corpus[i]["root"] == "06" and has_words(corpus[i], ["exercise"]) for i in both)
    assert set(both) == set(ids(client, q="exercise")) & set(ids(client, root="06"))


def test_search_csv_holds_the_same_events_as_the_api(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"q": "sanctions"}).text)))
    assert rows and sorted(r["id"] for r in rows) == sorted(ids(client, q="sanctions"))


def test_search_of_a_quote_or_regex_characters_is_safe(client):
    for text in ["Putin' --", "a.*b", "(", '"', "\\", "%_%"]:
        response = client.get("/api/events", params={"q": text})
        assert response.status_code == 200, text
    assert client.get("/api/events", params={"q": "%_%"}).json()["total"] == 0


def test_query_terms_parse_words_and_phrases():
    assert parse_terms('Naval "JOINT  exercise" naval drills "open') == [
        ("naval", False), ("joint exercise", True), ("drills", False), ("open", True)]  # fmt: skip


def test_search_box_keeps_what_was_typed(client):
    html = client.get("/events", params={"q": '"joint military" <b>'}).text
    assert re.search(r'name="q" id="q"[^>]*value="(&#34;|&quot;)joint military(&#34;|&quot;) &lt;b&gt;"', html)


# -- facets ----------------------------------------------------------------------------------------


def test_root_facet_counts_are_the_totals_of_each_root(client):
    facets = client.get("/api/events", params={"q": "exercise", "facets": "true"}).json()["facets"]
    roots = next(f for f in facets if f["name"] == "root")
    total = client.get("/api/events", params={"q": "exercise"}).json()["total"]
    assert roots["values"] and roots["distinct"] <= 10
    assert sum(v["count"] for v in roots["values"]) == total
    for value in roots["values"]:
        page = client.get("/api/events", params={"q": "exercise", "root": value["value"]}).json()
        assert page["total"] == value["count"]


def test_every_facet_is_counted_as_the_store_counts_it(web_db):
    counts = facet_counts(Store(web_db, read_only=True), EventFilter(), top=50)
    with duckdb.connect(str(web_db), read_only=True) as con:
        outlets = dict(con.execute("SELECT a.source, count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                                   " WHERE a.source IS NOT NULL GROUP BY 1").fetchall())  # fmt: skip
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert {v["value"]: v["count"] for v in counts["outlet"]["values"]} == outlets
    assert sum(v["count"] for v in counts["coder"]["values"]) == total
    assert counts["month"]["values"] == sorted(counts["month"]["values"], key=lambda v: (-v["count"], v["value"]))


def test_facets_are_left_out_unless_asked_for(client):
    assert "facets" not in client.get("/api/events", params={"limit": 1}).json()


def test_facet_link_adds_its_filter(client, corpus):
    html = client.get("/events", params={"q": "exercise"}).text
    outlet = next(h for h in links(html, "facet-value") if "outlet=" in h)
    params = parse_qs(urlsplit(outlet).query)
    assert params["q"] == ["exercise"]
    page = client.get(outlet.replace("/events", "/api/events", 1) + f"&limit={ALL}").json()
    assert page["total"] > 0
    assert all(corpus[e["id"]]["outlet"] == params["outlet"][0] for e in page["events"])
    assert all(has_words(corpus[e["id"]], ["exercise"]) for e in page["events"])


def test_every_facet_link_opens_a_page(client):
    html = client.get("/events").text
    hrefs = links(html, "facet-value")
    assert len(hrefs) >= 30
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_source_facet_filters_one_side_without_a_dyad(client):
    facets = client.get("/api/events", params={"facets": "true"}).json()["facets"]
    src = next(f for f in facets if f["name"] == "src")["values"][0]
    page = client.get("/api/events", params={"src": src["value"], "limit": ALL}).json()
    assert page["total"] == src["count"]
    assert all(e["source"]["country"] == src["value"] or e["source"]["code"].startswith(src["value"])
               for e in page["events"])  # fmt: skip


def test_active_filter_can_be_removed(client):
    html = client.get("/events", params={"q": "exercise", "root": "06", "sort": "-date"}).text
    chips = links(html, "remove")
    without_root = next(h for h in chips if "root=" not in h)
    assert parse_qs(urlsplit(without_root).query) == {"q": ["exercise"], "sort": ["-date"]}


def test_dyad_is_removed_as_one_filter(client):
    html = client.get("/events", params={"source": "RUS", "target": "CHN", "undirected": "true"}).text
    assert links(html, "remove") == ["/events"]


def test_month_and_outlet_and_coder_filter(client):
    page = client.get("/api/events", params={"month": "2024-07", "outlet": "Demo Wire",
                                             "coder": "legation.RuleCoder.v1", "limit": ALL}).json()  # fmt: skip
    assert page["total"] > 0
    assert all((e["date"] or e["article"]["published"]).startswith("2024-07") for e in page["events"])
    assert all(e["article"]["source"] == "Demo Wire" for e in page["events"])


@pytest.mark.parametrize(("params", "field"), [({"month": "2024"}, "month"), ({"month": "2024-13"}, "month"),
                                               ({"sort": "bogus"}, "sort"), ({"q": "x" * 201}, "q"),
                                               ({"coder": "no spaces"}, "coder")])  # fmt: skip
def test_bad_search_parameter_gets_422(client, params, field):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert field in {e["loc"][-1] for e in response.json()["detail"]}


# -- sorting and page size -------------------------------------------------------------------------


def _date(e: dict) -> str:
    return e["date"] or e["article"]["published"] or ""


SORTS = {
    "date": (_date, False),
    "-date": (_date, True),
    "goldstein": (lambda e: e["goldstein"], False),
    "-goldstein": (lambda e: e["goldstein"], True),
    "-confidence": (lambda e: e["confidence"], True),
}


@pytest.mark.parametrize("sort", list(SORTS))
def test_each_sort_order_is_kept(client, sort):
    key, reverse = SORTS[sort]
    events = client.get("/api/events", params={"q": "military", "sort": sort, "limit": ALL}).json()["events"]
    values = [key(e) for e in events]
    assert len(set(values)) > 3
    assert values == sorted(values, reverse=reverse)


def test_sorts_differ_and_hold_the_same_events(client):
    first = {s: ids(client, q="military", sort=s) for s in SORTS}
    assert len({tuple(v) for v in first.values()}) == len(SORTS)
    assert len({frozenset(v) for v in first.values()}) == 1


def test_page_size_is_honoured_on_the_page_and_kept_by_its_links(client):
    html = client.get("/events", params={"limit": 25, "sort": "-goldstein"}).text
    assert html.count('<a class="event-link"') == 25
    assert '<option value="25" selected>' in html and '<option value="-goldstein" selected>' in html
    following = unescape(re.search(r'<a rel="next" href="([^"]*)"', html).group(1))
    assert parse_qs(urlsplit(following).query) == {"sort": ["-goldstein"], "limit": ["25"], "offset": ["25"]}
    assert len(client.get("/api/events", params={"limit": 250}).json()["events"]) == 250


def test_offset_past_the_end_says_so_with_a_link_to_the_first_page(client, corpus):
    html = client.get("/events", params={"offset": 5000}).text
    assert "showing 5001" not in html
    assert f"no events on this page (offset 5000 is past the {len(corpus)} matches)" in html
    assert '<a id="first-page" href="/events">' in html
    previous = unescape(re.search(r'<a rel="prev" href="([^"]*)"', html).group(1))
    assert parse_qs(urlsplit(previous).query)["offset"] == [str((len(corpus) - 1) // 50 * 50)]


def test_offset_past_the_end_of_a_search_keeps_the_search_in_its_link(client):
    html = client.get("/events", params={"q": "drills", "offset": 5000, "limit": 25}).text
    first = unescape(re.search(r'<a id="first-page" href="([^"]*)"', html).group(1))
    assert parse_qs(urlsplit(first).query) == {"q": ["drills"], "limit": ["25"]}


def test_form_submitted_with_empty_boxes_shows_every_event(client, corpus):
    empty = {k: "" for k in ("q", "source", "target", "actor", "cameo", "root", "plover", "since", "until")}
    response = client.get("/events", params={**empty, "sort": "date", "limit": "50"})
    assert response.status_code == 200
    assert f'<span id="total">{len(corpus)}</span>' in response.text
    assert client.get("/api/events", params=empty).json()["total"] == len(corpus)


def test_date_pickers_show_a_year_or_month_as_whole_days(client):
    html = client.get("/events", params={"since": "2019", "until": "2022-02"}).text
    assert 'type="date" name="since" id="since" value="2019-01-01"' in html
    assert 'type="date" name="until" id="until" value="2022-02-28"' in html
    by_days = client.get("/api/events", params={"since": "2019-01-01", "until": "2022-02-28"}).json()["total"]
    assert client.get("/api/events", params={"since": "2019", "until": "2022-02"}).json()["total"] == by_days


def test_actor_boxes_ask_for_suggestions(client):
    html = client.get("/events").text
    for name in ("source", "target", "actor"):
        assert re.search(rf'<input name="{name}"[^>]*data-suggest="actors" autocomplete="off"', html), name
