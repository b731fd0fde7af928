"""Word lists the rule coder uses beyond the CAMEO verb dictionary (the project's own choices)."""

from __future__ import annotations

# Event nouns: lemma → (CAMEO code when two parties take part, code when one acts alone or None).
EVENT_NOUNS: dict[str, tuple[str, str | None]] = {
    "talk": ("040", "040"),
    "consultation": ("040", "040"),
    "meeting": ("040", "040"),
    "summit": ("040", "040"),
    "negotiation": ("046", "046"),
    "dialogue": ("040", "040"),
    "visit": ("042", "042"),
    "drill": ("062", "150"),
    "exercise": ("062", "150"),
    "manoeuvre": ("062", "150"),
    "maneuver": ("062", "150"),
    "war game": ("062", "150"),
    "patrol": ("062", "150"),
    "sanction": ("163", "163"),
    "embargo": ("163", "163"),
    "agreement": ("057", "057"),
    "treaty": ("057", "057"),
    "accord": ("057", "057"),
    "deal": ("057", "057"),
    "pact": ("057", "057"),
    "memorandum": ("057", "057"),
    "airstrike": ("195", "195"),
    "air strike": ("195", "195"),
    "attack": ("190", "190"),
    "offensive": ("190", "190"),
    "raid": ("190", "190"),
    "invasion": ("192", "192"),
    "blockade": ("191", "191"),
    "ceasefire": ("0874", "0874"),
    "aid": ("070", "070"),
    "assistance": ("070", "070"),
    "protest": ("141", "141"),
    "demonstration": ("141", "141"),
    "criticism": ("111", "111"),
    "condemnation": ("111", "111"),
    "cooperation": ("060", None),
    "ultimatum": ("139", "139"),
    "threat": ("130", "130"),
    "warning": ("130", "130"),
    "hunger strike": ("142", "142"),
    "strike": ("143", "143"),
    "boycott": ("143", "143"),
    "complaint": ("114", "114"),
    "appeal": ("020", "020"),
    "demand": ("100", "100"),
    "investigation": ("090", "090"),
    "inquiry": ("090", "090"),
    "probe": ("090", "090"),
    "apology": ("055", "055"),
    "partnership": ("060", None),
}

# Noun modifiers that make an event noun military (cooperation → 062, aid → 072).
MILITARY_WORDS = {"military", "defense", "defence", "security", "army", "naval", "air", "war", "strategic"}
MILITARY_CODES = {"060": "062", "070": "072", "040": "040", "057": "057"}

# Verbs that take an event noun as object and lend it their subject ("hold talks", "join drills").
LIGHT_VERBS = {
    "hold", "conduct", "stage", "have", "carry", "launch", "begin", "start", "join", "participate",
    "attend", "host", "organize", "organise", "resume", "continue", "mount", "impose", "sign", "reach",
    "conclude", "complete", "open", "engage", "undertake", "perform", "run", "take", "plan", "schedule",
    "wrap", "kick", "renew", "co-host", "cohost", "deepen", "strengthen", "expand", "step", "intensify",
}
LIGHT_PREPS = {"in", "on"}  # "take part in the drills", "agree on a deal"

