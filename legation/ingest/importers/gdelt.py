"""GDELT event exports: 2.0 (61 columns) and 1.0 (58 columns, or 57 without SOURCEURL), tab-separated.

The layout is read from the first row's column count; later rows with another count are bad rows. Rows
that repeat one event (same SOURCEURL, SQLDATE, actor codes and EventCode) are folded into one event
that lists every distinct GLOBALEVENTID and every distinct place with its mentions; the event's place is
the one with the most mentions, and a row repeating a GLOBALEVENTID already read adds nothing. The story
is the SOURCEURL (one synthetic article per URL); rows without one (the 57-column backfile) are each a
story of their own. Lines are split on tabs only (GDELT does not quote): a carriage return inside a field
is read as a space, and a field over 128 KB makes its row bad.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...model import Actor, Plover
from ...store.export import GDELT_COLUMNS
from ...store.imports import ImportedEvent, ImportedStory
from ..meta import host_of
from .base import (
    DUPLICATE,
    FOLDED,
    BadRow,
    Line,
    Parsed,
    Source,
    Unmapped,
    guarded,
    iso_day,
    tab_fields,
    to_float,
    to_int,
    too_long,
)
from .codes import cameo_entry, geo_country

GDELT2_COLUMNS = GDELT_COLUMNS
GDELT1_COLUMNS = tuple(c for c in GDELT_COLUMNS if not c.endswith("ADM2Code"))  # 58: no ADM2 codes
LAYOUTS: dict[int, tuple[str, tuple[str, ...]]] = {
    61: ("gdelt-2.0", GDELT2_COLUMNS),
    58: ("gdelt-1.0", GDELT1_COLUMNS),
    57: ("gdelt-1.0", GDELT1_COLUMNS[:-1]),
}
_GEO_PRECISION = {"1": "country", "2": "admin1", "3": "city", "4": "city", "5": "admin1"}
MAX_PLACES = 100  # distinct places listed per folded event (the rest are counted in `places_left_out`)


_host = lru_cache(maxsize=4096)(host_of)  # a URL's rows come together


class _Layout:
    """Column positions of one layout."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.coder, columns = LAYOUTS[count]
        self.at = {name: i for i, name in enumerate(columns)}
        self.has_url = "SOURCEURL" in self.at


@dataclass(slots=True)
class _Folding:
    """A folded event's rows so far: their ids, and mentions per distinct place."""

    ids: set[str]
    places: dict[tuple, list[Any]] = field(default_factory=dict)  # key -> [location, mentions]
    tone: float = 0.0  # sum of AvgTone x mentions
    tone_weight: int = 0
    left_out: int = 0


def _place_key(loc: dict[str, Any]) -> tuple:
    return (loc.get("name"), loc.get("lat"), loc.get("lon"), loc.get("feature_id"), loc.get("country"))


