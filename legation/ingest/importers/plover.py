"""POLECAT / PLOVER event records, one JSON object per line.

Two field layouts are read, and may be mixed: POLECAT's (`event_id, event_date, event_type, event_mode,
contexts, quad_code, actor_name, actor_country, primary_actor_sector, recipient_..., placename, country,
latitude, longitude, story_id, source, publication_date` — "Event ID" style names are read the same, as
is `legation export --format plover`), and the PLOVER specification's (`id, date, event, mode, context,
source: [{code, sector, actor_text}], recipient: [...], event_loc, event_text, cite_info`). Records
without a CAMEO code keep cameo '' with the quad class of their PLOVER type.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from ...model import Actor, Plover
from ...store.imports import ImportedEvent, ImportedStory
from ..meta import host_of
from .base import (
    CONFLICT,
    DUPLICATE,
    BadRow,
    Line,
    Parsed,
    Skipped,
    Source,
    Unmapped,
    guarded,
    iso_day,
    to_float,
    to_int,
    too_long,
)
from .codes import PLOVER_QUAD, cameo_entry, country_iso3, plover_type, sector_code

CODER = "polecat"
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# CAMEO sector codes, then ethnic or religion codes: 'GOV', 'CVLalb' (civilians, Albanian), 'RELCHR'
_SECTOR_CODES = re.compile(r"^[A-Z]{3}(?:[A-Z]{3}|[a-z]{3})*$")
DOCUMENT = "DOCUMENT"  # PLOVER records of this type document the file; they are not events
_GROUPS = {"IGO": "igo", "NGO": "group", "MNC": "group", "ISM": "group", "IMG": "group"}


def _key(name: str) -> str:
    """The lookup form of a field name: snake case ('actorText', 'Actor Text' and 'actor_text' are one)."""
    return re.sub(r"[^a-z0-9]+", "_", _CAMEL.sub("_", name).lower()).strip("_")


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    value = _first(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _joined(value: Any) -> str | None:
    if isinstance(value, list):
        parts = [str(v).strip() for v in value if v not in (None, "")]
        return ", ".join(parts) or None
    return _text(value)


def _precision(feature: str | None) -> str | None:
    """legation's location precision for a GeoNames feature code (PPLC, ADM1, PCLI), else the value given."""
    if not feature:
        return None
    code = feature.upper()
    for prefix, precision in (("PPL", "city"), ("ADM1", "admin1"), ("ADM2", "admin2"), ("PCL", "country")):
        if code.startswith(prefix):
            return precision
    return feature


