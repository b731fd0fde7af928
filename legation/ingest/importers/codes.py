"""Code tables the importers share: CAMEO codes, PLOVER types, FIPS and country names to ISO3, sectors."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...actors.dictionary import _read_json
from ...coding.cameo import CameoCode, cameo_table

# PLOVER event types and their quad class (PLOVER manual 0.7b1, "Quad categories in PLOVER"), with the
# types the CAMEO crosswalk and POLECAT use (REQUEST) and two older names (DISAPPROVE, FIGHT).
PLOVER_QUAD: dict[str, int | None] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "INVESTIGATE": 2,
    "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3, "DISAPPROVE": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4,
    "REQUEST": None,  # the crosswalk maps both appeals (CAMEO 02, verbal cooperation) and demands (10) here
}  # fmt: skip

# ICEWS sector names (and POLECAT sector words) to CAMEO sector codes: the first entry whose word occurs
# anywhere in the actor's sector list wins, so a list naming both "Government" and "Military" gives MIL,
# as legation's own coder codes a defence ministry. Sectors matching no entry are left uncoded.
SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MIL", ("military", "army", "navy", "air force", "armed forces", "defense", "defence", "marines")),
    ("COP", ("police", "law enforcement", "border guard")),
    ("SPY", ("intelligence",)),
    ("REB", ("rebel", "insurgen", "separatist", "militant", "guerrilla", "terroris")),
    ("OPP", ("opposition", "dissident")),
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
    ("ELI", ("elite", "celebrit")),
    ("CVL", ("civilian", "citizen", "general population", "social", "ethnic")),
)  # fmt: skip

# Sector words that make the actor itself an organisation without a country.
ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("international government organization", "IGO", "igo"),
    ("intergovernmental", "IGO", "igo"),
    ("nongovernmental organization", "NGO", "group"),
    ("non-governmental organization", "NGO", "group"),
    ("multinational corporation", "MNC", "group"),
)


def name_key(name: str) -> str:
    """The lookup form of a country name: ASCII, lower case, punctuation and a leading 'the' dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and ")).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = _read_json("fips_iso3")
    return data["fips"], data["names"], data["iso2"]


def fips_iso3(code: str) -> str | None:
    """ISO3 for a FIPS 10-4 country code (GDELT geography), or None."""
    return _countries()[0].get(code.strip().upper()) if code else None


@lru_cache(maxsize=4096)
def country_iso3(name: str) -> str | None:
    """ISO3 for a country name in any common spelling, an ISO2 code, or an ISO3 code; None when unknown."""
    if not name:
        return None
    if len(name) == 2 and name.isupper():
        return _countries()[2].get(name)
    return _countries()[1].get(name_key(name))


@lru_cache(maxsize=4096)
def sector_code(sectors: str) -> str | None:
    """The CAMEO sector code for an ICEWS sector list or a POLECAT sector word (a 3-letter code passes)."""
    text = sectors.strip()
    if not text:
        return None
    if re.fullmatch(r"[A-Z]{3}", text):
        return text
    low = text.lower()
    for code, words in SECTOR_WORDS:
        if any(word in low for word in words):
            return code
    return None


@lru_cache(maxsize=4096)
def organisation(sectors: str) -> tuple[str, str] | None:
    """(code, kind) when the sector list marks an IGO, NGO or multinational corporation."""
    low = sectors.lower()
    for word, code, kind in ORGANISATIONS:
        if word in low:
            return code, kind
    return None


@lru_cache(maxsize=1024)
def cameo_entry(code: str) -> CameoCode | None:
    """The CAMEO code's table entry; a code that lost its leading zero ('42') is read as '042'."""
    code = code.strip()
    table = cameo_table()
    if code in table:
        return table[code]
    if code.isdigit() and len(code) in (2, 3) and "0" + code in table:
        return table["0" + code]
    return None


def plover_type(value: str) -> str | None:
    """The PLOVER event type in upper case, or None when it is not one."""
    found = value.strip().upper()
    known = PLOVER_QUAD.keys() | {c.plover.type for c in cameo_table().values() if c.plover.type}
    return found if found in known else None
