"""What every importer shares: files read as bounded streams of lines, chunked writes, the report.

A file is plain text, a zip archive (every data member is read) or gzip. Each file is committed on its
own (and a large one in chunks of rows), so that a bad file never undoes a good one before it. A bad row
is an error record with its file and line; a file that cannot be read, or holds nothing to import, is
one error record naming it. No row or file ends the import with a traceback.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import math
import os
import struct
import time
import zipfile
import zlib
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
MAX_LINE = 1 << 20  # bytes: a longer line is a bad row, skipped without being held in memory
MAX_FIELD = 128 * 1024  # characters: a longer field of a tab-separated row makes the row bad
MAX_INDEX = 2**31 - 1  # the largest sentence index the store holds (INTEGER)
BLOCK = 1 << 20  # bytes read at a time
SNIFF = 64 * 1024  # bytes at the start of a stream checked for binary data
_READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError)


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


@dataclass(slots=True)
class Skipped:
    """A record that is not an event and is skipped without an error (a PLOVER DOCUMENT record)."""

    location: str
    reason: str


Parsed = tuple[ImportedStory, ImportedEvent]
FOLDED, DUPLICATE, CONFLICT = "folded", "duplicate", "conflict"  # what `Importer.fold` did with a repeat
Line = tuple[int, str | None]  # line number (from 1) and text; None for a line over MAX_LINE bytes


class FileProblem(Exception):
    """A whole file (or archive member) cannot be imported; carries its error record."""

    def __init__(self, bad: BadRow) -> None:
        super().__init__(bad.message())
        self.bad = bad


@dataclass(slots=True)
class Source:
    """One data stream: a plain file, one member of a zip archive, or a gzip file."""

    name: str  # location prefix for line numbers: the file, or FILE!MEMBER
    path: Path
    member: str | None = None
    size: int = 0  # uncompressed bytes (for gzip, as its trailer gives it)
    gzipped: bool = False
    line: int = 0  # the last line read

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """The stream of raw bytes."""
        if self.member is not None:
            with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as fh:
                yield fh
        elif self.gzipped:
            with gzip.open(self.path, "rb") as fh:
                yield fh  # type: ignore[misc]
        else:
            with open(self.path, "rb") as fh:
                yield fh


class Importer(Protocol):
    """One dataset's reader: lines of a source in, stories and events (or bad rows) out."""

    name: str
    describes: str  # what a file of this dataset holds, for E099 ("GDELT 1.0 or 2.0 event rows")

    def rows(self, source: Source, lines: Iterator[Line]) -> Iterator[Parsed | BadRow | Skipped]:
        """Parse the numbered lines of one source."""
        ...

    def fold(self, kept: ImportedEvent, repeat: ImportedEvent) -> str:
        """Merge a repeat of an event (same key) into the kept one: FOLDED, DUPLICATE (it repeats a row already
        read) or CONFLICT (another event under the same key: it is a bad row)."""
        ...

    def finish(self, event: ImportedEvent) -> None:
        """Complete a folded event before it is stored."""
        ...


@dataclass(slots=True)
class FileReport:
    """What one input file gave: rows read, new events and stories, bad rows, and why it failed (if it did)."""

    path: str
    rows: int = 0
    events: int = 0
    stories: int = 0
    bad_rows: int = 0
    error: str | None = None


@dataclass(slots=True)
class ImportReport:
    """What one import did; bad rows are counted by code and the first MAX_LISTED are listed."""

    dataset: str
    files: int = 0
    rows: int = 0  # data rows read
    events: int = 0  # new events stored
    stories: int = 0  # new stories (one synthetic article each)
    folded: int = 0  # rows that repeat another row's event (same key in the same chunk): folded into it
    duplicates: int = 0  # rows that repeat a row already read (the same GLOBALEVENTID or event id)
    already_stored: int = 0  # events stored before (by an earlier run, or an earlier chunk of this one)
    skipped: int = 0  # records that are not events (PLOVER DOCUMENT records)
    bad_rows: int = 0
    bad_by_code: dict[str, int] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)  # catalogue messages, file:line first
    file_errors: list[str] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)  # the input files named by file_errors
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> value -> rows
    coders: dict[str, int] = field(default_factory=dict)  # rows per coder name (gdelt-1.0, gdelt-2.0)
    per_file: list[FileReport] = field(default_factory=list)
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


def _file_problem(path: Path, code: str, kind: str, detail: str, limit: object = "") -> FileProblem:
    return FileProblem(BadRow(str(path), code, kind, detail, limit, whole_file=True))


