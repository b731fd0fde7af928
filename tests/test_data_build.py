"""Shipped data files: rebuilt identically from shared/reference; the verb-file parser; sanity checks."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from legation.coding.verbfile import parse_verb_dictionary
from legation.errors import LegationError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "legation" / "data"
SHARED = Path(os.environ.get("LEGATION_SHARED") or Path(__file__).resolve().parents[2] / "shared")
STEMS = ("cameo", "verbs", "actors", "agents")


def _reference_present() -> bool:
    """True when shared/reference (or a reference folder given directly) holds the inputs."""
    bases = (SHARED, SHARED / "reference")
    return any((base / "cameo").is_dir() and (base / "petrarch2").is_dir() for base in bases)


def load(stem: str) -> dict[str, Any]:
    """Load a shipped data file, plain or gzipped."""
    plain, packed = DATA / f"{stem}.json", DATA / f"{stem}.json.gz"
    if packed.exists():
        return json.loads(gzip.decompress(packed.read_bytes()))
    return json.loads(plain.read_text(encoding="utf-8"))


def shipped(stem: str) -> Path:
    """The path of a shipped data file (.json or .json.gz)."""
    packed = DATA / f"{stem}.json.gz"
    return packed if packed.exists() else DATA / f"{stem}.json"


def content(path: Path) -> bytes:
    """File bytes, decompressed for .gz (zlib versions may pack the same JSON differently)."""
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


# --- (a) the committed files are exactly what the build script makes ------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not _reference_present(), reason=f"no reference data under {SHARED}; set LEGATION_SHARED")
def test_rebuild_matches_shipped(tmp_path: Path) -> None:
    """Re-running the build gives exactly the committed data files."""
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(shipped(stem).name for stem in STEMS)
    for name in built:
        assert content(tmp_path / name) == content(DATA / name), f"{name} is stale: run scripts/build_data.py"


# --- (b) the verb dictionary parser on made-up lines -----------------------------------------------------

SAMPLE = """\
# a made-up verb file
&VEHICLE
+TRUCK
+ARMORED_CAR_

---  PARLEY   [046]  ---
PARLEY
CONVENE {CONVENES CONVENED CONVENING} [040:040]  # own code
+SIT_DOWN {+SITS_DOWN +SAT_DOWN}
- $ * {PEACE TALKS} (WITH +)          [046]    # PARLEY
- ENVOYS * (OVER &VEHICLE)          [042:043]  # CONVENE
- * (BEFORE COURT)                  [:173]     # SAT_DOWN
- * TEA/COFFEE                      [---]

