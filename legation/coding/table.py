"""A readable plain-text table of events and their evidence, for `legation code ARTICLE`."""

from __future__ import annotations

import textwrap

from ..model import Document, Event


def _actor(a) -> str:
    return f"{a.code} ({a.text})" if a else "-"


def _where(location: dict | None) -> str:
    """' @ Moscow (venue)'; a place guessed from the article's country says so: ' @ Russia? (article country)'."""
    if not location or not location.get("name"):
        return ""
    if location.get("precision") == "article" or location.get("basis") == "article":
        return f" @ {location['name']}? (article country)"
    basis = location.get("basis")
    return f" @ {location['name']}" + (f" ({basis})" if basis else "")


def render(doc: Document, events: list[Event], width: int = 100) -> str:
    """Events grouped by sentence: who did what to whom, codes, modality, and the sentence."""
    head = f"{doc.title or doc.id}  date={doc.date or '?'}  events={len(events)}"
    lines = [head, "=" * min(len(head), width)]
    by_sentence: dict[int, list[Event]] = {}
    for ev in events:
        by_sentence.setdefault(ev.sentence_index, []).append(ev)
    for index, evs in sorted(by_sentence.items()):
        lines.append("")
        lines.extend(textwrap.wrap(f"[{index}] {evs[0].sentence}", width, subsequent_indent="    "))
        for ev in evs:
            where = _where(ev.location)
            when = f" on {ev.date}" if ev.date else ""
            lines.append(
                f"  {_actor(ev.source):<28} {ev.cameo:<5} {ev.cameo_name[:32]:<32} {_actor(ev.target):<26}"
                f" {ev.plover.type or '-':<10} g={ev.goldstein:+.1f} {ev.modality} '{ev.trigger}'{when}{where}"
            )
    return "\n".join(lines) + "\n"
