"""What every importer shares: plain and zipped files read as streams, chunked writes, the report."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol

from ...errors import message
from ...store import ErrorRecord, Store
from ...store.imports import ImportChunk, ImportedEvent, ImportedStory, ImportWriter

log = logging.getLogger(__name__)

CHUNK_ROWS = 25_000  # rows per stored transaction (a 1 GB GDELT file: about 100 transactions)
MAX_LISTED = 1_000  # bad rows listed in the report (all of them are recorded in the store)
MAX_UNMAPPED = 500  # distinct unmapped values counted in the report


@dataclass(slots=True)
class BadRow:
    """A row that was not imported: where it is, why (a catalogue code), and a short kind."""

    location: str
    code: str
    kind: str
    detail: str = ""
    limit: object = ""
    whole_file: bool = False  # the file is not of the dataset's layout: none of it was imported

    def message(self) -> str:
        """The catalogue message."""
        return message(self.code, self.location, self.detail, self.limit)

    def record(self) -> ErrorRecord:
        """The `ingest_errors` row."""
        return ErrorRecord(self.location, self.code, self.kind, self.message())


Parsed = tuple[ImportedStory, ImportedEvent]


@dataclass(slots=True)
class Source:
    """One data stream: a plain file, or one member of a zip archive."""

    name: str  # location prefix for line numbers: the file, or FILE!MEMBER
    path: Path
    member: str | None = None
    size: int = 0  # uncompressed bytes

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """The stream of raw bytes."""
        if self.member is None:
            with open(self.path, "rb") as fh:
                yield fh
        else:
            with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as fh:
                yield fh


class Importer(Protocol):
    """One dataset's reader: rows of a source in, stories and events (or bad rows) out."""

    name: str

    def rows(self, source: Source, lines: Iterator[str]) -> Iterator[Parsed | BadRow]:
        """Parse the decoded lines of one source."""
        ...

    def fold(self, kept: ImportedEvent, repeat: ImportedEvent) -> None:
        """Merge a repeat of an event (same key) into the kept one."""
        ...


@dataclass(slots=True)
class ImportReport:
    """What one import did; bad rows are counted by code and the first MAX_LISTED are listed."""

    dataset: str
    files: int = 0
    rows: int = 0  # data rows read
    events: int = 0  # new events stored
    stories: int = 0  # new stories (one synthetic article each)
    folded: int = 0  # rows that repeat another row's event (same key in the same chunk): folded into it
    already_stored: int = 0  # events stored before (by an earlier run, or an earlier chunk of this one)
    bad_rows: int = 0
    bad_by_code: dict[str, int] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)  # catalogue messages, file:line first
    file_errors: list[str] = field(default_factory=list)
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> value -> rows
    coders: dict[str, int] = field(default_factory=dict)  # rows per coder name (gdelt-1.0, gdelt-2.0)
    chunks: int = 0
    bytes_read: int = 0
    bytes_total: int = 0
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        """Rows read per second."""
        return self.rows / self.elapsed if self.elapsed else 0.0

    def bad(self, row: BadRow) -> ErrorRecord:
        """Count a bad row; its `ingest_errors` record."""
        self.bad_rows += 1
        self.bad_by_code[row.code] = self.bad_by_code.get(row.code, 0) + 1
        record = row.record()
        if len(self.bad_lines) < MAX_LISTED:
            self.bad_lines.append(record.message)
        return record

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        out["rows_per_second"] = round(self.rate, 1)
        out["elapsed"] = round(self.elapsed, 3)
        return out


class Unmapped:
    """Counts of values an importer could not map (country names, sectors, FIPS codes), bounded."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def note(self, kind: str, value: str) -> None:
        """Count one unmapped value."""
        counter = self.counts.setdefault(kind, Counter())
        if value in counter or len(counter) < MAX_UNMAPPED:
            counter[value] += 1

    def as_dict(self) -> dict[str, dict[str, int]]:
        """Most frequent first."""
        return {kind: dict(c.most_common()) for kind, c in sorted(self.counts.items())}


def sources(path: Path) -> list[Source]:
    """The data streams of a file: itself, or every data member of a zip archive."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [
                m for m in archive.infolist()
                if not m.is_dir() and not m.filename.startswith("__MACOSX/")
                and not Path(m.filename).name.startswith(".")
            ]  # fmt: skip
        return [Source(f"{path}!{m.filename}", path, m.filename, m.file_size) for m in members]
    return [Source(str(path), path, None, path.stat().st_size)]