---  SNUB   [---]  ---
SNUB
"""


def test_parse_block_defaults_and_inflections() -> None:
    """Verbs take the block code unless they carry their own; {...} lists become forms."""
    data = parse_verb_dictionary(SAMPLE.splitlines(), "sample.txt")
    assert data["sets"] == {"&VEHICLE": ["truck", "armored car"]}
    assert data["verbs"]["parley"]["code"] == "046" and data["verbs"]["parley"]["block"] == "PARLEY"
    assert data["verbs"]["convene"]["code"] == "040"
    assert data["verbs"]["sit down"]["code"] == "046"
    assert data["verbs"]["snub"]["code"] is None
    assert data["forms"]["convened"] == "convene" and data["forms"]["sat down"] == "sit down"
    assert data["blocks"]["PARLEY"]["verbs"] == ["parley", "convene", "sit down"]


def test_parse_patterns() -> None:
    """{} groups, () phrases, &SET, A/B, markers and [A:B] codes in patterns."""
    patterns = parse_verb_dictionary(SAMPLE.splitlines(), "sample.txt")["blocks"]["PARLEY"]["patterns"]
    assert patterns[0] == {
        "pre": [],
        "post": [["peace talks"], ["with"]],
        "code": "046",
        "reverse": None,
        "verb": "parley",
    }
    assert patterns[1]["pre"] == [["envoys"]]
    assert patterns[1]["post"] == [["over"], ["truck", "armored car"]]
    assert (patterns[1]["code"], patterns[1]["reverse"], patterns[1]["verb"]) == ("042", "043", "convene")
    assert (patterns[2]["code"], patterns[2]["reverse"], patterns[2]["verb"]) == (None, "173", "sit down")
    assert patterns[3]["post"] == [["tea", "coffee"]] and patterns[3]["code"] is None


def test_parse_uses_known_sets() -> None:
    """A user file may use synonym sets defined elsewhere (the shipped ones)."""
    lines = ["--- SEND [---] ---", "SEND", "- * &VEHICLE [070]"]
    data = parse_verb_dictionary(lines, "extra.txt", sets={"&VEHICLE": ["truck"]})
    assert data["blocks"]["SEND"]["patterns"][0]["post"] == [["truck"]]
    assert data["sets"] == {}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- * (TO BORDER [154]", "parentheses"),
        ("- * AID [07X]", "not a CAMEO code"),
        ("- * &NOSUCHSET [070]", "not defined"),
        ("- * AID", "[CODE]"),
        ("- AID [070]", "'*'"),
    ],
)
def test_malformed_line_raises_with_place(line: str, reason: str) -> None:
    """A bad line raises E011 naming the file and line."""
    lines = ["# extra verbs", "--- SEND [---] ---", "SEND", line]
    with pytest.raises(LegationError) as info:
        parse_verb_dictionary(lines, "my_verbs.txt")
    assert info.value.code == "E011"
    assert "my_verbs.txt:4" in str(info.value) and reason in str(info.value)


def test_lenient_mode_counts_skipped_lines() -> None:
    """With strict=False bad lines are skipped and reported."""
    skipped: list[tuple[int, str, str]] = []
    data = parse_verb_dictionary(
        ["--- SEND [---] ---", "SEND", "- * AID [07X]", "- * AID [070]"], "x", strict=False, skipped=skipped
    )
    assert [s[0] for s in skipped] == [3]
    assert len(data["blocks"]["SEND"]["patterns"]) == 1


def test_verb_before_block_is_an_error() -> None:
    """A verb needs a block to belong to."""
    with pytest.raises(LegationError, match=r"lonely\.txt:1"):
        parse_verb_dictionary(["SEND"], "lonely.txt")


# --- (c) the shipped data ----------------------------------------------------------------------------------


def _codes_for(phrase: str) -> list[dict[str, Any]]:
    """Every code of every actor entry that lists `phrase`."""
    return [c for a in load("actors")["actors"] if phrase in a["phrases"] for c in a["codes"]]


def test_every_file_names_its_source() -> None:
    """Every data file says where it came from."""
    for stem in STEMS:
        assert "shared/reference" in load(stem)["source"]


def test_cameo_062() -> None:
    """062 is material cooperation under root 06, PLOVER COOPERATE."""
    code = load("cameo")["codes"]["062"]
    assert (code["root"], code["quad_class"], code["plover"]["type"]) == ("06", 2, "COOPERATE")
    assert isinstance(code["goldstein"], float)


def test_cameo_has_every_root() -> None:
    """The twenty two-digit root codes are present."""
    codes = load("cameo")["codes"]
    assert all(f"{n:02d}" in codes for n in range(1, 21))


def test_country_actors() -> None:
    """Country names, capitals and adjectives map to the country code."""
    assert any(c["code"] == "RUS" for c in _codes_for("russia"))
    assert any(c["code"] == "RUS" for c in _codes_for("moscow"))
    assert any(c["code"] == "CHN" for c in _codes_for("chinese"))


def test_group_and_igo_actors() -> None:
    """Armed groups and IGOs are present."""
    assert any(c["code"].startswith("AFG") for c in _codes_for("taliban"))
    assert any(c["code"].startswith("IGO") for c in _codes_for("nato"))


def test_lavrov_is_rusgov_in_2021() -> None:
    """Dated codes: Lavrov is RUSGOV in 2021."""
    day = "2021-06-01"
    assert any(
        c["code"] == "RUSGOV" and (c["start"] or "") <= day and (c["end"] is None or c["end"] >= day)
        for c in _codes_for("sergey lavrov")
    )


def test_agents() -> None:
    """Agent nouns map to sector codes with their position."""
    agents = load("agents")
    assert agents["agents"]["soldier"] == "MIL"
    assert agents["position"]["MIL"] == "suffix"


def test_verbs_shipped() -> None:
    """Multi-word verbs, forms and sets in the shipped verb dictionary."""
    verbs = load("verbs")
    assert verbs["verbs"]["ask for"] == {"block": "ASK", "code": "020", "reverse": None}
    assert verbs["forms"]["held"] == "hold"
    assert "money" in verbs["sets"]["&CURRENCY"]
