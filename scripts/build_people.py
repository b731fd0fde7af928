"""Build legation/data/people.json.gz, dated office-holders (run: python scripts/build_people.py).

Inputs in shared/reference/leaders (see its README.md), facts only (names, countries, offices, dates):
  reign          reign_leaderlist_3_21.csv: REIGN (Bell, Besaw and Frank 2021), effective leaders 1921 - March 2021
  archigos       archigos_4.1_leaders.csv: Archigos 4.1 (Goemans, Gleditsch and Chiozza), leaders 1875-2015
  wikidata_hosg  wikidata_heads_of_state_government_2022_2024.csv: Wikidata (CC0), heads in office 2022-2024
  wikidata_fm    wikidata_current_foreign_ministers_2023.csv: Wikidata (CC0), foreign ministers about 2022-12
  cia            cia_world_leaders_2019_snapshot_flat.csv: CIA World Leaders, cabinets of about March 2019
with country names and codes from shared/reference/cameo (scripts/build_fips.py) and place and demonym words
from the country entries of shared/reference/petrarch2/Phoenix.Countries.actors.txt.

- Countries are ISO 3166 alpha-3; COW_ISO maps the COW/G-W abbreviations that differ. Former states take ISO
  3166-3 codes: RUS (COW's USSR too) is SUN for spells ending by 1991-12-25; YUG is YUG before 2003-02-04,
  SCG to 2006-06-04, then SRB; GDR DDR, CZE (Czechoslovakia) CSK, YPR YMD; GFR/GMY DEU, DRV/VIE VNM, YAR YEM,
  KOS XKX. RVN, AUH, BAV, OFS, TRA, ZAN, TBT and non-states are reported and left out; the EU is IGOEUREEC.
- Roles: head_of_state, head_of_government, leader (a REIGN/Archigos effective leader), deputy_head,
  governor_general, foreign_minister, minister and central_bank_governor (a public office) are GOV,
  defence_minister and military_chief MIL, opposition_leader OPP (no source names one). CIA titles go through
  CIA_RULES (first match, Pres./Prime Min./Min./Chmn./Gov. expanded); diplomats abroad and other offices
  are left out; one person's titles merge per sector into the highest role.
- Dates: Archigos exact ("Still in Office" open); REIGN start day, end the end month's last day; Wikidata
  heads yyyy-01-01 .. yyyy-12-31 or open; Wikidata foreign ministers their start, open; CIA 2018-01-01 ..
  2020-12-31, approx, cut the day before a newer Wikidata foreign minister's start that shows the person
  elsewhere or a successor. One person's spells in one office group (heads together, else one role) merge
  where they overlap, the CIA snapshot into the spell spanning 2019-04-01: the start is the earliest, but a
  more exact or newer date within a year of it wins (a day beats a year); the end comes from the newest
  dated source (Wikidata > REIGN > Archigos). An open REIGN spell ends (approx) with the year Wikidata shows
  others, from 2021, in each office the person may hold; an open Archigos spell REIGN does not carry on
  ends 2015-12-31 (approx).
- People: full names link by letters, or by surname and first name (difflib ratio >= 0.75; beside a house
  name such as Al Thani, the same first word and all the other words); REIGN/Archigos surname strings link
  to each other over a month in common, then to the head of their country whose name has all their words
  (ratio >= 0.8 from 5 letters) and whose dates fit best (half the shorter spell, or any for an open one);
  otherwise a record keeps the surname alone (no one-word phrase).
- Names: mojibake is repaired; phrases are lower-case full forms, without initials, given name + surname,
  'X bin Y', and ASCII folds; surnames are CIA's capitalised words, else the last word with its particles
  (the first for Chinese, Korean, Khmer names). A surname is ambiguous when under 4 letters, in EN_WORDS, a
  Phoenix country, demonym or place word, or the surname or first name of another person in an overlapping
  spell (a bare surname record of the same country counts as the same person).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
OUT = ROOT / "legation" / "data" / "people.json.gz"

import build_fips  # noqa: E402 - country names and ISO2 -> ISO3 from shared/reference/cameo

FILES = {"reign": "reign_leaderlist_3_21.csv", "archigos": "archigos_4.1_leaders.csv",
         "wikidata_hosg": "wikidata_heads_of_state_government_2022_2024.csv",
         "wikidata_fm": "wikidata_current_foreign_ministers_2023.csv",
         "cia": "cia_world_leaders_2019_snapshot_flat.csv"}
SOURCE = ("built by scripts/build_people.py from shared/reference/leaders: REIGN leader list 3/21 (Bell, Besaw and "
          "Frank 2021), Archigos 4.1 (Goemans, Gleditsch and Chiozza), Wikidata heads of state and government "
          "2022-2024 and foreign ministers 2022-12 (CC0), CIA World Leaders snapshot of about 2019 (US government "
          "work); country codes from shared/reference/cameo and petrarch2/Phoenix.Countries.actors.txt")
RANK = {"archigos": 1, "reign": 2, "cia": 3, "wikidata_fm": 4, "wikidata_hosg": 5}  # newer wins
OPEN_UNTIL = {"reign": "2021-12-31", "archigos": "2015-12-31"}  # how far an open spell is known to reach
CIA_START, CIA_END = "2018-01-01", "2020-12-31"
SNAPSHOT = "2019-04-01"  # CIA lists Tokayev (president from 2019-03-20) and Bouteflika (resigned 2019-04-02)
COW_ISO = dict(pair.split(":") for pair in """AAB:ATG ALG:DZA ANG:AGO AUL:AUS AUS:AUT BAH:BHR BAR:BRB BFO:BFA
BHM:BHS BHU:BTN BNG:BGD BOS:BIH BOT:BWA BRU:BRN BUI:BDI BUL:BGR CAM:KHM CAO:CMR CAP:CPV CDI:CIV CEN:CAF CHA:TCD
CON:COG COS:CRI CRO:HRV CZE:CSK CZR:CZE DEN:DNK DRC:COD DRV:VNM EQG:GNQ ETM:TLS FIJ:FJI FRN:FRA GAM:GMB GDR:DDR
GFR:DEU GMY:DEU GRG:GEO GRN:GRD GUA:GTM GUI:GIN HAI:HTI HON:HND ICE:ISL INS:IDN IRE:IRL KOS:XKX KUW:KWT KYR:KGZ
KZK:KAZ LAT:LVA LEB:LBN LES:LSO LIB:LBY LIT:LTU MAA:MRT MAC:MKD MAD:MDV MAG:MDG MAL:MYS MAS:MUS MAW:MWI MLD:MDA
MNC:MCO MNG:MNE MON:MNG MOR:MAR MSI:MHL MYA:MMR MZM:MOZ NAU:NRU NEP:NPL NEW:NZL NIG:NGA NIR:NER NTH:NLD OMA:OMN
PAL:PLW PAR:PRY PHI:PHL POR:PRT ROK:KOR ROM:ROU RUM:ROU SAF:ZAF SAL:SLV SER:SRB SEY:SYC SIE:SLE SIN:SGP SKN:KNA
SLO:SVK SLU:LCA SLV:SVN SNM:SMR SOL:SLB SPN:ESP SRI:LKA SUD:SDN SVG:VCT SWA:SWZ SWD:SWE SWZ:CHE TAJ:TJK TAW:TWN
TAZ:TZA THI:THA TOG:TGO TRI:TTO UAE:ARE UKG:GBR URU:URY VAN:VUT VIE:VNM YAR:YEM YPR:YMD ZAM:ZMB ZIM:ZWE""".split())
FORMER = {"SUN", "YUG", "SCG", "DDR", "CSK", "YMD"}
EXTRA_NAMES = {"kingdom of denmark": "DNK", "kingdom of the netherlands": "NLD", "people s republic of china": "CHN",
               "ivory coast": "CIV", "republic of ireland": "IRL", "holy see": "VAT", "bailiwick of guernsey": "GGY",
               "federated states of micronesia": "FSM", "cape verde": "CPV", "republic of the congo": "COG",
               "democratic republic of the congo": "COD", "czech republic": "CZE", "kosovo": "XKX",
               "european union": "IGOEUREEC"}
ROLES = {"head_of_state": ("GOV", 0), "head_of_government": ("GOV", 1), "leader": ("GOV", 2),
         "deputy_head": ("GOV", 3), "foreign_minister": ("GOV", 4), "defence_minister": ("MIL", 5),
         "military_chief": ("MIL", 6), "central_bank_governor": ("GOV", 7), "governor_general": ("GOV", 8),
         "opposition_leader": ("OPP", 9), "minister": ("GOV", 10)}
HEADS = {"head_of_state", "head_of_government", "leader"}
ABBREVIATIONS = ((r"\bprime min\.", "prime minister"), (r"\bpres\.", "president"), (r"\bmin\.", "minister"),
                 (r"\bchmn\.", "chairman"), (r"\bgovt\.", "government"), (r"\bgov\.", "governor"))
_MIN = (r"((minister|secretary|cabinet secretary|chief of the federal department)( responsible)? (of|for)"
        r"|secretary of state for")
CIA_RULES: tuple[tuple[str, str | None], ...] = (
    (r"ambassador|permanent (representative|observer)|charg[eé] d'affaires|nuncio|eternal", None),
    (r"^(?!.*minister).*(\bbank\b|monetary)", "central_bank_governor"),
    (r"^((federal )?president|head of state|chief of state|king|queen|emperor|amir|emir|sultan|grand duke|prince|"
     r"supreme leader)( \(.*\))?$|supreme pontiff|captain regent|^presidency (chairman|member)|^president of "
     r"(the )?(swiss confederation|council of state)$|^chairman of state affairs commission", "head_of_state"),
    (r"^(prime minister|premier|(federal )?chancellor$|head of government|president of (the )?government|president "
     r"of executive yuan|chief executive$|(president|chairman) of (the )?council of ministers|state counsell?or$)",
     "head_of_government"),
    (r"chief of (the )?(kpa )?general staff|central military commission|chief of staff, people's national army",
     "military_chief"),
    (rf"(^|& |, ){_MIN}|minister of state for|chairman of state committee for)( the)?( national| people's| his "
     r"majesty's| the revolutionary)? (defen[cs]e|armed forces|navy)(?! industry| production)|^minister[- ].*"
     r"(in charge of|charged with) (the administration of )?(national )?defen", "defence_minister"),
    (rf"(^|& |, ){_MIN})( the)?( europe &| europe, integration, &)? (foreign|external) (?!trade|commerce|economic|"
     r"intelligence)|^secretary for relations with states", "foreign_minister"),
    (r"^(first |second |third |executive )?(deputy|vice)[ -](prime minister|premier|president|chairman|amir|"
     r"chancellor)", "deputy_head"),
    (r"^governor([ -]general)?$", "governor_general"),
    (r"opposition", "opposition_leader"),
    (r"minister|cabinet secretary|attorney general|federal department|^secretary (of|for) |exchequer|chief secretary"
     r"|^state councilor", "minister"),
)
TITLES = {"sheikh", "shaikh", "sheik", "dr", "prof", "judge", "archbishop", "pope", "prince", "princess", "king",
          "queen", "emir", "amir", "sultan", "sir", "dame", "gen", "general", "lt", "col", "maj", "brig", "adm", "hh",
          "rev", "cardinal", "crown", "mr", "mrs", "ms"}
PARTICLES = {"al", "el", "bin", "ibn", "bint", "ben", "de", "da", "do", "dos", "das", "del", "della", "di", "du",
             "van", "von", "der", "den", "la", "le", "ould", "abu", "ter", "af", "abd", "abdul", "abdel"}
PATRONYM = ("bin", "ibn", "bint")
FAMILY_FIRST = {"CHN", "TWN", "KOR", "PRK", "SGP", "KHM", "HKG", "MAC"}
ROMAN = re.compile(r"^[IVX]+$")
INITIAL = re.compile(r"^([^\W\d_]\.)+$|^[^\W\d_]$")
FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
                      "œ": "oe", "ı": "i", "ə": "a", "Ə": "A", "þ": "th", "Þ": "Th", "ð": "d", "ʻ": "'", "’": "'"})
GARBLED = {"Gonzšlez": "González"}  # REIGN: a slip no re-decoding undoes
EN_WORDS = set("""able abbott ash baker ball banks barber bell best bird bishop black bond bright brook brown buck
bull bush butcher carpenter carter case cash castle chance chapman church clay cook cooper cross day dean duke
early english fair faith fields fish fisher ford fox frank free freeman frost gay gentle glass gold good grace
grant gray green grey guard hall hardy hart hawk head hill hood hope house hunt hunter joy judge khan kidd king
knight lake lamb lane law lee light little long lord love major march marsh martin mason may mercy miller moon moor
moss noble north oak page park parsons peace pierce pike pool pope porter power price prince rich rivers rock rose
rush sale salt savage sharp shepherd short silver singer smith snow south spring stone strong summer sun swan swift
taylor temple thatcher thorn truss trump tusk turner walker wall ward waters weaver well wells west white wild
will winter wise wolf wood woods young boric golden""".split())


def fold(text: str) -> str:
    """ASCII transliteration: special letters spelled out, then accents dropped ('Erdoğan' -> 'Erdogan')."""
    return unicodedata.normalize("NFKD", text.translate(FOLD)).encode("ascii", "ignore").decode("ascii")


def repair(text: str) -> str:
    """Undo UTF-8 read as cp1252 ('JosÃ©' -> 'José') and the known garbles."""
    text = re.sub("[ÃÂÅÄ][\u0080-\u00bf\u0152-\u02dc\u2013-\u203a]", _utf8, text)
    return re.sub("|".join(GARBLED), lambda m: GARBLED[m.group()], text)


def _utf8(match: re.Match[str]) -> str:
    """Two characters that are one UTF-8 letter read as cp1252, decoded again ('Ã©' -> 'é')."""
    with suppress(UnicodeError):
        return match.group().encode("cp1252").decode("utf-8")
    return match.group()


def shift(day: str, days: int) -> str:
    """An ISO date moved by `days`."""
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def cow_iso(abbr: str, start: str, end: str | None, iso3: set[str]) -> str | None:
    """ISO3 (or ISO 3166-3 former code) for a COW or Gleditsch-Ward abbreviation on the spell's dates."""
    if abbr == "RUS":
        return "SUN" if end and end <= "1991-12-25" else "RUS"
    if abbr == "YUG":
        return "YUG" if start < "2003-02-04" else "SCG" if start < "2006-06-05" else "SRB"
    code = COW_ISO.get(abbr, abbr)
    return code if code in iso3 or code in FORMER else None


