"""The data model shared by every stage: documents in, actors and events out."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("asserted", "planned", "hypothetical", "denied")


@dataclass(slots=True)
class Document:
    """One news article or text record to code."""

    id: str
    text: str
    date: str | None = None  # publication date, ISO yyyy-mm-dd
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet
    language: str | None = None


@dataclass(slots=True)
class Actor:
    """A coded actor mention: CAMEO code split into country and sector."""

    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    kind: str = "state"  # state | igo | group | person | agent | region (CAMEO region codes: EUR, WAF...)
    start: int | None = None  # character offsets in the document
    end: int | None = None
    # how the code was found: dictionary | title | person | coreference | headline | context | place
    resolution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in event output."""
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "resolution": self.resolution,
        }


@dataclass(slots=True)
class Plover:
    """PLOVER event type, mode and context from the CAMEO crosswalk."""

    type: str | None
    mode: str | None = None
    context: str | None = None


@dataclass(slots=True)
class Event:
    """One coded event with its evidence."""

    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover
    modality: str
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float
    coder: str
    sentence_start: int = 0
    location: dict[str, Any] | None = None
    date: str | None = None
    date_precision: str | None = None
    date_end: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable identifier: the same input and coder always give the same id."""
        key = "|".join(
            str(x)
            for x in (
                self.doc_id,
                self.sentence_index,
                self.trigger_start,
                self.source.code if self.source else "",
                self.target.code if self.target else "",
                self.cameo,
                self.coder,
            )
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary, the `legation code` output schema."""
        out = {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": asdict(self.plover),
            "modality": self.modality,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "sentence_start": self.sentence_start,
            "confidence": round(self.confidence, 3),
            "coder": self.coder,
            "location": self.location,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_end": self.date_end,
        }
        if self.extra:
            out["extra"] = self.extra
        return out
