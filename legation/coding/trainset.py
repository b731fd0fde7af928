"""The event classifier's training sentences: read, validate and count `training/coder/batches/*.jsonl`.

One record per line: ``{"id", "text", "date"?, "region", "tags": [...], "events": [{"source", "target",
"source_code"?, "target_code"?, "cameo", "modality"?}], "negatives": [{"source", "target", "reason"}]}``.
`source` and `target` are substrings of `text` (or null); `source_nth`/`target_nth` (1-based) pick one
occurrence of a string that appears more than once. Every event between actors of the sentence is listed;
a pair of marked actors that is not an event is a negative.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cameo import cameo_table, lookup

MODALITIES = {"asserted", "planned", "hypothetical"}
REASONS = {"negated", "named_together", "place", "opinion", "hypothetical", "denied", "reversed", "other"}
REGIONS = {"africa_west", "africa_east", "africa_central", "africa_north", "africa_south", "middle_east",
           "south_asia", "central_asia", "east_asia", "southeast_asia", "europe_west", "europe_east",
           "russia_caucasus", "north_america", "latin_america", "caribbean", "oceania", "global"}
ACTOR_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(slots=True)
class Span:
    """A marked actor: its text and character offsets in the sentence, and its three-letter code."""

    text: str
    start: int
    end: int
    code: str | None = None


@dataclass(slots=True)
class Pair:
    """A marked source–target pair: its CAMEO code, or None for a negative."""

    source: Span | None
    target: Span | None
    cameo: str | None
    modality: str = "asserted"
    reason: str | None = None


@dataclass(slots=True)
class Example:
    """One training sentence with its marked pairs."""

    id: str
    text: str
    date: str | None
    region: str
    tags: list[str]
    pairs: list[Pair] = field(default_factory=list)
    where: str = ""

    @property
    def negative_only(self) -> bool:
        """True when no marked pair is an event."""
        return all(p.cameo is None for p in self.pairs)


class TrainsetError(ValueError):
    """A record that breaks the training-data schema; the message names file, line and reason."""


def _span(text: str, value, nth, code, where: str, role: str) -> Span | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise TrainsetError(f"{where}: {role} must be a non-empty string or null")
    starts = [m.start() for m in re.finditer(re.escape(value), text)]
    if not starts:
        raise TrainsetError(f"{where}: {role} {value!r} is not in the text")
    if nth is None and len(starts) > 1:
        raise TrainsetError(f"{where}: {role} {value!r} occurs {len(starts)} times; give {role}_nth")
    k = (nth or 1) - 1
    if not 0 <= k < len(starts):
        raise TrainsetError(f"{where}: {role}_nth {nth} but {value!r} occurs {len(starts)} times")
    if code is not None and not (isinstance(code, str) and ACTOR_CODE.match(code)):
        raise TrainsetError(f"{where}: {role}_code {code!r} is not three capital letters")
    return Span(value, starts[k], starts[k] + len(value), code)


def parse_record(rec: dict, where: str) -> Example:
    """Validate one JSON record and return it as an Example; raise TrainsetError naming the problem."""
    for key in ("id", "text", "region", "tags"):
        if key not in rec:
            raise TrainsetError(f"{where}: missing '{key}'")
    text = rec["text"]
    if not isinstance(text, str) or len(text.split()) < 4:
        raise TrainsetError(f"{where}: text must be a sentence of at least four words")
    if rec["region"] not in REGIONS:
        raise TrainsetError(f"{where}: unknown region {rec['region']!r}")
    ex = Example(str(rec["id"]), text, rec.get("date"), rec["region"], list(rec["tags"]), where=where)
    for ev in rec.get("events") or []:
        code = str(ev.get("cameo") or "")
        if code not in cameo_table():
            raise TrainsetError(f"{where}: unknown CAMEO code {code!r}")
        modality = ev.get("modality", "asserted")
        if modality not in MODALITIES:
            raise TrainsetError(f"{where}: unknown modality {modality!r}")
        src = _span(text, ev.get("source"), ev.get("source_nth"), ev.get("source_code"), where, "source")
        tgt = _span(text, ev.get("target"), ev.get("target_nth"), ev.get("target_code"), where, "target")
        if src is None and tgt is None:
            raise TrainsetError(f"{where}: an event needs a source or a target")
        ex.pairs.append(Pair(src, tgt, code, modality))
    for neg in rec.get("negatives") or []:
        reason = neg.get("reason")
        if reason not in REASONS:
            raise TrainsetError(f"{where}: unknown negative reason {reason!r}")
        src = _span(text, neg.get("source"), neg.get("source_nth"), neg.get("source_code"), where, "source")
        tgt = _span(text, neg.get("target"), neg.get("target_nth"), neg.get("target_code"), where, "target")
        if src is None:
            raise TrainsetError(f"{where}: a negative needs a source")
        ex.pairs.append(Pair(src, tgt, None, "asserted", reason))
    if not ex.pairs:
        raise TrainsetError(f"{where}: no events and no negatives")
    return ex


def read_file(path: Path) -> Iterator[Example]:
    """Examples of one JSONL file, in order; raise TrainsetError at the first bad line."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainsetError(f"{where}: not JSON ({exc.msg})") from None
            yield parse_record(rec, where)


def batch_files(folder: Path) -> list[Path]:
    """The batch files of a training folder, sorted by name."""
    return sorted(folder.glob("*.jsonl"))


def read_all(folder: Path) -> list[Example]:
    """Every example under `folder`, in file and line order."""
    return [ex for path in batch_files(folder) for ex in read_file(path)]


def data_hash(folder: Path) -> str:
    """SHA-256 over the batch files' names and bytes: the hash recorded with trained weights."""
    h = hashlib.sha256()
    for path in batch_files(folder):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def counts(examples: Iterable[Example]) -> dict[str, Counter]:
    """Counts by CAMEO root, PLOVER type, negative reason, tag and region, with sentence totals."""
    out = {k: Counter() for k in ("root", "plover", "reason", "tag", "region", "total")}
    for ex in examples:
        out["total"]["sentences"] += 1
        out["total"]["with_negative"] += any(p.cameo is None for p in ex.pairs)
        out["total"]["negative_only"] += ex.negative_only
        out["region"][ex.region] += 1
        out["tag"].update(ex.tags)
        for p in ex.pairs:
            out["total"]["pairs"] += 1
            if p.cameo is None:
                out["reason"][p.reason] += 1
                continue
            info = lookup(p.cameo)
            out["root"][info.root] += 1
            out["plover"][info.plover.type or "-"] += 1
    return out
