"""Find actor and agent mentions in a parsed document and resolve noun phrases to coded actors.

Each mention remembers how it was resolved (`resolution`): from the dictionary, from a title and nationality
beside an unknown name ('title'), as a later mention of a person named earlier ('person'), by coreference,
from the headline, or from context (a bare 'police' takes the country where it acts). A dateline names
where a story was filed and a place after a locative preposition where something happened: neither is an
actor (`loc`), though both still give agents their country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Actor
from ..nlp.dateline import doc_dateline
from .coref import PAIR_SECTORS, PRONOUNS, ArticleMemory, Ref, phrase_kind, pronoun_kind, reported_state
from .curated import HALVES, MEDIATING, PAIR_PHRASES, SEATS, SECTOR_RANK
from .dictionary import MAX_PHRASE, TRANSNATIONAL, ActorDictionary, lengths_by_first
from .locative import INSIDE_PREPS, is_locative, locative_prep, names_a_document
from .people import given_names_before
from .regions import international_body, match_region

PAIR_FIRST = frozenset(p[0] for p in PAIR_PHRASES)  # first words of 'the two countries' and the like

CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "conj", "cc", "prep_skip"}
NP_SKIP_PREPS = {"in", "at", "during", "since", "after", "before", "on", "near", "from", "within", "under"}
# Word endings a PETRARCH agent stem may leave off ('MINIST' → minister, ministry, ministries).
STEM_ENDINGS = {"er", "ers", "ry", "ries", "s", "es", "y", "ies", "ist", "ists", "or", "ors", "ian",
                "ians", "ic", "ics", "ial", "ials", "ing", "e"}
# One-word dictionary phrases that are also English words: matched only when written in capitals ('WHO').
CAPS_ONLY = frozenset("who us it am an as at be by do go he if in is me my no of on or so to up we".split())
# Agents that take the country where they act when no nationality is named ('police fired tear gas').
CONTEXT_SECTORS = frozenset({"COP", "MIL", "GOV", "LEG", "JUD", "OPP", "CVL", "REB", "INS", "LAB", "EDU", "REF",
                             "AGR", "PTY"})


# verbs whose object is the subject's own forces: 'Brazil mobilised 5,000 soldiers'
FORCE_MOVING_VERBS = frozenset({"deploy", "mobilise", "mobilize", "send", "dispatch", "station", "move", "withdraw",
                                "pull", "amass", "mass", "muster", "redeploy", "reinforce"})


@dataclass(slots=True)
class Mention:
    """A run of tokens naming an actor, an agent (sector word) or a pair of states."""

    start: int
    end: int
    kind: str  # state | igo | group | org | person | agent | pair | place
    code: str  # actor code; for agents the sector; for pairs 'AAA|BBB'
    text: str
    key: tuple[str, ...] = ()
    resolution: str = "dictionary"
    loc: bool = False  # a place where something happened, not an actor
    inside: bool = False  # ... and what happened was inside it ('in', 'across'; not 'near', 'off')


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


@dataclass
class DocActors:
    """Actor mentions of one spaCy Doc, with article-level memory of names, titles and referents."""

    doc: object
    book: ActorDictionary
    date: str | None = None
    by_token: list[Mention | None] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    last_subjects: list[Actor] = field(default_factory=list)
    places: object = None  # optional callable: place name -> ISO3 country, for towns and regions
    memory: ArticleMemory = field(default_factory=ArticleMemory)
    _sent_base: int = 0
    _sent_no: int = -1
    _alias_index: tuple[int, dict[str, tuple[int, ...]]] = (0, {})

    def __post_init__(self) -> None:
        self.by_token = [None] * len(self.doc)
        self._lower_words: set[str] | None = None  # the article's words, lower-cased, built when first needed
        self._headline_words: set[str] = set()
        self._people: dict[int, list] = {}
        self._places_by_sent: dict[int, list] = {}
        for ent in self.doc.ents:  # Span.ents rescans the whole document: index people and places once
            if ent.label_ == "PERSON":
                self._people.setdefault(ent.sent.start, []).append(ent)
            elif ent.label_ in ("GPE", "LOC"):
                self._places_by_sent.setdefault(ent.sent.start, []).append(ent)
        self.dateline = doc_dateline(self.doc)
        self.dateline_country = None
        if self.dateline is not None and self.places is not None:
            self.dateline_country = self.places(self.dateline.place.title()) or self.places(self.dateline.place)

    # ---- the headline -----------------------------------------------------------------------------
    def read_headline(self, title_doc) -> None:
        """Scan a parsed headline for context: its states lead 'the two countries', its people are known."""
        head = DocActors(title_doc, self.book, self.date, places=self.places)
        self._headline_words = {t.lower_ for t in title_doc}
        self._lower_words = None
        for sent in title_doc.sents:
            head.scan_sentence(sent)
        for m in head.mentions:
            if m.kind == "state" and not m.loc and m.code[:3] not in self.memory.headline_states:
                self.memory.headline_states.append(m.code[:3])
            elif m.kind == "person" and m.key:
                self.aliases.setdefault(m.key, (m.code, "person"))
        for key, value in head.aliases.items():
            self.aliases.setdefault(key, value)

    # ---- scanning -------------------------------------------------------------------------------
    def scan_sentence(self, sent) -> None:
        """Find mentions in one sentence; call in document order so memory builds up."""
        self._sent_base = sent.start
        self._sent_no += 1
        toks = list(sent)
        lower = [_norm(t.text) for t in toks]
        lemma = [_norm(t.lemma_) for t in toks]
        skip_to = self.dateline.body_start if self.dateline is not None else 0
        i = 0
        while i < len(toks) and toks[i].idx < skip_to:  # the dateline names where the story was filed
            i += 1
        n_tok = len(lower)
        first = len(self.mentions)
        while i < n_tok:
            hit = self._match_pair(lower, i) if lower[i] in PAIR_FIRST else None
            if hit is None and (region := match_region(lower, i)) is not None:
                words = toks[i : i + region[0]]
                text = self.doc[words[0].i : words[-1].i + 1].text
                hit = Mention(words[0].i, words[-1].i + 1, "region", region[1], text, tuple(lower[i : i + region[0]]))
            if hit is None:
                hit = self._match_actor(toks, lower, i)
            if hit is None and international_body(lower, i):  # 'an international tribunal ruled'
                hit = Mention(toks[i].i, toks[i].i + 2, "igo", "IGO", self.doc[toks[i].i : toks[i].i + 2].text,
                              tuple(lower[i : i + 2]))
            if hit is None:
                hit = self._match_agent(toks, lower, lemma, i)
            if hit is None:
                i += 1
                continue
            self._add(hit)
            i = hit.end - sent.start
        self._drop_names_inside_people(sent)
        self._title_people(sent)
        if self.places is not None:
            self._place_mentions(sent)
        self._mark_places(first)
        self._remember(sent, first)

    def _place_mentions(self, sent) -> None:
        """Towns and regions named in the sentence stand for their country where no actor does."""
        for ent in self._places_by_sent.get(sent.start, ()):
            if any(self.by_token[k] is not None for k in range(ent.start, ent.end)):
                continue
            if self.dateline is not None and ent.start_char < self.dateline.body_start:
                continue
            word = ent.text.lower()
            if word in HALVES:  # 'the South': Korea's in a Korean story, else no place (not Cameroon's region)
                if self._names_any(HALVES[word][1]):
                    self._add(Mention(ent.start, ent.end, "state", HALVES[word][0], ent.text, (word,), "context"))
                continue
            country = self.places(ent.text)
            if country:
                self._add(Mention(ent.start, ent.end, "place", country, ent.text, (), "place"))

    def _add(self, m: Mention) -> None:
        self.mentions.append(m)
        for k in range(m.start, m.end):
            self.by_token[k] = m

    def _mark_places(self, first: int) -> None:
        """Mark toponyms under a locative preposition as places; count the states that remain actors."""
        for m in self.mentions[first:]:
            if m.kind in ("state", "place", "org") and self.by_token[m.start] is m:
                root = self.doc[m.start : m.end].root
                if is_locative(root):
                    prep = locative_prep(root)
                    owner = self.by_token[prep.head.i]  # 'police in Guinea': whose police, not where
                    m.loc = not (owner is not None and owner.kind == "agent" and prep.lower_ in ("in", "from")
                                 and not self._has_owner(prep.head))  # 'Kenyan police in Somalia', 'the UN
                    # tribunal in The Hague': the agent's own modifier says whose it is; the place is a place
                    m.inside = prep.lower_ in INSIDE_PREPS
                elif names_a_document(root):
                    m.loc = True  # 'the Lahore Declaration', 'the Minsk Agreements': a name, not a party
            if m.kind == "state" and not m.loc and len(m.code) >= 3 and self.by_token[m.start] is m:
                self.memory.count_state(m.code)

    def _has_owner(self, agent) -> bool:
        """Whether an agent noun carries its own state or organisation ('Kenyan police', 'the UN tribunal')."""
        return any(c.dep_ in ("amod", "compound", "nmod", "poss") and (o := self.by_token[c.i]) is not None
                   and o.kind in ("state", "igo", "org", "region") for c in agent.children)

    @staticmethod
    def _np_root(tok):
        while tok.dep_ in ("compound", "amod", "poss", "nmod", "case", "appos") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def _remember(self, sent, first: int) -> None:
        """Add the sentence's resolved noun phrases to the article history, in order."""
        seen: set[int] = set()
        for m in self.mentions[first:]:
            if self.by_token[m.start] is not m or m.loc:
                continue
            head = self._np_root(self.doc[m.start : m.end].root)
            if head.i in seen:
                continue
            seen.add(head.i)
            actors = self.actors_for(head)
            self.memory.remember(Ref(head.i, self._sent_no, actors, phrase_kind(head)))

    def _match_pair(self, lower: list[str], i: int) -> Mention | None:
        for phrase in PAIR_PHRASES:
            if tuple(lower[i : i + len(phrase)]) == phrase:
                pair = self.memory.article_pair()
                return self._pair_mention(i, len(phrase), pair) if pair else None
        return None

    def _pair_mention(self, i: int, length: int, pair: tuple[str, str]) -> Mention:
        base = self._sent_base
        span = self.doc[base + i : base + i + length]
        resolution = "headline" if len(self.memory.headline_states) >= 2 else "coreference"
        key = tuple(_norm(t.text) for t in span)
        return Mention(span.start, span.end, "pair", f"{pair[0]}|{pair[1]}", span.text, key, resolution)

    def _alias_lengths(self, word: str) -> tuple[int, ...]:
        """Lengths of this article's aliases that start with `word` (the index follows the aliases)."""
        if self._alias_index[0] != len(self.aliases):
            self._alias_index = (len(self.aliases), lengths_by_first(self.aliases))
        return self._alias_index[1].get(word, ())

    def _match_actor(self, toks: list, lower: list[str], i: int) -> Mention | None:
        phrases, aliases = self.book.phrases, self.aliases
        word = lower[i]
        lengths = self.book.phrase_lengths(word)
        extra = self._alias_lengths(word) if aliases else ()
        if extra:
            lengths = tuple(sorted(set(lengths) | set(extra), reverse=True))
        limit = min(MAX_PHRASE, len(lower) - i)
        for n in lengths:  # only the lengths of phrases that start here, longest first
            if n > limit:
                continue
            key = tuple(lower[i : i + n])
            if key not in phrases and key not in aliases:
                continue
            words = toks[i : i + n]
            text = self.doc[words[0].i : words[-1].i + 1].text if n > 1 else words[0].text
            if not any(ch.isupper() for ch in text) or words[0].pos_ == "PRON":
                continue
            if n == 1 and (key[0] in CAPS_ONLY or len(key[0]) <= 3) and not text.isupper() \
                    and key not in aliases:
                continue  # 'UN' and 'WHO' are acronyms; 'Un' in 'Kim Jong Un' and 'who' are not
            start, end = words[0].i, words[-1].i + 1
            alias = aliases.get(key)
            if alias and alias[1] == "person":  # a person this article has named: the article knows best
                return Mention(start, end, "person", alias[0], text, key, "person")
            found = self.book.lookup(key, self.date)
            if found and found[0].kind == "person" and (key[-1],) in self.book.surnames:
                # the dated office-holders outrank PETRARCH: 'Biden' alone, or 'Joe Biden' in 2022
                newer = self._match_surname(words[0], key[0]) if n == 1 else self._full_name(
                    start, words[-1], key[-1], [p for p in self.book.surnames[(key[-1],)] if p.valid_on(self.date)])
                if newer is not None:
                    return newer
            if found and n == 1 and key[0] in SEATS and not self._names_any(SEATS[key[0]][1]):
                return Mention(start, end, "igo", SEATS[key[0]][0], text, key)
            if found:
                entry, code = found
                kind = "state" if len(code) == 3 and code.isalpha() and entry.kind != "igo" else entry.kind
                return Mention(start, end, kind, code, text, key)
            if alias:
                return Mention(start, end, alias[1], alias[0], text, key, "person")
        tok = toks[i]
        if len(word) > 4 and word.endswith("s") and tok.text[:1].isupper():  # 'Iraqis', 'Serbs'
            found = self.book.lookup((word[:-1],), self.date)
            if found and len(found[1]) >= 3 and found[1][:3] in self.book.country_codes():
                return Mention(tok.i, tok.i + 1, "state", found[1][:3], tok.text, (word,))
        return self._match_surname(tok, word)

    def _match_surname(self, tok, word: str) -> Mention | None:
        """A bare surname of a known office-holder ('Tinubu'), when the date, title or article confirms it."""
        people = self.book.surnames.get((word,))
        if not people or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return None
        valid = [p for p in people if p.valid_on(self.date)]
        if not valid:
            return None
        first = given_names_before(tok)
        if first is not None:
            return self._full_name(first, tok, word, valid)
        titled = tok.i > 0 and self.by_token[tok.i - 1] is not None and self.by_token[tok.i - 1].kind == "agent"
        countries = set(self.memory.state_counts) | set(self.memory.headline_states)
        known = [p for p in valid if p.country in countries]
        ambiguous = any(word in p.ambiguous_surnames for p in valid)
        if len({p.country for p in valid}) > 1:
            valid = known
        elif ambiguous and not (titled or known):
            return None
        if len({p.code for p in valid}) != 1:
            return None
        person = valid[0]
        return Mention(tok.i, tok.i + 1, "person", person.code, tok.text, (word,))

    def _names_any(self, words: frozenset[str]) -> bool:
        """Whether the article (headline included) has one of these lower-case words."""
        if self._lower_words is None:
            self._lower_words = {t.lower_ for t in self.doc} | self._headline_words
        return not words.isdisjoint(self._lower_words)

    def _full_name(self, first: int, tok, word: str, valid: list) -> Mention | None:
        """'Donald Trump': a full personal name ending in the surname of an office-holder in office on the article
        date and known only by his surname (REIGN, Archigos) is that office-holder, whatever his title. One known
        by his full names is not: his phrases would have matched, so the given names say it is someone else.
        The surname alone then stands for him in the rest of the article."""
        bare = {p.code for p in valid if not p.phrases}
        if len(bare) != 1 or len({p.country for p in valid}) != 1:  # 'Kim Yo Jong': Koreas
            return None
        code = bare.pop()
        self.aliases.setdefault((word,), (code, "person"))
        return Mention(first, tok.i + 1, "person", code, self.doc[first : tok.i + 1].text, (word,))

    def _match_agent(self, toks: list, lower: list[str], lemma: list[str], i: int) -> Mention | None:
        agents = self.book.agents
        if toks[i].pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        # Only lengths of agent phrases that start with this word or its lemma (only a phrase's last word is
        # stemmed, so the stem search below needs no other lengths).
        readings = ((lower, self.book.agent_lengths(lower[i])), (lemma, self.book.agent_lengths(lemma[i])))
        for n in range(min(5, len(lower) - i), 0, -1):
            for words, lengths in readings:
                if n > 1 and n not in lengths:
                    continue
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
                    start = toks[i].i
                    span = self.doc[start : start + n]
                    return Mention(span.start, span.end, "agent", sector, span.text, tuple(lower[i : i + n]))
        return None

    def _drop_names_inside_people(self, sent) -> None:
        """'Nasser Kanaani', 'Jordan Bardella': a country word inside a longer personal name is part of it."""
        for ent in self._people.get(sent.start, ()):
            if len(ent) < 2:
                continue
            for k in range(ent.start, ent.end):
                m = self.by_token[k]
                if m is None or m.kind not in ("state", "place") or m.start < ent.start or m.end > ent.end:
                    continue
                rest = [t for t in ent if not m.start <= t.i < m.end]
                if any(t.is_alpha and t.text[:1].isupper() for t in rest):
                    for j in range(m.start, m.end):
                        self.by_token[j] = None

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
            if ent.root.dep_ == "appos":  # 'the army chief, General X': the title is the head
                near.extend(t for t in ent.root.head.subtree if t.i < ent.start)
            found = {id(m): m for t in near if (m := self.by_token[t.i]) is not None}.values()
            country = next((m.code[:3] for m in found if m.kind in ("state", "org", "igo")), None)
            sectors = sorted((m.code for m in found if m.kind == "agent"), key=lambda s: SECTOR_RANK.get(s, 9))
            if country is None:
                country = next((self.titles.get(m.key, "")[:3] for m in found if m.kind == "agent"), None)
            if not country and sectors:  # 'President Mohamed Bazoum': a known office-holder of other years
                country = self._known_country(ent) or reported_state(ent.root, self.by_token)
            if not country:
                continue
            code = country + (sectors[0] if sectors and not country.startswith(("IGO", "NGO")) else "")
            if country.startswith(("IGO", "NGO")):
                code = next(m.code for m in found if m.kind in ("state", "org", "igo"))
            mention = Mention(ent.start, ent.end, "person", code, ent.text, tuple(_norm(t.text) for t in ent),
                              "title")
            for k in range(ent.start, ent.end):
                self.by_token[k] = None
            self._add(mention)
            self.aliases[mention.key] = (code, "person")
            for tok in ent:
                if len(tok.text) > 2 and tok.text[0].isupper():
                    self.aliases.setdefault((_norm(tok.text),), (code, "person"))

    def _known_country(self, ent) -> str | None:
        """The one country the people dictionary gives a name's surnames under any dates, or None (a full name
        outside its dated spells is already matched by `ActorDictionary.lookup`)."""
        found: set[str] = set()
        for tok in ent:
            for person in self.book.surnames.get((_norm(tok.text),), ()):
                found.add(person.country)
        return found.pop() if len(found) == 1 else None

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
                if child.dep_ == "amod" and child.lemma_.lower() in MEDIATING:
                    continue  # 'a UN-brokered ceasefire', 'UN-sponsored talks': the mediator is no party
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
        principals = [(m, d) for m, d in found if m.kind != "agent" and not m.loc]
        sector = min((m.code for m in agents), key=lambda s: SECTOR_RANK.get(s, 9), default="")
        if not principals:
            if not agents:
                return []
            if any(m.loc for m, _ in found) and not any(m.start <= head.i < m.end for m in agents):
                return []  # 'in Moscow': the phrase names a place
            title = self.titles.get(agents[0].key)
            if title:
                return [self._actor(agents[0], title, "org", "title")]
            domestic = self._is_agent_head(head, agents)
            owner = self._owner_country(head) if domestic else None
            if owner:
                return [self._actor(agents[0], owner + sector, "state", "coreference")]
            country = self._context_country(head) if domestic else None
            if country:
                return [self._actor(agents[0], country + sector, "state", "context")]
            return [Actor(agents[0].text, sector, None, sector, "agent", *self._offsets(agents[0]))]
        first, depth = principals[0]
        if first.kind == "pair":
            sector = sector or PAIR_SECTORS.get(first.key[-1] if first.key else "", "")
            return [Actor(first.text, c + sector, c, sector or None, "state", *self._offsets(first), first.resolution)
                    for c in first.code.split("|")]
        states = [m for m, d in principals if m.kind in ("state", "place")
                  and (d == depth or self._conj_of(m, first))]
        if len(states) > 1 and self._coordinated(states):
            return [self._actor(m, self._with_sector(m.code, sector), "state") for m in states]
        code = first.code
        if first.kind == "person":
            # 'Iranian spokesman Nasser Kanaani', 'US envoy X': the nationality beside a name outranks the list
            owner = next((m for m, d in principals if m.kind in ("state", "igo") and m is not first), None)
            if owner is not None and owner.code[:3] != code[:3] and (len(first.key) == 1 or owner.start < first.start):
                code = owner.code if owner.kind == "igo" else owner.code[:3] + code[3:]
            bodies = any(m.kind in ("group", "igo") for m, _ in principals if m is not first)
            if sector and not bodies and not code.startswith(TRANSNATIONAL):  # the text's title outranks a stale one
                code = code[:3] + sector
        if first.kind == "org" and len(code) > 3:  # "Rwanda's Senate": the named state owns the institution
            owner = next((m for m, d in principals if m.kind == "state" and d > depth), None)
            if owner is not None and owner.code[:3] != code[:3]:
                code = owner.code[:3] + code[3:]
        if first.kind in ("state", "org", "igo", "place", "region") and sector:
            code = self._with_sector(code, sector)
            for agent in agents:
                self.titles[agent.key] = code
        return [self._actor(first, code, first.kind)]

    @staticmethod
    def _is_agent_head(head, agents: list[Mention]) -> bool:
        """True when the phrase is itself a domestic agent ('the police'), not a modifier ('military drills')."""
        return any(m.start <= head.i < m.end and m.code in CONTEXT_SECTORS for m in agents)

    def _owner_country(self, head) -> str | None:
        """Whose a bare agent is by its own clause: 'its troops' (the pronoun's state), or the forces a state
        moves ('Brazil mobilised 5,000 soldiers', 'Russia sent troops'): the subject's, not the article's."""
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                return next((a.country for a in self.resolve_pronoun(child) if a.country), None)
        verb = head.head
        if head.dep_ == "dobj" and verb.lemma_.lower() in FORCE_MOVING_VERBS:
            for child in verb.children:
                m = self.by_token[child.i] if child.dep_ == "nsubj" else None
                if m is not None and m.kind == "state" and not m.loc and len(m.code) >= 3:
                    return m.code[:3]
        return None

    def _context_country(self, head) -> str | None:
        """The country of a bare agent ('police', 'protesters'): where it acts, else the article's country."""
        sent = head.sent
        best = None
        for m in self.mentions:
            if m.start >= sent.start and m.end <= sent.end and m.loc and m.inside and len(m.code) >= 3:
                dist = abs(m.start - head.i)
                if best is None or dist < best[0]:
                    best = (dist, m.code[:3])
        if best is not None:
            return best[1]
        return self.memory.dominant_state() or self.dateline_country

    def place_actors(self, head) -> list[Actor]:
        """The states of the toponyms in a locative phrase ('in Alaska' → USA), for one-party fallbacks."""
        out = []
        for tok, _ in self._np(head):
            m = self.by_token[tok.i]
            if m is not None and m.loc and len(m.code) >= 3 and all(a.code != m.code[:3] for a in out):
                out.append(self._actor(m, m.code[:3], "state", "place"))
        return out

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
        last = self.doc[m.end - 1]
        return self.doc[m.start].idx, last.idx + len(last.text)

    def _actor(self, m: Mention, code: str, kind: str, resolution: str | None = None) -> Actor:
        country = code[:3] if len(code) >= 3 else None
        sector = code[3:] or None
        return Actor(m.text, code, country, sector, kind, *self._offsets(m), resolution or m.resolution)

    def resolve_pronoun(self, tok) -> list[Actor]:
        """A pronoun's actors: a compatible subject of a clause that governs it, else the nearest compatible
        earlier phrase ('he' a person, 'it' a state or body, 'they' a group or pair), else the last subject."""
        want = pronoun_kind(tok.lower_)
        node = tok.head
        for _ in range(8):
            if node is None:
                break
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i and child.pos_ != "PRON":
                    if not any(t.i == tok.i for t in child.subtree) and phrase_kind(child) == want:
                        actors = self.actors_for(child)
                        if actors:
                            return [self._as_coref(a, tok) for a in actors]
            if node.head.i == node.i:
                break
            node = node.head
        if want is not None:
            found = self.memory.antecedent(tok.i, self._sent_no, want)
            if found:
                return [self._as_coref(a, tok) for a in found]
        return [self._as_coref(a, tok) for a in self.last_subjects]

    @staticmethod
    def _as_coref(actor: Actor, tok) -> Actor:
        """The antecedent's code on the pronoun's own span."""
        return Actor(tok.text, actor.code, actor.country, actor.sector, actor.kind, tok.idx, tok.idx + len(tok.text),
                     "coreference")
