"""Charts drawn on the server as inline SVG: bars, lines and an actor network (the map is `worldmap`).

Every mark that stands for events is a link to those events, and carries a tooltip (<title>). Only SVG
presentation attributes are used (no style attributes), so the pages keep a strict Content-Security-Policy.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

COOPERATION, CONFLICT, MILITARY, MIXED = "#1f77b4", "#d62728", "#2ca02c", "#8c6bb1"
GRID, INK, MUTED = "#e3e3e3", "#222222", "#666666"
FONT = 'font-family="system-ui, sans-serif"'


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}"


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `top` (about `count` of them)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(int(math.ceil(top / step)) + 1)]


def _tick_label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _open(width: int, height: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{_e(label)}" {FONT} font-size="11">'
            f"<title>{_e(label)}</title>")  # fmt: skip


def _y_axis(ticks: list[float], left: int, right: int, y_of: Any) -> list[str]:
    parts = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}">'
                     f"{_tick_label(tick)}</text>")  # fmt: skip
    return parts


def _x_label(x: float, y: float, text: str) -> str:
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="end" fill="{MUTED}" '
            f'transform="rotate(-45 {_n(x)} {_n(y)})">{_e(text)}</text>')  # fmt: skip


def bar_chart(bars: Sequence[dict[str, Any]], label: str, width: int = 960, height: int = 220) -> str:
    """Bars of `value`, each a link (`href`) with a tooltip (`tip`); `axis` labels the bars that have one."""
    left, right, top, bottom = 44, 10, 12, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((b["value"] for b in bars), default=0))
    y_of = lambda v: top + plot_h * (1 - v / ticks[-1])  # noqa: E731 - a local scale
    step = plot_w / max(1, len(bars))
    parts = [_open(width, height, label), *_y_axis(ticks, left, width - right, y_of)]
    for i, bar in enumerate(bars):
        x, y = left + i * step, y_of(bar["value"])
        body = (f'<rect class="bar" x="{_n(x + step * 0.1)}" y="{_n(y)}" width="{_n(max(1.0, step * 0.8))}" '
                f'height="{_n(top + plot_h - y)}" fill="{COOPERATION}"><title>{_e(bar.get("tip"))}</title></rect>')
        parts.append(f'<a href="{_e(bar["href"])}">{body}</a>' if bar.get("href") else body)
        if bar.get("axis"):
            parts.append(_x_label(x + step / 2, top + plot_h + 12, bar["axis"]))
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    periods: Sequence[dict[str, Any]],
    lines: Sequence[tuple[str, str, str, bool]],
    label: str,
    width: int = 960,
    height: int = 280,
) -> str:
    """One line per (key, name, colour, dashed) over the periods; each period's column links to its events.

    A period is {"label", "values": {key: number}, "href", "tip"}.
    """
    left, right, top, bottom = 44, 10, 28, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max((p["values"].get(k) or 0 for p in periods for k, *_ in lines), default=0)
    ticks = nice_ticks(top_value)
    y_of = lambda v: top + plot_h * (1 - v / ticks[-1])  # noqa: E731 - a local scale
    step = plot_w / max(1, len(periods))
    x_of = lambda i: left + (i + 0.5) * step  # noqa: E731 - a local scale
    parts = [_open(width, height, label), *_y_axis(ticks, left, width - right, y_of)]
    for n, (_, name, colour, dashed) in enumerate(lines):
        x = left + n * 190
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(f'<line x1="{x}" x2="{x + 24}" y1="12" y2="12" stroke="{colour}" stroke-width="2.5"{dash}/>')
        parts.append(f'<text x="{x + 30}" y="16" fill="{INK}">{_e(name)}</text>')
    for key, _, colour, dashed in lines:
        points = " ".join(f"{_n(x_of(i))},{_n(y_of(p['values'].get(key) or 0))}" for i, p in enumerate(periods))
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(f'<polyline class="series" data-series="{_e(key)}" points="{points}" fill="none" '
                     f'stroke="{colour}" stroke-width="2.5"{dash}/>')  # fmt: skip
        for i, period in enumerate(periods):
            value = period["values"].get(key) or 0
            parts.append(f'<circle cx="{_n(x_of(i))}" cy="{_n(y_of(value))}" r="3" fill="{colour}"/>')
    every = max(1, math.ceil(len(periods) / 24))
    for i, period in enumerate(periods):
        tip = f"<title>{_e(period.get('tip'))}</title>"
        column = (f'<rect class="period" data-period="{_e(period["label"])}" x="{_n(left + i * step)}" y="{top}" '
                  f'width="{_n(step)}" height="{plot_h}" fill="#ffffff" fill-opacity="0">{tip}</rect>')
        parts.append(f'<a href="{_e(period["href"])}">{column}</a>' if period.get("href") else column)
        if i % every == 0:
            parts.append(_x_label(x_of(i) + 4, top + plot_h + 14, period["label"]))
    parts.append("</svg>")
    return "".join(parts)


def _edge_colour(cooperation: int, conflict: int) -> str:
    total = cooperation + conflict
    if not total:
        return MUTED
    share = cooperation / total
    return COOPERATION if share >= 0.65 else CONFLICT if share <= 0.35 else MIXED


def network(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]], label: str, size: int = 680) -> str:
    """Actors on a circle, joined by lines as thick as their story events and coloured by their balance.

    A node is {"id", "label", "weight", "href", "tip"}; an edge {"a", "b", "stories", "cooperation",
    "conflict", "href", "tip"}. Blue: mostly cooperation, red: mostly conflict, purple: mixed.
    """
    centre, radius = size / 2, size / 2 - 70
    where = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        where[node["id"]] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    parts = [_open(size, size, label)]
    most = max((e["stories"] for e in edges), default=1)
    for edge in edges:
        if edge["a"] not in where or edge["b"] not in where:
            continue
        (x1, y1, _), (x2, y2, _) = where[edge["a"]], where[edge["b"]]
        width = 1 + 6 * math.log1p(edge["stories"]) / math.log1p(most)
        line = (f'<line class="edge" data-dyad="{_e(edge["a"])}-{_e(edge["b"])}" x1="{_n(x1)}" y1="{_n(y1)}" '
                f'x2="{_n(x2)}" y2="{_n(y2)}" stroke="{_edge_colour(edge["cooperation"], edge["conflict"])}" '
                f'stroke-width="{_n(width)}" stroke-opacity="0.7"><title>{_e(edge.get("tip"))}</title></line>')
        parts.append(f'<a href="{_e(edge["href"])}">{line}</a>' if edge.get("href") else line)
    heaviest = max((n["weight"] for n in nodes), default=1) or 1
    for node in nodes:
        x, y, angle = where[node["id"]]
        r = 5 + 9 * math.sqrt(node["weight"] / heaviest)
        lx, ly = x + (r + 6) * math.cos(angle), y + (r + 6) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dot = (f'<circle class="node" data-actor="{_e(node["id"])}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" '
               f'fill="#444444"><title>{_e(node.get("tip"))}</title></circle>'
               f'<text x="{_n(lx)}" y="{_n(ly + 4)}" text-anchor="{anchor}" fill="{INK}" font-size="12">'
               f"{_e(node['label'])}</text>")  # fmt: skip
        parts.append(f'<a href="{_e(node["href"])}">{dot}</a>' if node.get("href") else dot)
    parts.append("</svg>")
    return "".join(parts)
