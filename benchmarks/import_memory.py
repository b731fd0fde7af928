"""Peak memory and speed of `legation import gdelt` on a generated GDELT 2.0 file larger than a chunk.

    python benchmarks/import_memory.py [--mb 1024] [--chunk-rows 25000] [--keep DIR]

Writes a GDELT 2.0 event file of about --mb megabytes (61 tab-separated columns; our own generated rows:
country dyads, CAMEO codes from the shipped table, 1-8 events per source URL, one row in 20 a repeat of
the row before it, one in 5,000 malformed), imports it with `python -m legation import gdelt` in a child
process and reports rows/s and the child's peak resident memory (ru_maxrss). The file and the store are
deleted afterwards unless --keep names a folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT

FIPS = {"RUS": "RS", "CHN": "CH", "USA": "US", "UKR": "UP", "FRA": "FR", "DEU": "GM", "GBR": "UK", "IND": "IN",
        "IRN": "IR", "ISR": "IS", "TUR": "TU", "JPN": "JA", "PRK": "KN", "KOR": "KS", "SYR": "SY", "EGY": "EG",
        "SAU": "SA", "PAK": "PK", "AFG": "AF", "BRA": "BR", "NGA": "NI", "ZAF": "SF", "MEX": "MX", "CAN": "CA",
        "POL": "PL", "BLR": "BO", "KAZ": "KZ", "VNM": "VM"}  # fmt: skip
COUNTRIES = tuple(FIPS)
SECTORS = ("", "", "", "GOV", "MIL", "BUS", "MED", "OPP", "CVL", "JUD", "LEG")
HOSTS = tuple(f"news{i}.example.{tld}" for i in range(60) for tld in ("org", "com", "net"))


def _actor(rng: random.Random) -> list[str]:
    country = rng.choice(COUNTRIES)
    sector = rng.choice(SECTORS)
    return [country + sector, f"{country} NAME", country, "", "", "", "", sector, "", ""]


def _geo(rng: random.Random, country: str) -> list[str]:
    lat, lon = f"{rng.uniform(-60, 70):.4f}", f"{rng.uniform(-170, 170):.4f}"
    fips = FIPS[country]
    return ["4", f"Some City, Some Province, {country}", fips, f"{fips}0{rng.randint(1, 9)}", "", lat, lon,
            str(-rng.randint(1_000_000, 3_000_000))]  # fmt: skip


def generate(path: Path, megabytes: int, seed: int = 8) -> int:
    """Write the GDELT 2.0 file; return its row count."""
    sys.path.insert(0, str(ROOT))
    from legation.coding.cameo import cameo_table

    codes = [c for c in cameo_table().values() if len(c.code) >= 3]
    rng = random.Random(seed)
    target = megabytes * 1_000_000
    written = rows = 0
    gid = 900_000_000
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            day = f"2021{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            url = f"https://{rng.choice(HOSTS)}/{day[:4]}/{day[4:6]}/{day[6:]}/story-{gid}-{rng.getrandbits(32):08x}"
            previous = None
            added = f"{day}{rng.randint(0, 23):02d}{rng.choice(('00', '15', '30', '45'))}00"
            for _ in range(rng.randint(1, 8)):
                gid += 1
                if previous is not None and rng.random() < 0.05:  # the same event again from the same URL
                    fields = list(previous)
                    fields[0] = str(gid)
                else:
                    a1, a2, code = _actor(rng), _actor(rng), rng.choice(codes)
                    fraction = f"{int(day[:4]) + int(day[4:6]) / 12:.4f}"
                    fields = [str(gid), day, day[:6], day[:4], fraction, *a1, *a2, str(rng.randint(0, 1)),
                              code.code, code.code[:3], code.root, str(code.quad_class), str(code.goldstein),
                              str(rng.randint(1, 40)), str(rng.randint(1, 5)), str(rng.randint(1, 40)),
                              f"{rng.uniform(-10, 10):.6f}", *_geo(rng, a1[2]), *_geo(rng, a2[2]),
                              *_geo(rng, a1[2]), added, url]  # fmt: skip
                previous = fields
                line = "\t".join(fields)
                if rng.random() < 0.0002:  # a malformed row: a column lost
                    line = "\t".join(fields[:-2] + fields[-1:])
                out.write(line + "\n")
                written += len(line) + 1
                rows += 1
    return rows


def measure(megabytes: int, chunk_rows: int, workdir: Path) -> dict:
    """Generate the file, import it in a child process; the measurements."""
    data, db = workdir / "gdelt2_benchmark.export.CSV", workdir / "import.duckdb"
    t0 = time.perf_counter()
    rows = generate(data, megabytes)
    generate_s = time.perf_counter() - t0
    env = dict(os.environ)
    env.pop("LEGATION_DB", None)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "legation", "import", "gdelt", str(data), "--db", str(db), "--format", "json",
           "--no-progress", "--chunk-rows", str(chunk_rows)]  # fmt: skip
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    report = json.loads(done.stdout)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child: the import
    return {
        "file_mb": round(data.stat().st_size / 1e6, 1),
        "rows": rows,
        "generate_s": round(generate_s, 1),
        "import_wall_s": round(wall, 1),
        "rows_per_second": round(rows / wall),
        "mb_per_second": round(data.stat().st_size / 1e6 / wall, 2),
        "peak_rss_mib": round(peak_kb / 1024),
        "events_stored": report["events"],
        "stories_stored": report["stories"],
        "folded": report["folded"],
        "duplicates": report["duplicates"],
        "bad_rows": report["bad_rows"],
        "chunks": report["chunks"],
        "store_mb": round(db.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="size of the generated file in MB (default 1024)")
    parser.add_argument("--chunk-rows", type=int, default=25_000)
    parser.add_argument("--keep", type=Path, help="keep the file and store in this folder")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="legation-import-", dir="/tmp"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        result = measure(args.mb, args.chunk_rows, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
