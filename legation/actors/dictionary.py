"""Actor and agent dictionaries: shipped data plus user files, indexed by token sequence."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import LegationError
from . import curated

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_PHRASE = 8
_SPLIT = re.compile(r"(?:'s|’s|-)(?=\s|$)|[-/]|\s+")
_CODE = re.compile(r"^[A-Z~]{3,15}$")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Token tuple for a dictionary phrase, split the way spaCy splits running text."""
    phrase = phrase.lower().replace("’", "'").replace("_", " ").strip()
    out: list[str] = []
    for word in phrase.split():
        parts = re.split(r"(-|/)", word)
        for part in parts:
            if not part:
                continue
            if part.endswith("'s") and len(part) > 2:
                out.extend([part[:-2], "'s"])
            else:
                out.append(part)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """A CAMEO actor code valid between two ISO dates (either may be open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, date: str | None) -> bool:
        """True when `date` (ISO) falls inside the span, or no date is known."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary actor: its name, kind and dated codes."""

    name: str
    kind: str
    codes: tuple[CodeSpan, ...]

    def code_on(self, date: str | None) -> str | None:
        """The code in force on `date`; without a date, the open-ended (current) one."""
        if not self.codes:
            return None
        if date is None:
            current = [c for c in self.codes if c.end is None and c.start is not None]
            current = current or [c for c in self.codes if c.end is None]
            return (current or list(self.codes))[-1].code
        for span in reversed(self.codes):
            if span.valid_on(date):
                return span.code
        undated = [c for c in self.codes if c.start is None and c.end is None]
        return undated[0].code if undated else None


# CAMEO role (sector) codes: a code that starts with one of these names no country.
ROLE_CODES = {"GOV", "MIL", "REB", "OPP", "BUS", "MED", "ELI", "CVL", "COP", "JUD", "LEG", "PTY", "EDU", "HLT",
              "REF", "AGR", "LAB", "CRM", "SPY", "UAF", "ENV", "HRI", "MOD", "RAD", "SEP", "DEV", "RES", "PPL"}
TRANSNATIONAL = ("IGO", "NGO", "IMG", "MNC", "UIS", "INT", "REB", "INS")
KIND_RANK = {"person": 0, "group": 1, "igo": 2, "org": 3, "state": 4}