def _gzip_size(path: Path) -> int:
    """The uncompressed size a gzip trailer records (modulo 4 GiB), or 0."""
    try:
        with open(path, "rb") as fh:
            fh.seek(-4, os.SEEK_END)
            return int(struct.unpack("<I", fh.read(4))[0])
    except (OSError, struct.error):
        return 0


def _check_gzip(path: Path) -> None:
    """Read a gzip file through once, so that a damaged one is rejected before any of its rows is imported
    (its checksum is only at its end)."""
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(BLOCK):
                pass
    except (*_READ_ERRORS, ValueError) as exc:
        raise _file_problem(path, "E012", "unreadable", f"a damaged or truncated gzip file ({exc})") from None


def sources(path: Path, describes: str = "events") -> list[Source]:
    """The data streams of a file: itself, every data member of a zip archive, or a gzip stream.

    Raises FileProblem for a file that cannot be opened, is empty, or is a damaged or empty archive (a zip
    or gzip file is checked whole first: its checksums are at its end, and damaged compressed data can
    decompress into rows that look right)."""
    try:
        if path.is_dir():
            raise _file_problem(path, "E012", "unreadable", "it is a folder, not a file")
        size = path.stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise _file_problem(path, "E012", "unreadable", exc.strerror or str(exc)) from None
    if size == 0:
        raise _file_problem(path, "E099", "empty", "the file is empty", describes)
    if magic[:2] == b"\x1f\x8b":
        _check_gzip(path)
        return [Source(str(path), path, None, _gzip_size(path), gzipped=True)]
    if magic[:2] != b"PK" and not zipfile.is_zipfile(path):
        return [Source(str(path), path, None, size)]
    try:
        with zipfile.ZipFile(path) as archive:
            listed = archive.infolist()
            damaged = archive.testzip()  # checks every member's CRC before any row is imported
    except (*_READ_ERRORS, ValueError) as exc:
        raise _file_problem(path, "E012", "unreadable", f"a damaged or truncated zip archive ({exc})") from None
    if damaged is not None:
        raise _file_problem(path, "E012", "unreadable", f"a damaged zip archive (bad CRC in {damaged})")
    members = [
        m for m in listed
        if not m.is_dir() and not m.filename.startswith("__MACOSX/") and not Path(m.filename).name.startswith(".")
    ]  # fmt: skip
    if not members:
        what = "the zip archive holds only folders" if listed else "the zip archive holds no files"
        raise _file_problem(path, "E099", "empty", what, describes)
    return [Source(f"{path}!{m.filename}", path, m.filename, m.file_size) for m in members]


