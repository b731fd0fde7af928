"""Analysis: dyad time series, trends, change points, comparison, alerts and reports over the event store.

The library API (the CLI and the web call the same functions):

- `dyad_report(store, a, b, freq="auto", sectors=None, refs=None, since=None, until=None) -> dict`
- `dyad_series(store, a, b, freq, sectors, since, until) -> DyadSeries`
- `compare(store, dyad, refs=None) -> dict`, `alignment(profile) -> dict`
- `find_alerts(store, rule=AlertRule(), dyad=None) -> list[dict]`
- `watch(sources, db, every, polls, rule, on_alert) -> int`
- `render_text(report)`, `render_html(report)`, `write_report(report, out_dir)`
"""

from .alerts import AlertRule, alert_key, describe, find_alerts, score_period
from .compare import DEFAULT_REFERENCES, alignment, compare
from .demo import DEMO_DYAD, demo_corpus, ingest_demo
from .html import render_html, write_charts, write_report
from .indicators import DEFINITIONS, classify, is_military_cooperation
from .periods import FREQS, period_of, period_range
from .report import dyad_report, render_text
from .series import DyadSeries, dyad_series
from .trend import change_points, linear_trend
from .watch import parse_interval, watch

__all__ = [
    "DEFAULT_REFERENCES",
    "DEFINITIONS",
    "DEMO_DYAD",
    "FREQS",
    "AlertRule",
    "DyadSeries",
    "alert_key",
    "alignment",
    "change_points",
    "classify",
    "compare",
    "demo_corpus",
    "describe",
    "dyad_report",
    "dyad_series",
    "find_alerts",
    "ingest_demo",
    "is_military_cooperation",
    "linear_trend",
    "parse_interval",
    "period_of",
    "period_range",
    "render_html",
    "render_text",
    "score_period",
    "watch",
    "write_charts",
    "write_report",
]
