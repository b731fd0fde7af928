"""Coreference within an article: what 'the two countries', 'he' and 'its' stand for.

`ArticleMemory` keeps, in reading order, the actors each noun phrase resolved to, how often each state was
named, and the headline's states. 'The two countries' is the pair the article is about: the headline's pair
first, else the two states named most often so far. A pronoun is the nearest earlier actor of a compatible
kind: 'he'/'she' a person, 'it'/'its' a state or organisation, 'they' a plural group or a pair.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Actor

PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
THING_PRONOUNS = frozenset("it its itself".split())
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
# Head nouns of noun phrases that name a person ('the Iranian spokesman', 'Defence Minister X').
PERSON_TITLES = frozenset(
    "president minister premier chancellor king queen prince princess emir sheikh sultan monarch leader "
    "spokesman spokeswoman spokesperson envoy ambassador diplomat secretary chairman chairwoman chair chief "
    "general commander governor mayor senator lawmaker official officer judge prosecutor head director "
    "negotiator counterpart successor predecessor candidate ayatollah pope cleric colonel admiral marshal "
    "lieutenant captain deputy vice-president vice dictator strongman".split()
)
# Pair phrases → sector code the phrase itself names ('the two leaders' are governments).
PAIR_SECTORS = {"leaders": "GOV", "governments": "GOV", "presidents": "GOV", "ministers": "GOV",
                "militaries": "MIL", "armies": "MIL", "navies": "MIL"}
HISTORY_SENTENCES = 4  # a pronoun reaches back this many sentences at most


@dataclass(slots=True)
class Ref:
    """An earlier noun phrase: where it was, what it resolved to, and what kind of thing it is."""

    token: int
    sentence: int
    actors: list[Actor]
    kind: str  # person | thing | plural


def phrase_kind(head) -> str:
    """'person', 'plural' or 'thing' for the noun phrase headed by `head`."""
    lemma = head.lemma_.lower()
    if head.ent_type_ == "PERSON" or lemma in PERSON_TITLES:
        return "plural" if head.tag_ in ("NNS", "NNPS") else "person"
    if head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children):
        return "plural"
    return "thing"


def pronoun_kind(word: str) -> str | None:
    """The kind of antecedent a pronoun wants, or None for pronouns that are not resolved (I, we, you)."""
    word = word.lower()
    if word in PERSON_PRONOUNS:
        return "person"
    if word in THING_PRONOUNS:
        return "thing"
    if word in PLURAL_PRONOUNS:
        return "plural"
    return None


@dataclass
class ArticleMemory:
    """What the article has said so far: state counts, headline states, resolved phrases in order."""

    state_counts: Counter = field(default_factory=Counter)
    last_seen: dict[str, int] = field(default_factory=dict)
    first_seen: dict[str, int] = field(default_factory=dict)
    headline_states: list[str] = field(default_factory=list)
    history: list[Ref] = field(default_factory=list)
    _clock: int = 0

    def count_state(self, code: str) -> None:
        """Record one mention of a state (first three letters of its code)."""
        self._clock += 1
        self.state_counts[code[:3]] += 1
        self.last_seen[code[:3]] = self._clock
        self.first_seen.setdefault(code[:3], self._clock)

    def article_pair(self, first_named: bool = False) -> tuple[str, str] | None:
        """The two states the article is about: the headline's pair, else the two named most often (among
        equals, the last named, or with `first_named` the first named)."""
        if len(self.headline_states) >= 2:
            return self.headline_states[0], self.headline_states[1]
        seen = self.first_seen if first_named else {c: -t for c, t in self.last_seen.items()}
        ranked = sorted(self.state_counts, key=lambda c: (-self.state_counts[c], seen.get(c, 0)))
        if len(self.headline_states) == 1 and ranked:
            other = next((c for c in ranked if c != self.headline_states[0]), None)
            return (self.headline_states[0], other) if other else None
        return (ranked[0], ranked[1]) if len(ranked) >= 2 else None

    def dominant_state(self) -> str | None:
        """The state the article names most (the headline's first state on a tie), or None."""
        if not self.state_counts:
            return self.headline_states[0] if self.headline_states else None
        ranked = self.state_counts.most_common(2)
        if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            for code in self.headline_states:
                if code in (ranked[0][0], ranked[1][0]):
                    return code
        return ranked[0][0]

    def remember(self, ref: Ref) -> None:
        """Add a resolved noun phrase to the history."""
        if ref.actors:
            self.history.append(ref)

    def antecedent(self, token: int, sentence: int, kind: str) -> list[Actor]:
        """Actors of the nearest earlier phrase of a compatible kind, within a few sentences."""
        for ref in reversed(self.history):
            if ref.token >= token:
                continue
            if sentence - ref.sentence > HISTORY_SENTENCES:
                break
            if ref.kind == kind or (kind == "plural" and len(ref.actors) > 1):
                return list(ref.actors)
        return []


REPORTING_VERBS = frozenset({"say", "warn", "tell", "announce", "add", "state", "confirm", "insist", "stress"})


def reported_state(speaker, by_token) -> str | None:
    """'Colombia will recall its ambassador, Foreign Minister X warned': an official with no nationality who
    reports what a state will do speaks for that state (`by_token`: the mention of each token, or None)."""
    verb = speaker.head
    if speaker.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "parataxis")):
        for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            m = by_token[subj.i]
            if m is not None and m.kind == "state" and not m.loc and len(m.code) >= 3:
                return m.code[:3]
    return None
