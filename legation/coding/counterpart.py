"""The implicit counterpart: an act with no named target, by one of the two states an article is about.

Wire copy names the other side once and then drops it: "China responded by sending two patrol ships to the
area", "Troops and armour were moving towards the border". Human coders (and the wire gold) code such an
act against the other state of the article's pair. An event with a source and no target is given that
target when its source is one of the article's two states (the headline's pair, else the two named most
often so far, `ArticleMemory.article_pair`), except statements, appeals and protests (roots 01, 02, 14),
which often have no counterpart. The target carries `resolution = "article"`, no character offsets, and
the event `extra["target_basis"] = "article"`, so a user can leave such events out.
"""

from __future__ import annotations

from ..model import Actor, Event

SOLO_ROOTS = frozenset({"01", "02", "14"})


def counterpart_of(source_country: str | None, pair: tuple[str, str] | None) -> str | None:
    """The other state of the article's pair, when the source is one of them."""
    if not source_country or not pair or pair[0] == pair[1] or source_country not in pair:
        return None
    return pair[1] if source_country == pair[0] else pair[0]


def add_implicit_targets(events: list[Event], pair: tuple[str, str] | None) -> None:
    """Give each source-only event (not a statement, appeal or protest) the article's other state, in place."""
    for ev in events:
        if ev.target is not None or ev.source is None or ev.root in SOLO_ROOTS:
            continue
        other = counterpart_of(ev.source.country, pair)
        if other is not None:
            ev.target = Actor(other, other, other, None, "state", None, None, "article")
            ev.extra["target_basis"] = "article"
