"""Acts on a relationship, coded by what they act on: diplomats, ties, sanctions and aid.

Wire copy reports a downgrade of relations in a handful of ways that the verb patterns cover only word by word:
"expelled X's ambassador", "recalled its high commissioner", "ordered the envoy to leave", "broke off
relations", "imposed tariffs / travel bans / asset freezes", "suspended $700 million in aid", "ordered 3,000
troops to the border". The verb alone is ambiguous (an expelled migrant is 174, a broken window 17x, an order
10x); its object says what kind of act it is. Each entry below pairs verbs with a class of object nouns and the
CAMEO code the combination gets.
"""

from __future__ import annotations

from collections.abc import Callable

DIPLOMATS = frozenset({
    "ambassador", "envoy", "diplomat", "commissioner", "chargé", "charge", "consul", "attaché", "attache",
    "emissary", "embassy", "consulate", "legation",
})
TIES = frozenset({"relation", "relations", "tie", "ties"})
SANCTIONS = frozenset({
    "sanction", "tariff", "duty", "duties", "embargo", "ban", "freeze", "control", "restriction", "levy", "quota",
    "penalty",
})
AID = frozenset({"aid", "assistance", "funding", "loan", "grant", "credit", "disbursement"})
LEAVING = frozenset({"leave", "depart", "quit", "go"})
WEAPONS = frozenset({"tank", "tanks", "weapon", "weapons", "arms", "missile", "missiles", "ammunition", "jet",
                     "jets", "drone", "drones", "artillery", "howitzer", "howitzers", "rocket", "rockets",
                     "munition", "munitions", "shell", "shells", "warplane", "warplanes", "helicopter",
                     "helicopters", "interceptor", "interceptors", "rifle", "rifles"})
RELIEF = frozenset({"relief", "supplies", "food", "medicine", "medicines", "vaccine", "vaccines", "tent", "tents",
                    "rescuer", "rescuers", "doctor", "doctors", "blanket", "blankets", "water"})
GIVING = frozenset({"send", "deliver", "supply", "provide", "ship", "give", "transfer", "donate", "airlift",
                    "fly", "rush", "dispatch"})
CAPTIVES = frozenset({"soldier", "soldiers", "pilot", "pilots", "sailor", "sailors", "marine", "marines",
                      "civilian", "civilians", "hostage", "hostages", "journalist", "journalists", "worker",
                      "workers", "tourist", "tourists", "crew", "fishermen", "officer", "officers", "advisers",
                      "advisors", "diplomat", "diplomats", "people", "citizens", "nationals"})
CAPTURING = frozenset({"capture", "seize", "grab", "snatch", "abduct", "take"})
REPRISALS = frozenset({"revenge", "retaliation", "reprisal", "reprisals", "retribution", "response", "consequence",
                       "consequences", "punishment", "war"})
FORCES = frozenset({
    "troop", "troops", "army", "soldier", "battalion", "brigade", "force", "forces", "military", "tank", "warship",
    "navy", "reservist", "unit", "division", "regiment", "contingent", "armour", "armor",
})

SHOWING_FORCE = frozenset({"advance", "move", "deploy", "mobilise", "mobilize", "march", "prepare", "mass"})
FORCE_PREPS = frozenset({"to", "into", "toward", "towards", "onto"})


def _leaves(v) -> bool:
    """'ordered the envoy to leave': a word of leaving follows the verb."""
    return any(t.lemma_.lower() in LEAVING for t in v.subtree if t.i > v.i)


def _shows_force(v) -> bool:
    """'ordered 3,000 troops to the border', 'ordered the army to advance': forces sent somewhere or to move, not
    'ordered the army to release the journalists'."""
    xcomps = [c for c in v.children if c.dep_ == "xcomp"]
    if xcomps:
        return any(x.lemma_.lower() in SHOWING_FORCE for x in xcomps)
    return any(c.dep_ == "prep" and c.lower_ in FORCE_PREPS for t in (v, *v.children) for c in t.children)


