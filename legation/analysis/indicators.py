"""Indicators: which relationship measures one story event counts towards (see docs/analysis.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

COOPERATION_QUADS = (1, 2)  # verbal and material cooperation
CONFLICT_QUADS = (3, 4)  # verbal and material conflict
MILITARY_PLOVER_TYPES = ("COOPERATE", "AID", "AGREE")
MILITARY_CAMEO = ("062", "0312", "072")  # cooperate militarily, intend to, provide military aid
AGREEMENT_CAMEO = ("057",)  # sign a formal agreement
VISIT_CAMEO = ("042", "043")  # make a visit, host a visit
HOSTILE_ROOTS = ("13", "15", "16", "17", "18", "19", "20")  # threats, force posture, sanctions, coercion, force
OFFICIAL_SECTORS = ("GOV", "MIL", "ELI")  # ELI: leaders the dictionaries code as elites
MILITARY_WORDS = re.compile(
    r"\b(militar(?:y|ily)|defen[cs]e|army|armies|armed forces|navy|navies|naval|troops|soldiers|warships?|"
    r"bombers?|fighter jets?|drills?|exercises?|missiles?|weapons?|arms)\b",
    re.IGNORECASE,
)

INDICATORS = ("cooperation", "conflict", "military_cooperation", "visits", "agreements", "hostile")
DEFINITIONS = {
    "events": "story events between the two sides (a story cluster reporting an event counts once)",
    "cooperation": "story events of quad class 1 or 2 (verbal or material cooperation)",
    "conflict": "story events of quad class 3 or 4 (verbal or material conflict)",
    "military_cooperation": (
        "PLOVER COOPERATE, AID or AGREE in a military context, or CAMEO 062, 0312, 072, or 057 with a military"
        " actor or military wording, between official actors (MIL, GOV or the state itself)"
    ),
    "visits": "high-level visits: CAMEO 042 (make a visit) or 043 (host a visit)",
    "agreements": "agreements signed: CAMEO 057",
    "hostile": "hostile acts: CAMEO roots 13 and 15-20 (threats, force posture, sanctions, coercion, force)",
    "goldstein_mean": "mean Goldstein value (-10 hostile to +10 cooperative) of the story events",
}


def _official(unit: Mapping[str, Any], role: str) -> bool:
    sector = unit.get(f"{role}_sector")
    if sector is None:
        return unit.get(f"{role}_kind") == "state"
    return sector in OFFICIAL_SECTORS


def is_military_cooperation(unit: Mapping[str, Any]) -> bool:
    """Whether a story event is military cooperation (docs/analysis.md gives the rule)."""
    plover = (unit.get("plover_type") or "").upper()
    if plover in MILITARY_PLOVER_TYPES and (unit.get("plover_context") or "").lower() == "military":
        return True
    cameo = unit.get("cameo") or ""
    if cameo not in MILITARY_CAMEO + AGREEMENT_CAMEO:
        return False
    if not (_official(unit, "source") and _official(unit, "target")):
        return False
    if cameo in AGREEMENT_CAMEO:  # a trade deal between two governments is not military cooperation
        military_side = "MIL" in (unit.get("source_sector"), unit.get("target_sector"))
        return military_side or bool(MILITARY_WORDS.search(unit.get("sentence") or ""))
    return True


def classify(unit: Mapping[str, Any]) -> set[str]:
    """The indicators a story event counts towards, of `INDICATORS`."""
    out: set[str] = set()
    quad = unit.get("quad_class")
    if quad in COOPERATION_QUADS:
        out.add("cooperation")
    elif quad in CONFLICT_QUADS:
        out.add("conflict")
    if is_military_cooperation(unit):
        out.add("military_cooperation")
    cameo = unit.get("cameo") or ""
    if cameo in VISIT_CAMEO:
        out.add("visits")
    if cameo in AGREEMENT_CAMEO:
        out.add("agreements")
    if (unit.get("root") or cameo[:2]) in HOSTILE_ROOTS:
        out.add("hostile")
    return out