def cia_role(title: str) -> str | None:
    """The role for a CIA World Leaders title (CIA_RULES, first match), or None to leave it out."""
    text = title.lower()
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    return next((role for pattern, role in CIA_RULES if re.search(pattern, text)), None)


def hosg_role(position: str) -> str:
    """The role for a Wikidata head-of-state-or-government position label."""
    if "governor-general" in position.lower():
        return "governor_general"
    hog = r"prime minister|premier|chancellor|taoiseach|council of ministers|minister of state of"
    return "head_of_government" if re.search(hog, position.lower()) else "head_of_state"


def caps(word: str, first: bool) -> bool:
    """True for a CIA surname word: a part of two or more letters all in capitals (not a regnal numeral)."""
    parts = [p for p in re.sub(r"^[a-z]{1,3}-", "", word).split("-") if sum(c.isalpha() for c in p) >= 2]
    return any(p.isupper() and (first or not ROMAN.match(p)) for p in parts)


def family_of(words: list[str], country: str, surname: bool) -> list[int]:
    """Indexes of the surname words of a name without CIA capitals (`surname`: the string names no first name)."""
    low, n = [w.lower() for w in words], len(words)
    idx = [i for i, w in enumerate(words) if not ROMAN.match(w) and not INITIAL.match(w)]
    if not idx or (n > 1 and ROMAN.match(words[-1])):
        return []  # a regnal name: 'Charles III'
    if set(low) & set(PATRONYM):  # the family after the patronymics: 'Al Thani', 'Al-Sabah'
        if n >= 4 and low[-2] in ("al", "el"):
            return [n - 2, n - 1]
        return [n - 1] if low[-1][:3] in ("al-", "el-") else []
    if country in FAMILY_FIRST and len(idx) >= 2 and len(words[idx[0]]) <= 4:
        return [idx[0]]
    fam, j = [idx[-1]], idx[-1] - 1
    while j >= (not surname) and (low[j] in PARTICLES or (low[j] in ("e", "i", "y") and j > 1)):  # 'de Gaulle'
        fam[:0] = [j] if low[j] in PARTICLES else [j - 1, j]
        j -= 1 if low[j] in PARTICLES else 2
    return fam


