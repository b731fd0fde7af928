"""GDELT event exports: 2.0 (61 columns) and 1.0 (58 columns, or 57 without SOURCEURL), tab-separated.

The layout is read from the first row's column count; later rows with another count are bad rows. Rows
that repeat one event (same SOURCEURL, SQLDATE, actor codes and EventCode) are folded into one event
that lists every GLOBALEVENTID. The story is the SOURCEURL (one synthetic article per URL); rows
without one (the 57-column backfile) are each a story of their own.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ...model import Actor, Plover
from ...store.export import GDELT_COLUMNS
from ...store.imports import ImportedEvent, ImportedStory
from ..meta import host_of
from .base import BadRow, Parsed, Source, Unmapped, iso_day, to_float, to_int
from .codes import cameo_entry, fips_iso3

GDELT2_COLUMNS = GDELT_COLUMNS
GDELT1_COLUMNS = tuple(c for c in GDELT_COLUMNS if not c.endswith("ADM2Code"))  # 58: no ADM2 codes
LAYOUTS: dict[int, tuple[str, tuple[str, ...]]] = {
    61: ("gdelt-2.0", GDELT2_COLUMNS),
    58: ("gdelt-1.0", GDELT1_COLUMNS),
    57: ("gdelt-1.0", GDELT1_COLUMNS[:-1]),
}
_GEO_PRECISION = {"1": "country", "2": "admin1", "3": "city", "4": "city", "5": "admin1"}


_host = lru_cache(maxsize=4096)(host_of)  # a URL's rows come together


class _Layout:
    """Column positions of one layout."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.coder, columns = LAYOUTS[count]
        self.at = {name: i for i, name in enumerate(columns)}
        self.has_url = "SOURCEURL" in self.at


class GdeltImporter:
    """GDELT 1.0 and 2.0 event rows to stored events."""

    name = "gdelt"

    def __init__(self) -> None:
        self.unmapped = Unmapped()

    def rows(self, source: Source, lines: Iterator[str]) -> Iterator[Parsed | BadRow]:
        """Parse one GDELT file's rows (a header row, if any, is skipped)."""
        layout: _Layout | None = None
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for fields in reader:
            where = f"{source.name}:{reader.line_num}"
            if not fields or fields == [""]:
                continue
            if fields[0] == "GLOBALEVENTID":
                continue
            if layout is None and len(fields) in LAYOUTS:
                layout = _Layout(len(fields))
            if layout is None or len(fields) != layout.count:
                expected = f"{layout.count} ({layout.coder})" if layout else "57, 58 or 61 (GDELT 1.0 or 2.0)"
                yield BadRow(where, "E090", "bad_columns", str(len(fields)), expected)
                continue
            yield self._row(fields, layout, where)

    def _row(self, f: list[str], layout: _Layout, where: str) -> Parsed | BadRow:
        at = layout.at
        raw_day = f[at["SQLDATE"]]
        day = iso_day(raw_day) if len(raw_day) == 8 else None
        if day is None:
            return BadRow(where, "E091", "bad_date", raw_day, "SQLDATE is YYYYMMDD")
        entry = cameo_entry(f[at["EventCode"]])
        if entry is None:
            return BadRow(where, "E092", "unknown_code", f[at["EventCode"]])
        gid = f[at["GLOBALEVENTID"]]
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
            return None
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
        country = fips_iso3(fips) if fips else None
        if fips and country is None:
            self.unmapped.note("fips_country", fips)
        loc: dict[str, Any] = {
            "name": f[at[f"{prefix}FullName"]].strip() or None, "country": country,
            "admin1": f[at[f"{prefix}ADM1Code"]].strip() or None, "lat": to_float(f[at[f"{prefix}Lat"]]),
            "lon": to_float(f[at[f"{prefix}Long"]]), "precision": _GEO_PRECISION.get(kind), "fips": fips or None,
            "feature_id": f[at[f"{prefix}FeatureID"]].strip() or None,
        }  # fmt: skip
        return {k: v for k, v in loc.items() if v is not None} or None

    @staticmethod
    def fold(kept: ImportedEvent, repeat: ImportedEvent) -> None:
        """A repeat of the event from the same SOURCEURL: keep the first row, list every GLOBALEVENTID."""
        kept.extra["gdelt_ids"].extend(repeat.extra["gdelt_ids"])
