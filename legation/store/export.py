"""Exports of stored events: GDELT 2.0 event rows (one per story-level event) and POLECAT-style JSONL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

from .store import EventFilter, Store

# GDELT 2.0 event table columns, in order (61).
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# One row per story-level event: events of one story cluster with the same dyad, code and date (a date
# that is only the publication date does not count) are one real-world event; NumMentions counts its
# events, NumArticles its reports (articles and their exact copies), NumSources their outlets.
_STORY_EVENTS = """
WITH ev AS (
    SELECT e.*, a.seq, a.source AS outlet, a.url, CAST(a.published AS VARCHAR) AS published,
           coalesce(e.date, CAST(a.published AS VARCHAR)) AS event_date
    FROM events e JOIN articles a ON a.id = e.article_id {where}),
keyed AS (
    SELECT *, concat_ws('|', cluster_id, coalesce(source_code, ''), coalesce(target_code, ''), cameo,
                        CASE WHEN date_precision = 'publication' THEN '' ELSE coalesce(date, '') END) AS gkey
    FROM ev),
per_article AS (SELECT gkey, article_id, any_value(outlet) AS outlet FROM keyed GROUP BY gkey, article_id),
copies AS (SELECT article_id, count(*) AS n FROM article_copies GROUP BY article_id),
agg AS (
    SELECT p.gkey, count(*) + sum(coalesce(c.n, 0)) AS num_articles, count(DISTINCT p.outlet) AS num_sources
    FROM per_article p LEFT JOIN copies c USING (article_id) GROUP BY p.gkey),
mentions AS (
    SELECT gkey, count(*) AS num_mentions, min(sentence_index) AS first_sentence FROM keyed GROUP BY gkey),
rep AS (
    SELECT * FROM keyed QUALIFY row_number() OVER (PARTITION BY gkey ORDER BY seq, sentence_index, id) = 1)
SELECT rep.*, agg.num_articles, agg.num_sources, mentions.num_mentions, mentions.first_sentence
FROM rep JOIN agg USING (gkey) JOIN mentions USING (gkey)
ORDER BY event_date NULLS LAST, seq, sentence_index, id
"""
_GEO_TYPE = {"country": 1, "adm1": 5, "admin1": 5, "state": 5, "province": 5, "region": 5}


def story_events(store: Store, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Story-level events: a representative event row with num_mentions, num_articles and num_sources."""
    where, params = (filters or EventFilter()).where()
    with store.connect() as con:
        cursor = con.execute(_STORY_EVENTS.format(where=where), params)
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(2000):
            for row in rows:
                yield dict(zip(names, row, strict=True))


def _day(row: dict[str, Any]) -> dt.date | None:
    for value in (row.get("event_date"), row.get("published")):
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _actor(row: dict[str, Any], role: str) -> list[Any]:
    if row.get(f"{role}_code") is None:
        return [""] * len(_ACTOR)
    known_group = row[f"{role}_code"] if row.get(f"{role}_kind") in ("igo", "group") else ""
    return [row[f"{role}_code"], (row.get(f"{role}_text") or "").upper(), row.get(f"{role}_country"),
            known_group, "", "", "", row.get(f"{role}_sector"), "", ""]  # fmt: skip


def _location_json(row: dict[str, Any]) -> dict[str, Any]:
    try:
        found = json.loads(row["location"]) if row.get("location") else {}
    except (TypeError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _action_geo(row: dict[str, Any]) -> list[Any]:
    """ActionGeo_* from the event's location: GDELT's FIPS 10-4 country code (an ISO3 code where FIPS has
    none), ADM1Code as FIPS country + division, and what an imported GDELT location kept (Type, FeatureID)."""
    if row.get("lat") is None and not row.get("location_country") and not row.get("location_name"):
        return [0] + [""] * (len(_GEO) - 1)
    from ..ingest.importers.codes import iso3_fips

    loc = _location_json(row)
    kind = loc.get("geo_type") or _GEO_TYPE.get(
        (row.get("location_precision") or "").lower(), 4 if row.get("lat") is not None else 1
    )
    iso = row.get("location_country")
    fips = loc.get("fips") or iso3_fips(iso) or iso or ""
    admin1 = row.get("admin1") or ""
    adm1 = loc.get("adm1_code") or (fips + admin1 if admin1 and len(admin1) <= 3 else fips)
    return [kind, row.get("location_name"), fips, adm1, "", row.get("lat"), row.get("lon"),
            loc.get("feature_id") or row.get("geonameid")]  # fmt: skip


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """A story-level event as the 61 GDELT 2.0 event columns: actor country codes as coded (CAMEO's are ISO3),
    the place's country as GDELT's FIPS 10-4 code, so that `legation import gdelt` reads the file back."""
    day = _day(row)
    fraction = round(day.year + (day.timetuple().tm_yday / 365.0), 4) if day else ""
    published = (row.get("published") or "").replace("-", "")
    return [
        int(row["id"][:15], 16),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        fraction, *_actor(row, "source"), *_actor(row, "target"),
        1 if row.get("first_sentence") == 0 else 0,
        row["cameo"], row["cameo"][:3], row["root"], row["quad_class"], row["goldstein"],
        row["num_mentions"], row["num_sources"], row["num_articles"], 0,
        0, *[""] * (len(_GEO) - 1), 0, *[""] * (len(_GEO) - 1), *_action_geo(row),
        f"{published}000000" if published else "", row.get("url") or "",
    ]  # fmt: skip


def write_gdelt(store: Store, out: TextIO, filters: EventFilter | None = None, header: bool = False) -> int:
    """Write story-level events as GDELT 2.0 tab-separated rows (no header, as GDELT ships them)."""
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for row in story_events(store, filters):
        out.write("\t".join(_text(v) for v in gdelt_row(row)) + "\n")
        count += 1
    return count


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event in the POLECAT field layout (snake_case names), with legation's evidence fields added."""
    contexts = [c.strip() for c in (row.get("plover_context") or "").split(",") if c.strip()]
    return {
        "event_id": row["id"],
        "event_date": row.get("event_date"),
        "event_type": row.get("plover_type"),
        "event_mode": row.get("plover_mode"),
        "event_intensity": None,
        "quad_code": row.get("quad_class"),
        "contexts": contexts,
        "actor_name": row.get("source_text"),
        "actor_country": row.get("source_country"),
        "primary_actor_sector": row.get("source_sector"),
        "actor_name_raw": row.get("source_text"),
        "actor_code": row.get("source_code"),
        "recipient_name": row.get("target_text"),
        "recipient_country": row.get("target_country"),
        "primary_recipient_sector": row.get("target_sector"),
        "recipient_name_raw": row.get("target_text"),
        "recipient_code": row.get("target_code"),
        "placename": row.get("location_name"),
        "province": row.get("admin1"),
        "country": row.get("location_country"),
        "latitude": row.get("lat"),
        "longitude": row.get("lon"),
        "geonames_id": row.get("geonameid"),
        "feature_type": row.get("location_precision"),
        "source": row.get("article_source"),
        "publication_date": row.get("published"),
        "story_id": row.get("cluster_id"),
        "article_id": row.get("article_id"),
        "url": row.get("url"),
        "event_text": row.get("sentence"),
        "trigger": row.get("trigger"),
        "trigger_start": row.get("trigger_start"),
        "trigger_end": row.get("trigger_end"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "language": "en",
        "version": row.get("coder"),
    }


def write_plover(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    """Write events as POLECAT-style JSON lines; return the count."""
    count = 0
    for row in store.event_rows(filters):
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
