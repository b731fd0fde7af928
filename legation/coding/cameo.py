"""CAMEO event codes: names, roots, quad classes, Goldstein values and the PLOVER crosswalk."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..actors.dictionary import _read_json
from ..model import Plover


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with everything derived from it."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes from the shipped table, keyed by code."""
    out: dict[str, CameoCode] = {}
    for code, rec in _read_json("cameo")["codes"].items():
        pl = rec.get("plover") or {}
        out[code] = CameoCode(
            code,
            rec["name"],
            rec["root"],
            int(rec["quad_class"]),
            float(rec["goldstein"]),
            Plover(pl.get("type"), pl.get("mode"), pl.get("context")),
        )
    return out


def lookup(code: str) -> CameoCode | None:
    """The CameoCode for `code`, falling back to its parents ('0312' → '031' → '030' → '03')."""
    table = cameo_table()
    for candidate in (code, code[:3], code[:2] + "0", code[:2]):
        hit = table.get(candidate)
        if hit is not None:
            return hit
    return None
