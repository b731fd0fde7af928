"""Build legation/data/*.json from the files in shared/reference (run: python scripts/build_data.py).

Inputs (facts only; see shared/reference/README.md):
  cameo/cameo_eventcodes_goldstein.tsv, cameo/CAMEO2PLOVER-2021.txt      -> cameo.json
  petrarch2/CAMEO.2.0.txt                                                -> verbs.json
  petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt     -> actors.json(.gz)
  petrarch2/Phoenix.agents.txt                                           -> agents.json
Output is deterministic: sorted keys, compact separators, gzip with mtime 0 for files over 3 MB.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _build_actors import ActorReader  # noqa: E402
from _canonical_orgs import canonicalize  # noqa: E402

from legation.coding.verbfile import parse_verb_dictionary  # noqa: E402

GZIP_OVER = 3_000_000
BUILT = "built by scripts/build_data.py from"
PETRARCH = "openeventdata/petrarch2 dictionaries, MIT licence (Open Event Data Alliance)"
ACTOR_FILES = (
    ("Phoenix.Countries.actors.txt", "countries"),
    ("Phoenix.International.actors.txt", "international"),
    ("Phoenix.MilNonState.actors.txt", "milnonstate"),
)


def reference_dir(shared: Path) -> Path:
    """The folder holding cameo/ and petrarch2/: `shared/reference`, or `shared` itself."""
    return shared if (shared / "cameo").is_dir() else shared / "reference"


def write_json(out_dir: Path, stem: str, data: dict[str, Any]) -> Path:
    """Write `stem`.json (or .json.gz when large) deterministically; remove the other variant."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    raw = text.encode("utf-8")
    plain, packed = out_dir / f"{stem}.json", out_dir / f"{stem}.json.gz"
    target, other = (packed, plain) if len(raw) > GZIP_OVER else (plain, packed)
    payload = gzip.compress(raw, compresslevel=9, mtime=0) if target is packed else raw
    target.write_bytes(payload)
    if other.exists():
        other.unlink()
    return target


def read_plover(path: Path) -> tuple[dict[str, dict[str, str | None]], list[str]]:
    """Parse 'CODE: TYPE, MODE, CONTEXT # comment' lines; the first line for a code wins."""
    table: dict[str, dict[str, str | None]] = {}
    notes: list[str] = []
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r"^\s*(\d{2,4})\s*:(.*)$", raw.partition("#")[0])
        if not match:
            continue
        fields = [" ".join(f.split()) or None for f in match.group(2).split(",")]
        fields += [None] * (3 - len(fields))
        entry = {"type": fields[0].upper() if fields[0] else None, "mode": fields[1], "context": fields[2]}
        code = match.group(1)
        if code in table:
            if table[code] != entry:
                notes.append(f"{path.name}:{line_no}: {code} listed again as {entry['type']}; kept the first")
            continue
        table[code] = entry
    return table, notes


# Our editorial choice where CAMEO2PLOVER is silent: CAMEO 02x appeals are PLOVER REQUEST; 01x public
# statements have no PLOVER event type (PLOVER codes them by their content, not as statements).
PLOVER_FILL: dict[str, dict[str, str | None]] = {"02": {"type": "REQUEST", "mode": None, "context": None}}


def build_cameo(ref: Path) -> dict[str, Any]:
    """CAMEO codes with names, roots, quad classes, GDELT Goldstein values and PLOVER mapping."""
    plover, notes = read_plover(ref / "cameo" / "CAMEO2PLOVER-2021.txt")
    for code, value in PLOVER_FILL.items():
        plover.setdefault(code, value)
    codes: dict[str, Any] = {}
    fallback: list[str] = []
    with (ref / "cameo" / "cameo_eventcodes_goldstein.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["code"].strip()
            goldstein = row["goldstein_gdelt"].strip()
            if not goldstein:  # GDELT's scale lacks a few codes: use the ICEWS value from the same row
                goldstein = row["goldstein_icews"].strip()
                fallback.append(code)
            parent = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in plover), None)
            codes[code] = {
                "name": (row["name_icews"] or row["name_gdelt"]).strip(),
                "root": row["root"].strip(),
                "quad_class": int(row["quad_class"]),
                "goldstein": float(goldstein),
                "plover": dict(plover[parent]) if parent else None,
            }
    missing = sorted(c for c, v in codes.items() if v["plover"] is None)
    extra = sorted(set(plover) - set(codes))
    print(
        f"cameo.json: {len(codes)} codes, {len(plover)} PLOVER lines; no PLOVER mapping for "
        f"{len(missing)} codes ({', '.join(missing[:6])}{' ...' if len(missing) > 6 else ''})"
    )
    if fallback:
        print(f"  note: no GDELT Goldstein value for {', '.join(fallback)}; used the ICEWS value")
    for note in notes + [f"PLOVER code {c} is not in the CAMEO table" for c in extra]:
        print(f"  note: {note}")
    return {
        "source": f"{BUILT} shared/reference/cameo/cameo_eventcodes_goldstein.tsv "
        "(CAMEO event codes; Goldstein values from GDELT CAMEO.goldsteinscale.txt) and "
        "shared/reference/cameo/CAMEO2PLOVER-2021.txt (PLOVER project, CC BY-SA 4.0)",
        "codes": codes,
    }


