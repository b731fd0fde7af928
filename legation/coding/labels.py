"""The event classifier's labels: a CAMEO root together with the PLOVER type it takes.

Most roots map to one PLOVER type; roots 08, 16, 17 and 19 split (CONCEDE or RETREAT, SANCTION or COERCE,
COERCE or ASSAULT, ASSAULT or COERCE), so each such pair is a label of its own. Root 01 (statements) has no
PLOVER type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .cameo import cameo_table, lookup


@dataclass(frozen=True, slots=True)
class Label:
    """One classifier output: root, PLOVER type, and the CAMEO code used when no verb pattern is more exact."""

    root: str
    plover: str | None
    base: str

    @property
    def name(self) -> str:
        """'19/ASSAULT', '01/-'."""
        return f"{self.root}/{self.plover or '-'}"


@lru_cache(maxsize=1)
def labels() -> tuple[Label, ...]:
    """All labels in a fixed order: by root, then by PLOVER type; the base code is the most general code."""
    found: dict[tuple[str, str | None], str] = {}
    for code, info in sorted(cameo_table().items(), key=lambda kv: (len(kv[0]), kv[0])):
        if len(code) < 3:
            continue
        key = (info.root, info.plover.type)
        found.setdefault(key, code)
    return tuple(Label(root, plover, base) for (root, plover), base in sorted(found.items(), key=lambda kv: (
        kv[0][0], kv[0][1] or "")))


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str | None], int]:
    return {(lab.root, lab.plover): i for i, lab in enumerate(labels())}


def label_of(code: str) -> int:
    """The label index of a CAMEO code ('0871' → 08/RETREAT)."""
    info = lookup(code)
    if info is None:
        raise KeyError(code)
    return _index()[(info.root, info.plover.type)]


def root_labels(root: str) -> list[int]:
    """Indexes of the labels of one CAMEO root."""
    return [i for i, lab in enumerate(labels()) if lab.root == root]