@dataclass
class Spell:
    """One office spell as one source row gives it, with folded word sets for matching names."""

    source: str
    country: str
    role: str
    words: list[str]
    family: list[int]
    start: str
    end: str | None
    sprec: int  # 2 an exact day, 1 a year, 0 the CIA placeholder
    eprec: int
    extra: list[str] = field(default_factory=list)  # nickname phrases
    nick: list[str] = field(default_factory=list)  # nicknames used alone (CIA capitals)
    approx: bool = False  # the end is inferred
    toks: set[str] = field(init=False)  # every word and hyphen part, patronyms left out
    fam: set[str] = field(init=False)
    parts: list[str] = field(init=False)  # the words that must match, particles and initials left out
    first: str = field(init=False)  # the first given name
    key: str = field(init=False)  # the letters of the name

    def __post_init__(self) -> None:
        """Fill the folded word sets."""
        low = [fold(w).lower().replace("'", "") for w in self.words]
        own = [w for i, w in enumerate(low) if not (i and low[i - 1] in PATRONYM)]
        own += [fold(n).lower() for n in self.nick]
        self.toks = {p for w in own for p in (w, *w.split("-"), w.replace("-", "")) if p}
        self.fam = {low[i] for i in self.family}
        self.parts = [p for w in own if not INITIAL.match(w) and not ROMAN.match(w.upper())
                      for p in w.split("-") if p and p not in PARTICLES]
        given = [w for i, w in enumerate(low) if i not in self.family and w not in PARTICLES and not INITIAL.match(w)
                 and not (i and low[i - 1] in PATRONYM)]
        self.first, self.key = (given or [""])[0], re.sub(r"[^a-z]", "", "".join(low))

    @property
    def full(self) -> bool:
        """A full name (Wikidata, CIA), not a surname string (REIGN, Archigos)."""
        return self.source not in OPEN_UNTIL

    @property
    def span(self) -> tuple[str, str]:
        """The days the source vouches for: the CIA snapshot's one day, else start to end (or its horizon)."""
        if self.source == "cia":
            return SNAPSHOT, SNAPSHOT
        return self.start, self.end or OPEN_UNTIL.get(self.source, "9999-12-31")

    @property
    def reach(self) -> str:
        """How far the spell reaches when merging: open stays open, bar Archigos's 2015 horizon."""
        return self.end or ("9999-12-31" if self.source != "archigos" else OPEN_UNTIL["archigos"])

    @property
    def group(self) -> str:
        """Spells in one group may merge: heads of state, government and effective leaders; else one role."""
        return "head" if self.role in HEADS else self.role


