"""people.json.gz: rebuilt identically from shared/reference/leaders; known office-holders load as the sources say."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from legation.actors.dictionary import phrase_key
from legation.actors.people import Person, load_people, people_index, surname_index

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "legation" / "data" / "people.json.gz"
SHARED = Path(os.environ.get("LEGATION_SHARED") or ROOT.parent / "shared")
LEADERS = next((base / "leaders" for base in (SHARED / "reference", SHARED) if (base / "leaders").is_dir()), None)
needs_leaders = pytest.mark.skipif(LEADERS is None, reason=f"no shared/reference/leaders under {SHARED}: the leader "
                                   "reference data is only in CI and dev checkouts; set LEGATION_SHARED")


@cache
def build_script() -> ModuleType:
    """scripts/build_people.py as a module (registered, as its dataclass needs)."""
    spec = importlib.util.spec_from_file_location("build_people", ROOT / "scripts" / "build_people.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def spells(key: str, *, code: str | None = None, surname: bool = False) -> list[Person]:
    """The spells a phrase (or, with `surname`, a bare surname) names, optionally with one actor code."""
    index = surname_index() if surname else people_index()
    return [p for p in index.get(phrase_key(key), []) if code is None or p.code == code]


def source_rows(name: str) -> list[dict[str, str]]:
    """The rows of one leaders reference file."""
    assert LEADERS is not None
    with open(LEADERS / name, encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh))


# --- (a) the shipped file is exactly what the build script makes ------------------------------------------


@pytest.mark.shared
@needs_leaders
def test_rebuild_matches_shipped(tmp_path: Path) -> None:
    """Re-running scripts/build_people.py on ../shared gives the committed people.json.gz."""
    out = tmp_path / "people.json.gz"
    assert build_script().main(["--shared", str(SHARED), "--out", str(out)]) == 0
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(SHIPPED.read_bytes())


def test_shipped_file_is_small_deterministic_and_well_formed() -> None:
    """Under 1 MB, no gzip timestamp, sorted records; every record keeps the schema's invariants."""
    raw = SHIPPED.read_bytes()
    assert len(raw) < 1_000_000
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime
    data = json.loads(gzip.decompress(raw))
    assert "REIGN" in data["source"] and "Archigos" in data["source"] and "CIA" in data["source"]
    people = data["people"]
    assert len(people) > 5000
    keys = [(r["country"], r["name"], r["start"] or "", r["role"], r["end"] or "9999") for r in people]
    assert keys == sorted(keys)
    for rec in people:
        assert re.fullmatch(r"[A-Z]{3}|IGO[A-Z]+", rec["country"]), rec
        assert rec["sector"] in {"GOV", "MIL", "OPP"}, rec
        assert rec["end"] is None or rec["start"] is None or rec["start"] <= rec["end"], rec
        assert rec["phrases"] or rec["surnames"], rec
        assert set(rec["ambiguous_surnames"]) <= set(rec["surnames"]), rec
        assert all(p == p.lower() for p in rec["phrases"] + rec["surnames"]), rec
        assert set(rec["sources"]) <= {"reign", "archigos", "wikidata_hosg", "wikidata_fm", "cia"}, rec


# --- (b) known facts, as the sources give them ------------------------------------------------------------


def test_tinubu_heads_nigeria_from_2023() -> None:
    """Wikidata: Bola Tinubu, President of Nigeria since 2023 (a year only: 2023-01-01, open)."""
    found = spells("tinubu", code="NGAGOV", surname=True)
    assert found and all(p.role == "head_of_state" for p in found)
    assert any(p.valid_on("2023-08-01") for p in found)
    assert not any(p.valid_on("2020-01-01") for p in found)
    assert "bola tinubu" in found[0].phrases and found[0].start == "2023-01-01" and found[0].end is None


def test_bazoum_is_only_the_cia_interior_minister() -> None:
    """Only the CIA snapshot names Bazoum (interior minister, 2019); no source has his 2021-2023 presidency."""
    found = spells("bazoum", code="NERGOV", surname=True)
    assert len(found) == 1 and found[0].role == "minister" and found[0].approx
    assert found[0].valid_on("2019-06-01")
    assert not found[0].valid_on("2022-06-01")


