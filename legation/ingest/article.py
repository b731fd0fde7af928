"""What readers yield: an `Article` read from a source, or a `Problem` with a file or record."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import message
from ..store import ErrorRecord

_SPACE = re.compile(r"\s+")
_LINE_ENDS = re.compile(r"\r\n?")


def normalise(text: str) -> str:
    """The form two copies of one text share: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def clean_text(text: str) -> str:
    """Text as stored and coded: Unix line ends, no NULs, no trailing spaces, stripped."""
    text = _LINE_ENDS.sub("\n", text).replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One article read from a source, before it is deduplicated, coded and stored."""

    text: str
    location: str  # file, or file#record, or URL
    format: str  # txt, md, html, jsonl, csv, feed, warc
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO yyyy-mm-dd
    date_source: str | None = None
    source: str | None = None  # outlet
    external_id: str | None = None
    _norm: str | None = field(default=None, repr=False)

    @property
    def norm(self) -> str:
        """The normalised text (computed once)."""
        if self._norm is None:
            self._norm = normalise(self.text)
        return self._norm

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: exact copies share it."""
        return _digest(self.norm)

    @property
    def id(self) -> str:
        """Stable article id: a hash of the normalised text and the url."""
        return _digest(self.norm + "\x1f" + (self.url or ""))


@dataclass(slots=True)
class Problem:
    """A file or record that could not be read as an article, with its catalogue code."""

    location: str
    code: str
    kind: str  # short name: empty, binary, encoding, truncated_html, malformed_feed, bad_json, ...
    detail: str = ""
    limit: object = ""

    def record(self) -> ErrorRecord:
        """The `ingest_errors` row."""
        return ErrorRecord(
            location=self.location,
            code=self.code,
            kind=self.kind,
            message=message(self.code, where=self.location, detail=self.detail, limit=self.limit),
        )