def parse_name(raw: str, source: str, country: str) -> tuple[list[str], list[int], list[str], list[str]] | None:
    """Display words, surname word indexes, nickname phrases and nicknames used alone; None for no name."""
    text = repair(raw).strip()
    quoted = re.findall(r'"([^"]+)"', text)
    text = re.sub(r"\([^)]*\)?|\"[^\"]*\"", " ", text)  # (acting), (2nd time), (a.k.a. ...), a cut-off '(1st'
    head, _, tail = text.partition(",")
    inverted = tail.strip() and source in OPEN_UNTIL and not re.fullmatch(r"\s*[JS]r\.?\s*", tail)
    text = re.sub(r"\s+of\s+(the\s+)?[A-Z].*$", "", f"{tail} {head}" if inverted else head)  # 'Felipe VI of Spain'
    words = text.split()
    while len(words) > 2 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1].lower().strip(".,") in ("jr", "sr", "ret"):
        words.pop()
    if not words or all(w.lower().strip(".") in TITLES for w in words) or re.fullmatch(r"Q\d+", words[0]):
        return None
    if source == "cia":
        family = [i for i, w in enumerate(words) if caps(w, i == 0)]
        words = [w if i not in family else "-".join(p.capitalize() if caps(p, True) else p for p in w.split("-"))
                 for i, w in enumerate(words)]
    else:
        titled = len(words) == 2 and words[0].lower().strip(".") in TITLES  # 'Pope Francis': no surname
        family = [] if titled else family_of(words, country, source in OPEN_UNTIL)
    fam = " ".join(words[i] for i in family)
    extra = [f"{q} {fam}" for q in quoted if not q.isupper() and fam]  # 'Yemi Osinbajo'
    return words, family, extra, [q.capitalize() for q in quoted if q.isupper()]