def test_yoon_suk_yeol_family_name_first() -> None:
    """Wikidata: Yoon Suk Yeol, President of South Korea from 2022; a Korean family name comes first."""
    found = spells("yoon suk yeol", code="KORGOV")
    assert found and any(p.valid_on("2023-06-01") for p in found)
    assert not any(p.valid_on("2021-06-01") for p in found)
    assert all("yoon" in p.surnames and "yeol" not in p.surnames for p in found)
    assert found[0] in spells("yoon", surname=True)


def test_borrell_spain_then_the_eu() -> None:
    """CIA ~2019: Spain's foreign minister; Wikidata: EU High Representative from 2019-12-01, which ends the
    Spanish spell the day before."""
    spain = spells("josep borrell", code="ESPGOV")
    eu = spells("josep borrell", code="IGOEUREEC")
    assert len(spain) == 1 and len(eu) == 1
    assert spain[0].role == eu[0].role == "foreign_minister"
    assert spain[0].valid_on("2019-06-01") and not spain[0].valid_on("2019-12-15")
    assert spain[0].end == "2019-11-30" and spain[0].sources == ("cia",)
    assert eu[0].start == "2019-12-01" and eu[0].valid_on("2023-01-01") and eu[0].country == "IGOEUREEC"
    assert {p.code for p in spells("borrell", surname=True)} >= {"ESPGOV", "IGOEUREEC"}


@pytest.mark.shared
@needs_leaders
def test_borrell_matches_the_source_rows() -> None:
    """The dates and offices shipped for Borrell are the ones the Wikidata and CIA files give."""
    fm = [r for r in source_rows("wikidata_current_foreign_ministers_2023.csv") if r["name"] == "Josep Borrell"]
    assert [(r["countryLabel"], r["start"]) for r in fm] == [("European Union", "2019-12-01")]
    cia = [r for r in source_rows("cia_world_leaders_2019_snapshot_flat.csv") if "BORRELL" in r["name"]]
    assert [(r["country"], "Foreign Affairs" in r["title"]) for r in cia] == [("Spain", True)]
    assert spells("josep borrell", code="IGOEUREEC")[0].start == fm[0]["start"]


def test_isaias_afwerki_as_the_sources_spell_him() -> None:
    """CIA 'ISAIAS Afworki', REIGN/Archigos 'Afeworki' from 1993-05-24, Wikidata's Eritrean head since 1993:
    one open spell, in office in 2021 ('Afwerki' is in no source)."""
    found = spells("isaias afworki", code="ERIGOV")
    assert len(found) == 1
    assert found[0].valid_on("2021-06-01") and found[0].start == "1993-05-24" and found[0].end is None
    assert {"isaias", "afeworki"} <= set(found[0].surnames)
    assert found[0] in spells("afeworki", surname=True)


def test_erdogan_phrases_and_spell() -> None:
    """Erdoğan: the Wikidata name and its ASCII fold; in office from REIGN's exact 2003-03-14, still open."""
    found = spells("recep tayyip erdogan", code="TURGOV")
    assert len(found) == 1 and found[0] == spells("recep tayyip erdoğan", code="TURGOV")[0]
    assert found[0].start == "2003-03-14" and found[0].end is None and found[0].valid_on("2010-01-01")
    assert {"erdogan", "erdoğan"} <= set(found[0].surnames) and not found[0].ambiguous_surnames
    assert phrase_key("recep tayyip erdogan") not in surname_index()


def test_sisi_surname_forms() -> None:
    """'Abdel Fattah el-Sisi' gives el-sisi, al-sisi and sisi."""
    found = spells("sisi", code="EGYGOV", surname=True)
    assert found and {"el-sisi", "al-sisi", "sisi"} <= set(found[0].surnames)
    assert found[0] in spells("al-sisi", surname=True)


def test_may_is_an_ambiguous_surname() -> None:
    """Theresa May: REIGN 2016-07-13 to July 2019 (end of month); 'may' is an English word, so ambiguous."""
    found = spells("theresa may", code="GBRGOV")
    assert len(found) == 1 and found[0].role == "head_of_government"
    assert "may" in found[0].surnames and "may" in found[0].ambiguous_surnames
    assert found[0].valid_on("2018-01-01") and not found[0].valid_on("2019-09-01")
    assert found[0].end == "2019-07-31"


def test_arabic_names_and_house_surnames() -> None:
    """Tamim bin Hamad Al Thani: the full name and 'tamim bin hamad'; the house name is ambiguous."""
    found = spells("tamim bin hamad", code="QATGOV")
    assert found and "tamim bin hamad al thani" in found[0].phrases
    assert "al thani" in found[0].ambiguous_surnames


