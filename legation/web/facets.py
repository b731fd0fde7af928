"""The events page's facets and active filters as links: each facet value adds its filter, each chip removes one.

The counts come from `legation.store.search.facet_counts`; this module only turns them, and the request's
parameters, into URLs of the events page (offset reset, sort and page size kept).
"""

from __future__ import annotations

from typing import Any

from .charts import events_url
from .params import EventQuery

# Facet name -> (the events parameter its link sets, its heading on the page).
FACETS: dict[str, tuple[str, str]] = {
    "root": ("root", "CAMEO root"),
    "plover": ("plover", "PLOVER type"),
    "src": ("src", "source"),
    "tgt": ("tgt", "target"),
    "outlet": ("outlet", "outlet"),
    "month": ("month", "month"),
    "coder": ("coder", "coder"),
}
SORT_LABELS = {"date": "date, oldest first", "-date": "date, newest first", "goldstein": "Goldstein, low to high",
               "-goldstein": "Goldstein, high to low", "-confidence": "confidence, high to low"}  # fmt: skip
PAGE_SIZES = (25, 50, 100, 250)
_LABELS = {"q": "search", "cameo": "CAMEO", "plover": "PLOVER", "actor": "either side", "cluster": "story"}
_DEFAULT = EventQuery()


def view_params(q: EventQuery) -> dict[str, Any]:
    """What a link from this page keeps: the filters, and the sort and page size when not the defaults."""
    kept = dict(q.query())
    if q.sort != _DEFAULT.sort:
        kept["sort"] = q.sort
    if q.limit != _DEFAULT.limit:
        kept["limit"] = q.limit
    return kept


def _root_label(root: str) -> str:
    from ..coding.cameo import cameo_table

    found = cameo_table().get(root)
    return f"{root} {found.name.capitalize()}" if found else root


def facet_links(facets: dict[str, dict[str, Any]], q: EventQuery) -> list[dict[str, Any]]:
    """The facets in page order, each value with a label, its count, whether it is the active filter, and
    `href`: this page with that filter added (or, for the active value, the page without it)."""
    kept = view_params(q)
    out = []
    for name, (param, heading) in FACETS.items():
        found = facets.get(name) or {"values": [], "distinct": 0}
        current = kept.get(param)
        values = []
        for item in found["values"]:
            value = item["value"]
            active = current is not None and str(current).upper() == str(value).upper()
            params = {k: v for k, v in kept.items() if k != param} if active else {**kept, param: value}
            values.append({"value": value, "count": item["count"], "active": active, "href": events_url(**params),
                           "label": _root_label(value) if name == "root" else value})  # fmt: skip
        out.append({"name": name, "param": param, "heading": heading, "distinct": found["distinct"],
                    "values": values})  # fmt: skip
    return out


def active_filters(q: EventQuery) -> list[dict[str, str]]:
    """Each filter that is set, as {"label", "href"}: the href is this page without that filter.

    A dyad (source, target and either direction) is one filter: removing one side alone would be E117."""
    kept = view_params(q)
    chips = []
    if "source" in kept:
        arrow = "↔" if kept.get("undirected") else "→"
        rest = {k: v for k, v in kept.items() if k not in ("source", "target", "undirected")}
        chips.append({"param": "dyad", "label": f"dyad {kept['source']} {arrow} {kept.get('target', '')}",
                      "href": events_url(**rest)})  # fmt: skip
    for key, value in kept.items():
        if key in ("source", "target", "undirected", "sort", "limit"):
            continue
        rest = {k: v for k, v in kept.items() if k != key}
        label = f"{_LABELS.get(key) or (FACETS[key][1] if key in FACETS else key)}: {value}"
        chips.append({"param": key, "label": label, "href": events_url(**rest)})
    return chips