def forms(spell: Spell) -> tuple[set[str], set[str]]:
    """The phrases (full-name forms) and surnames of a spell, lower case, with their ASCII folds."""
    low = [w.lower() for w in spell.words]
    content = [w for w in low if not INITIAL.match(w)]
    phrases = {w.lower() for w in spell.extra}
    if spell.full or len(content) >= 2:
        phrases |= {" ".join(low)} | ({" ".join(content)} if len(content) >= 2 else set())
    patronym = next((i for i, w in enumerate(low) if w in PATRONYM), None)
    if patronym is not None and 0 < patronym < len(low) - 2:
        phrases.add(" ".join(low[: patronym + 2]))  # 'tamim bin hamad'
    elif patronym is None and spell.family and spell.family[0] and len(content) >= 3:
        given = [w for i, w in enumerate(low) if i not in spell.family and not INITIAL.match(w)]
        phrases.add(" ".join(given[:1] + [low[i] for i in spell.family]))  # 'josep borrell'
    surnames = {n.lower() for n in spell.nick}
    if spell.family:
        surnames.add(surname := " ".join(low[i] for i in spell.family))
        bare = re.match(r"^(?:al|el)[- ](\S+)$", surname)
        if bare and patronym is None:
            surnames |= {bare.group(1), f"al-{bare.group(1)}"}  # 'el-sisi' -> 'sisi', 'al-sisi'
    return ({fold(p) for p in phrases} | phrases), ({fold(s) for s in surnames} | surnames)


@cache
def close(a: str, b: str, ratio: float = 0.8) -> bool:
    """Two name words one spelling apart ('afeworki', 'afworki'; given names at 0.75: 'aleksandr', 'alexander')."""
    if a == b or min(len(a), len(b)) < 5 or 2 * min(len(a), len(b)) < ratio * (len(a) + len(b)):
        return a == b
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio


def same_name(a: Spell, b: Spell) -> bool:
    """Two full names of one person: the same letters, or one's surname and first name in the other, spelling
    apart (beside a house name such as Al Thani: the same first word and all the other words)."""
    if a.key == b.key:
        return True
    if not a.toks & b.toks:  # one word at least, the surname as a rule, is spelt alike
        return False
    house = any(x.words[-1].lower()[:3] in ("al-", "el-") or x.words[-2:-1] in (["Al"], ["al"]) for x in (a, b))
    if house and fold(a.words[0]).lower() != fold(b.words[0]).lower():
        return False
    needs = [(set(x.parts) if house else x.fam | {x.first}, y.toks) for x, y in ((a, b), (b, a))]
    return any(len(need) > 1 and all(any(close(w, t, 0.75) for t in toks) for w in need) for need, toks in needs)