class GdeltImporter:
    """GDELT 1.0 and 2.0 event rows to stored events."""

    name = "gdelt"
    describes = "GDELT 1.0 or 2.0 event rows (tab-separated, 57, 58 or 61 columns)"

    def __init__(self) -> None:
        self.unmapped = Unmapped()

    def rows(self, source: Source, lines: Iterator[Line]) -> Iterator[Parsed | BadRow]:
        """Parse one GDELT file's rows (a header row, if any, is skipped)."""
        layout: _Layout | None = None
        for number, text in lines:
            where = f"{source.name}:{number}"
            if text is None:
                yield too_long(where)
                continue
            if not text.strip():
                continue
            fields = tab_fields(text, where)
            if isinstance(fields, BadRow):
                yield fields
                continue
            if fields[0] == "GLOBALEVENTID":
                continue
            if layout is None and len(fields) in LAYOUTS:
                layout = _Layout(len(fields))
            if layout is None or len(fields) != layout.count:
                expected = f"{layout.count} ({layout.coder})" if layout else "57, 58 or 61 (GDELT 1.0 or 2.0)"
                yield BadRow(where, "E090", "bad_columns", str(len(fields)), expected)
                continue
            yield guarded(where, self._row, fields, layout, where)

    def _row(self, f: list[str], layout: _Layout, where: str) -> Parsed | BadRow:
        at = layout.at
        raw_day = f[at["SQLDATE"]].strip()
        day = iso_day(raw_day) if len(raw_day) == 8 else None
        if day is None:
            return BadRow(where, "E091", "bad_date", raw_day, "SQLDATE is YYYYMMDD")
        entry = cameo_entry(f[at["EventCode"]])
        if entry is None:
            return BadRow(where, "E092", "unknown_code", f[at["EventCode"]])
        gid = f[at["GLOBALEVENTID"]].strip()
        url = f[at["SOURCEURL"]].strip() if layout.has_url else ""
        source, target = self._actor(f, at, "Actor1"), self._actor(f, at, "Actor2")
        if url:
            story_key = url
            key = "|".join((url, day, source.code if source else "", target.code if target else "", entry.code))
        else:
            story_key = key = f"GLOBALEVENTID {gid}"
        added = f[at["DATEADDED"]][:8]  # when GDELT saw the article; in the URL-less backfile, when it was loaded
        published = (iso_day(added) if url and len(added) == 8 else None) or day
        story = ImportedStory(story_key, layout.coder, where, url or None, None, published, _host(url))
        quad = to_int(f[at["QuadClass"]])
        goldstein = to_float(f[at["GoldsteinScale"]])
        extra: dict[str, Any] = {
            "gdelt_ids": [gid], "num_mentions": to_int(f[at["NumMentions"]]),
            "num_sources": to_int(f[at["NumSources"]]), "num_articles": to_int(f[at["NumArticles"]]),
            "avg_tone": to_float(f[at["AvgTone"]]), "is_root_event": to_int(f[at["IsRootEvent"]]),
        }  # fmt: skip
        event = ImportedEvent(
            key=key, coder=layout.coder, story=story_key, cameo=entry.code, date=day, source=source, target=target,
            cameo_name=entry.name, root=entry.root, quad_class=quad if quad in (1, 2, 3, 4) else entry.quad_class,
            goldstein=entry.goldstein if goldstein is None else goldstein,
            plover=Plover(entry.plover.type, entry.plover.mode, entry.plover.context),
            location=self._geo(f, at, "ActionGeo_"), extra=extra,
        )  # fmt: skip
        return story, event

    @staticmethod
    def _actor(f: list[str], at: dict[str, int], role: str) -> Actor | None:
        code, name = f[at[f"{role}Code"]].strip(), f[at[f"{role}Name"]].strip()
        if not code:
            return Actor(name, "", None, None, "unknown") if name else None  # an uncoded actor (our export)
        country = f[at[f"{role}CountryCode"]].strip() or None
        group = f[at[f"{role}KnownGroupCode"]].strip()
        sector = f[at[f"{role}Type1Code"]].strip() or None
        if code.startswith("IGO"):
            kind = "igo"
        elif group:
            kind = "group"
        elif country and not sector:
            kind = "state"
        else:
            kind = "agent"
        return Actor(name, code, country, sector, kind)

    def _geo(self, f: list[str], at: dict[str, int], prefix: str) -> dict[str, Any] | None:
        kind = f[at[f"{prefix}Type"]].strip()
        if kind in ("", "0"):
            return None
        fips = f[at[f"{prefix}CountryCode"]].strip()
        country = geo_country(fips) if fips else None
        if fips and country is None:
            self.unmapped.note("fips_country", fips)
        adm1 = f[at[f"{prefix}ADM1Code"]].strip()
        # ADM1Code is the FIPS country code and the division's code ('GM16'); the division's code alone is
        # what legation's gazetteer calls admin1 ('16'); '00' and a bare country code mean no division.
        admin1 = adm1[len(fips):] if fips and adm1.startswith(fips) else adm1
        loc: dict[str, Any] = {
            "name": f[at[f"{prefix}FullName"]].strip() or None, "country": country,
            "admin1": admin1 if admin1 and admin1 != "00" else None, "lat": to_float(f[at[f"{prefix}Lat"]]),
            "lon": to_float(f[at[f"{prefix}Long"]]), "precision": _GEO_PRECISION.get(kind),
            "fips": fips or None, "adm1_code": adm1 or None,
            "feature_id": f[at[f"{prefix}FeatureID"]].strip() or None, "geo_type": to_int(kind),
        }  # fmt: skip
        return {k: v for k, v in loc.items() if v is not None} or None

    @staticmethod
    def fold(kept: ImportedEvent, repeat: ImportedEvent) -> str:
        """A repeat of the event from the same SOURCEURL: add its id, mentions and place (a row repeating an
        id already read adds nothing: DUPLICATE)."""
        gid = repeat.extra["gdelt_ids"][0]
        state: _Folding | None = kept.folding
        if state is None:
            state = kept.folding = _Folding({kept.extra["gdelt_ids"][0]})
            _add_place(state, kept.location, kept.extra.get("num_mentions"))
            _add_tone(state, kept.extra)
        if gid in state.ids:
            return DUPLICATE
        state.ids.add(gid)
        kept.extra["gdelt_ids"].append(gid)
        for name in ("num_mentions", "num_articles"):
            if repeat.extra.get(name) is not None:
                kept.extra[name] = (kept.extra.get(name) or 0) + repeat.extra[name]
        for name in ("num_sources", "is_root_event"):
            values = [v for v in (kept.extra.get(name), repeat.extra.get(name)) if v is not None]
            kept.extra[name] = max(values) if values else None
        _add_place(state, repeat.location, repeat.extra.get("num_mentions"))
        _add_tone(state, repeat.extra)
        return FOLDED

    @staticmethod
    def finish(event: ImportedEvent) -> None:
        """A folded event's place is its most mentioned one; every distinct place is listed with its mentions."""
        state: _Folding = event.folding
        event.folding = None
        if state.tone_weight:
            event.extra["avg_tone"] = round(state.tone / state.tone_weight, 6)
        places = sorted(state.places.values(), key=lambda p: -p[1])  # stable: the first read wins a tie
        if places:
            event.location = places[0][0]
        if len(places) > 1:
            event.extra["locations"] = [{**loc, "mentions": n} for loc, n in places]
        if state.left_out:
            event.extra["places_left_out"] = state.left_out


def _add_place(state: _Folding, location: dict[str, Any] | None, mentions: int | None) -> None:
    if location is None:
        return
    key = _place_key(location)
    if key in state.places:
        state.places[key][1] += mentions or 0
    elif len(state.places) < MAX_PLACES:
        state.places[key] = [location, mentions or 0]
    else:
        state.left_out += 1


def _add_tone(state: _Folding, extra: dict[str, Any]) -> None:
    tone, weight = extra.get("avg_tone"), extra.get("num_mentions") or 1
    if tone is not None:
        state.tone += tone * weight
        state.tone_weight += weight