class PloverImporter:
    """POLECAT / PLOVER JSON lines to stored events."""

    name = CODER
    describes = "POLECAT / PLOVER event records (one JSON object per line)"

    def __init__(self) -> None:
        self.unmapped = Unmapped()

    def rows(self, source: Source, lines: Iterator[Line]) -> Iterator[Parsed | BadRow | Skipped]:
        """Parse one JSONL file: one event record per non-empty line."""
        for number, line in lines:
            where = f"{source.name}:{number}"
            if line is None:
                yield too_long(where)
                continue
            if not line.strip():
                continue
            try:
                raw = json.loads(line, strict=False)  # control characters (a carriage return) inside strings
            except (ValueError, RecursionError) as exc:  # JSONDecodeError, an int of too many digits, nesting
                yield BadRow(where, "E001", "bad_json", getattr(exc, "msg", None) or str(exc) or type(exc).__name__)
                continue
            if not isinstance(raw, dict):
                yield BadRow(where, "E001", "bad_json", "not a JSON object")
                continue
            rec = {_key(str(k)): v for k, v in raw.items()}
            if (_text(rec.get("event_type") or rec.get("event")) or "").upper() == DOCUMENT:
                yield Skipped(where, "a PLOVER DOCUMENT record")
                continue
            yield guarded(where, self._row, rec, where, line)

    def _row(self, rec: dict[str, Any], where: str, line: str) -> Parsed | BadRow:
        raw_day = _text(rec.get("event_date") or rec.get("date")) or ""
        day = iso_day(raw_day)
        if day is None:
            return BadRow(where, "E091", "bad_date", raw_day, "YYYY-MM-DD")
        types = rec.get("event_type") or rec.get("event")
        raw_type = _text(types) or ""
        kind = plover_type(raw_type)
        if kind is None:
            return BadRow(where, "E093", "unknown_type", raw_type)
        entry = None
        if _text(rec.get("cameo")):
            entry = cameo_entry(str(rec["cameo"]))
            if entry is None:
                return BadRow(where, "E092", "unknown_code", str(rec["cameo"]))
        key = _text(rec.get("event_id") or rec.get("id")) or hashlib.sha1(line.strip().encode()).hexdigest()
        cite = rec.get("cite_info") if isinstance(rec.get("cite_info"), dict) else {}
        url = _text(rec.get("url") or cite.get("url"))
        story_key = _text(rec.get("story_id") or rec.get("link") or rec.get("article_id") or url) or f"event {key}"
        outlet = rec.get("source") if isinstance(rec.get("source"), str) else None
        story = ImportedStory(
            story_key, CODER, where, url, _text(rec.get("title") or cite.get("title")),
            iso_day(_text(rec.get("publication_date")) or "") or day,
            _text(outlet or rec.get("publisher") or cite.get("publication")) or host_of(url),
        )  # fmt: skip
        numbers: dict[str, float | None] = {}
        for name in ("quad_code", "quad_class", "goldstein", "event_intensity", "event_scale", "latitude",
                     "longitude", "sentence_index", "sentence_number"):  # fmt: skip
            value = rec.get(name)
            if value is None or value == "" or isinstance(value, (dict, list)) and not value:
                continue
            number = value if isinstance(value, int) else to_float(value)  # a JSON int is exact, however large
            if number is None or isinstance(value, bool):
                return BadRow(where, "E098", "bad_value", f"{name} is {str(value)[:40]!r}, not a finite number")
            numbers[name] = number
        quad = to_int(numbers.get("quad_code", numbers.get("quad_class")))
        if quad is not None and quad not in (1, 2, 3, 4):
            self.unmapped.note("quad_code", str(quad))
        gold = numbers.get("goldstein")
        if gold is None:
            gold = numbers.get("event_intensity", numbers.get("event_scale"))
        extra: dict[str, Any] = {"event_id": key}
        if isinstance(types, list) and len(types) > 1:
            extra["event_types"] = types
        text_info = rec.get("text_info") if isinstance(rec.get("text_info"), dict) else {}
        sentence_index = to_int(numbers.get("sentence_index", numbers.get("sentence_number")))
        if sentence_index is None:
            sentence_index = to_int(text_info.get("sequence"))
        # The PLOVER specification's `text` is the sentence and its `event_text` the event's words; POLECAT's
        # `event_text` is the sentence.
        if _text(rec.get("text")):
            sentence, trigger = _text(rec.get("text")), _text(rec.get("trigger") or rec.get("event_text"))
        else:
            sentence, trigger = _text(rec.get("event_text")), _text(rec.get("trigger"))
        event = ImportedEvent(
            key=key, coder=CODER, story=story_key, cameo=entry.code if entry else "", date=day,
            source=self._actor(rec, "actor", "source", extra), target=self._actor(rec, "recipient", "recipient", extra),
            cameo_name=entry.name if entry else None, root=entry.root if entry else None,
            quad_class=quad if quad in (1, 2, 3, 4) else (entry.quad_class if entry else PLOVER_QUAD.get(kind)),
            goldstein=gold if gold is not None or entry is None else entry.goldstein,
            plover=Plover(kind, _joined(rec.get("event_mode") or rec.get("mode")),
                          _joined(rec.get("contexts") or rec.get("context"))),
            sentence=sentence, sentence_index=sentence_index or 0, location=self._location(rec), extra=extra,
            trigger=trigger,
        )  # fmt: skip
        return story, event

    def _actor(self, rec: dict[str, Any], flat: str, listed: str, extra: dict[str, Any]) -> Actor | None:
        """The actor from POLECAT's flat fields (actor_name...) or PLOVER's actor list (source: [...])."""
        items = rec.get(listed) if listed != "source" or not isinstance(rec.get("source"), str) else None
        if flat == "recipient" and items is None:
            items = rec.get("target")
        if isinstance(items, dict):
            items = [items]
        if isinstance(items, list) and items and isinstance(items[0], dict):
            if len(items) > 1:
                extra[f"{listed}_others"] = items[1:]
            obj = {_key(k): v for k, v in items[0].items()}
            text = _text(obj.get("actor_text") or obj.get("text") or obj.get("name") or obj.get("identifier_text"))
            code, country, sector = _text(obj.get("code")), _text(obj.get("country")), _text(obj.get("sector"))
        else:
            text = _text(rec.get(f"{flat}_name") or rec.get(f"{flat}_name_raw"))
            code, country = _text(rec.get(f"{flat}_code")), _text(rec.get(f"{flat}_country"))
            sector = _text(rec.get(f"primary_{flat}_sector") or rec.get(f"{flat}_sector"))
        if not (text or code or country):
            return None
        iso = country_iso3(country) if country else None
        if country and iso is None:
            self.unmapped.note("country_name", country)
        if sector and set(sector) <= {"*"}:
            sector = None  # '***': the coder did not know
        codes = sector.upper() if sector and _SECTOR_CODES.match(sector) else None  # 'CVLalb': CVL, Albanian
        sector_code_ = codes[:3] if codes else (sector_code(sector) if sector else None)
        if sector and sector_code_ is None:
            self.unmapped.note("sector", sector)
        if code and _CODE.match(code):
            if len(code) == 3 and sector_code_:
                code += codes or sector_code_  # PLOVER: code + sector
        else:
            code = (iso + (sector_code_ or "")) if iso else None
        if code is None:
            return Actor(text, "", None, sector_code_, "unknown") if text else None
        iso = iso or (code[:3] if country_iso3(code[:3]) else None)
        kind = _GROUPS.get(code[:3]) or ("state" if code == iso else "agent")
        return Actor(text or code, code, iso, sector_code_, kind)

    def _location(self, rec: dict[str, Any]) -> dict[str, Any] | None:
        loc_obj = rec.get("event_loc") if isinstance(rec.get("event_loc"), dict) else None
        src = {_key(k): v for k, v in loc_obj.items()} if loc_obj else rec
        raw_country = _text(src.get("cc3") or src.get("country_code") or src.get("country"))
        country = country_iso3(raw_country) if raw_country else None
        if raw_country and country is None:
            self.unmapped.note("country_name", raw_country)
        feature = _text(src.get("feature_type") or src.get("feature_class") or src.get("feature_code"))
        loc: dict[str, Any] = {
            "name": _text(src.get("placename") or src.get("name") or src.get("city")), "country": country,
            "admin1": _text(src.get("province") or src.get("admin1_code") or src.get("admin1")),
            "lat": to_float(src.get("latitude")), "lon": to_float(src.get("longitude")),
            "geonameid": _text(src.get("geonames_id") or src.get("geonameid")),
            "precision": _precision(feature),
        }  # fmt: skip
        return {k: v for k, v in loc.items() if v is not None} or None

    @staticmethod
    def fold(kept: ImportedEvent, repeat: ImportedEvent) -> str:
        """A repeated event id: the same record again is a duplicate; another record is a conflict (a bad row)."""
        return DUPLICATE if kept.row() == repeat.row() else CONFLICT

    @staticmethod
    def finish(event: ImportedEvent) -> None:
        """Nothing to complete: records are not folded."""
