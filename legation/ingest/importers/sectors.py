"""ICEWS sector lists to one CAMEO sector, and sector words (POLECAT, generic ICEWS names) to a sector code.

An ICEWS actor's sector list is the union of every role it has held ("Government, Executive Office, ...,
Opposition Major Party (Out Of Government)"), in no particular order. It is read item by item (never by
substring: "Nongovernmental" is not "government"), and the item of the strongest *tier* wins:

0. the executive office (head of state or government): GOV, whatever past roles the list also names;
1. security forces: MIL (military, defence ministry), COP (police), SPY (intelligence);
2. the executive (Executive, Cabinet, a ministry): GOV;
3. other state bodies: JUD, LEG, GOV (Government, provincial and local government);
4. everything else: REB, UAF, RAD, OPP, CRM, PTY, MED, HRI, HLH, EDU, LAB, AGR, REF, ENV, BUS, NGO, REL,
   ELI, CVL, in that order.

So a sitting prime minister whose list also names a former opposition party is GOV, and a party listed
"Out Of Government" is PTY (the label may be a past one). Religions, ethnic groups and ideologies are
attributes, not sectors, and IGO/NGO/MNC items mark organisations (`Roles.organisation`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NON_STATE = ("REB", "UAF", "RAD", "OPP", "CRM", "PTY", "MED", "HRI", "HLH", "EDU", "LAB", "AGR", "REF", "ENV",
             "BUS", "NGO", "REL", "ELI", "CVL")  # fmt: skip
TIER_ORDER: dict[int, tuple[str, ...]] = {0: ("GOV",), 1: ("MIL", "COP", "SPY"), 2: ("GOV",), 3: ("JUD", "LEG", "GOV"),
                                          4: NON_STATE}  # fmt: skip

# ICEWS sector items (as in the Dataverse files) -> (tier, CAMEO sector); None marks an attribute.
ICEWS_ITEMS: dict[str, tuple[int, str] | None] = {
    "executive office": (0, "GOV"),
    "military": (1, "MIL"), "army": (1, "MIL"), "navy": (1, "MIL"), "air force": (1, "MIL"),
    "marines": (1, "MIL"), "army special forces": (1, "MIL"), "defense / security ministry": (1, "MIL"),
    "military intelligence": (1, "MIL"), "national / border divisions": (1, "MIL"),
    "police": (1, "COP"), "intelligence ministry": (1, "SPY"), "intelligence": (1, "SPY"),
    "executive": (2, "GOV"), "cabinet": (2, "GOV"),
    "judicial": (3, "JUD"), "legislative / parliamentary": (3, "LEG"), "upper house": (3, "LEG"),
    "lower house": (3, "LEG"), "unicameral": (3, "LEG"), "government": (3, "GOV"), "provincial": (3, "GOV"),
    "local": (3, "GOV"), "municipal": (3, "GOV"), "municipal divisions": (3, "GOV"),
    "rebel": (4, "REB"), "insurgents": (4, "REB"), "international insurgents": (4, "REB"),
    "separatists": (4, "REB"), "organized violent": (4, "REB"), "unidentified forces": (4, "UAF"),
    "radicals / extremists / fundamentalists": (4, "RAD"),
    "international radicals / extremists / fundamentalists": (4, "RAD"), "fundamentalist": (4, "RAD"),
    "dissident": (4, "OPP"), "international dissident": (4, "OPP"),
    "protestors / popular opposition / mobs": (4, "OPP"),
    "criminals / gangs": (4, "CRM"),
    "parties": (4, "PTY"), "(national) major party": (4, "PTY"), "(national) minor party": (4, "PTY"),
    "government major party (in government)": (4, "PTY"), "opposition major party (out of government)": (4, "PTY"),
    "provincial party": (4, "PTY"), "municipal party": (4, "PTY"),
    "media": (4, "MED"), "news": (4, "MED"), "print news": (4, "MED"), "television news": (4, "MED"),
    "state media": (4, "MED"), "human rights ngos": (4, "HRI"), "human rights igos": (4, "HRI"),
    "medical / health": (4, "HLH"), "medical / health ngos": (4, "HLH"), "education": (4, "EDU"),
    "education ngos": (4, "EDU"), "labor": (4, "LAB"), "labor ngos": (4, "LAB"), "agricultural": (4, "AGR"),
    "refugees / displaced": (4, "REF"), "environment": (4, "ENV"), "business": (4, "BUS"),
    "business ngos": (4, "BUS"), "legal": (4, "JUD"),
    "nongovernmental organizations / activists": (4, "NGO"),
    "international religious": (4, "REL"), "national religious": (4, "REL"), "government religious": (4, "REL"),
    "elite": (4, "ELI"), "entertainment": (4, "ELI"), "television entertainment": (4, "MED"),
    "state owned enterprises": (4, "BUS"), "general population / civilian / social": (4, "CVL"), "social": (4, "CVL"),
    # ethnic groups named as sectors in the ICEWS files: attributes
    "fulani / fulbe": None, "kashmiri": None, "oromo": None, "kanuri-saharan": None, "tamil": None, "gypsy": None,
    "igbo": None, "kurd (ethnic group)": None,
}  # fmt: skip
ORGANISATION_ITEMS = {
    "international government organization": "IGO",
    "international government organizations": "IGO",
    "nongovernmental organization (international)": "NGO",
    "multinational corporation": "MNC",
}
_ATTRIBUTE = re.compile(
    r"\b(?:igos|ngos|religious|muslim|sunni|shia|christian|catholic|protestant|orthodox|hindu|buddhist|shinto|"
    r"jews|jewish|sikh|secular|ethnic|ideological|center|centrist|left|right|nationalist|communist|global|"
    r"regional)\b"
)
_MINISTRY = re.compile(r"\bministry\b")

# Sector words for POLECAT sector names and unknown ICEWS items: the first entry with a word that starts a
# word of the text wins ('insurgen' matches 'Insurgents'; 'government' does not match 'Nongovernmental').
SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MIL", ("military", "army", "navy", "air force", "armed forces", "defense", "defence", "marines")),
    ("COP", ("police", "law enforcement", "border guard")),
    ("SPY", ("intelligence",)),
    ("REB", ("rebel", "insurgen", "separatist", "militant", "guerrilla", "terroris")),
    ("OPP", ("opposition", "dissident", "protest")),
    ("JUD", ("judicia", "judiciary", "court", "prosecut")),
    ("LEG", ("legislat", "parliament", "congress", "senate")),
    ("GOV", ("government", "executive", "cabinet", "ministry", "diplomat", "foreign affairs", "head of state",
             "provincial", "municipal", "local")),
    ("PTY", ("parties", "party")),
    ("MED", ("media", "news", "journalis")),
    ("HRI", ("human rights",)),
    ("HLH", ("health", "medical")),
    ("EDU", ("education", "school", "universit", "student", "academ")),
    ("LAB", ("labor", "labour", "trade union", "worker")),
    ("AGR", ("agricultur", "farm", "peasant")),
    ("REF", ("refugee", "displaced", "migrant")),
    ("CRM", ("crimin", "gang", "smuggl", "traffick", "drug")),
    ("ENV", ("environment",)),
    ("REL", ("religio", "clergy", "church")),
    ("BUS", ("business", "corporat", "industr", "commerc", "financ", "bank", "trade")),
    ("NGO", ("ngo", "activist")),
    ("ELI", ("elite", "celebrit")),
    ("CVL", ("civilian", "citizen", "general population", "social", "ethnic")),
)  # fmt: skip
_WORDS = tuple(
    (code, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")) for code, words in SECTOR_WORDS
)
_NON_GOVERNMENTAL = re.compile(r"\bnon[-\s]?governmental\b")


@lru_cache(maxsize=4096)
def sector_code(text: str) -> str | None:
    """The CAMEO sector code for a sector word or phrase (a 3-letter code passes as it is); None when unknown."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[A-Z]{3}", text):
        return text
    low = _NON_GOVERNMENTAL.sub("ngo", text.lower())
    for code, pattern in _WORDS:
        if pattern.search(low):
            return code
    return None


