"""The importers' code tables: FIPS and country names to ISO3 (built from shared/reference), sectors."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from legation.ingest.importers.codes import (
    cameo_entry,
    country_iso3,
    fips_iso3,
    geo_country,
    iso3_fips,
    plover_type,
    sector_code,
)
from legation.ingest.importers.sectors import icews_roles

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LEGATION_SHARED") or ROOT.parent / "shared")
REFERENCE = any((base / "cameo" / "pygdelt_countries.json").exists() for base in (SHARED, SHARED / "reference"))


@pytest.mark.shared
@pytest.mark.skipif(not REFERENCE, reason=f"no reference data under {SHARED}; set LEGATION_SHARED")
def test_rebuild_matches_the_shipped_table(tmp_path):
    spec = importlib.util.spec_from_file_location("build_fips", ROOT / "scripts" / "build_fips.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--shared", str(SHARED), "--out", str(tmp_path / "fips_iso3.json")])
    shipped = ROOT / "legation" / "data" / "fips_iso3.json"
    assert (tmp_path / "fips_iso3.json").read_bytes() == shipped.read_bytes()


@pytest.mark.parametrize(("fips", "iso3"), [("RS", "RUS"), ("CH", "CHN"), ("UP", "UKR"), ("GM", "DEU"), ("GZ", "PSE")])
def test_fips_codes_map_to_iso3(fips, iso3):
    assert fips_iso3(fips) == iso3


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Russian Federation", "RUS"), ("Russia", "RUS"), ("South Korea", "KOR"), ("Occupied Palestinian Territory",
     "PSE"), ("Cote d'Ivoire", "CIV"), ("Democratic Republic of Congo", "COD"), ("Netherlands", "NLD"),
     ("Burma", "MMR"), ("UA", "UKR"), ("CHN", "CHN")],
)  # fmt: skip
def test_country_names_and_codes_map_to_iso3(name, iso3):
    assert country_iso3(name) == iso3


def test_an_unknown_country_name_maps_to_nothing():
    assert country_iso3("Atlantis") is None


@pytest.mark.parametrize(
    ("sectors", "code"),
    [("Government,Executive", "GOV"), ("Government,Military,Army", "MIL"), ("Police", "COP"),
     ("Legislative / Parliamentary", "LEG"), ("Rebel,Insurgents", "REB"), ("News,Media", "MED"),
     ("Dissident,Opposition", "OPP"), ("Business,Finance", "BUS"), ("GOV", "GOV"), ("Unidentified Forces", None)],
)  # fmt: skip
def test_icews_sectors_map_to_a_cameo_sector(sectors, code):
    assert sector_code(sectors) == code


def test_a_cameo_code_without_its_leading_zero_is_found():
    entry = cameo_entry("42")
    assert entry is not None and entry.code == "042"


def test_an_unknown_cameo_code_is_none():
    assert cameo_entry("999") is None


def test_plover_types_are_case_insensitive_and_checked():
    assert (plover_type("consult"), plover_type("GOSSIP")) == ("CONSULT", None)


@pytest.mark.parametrize(
    ("sectors", "code"),
    [("Nongovernmental Organizations / Activists", "NGO"),
     ("Elite,Executive,Government,Executive Office,Opposition Major Party (Out Of Government),Parties", "GOV"),
     ("Parties,Opposition Major Party (Out Of Government),(National) Major Party", "PTY"),
     ("Government,Marines,Executive,Defense / Security Ministry,Military", "MIL"),
     ("Executive Office,Government,Defense / Security Ministry", "GOV"),
     ("Government,Executive Office,Executive,Legislative / Parliamentary", "GOV"),
     ("Government,Legislative / Parliamentary", "LEG"), ("Government,Judicial", "JUD"),
     ("Dissident,Protestors / Popular Opposition / Mobs", "OPP"), ("Unidentified Forces", "UAF"),
     ("Human Rights NGOs,Nongovernmental Organizations / Activists", "HRI"), ("Hindu,Ideological", None)],
)  # fmt: skip
def test_icews_sector_lists_are_read_item_by_item(sectors, code):
    assert icews_roles(sectors).sector == code


def test_an_icews_igo_item_marks_an_organisation():
    roles = icews_roles("International Government Organization,Regional Diplomatic IGOs,Regional")
    assert (roles.organisation, roles.sector, roles.executive) == ("IGO", None, False)


def test_nongovernmental_is_no_government_word():
    assert (sector_code("Nongovernmental"), sector_code("non-governmental organisation")) == ("NGO", "NGO")


@pytest.mark.parametrize(("iso3", "fips"), [("RUS", "RS"), ("DEU", "GM"), ("CHN", "CH"), ("PSE", "WE"), ("XYZ", None)])
def test_iso3_codes_map_back_to_fips(iso3, fips):
    assert iso3_fips(iso3) == fips


def test_a_gdelt_place_code_may_be_fips_or_iso3():
    assert (geo_country("GM"), geo_country("DEU"), geo_country("OS")) == ("DEU", "DEU", None)
