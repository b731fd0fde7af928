"""RuleCoder: predicates and their arguments from the dependency parse, coded with CAMEO patterns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..actors.dictionary import ActorDictionary
from ..actors.recognize import DocActors
from ..config import Config
from ..model import Actor, Event, Plover
from ..registry import coders
from . import lexicon as lx
from .cameo import lookup
from .clauses import clause_of, own_charge, own_time, temporal, through_quantity, words
from .counterpart import add_implicit_targets
from .mediation import MEDIATE, MEDIATOR_DEPS, mediated
from .modality import OBJECT_CONTROL, SUBJ_DEPS, conditional, depth, intent_head, modality_of, negated, refusal
from .reactions import reaction
from .relations import capture_code, relation_code, visit_code
from .verbs import VerbDictionary

_XCOMP_HEADS = frozenset(lx.INTENT_VERBS | lx.PLANNING_VERBS)
TARGET_PREPS = ("with", "against", "to", "at", "toward", "towards", "into", "behind", "for", "on",
                "upon", "from", "between", "among", "about", "of")
JOINT_ROOTS = ("03", "04", "05", "06")  # 'Greece and Macedonia signed an accord': with each other
RECIPROCAL_WORDS = {"joint", "jointly", "together", "bilateral", "mutual", "mutually", "each", "combined"}


@dataclass(slots=True)
class Candidate:
    """An event before it is turned into an Event: the coded predicate and its actors."""

    trigger: object  # spaCy Token
    code: str
    source: Actor | None
    target: Actor | None
    modality: str
    confidence: float
    speech: bool = False
    extra: dict = field(default_factory=dict)


class ParsedDoc(NamedTuple):
    """One document ready for a coder: the parsed text, its id and date, and its parsed headline."""

    sdoc: Any  # spaCy Doc
    doc_id: str
    date: str | None = None
    title_doc: Any = None


def _pair(c: Candidate) -> tuple[str | None, str | None]:
    """A candidate's (source code, target code)."""
    return (c.source.code if c.source else None, c.target.code if c.target else None)


def _state(a: Actor) -> Actor:
    """A place's state as a plain state actor (a target found from where an act happens)."""
    return Actor(a.text, a.country, a.country, None, "state", a.start, a.end)