def build_verbs(ref: Path, cameo_codes: set[str]) -> dict[str, Any]:
    """The verb pattern dictionary, parsed leniently (bad lines counted and skipped)."""
    path = ref / "petrarch2" / "CAMEO.2.0.txt"
    skipped: list[tuple[int, str, str]] = []
    with path.open(encoding="utf-8") as fh:
        data = parse_verb_dictionary(fh, path.name, strict=False, skipped=skipped)
    patterns = sum(len(b["patterns"]) for b in data["blocks"].values())
    print(
        f"verbs.json: {len(data['blocks'])} blocks, {len(data['verbs'])} verbs, {len(data['forms'])} "
        f"forms, {patterns} patterns, {len(data['sets'])} synonym sets; {len(skipped)} lines skipped"
    )
    for line_no, line, reason in skipped[:8]:
        print(f"  skipped {path.name}:{line_no}: {line.strip()!r} ({reason})")
    used = [v[k] for v in data["verbs"].values() for k in ("code", "reverse")]
    used += [p[k] for b in data["blocks"].values() for p in b["patterns"] for k in ("code", "reverse")]
    unknown = sorted({c for c in used if c and c not in cameo_codes})
    if unknown:
        print(f"  note: codes not in the CAMEO table: {', '.join(unknown)}")
    data["source"] = f"{BUILT} shared/reference/petrarch2/CAMEO.2.0.txt ({PETRARCH})"
    return data


def build_actors(ref: Path) -> dict[str, Any]:
    """Country, international and non-state actors with dated codes."""
    reader = ActorReader()
    for name, kind in ACTOR_FILES:
        reader.read(ref / "petrarch2" / name, kind)
    kinds = Counter(a["kind"] for a in reader.actors)
    phrases = sum(len(a["phrases"]) for a in reader.actors)
    print(
        f"actors.json: {len(reader.actors)} entries, {phrases} phrases, {reader.ambiguous()} ambiguous "
        f"phrases (in more than one entry); kinds {dict(sorted(kinds.items()))}"
    )
    for key, count in sorted(reader.stats.items()):
        print(f"  {key}: {count}")
    for problem in reader.problems:
        print(f"  e.g. {problem}")
    for line in canonicalize(reader.actors):
        print(f"  one code per organisation: {line}")
    files = ", ".join(f"shared/reference/petrarch2/{name}" for name, _ in ACTOR_FILES)
    return {"source": f"{BUILT} {files} ({PETRARCH})", "actors": reader.actors}


def _expand_markers(text: str, subs: dict[str, list[str]]) -> list[str]:
    """Expand !NAME! substitution markers; a marker glued inside a word (AD!MINIST!RATIVE) is restored."""
    pieces = re.split(r"!([A-Z]+)!", text)
    choices: list[list[str]] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            choices.append([piece])
            continue
        before, after = pieces[index - 1], pieces[index + 1]
        glued = before[-1:].isalnum() and after[:1].isalnum()
        choices.append([piece] if glued or piece not in subs else subs[piece])
    return ["".join(combo) for combo in itertools.product(*choices)]


def build_agents(ref: Path) -> dict[str, Any]:
    """Generic agent nouns (soldier -> MIL) with the position of the code (suffix ~MIL, prefix IGO~)."""
    path = ref / "petrarch2" / "Phoenix.agents.txt"
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    position: dict[str, str] = {}
    skipped: list[str] = []
    conflicts = 0
    entry = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]$")
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.partition("#")[0].strip()
        if not text or text.startswith("<!"):
            continue
        marker = re.match(r"^!([A-Z]+)!\s*=(.*)$", text)
        if marker:
            subs[marker.group(1)] = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            continue
        match = entry.match(text)
        code = match.group("code").strip() if match else ""
        if not match or not re.fullmatch(r"~[A-Z]+|[A-Z]+~", code):
            skipped.append(f"{path.name}:{line_no}: {raw.strip()!r}")
            continue
        sector, where = code.strip("~"), ("suffix" if code.startswith("~") else "prefix")
        if position.setdefault(sector, where) != where:
            skipped.append(f"{path.name}:{line_no}: {sector} used both as prefix and suffix")
        forms = [match.group("phrase")] + ([match.group("plural")] if match.group("plural") else [])
        for form in forms:
            for expanded in _expand_markers(form, subs):
                phrase = " ".join(expanded.replace("_", " ").lower().split())
                if len(phrase) < 2:
                    continue
                if agents.setdefault(phrase, sector) != sector:
                    conflicts += 1
    print(
        f"agents.json: {len(agents)} phrases, {len(set(agents.values()))} codes, {len(subs)} substitution "
        f"sets; {conflicts} phrases listed again with another code (first kept); "
        f"{len(skipped)} lines skipped"
    )
    for line in skipped[:5]:
        print(f"  skipped {line}")
    return {
        "source": f"{BUILT} shared/reference/petrarch2/Phoenix.agents.txt ({PETRARCH})",
        "agents": agents,
        "position": position,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build every data file and print what was read."""
    default = os.environ.get("LEGATION_SHARED") or str(ROOT.parent / "shared")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=default, help="the shared/ folder (default: %(default)s)")
    parser.add_argument("--out", default=str(ROOT / "legation" / "data"), help="output folder")
    args = parser.parse_args(argv)
    ref = reference_dir(Path(args.shared))
    if not (ref / "cameo").is_dir() or not (ref / "petrarch2").is_dir():
        print(f"error: no cameo/ and petrarch2/ under {ref}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cameo = build_cameo(ref)
    outputs = {
        "cameo": cameo,
        "verbs": build_verbs(ref, set(cameo["codes"])),
        "actors": build_actors(ref),
        "agents": build_agents(ref),
    }
    for stem, data in outputs.items():
        path = write_json(out, stem, data)
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