# (verbs, object nouns, code, a further condition on the verb or None)
ACTS: tuple[tuple[frozenset[str], frozenset[str], str, Callable | None], ...] = (
    (frozenset({"expel", "recall", "withdraw", "eject", "oust", "close", "shut", "downgrade"}), DIPLOMATS, "161",
     None),
    (frozenset({"order", "tell", "give", "instruct", "ask", "direct"}), DIPLOMATS, "161", _leaves),
    # 'ordered ten battalions to the border', 'ordered the army to its highest readiness': a show of force (154)
    (frozenset({"order", "put", "place", "mass"}), FORCES, "154", _shows_force),
    (frozenset({"break", "sever", "cut", "suspend", "downgrade", "freeze", "end", "rupture"}), TIES, "161", None),
    (frozenset({"impose", "slap", "reimpose", "extend", "announce", "tighten", "widen", "expand", "levy",
                "introduce", "approve", "adopt", "unveil", "raise"}), SANCTIONS, "163", None),
    (frozenset({"suspend", "cut", "halt", "freeze", "withhold", "stop", "end", "slash", "cancel", "withdraw"}), AID,
     "162", None),
    (frozenset({"lift", "ease", "relax", "remove", "scrap", "waive", "drop"}), SANCTIONS, "085", None),
    # 'will send 14 tanks to Ukraine' (072), 'sent rescue teams and relief supplies to Nepal' (073)
    (GIVING, WEAPONS, "072", None),
    (GIVING, RELIEF, "073", None),
    # 'vowed severe revenge', 'warned of serious consequences': a threat (130)
    (frozenset({"vow", "threaten", "promise", "warn", "pledge", "swear"}), REPRISALS, "130", None),
)
TRAVEL_VERBS = frozenset({"fly", "travel", "arrive", "go", "head", "cross", "come", "journey", "land"})
DESTINATION_PREPS = frozenset({"to", "into", "in", "for"})


_WINDOW = 4  # words after the verb read as its object when the parse loses it ('imposed travel bans and ...')
_WINDOW_STOP = frozenset({",", ";", ".", "on", "to", "against", "with", "from", "over", "after", "in", "that"})


def _object_nouns(v) -> list:
    """The nouns `v` acts on: direct or indirect objects and their conjuncts, through '$700 million in aid', and
    the nouns right after it."""
    out = []
    for tok in v.doc[v.i + 1 : min(v.i + 1 + _WINDOW, v.sent.end)]:
        if tok.lower_ in _WINDOW_STOP:
            break
        if tok.pos_ in ("NOUN", "PROPN", "VERB"):
            out.append(tok)
    for child in v.children:
        if child.dep_ not in ("dobj", "dative", "nsubjpass"):
            continue
        for noun in [child, *(c for c in child.children if c.dep_ == "conj")]:
            out.append(noun)
            for prep in noun.children:  # '$700 million in aid', 'a package of sanctions'
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    out.extend(p for p in prep.children if p.dep_ == "pobj")
    for prep in v.children:  # 'warned of serious consequences'
        if prep.dep_ == "prep" and prep.lower_ in ("of", "with"):
            out.extend(p for p in prep.children if p.dep_ == "pobj")
    return out


def relation_code(v) -> str | None:
    """The CAMEO code of an act on diplomats, ties, sanctions or aid headed by verb `v`, or None."""
    lemma = v.lemma_.lower()
    nouns = None
    for verbs, objects, code, condition in ACTS:
        if lemma not in verbs:
            continue
        if nouns is None:
            nouns = _object_nouns(v)
        if any(n.lemma_.lower() in objects or n.lower_ in objects for n in nouns) and (
                condition is None or condition(v)):
            return code
    return None


def visit_code(v, sources) -> str | None:
    """'Abiy Ahmed flew to Asmara', 'the foreign minister arrived in Pyongyang': a person who travels to a
    place visits it (042); forces that cross into a country do not (None)."""
    if v.lemma_.lower() not in TRAVEL_VERBS or not sources:
        return None
    if not all(a.kind == "person" or (a.kind in ("agent", "state") and a.sector in ("GOV", "ELI")) for a in sources):
        return None
    if not any(c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS for c in v.children):
        return None
    return "042"


def capture_code(v, sources) -> str | None:
    """'Hezbollah fighters captured two Israeli soldiers': people taken by armed groups are hostages (181); by a
    state's forces, detainees (173); 'captured the city' stays an occupation (the verb patterns)."""
    if v.lemma_.lower() not in CAPTURING or not sources:
        return None
    heads = [c for c in v.children if c.dep_ == "dobj"]  # the thing taken itself: 'the tanker and its crew' is a ship
    if not heads or not all(n.lemma_.lower() in CAPTIVES or n.lower_ in CAPTIVES for n in heads):
        return None
    armed = any(a.sector in ("REB", "INS") or (a.code or "").startswith(("IMG", "NGM")) or not a.country
                for a in sources)
    return "181" if armed else "173"
