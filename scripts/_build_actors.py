"""Read TABARI/PETRARCH actor dictionaries (Phoenix.*.actors.txt) into actor entries for actors.json.

Format, as read here (see the header comments of the Phoenix files):

* ``NAME_ [CODE]`` or ``NAME_ [CODE DATES] [CODE2 ...]`` starts an entry with its codes on the same line;
  a bare ``NAME_`` starts an entry whose codes follow on tab-indented ``[CODE DATES]`` lines.
* ``+SYNONYM`` lines add phrases to the open entry (an internal ``+`` separates two synonyms).
* A bare name line without a comment is read as one more phrase of the open entry when that entry
  has had no code line yet (the BORIS_YELTSIN_ and MIKHAIL_GORBACHEV_ blocks list aliases without
  ``+``), or when it directly follows a one-line ``NAME [CODE]`` entry and a blank or comment line
  follows it (``UN_ [IGOUNO]`` then ``U.N._``); never across a blank or comment line.
* An entry that ends without a code line passes its phrases to a directly following entry
  (DMITRY_MEDVEDEV_, then DMITR_MEDVEDEV_ with the codes); before a blank line it is dropped.  An entry
  coded only ``[---]`` is dropped.  ``Word: text`` lines are notes, not names.
* Dates: ``YYYYMMDD-YYYYMMDD``, ``>DATE`` (from), ``<DATE`` (until), a bare ``DATE`` (from); 6-digit
  ``YYMMDD`` dates are 19YY when YY >= 30, else 20YY.  Unreadable dates are left open and counted.
* ``[---]`` is "no code" and is skipped; ``#`` starts a comment.

Kind of an entry (the rule):

* International file: "person" if any code is dated or the comment cites IGOrulers, else "igo"
  (IGOs, NGOs and multinationals alike; the code prefix IGO/NGO/MNC says which).
* MilNonState file: "person" if any code is dated, else "group".
* Countries file: "state" for the head entry of a country section (a code on the name line, e.g.
  ``RUSSIAN_FEDERATION_ [RUS]``) and for entries whose codes are all bare 3-letter country codes;
  "person" when the comment cites CountryInfo (the generated leader lists) or when a code is dated and
  the name has no institution word; otherwise "org" (national institutions: KREMLIN_ -> RUSGOV).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
_INSTITUTION = set(
    "AGENCY ARMY ASSEMBLY BANK BOARD BRIGADE CABINET CHAMBER COMMISSION COMMITTEE CONGRESS COUNCIL COURT "
    "DEPARTMENT DUMA FEDERATION FORCE FORCES FRONT GOVERNMENT GUARD KREMLIN MINISTRY MOVEMENT NAVY OFFICE "
    "ORGANIZATION PARLIAMENT PARTY POLICE REGIME REPUBLIC SENATE SERVICE SFSR SOVIET UNION".split()
)


def parse_date(text: str) -> str | None:
    """'YYYYMMDD' or 'YYMMDD' (YY >= 30 -> 19YY) to 'YYYY-MM-DD'; None when unreadable."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        text = ("19" if int(text[:2]) >= 30 else "20") + text
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return None


def norm_phrase(text: str) -> str:
    """Lower case, '_' becomes a space, spaces collapsed; keeps inner punctuation such as 'u.n.'."""
    return " ".join(text.replace("_", " ").lower().split())