def decoded_lines(stream: IO[bytes], report: ImportReport) -> Iterator[str]:
    """The stream's lines as text (undecodable bytes replaced), counting bytes into the report."""
    for raw in stream:
        report.bytes_read += len(raw)
        yield raw.decode("utf-8", "replace")


@lru_cache(maxsize=8192)
def iso_day(text: str) -> str | None:
    """'YYYY-MM-DD' from an ISO date or date-time (or 'YYYYMMDD'); None when it is not a real date."""
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None
    return None


def to_float(text: Any) -> float | None:
    """A float, or None for empty or malformed values."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value == value else None  # NaN is no value


def to_int(text: Any) -> int | None:
    """An int, or None for empty or malformed values."""
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


class _Chunk:
    """Rows gathered for one transaction: stories and events keyed, repeats folded."""

    def __init__(self) -> None:
        self.data = ImportChunk()
        self.stories: dict[str, ImportedStory] = {}
        self.events: dict[str, ImportedEvent] = {}
        self.rows = 0

    def add(self, importer: Importer, story: ImportedStory, event: ImportedEvent, report: ImportReport) -> None:
        """Take one parsed row: a new event, or a repeat folded into the one already taken."""
        self.rows += 1
        self.stories.setdefault(story.key, story)
        kept = self.events.get(event.key)
        if kept is None:
            self.events[event.key] = event
        else:
            importer.fold(kept, event)
            report.folded += 1

    def finish(self) -> ImportChunk:
        """The chunk to write; this gatherer lets go of its rows."""
        self.data.stories = list(self.stories.values())
        self.data.events = list(self.events.values())
        self.stories, self.events = {}, {}
        return self.data


def run_import(
    importer: Importer,
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    *,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import files into the store at `db`, one transaction per chunk of rows; bad rows are recorded."""
    started = time.perf_counter()
    report = ImportReport(importer.name)
    unmapped: Unmapped = getattr(importer, "unmapped", None) or Unmapped()
    files = [Path(p) for p in paths]
    store = Store(db)
    with store.writer():
        writer = ImportWriter(store)
        chunk = _Chunk()

        def flush() -> None:
            """Write the gathered chunk in one transaction and start the next."""
            nonlocal chunk
            data, rows = chunk.finish(), chunk.rows
            chunk = _Chunk()
            if data.stories or data.events or data.errors:
                count = len(data.events)
                result = writer.write(data)  # empties `data`
                report.events += result.events
                report.stories += result.stories
                report.already_stored += count - result.events
                report.chunks += 1
                log.info("import chunk %d: %d rows, %d new events", report.chunks, rows, result.events)
            report.elapsed = time.perf_counter() - started
            report.unmapped = unmapped.as_dict()
            if progress:
                progress(report)

        streams: list[Source] = []
        for path in files:
            report.files += 1
            try:
                found = sources(path)
            except OSError as exc:
                bad = BadRow(str(path), "E012", "unreadable", exc.strerror or str(exc))
                report.file_errors.append(bad.message())
                chunk.data.errors.append(bad.record())
                continue
            streams.extend(found)
            report.bytes_total += sum(s.size for s in found)
        for source in streams:
            try:
                with source.open() as stream:
                    for item in importer.rows(source, decoded_lines(stream, report)):
                        if isinstance(item, BadRow) and item.whole_file:
                            report.file_errors.append(item.message())
                            chunk.data.errors.append(item.record())
                        elif isinstance(item, BadRow):
                            chunk.data.errors.append(report.bad(item))
                        else:
                            report.rows += 1
                            report.coders[item[1].coder] = report.coders.get(item[1].coder, 0) + 1
                            chunk.add(importer, item[0], item[1], report)
                        if chunk.rows + len(chunk.data.errors) >= chunk_rows:
                            flush()
            except (OSError, zipfile.BadZipFile, EOFError) as exc:
                bad = BadRow(source.name, "E012", "unreadable", str(exc))
                report.file_errors.append(bad.message())
                chunk.data.errors.append(bad.record())
        flush()
    report.elapsed = time.perf_counter() - started
    log.info("import %s: %s", importer.name, {k: v for k, v in report.to_dict().items() if k != "bad_lines"})
    return report
