"""What the store takes in (one batch of articles, copies, clusters, events, errors) and gives back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..model import Event
from .schema import ACTOR_FIELDS, ACTOR_FIELDS_V1

# Keys a location dict may carry, mapped to the flat event columns (first present key wins).
_LOCATION_KEYS = {
    "location_name": ("name", "text", "placename"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "longitude"),
    "location_country": ("country", "country_code"),
    "admin1": ("admin1", "admin1_code"),
    "geonameid": ("geonameid", "geonames_id", "id"),
    "location_precision": ("precision", "feature_class"),
}


@dataclass(slots=True)
class ArticleRecord:
    """One stored article: its text, metadata, story cluster and whether it was coded."""

    id: str
    seq: int
    content_hash: str
    text: str
    cluster_id: str
    coded: bool
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO yyyy-mm-dd
    date_source: str | None = None  # where the date came from: text, metadata, feed, warc, file
    source: str | None = None  # outlet
    language: str | None = None
    format: str | None = None
    location: str | None = None  # file (and record) it was first read from
    similarity: float | None = None  # estimated Jaccard to the nearest earlier cluster member
    coder: str | None = None
    minhash: bytes | None = None


@dataclass(slots=True)
class CopyRecord:
    """An exact copy of a stored article, seen at another location."""

    location: str
    article_id: str
    url: str | None = None
    source: str | None = None


@dataclass(slots=True)
class ClusterRecord:
    """A story cluster: near-copies of one story; its id is its first article's id."""

    id: str
    first_article_id: str
    title: str | None = None
    first_published: str | None = None


@dataclass(slots=True)
class ErrorRecord:
    """A file or record that was not stored or not coded, with its catalogue code and message."""

    location: str
    code: str
    kind: str
    message: str
    article_id: str | None = None

    @property
    def id(self) -> str:
        """Stable key: the same problem at the same place is recorded once."""
        key = f"{self.location}\x1f{self.code}\x1f{self.message}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Batch:
    """Everything one ingest batch writes, in one transaction."""

    articles: list[ArticleRecord] = field(default_factory=list)
    copies: list[CopyRecord] = field(default_factory=list)
    clusters: list[ClusterRecord] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def __len__(self) -> int:
        parts = (self.articles, self.copies, self.clusters, self.events, self.errors)
        return sum(len(part) for part in parts)


def _pick(location: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if location.get(key) is not None:
            return location[key]
    return None


def _actor_values(actor: Any) -> list[Any]:
    if actor is None:
        return [None] * len(ACTOR_FIELDS_V1)
    return [getattr(actor, f) for f in ACTOR_FIELDS_V1]


def event_row(event: Event) -> list[Any]:
    """The flat `events` row of an Event (cluster_id is filled in from its article on insert)."""
    loc = event.location or {}
    location = []
    for name, keys in _LOCATION_KEYS.items():
        value = _pick(loc, keys)
        if value is not None:
            value = float(value) if name in ("lat", "lon") else str(value)
        location.append(value)
    return [
        event.id, event.doc_id, None, event.sentence_index, event.sentence, event.sentence_start,
        *_actor_values(event.source), *_actor_values(event.target),
        event.cameo, event.cameo_name, event.root, event.quad_class, float(event.goldstein),
        event.plover.type, event.plover.mode, event.plover.context,
        event.modality, event.trigger, event.trigger_start, event.trigger_end,
        round(float(event.confidence), 3), event.coder,
        *location, json.dumps(event.location, sort_keys=True) if event.location else None,
        event.date, event.date_precision, event.date_end,
        json.dumps(event.extra, sort_keys=True) if event.extra else None,
        event.source.resolution if event.source else None, event.target.resolution if event.target else None,
    ]  # fmt: skip


def _actor_dict(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row.get(f"{role}_code") is None:
        return None
    return {f: row.get(f"{role}_{f}") for f in ACTOR_FIELDS}


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """An `events` row (joined with its article) in the `Event.to_dict()` shape, plus article fields."""
    out: dict[str, Any] = {
        "id": row["id"],
        "doc_id": row["article_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"],
        "source": _actor_dict(row, "source"),
        "target": _actor_dict(row, "target"),
        "cameo": row["cameo"],
        "cameo_name": row["cameo_name"],
        "root": row["root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"], "context": row["plover_context"]},
        "modality": row["modality"],
        "trigger": row["trigger"],
        "trigger_start": row["trigger_start"],
        "trigger_end": row["trigger_end"],
        "sentence_start": row["sentence_start"],
        "confidence": row["confidence"],
        "coder": row["coder"],
        "location": json.loads(row["location"]) if row.get("location") else None,
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_end": row["date_end"],
    }
    if row.get("extra"):
        out["extra"] = json.loads(row["extra"])
    out["cluster_id"] = row["cluster_id"]
    out["article"] = {
        "url": row.get("url"),
        "title": row.get("title"),
        "source": row.get("article_source"),
        "published": row.get("published"),
    }
    return out


def dict_rows(cursor: Any) -> list[dict[str, Any]]:
    """A DuckDB cursor's remaining rows as dicts of column name to value."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