class ActorReader:
    """Reads actor files one after another and keeps counts for the build report."""

    def __init__(self) -> None:
        """Start with no actors and no counts."""
        self.actors: list[dict[str, Any]] = []
        self.stats: Counter[str] = Counter()
        self.problems: list[str] = []

    def note(self, key: str, where: str, text: str) -> None:
        """Count a problem and keep the first few examples."""
        self.stats[key] += 1
        if self.stats[key] <= 3:
            self.problems.append(f"{key}: {where}: {text.strip()}")

    def codes(self, body: str, where: str) -> list[dict[str, str | None]]:
        """Parse every [CODE DATES] group in `body`."""
        out: list[dict[str, str | None]] = []
        for group in _BRACKET.findall(body):
            parts = group.split(None, 1)
            if not parts or parts[0] == "---":
                continue
            code, spec = parts[0], (parts[1] if len(parts) > 1 else "").replace(" ", "")
            if not _CODE.fullmatch(code):
                self.note("bad code", where, group)
                continue
            start = end = None
            if spec:
                if spec[0] == ">":
                    start = self.date(spec[1:], where)
                elif spec[0] == "<":
                    end = self.date(spec[1:], where)
                elif "-" in spec:
                    first, _, last = spec.partition("-")
                    start, end = self.date(first, where), self.date(last, where)
                else:
                    start = self.date(spec, where)
                if start and end and start > end:
                    self.note("end before start", where, group)
            out.append({"code": code, "start": start, "end": end})
        return out

    def date(self, text: str, where: str) -> str | None:
        """Parse one date, counting unreadable ones."""
        value = parse_date(text)
        if value is None:
            self.note("unreadable date (left open)", where, text)
        return value

    def read(self, path: Path, source: str) -> None:
        """Read one actor file; `source` is 'countries', 'international' or 'milnonstate'."""
        lines = path.read_text(encoding="utf-8").splitlines()
        texts = [raw.partition("#")[0].strip() for raw in lines]
        entry: dict[str, Any] | None = None
        bare_run = False  # the previous line was the entry's own name line (or an alias read into it)
        gap = False  # a blank or comment line came after the open entry's last line
        for index, raw in enumerate(lines):
            where = f"{path.name}:{index + 1}"
            text, comment = texts[index], raw.partition("#")[2]
            if not text or text.startswith("<!"):
                bare_run, gap = False, True
                continue
            if re.match(r"^\w+: ", text):
                self.note("note line, not a name (skipped)", where, raw)
                bare_run, gap = False, True
                continue
            if text[0] in "[+":
                if entry is None:
                    self.note("code or synonym line outside an entry", where, raw)
                elif text[0] == "[":
                    entry["codes"].extend(self.codes(text, where))
                    entry["coded"] = True
                else:
                    entry["raw"].extend(p for p in text.split("+") if p.strip())
                bare_run = gap = False
                continue
            if entry is not None and not gap and "[" not in text and not comment.strip():
                last_of_run = index + 1 == len(texts) or not texts[index + 1]
                if not entry["coded"] or (bare_run and last_of_run):
                    entry["raw"].append(text)
                    self.note("bare name line read as a synonym", where, text)
                    continue
            carried = self.finish(entry, carry=not gap)
            name = text.split("[", 1)[0].strip()
            entry = {
                "name": name,
                "raw": [name, *carried],
                "codes": self.codes(text, where),
                "coded": "[" in text,
                "inline": "[" in text,
                "comment": comment,
                "source": source,
                "where": where,
            }
            bare_run, gap = True, False
        self.finish(entry, carry=False)

    def finish(self, entry: dict[str, Any] | None, carry: bool) -> list[str]:
        """Keep a finished entry if it has codes and phrases; return the phrases to carry to the next one."""
        if entry is None:
            return []
        if not entry["coded"] and carry:
            self.note(
                "entry without a code line (phrases given to the next one)", entry["where"], entry["name"]
            )
            return entry["raw"]
        if not entry["coded"]:
            self.note("entry without a code line (dropped)", entry["where"], entry["name"])
            return []
        if not entry["codes"]:
            self.note("entry coded [---] only (dropped)", entry["where"], entry["name"])
            return []
        phrases: list[str] = []
        for raw in entry["raw"]:
            phrase = norm_phrase(raw)
            if any(ch == "\ufffd" or ord(ch) < 32 for ch in phrase):
                self.note("garbled phrase (dropped)", entry["where"], repr(raw))
            elif len(phrase) < 2:
                self.stats["one-letter phrase (dropped)"] += 1
            elif phrase not in phrases:
                phrases.append(phrase)
        if not phrases:
            self.note("entry without usable phrases (dropped)", entry["where"], entry["name"])
            return []
        self.actors.append(
            {
                "name": " ".join(entry["name"].replace("_", " ").upper().split()),
                "phrases": phrases,
                "codes": entry["codes"],
                "kind": self.kind(entry),
            }
        )
        return []

    @staticmethod
    def kind(entry: dict[str, Any]) -> str:
        """Classify an entry as state / igo / group / person / org (see the module docstring)."""
        dated = any(c["start"] or c["end"] for c in entry["codes"])
        if entry["source"] == "international":
            return "person" if dated or "IGOrulers" in entry["comment"] else "igo"
        if entry["source"] == "milnonstate":
            return "person" if dated else "group"
        if entry["inline"] or all(len(c["code"]) == 3 for c in entry["codes"]):
            return "state"
        if "CountryInfo" in entry["comment"]:
            return "person"
        words = set(re.split(r"[_\s]+", entry["name"].upper()))
        if dated and not words & _INSTITUTION:
            return "person"
        return "org"

    def ambiguous(self) -> int:
        """How many phrases belong to more than one entry."""
        seen: Counter[str] = Counter()
        for actor in self.actors:
            seen.update(actor["phrases"])
        return sum(1 for n in seen.values() if n > 1)
