"""Find actor and agent mentions in a parsed document and resolve noun phrases to coded actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Actor
from .curated import PAIR_PHRASES, SECTOR_RANK
from .dictionary import MAX_PHRASE, ActorDictionary

CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "conj", "cc", "prep_skip"}
NP_SKIP_PREPS = {"in", "at", "during", "since", "after", "before", "on", "near", "from", "within", "under"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "them", "him"}
# Word endings a PETRARCH agent stem may leave off ('MINIST' → minister, ministry, ministries).
STEM_ENDINGS = {"er", "ers", "ry", "ries", "s", "es", "y", "ies", "ist", "ists", "or", "ors", "ian",
                "ians", "ic", "ics", "ial", "ials", "ing", "e"}


@dataclass(slots=True)
class Mention:
    """A run of tokens naming an actor, an agent (sector word) or a pair of states."""

    start: int
    end: int
    kind: str  # state | igo | group | org | person | agent | pair
    code: str  # actor code; for agents the sector; for pairs 'AAA|BBB'
    text: str
    key: tuple[str, ...] = ()


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


@dataclass
class DocActors:
    """Actor mentions of one spaCy Doc, with article-level memory of names and titles."""

    doc: object
    book: ActorDictionary
    date: str | None = None
    by_token: list[Mention | None] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    recent_states: list[str] = field(default_factory=list)
    last_subjects: list[Actor] = field(default_factory=list)
    places: object = None  # optional callable: place name -> ISO3 country, for towns and regions
    _sent_base: int = 0

    def __post_init__(self) -> None:
        self.by_token = [None] * len(self.doc)
        self._people: dict[int, list] = {}
        self._places_by_sent: dict[int, list] = {}
        for ent in self.doc.ents:  # Span.ents rescans the whole document: index people and places once
            if ent.label_ == "PERSON":
                self._people.setdefault(ent.sent.start, []).append(ent)
            elif ent.label_ in ("GPE", "LOC"):
                self._places_by_sent.setdefault(ent.sent.start, []).append(ent)

    # ---- scanning -------------------------------------------------------------------------------
    def scan_sentence(self, sent) -> None:
        """Find mentions in one sentence; call in document order so memory builds up."""
        doc = self.doc
        self._sent_base = sent.start
        lower = [_norm(t.text) for t in doc[sent.start : sent.end]]
        lemma = [_norm(t.lemma_) for t in doc[sent.start : sent.end]]
        i = 0
        n_tok = len(lower)
        while i < n_tok:
            hit = self._match_pair(lower, i) or self._match_actor(doc, sent.start, lower, i)
            if hit is None:
                hit = self._match_agent(lower, lemma, i, sent.start)
            if hit is None:
                i += 1
                continue
            self._add(hit)
            i = hit.end - sent.start
        self._title_people(sent)
        if self.places is not None:
            self._place_mentions(sent)

    def _place_mentions(self, sent) -> None:
        """Towns and regions named in the sentence stand for their country where no actor does."""
        for ent in self._places_by_sent.get(sent.start, ()):
            if any(self.by_token[k] is not None for k in range(ent.start, ent.end)):
                continue
            country = self.places(ent.text)
            if country:
                self._add(Mention(ent.start, ent.end, "place", country, ent.text, ()))

    def _add(self, m: Mention) -> None:
        self.mentions.append(m)
        for k in range(m.start, m.end):
            self.by_token[k] = m
        if m.kind == "state" and len(m.code) >= 3:
            self.recent_states.append(m.code[:3])

    def _match_pair(self, lower: list[str], i: int) -> Mention | None:
        for phrase in PAIR_PHRASES:
            if tuple(lower[i : i + len(phrase)]) == phrase:
                pair = self._last_two_states()
                return self._pair_mention(i, len(phrase), pair) if pair else None
        return None

    def _pair_mention(self, i: int, length: int, pair: tuple[str, str]) -> Mention:
        base = self._sent_base
        span = self.doc[base + i : base + i + length]
        return Mention(span.start, span.end, "pair", f"{pair[0]}|{pair[1]}", span.text)

    def _last_two_states(self) -> tuple[str, str] | None:
        seen: list[str] = []
        for code in reversed(self.recent_states):
            if code not in seen:
                seen.append(code)
            if len(seen) == 2:
                return seen[1], seen[0]
        return None

    def _match_actor(self, doc, base: int, lower: list[str], i: int) -> Mention | None:
        phrases, aliases = self.book.phrases, self.aliases
        for n in range(min(MAX_PHRASE, len(lower) - i), 0, -1):
            key = tuple(lower[i : i + n])
            if key not in phrases and key not in aliases:
                if n == 1:
                    break
                continue
            span = doc[base + i : base + i + n]
            if not any(ch.isupper() for ch in span.text) or span[0].pos_ == "PRON":
                continue
            found = self.book.lookup(key, self.date)
            if found:
                entry, code = found
                kind = "state" if len(code) == 3 and code.isalpha() and entry.kind != "igo" else entry.kind
                return Mention(span.start, span.end, kind, code, span.text, key)
            alias = aliases.get(key)
            if alias:
                return Mention(span.start, span.end, alias[1], alias[0], span.text, key)
        word = lower[i]
        if len(word) > 4 and word.endswith("s") and doc[base + i].text[:1].isupper():  # 'Iraqis', 'Serbs'
            found = self.book.lookup((word[:-1],), self.date)
            if found and len(found[1]) >= 3 and found[1][:3] in self.book.country_codes():
                tok = doc[base + i]
                return Mention(tok.i, tok.i + 1, "state", found[1][:3], tok.text, (word,))
        return None

    def _match_agent(self, lower: list[str], lemma: list[str], i: int, base: int) -> Mention | None:
        agents = self.book.agents
        if self.doc[base + i].pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        for n in range(min(5, len(lower) - i), 0, -1):
            for words in (lower, lemma):
                key = tuple(words[i : i + n])
                sector = agents.get(key)
                if sector is None and n <= 3 and len(key[-1]) > 5:
                    last = key[-1]
                    for cut in range(len(last) - 1, 3, -1):
                        if last[cut:] not in STEM_ENDINGS:
                            continue
                        sector = agents.get(key[:-1] + (last[:cut],))
                        if sector:
                            break
                if sector:
                    span = self.doc[base + i : base + i + n]
                    return Mention(span.start, span.end, "agent", sector, span.text, tuple(lower[i : i + n]))
        return None

    def _title_people(self, sent) -> None:
        """Code people missing from the dictionaries from the title and nationality beside them."""
        for ent in self._people.get(sent.start, ()):
            if all(self.by_token[k] for k in range(ent.start, ent.end)):
                continue
            if any(self.by_token[k] and self.by_token[k].kind != "agent" for k in range(ent.start, ent.end)):
                continue
            near = [t for t in ent.root.subtree if t.i < ent.start or t.i >= ent.end]
            for child in ent.root.children:
                if child.dep_ == "appos":
                    near.extend(child.subtree)
            found = {id(m): m for t in near if (m := self.by_token[t.i]) is not None}.values()
            country = next((m.code[:3] for m in found if m.kind in ("state", "org")), None)
            sectors = sorted((m.code for m in found if m.kind == "agent"), key=lambda s: SECTOR_RANK.get(s, 9))
            if country is None:
                country = next((self.titles.get(m.key, "")[:3] for m in found if m.kind == "agent"), None)
            if not country:
                continue
            code = country + (sectors[0] if sectors else "")
            mention = Mention(ent.start, ent.end, "person", code, ent.text, tuple(_norm(t.text) for t in ent))
            for k in range(ent.start, ent.end):
                self.by_token[k] = None
            self._add(mention)
            self.aliases[mention.key] = (code, "person")
            for tok in ent:
                if len(tok.text) > 2 and tok.text[0].isupper():
                    self.aliases.setdefault((_norm(tok.text),), (code, "person"))

    # ---- resolution -----------------------------------------------------------------------------
    def actors_for(self, head) -> list[Actor]:
        """Coded actors named by the noun phrase headed by `head` (several for 'Russia and China')."""
        heads = [head] + [c for c in head.conjuncts if c.i > head.i and c.pos_ in ("PROPN", "NOUN", "PRON")]
        first = self.by_token[head.i]
        if first is not None and first.kind == "state":  # "The US, Russia, and Switzerland": a list, not apposition
            for child in head.children:
                other = self.by_token[child.i]
                if child.dep_ == "appos" and other is not None and other.kind == "state":
                    heads.append(child)
                    heads.extend(c for c in child.conjuncts if c.i > child.i)
        out: list[Actor] = []
        for h in heads:
            for actor in self._actors_one(h):
                if actor.country and all(a.code != actor.code for a in out):
                    out.append(actor)
        return out

    def _np(self, head) -> list[tuple[object, int]]:
        """Tokens of the noun phrase under `head` with their depth, not entering clauses."""
        out, frontier = [(head, 0)], [(head, 0)]
        while frontier:
            tok, depth = frontier.pop()
            for child in tok.children:
                if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "conj" and tok.i != head.i):
                    continue
                if child.dep_ == "prep" and child.lower_ in NP_SKIP_PREPS:
                    head_m = self.by_token[tok.i]
                    if not (child.lower_ in ("in", "from") and head_m is not None and head_m.kind == "agent"):
                        continue  # 'talks in Geneva' names a place, but 'police in Guinea' names whose police
                out.append((child, depth + 1))
                frontier.append((child, depth + 1))
        return out

    def _actors_one(self, head) -> list[Actor]:
        if head.pos_ == "PRON" and head.lower_ in PRONOUNS and self.by_token[head.i] is None:
            return self.resolve_pronoun(head)
        depth_of: dict[int, tuple[Mention, int]] = {}
        for tok, depth in self._np(head):
            m = self.by_token[tok.i]
            if m is not None and (id(m) not in depth_of or depth < depth_of[id(m)][1]):
                depth_of[id(m)] = (m, depth)
        found = sorted(depth_of.values(), key=lambda md: (md[1], md[0].start))
        agents = [m for m, _ in found if m.kind == "agent"]
        principals = [(m, d) for m, d in found if m.kind != "agent"]
        sector = min((m.code for m in agents), key=lambda s: SECTOR_RANK.get(s, 9), default="")
        if not principals:
            if not agents:
                return []
            title = self.titles.get(agents[0].key)
            if title:
                return [self._actor(agents[0], title, "org")]
            return [Actor(agents[0].text, sector, None, sector, "agent", *self._offsets(agents[0]))]
        first, depth = principals[0]
        if first.kind == "pair":
            return [Actor(first.text, c + sector, c, sector or None, "state", *self._offsets(first))
                    for c in first.code.split("|")]
        states = [m for m, d in principals if m.kind in ("state", "place")
                  and (d == depth or self._conj_of(m, first))]
        if len(states) > 1 and self._coordinated(states):
            return [self._actor(m, self._with_sector(m.code, sector), "state") for m in states]
        code = first.code
        if first.kind == "person" and len(first.key) == 1:  # 'King Hassan of Morocco': a bare name is weak
            owner = next((m for m, d in principals if m.kind == "state" and m is not first), None)
            if owner is not None and owner.code[:3] != code[:3]:
                code = owner.code[:3] + code[3:]
        if first.kind == "org" and len(code) > 3:  # "Rwanda's Senate": the named state owns the institution
            owner = next((m for m, d in principals if m.kind == "state" and d > depth), None)
            if owner is not None and owner.code[:3] != code[:3]:
                code = owner.code[:3] + code[3:]
        if first.kind in ("state", "org", "igo", "place") and sector:
            code = self._with_sector(code, sector)
            for agent in agents:
                self.titles[agent.key] = code
        return [self._actor(first, code, first.kind)]

    def _conj_of(self, m: Mention, first: Mention) -> bool:
        tok = self.doc[m.start : m.end].root
        return tok.dep_ == "conj" and first.start <= tok.head.i < first.end

    def _coordinated(self, states: list[Mention]) -> bool:
        doc = self.doc
        for m in states[1:]:
            tok = doc[m.start]
            if tok.dep_ == "conj" or any(doc[s.start].i == tok.head.i for s in states):
                return True
            if m.start > 0 and doc[m.start - 1].text in ("-", "–", "/"):
                return True
        return False

    @staticmethod
    def _with_sector(code: str, sector: str) -> str:
        if not sector or len(code) < 3:
            return code
        if code.startswith(("IGO", "NGO", "IMG", "MNC")) or sector in code[3:]:
            return code
        return code[:3] + sector if len(code) == 3 else code

    def _offsets(self, m: Mention) -> tuple[int, int]:
        span = self.doc[m.start : m.end]
        return span.start_char, span.end_char

    def _actor(self, m: Mention, code: str, kind: str) -> Actor:
        country = code[:3] if len(code) >= 3 else None
        sector = code[3:] or None
        return Actor(m.text, code, country, sector, kind, *self._offsets(m))

    def resolve_pronoun(self, tok) -> list[Actor]:
        """Resolve a pronoun to the subject of a clause that governs it, else the last subject."""
        node = tok.head
        for _ in range(8):
            if node is None:
                break
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i and child.pos_ != "PRON":
                    if not any(t.i == tok.i for t in child.subtree):
                        actors = self.actors_for(child)
                        if actors:
                            return actors
            if node.head.i == node.i:
                break
            node = node.head
        return list(self.last_subjects)