def test_surname_only_record() -> None:
    """REIGN gives 'Biden' alone: a surname-only record, no phrase, open since 2021-01-20."""
    found = spells("biden", code="USAGOV", surname=True)
    assert len(found) == 1 and found[0].phrases == () and found[0].surnames == ("biden",)
    assert found[0].start == "2021-01-20" and found[0].valid_on(None) and found[0].valid_on("2022-05-01")


def test_person_code_and_valid_on_without_date() -> None:
    """Person.code joins country and sector; with no date only open spells or ones ending after 2015 count."""
    old = Person("A B", "FRA", "leader", "GOV", "1990-01-01", "2010-01-01", (), ("b",), (), ("reign",), False)
    assert old.code == "FRAGOV" and not old.valid_on(None) and old.valid_on("2000-06-01")
    late = Person("C D", "DEU", "defence_minister", "MIL", "2018-01-01", "2020-12-31", (), ("d",), (), ("cia",), True)
    assert late.code == "DEUMIL" and late.valid_on(None) and not late.valid_on("2021-01-01")
    assert Person("E", "IGOEUREEC", "minister", "GOV", None, None, (), (), (), (), False).code == "IGOEUREEC"
    assert len(load_people()) > 5000


# --- the build script's rules ----------------------------------------------------------------------------


def test_country_codes() -> None:
    """COW/G-W abbreviations to ISO3, former states by date, and the ones left unmapped."""
    module = build_script()
    iso3 = {"GBR", "DEU", "RUS", "SRB", "AUT", "AUS", "CHE", "SWZ", "KOR", "VNM"}
    cases = {("UKG", "2019-07-24", None): "GBR", ("GFR", "1970-01-01", "1974-05-06"): "DEU",
             ("RUS", "1985-03-11", "1991-08-21"): "SUN", ("RUS", "1991-08-21", "1999-12-31"): "RUS",
             ("YUG", "1989-05-15", "2000-10-07"): "YUG", ("YUG", "2017-06-29", None): "SRB",
             ("AUS", "2020-01-07", None): "AUT", ("AUL", "2018-08-24", None): "AUS", ("SWZ", "2021-01-01", None): "CHE",
             ("SWA", "1986-04-25", None): "SWZ", ("ROK", "2017-05-10", None): "KOR", ("DRV", "2011-01-19", None): "VNM",
             ("RVN", "1955-10-26", "1963-11-02"): None, ("GDR", "1971-05-03", "1989-10-18"): "DDR"}
    assert {case: module.cow_iso(*case, iso3) for case in cases} == cases


def test_cia_title_rules() -> None:
    """CIA titles to roles: heads, deputies, ministers, the central bank; diplomats are left out."""
    role = build_script().cia_role
    assert role("President") == role("Pres.") == "head_of_state"
    assert role("Prime Min.") == role("Prime Minister, First Lord of the Treasury, & Minister for the Civil Service") \
        == "head_of_government"
    assert role("Minister of Foreign Affairs, EU, & Intl. Cooperation") == "foreign_minister"
    assert role("Minister of State for Foreign Affairs") == "minister"
    assert role("Deputy Prime Minister & Minister of Defense") == "defence_minister"
    assert role("Minister of Civil Defense, Emergencies, & Natural Disasters") == "minister"
    assert role("Governor of the Central Bank") == role("President of Central Bank") == "central_bank_governor"
    assert role("Chairman of Central Military Commission") == "military_chief"
    assert role("Vice President") == "deputy_head"
    assert role("Ambassador to the US") is None and role("Permanent Representative to the UN, New York") is None


def test_name_repair_and_parsing() -> None:
    """Mojibake is undone; CIA capitals mark the surname; 'Surname, Given' strings are turned round."""
    module = build_script()
    assert module.repair("JosÃ© LÃ¸kke") == "José Løkke" and module.repair("Erdoğan") == "Erdoğan"
    assert module.fold("Recep Tayyip Erdoğan") == "Recep Tayyip Erdogan"
    words, family, _, _ = module.parse_name("MOON Jae-in", "cia", "KOR")
    assert words == ["Moon", "Jae-in"] and family == [0]
    words, family, _, _ = module.parse_name("Gandhi, I.", "reign", "IND")
    assert words == ["I.", "Gandhi"] and family == [1]
    words, family, _, _ = module.parse_name("Felipe VI of Spain", "wikidata_hosg", "ESP")
    assert words == ["Felipe", "VI"] and family == []