# Verbs of saying: "X said Y" codes Y; the statement itself only when nothing else is coded.
SPEECH_VERBS = {
    "say", "state", "tell", "announce", "add", "aver", "argue", "claim", "assert", "declare", "note",
    "stress", "insist", "write", "report", "explain", "remark", "comment", "emphasize", "emphasise",
    "indicate", "suggest", "confirm", "reiterate", "observe", "point", "quote", "cite", "affirm",
    "frame", "describe", "believe", "think", "predict", "estimate", "maintain", "contend", "mention",
}
DENIAL_VERBS = {"deny", "dismiss", "refute", "reject", "disavow"}
BLOCKING_VERBS = {"refuse", "decline", "fail", "cancel", "postpone", "abandon", "avoid", "stop", "halt"}
PLANNING_VERBS = {
    "plan", "intend", "prepare", "aim", "seek", "want", "expect", "schedule", "decide", "agree", "promise",
    "pledge", "vow", "hope", "propose", "offer", "set", "mean", "try", "attempt", "wish", "move", "vote",
}
PLANNING_ADJS = {"upcoming", "planned", "scheduled", "forthcoming", "proposed", "future", "coming"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can", "must", "ought"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}

# Evaluative words: a speaker who says an actor acted this way criticises it (CAMEO 111).
CRITICAL_WORDS = {
    "irresponsibly", "irresponsible", "recklessly", "reckless", "illegally", "illegal", "unlawfully",
    "unlawful", "provocatively", "provocative", "aggressively", "aggressive", "hypocritical",
    "hypocritically", "arrogantly", "arrogant", "bullying", "hegemonic", "destabilizing", "destabilising",
    "dangerous", "dangerously", "unilaterally", "selfish", "selfishly", "hostile", "belligerent",
    "interference", "meddling", "burden", "blame", "failed", "failure", "chaos", "disaster", "abandon",
}

# Verbs (and adjectives) that express intent: "agreed to hold drills" is CAMEO 03x, not the drills.
INTENT_VERBS = {"agree", "offer", "promise", "pledge", "vow", "commit", "volunteer", "undertake", "intend", "want",
                "threaten"}
# Intent to do a coercive or violent act is a threat: 'vowed to retaliate', 'warned it would strike'.
THREAT_HEADS = {"want", "threaten", "vow", "swear", "warn"}  # not "pledge", "promise": commitments
INTENT_ADJS = {"ready", "willing", "prepared", "determined", "committed", "eager", "keen"}
# Default codes for verbs whose dictionary default misleads when no pattern matches.
# suspending a member, talks or flights reduces relations; flying, going, ruling, steering or heading
# somewhere is no act by itself (PETRARCH's defaults: 036, 040, 060) - a person's trip is a visit (relations.py)
VERB_DEFAULTS: dict[str, str | None] = {"agree": "030", "suspend": "160", "fly": None, "go": None, "rule": None,
                                        "steer": None, "head": None}

# 'X called Y Z' (Z an object predicate: 'a stab in the back', 'baseless'): a characterisation, not a phone call
# (041) or an appeal (020). Its words say whether it criticises (111) or hopes (013, as the verb patterns code
# "called it a success"); else it is a statement (010).
CHARACTERISING_VERBS = {"call", "brand", "label", "term", "describe", "dub"}
CHARACTER_NEGATIVE = CRITICAL_WORDS | {
    "fabrication", "lie", "lies", "baseless", "groundless", "unfounded", "provocation", "stab", "farce", "sham",
    "illegitimate", "unacceptable", "absurd", "nonsense", "propaganda", "aggression", "threat", "crime",
    "criminal", "terrorist", "terrorism", "betrayal", "mistake", "blackmail", "slander", "smear", "insult",
    "outrageous", "shameful", "disgraceful", "cowardly", "barbaric", "unjustified", "violation", "war",
    "politically", "motivated", "interference", "puppet", "regime", "invasion", "occupation", "hoax", "fake",
    "false", "biased", "hypocrisy", "genocide", "massacre", "atrocity", "aggressor", "dictator", "illegal",
}
CHARACTER_POSITIVE = {
    "historic", "constructive", "positive", "productive", "success", "successful", "breakthrough", "milestone",
    "good", "excellent", "fruitful", "friendly", "welcome", "forward", "important", "great", "partner",
    "friend", "brother", "ally", "model", "victory", "win",
}


def characterisation_code(v) -> str | None:
    """The code of 'X called Y Z' when `v` characterises its object (an object predicate hangs on it), else None."""
    if v.lemma_.lower() not in CHARACTERISING_VERBS:
        return None
    preds = [c for c in v.children if c.dep_ == "oprd"]
    if not preds:
        return None
    words = {t.lower_ for p in preds for t in p.subtree}
    if words & CHARACTER_NEGATIVE:
        return "111"
    if words & CHARACTER_POSITIVE:
        return "013"
    return "010"


def intent_code(code: str) -> str:
    """The CAMEO 03x 'express intent' code for a cooperative action code (04x-08x)."""
    table = {
        "04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
        "061": "0311", "062": "0312", "063": "0313", "064": "0314",
        "071": "0331", "072": "0332", "073": "0333", "074": "0334",
        "081": "0351", "0841": "0353", "085": "0354", "086": "0355", "087": "0356",
    }
    if code[:2] in ("17", "18", "19", "20"):
        return "138"  # wanting or vowing to use force is a threat of force
    if code[:2] == "16":
        return "1312" if code[:3] == "163" else "131"
    if code[:2] == "15":
        return "138"
    return table.get(code[:4], table.get(code[:3], table.get(code[:2], code)))


def reject_code(code: str) -> str:
    """The CAMEO 12x 'reject' code for a cooperative action a subject says it will not take."""
    table = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124",
             "061": "1211", "062": "1212", "071": "1221", "072": "1222", "073": "1223", "074": "1224"}
    return table.get(code[:3], table.get(code[:2], "120"))