def lengths_by_first(keys: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word → the lengths of the keys that start with it, longest first."""
    found: dict[str, set[int]] = {}
    for key in keys:
        found.setdefault(key[0], set()).add(len(key))
    return {w: tuple(sorted(n, reverse=True)) for w, n in found.items()}


class ActorDictionary:
    """Phrase index of actors (countries, IGOs, groups, people) and agents (sector words)."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[ActorEntry]] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        self.surnames: dict[tuple[str, ...], list] = {}  # bare surnames of office-holders → people
        self._countries: set[str] | None = None
        self._phrase_lengths: dict[str, tuple[int, ...]] | None = None
        self._agent_lengths: dict[str, frozenset[int]] | None = None

    def add_actor(self, phrases: Iterable[str], entry: ActorEntry, *, override: bool = False) -> None:
        """Index `entry` under each phrase; user entries (override) shadow shipped ones."""
        for phrase in phrases:
            key = phrase_key(phrase)
            if not key or len(key) > MAX_PHRASE or (len(key) == 1 and len(key[0]) < 2):
                continue
            if override or key not in self.phrases:
                self.phrases[key] = [entry]
            else:
                self.phrases[key].append(entry)
            self._phrase_lengths = None

    def add_agent(self, phrase: str, sector: str) -> None:
        """Index an agent phrase (e.g. 'defense ministry') with its sector code."""
        key = phrase_key(phrase)
        if key:
            self.agents[key] = sector
            self._agent_lengths = None

    def phrase_lengths(self, word: str) -> tuple[int, ...]:
        """The lengths, longest first, of the actor phrases that start with `word` (for the scan)."""
        if self._phrase_lengths is None:
            self._phrase_lengths = lengths_by_first(self.phrases)
        return self._phrase_lengths.get(word, ())

    def agent_lengths(self, word: str) -> frozenset[int]:
        """The lengths of the agent phrases that start with `word`."""
        if self._agent_lengths is None:
            self._agent_lengths = {w: frozenset(n) for w, n in lengths_by_first(self.agents).items()}
        return self._agent_lengths.get(word, frozenset())

    def country_codes(self) -> set[str]:
        """Three-letter prefixes that name a country or an international body (not a bare sector)."""
        if self._countries is None:
            found = {c.code for entries in self.phrases.values() for e in entries for c in e.codes
                     if len(c.code) == 3 and c.code.isalpha()}
            self._countries = (found - ROLE_CODES) | set(TRANSNATIONAL)
        return self._countries

    def lookup(self, key: tuple[str, ...], date: str | None) -> tuple[ActorEntry, str] | None:
        """Best entry for a phrase and its code on `date`, or None."""
        entries = self.phrases.get(key)
        if not entries:
            return None
        best: tuple[ActorEntry, str] | None = None
        countries = self.country_codes()
        for entry in sorted(entries, key=lambda e: KIND_RANK.get(e.kind, 9), reverse=True):
            code = entry.code_on(date)
            if code and code[:3] not in countries:  # a bare role ('ELI'): take the latest span naming a body
                code = next((c.code for c in reversed(entry.codes) if c.code[:3] in countries), None)
            if code:
                best = (entry, code)
                if entry.kind == "state":
                    return best
        if best is None and len(key) >= 2:
            # A full name outside its dated spells ('Shehbaz Sharif' in 2023, known from 2024): still that
            # person's country, with no sector, since the office held then is unknown.
            for entry in entries:
                found = {c.code[:3] for c in entry.codes if c.code[:3] in countries}
                if entry.kind == "person" and len(found) == 1:
                    return entry, found.pop()
        return best

    def load_user_file(self, path: str | Path) -> None:
        """Read a user dictionary: 'PHRASE [CODE dates]' lines, '+SYNONYM' lines, '[~SEC]' agents."""
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise LegationError("E012", where=str(path), detail=str(exc)) from None
        pending: tuple[list[str], list[CodeSpan], str] | None = None
        for no, raw in enumerate(lines, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            where = f"{path}:{no}"
            if line.startswith("+"):
                if pending is None:
                    raise LegationError("E010", where=where, detail="a '+' synonym comes before any entry")
                pending[0].append(line[1:].strip())
                continue
            if "[" not in line or not line.endswith("]"):
                raise LegationError("E010", where=where, detail="no [CODE] at the end of the line")
            name, _, rest = line.partition("[")
            name = name.strip()
            if not name:
                raise LegationError("E010", where=where, detail="the phrase before [CODE] is empty")
            specs = [s.strip() for s in ("[" + rest).replace("][", "] [").split("]") if s.strip()]
            spans = [_parse_code_spec(spec.lstrip("[").strip(), where) for spec in specs]
            if len(spans) == 1 and spans[0].code.startswith("~"):
                self.add_agent(name, spans[0].code.strip("~"))
                continue
            if pending:
                self._add_user(*pending)
            pending = ([name], spans, "person" if len(spans[0].code) > 3 else "state")
        if pending:
            self._add_user(*pending)

    def _add_user(self, phrases: list[str], spans: list[CodeSpan], kind: str) -> None:
        self.add_actor(phrases, ActorEntry(phrases[0].upper(), kind, tuple(spans)), override=True)


def add_people(book: ActorDictionary) -> None:
    """Index the dated office-holders (`people.json.gz`): full names as phrases, where they replace the PETRARCH
    entries of the same person (the newer sources win on dates), and bare surnames for `surnames`."""
    from .people import load_people

    spans: dict[tuple[str, ...], list[CodeSpan]] = {}
    names: dict[tuple[str, ...], str] = {}
    for person in load_people():
        span = CodeSpan(person.code, person.start, person.end)
        for phrase in person.phrases:
            key = phrase_key(phrase)
            if key and len(key) <= MAX_PHRASE:
                spans.setdefault(key, []).append(span)
                names.setdefault(key, person.name)
        for surname in person.surnames:
            key = phrase_key(surname)
            if len(key) == 1 and len(key[0]) > 2:
                book.surnames.setdefault(key, []).append(person)
            elif len(key) > 1 and surname not in person.ambiguous_surnames:
                spans.setdefault(key, []).append(span)
                names.setdefault(key, person.name)
    for key, found in spans.items():
        ordered = tuple(sorted(set(found), key=lambda c: (c.start or "", c.end or "9999")))
        entry = ActorEntry(names[key].upper(), "person", ordered)
        others = [e for e in book.phrases.get(key, []) if e.kind != "person"]
        book.phrases[key] = others + [entry]
    book._phrase_lengths = None


def _parse_code_spec(spec: str, where: str) -> CodeSpan:
    """'RUSGOV 20040309-' or 'CHNMIL >20180319' → CodeSpan; E010 naming `where` when malformed."""
    parts = spec.split()
    if not parts or not _CODE.match(parts[0]):
        raise LegationError("E010", where=where, detail=f"'{spec}' is not an actor code")
    if len(parts) == 1:
        return CodeSpan(parts[0])
    dates = parts[1]
    try:
        if dates.startswith(">"):
            return CodeSpan(parts[0], _iso(dates[1:]), None)
        if dates.startswith("<"):
            return CodeSpan(parts[0], None, _iso(dates[1:]))
        start, _, end = dates.partition("-")
        return CodeSpan(parts[0], _iso(start) if start else None, _iso(end) if end else None)
    except ValueError:
        raise LegationError("E010", where=where, detail=f"'{dates}' is not a date range") from None


def _iso(value: str) -> str:
    """YYYYMMDD → YYYY-MM-DD, raising ValueError otherwise."""
    if len(value) != 8 or not value.isdigit():
        raise ValueError(value)
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def _read_json(name: str) -> dict:
    """Load a shipped JSON data file, gzipped or not."""
    plain, packed = DATA / f"{name}.json", DATA / f"{name}.json.gz"
    if packed.exists():
        with gzip.open(packed, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    return json.loads(plain.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[tuple[list[str], ActorEntry], ...], tuple[tuple[str, str], ...]]:
    """Parse the shipped actor and agent files once per process."""
    actors = []
    for rec in _read_json("actors")["actors"]:
        spans = tuple(CodeSpan(c["code"], c.get("start"), c.get("end")) for c in rec["codes"])
        actors.append((rec["phrases"], ActorEntry(rec.get("name", ""), rec.get("kind", "state"), spans)))
    agents = tuple(_read_json("agents")["agents"].items())
    return tuple(actors), agents


def load_dictionary(user_files: Iterable[str | Path] = ()) -> ActorDictionary:
    """The shipped dictionaries, our curated agents, then user files in order."""
    book = ActorDictionary()
    actors, agents = _shipped()
    for phrases, entry in actors:
        book.add_actor(phrases, entry)
    for phrase, sector in agents:
        book.add_agent(phrase, sector)
    for phrase, sector in curated.AGENTS.items():
        book.add_agent(phrase, sector)
    for phrase, (code, kind) in curated.ACTORS.items():
        book.add_actor([phrase], ActorEntry(phrase.upper(), kind, (CodeSpan(code),)), override=True)
    for phrase, code in curated.DEMONYMS.items():
        if phrase_key(phrase) not in book.phrases:
            book.add_actor([phrase], ActorEntry(phrase.upper(), "state", (CodeSpan(code),)))
    add_people(book)
    for path in user_files:
        book.load_user_file(path)
    return book