def surname_names(s: Spell, o: Spell) -> bool:
    """A surname string (REIGN, Archigos) names the person in `o`: each word is one of o's (bar a first of 3+)."""
    found = [any(close(p, t) for t in o.toks) for p in s.parts]
    spare = len(found) > 2 and not re.search(r"\b(al|el)[- ]\S+$", " ".join(s.words).lower())  # not 'X al-Sabah'
    return all(found) or (spare and all(found[1:]))


def days(a: Spell, b: Spell) -> tuple[int, int, int]:
    """Days of a's span, of b's, and of their overlap (negative: the gap between them)."""
    low, high = max(a.span[0], b.span[0]), min(a.span[1], b.span[1])
    n = [(date.fromisoformat(y) - date.fromisoformat(x)).days + 1 for x, y in (a.span, b.span, (low, high))]
    return n[0], n[1], n[2]


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows (a stray non-UTF-8 byte in a REIGN notes field is replaced)."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh))


def read_sources(folder: Path, reference: Path, unmapped: Counter) -> list[Spell]:
    """Every usable spell of the five files, countries mapped to ISO3 (unmapped ones counted)."""
    fips = build_fips.build(reference)
    iso2, names = fips["iso2"], {**fips["names"], **EXTRA_NAMES}
    iso3 = set(iso2.values())
    spells: list[Spell] = []

    def add(source: str, country: str | None, label: str, role: str, raw: str, *dates: Any) -> None:
        parsed = parse_name(raw, source, country) if country else None
        if not country:
            unmapped[f"{source}: {label}"] += 1
        elif parsed:
            spells.append(Spell(source, country, role, *parsed[:2], *dates, extra=parsed[2], nick=parsed[3]))

    for row in read_rows(folder / FILES["reign"]):
        start = f"{int(row['syear']):04d}-{int(row['smonth']):02d}-{int(row['sdate']):02d}"
        year, month = int(row["eyear"] or 0), int(row["emonth"] or 0)
        end = shift(f"{year + month // 12:04d}-{month % 12 + 1:02d}-01", -1) if year else None  # the month's last day
        for raw in re.split(r"\s+and\s+", row["leader"]):  # San Marino's two captains regent
            add("reign", cow_iso(row["stateabb"], start, end, iso3), row["stateabb"], "leader", raw, start, end, 2, 2)
    for row in read_rows(folder / FILES["archigos"]):
        start, end = row["startdate"], None if row["exit"] == "Still in Office" else row["enddate"]
        add("archigos", cow_iso(row["idacr"], start, end, iso3), row["idacr"], "leader", row["leader"], start, end,
            2, 2)
    for row in read_rows(folder / FILES["wikidata_hosg"]):
        add("wikidata_hosg", names.get(build_fips.name_key(row["country"])), row["country"],
            hosg_role(row["positionLabel"]), row["officeholderLabel"], f"{row['start_year']}-01-01",
            f"{row['end_year']}-12-31" if row["end_year"] else None, 1, 1)
    for row in read_rows(folder / FILES["wikidata_fm"]):
        if row["name"] and row["start"]:
            add("wikidata_fm", names.get(build_fips.name_key(row["countryLabel"])), row["countryLabel"],
                "foreign_minister", row["name"], row["start"], None, 2, 2)
    best: dict[tuple[str, str, str], str] = {}
    for row in read_rows(folder / FILES["cia"]):
        role = cia_role(row["title"])
        if role:
            slot = (iso2.get(row["iso2"].upper()) or row["country"], row["name"], ROLES[role][0])
            best[slot] = min(best.get(slot, role), role, key=lambda r: ROLES[r][1])
    for (country, name, _), role in sorted(best.items()):
        add("cia", country if country in iso3 else None, country, role, name, CIA_START, CIA_END, 0, 0)
    return spells


def clamp_cia(spells: list[Spell]) -> None:
    """End a CIA spell the day before a newer Wikidata foreign minister shows its person elsewhere or a successor."""
    cia = [s for s in spells if s.source == "cia"]
    for new in (s for s in spells if s.source == "wikidata_fm" and CIA_START < s.start <= CIA_END):
        for old in cia:
            if ((old.country, old.role) == (new.country, new.role)) != same_name(old, new):  # moved xor replaced
                old.end, old.eprec = min(old.end or CIA_END, shift(new.start, -1)), 2