# Verbs of demanding: the subject of their clause is the target, and the clause's event did not happen.
DEMAND_VERBS = {"want", "demand", "urge", "ask", "call", "insist", "request", "appeal", "press", "push", "order",
                "require", "beg", "plead", "remind", "warn", "pressure", "encourage", "advise"}
OBLIGATION_AUX = {"must", "should", "ought"}
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "12", "13", "17"}
PLACE_TARGET_ROOTS = {"04", "07", "14", "15", "17", "18", "19"}
# Words the parser may tag as verbs that never report an event.
NON_EVENT_VERBS = {"accord", "according", "include", "including", "base", "follow", "regard", "concern"}
COERCIVE_ROOTS = {"15", "16", "17", "18", "19", "20"}
ATTACK_NOUNS = {"attack", "shelling", "bombing", "bombardment", "airstrike", "strike", "raid", "assault",
                "offensive", "fire", "gunfire", "rocket", "missile", "ambush", "explosion"}
DEMAND_NOUNS = {"pressure", "call", "demand", "appeal", "request", "permission", "plea", "ultimatum"}
QUANTITY_NOUNS = {"round", "series", "set", "number", "wave", "spate", "string", "couple", "pair", "batch"}
PARTICIPATION_VERBS = {"join", "participate", "take", "attend", "take part"}
# Verb + object idioms that report no event.
IDIOMS = {("take", "shape"), ("take", "place"), ("take", "note"), ("take", "time"), ("take", "effect"),
          ("play", "role"), ("play", "roles"), ("make", "sense"), ("take", "steps")}

# Subordinators of a temporal clause: the clause tells an event of its own ('after Cyprus dropped its veto').
TIME_MARKS = frozenset({"after", "before", "since", "until", "once"})
# Roots of force used on a place (assault, fight, mass violence; PLACE_TARGET_ROOTS gives 17-19 a place target)
# and the prepositions that say where the force lands.
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
LANDING_PREPS = frozenset({"in", "at", "near", "over", "off", "across", "inside", "into", "on", "around"})


# Crowds: what protesters, demonstrators or a mob do is a protest. Their violence is a violent protest or riot
# (145), not a military assault (19x); their rallies and marches are demonstrations (141), not a show of force.
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "crowd", "rioter", "mob", "supporter", "marcher",
               "activist", "protesters", "demonstrators", "crowds", "rioters", "supporters", "activists"}
ARMED_CODES = {"193", "194", "195", "204", "2041", "2042"}  # a crowd that fires missiles is armed: not a riot
RALLY_VERBS = {"rally", "march", "gather", "demonstrate", "protest", "assemble", "converge", "parade"}


def _crowd(noun) -> bool:
    """'protesters', 'thousands of protesters', 'crowds of supporters'."""
    if noun.lemma_.lower() in CROWD_NOUNS or noun.lower_ in CROWD_NOUNS:
        return True
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.lemma_.lower() in CROWD_NOUNS or o.lower_ in CROWD_NOUNS) for o in p.children)
        for p in noun.children)


def crowd_code(v, code: str) -> str:
    """The code of an act whose subject is a crowd (`code` unchanged when it is not)."""
    node = v
    while node.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in node.children) and node.head.i != node.i:
        node = node.head  # 'stormed and torched': the first conjunct's subject
    if not any(c.dep_ == "nsubj" and _crowd(c) for c in node.children):
        return code
    if code[:2] in ("17", "18", "19", "20") and code not in ARMED_CODES:
        return "145"
    if v.lemma_.lower() in RALLY_VERBS or code[:2] == "15":
        return "141"
    return code