class RuleCoder:
    """legation.RuleCoder.v1: dictionary patterns over spaCy dependency parses."""

    name = "legation.RuleCoder.v1"
    depth_slack = 0

    def __init__(self, actors: ActorDictionary, verbs: VerbDictionary, min_actors: int = 1) -> None:
        self.actors = actors
        self.verbs = verbs
        self.min_actors = min_actors
        self.places = None  # optional place name -> ISO3 resolver, set by the pipeline
        self.implicit_targets = True  # a source-only act aims at the article's other state (counterpart.py)

    # ---- document level -------------------------------------------------------------------------
    def code(self, sdoc, doc_id: str, date: str | None = None, title_doc=None) -> list[Event]:
        """Code a parsed spaCy Doc into events, sentence by sentence (the parsed headline gives context)."""
        mem = DocActors(sdoc, self.actors, date, places=self.places)
        if title_doc is not None:
            mem.read_headline(title_doc)
        events: list[Event] = []
        for index, sent in enumerate(sdoc.sents):
            mem.scan_sentence(sent)
            found = [self._event(cand, doc_id, index, sent) for cand in self._sentence(sent, mem)]
            if self.implicit_targets and found:  # the article's two states, this sentence counted
                add_implicit_targets(found, mem.memory.article_pair(first_named=True))
            events.extend(found)
            subjects = [a for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                        for a in mem.actors_for(t)]
            if subjects:
                mem.last_subjects = subjects
        return events

    def code_batch(self, docs: Sequence[ParsedDoc]) -> list[list[Event]]:
        """Code several parsed documents: for each, the events `code` gives it."""
        return [self.code(d.sdoc, d.doc_id, d.date, d.title_doc) for d in docs]

    def make_event(self, cand: Candidate, doc_id: str, index: int, sent) -> Event:
        """The Event of a candidate: names, Goldstein value and PLOVER type from its code, evidence spans."""
        return self._event(cand, doc_id, index, sent)

    def _event(self, cand: Candidate, doc_id: str, index: int, sent) -> Event:
        info = lookup(cand.code)
        assert info is not None
        trig = cand.trigger
        plover = info.plover
        if cand.modality in ("planned", "hypothetical") and plover.type:
            # PLOVER types a commitment to act by intent: a cooperative act still to come is AGREE and a
            # coercive one THREATEN, while the CAMEO code keeps the act and `modality` says it is to come.
            if info.root in ("04", "05", "06", "07", "08"):
                plover = Plover("AGREE", plover.mode, plover.context)
            elif info.root in ("16", "17", "18", "19", "20"):
                plover = Plover("THREATEN", plover.mode, plover.context)
        return Event(
            doc_id=doc_id,
            sentence_index=index,
            sentence=sent.text.strip(),
            source=cand.source,
            target=cand.target,
            cameo=cand.code,
            cameo_name=info.name,
            root=info.root,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=plover,
            modality=cand.modality,
            trigger=trig.text,
            trigger_start=trig.idx,
            trigger_end=trig.idx + len(trig.text),
            confidence=min(cand.confidence, 0.95),
            coder=self.name,
            sentence_start=sent.start_char,
            extra=cand.extra,
        )

    # ---- sentence level -------------------------------------------------------------------------
    def _sentence(self, sent, mem: DocActors) -> list[Candidate]:
        return self._select([c for c in self.candidates(sent, mem) if self._enough(c)])

    def candidates(self, sent, mem: DocActors) -> list[Candidate]:
        """Every reading the patterns give for a scanned sentence, before one is chosen per dyad."""
        cands: list[Candidate] = []
        used_nouns: set[int] = set()
        for tok in sent:
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be"):
                modal_need = tok.lemma_.lower() == "need" and any(c.dep_ == "xcomp" for c in tok.children)
                if tok.lower_ not in lx.NON_EVENT_VERBS and not modal_need:
                    cands.extend(self._verb(tok, mem, used_nouns))
        for tok in sent:
            if tok.i not in used_nouns and tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.EVENT_NOUNS:
                cands.extend(self._noun(tok, mem))
        coded = {c.trigger.i for c in cands}
        cands = [c for c in cands if not (c.trigger.lemma_.lower() in _XCOMP_HEADS and any(
            x.dep_ == "xcomp" and x.i in coded for x in c.trigger.children))]
        cands = [c for c in cands if not (c.trigger.lemma_.lower() in lx.DENIAL_VERBS and any(
            x.dep_ == "ccomp" and x.i in coded for x in c.trigger.children))]
        real = [c for c in cands if not c.speech]
        if real:
            cands = real
        elif cands:  # a bare statement counts only when it is aimed at someone ('told Iran', 'said to Iran')
            cands = [c for c in cands[:1] if c.target is not None or c.code[:3] != "010"]
        return cands

    def _enough(self, c: Candidate) -> bool:
        n = sum(1 for a in (c.source, c.target) if a is not None and a.country)
        return n >= self.min_actors and lookup(c.code) is not None

    def _select(self, cands: list[Candidate]) -> list[Candidate]:
        """One reading per sentence: two-actor events beat one-actor ones; per dyad, the highest clause."""
        if not cands:
            return []
        two = [c for c in cands if c.source is not None and c.target is not None]
        pool = two or cands
        by_dyad: dict[frozenset, list[Candidate]] = {}
        for c in pool:
            key = frozenset(a.code for a in (c.source, c.target) if a is not None)
            by_dyad.setdefault(key, []).append(c)
        out: list[Candidate] = []
        for group in by_dyad.values():
            top = min(depth(c.trigger) for c in group)
            best = [c for c in group if depth(c.trigger) == top]
            seen: set[tuple] = set()
            for c in sorted(best, key=lambda c: -c.confidence):
                if _pair(c) not in seen:
                    seen.add(_pair(c))
                    out.append(c)
            # A second predicate coordinated with the chosen one ('met ... and pledged') is another act of the
            # same dyad, not another reading of it: kept when it codes another root.
            chosen = {c.trigger.i for c in out}
            roots = {(*_pair(c), c.code[:2]) for c in out}
            for c in sorted(group, key=lambda c: -c.confidence):
                key = (*_pair(c), c.code[:2])
                if ((c.trigger.dep_ == "conj" and c.trigger.head.i in chosen) or own_charge(c.trigger)) \
                        and key not in roots:
                    roots.add(key)
                    out.append(c)
        top = min(depth(c.trigger) for c in out)
        if not two:
            return [c for c in out if depth(c.trigger) == top]
        # Subordinate clauses ('..., calling them an occupying army') add readings, not events, once the
        # main clause is coded: keep the main clause and what is coordinated with it.
        main = {c.trigger.i for c in out if depth(c.trigger) == top}
        return [c for c in out if c.trigger.i in main or (c.trigger.dep_ == "conj" and c.trigger.head.i in main)
                or depth(c.trigger) <= top + self.depth_slack or own_time(c.trigger) or mediated(c.trigger)
                or own_charge(c.trigger) or reaction(c.trigger) is not None]

    # ---- arguments ------------------------------------------------------------------------------
    def _subjects(self, v, mem: DocActors, depth: int = 0) -> tuple[list[Actor], list[Actor], bool]:
        """(agents, patients, direct) for verb `v`: who acts, who is acted on by a passive."""
        agents: list[Actor] = []
        patients: list[Actor] = []
        for child in v.children:
            if child.dep_ == "nsubj" or child.dep_ == "csubj":
                agents.extend(mem.actors_for(child))
            elif child.dep_ == "nsubjpass":
                patients.extend(mem.actors_for(child))
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        agents.extend(mem.actors_for(pobj))
        if patients and not agents:  # "were killed in Israeli shelling": the shelling's owner acted
            for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "during")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if pobj.lemma_.lower() in lx.ATTACK_NOUNS:
                        agents.extend(self._noun_parties(pobj, mem)[0])
        has_subj = any(c.dep_ in SUBJ_DEPS for c in v.children)
        if agents or has_subj or depth > 3:
            return agents, patients, True
        head = v.head
        if v.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ in ("dobj", "dative"):
                    return mem.actors_for(child), patients, False
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and head.i != v.i:
            inherited, raised, _ = self._subjects(head, mem, depth + 1)
            if not inherited and v.dep_ == "xcomp":  # "Obama is scheduled to attend": the raised subject acts
                inherited = raised
            return inherited, patients, False
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG"):
            return mem.actors_for(head), patients, False
        return agents, patients, True

    def _objects(self, v, mem: DocActors) -> tuple[list[Actor], object | None]:
        """Target actors of `v`, and the event noun among its objects (if any)."""
        targets: list[Actor] = []
        noun = None
        preps = []
        for child in v.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd"):
                child = through_quantity(child)
                if child.lemma_.lower() in lx.EVENT_NOUNS and noun is None:
                    noun = child
                else:
                    targets.extend(mem.actors_for(child))
                    preps.extend(c for c in child.children if c.dep_ == "prep")
            elif child.dep_ == "nsubjpass" and child.lemma_.lower() in lx.EVENT_NOUNS:
                noun = child
            elif child.dep_ == "prep":
                preps.append(child)
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if prep.lower_ in lx.LIGHT_PREPS and pobj.lemma_.lower() in lx.EVENT_NOUNS and noun is None:
                    noun = pobj
                elif prep.lower_ in TARGET_PREPS:
                    targets.extend(mem.actors_for(pobj))
        return targets, noun

    def _noun_parties(self, noun, mem: DocActors) -> tuple[list[Actor], list[Actor], bool]:
        """(participants named in modifiers, partners after with/against/on, reciprocal?) of an event noun."""
        parts: list[Actor] = []
        partners: list[Actor] = []
        recip = False
        for child in noun.children:
            if child.lower_ in RECIPROCAL_WORDS:
                recip = True
            if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") and mediated(child) is None:
                for a in mem.actors_for(child):
                    if all(a.code != p.code for p in parts):
                        parts.append(a)
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        partners.extend(mem.actors_for(pobj))
                        if child.lower_ in ("between", "among"):
                            recip = True
        if len(parts) > 1:
            recip = True
        return parts, partners, recip

    def _noun_code(self, noun, n_parties: int) -> str | None:
        lemma = noun.lemma_.lower()
        mods = {c.lower_ for c in noun.children}
        if lemma == "strike" and mods & {"air", "missile", "drone", "military", "rocket"}:
            return "195"
        if lemma == "strike" and "hunger" in mods:
            return "142"
        pair, solo = lx.EVENT_NOUNS[lemma]
        code = pair if n_parties >= 2 else solo
        if code and any(c.lower_ in lx.MILITARY_WORDS for c in noun.children):
            code = lx.MILITARY_CODES.get(code, code)
        return code

    # ---- predicates -----------------------------------------------------------------------------
    def _verb(self, v, mem: DocActors, used_nouns: set[int]) -> list[Candidate]:
        lemma = v.lemma_.lower()
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        if any(c.dep_ == "dobj" and (lemma, c.lower_) in lx.IDIOMS for c in v.children):
            return []
        modality = modality_of(v)
        refused = modality is None and refusal(v)
        if modality is None and not refused:
            return []
        if (react := reaction(v)) is not None:  # 'a decision that drew criticism from Britain'
            reacting = [a for t in react[1] for a in mem.actors_for(t)]
            owners = [a for t in react[2] for a in mem.actors_for(t)] or self._subjects(v.sent.root, mem)[0]
            return self._pairs(v, react[0], None, False, reacting, owners, modality, 0.6, False) if reacting else []
        sub = [t for t in clause_of(v) if not temporal(t)]  # 'called Putin on Friday' is no 'call on'
        pre = words([t for t in sub if t.i < v.i])
        post = words([t for t in sub if t.i > v.i])
        match = self.verbs.match(lemma, particle, pre, post, v.lower_)
        sources, patients, direct = self._subjects(v, mem)
        targets, noun = self._objects(v, mem)
        targets = patients + targets
        if (med := mediated(v)) is not None:  # 'a deal brokered by Turkey': Turkey mediates between the parties
            targets = self._noun_parties(med[0], mem)[1] or self._subjects(med[1], mem)[0]
            sources = sources or [a for c in v.children if c.dep_ in MEDIATOR_DEPS for a in mem.actors_for(c)]
            match = None
        code, reverse = (match.code, match.reverse) if match else ((MEDIATE, None) if med else (None, None))
        if match and match.pattern is None and match.verb in lx.VERB_DEFAULTS:
            code = lx.VERB_DEFAULTS[match.verb]
        if (match is None or match.pattern is None) and (said := lx.characterisation_code(v)):
            code, reverse = said, None
        if (acted := relation_code(v) or visit_code(v, sources) or capture_code(v, sources)) and not (
                match and match.pattern and code and code[:2] == acted[:2]):  # a pattern of the same root knows more
            code, reverse = acted, None  # 'expelled the ambassador', 'imposed tariffs': what it acts on says
        if code and (protest := lx.crowd_code(v, code)) != code:
            code, reverse = protest, None  # 'protesters stormed parliament': a riot, not an assault
        recip = reverse is not None and reverse == code
        conf = 0.45 + (0.2 if match and match.pattern else 0.0) + (0.1 if direct else 0.0)
        if noun is not None and lemma not in lx.LIGHT_VERBS:
            targets = targets + self._noun_parties(noun, mem)[1]
        if noun is not None and lemma in lx.LIGHT_VERBS:
            parts, partners, noun_recip = self._noun_parties(noun, mem)
            used_nouns.add(noun.i)
            targets = targets + partners
            if not sources and noun_recip and len(partners) >= 2 and not parts:
                sources, targets = partners, []  # "a partnership between Russia and China"
            elif not sources:
                sources = parts
            elif not targets:
                targets = [p for p in parts if all(p.country != s.country for s in sources)]
            n = len(sources) + len(targets)
            if lemma in lx.PARTICIPATION_VERBS:
                n = max(n, 2)  # joining someone's drills is taking part with them
            code = self._noun_code(noun, n) or code
            recip = recip or noun_recip or (code == "062" and not targets)
            reverse = code if recip else None
            if any(c.lower_ in lx.PLANNING_ADJS for c in noun.children) and modality == "asserted":
                modality = "planned"
            conf += 0.1
        if refused:
            if not code or code[:2] not in ("03", "04", "05", "06", "07", "08"):
                return []
            code, reverse, modality = lx.reject_code(code), None, "asserted"
        if code and code[:2] in lx.COERCIVE_ROOTS and (modality == "hypothetical" or conditional(v)):
            code, reverse = lx.intent_code(code), None  # a coercive act announced or made conditional: a threat
        if lemma == "want":
            wanted = [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]
            if wanted and not targets and wanted[0].dep_ == "ccomp":
                targets = self._clause_subjects(v, mem)
            if wanted and targets:
                code = "020"  # "X wants Y to do Z": X appeals to Y
        head_intent = intent_head(v)
        if code and head_intent is not None and head_intent.lemma_.lower() == "threaten" and code[:2] != "13":
            code, reverse = (lx.intent_code(code) if code[:2] in lx.COERCIVE_ROOTS else "130"), None
        if code and intent_head(v) is not None and (
            code[:2] in ("04", "05", "06", "07", "08") or (code[:2] in ("16", "17", "18", "19", "20")
                                                           and intent_head(v).lemma_.lower() in lx.THREAT_HEADS)):
            code = lx.intent_code(code)
            reverse = lx.intent_code(reverse) if reverse else None
            modality = "planned"
        speech = lemma in lx.SPEECH_VERBS and any(c.dep_ in ("ccomp", "parataxis") for c in v.children)
        out: list[Candidate] = []
        if speech and sources:
            out.extend(self._criticism(v, sources, mem, modality))
            out.extend(self._obligation(v, sources, mem, modality))
        if code and code[:2] in lx.CLAUSE_TARGET_ROOTS and not targets:
            targets = self._clause_subjects(v, mem)
        if code and code[:2] in lx.PLACE_TARGET_ROOTS and not targets and len(sources) < 2:
            targets = self._place_targets(v, noun, sources, mem, code[:2])
        joint = len(sources) >= 2 and (recip or bool(code) and code[:2] in JOINT_ROOTS)  # they act on each other
        if code and sources and not targets and not joint:
            targets = self._nearby_target(v, sources, mem) or self._any_target(v, sources, mem)
        if speech and sources:
            out.extend(self._reported_attack(v, sources, mem, modality))
        if not code:
            return out
        speech = speech or (lemma in lx.SPEECH_VERBS and (code[:2] == "01"))
        out.extend(self._pairs(v, code, reverse, recip, sources, targets, modality, conf, speech))
        return out

    def _noun(self, noun, mem: DocActors) -> list[Candidate]:
        parts, partners, recip = self._noun_parties(noun, mem)
        if len(parts) + len(partners) < 2:  # "China's assistance" alone says too little to code
            return []
        code = self._noun_code(noun, len(parts) + len(partners))
        if not code:
            return []
        head = noun.head
        modality = modality_of(head) if head.pos_ in ("VERB", "AUX") else "asserted"
        if modality is None:
            return []
        if any(c.lower_ in lx.PLANNING_ADJS for c in noun.children):
            modality = "planned"
        sources, targets = (parts, partners) if partners else (parts, [])
        if not parts and recip and len(partners) >= 2:
            sources, targets = partners, []  # "a partnership between Russia and China"
        return self._pairs(noun, code, code if recip else None, recip, sources, targets, modality, 0.4, False)

    def _pairs(self, trig, code, reverse, recip, sources, targets, modality, conf, speech) -> list[Candidate]:
        out: list[Candidate] = []
        both = 0.15

        def add(s, t, c, bonus):
            if s is not None and t is not None and (s.code == t.code or s.country == t.country == s.code):
                t = None  # a state acting on itself: keep the act, without a second party
            out.append(Candidate(trig, c, s, t, modality, conf + bonus, speech))

        if len(sources) >= 2 and not targets and (recip or code[:2] in JOINT_ROOTS):
            for a in sources:
                for b in sources:  # 'Yemen's government and the Houthis agreed': two sides of one country too
                    sides = a.code != b.code and a.country not in (a.code, b.code)  # not the state itself
                    if a is not b and (a.country != b.country or sides):
                        add(a, b, code, both)
            return out
        for s in sources or [None]:
            for t in targets or [None]:
                if s is None and t is None:
                    continue
                add(s, t, code, both if s and t else 0.0)
                if reverse and s and t:
                    add(t, s, reverse, both)
        return out

    def _nearby_target(self, v, sources: list[Actor], mem: DocActors) -> list[Actor]:
        """Fallback target: the first other actor named after the verb in its own clause ('offered to hand
        over to Britain'), skipping places of events ('in', 'at') and reported clauses."""
        own = {a.country for a in sources}
        stop = {t.i for t in v.subtree if t.i != v.i and t.dep_ in ("ccomp", "parataxis", "advcl", "relcl", "acl")
                for t in t.subtree}
        seen: set[int] = set()
        for tok in v.subtree:
            if tok.i <= v.i or tok.i in stop:
                continue
            m = mem.by_token[tok.i]
            if m is None or id(m) in seen or m.kind in ("agent", "pair"):
                continue
            seen.add(id(m))
            if tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "at", "near", "during"):
                continue
            found = [a for a in mem.actors_for(self._np_head(tok)) if a.country not in own]
            if found:
                return found[:1]
        return []

    def _any_target(self, v, sources: list[Actor], mem: DocActors) -> list[Actor]:
        """Last resort: the first other actor anywhere under the verb, places included ('refused to
        deploy peacekeepers in Iraq' is aimed at Iraq), outside its subject and reported speech."""
        own = {a.country for a in sources}
        skip = {t.i for c in v.subtree if (c.dep_ in SUBJ_DEPS | {"parataxis"} and c.head.i == v.i)
                or (c.i != v.i and mediated(c) is not None) for t in c.subtree}  # not the mediator of a deal
        for tok in v.subtree:
            m = mem.by_token[tok.i]
            if tok.i in skip or m is None or m.kind in ("agent", "pair") or m.code[:3] in own:
                continue
            found = [a for a in mem.actors_for(self._np_head(tok)) if a.country not in own]
            if found:
                return found[:1]
        return []

    @staticmethod
    def _np_head(tok):
        """Climb from a modifier to the head of its noun phrase."""
        while tok.dep_ in ("compound", "amod", "poss", "nmod", "case") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def _place_targets(self, v, noun, sources: list[Actor], mem: DocActors, root: str) -> list[Actor]:
        """A meeting or protest with no other party is aimed at the state where it takes place, and force at
        the state where it lands."""
        own = {a.country for a in sources}
        for head in (v, noun):
            if head is None:
                continue
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    for pobj in prep.children:
                        found = [a for a in mem.actors_for(pobj) + mem.place_actors(pobj)
                                 if a.kind in ("state", "place") and a.country not in own]
                        if found:
                            return [_state(found[0])]
        if root not in lx.FORCE_ROOTS:
            return []
        # Force lands somewhere: 'struck a camp near Qandil in Iraq', 'fired a missile over Kuwait' target the
        # state where it lands, named anywhere in the act's own clause after a locative preposition.
        for tok in clause_of(v):
            if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.lower_ not in lx.LANDING_PREPS:
                continue
            found = [a for a in mem.place_actors(tok) if a.country and a.country not in own]
            if found:
                return [_state(found[0])]
        return []

    def _reported_attack(self, v, speakers, mem: DocActors, modality: str) -> list[Candidate]:
        """'X said Y attacked' is X accusing Y (CAMEO 112), besides the reported attack itself."""
        speakers = [s for s in speakers if s.country and s.country not in ("IGO", "NGO", "IMG", "MNC")]
        if not speakers:
            return []  # monitors and agencies report violence; states that report it accuse
        own = {s.country for s in speakers}
        for clause in (c for c in v.children if c.dep_ in ("ccomp", "parataxis")):
            for verb in [clause] + [c for c in clause.children if c.dep_ == "conj"]:
                if verb.pos_ != "VERB" or negated(verb):
                    continue  # 'said none of its soldiers had crossed': a denial, not an accusation
                match = self.verbs.match(verb.lemma_.lower(), None, [], words(verb.subtree), verb.lower_)
                code = match.code if match else None
                if not code or code[:2] not in ("18", "19", "20"):
                    continue
                agents, patients, _ = self._subjects(verb, mem)
                blamed = [a for a in agents if a.country not in own]
                if not blamed and not agents:
                    targets, _ = self._objects(verb, mem)
                    blamed = [a for a in targets + patients if a.country not in own]
                return [Candidate(verb, "112", s, t, modality, 0.45, False) for s in speakers for t in blamed]
        return []

    def _clause_subjects(self, v, mem: DocActors) -> list[Actor]:
        """Actors who are the subject of the clause a verb governs ('demanded that Iran stop')."""
        for child in v.children:
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                agents, patients, _ = self._subjects(child, mem)
                return agents or patients
        return []

    def _obligation(self, v, speakers, mem: DocActors, modality: str) -> list[Candidate]:
        """'X said Y must do Z' is X demanding of Y (CAMEO 100), not Z."""
        out = []
        for clause in (c for c in v.children if c.dep_ == "ccomp"):
            aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
            if aux & lx.OBLIGATION_AUX:
                code = "100" if "must" in aux else "020"
                for t in self._subjects(clause, mem)[0]:
                    for s in speakers:
                        out.append(Candidate(clause, code, s, t, modality, 0.55, False))
        return out

    def _criticism(self, v, speakers, mem: DocActors, modality: str) -> list[Candidate]:
        """A speaker who says another actor acted irresponsibly (etc.) criticises it: CAMEO 111."""
        out = []
        for clause in (c for c in v.children if c.dep_ in ("ccomp", "parataxis")):
            for tok in clause.subtree:
                if tok.lower_ not in lx.CRITICAL_WORDS:
                    continue
                verb = tok if tok.pos_ == "VERB" else tok.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
                targets, _, _ = self._subjects(verb, mem)
                for s in speakers:
                    for t in targets:
                        if t.country != s.country:
                            out.append(Candidate(v, "111", s, t, modality, 0.5, False, {"cue": tok.text}))
                if out:
                    return out
        return out

coders.alias("rules", "legation.RuleCoder.v1")


@coders.register("legation.RuleCoder.v1")
def make_rule_coder(actors: ActorDictionary, verbs: VerbDictionary, config: Config) -> RuleCoder:
    """Factory for the registry."""
    return RuleCoder(actors, verbs, config.min_actors)
