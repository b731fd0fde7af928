"""Charts (matplotlib, Agg) and the self-contained HTML report; `write_report` saves JSON, HTML, text and charts."""

from __future__ import annotations

import html
import io
import json
import logging
from pathlib import Path
from typing import Any

from .report import render_text

log = logging.getLogger(__name__)

COLORS = {"cooperation": "#1f77b4", "conflict": "#d62728", "military_cooperation": "#2ca02c"}
CHARTS = ("cooperation_conflict", "normalised")


def _figure(report: dict[str, Any], name: str) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = report["series"]
    labels = [r["period"] for r in rows]
    x = list(range(len(rows)))
    fig = Figure(figsize=(9, 3.6), dpi=100)
    FigureCanvasAgg(fig)  # the Agg backend, without pyplot (no global state, no display)
    ax = fig.add_subplot(1, 1, 1)
    if name == "cooperation_conflict":
        for key in ("cooperation", "conflict", "military_cooperation"):
            style = "--" if key == "military_cooperation" else "-"
            ax.plot(x, [r[key] for r in rows], style, marker="o", markersize=3, linewidth=2,
                    color=COLORS[key], label=key.replace("_", " "))  # fmt: skip
        for cp in report["change_points"].get("military_cooperation", []):
            ax.axvline(cp["index"] - 0.5, color=COLORS["military_cooperation"], linestyle=":", linewidth=1.5)
        ax.set_ylabel(f"stories per {report['freq']}")
        ax.set_title(f"{report['dyad']['label']}: cooperation against conflict (story events)")
    else:
        for key in ("cooperation", "conflict", "military_cooperation"):
            values = [r["normalised"][key] for r in rows]
            ax.plot(x, [float("nan") if v is None else v for v in values], marker="o", markersize=3, linewidth=2,
                    color=COLORS[key], label=f"{key.replace('_', ' ')} share")  # fmt: skip
        fit = report["trend"]["military_cooperation"].get("share", {})
        if fit.get("slope") is not None:
            ax.plot(x, [fit["intercept"] + fit["slope"] * i for i in x], color=COLORS["military_cooperation"],
                    linestyle=":", linewidth=1.5, label=f"military share trend ({fit['direction']})")  # fmt: skip
        ax.set_ylabel("share of all coded stories")
        ax.set_title(f"{report['dyad']['label']}: normalised by the volume of coded stories")
    step = max(1, len(labels) // 14)
    ax.set_xticks(x[::step], labels[::step], rotation=45, ha="right", fontsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best", framealpha=0.85)
    fig.tight_layout()
    return fig


def chart_svg(report: dict[str, Any], name: str) -> str:
    """One chart (`cooperation_conflict` or `normalised`) as an inline <svg> element."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "legation", "svg.fonttype": "none"}):
        buffer = io.StringIO()
        _figure(report, name).savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def write_charts(report: dict[str, Any], directory: str | Path) -> list[Path]:
    """Write every chart as SVG and PNG into `directory`; return the paths."""
    import matplotlib

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in CHARTS:
        svg = out / f"{name}.svg"
        svg.write_text(chart_svg(report, name), encoding="utf-8")
        png = out / f"{name}.png"
        with matplotlib.rc_context({"svg.hashsalt": "legation"}):
            _figure(report, name).savefig(png, format="png", metadata={"Software": None})
        paths += [svg, png]
    return paths


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85em; } td, th { padding: 2px 8px; text-align: right; }
th { background: #f3f3f3; } td.l, th.l { text-align: left; white-space: nowrap; }
tr:nth-child(even) td { background: #fafafa; }
.chart svg { width: 100%; height: auto; } ul.summary li { margin: 0.3em 0; }
blockquote { margin: 0.3em 0 0.8em 1em; } .meta { color: #666; font-size: 0.85em; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list[Any]], left: int = 1) -> str:
    head = "".join(f'<th class="{"l" if i < left else ""}">{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"l" if i < left else ""}">{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _round(value: Any, digits: int = 3) -> Any:
    return round(value, digits) if isinstance(value, float) else value


def render_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page with inline SVG charts (works offline)."""
    label = report["dyad"]["label"]
    parts = [f"<h1>Relationship report: {_e(label)}</h1>",
             f'<p class="meta">{_e(report["range"]["from"])} to {_e(report["range"]["to"])}, per '
             f'{_e(report["freq"])}. {_e(report["counting"])}</p>',
             '<ul class="summary">' + "".join(f"<li>{_e(s)}</li>" for s in report["summary"]) + "</ul>"]  # fmt: skip
    for name in CHARTS:
        parts.append(f'<div class="chart" id="chart-{name}">{chart_svg(report, name)}</div>')
    parts.append("<h2>Trend</h2>")
    trend_rows = []
    for name, fit in report["trend"].items():
        ci = fit["ci"] or [None, None]
        share = fit.get("share", {})
        trend_rows.append([name, fit["direction"], _round(fit["slope"], 4), _round(ci[0], 4), _round(ci[1], 4),
                           fit["unit"], share.get("direction", "-"), _round(share.get("slope"), 5)])  # fmt: skip
    parts.append(_table(["indicator", "direction", "slope", "95% CI low", "95% CI high", "unit",
                         "share direction", "share slope"], trend_rows))  # fmt: skip
    parts.append("<h2>Change points</h2>")
    cps = [[n, p["period"], p["direction"], _round(p["before"], 2), _round(p["after"], 2)]
           for n, points in report["change_points"].items() for p in points]  # fmt: skip
    parts.append(_table(["indicator", "from period", "direction", "mean before", "mean after"], cps) if cps
                 else "<p>None found.</p>")  # fmt: skip
    parts.append("<h2>Strongest evidence</h2>")
    for item in report["evidence"]:
        art = item["article"]
        title = _e(art["title"] or art["id"])
        link = f'<a href="{_e(art["url"])}">{title}</a>' if art.get("url") else title
        parts.append(
            f'<p class="meta">{_e(item["date"])} · {_e(item["source"])} {_e(item["cameo"])} {_e(item["target"])} '
            f"({_e(item['cameo_name'])}; {_e(', '.join(item['indicators']))}) · {link} · {_e(art['source'])} · "
            f"{_e(item['reports'])} report(s)</p><blockquote>{_e(item['evidence'])}</blockquote>"
        )
    parts.append("<h2>Comparison and alignment</h2>")
    comparison = report["comparison"]
    names = [c["name"] for c in comparison["dyad"]["alignment"]["components"]]
    rows = []
    for profile in [comparison["dyad"], *comparison["references"]]:
        values = {c["name"]: c["value"] for c in profile["alignment"]["components"]}
        rows.append(
            [
                profile["dyad"],
                profile["events"],
                profile["military_cooperation"],
                profile["hostile"],
                _round(profile["alignment"]["score"]),
                *[_round(values.get(n)) for n in names],
                _round(profile.get("distance")),
            ]
        )
    parts.append(_table(["dyad", "events", "military coop.", "hostile", "alignment", *names, "distance"], rows))
    weights = "; ".join(f"{c['name']} x {c['weight']}: {c['definition']}"
                        for c in comparison["dyad"]["alignment"]["components"])  # fmt: skip
    parts.append(f'<p class="meta">Alignment = sum of weight x component. {_e(weights)}. '
                 f'Closest reference: {_e(comparison.get("closest"))}.</p>')  # fmt: skip
    parts.append("<h2>Series</h2>")
    keys = ["period", "events", "reports", "cooperation", "conflict", "military_cooperation", "visits",
            "agreements", "hostile", "goldstein_mean", "volume"]  # fmt: skip
    series_rows = [[_round(r[k]) for k in keys] + [r["normalised"]["military_cooperation"]] for r in report["series"]]
    parts.append(_table([*keys, "military share"], series_rows))
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(label)} relationship report'
        f"</title><style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def write_report(report: dict[str, Any], directory: str | Path) -> dict[str, Path]:
    """Write report.json, report.html, report.txt and the charts (SVG and PNG) into `directory`."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "html": out / "report.html", "text": out / "report.txt"}
    paths["json"].write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    paths["html"].write_text(render_html(report), encoding="utf-8")
    paths["text"].write_text(render_text(report) + "\n", encoding="utf-8")
    for path in write_charts(report, out):
        paths[path.name] = path
    log.info("report written to %s", out)
    return paths
