"""Text search, facets and sorted pages of events: the events page's queries.

Text search (`EventFilter.text`, the web's `q`) looks in each event's evidence sentence and in its
article's title and text. Free words must all match, in any of those, case-insensitively; a word matches
at the start of a word, so `sanction` finds "sanctions" but `war` does not find "award". A "quoted phrase"
matches its words in that order, as whole words, with only white space between them. DuckDB's full-text extension is not
used (it cannot be installed offline); the terms become RE2 patterns, bound as parameters like every
other value.

Facets count the matching events by CAMEO root, PLOVER type, source and target actor (country, else
code), outlet, month and coder: the most common values of each, as datasette shows them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .records import dict_rows, event_dict

if TYPE_CHECKING:
    from pathlib import Path

    from .store import EventFilter, Store

MAX_TERMS = 12  # words and phrases of one query (more are ignored)
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_FROM = " FROM events e JOIN articles a ON a.id = e.article_id"
_EVENT_DATE = "coalesce(e.date, CAST(a.published AS VARCHAR))"

# The facets: name -> the value each event counts under (NULLs are not counted).
FACETS: dict[str, str] = {
    "root": "e.root",
    "plover": "e.plover_type",
    "src": "coalesce(e.source_country, e.source_code)",
    "tgt": "coalesce(e.target_country, e.target_code)",
    "outlet": "a.source",
    "month": f"left({_EVENT_DATE}, 7)",
    "coder": "e.coder",
}

# The sort orders of an events page; every one ends in the event id, so pages never overlap.
SORTS: dict[str, str] = {
    "date": "event_date NULLS LAST, a.seq, e.sentence_index, e.id",
    "-date": "event_date DESC NULLS LAST, a.seq DESC, e.sentence_index DESC, e.id DESC",
    "goldstein": "e.goldstein NULLS LAST, event_date, e.id",
    "-goldstein": "e.goldstein DESC NULLS LAST, event_date, e.id",
    "-confidence": "e.confidence DESC NULLS LAST, event_date, e.id",
}


def parse_terms(query: str) -> list[tuple[str, bool]]:
    """The query's terms, lower case: (word, False) for a free word and (phrase, True) for a quoted phrase.

    An unclosed quote runs to the end; empty quotes are left out; a quoted word matches as a whole word."""
    terms: list[tuple[str, bool]] = []
    for phrase, word in _TERM.findall(query):
        words = (phrase or word).lower().split()
        if not words:
            continue
        term = (" ".join(words), bool(phrase))
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def term_pattern(term: str, phrase: bool, python: bool = False) -> str:
    """The pattern of one term: a word matches at a word's start, a phrase as whole words in order.

    RE2's (DuckDB's) `\\b` knows ASCII letters only, so a word's edge is spelt out with Unicode classes;
    with `python`, the same pattern for Python's `re` (whose `\\W` knows every script)."""
    other = r"\W" if python else r"[^\pL\pN_]"
    words = [re.escape(w) for w in term.split()]
    start = f"(?:^|{other})" if _wordy(term[0]) else ""
    end = f"(?:$|{other})" if phrase and _wordy(term[-1]) else ""
    return "(?i)" + start + r"\s+".join(words) + end


def _wordy(char: str) -> bool:
    return char.isalnum() or char == "_"


def text_clause(query: str) -> tuple[str, list[Any]]:
    """SQL over `events e JOIN articles a`: every term of `query` is in the sentence, title or text.

    Returns ("", []) when the query has no terms. Each pattern is checked after a cheap case-insensitive
    substring test of its first word, so the regular expression runs on few rows."""
    clauses: list[str] = []
    params: list[Any] = []
    for term, phrase in parse_terms(query):
        first = term.split()[0]
        pattern = term_pattern(term, phrase)
        per_column = []
        for column in ("e.sentence", "a.title", "a.text"):
            per_column.append(f"(contains(lower({column}), ?) AND regexp_matches({column}, ?))")
            params += [first, pattern]
        clauses.append("(" + " OR ".join(per_column) + ")")
    return " AND ".join(clauses), params


def matches(query: str, *texts: str | None) -> bool:
    """Whether every term of `query` is in one of `texts`: the rule of `text_clause`, in Python (for checks)."""
    terms = parse_terms(query)
    for term, phrase in terms:
        pattern = re.compile(term_pattern(term, phrase, python=True))
        if not any(text and pattern.search(text) for text in texts):
            return False
    return bool(terms)


def _page_sql(where: str, params: list[Any], limit: int, offset: int, sort: str) -> tuple[str, list[Any]]:
    """The query of one page of the events matching `where` in a `SORTS` order, with its parameters."""
    from .store import _EVENT_SELECT

    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    return _EVENT_SELECT + where + " ORDER BY " + SORTS[sort] + " LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]


