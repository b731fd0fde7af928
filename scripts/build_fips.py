"""Build legation/data/fips_iso3.json from shared/reference (run: python scripts/build_fips.py).

Inputs (facts only; see shared/reference/README.md):
  cameo/pygdelt_countries.json         FIPS 10-4 country code -> ISO3, ISO2 and the country's name
  cameo/cameo_actor_codes_keds2003.tsv  CAMEO/KEDS country codes and their names (alternate spellings)
plus the short lists below: FIPS codes GDELT uses that pygdelt lacks, and the spellings ICEWS and POLECAT
use for country names that neither file has. The importers (legation/ingest/importers) map GDELT's FIPS
location codes, and ICEWS's country names, to ISO3 with it. Output is deterministic (sorted keys).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "legation" / "data" / "fips_iso3.json"

from legation.ingest.importers.codes import name_key  # noqa: E402 - the importers' own lookup form

# FIPS 10-4 codes found in GDELT geography fields that pygdelt_countries.json does not list.
EXTRA_FIPS = {"GZ": "PSE"}  # Gaza Strip

# Country-name spellings used by ICEWS (and POLECAT) that neither reference file spells this way.
EXTRA_NAMES = {
    "Russian Federation": "RUS",
    "Occupied Palestinian Territory": "PSE",
    "Palestine": "PSE",
    "State of Palestine": "PSE",
    "Democratic Republic of Congo": "COD",
    "Congo, Democratic Republic of the": "COD",
    "Congo": "COG",
    "Republic of Congo": "COG",
    "Cote d'Ivoire": "CIV",
    "United States of America": "USA",
    "Britain": "GBR",
    "Great Britain": "GBR",
    "East Timor": "TLS",
    "Timor-Leste": "TLS",
    "Vatican City": "VAT",
    "Burma": "MMR",
    "Macau": "MAC",
    "Korea, Republic of": "KOR",
    "Korea, Democratic People's Republic of": "PRK",
    "Iran, Islamic Republic of": "IRN",
    "Syrian Arab Republic": "SYR",
    "Lao People's Democratic Republic": "LAO",
    "Viet Nam": "VNM",
    "Moldova, Republic of": "MDA",
    "Tanzania, United Republic of": "TZA",
    "Bolivia, Plurinational State of": "BOL",
    "Venezuela, Bolivarian Republic of": "VEN",
    "Kyrgyz Republic": "KGZ",
    "Slovak Republic": "SVK",
    "The Gambia": "GMB",
    "The Bahamas": "BHS",
}

SOURCE = (
    "built by scripts/build_fips.py from shared/reference/cameo/pygdelt_countries.json (FIPS 10-4 -> ISO3, "
    "names) and shared/reference/cameo/cameo_actor_codes_keds2003.tsv (CAMEO/KEDS country names), "
    "with the script's short lists of extra FIPS codes and country-name spellings"
)


def reference_dir(shared: Path) -> Path:
    """The folder holding cameo/: `shared/reference`, or `shared` itself."""
    return shared if (shared / "cameo").is_dir() else shared / "reference"


def build(shared: Path) -> dict[str, Any]:
    """The fips_iso3.json content from the reference files."""
    cameo = reference_dir(shared) / "cameo"
    countries = json.loads((cameo / "pygdelt_countries.json").read_text(encoding="utf-8"))
    fips = {code: rec["iso3"] for code, rec in countries.items() if rec.get("iso3")}
    iso2 = {rec["iso2"]: rec["iso3"] for rec in countries.values() if rec.get("iso2") and rec.get("iso3")}
    fips.update(EXTRA_FIPS)
    iso3 = set(fips.values())
    names: dict[str, str] = {}
    for rec in countries.values():
        for field in ("name", "full_name"):
            if rec.get(field) and rec.get("iso3"):
                names.setdefault(name_key(rec[field]), rec["iso3"])
    with open(cameo / "cameo_actor_codes_keds2003.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code, actor = row["code"], row["actor"]
            if code not in iso3:  # regions, ethnic and religious groups, role codes: not countries
                continue
            for part in re.split(r"[()]", actor.replace("(d.r.)", "")):
                key = name_key(part)
                if key and not key.startswith(("special administrative", "kinshasa", "brazzaville")):
                    names.setdefault(key, code)
    for name, code in EXTRA_NAMES.items():
        names[name_key(name)] = code
    for code in iso3:
        names.setdefault(name_key(code), code)  # an ISO3 code given where a name is expected
    return {
        "fips": dict(sorted(fips.items())),
        "iso2": dict(sorted(iso2.items())),
        "names": dict(sorted(names.items())),
        "source": SOURCE,
    }


def write(data: dict[str, Any], out: Path) -> Path:
    """Write the table deterministically."""
    text = json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False) + "\n"
    out.write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the table; exit status 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=OUT, help="output file")
    args = parser.parse_args(argv)
    if not (reference_dir(args.shared) / "cameo" / "pygdelt_countries.json").exists():
        print(f"no reference data under {args.shared}", file=sys.stderr)
        return 1
    data = build(args.shared)
    write(data, args.out)
    counts = f"{len(data['fips'])} FIPS codes, {len(data['iso2'])} ISO2 codes, {len(data['names'])} country names"
    print(f"{args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
