"""Every dashboard view as a flat table: fixed columns per view, so a CSV header never depends on the result.

The API's `.csv` routes write these tables; the JSON routes return the views as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell that starts so as a formula

VOLUME = ("month", "stories")
DYADS = ("side_a", "side_b", "stories", "cooperation", "conflict")
ALERTS = ("period", "start", "end", "dyad", "a", "b", "indicator", "direction", "count", "expected", "sd", "z",
          "volume", "threshold", "freq", "event_ids")  # fmt: skip
NETWORK = ("a", "b", "stories", "cooperation", "conflict")
TIMELINE = ("period", "start", "end", "events", "reports", "cooperation", "conflict", "military_cooperation",
            "visits", "agreements", "hostile", "goldstein_sum", "goldstein_mean", "quad_1", "quad_2", "quad_3",
            "quad_4", "volume")  # fmt: skip
PLACES = ("name", "country", "lat", "lon", "count", "cooperation", "conflict", "precision", "basis", "event_id",
          "sentence")  # fmt: skip
OVERVIEW_TABLES = {"volume": VOLUME, "dyads": DYADS, "alerts": ALERTS}


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (text starting with = + - @ gets a quote)."""
    if isinstance(value, str) and value.startswith(CSV_RISKY):
        return "'" + value
    return value


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text: the header `columns`, then one line per row (missing cells empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def alert_rows(alerts: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Alerts as rows of ALERTS: the events behind each one as space-separated event ids."""
    return [{**a, "event_ids": " ".join(e["event_id"] for e in a.get("events", []))} for a in alerts]


def timeline_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A dyad report's series as rows of TIMELINE (the quad class counts as four columns)."""
    rows = []
    for row in report["series"]:
        quads = row.get("quad_class") or {}
        rows.append({**row, **{f"quad_{q}": quads.get(str(q), 0) for q in range(1, 5)}})
    return rows


def overview_rows(overview: Mapping[str, Any], table: str) -> tuple[Sequence[str], list[dict[str, Any]]]:
    """One of the overview's tables (volume, dyads or alerts) with its columns."""
    if table == "volume":
        return VOLUME, list(overview["volume"])
    if table == "dyads":
        return DYADS, list(overview["top_dyads"])
    return ALERTS, alert_rows(overview["alerts"]["alerts"])