def identities(spells: list[Spell]) -> list[list[Spell]]:
    """Spells by person: full names by name, surname strings with each other, then to the best-fitting head."""
    parent = list(range(len(spells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_country: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(spells):
        by_country[s.country].append(i)
    for members in by_country.values():
        full = [i for i in members if spells[i].full]
        short = [i for i in members if not spells[i].full]
        for n, i in enumerate(full):
            for j in full[n + 1:]:
                if same_name(spells[i], spells[j]):
                    parent[root(i)] = root(j)
        for n, i in enumerate(short):  # a month in common (not a hand-over day), half the shorter if one name
            for j in short[n + 1:]:  # has words the other lacks ('H. Aliyev', 'Ilhma Aliyev')
                a, b = spells[i], spells[j]
                span, other, shared = days(a, b)
                both = surname_names(a, b) + surname_names(b, a)
                if (a.start == b.start or shared > 32) and (both == 2 or (both and shared >= min(span, other) / 2)):
                    parent[root(i)] = root(j)
        heads = [j for j in full if spells[j].group == "head"]
        groups: dict[int, list[int]] = defaultdict(list)
        for i in short:
            groups[root(i)].append(i)
        for group in groups.values():  # the head whose name matches and whose dates fit best (half at least,
            score: dict[int, float] = {}  # or any for a spell still open, which may go on in a later one)
            for s, j in ((spells[i], j) for i in group for j in heads):
                span, other, shared = days(s, spells[j])
                fit = max(shared, 0) / min(span, other)
                if len(s.parts) > 1 and s.key == spells[j].key:
                    score[root(j)] = 2.0
                elif shared > -366 and (fit >= 0.5 or s.end is None) and surname_names(s, spells[j]):
                    score[root(j)] = max(score.get(root(j), 0.0), fit)
            if score:
                parent[root(group[0])] = max(score, key=lambda r: (score[r], -r))
        for i in short:  # an open REIGN spell, its CIA name, and the one Wikidata head with a shared word
            mine = [k for k in full if root(k) == root(i)]
            if spells[i].source == "reign" and spells[i].end is None and mine and all(
                    spells[k].source == "cia" for k in mine):
                words = set().union(*(spells[k].toks for k in mine)) - PARTICLES
                same = [j for j in heads if spells[j].source == "wikidata_hosg" and spells[j].toks & words
                        and spells[j].start[:4] == spells[i].start[:4]]
                if len(same) == 1:
                    parent[root(i)] = root(same[0])
    people: dict[int, list[Spell]] = defaultdict(list)
    for i, s in enumerate(spells):
        people[root(i)].append(s)
    return list(people.values())


def close_reign(person: list[Spell], heads: dict[str, list[Spell]]) -> None:
    """End an open REIGN spell with the year others took over each office it may be (per Wikidata, 2021 on)."""
    mine = {id(s) for s in person}
    for s in person:
        others = [h for h in heads.get(s.country, ()) if id(h) not in mine]
        roles = {p.role for p in person if p.full and p.group == "head"} or {h.role for h in others}
        later = [[h.start[:4] for h in others if h.role == role and h.start[:4] >= "2021" and h.start[:4] > s.start[:4]]
                 for role in sorted(roles)]
        if s.source == "reign" and s.end is None and later and all(later):
            s.end, s.eprec, s.approx = f"{max(min(years) for years in later)}-12-31", 1, True


def resolve(cluster: list[Spell], reign: set[str]) -> tuple[str, str | None, bool]:
    """Start, end and approx of merged spells: the newest or most exact source wins (see the docstring)."""
    dated = [s for s in cluster if s.sprec]
    approx = not dated
    low = min(s.start for s in dated or cluster)
    near = [s for s in dated if s.start <= shift(low, 366)]
    start = max(near, key=lambda s: (s.sprec, RANK[s.source])).start if near else low
    ended = [s for s in cluster if s.eprec] or cluster
    top = [s for s in ended if RANK[s.source] == max(RANK[e.source] for e in ended)]
    end: str | None = None
    if any(s.end is None for s in top):
        if top[0].source == "archigos" and top[0].country in reign:  # REIGN, newer, does not carry it on
            end, approx = OPEN_UNTIL["archigos"], True
    else:
        end = max(s.end or "" for s in top)
        exact = [s.end for s in ended if s.eprec == 2 and s.end and s.end[:4] == end[:4]]
        end = max(exact) if top[0].eprec == 1 and exact else end
        approx = approx or not top[0].eprec or any(s.approx for s in top)
    return start, (max(end, start) if end else None), approx


def build_records(spells: list[Spell]) -> list[dict[str, Any]]:
    """One record per person, country and merged spell, with its phrases and surnames."""
    heads: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        if s.source == "wikidata_hosg":
            heads[s.country].append(s)
    reign = {s.country for s in spells if s.source == "reign"}
    records: list[dict[str, Any]] = []
    for person in identities(spells):
        close_reign(person, heads)
        best = max(person, key=lambda s: (s.full, RANK[s.source], " ".join(s.words)))
        phrases, surnames = (set().union(*found) for found in zip(*(forms(s) for s in person), strict=True))
        by_group: dict[str, list[Spell]] = defaultdict(list)
        for s in person:
            by_group[s.group].append(s)
        for group in sorted(by_group):
            clusters: list[list[Spell]] = []
            for s in sorted((s for s in by_group[group] if s.source != "cia"), key=lambda s: (s.start, s.reach)):
                if clusters and s.start <= max(c.reach for c in clusters[-1]):
                    clusters[-1].append(s)
                else:
                    clusters.append([s])
            cia = [s for s in by_group[group] if s.source == "cia"]
            home = [c for c in clusters if min(s.start for s in c) <= SNAPSHOT <= max(s.reach for s in c)]
            if cia:  # the snapshot joins the spell that spans its day, or stands alone
                home[0].extend(cia) if home else clusters.append(cia)
            for cluster in clusters:
                start, end, approx = resolve(cluster, reign)
                role = min((s.role for s in cluster), key=lambda r: ROLES[r][1])
                records.append({"name": " ".join(best.words), "country": best.country, "role": role,
                                "sector": ROLES[role][0], "start": start, "end": end, "phrases": sorted(phrases),
                                "surnames": sorted(surnames), "approx": approx,
                                "sources": sorted({s.source for s in cluster} | {best.source}),
                                "_first": {fold(best.first)} if best.full else set(),
                                "_key": best.key if best.full else f"{best.country}:{best.key}"})
    return records


def place_words(phoenix: Path) -> set[str]:
    """Country names, demonyms and places of the country entries ([XXX]) of Phoenix.Countries.actors.txt."""
    words: set[str] = set()
    keep = False
    for line in phoenix.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].strip()
        entry = re.match(r"^([^+\s\[][^\[]*?)\s*\[([A-Z]{3})\]$", text)
        if entry or (keep and text.startswith("+")):
            keep = True
            words.add(fold(re.sub(r"[_\s]+", " ", (entry.group(1) if entry else text[1:])).strip().lower()))
        elif text:
            keep = False
    return words


def mark_ambiguous(records: list[dict[str, Any]], places: set[str]) -> None:
    """Fill each record's ambiguous_surnames (the docstring's rule) and drop the helper fields."""
    holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        for word in {fold(s) for s in rec["surnames"]} | rec["_first"]:
            holders[word].append(rec)

    def shared(word: str, rec: dict[str, Any]) -> bool:  # a surname alone in the same country: the same person
        return any(o["_key"] != rec["_key"] and (o["start"] or "") <= (rec["end"] or "9999")
                   and (rec["start"] or "") <= (o["end"] or "9999")
                   and not (o["country"] == rec["country"] and ":" in o["_key"] + rec["_key"])
                   for o in holders.get(word, ()))

    for rec in records:
        rec["ambiguous_surnames"] = sorted(s for s in rec["surnames"] if len(re.sub(r"[^a-z]", "", fold(s))) < 4
                                           or fold(s) in EN_WORDS | places or shared(fold(s), rec))
    for rec in records:
        del rec["_first"], rec["_key"]


def reference_dir(shared: Path) -> Path:
    """The folder holding leaders/, cameo/ and petrarch2/: `shared/reference`, or `shared` itself."""
    return shared if (shared / "leaders").is_dir() else shared / "reference"


def build(shared: Path) -> tuple[dict[str, Any], dict[str, Counter]]:
    """The people.json content and the build report's counters."""
    ref = reference_dir(shared)
    unmapped: Counter = Counter()
    spells = read_sources(ref / "leaders", ref, unmapped)
    clamp_cia(spells)
    records = [r for r in build_records(spells) if r["phrases"] or r["surnames"]]
    mark_ambiguous(records, place_words(ref / "petrarch2" / "Phoenix.Countries.actors.txt"))
    unique = {json.dumps(r, sort_keys=True, ensure_ascii=False): r for r in records}
    people = sorted(unique.values(), key=lambda r: (r["country"], r["name"], r["start"] or "", r["role"],
                                                    r["end"] or "9999"))
    return {"people": people, "source": SOURCE}, {
        "spells read": Counter(s.source for s in spells), "records by source": Counter(
            src for r in people for src in r["sources"]),
        "records by role": Counter(r["role"] for r in people), "unmapped, left out": unmapped}


def write(data: dict[str, Any], out: Path) -> Path:
    """Write gzip JSON deterministically: sorted keys, no timestamp, no file name in the header."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    with open(out, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the people dictionary and print the report; exit status 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=OUT, help="output file")
    args = parser.parse_args(argv)
    ref = reference_dir(args.shared)
    if not all((ref / "leaders" / name).exists() for name in FILES.values()):
        print(f"no leader reference data under {ref / 'leaders'}", file=sys.stderr)
        return 1
    data, report = build(args.shared)
    write(data, args.out)
    print(f"{args.out}: {len(data['people'])} records", file=sys.stderr)
    for title, counts in report.items():
        print(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
