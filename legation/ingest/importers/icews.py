"""ICEWS coded event data: the Harvard Dataverse `.tab` files (tab-separated, one header row, 20 columns).

Actors come as a name, a list of ICEWS sectors and a country name; the country name is mapped to ISO3
(legation/data/fips_iso3.json) and the sector list to one CAMEO sector code (`sectors.icews_roles`), so
"Vladimir Putin / Government,Executive Office / Russian Federation" is RUSGOV. `NA` (how the ICEWS R
package writes a missing value) is read as missing in every column: it is never Namibia. Organisations
(IGO, NGO, multinational corporation items) take their code from legation's actor dictionary ("European
Union" is IGOEUREEC), else IGO, NGO or MNC. An actor whose sector list names no state role is looked up in
legation's dictionaries of dated office-holders and named groups for the event's date, so a sitting head
of government listed only with party roles is GOV. The story is the Story ID; Event Text, Story ID and
Sentence Number are kept as evidence.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ...model import Actor, Plover
from ...store.imports import ImportedEvent, ImportedStory
from .base import (
    CONFLICT,
    DUPLICATE,
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
from .codes import cameo_entry, country_iso3
from .sectors import Roles, icews_roles, sector_code

CODER = "icews"
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
MISSING = "NA"  # the ICEWS R package's missing value
_GENERIC = re.compile(r"^(.+?)\s*\((.+)\)$")  # "Police (India)", "Citizen (Kenya)"
_NO_ROLES = Roles(None, 5, None, False, ())
_ORG_KIND = {"IGO": "igo", "NGO": "group", "MNC": "group"}


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from ...actors.dictionary import load_dictionary

    return load_dictionary()


@lru_cache(maxsize=16384)
def known_actor(name: str, day: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """(code, kind) of a name in legation's shipped dictionaries on `day`, when its kind is one of `kinds`."""
    from ...actors.dictionary import phrase_key

    found = _dictionary().lookup(phrase_key(name), day)
    if found is None or found[0].kind not in kinds or not found[1]:
        return None
    return found[1], found[0].kind


def _fields(text: str, quoted: bool, where: str) -> list[str] | BadRow:
    """One line's fields: tab-separated, or (Dataverse's quoted variant) CSV-quoted and tab-separated."""
    if not quoted:
        return tab_fields(text, where)
    checked = tab_fields(text, where)
    if isinstance(checked, BadRow):
        return checked
    try:
        return next(csv.reader([text.replace("\r", " ")], delimiter="\t"), [])
    except csv.Error as exc:
        return BadRow(where, "E098", "bad_value", f"the row is not valid quoted text ({exc})")


class IcewsImporter:
    """ICEWS event rows to stored events."""

    name = CODER
    describes = "ICEWS events (the Dataverse .tab layout)"

    def __init__(self) -> None:
        self.unmapped = Unmapped()

    def rows(self, source: Source, lines: Iterator[Line]) -> Iterator[Parsed | BadRow]:
        """Parse one ICEWS file: a header naming the 20 columns, then one event per row."""
        header: list[str] | None = None
        quoted = False
        at: dict[str, int] = {}
        for number, text in lines:
            where = f"{source.name}:{number}"
            if text is None:
                yield too_long(where)
                continue
            if not text.strip():
                continue
            if header is None:
                quoted = text.lstrip("\ufeff").startswith('"')
                first = _fields(text, quoted, where)
                cells = first if isinstance(first, list) else []
                header = [h.strip().lstrip("\ufeff").strip('"').strip() for h in cells]
                missing = [c for c in ICEWS_COLUMNS if c not in header]
                if missing:
                    yield BadRow(source.name, "E094", "not_icews", ", ".join(missing), whole_file=True)
                    return
                at = {name: header.index(name) for name in ICEWS_COLUMNS}
                continue
            fields = _fields(text, quoted, where)
            if isinstance(fields, BadRow):
                yield fields
            elif len(fields) != len(header):
                yield BadRow(where, "E090", "bad_columns", str(len(fields)), f"{len(header)} (ICEWS)")
            else:
                row = {name: _value(fields[i]) for name, i in at.items()}
                yield guarded(where, self._row, row, where)

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
            source=self._actor(r["Source Name"], r["Source Sectors"], r["Source Country"], day),
            target=self._actor(r["Target Name"], r["Target Sectors"], r["Target Country"], day),
            cameo_name=entry.name, root=entry.root, quad_class=entry.quad_class,
            goldstein=entry.goldstein if intensity is None else intensity,
            plover=Plover(entry.plover.type, entry.plover.mode, entry.plover.context),
            sentence_index=to_int(r["Sentence Number"]) or 0, location=self._location(r), extra=extra,
        )  # fmt: skip
        return story, event

    def _actor(self, name: str, sectors: str, country_name: str, day: str) -> Actor | None:
        """The actor: a country code and sector, an organisation, or (uncoded, code '') its name alone."""
        if not name and not country_name:
            return None
        iso = country_iso3(country_name) if country_name else None
        if country_name and iso is None:
            self.unmapped.note("country_name", country_name)
        roles = icews_roles(sectors) if sectors else _NO_ROLES
        for item in roles.unknown:
            self.unmapped.note("sector", item)
        sector = roles.sector
        generic = _GENERIC.match(name)
        if sector is None and generic:
            sector = sector_code(generic.group(1))
        org = roles.organisation
        if org and (iso is None or (org == "IGO" and not roles.executive)):
            found = known_actor(name, day, ("igo", "group")) if name else None
            code = found[0] if found and found[0].startswith(org) else org
            return Actor(name or code, code, None, None if org == "IGO" else sector, _ORG_KIND[org])
        if iso:
            code = iso + (sector or "")
            if not roles.state_role and name and not generic:
                found = known_actor(name, day, ("person", "group"))
                if found and found[0][:3] == iso and len(found[0]) > 3:
                    code, sector = found[0], found[0][3:6]
            kind = "state" if not sector and country_iso3(name) == iso else "agent"
            return Actor(name or iso, code, iso, sector, kind)
        if name and not generic:
            found = known_actor(name, day, ("igo", "group"))
            if found:
                country = found[0][:3] if country_iso3(found[0][:3]) == found[0][:3] else None
                return Actor(name, found[0], country, sector, found[1])
        return Actor(name, "", None, sector, "unknown") if name else None

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
    def fold(kept: ImportedEvent, repeat: ImportedEvent) -> str:
        """A repeated event id: the same record again is a duplicate; another record is a conflict (a bad row)."""
        return DUPLICATE if kept.row() == repeat.row() else CONFLICT

    @staticmethod
    def finish(event: ImportedEvent) -> None:
        """Nothing to complete: ICEWS events are not folded."""


def _value(field: str) -> str:
    """A field stripped, with ICEWS's missing value `NA` read as empty."""
    value = field.strip()
    return "" if value == MISSING else value
