"""Code tables the importers share: CAMEO codes, PLOVER types, FIPS and country names to ISO3 (and back)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...actors.dictionary import _read_json
from ...coding.cameo import CameoCode, cameo_table
from .sectors import sector_code

# PLOVER event types and their quad class (PLOVER manual 0.7b1, "Quad categories in PLOVER"), with the
# types the CAMEO crosswalk and POLECAT use (REQUEST) and two older names (DISAPPROVE, FIGHT).
PLOVER_QUAD: dict[str, int | None] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "INVESTIGATE": 2,
    "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3, "DISAPPROVE": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4,
    "REQUEST": None,  # the crosswalk maps both appeals (CAMEO 02, verbal cooperation) and demands (10) here
}  # fmt: skip

# Country names the shipped table lacks, in the spellings the real ICEWS files use (name_key form).
NAME_ALIASES = {
    "former yugoslav republic of macedonia": "MKD",
    "macedonia the former yugoslav republic of": "MKD",
}
# The FIPS code written for an ISO3 code that several FIPS codes map to (GZ Gaza Strip, WE West Bank).
PREFERRED_FIPS = {"PSE": "WE"}


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


@lru_cache(maxsize=1)
def _fips_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for fips, iso in sorted(_countries()[0].items()):
        out.setdefault(iso, fips)
    out.update(PREFERRED_FIPS)
    return out


def iso3_fips(code: str | None) -> str | None:
    """The FIPS 10-4 code GDELT writes for an ISO3 country code, or None when FIPS has none."""
    return _fips_of().get(code.strip().upper()) if code else None


@lru_cache(maxsize=1024)
def geo_country(code: str) -> str | None:
    """ISO3 for a GDELT geography country code: a FIPS code, or an ISO3 code (which FIPS codes never are)."""
    code = code.strip().upper()
    if len(code) == 3 and code.isalpha() and code in _fips_of():
        return code
    return fips_iso3(code)


@lru_cache(maxsize=4096)
def country_iso3(name: str) -> str | None:
    """ISO3 for a country name in any common spelling, an ISO2 code, or an ISO3 code; None when unknown."""
    if not name:
        return None
    if len(name) == 2 and name.isupper():
        return _countries()[2].get(name)
    key = name_key(name)
    return _countries()[1].get(key) or NAME_ALIASES.get(key)


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


__all__ = ["PLOVER_QUAD", "cameo_entry", "country_iso3", "fips_iso3", "geo_country", "iso3_fips", "name_key",
           "plover_type", "sector_code"]  # fmt: skip