@dataclass(frozen=True, slots=True)
class Roles:
    """What an ICEWS sector list says: the sector, whether it names a state role, and an organisation kind."""

    sector: str | None
    tier: int  # of the sector (5 when there is none)
    organisation: str | None  # IGO, NGO or MNC
    executive: bool  # the list names the executive office, the executive, the cabinet or a ministry
    unknown: tuple[str, ...]  # items neither in the table nor matched by the sector words

    @property
    def state_role(self) -> bool:
        """True when the list names a state role (tiers 0-3)."""
        return self.tier <= 3


def _item(item: str) -> tuple[int, str] | None:
    """Tier and sector of one item; None for an attribute or an unknown item."""
    if item in ICEWS_ITEMS:
        return ICEWS_ITEMS[item]
    if _MINISTRY.search(item):
        return (2, "GOV")
    if _ATTRIBUTE.search(item):
        return None
    code = sector_code(item)
    if code is None:
        return None
    return {"MIL": 1, "COP": 1, "SPY": 1, "GOV": 3, "JUD": 3, "LEG": 3}.get(code, 4), code


def _rank(entry: tuple[int, str]) -> tuple[int, int]:
    tier, code = entry
    order = TIER_ORDER[tier]
    return tier, order.index(code) if code in order else len(order)


@lru_cache(maxsize=4096)
def icews_roles(sectors: str) -> Roles:
    """Read an ICEWS sector list ('Government,Executive Office,Executive'); see the module docstring."""
    items = [s.strip().lower() for s in sectors.split(",") if s.strip()]
    organisation = next((ORGANISATION_ITEMS[i] for i in items if i in ORGANISATION_ITEMS), None)
    found: list[tuple[int, str]] = []
    unknown: list[str] = []
    executive = False
    for item in items:
        if item in ORGANISATION_ITEMS or item == "unspecified":
            continue
        entry = _item(item)
        if entry is None:
            if item not in ICEWS_ITEMS and not _ATTRIBUTE.search(item):
                unknown.append(item)
            continue
        executive = executive or entry[0] in (0, 2) or bool(_MINISTRY.search(item))
        found.append(entry)
    if not found:
        return Roles(None, 5, organisation, executive, tuple(unknown))
    tier, code = min(found, key=_rank)
    return Roles(code, tier, organisation, executive, tuple(unknown))
