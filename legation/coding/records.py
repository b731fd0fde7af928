"""Read `legation code` input: JSON lines of {id, text, date?, title?, url?}, checking each record."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date as _date
from typing import IO

from ..errors import message
from ..model import Document

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def iso_date(value: object) -> str | None:
    """The YYYY-MM-DD part of an ISO date or timestamp, or None when it is not one."""
    if not isinstance(value, str) or not _ISO.match(value.strip()):
        return None
    text = value.strip()[:10]
    try:
        _date.fromisoformat(text)
    except ValueError:
        return None
    return text


def read_jsonl(stream: IO[str], name: str = "<stdin>") -> Iterator[Document | str]:
    """Yield a Document per good line, or an error message naming the line for a bad one."""
    for no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{no}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield message("E001", where, exc.msg)
            continue
        if not isinstance(rec, dict):
            yield message("E001", where, "the line is not a JSON object")
            continue
        rid = rec.get("id")
        if rid is None or str(rid).strip() == "":
            yield message("E002", where)
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield message("E003", f"{where} (id {rid})")
            continue
        date = rec.get("date")
        iso = iso_date(date) if date else None
        if date and iso is None:
            yield message("E007", f"{where} (id {rid})", str(date))
        yield Document(
            id=str(rid), text=text, date=iso, title=rec.get("title"), url=rec.get("url"),
            source=rec.get("source"),
        )