def _looks_binary(head: bytes) -> bool:
    """True when the first bytes of a stream are not text: NUL bytes, or more than 10% undecodable."""
    if b"\x00" in head:
        return True
    text = head.decode("utf-8", "replace")
    return text.count("\ufffd") > max(8, len(text) // 10)


def read_lines(stream: IO[bytes], source: Source, report: ImportReport) -> Iterator[Line]:
    """The stream's lines, numbered from 1, decoded as UTF-8 (undecodable bytes replaced), without the
    line end; a line over MAX_LINE bytes comes as None and is never held whole. Raises FileProblem when the
    stream starts with binary data."""
    pending = b""  # the start of a line whose end is in a later block
    too_long = False  # inside a line already over MAX_LINE
    number = 0
    first = True
    while block := stream.read(BLOCK):
        report.bytes_read += len(block)
        if first:
            first = False
            if _looks_binary(block[:SNIFF]):
                raise FileProblem(BadRow(source.name, "E012", "unreadable", "binary data, not a text file",
                                         whole_file=True))  # fmt: skip
            if block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
        parts = block.split(b"\n")
        last = parts.pop()
        for part in parts:
            number += 1
            source.line = number
            if too_long or len(pending) + len(part) > MAX_LINE:
                too_long, pending = False, b""
                yield number, None
                continue
            raw, pending = pending + part if pending else part, b""
            yield number, raw.decode("utf-8", "replace").rstrip("\r")
        if too_long:
            continue
        if len(pending) + len(last) > MAX_LINE:
            too_long, pending = True, b""
        else:
            pending += last
    if too_long or pending:
        number += 1
        source.line = number
        yield number, (None if too_long else pending.decode("utf-8", "replace").rstrip("\r"))


def too_long(where: str) -> BadRow:
    """The bad row for a line over MAX_LINE bytes."""
    return BadRow(where, "E098", "too_long", f"the line is over {MAX_LINE:,} bytes")


def tab_fields(text: str, where: str) -> list[str] | BadRow:
    """A tab-separated line's fields; a carriage return inside a field is read as a space; a field over
    MAX_FIELD characters makes the row bad."""
    if "\r" in text:
        text = text.replace("\r", " ")
    fields = text.split("\t")
    if len(text) > MAX_FIELD:
        longest = max(len(f) for f in fields)
        if longest > MAX_FIELD:
            return BadRow(where, "E098", "too_long", f"a field of {longest:,} characters, over {MAX_FIELD:,}")
    return fields


def guarded(where: str, parse: Callable[..., Any], *args: Any) -> Any:
    """`parse(*args)`, or a bad row naming the error when it raises (a value the parser did not expect)."""
    try:
        return parse(*args)
    except Exception as exc:  # noqa: BLE001 - a bad row must never end the import
        log.debug("%s: row not read", where, exc_info=True)
        return BadRow(where, "E098", "bad_value", f"the row could not be read ({type(exc).__name__}: {exc})")


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
    """A finite float, or None for empty, malformed, infinite or NaN values."""
    try:
        value = float(text)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def to_int(text: Any) -> int | None:
    """An int, or None for empty, malformed or non-integral values (a float like 3.0 counts)."""
    if isinstance(text, float):
        return int(text) if math.isfinite(text) and text.is_integer() else None
    try:
        return int(text)
    except (TypeError, ValueError, OverflowError):
        return None


def check_event(event: ImportedEvent, where: str) -> BadRow | None:
    """A bad row when the event holds a value the store cannot hold (a sentence index out of range)."""
    if not 0 <= event.sentence_index <= MAX_INDEX:
        detail = f"the sentence index {event.sentence_index} is out of range (0 to {MAX_INDEX:,})"
        return BadRow(where, "E098", "bad_value", detail)
    return None


class _Chunk:
    """Rows gathered for one transaction: stories and events keyed, repeats folded."""

    def __init__(self) -> None:
        self.data = ImportChunk()
        self.stories: dict[str, ImportedStory] = {}
        self.events: dict[str, ImportedEvent] = {}
        self.rows = 0
        self.last_story: str | None = None

    def add(self, importer: Importer, story: ImportedStory, event: ImportedEvent, report: ImportReport) -> bool:
        """Take one parsed row: a new event, or a repeat folded into the one already taken; False (nothing
        taken) when it is another event under a key already taken."""
        kept = self.events.get(event.key)
        if kept is not None:
            outcome = importer.fold(kept, event)
            if outcome == CONFLICT:
                return False
            if outcome == DUPLICATE:
                report.duplicates += 1
            else:
                report.folded += 1
        else:
            self.events[event.key] = event
        self.rows += 1
        self.last_story = story.key
        self.stories.setdefault(story.key, story)
        return True

    def finish(self, importer: Importer) -> ImportChunk:
        """The chunk to write; this gatherer lets go of its rows."""
        for event in self.events.values():
            if event.folding is not None:
                importer.finish(event)
        self.data.stories = list(self.stories.values())
        self.data.events = list(self.events.values())
        self.stories, self.events = {}, {}
        return self.data


class _Run:
    """One import: files in order, each committed on its own, into one store."""

    def __init__(self, importer: Importer, store: Store, chunk_rows: int,
                 progress: Callable[[ImportReport], None] | None) -> None:  # fmt: skip
        self.importer, self.store, self.chunk_rows, self.progress = importer, store, max(1, chunk_rows), progress
        self.report = ImportReport(importer.name)
        self.unmapped: Unmapped = getattr(importer, "unmapped", None) or Unmapped()
        self.writer = ImportWriter(store)
        self.chunk = _Chunk()
        self.file = FileReport("")
        self.started = time.perf_counter()

    def flush(self) -> None:
        """Write the gathered chunk in one transaction and start the next."""
        data, rows = self.chunk.finish(self.importer), self.chunk.rows
        self.chunk = _Chunk()
        if data.stories or data.events or data.errors:
            count, errors = len(data.events), list(data.errors)
            try:
                result = self.writer.write(data)  # empties `data`
            except Exception as exc:  # noqa: BLE001 - recorded as the file's error; the next file goes on
                log.debug("import chunk not stored", exc_info=True)
                bad = BadRow(self.file.path, "E012", "unreadable", f"its rows could not be stored ({exc})")
                self._fail(bad)
                self.writer.write(ImportChunk(errors=[*errors, bad.record()]))
                return
            self.report.events += result.events
            self.report.stories += result.stories
            self.report.already_stored += count - result.events
            self.report.chunks += 1
            self.file.events += result.events
            self.file.stories += result.stories
            log.info("import chunk %d: %d rows, %d new events", self.report.chunks, rows, result.events)
        self.report.elapsed = time.perf_counter() - self.started
        self.report.unmapped = self.unmapped.as_dict()
        if self.progress:
            self.progress(self.report)

    def _fail(self, bad: BadRow) -> None:
        """Note a file-level error (once per file in `failed_files`)."""
        self.report.file_errors.append(bad.message())
        if self.file.error is None:
            self.file.error = bad.message()
            self.report.failed_files.append(self.file.path)

    def file_error(self, bad: BadRow) -> None:
        """Record a file-level error with the file's rows."""
        self._fail(bad)
        self.chunk.data.errors.append(bad.record())

    def take(self, item: Parsed | BadRow | Skipped) -> None:
        """One item from an importer: a bad row, a skipped record, or a parsed row."""
        report, chunk = self.report, self.chunk
        if isinstance(item, Skipped):
            report.skipped += 1
            return
        if isinstance(item, BadRow) and item.whole_file:
            self.file_error(item)
            return
        if isinstance(item, BadRow):
            chunk.data.errors.append(report.bad(item))
            self.file.bad_rows += 1
            if len(chunk.data.errors) >= self.chunk_rows:
                self.flush()
            return
        story, event = item
        problem = check_event(event, story.location)
        if problem is not None:
            self.take(problem)
            return
        full = chunk.rows >= self.chunk_rows
        if full and (story.key != chunk.last_story or chunk.rows >= 2 * self.chunk_rows):
            self.flush()  # at a story's boundary, so that a story's repeats fold in one chunk
        if not self.chunk.add(self.importer, story, event, report):
            detail = f"another event has the id {event.extra.get('event_id') or event.key!r} earlier in the file"
            self.take(BadRow(story.location, "E098", "repeated_id", detail))
            return
        report.rows += 1
        self.file.rows += 1
        report.coders[event.coder] = report.coders.get(event.coder, 0) + 1

    def read(self, source: Source) -> None:
        """Import one stream; a fault ends it with a file error, the rows read before it are kept."""
        before = (self.file.rows, self.file.bad_rows, self.report.skipped, len(self.report.file_errors))
        try:
            with source.open() as stream:
                for item in self.importer.rows(source, read_lines(stream, source, self.report)):
                    self.take(item)
        except FileProblem as problem:
            self.file_error(problem.bad)
        except Exception as exc:  # noqa: BLE001 - a damaged stream is the file's error, never a traceback
            if not isinstance(exc, _READ_ERRORS):
                log.debug("%s: import stopped", source.name, exc_info=True)
            read = self.file.rows - before[0]
            detail = f"it stops after line {source.line}: {type(exc).__name__}: {exc}"
            if read:
                detail += f"; the {read:,} rows before it were imported"
            self.file_error(BadRow(source.name, "E012", "unreadable", detail, whole_file=True))
        if (self.file.rows, self.file.bad_rows, self.report.skipped, len(self.report.file_errors)) == before:
            what = "no event rows" if source.line else "no lines"
            self.file_error(BadRow(source.name, "E099", "empty", f"the file holds {what}", self.importer.describes,
                                   whole_file=True))  # fmt: skip

    def run(self, paths: Iterable[Path]) -> ImportReport:
        """Import every file, committing each on its own."""
        for path in paths:
            self.report.files += 1
            self.file = FileReport(str(path))
            self.report.per_file.append(self.file)
            try:
                found = sources(path, self.importer.describes)
            except FileProblem as problem:
                self.file_error(problem.bad)
                found = []
            self.report.bytes_total += sum(s.size for s in found)
            for source in found:
                self.read(source)
            self.flush()
        self.report.elapsed = time.perf_counter() - self.started
        return self.report


def run_import(
    importer: Importer,
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    *,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import files into the store at `db`, each committed on its own (a large one in chunks of rows)."""
    files = [Path(p) for p in paths]
    store = Store(db)
    with store.writer("import"):
        report = _Run(importer, store, chunk_rows, progress).run(files)
    log.info("import %s: %s", importer.name,
             {k: v for k, v in report.to_dict().items() if k not in ("bad_lines", "per_file")})  # fmt: skip
    return report