def sorted_page(
    store: Store, filters: EventFilter, limit: int, offset: int, sort: str = "date"
) -> list[dict[str, Any]]:
    """One page of matching events in the `Event.to_dict()` shape, in one of the `SORTS` orders."""
    sql, params = _page_sql(*filters.where(), limit, offset, sort)
    with store.connect() as con:
        return [event_dict(r) for r in dict_rows(con.execute(sql, params))]


def search_page(
    store: Store, filters: EventFilter, limit: int, offset: int, sort: str = "date"
) -> tuple[int, list[dict[str, Any]]]:
    """How many events match, and one page of them in a `SORTS` order, read on one connection.

    (Opening the store costs more than either query on a small store; a `count(*) OVER ()` on the page
    query instead would hold every matching row of a large one in memory.)"""
    where, params = filters.where()
    sql, page_params = _page_sql(where, params, limit, offset, sort)
    with store.connect() as con:
        found = con.execute("SELECT count(*)" + _FROM + where, params).fetchone()
        rows = dict_rows(con.execute(sql, page_params))
    return (int(found[0]) if found else 0), [event_dict(r) for r in rows]


def facet_counts(store: Store, filters: EventFilter, top: int = 10) -> dict[str, dict[str, Any]]:
    """For every facet of `FACETS`: its `top` most common values among the matching events, with counts.

    Each facet is {"values": [{"value", "count"}, ...] (most first, then by value), "distinct": how many
    values there are in all}. One query over the matching events counts them all."""
    where, params = filters.where()
    columns = ", ".join(f"CAST({expr} AS VARCHAR) AS {name}" for name, expr in FACETS.items())
    sql = (
        f"WITH m AS (SELECT {columns}{_FROM}{where}),"
        f" u AS (UNPIVOT m ON {', '.join(FACETS)} INTO NAME facet VALUE value),"
        " g AS (SELECT facet, value, count(*) AS n FROM u GROUP BY facet, value),"
        " r AS (SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS rank,"
        " count(*) OVER (PARTITION BY facet) AS distinct_values FROM g)"
        " SELECT facet, value, n, distinct_values FROM r WHERE rank <= ? ORDER BY facet, rank"
    )
    with store.connect() as con:
        rows = dict_rows(con.execute(sql, [*params, int(top)]))
    out: dict[str, dict[str, Any]] = {name: {"values": [], "distinct": 0} for name in FACETS}
    for row in rows:
        facet = out[row["facet"]]
        facet["values"].append({"value": row["value"], "count": int(row["n"])})
        facet["distinct"] = int(row["distinct_values"])
    return out


def replicate(store: Store, source: Path, times: int, shift_days: int = 7) -> int:
    """Fill `store` with `times` copies of every article, cluster and event of the store at `source`.

    For benchmarks: copy k gets ids, hashes and locations suffixed with `-k`, its seq numbers after the
    previous copy's, and its dates moved `k * shift_days` days later. Returns the events in `store`."""
    if store.read_only:
        raise ValueError("read-only store")
    from .schema import ARTICLE_COLUMNS, CLUSTER_COLUMNS, EVENT_COLUMNS

    suffixed = {"id", "content_hash", "cluster_id", "first_article_id", "article_id"}
    shifted_dates = {"published", "first_published"}
    shifted_text = {"date", "date_end"}

    def select(table: str, columns: tuple[str, ...]) -> str:
        parts = []
        for c in columns:
            if c in suffixed or (table == "articles" and c == "location"):
                parts.append(f"CASE WHEN t.{c} IS NULL THEN NULL ELSE t.{c} || '-' || k.i END")
            elif c in shifted_dates:
                parts.append(f"CAST(t.{c} + CAST(k.i * ? AS INTEGER) AS DATE)")
            elif c in shifted_text:
                parts.append(f"CASE WHEN length(t.{c}) = 10 THEN"
                             f" CAST(CAST(TRY_CAST(t.{c} AS DATE) + CAST(k.i * ? AS INTEGER) AS DATE) AS VARCHAR)"
                             f" ELSE t.{c} END")  # fmt: skip
            elif c == "seq":
                parts.append("t.seq + k.i * (SELECT coalesce(max(seq), 0) FROM src.articles)")
            else:
                parts.append(f"t.{c}")
        return ", ".join(parts)

    def shifts(columns: tuple[str, ...]) -> list[int]:
        return [shift_days for c in columns if c in shifted_dates | shifted_text]

    with store.connect() as con:
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(source)])
        try:
            for table, columns in (("articles", ARTICLE_COLUMNS), ("story_clusters", CLUSTER_COLUMNS),
                                   ("events", EVENT_COLUMNS)):  # fmt: skip
                con.execute(
                    f"INSERT OR IGNORE INTO {table} ({', '.join(columns)})"
                    f" SELECT {select(table, columns)} FROM src.{table} t, range(?) k(i)",
                    [*shifts(columns), int(times)],
                )
            row = con.execute("SELECT count(*) FROM events").fetchone()
        finally:
            con.execute("DETACH src")
    return int(row[0]) if row else 0
