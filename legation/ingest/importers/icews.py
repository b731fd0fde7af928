"""ICEWS coded event data: the Harvard Dataverse `.tab` files (tab-separated, one header row, 20 columns).

Actors come as a name, a list of ICEWS sectors and a country name; the country name is mapped to ISO3
(legation/data/fips_iso3.json) and the sector list to one CAMEO sector code (`codes.SECTOR_WORDS`), so
"Vladimir Putin / Government,Executive / Russian Federation" is RUSGOV. IGOs, NGOs and multinational
corporations (by sector) are IGO, NGO, MNC. The story is the Story ID; Event Text, Story ID and
Sentence Number are kept as evidence.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from typing import Any

from ...model import Actor, Plover
from ...store.imports import ImportedEvent, ImportedStory
from .base import BadRow, Parsed, Source, Unmapped, iso_day, to_float, to_int
from .codes import cameo_entry, country_iso3, organisation, sector_code

CODER = "icews"
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
_GENERIC = re.compile(r"^(.+?)\s*\((.+)\)$")  # "Police (India)", "Citizen (Kenya)"


class IcewsImporter:
    """ICEWS event rows to stored events."""

    name = CODER

    def __init__(self) -> None:
        self.unmapped = Unmapped()

    def rows(self, source: Source, lines: Iterator[str]) -> Iterator[Parsed | BadRow]:
        """Parse one ICEWS file: a header naming the 20 columns, then one event per row."""
        skipped, first = 0, next(lines, None)
        while first is not None and not first.strip():
            skipped, first = skipped + 1, next(lines, None)
        if first is None:
            return
        quoted = first.lstrip("\ufeff").startswith('"')
        quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
        reader = csv.reader(itertools.chain([first], lines), delimiter="\t", quoting=quoting)
        header = [h.strip().lstrip("\ufeff").strip('"').strip() for h in next(reader)]
        missing = [c for c in ICEWS_COLUMNS if c not in header]
        if missing:
            yield BadRow(source.name, "E094", "not_icews", ", ".join(missing), whole_file=True)
            return
        at = {name: header.index(name) for name in ICEWS_COLUMNS}
        for fields in reader:
            if not fields:
                continue
            where = f"{source.name}:{reader.line_num + skipped}"
            if len(fields) != len(header):
                yield BadRow(where, "E090", "bad_columns", str(len(fields)), f"{len(header)} (ICEWS)")
                continue
            yield self._row({name: fields[i].strip() for name, i in at.items()}, where)

    def _row(self, r: dict[str, str], where: str) -> Parsed | BadRow:
        day = iso_day(r["Event Date"]) if len(r["Event Date"]) == 10 else None
        if day is None:
            return BadRow(where, "E091", "bad_date", r["Event Date"], "Event Date is YYYY-MM-DD")
        entry = cameo_entry(r["CAMEO Code"])
        if entry is None:
            return BadRow(where, "E092", "unknown_code", r["CAMEO Code"])
        story_key = r["Story ID"] or f"Event ID {r['Event ID']}"
        story = ImportedStory(story_key, CODER, where, published=day, source=r["Publisher"] or None,
                              external_id=r["Story ID"] or None)  # fmt: skip
        intensity = to_float(r["Intensity"])
        extra = {
            k: v
            for k, v in (
                ("event_id", r["Event ID"]),
                ("event_text", r["Event Text"]),
                ("story_id", r["Story ID"]),
                ("sentence_number", r["Sentence Number"]),
                ("source_sectors", r["Source Sectors"]),
                ("target_sectors", r["Target Sectors"]),
            )
            if v
        }
        event = ImportedEvent(
            key=r["Event ID"] or "|".join(r.values()), coder=CODER, story=story_key, cameo=entry.code, date=day,
            source=self._actor(r["Source Name"], r["Source Sectors"], r["Source Country"]),
            target=self._actor(r["Target Name"], r["Target Sectors"], r["Target Country"]),
            cameo_name=entry.name, root=entry.root, quad_class=entry.quad_class,
            goldstein=entry.goldstein if intensity is None else intensity,
            plover=Plover(entry.plover.type, entry.plover.mode, entry.plover.context),
            sentence_index=to_int(r["Sentence Number"]) or 0, location=self._location(r), extra=extra,
        )  # fmt: skip
        return story, event

    def _actor(self, name: str, sectors: str, country_name: str) -> Actor | None:
        if not name and not country_name:
            return None
        iso = country_iso3(country_name) if country_name else None
        if country_name and iso is None:
            self.unmapped.note("country_name", country_name)
        org = organisation(sectors) if sectors else None
        sector = sector_code(sectors) if sectors else None
        generic = _GENERIC.match(name)
        if sector is None and generic:
            sector = sector_code(generic.group(1))
        if sectors and sector is None and org is None:
            self.unmapped.note("sector", sectors)
        if iso:
            kind = "state" if not sector and country_iso3(name) == iso else "agent"
            return Actor(name, iso + (sector or ""), iso, sector, kind)
        if org:
            return Actor(name, org[0], None, sector, org[1])
        return None

    def _location(self, r: dict[str, str]) -> dict[str, Any] | None:
        country = country_iso3(r["Country"]) if r["Country"] else None
        if r["Country"] and country is None:
            self.unmapped.note("country_name", r["Country"])
        precision = next((p for p, k in (("city", "City"), ("admin2", "District"), ("admin1", "Province"),
                                          ("country", "Country")) if r[k]), None)  # fmt: skip
        loc: dict[str, Any] = {
            "name": r["City"] or r["District"] or r["Province"] or r["Country"] or None, "country": country,
            "admin1": r["Province"] or None, "lat": to_float(r["Latitude"]), "lon": to_float(r["Longitude"]),
            "precision": precision,
        }  # fmt: skip
        return {k: v for k, v in loc.items() if v is not None} or None

    @staticmethod
    def fold(kept: ImportedEvent, repeat: ImportedEvent) -> None:
        """A repeated Event ID: the first row is kept."""
