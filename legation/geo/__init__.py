"""Geo: where events happened (gazetteer and toponym resolution).

Nothing here loads data at import time: the gazetteer is read on the first call that needs it.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, Place, distance_km, load
from .locate import locate_event
from .parse import geoparse_doc, geoparse_texts, resolve_spans
from .resolve import Toponym

__all__ = [
    "Gazetteer",
    "Place",
    "Toponym",
    "distance_km",
    "geoparse_doc",
    "geoparse_texts",
    "load",
    "locate_event",
    "resolve_spans",
]
