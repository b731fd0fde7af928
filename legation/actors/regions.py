"""Regions that act: 'European leaders', 'West African states', 'Arab foreign ministers', 'Gulf monarchies'.

A regional adjective before a collective actor names a group of states, coded with the CAMEO region codes
(KEDS 2003 actor codes in shared/reference/cameo: EUR, WAF, ARB, PGS...). Without it the bare agent would take
the article's country, which is often the very state the group acts on ('European leaders criticised Russia'
coded as Russia's government).
"""

from __future__ import annotations

REGION_CODES: dict[tuple[str, ...], str] = {
    ("european",): "EUR", ("west", "european"): "EUR", ("western", "european"): "EUR",
    ("eastern", "european"): "EEU", ("east", "european"): "EEU", ("central", "european"): "CEU",
    ("african",): "AFR", ("west", "african"): "WAF", ("east", "african"): "EAF", ("central", "african"): "CFR",
    ("southern", "african"): "SAF", ("north", "african"): "NAF",
    ("arab",): "ARB", ("gulf",): "PGS", ("middle", "eastern"): "MEA", ("mideast",): "MEA",
    ("latin", "american"): "LAM", ("south", "american"): "SAM", ("north", "american"): "NMR",
    ("asian",): "ASA", ("southeast", "asian"): "SEA", ("south", "asian"): "SAS", ("central", "asian"): "CAS",
    ("western",): "WST", ("nordic",): "SCN", ("scandinavian",): "SCN", ("balkan",): "BLK",
    ("caribbean",): "CRB", ("mediterranean",): "MDT",
}
COLLECTIVES = frozenset({
    "leaders", "states", "countries", "nations", "governments", "ministers", "officials", "diplomats", "envoys",
    "allies", "powers", "monarchies", "neighbours", "neighbors", "partners", "capitals", "heads", "lawmakers",
    "delegates", "delegations", "mediators", "negotiators", "counterparts", "presidents", "premiers",
    "militaries", "armies", "navies", "forces", "troops", "parliaments", "rulers",
})
BETWEEN = frozenset({"foreign", "defence", "defense", "finance", "trade", "interior", "military", "security",
                     "senior", "top", "regional"})


# 'An international tribunal ruled', 'the international court': a body of states, coded IGO.
INTERNATIONAL_BODIES = frozenset({"tribunal", "court", "arbitration", "panel"})


def match_region(lower: list[str], i: int) -> tuple[int, str] | None:
    """(number of words, region code) when the words at `i` are a regional adjective before a collective actor
    noun ('West African leaders', 'Arab foreign ministers'), else None."""
    for n in (2, 1):
        code = REGION_CODES.get(tuple(lower[i : i + n]))
        if code is None:
            continue
        k = i + n
        if k < len(lower) and lower[k] in BETWEEN:
            k += 1
        if k < len(lower) and lower[k] in COLLECTIVES:
            return n, code
    return None


def international_body(lower: list[str], i: int) -> bool:
    """Whether the words at `i` are 'international' before a court or tribunal the dictionaries do not name."""
    return lower[i] == "international" and i + 1 < len(lower) and lower[i + 1] in INTERNATIONAL_BODIES
