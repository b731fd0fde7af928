"""A small thread-safe result cache, emptied whenever the store's files change on disk.

Reports and alerts take seconds to compute and are the same until an ingest writes to the store, so the
web keeps the latest results keyed by their parameters and by the store's file stamps (size and mtime of
the database and its WAL, or of a Parquet dataset's commit folder). Concurrent requests for the same key
wait for the one computation instead of each starting their own.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def store_stamp(path: Path) -> tuple[Any, ...]:
    """What changes when the store at `path` is written: file sizes and modification times."""
    parts: list[Any] = []
    candidates = [path / "_commits", path] if path.is_dir() else [path, path.with_name(path.name + ".wal")]
    for candidate in candidates:
        try:
            info = os.stat(candidate)
        except OSError:
            parts.append(None)
            continue
        parts.append((info.st_size, info.st_mtime_ns))
    return tuple(parts)


class ResultCache:
    """Computed values by key, for the current store stamp; least recently used ones go first."""

    def __init__(self, stamp: Callable[[], Hashable], size: int = 128) -> None:
        self._stamp = stamp
        self._size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self._seen: Hashable = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for `key`, computing it once (other callers wait) when missing or stale."""
        full = (self._current(), key)
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return self._values[full]
            pending = self._pending.setdefault(full, threading.Lock())
        with pending:
            with self._lock:
                if full in self._values:
                    return self._values[full]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._pending.pop(full, None)
                raise
            with self._lock:
                self._values[full] = value
                self._pending.pop(full, None)
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
            return value

    def _current(self) -> Hashable:
        stamp = self._stamp()
        with self._lock:
            if stamp != self._seen:  # the store changed: every cached value is stale
                self._values.clear()
                self._seen = stamp
        return stamp

    def __len__(self) -> int:
        return len(self._values)
