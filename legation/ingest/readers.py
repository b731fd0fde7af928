"""Readers: files, folders and URLs in, `Article`s and `Problem`s out, in a stable order."""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..nlp.textcheck import is_binary
from .article import Article, Problem, clean_text
from .fetch import fetch, is_url
from .meta import host_of, parse_date, split_header

log = logging.getLogger(__name__)

Item = Article | Problem

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".feed"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_BLOCK_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")
_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
# Byte-order marks and their codecs; UTF-32 first, as its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))  # fmt: skip


def iter_paths(paths: Iterable[str | Path]) -> Iterator[str | Path | Problem]:
    """Every input: URLs as given, files, and the files under folders (recursively, sorted, no hidden).

    A folder that cannot be listed is a `Problem` (E130), as is anything in a folder that is neither a
    file nor a folder (E126: a pipe would block the reader)."""
    for given in paths:
        if isinstance(given, str) and is_url(given):
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found: list[tuple[str, Path | Problem]] = []
            _walk(path, "", found)
            yield from (item for _key, item in sorted(found, key=lambda pair: pair[0]))
        else:
            yield path


def _walk(folder: Path, prefix: str, found: list[tuple[str, Path | Problem]]) -> None:
    """Collect (relative path, file or problem) under `folder`, skipping hidden names and folder links."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError as exc:
        found.append((prefix, Problem(str(folder.resolve()), "E130", "unreadable_folder", exc.strerror or str(exc))))
        return
    for entry in listed:
        if entry.name.startswith("."):
            continue
        rel, path = prefix + entry.name, Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                _walk(path, rel + "/", found)
            elif entry.is_file() or entry.is_symlink():  # a broken link is reported by read_file
                if not entry.is_dir():  # a link to a folder is not followed
                    found.append((rel, path))
            else:
                found.append((rel, _not_a_file(path, entry.stat().st_mode)))
        except OSError as exc:
            found.append((rel, Problem(str(path.resolve()), "E012", "unreadable", exc.strerror or str(exc))))


def _not_a_file(path: Path, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return Problem(str(path.resolve()), "E126", "not_a_file", kind)


def read_sources(paths: Iterable[str | Path], follow_links: bool | None = None) -> Iterator[Item]:
    """Read every input in order; feed entry links are fetched when `follow_links` (default: URL feeds)."""
    for source in iter_paths(paths):
        if isinstance(source, Problem):
            yield source
        elif isinstance(source, str):
            yield from read_url(source, follow_links=follow_links is not False)
        else:
            yield from read_file(source, follow_links=bool(follow_links))


def read_url(url: str, follow_links: bool = True) -> Iterator[Item]:
    """Fetch a page or feed URL and read it."""
    try:
        body, content_type, final_url = fetch(url)
    except OSError as exc:
        yield Problem(url, "E012", "fetch", str(exc))
        return
    if "xml" in content_type or "rss" in content_type or _FEED_SNIFF.search(body[:2048]):
        yield from read_feed(body, url, follow_links=follow_links)
    else:
        yield from read_html(body, url, url=final_url)


def read_file(path: Path, follow_links: bool = False) -> Iterator[Item]:
    """Read one file by its suffix (sniffing feeds in unknown XML), reporting what is wrong with it."""
    location = str(path.resolve())
    name = path.name.lower()
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a FIFO or device would block (or never end) instead of reading
            yield _not_a_file(path, mode)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem(location, "E012", "unreadable", exc.strerror or str(exc))
        return
    if not raw.strip():
        yield Problem(location, "E003", "empty")
        return
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(raw, location)
        return
    suffix = path.suffix.lower()
    known = suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or suffix in TABLE_SUFFIXES
    if not known and suffix not in FEED_SUFFIXES:
        yield Problem(location, "E044", "unsupported", suffix or "no suffix")
        return
    codec = _bom(raw)
    table = suffix in TABLE_SUFFIXES  # one NUL byte spoils one record, not the file
    if codec is None and _looks_binary(raw, allow_nul=table):
        yield Problem(location, "E005", "binary")
        return
    if suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and codec is None):  # they sniff their encoding
        if suffix in HTML_SUFFIXES:
            yield from read_html(raw, location)
        else:
            yield from read_feed(raw, location, follow_links=follow_links)
        return
    text = _decode(raw, location)  # UTF-8, or the UTF-16/32 a byte-order mark names
    if isinstance(text, Problem):
        yield text
        return
    if codec is not None and _binary_text(text, allow_nul=table):
        yield Problem(location, "E005", "binary")
        return
    if suffix in HTML_SUFFIXES:
        yield from read_html(text, location)
    elif suffix in TEXT_SUFFIXES:
        yield from read_text(text, location, TEXT_SUFFIXES[suffix], path)
    elif TABLE_SUFFIXES[suffix] == "jsonl":
        yield from read_jsonl(text, location)
    else:
        yield from read_csv(text, location)


def _bom(raw: bytes) -> str | None:
    """The codec a byte-order mark names (UTF-16, UTF-32), or None."""
    return next((codec for mark, codec in _BOMS if raw.startswith(mark)), None)


def _looks_binary(raw: bytes, allow_nul: bool = False) -> bool:
    """Whether undecoded bytes are binary junk: a NUL (unless `allow_nul`) or many control bytes in the head."""
    head = raw[:8192]
    if b"\x00" in head and not allow_nul:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def _binary_text(text: str, allow_nul: bool = False) -> bool:
    """Whether decoded text is binary junk: control characters (a NUL, unless `allow_nul`) in the head."""
    head = text[:8192]
    if "\x00" in head and not allow_nul:
        return True
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\f\r")
    return control > len(head) * 0.05


def _decode(raw: bytes, location: str) -> str | Problem:
    codec = _bom(raw)
    try:
        return raw.decode(codec) if codec else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start : exc.start + 1].hex()
        where = f"{codec}: " if codec else ""
        return Problem(location, "E043", "encoding", f"{where}byte 0x{byte} at offset {exc.start}")


def read_text(text: str, location: str, fmt: str, path: Path | None = None) -> Iterator[Item]:
    """A .txt/.md article: first line the title, then optional header lines (a date line, Source:, URL:)."""
    lines = clean_text(text).split("\n")
    title = lines[0].lstrip("#").strip() if lines else ""
    meta, start = split_header(lines[1:], title)
    body = clean_text("\n".join(lines[1 + start :]))
    if not body:
        yield Problem(location, "E003", "empty")
        return
    published = parse_date(meta.get("date"))
    date_source = "text" if published else None  # an undated article has no publication date (not the file's)
    url = meta.get("url")
    source = meta.get("source") or host_of(url) or (path.parent.name if path is not None else None)
    yield Article(body, location, fmt, title or None, url, published, date_source, source)


def read_html(
    raw: bytes | str, location: str, url: str | None = None, fallback: tuple[str, str] | None = None
) -> Iterator[Item]:
    """A web page: main text and metadata via trafilatura; a page cut off before its end is an error."""
    import trafilatura

    head = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
    lower = head.lower()
    if ("<html" in lower or "<body" in lower) and "</html>" not in lower and "</body>" not in lower:
        yield Problem(location, "E041", "truncated_html", "no closing </body> or </html> tag")
        return
    doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False)
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = clean_text(data.get("text") or "")
    title = (data.get("title") or "").strip() or None
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :].lstrip()
    if not text:
        yield Problem(location, "E003", "empty", "no main text found in the page")
        return
    page_url = url or data.get("url")
    published = parse_date(data.get("date"))
    date_source = "metadata" if published else None
    if not published and fallback:
        published, date_source = fallback
    source = data.get("sitename") or host_of(page_url) or data.get("hostname")
    yield Article(text, location, "html", title, page_url, published, date_source, source)


def _record(rec: Any, location: str, fmt: str) -> Iterator[Item]:
    if not isinstance(rec, dict):
        yield Problem(location, "E001", "bad_record", "not a JSON object")
        return
    text = rec.get("text")
    if not isinstance(text, str) or not clean_text(text):
        yield Problem(location, "E003", "empty")
        return
    if is_binary(text) or any(isinstance(v, str) and "\x00" in v for v in rec.values()):
        yield Problem(location, "E005", "binary", "a NUL byte or control characters in the record")
        return
    raw_date = rec.get("date") or rec.get("published")
    published = parse_date(raw_date)
    if raw_date and not published:
        yield Problem(location, "E007", "bad_date", str(raw_date))
    url = rec.get("url") or None
    source = rec.get("source") or host_of(url)
    ext = rec.get("id")
    yield Article(
        clean_text(text), location, fmt, (rec.get("title") or "").strip() or None, url, published,
        "metadata" if published else None, source, str(ext) if ext not in (None, "") else None,
    )  # fmt: skip


def read_jsonl(text: str, location: str) -> Iterator[Item]:
    """JSON lines with the fields id, url, title, date, text, source."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{location}:{number}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, "E001", "bad_json", exc.msg)
            continue
        yield from _record(rec, where, "jsonl")


def read_csv(text: str, location: str) -> Iterator[Item]:
    """CSV with a header row naming the columns id, url, title, date, text, source."""
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [(name or "").strip().lower() for name in reader.fieldnames or []]
        if "text" not in columns:  # one message for the file, not one per row
            listed = ", ".join(repr(c) for c in columns if c) or "none"
            yield Problem(location, "E127", "no_text_column", listed)
            return
        reader.fieldnames = columns
        for number, rec in enumerate(reader, start=2):
            yield from _record(rec, f"{location}:{reader.line_num or number}", "csv")
    except csv.Error as exc:
        yield Problem(location, "E012", "bad_csv", str(exc))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block per line."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    return clean_text(root.text_content())


def read_feed(raw: bytes, location: str, follow_links: bool = False) -> Iterator[Item]:
    """An RSS or Atom feed: one article per entry (full content, else summary; the page when following)."""
    import feedparser

    parsed = feedparser.parse(raw)
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.bozo and not isinstance(parsed.get("bozo_exception"), benign):
        yield Problem(location, "E042", "malformed_feed", str(parsed.get("bozo_exception")))
    elif not parsed.version and not parsed.entries:
        yield Problem(location, "E042", "malformed_feed", "not an RSS or Atom feed")
        return
    feed_source = parsed.feed.get("title") or host_of(parsed.feed.get("link"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{location}#{entry.get('id') or number}"
        link = entry.get("link")
        published = parse_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        if follow_links and link and is_url(link):
            page = [i for i in read_url(link, follow_links=False) if isinstance(i, Article)]
            if page:
                article = page[0]
                article.location, article.title = where, entry.get("title") or article.title
                if published:
                    article.published, article.date_source = published, "feed"
                yield article
                continue
            log.warning("%s: could not fetch %s; using the feed's text", where, link)
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary", "")
        text = html_to_text(html or "")
        if not text:
            if not parsed.bozo:
                yield Problem(where, "E003", "empty")
            continue
        source = feed_source or host_of(link)
        yield Article(
            text, where, "feed", (entry.get("title") or "").strip() or None, link, published,
            "feed" if published else None, source,
        )  # fmt: skip


def read_warc(raw: bytes, location: str) -> Iterator[Item]:
    """A WARC file (CC-NEWS): each HTML response record is a page; a cut-off or damaged archive is E128."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    start = _warc_start(raw)
    if not start.lstrip().startswith((b"WARC/", b"filedesc://")):
        first = start.lstrip().split(b"\n", 1)[0][:60].decode("utf-8", errors="replace").strip()
        yield Problem(location, "E129", "not_warc", f"it starts with {first!r}" if first else "no WARC header")
        return
    records, offset, end = 0, 0, 0
    try:
        archive = ArchiveIterator(io.BytesIO(raw))
        for record in archive:
            yield from _warc_page(record, location)
            archive.read_to_end(record)
            offset = archive.get_record_offset()
            end = offset + archive.get_record_length()
            records += 1
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        yield Problem(location, "E128", "damaged_warc", str(exc).splitlines()[0] if str(exc) else "unreadable", records)
        return
    damage = _warc_damage(raw, offset, end) if records else "no whole record"
    if damage:
        yield Problem(location, "E128", "damaged_warc", damage, records)


def _warc_page(record: Any, location: str) -> Iterator[Item]:
    """The page of one WARC record, if it is an HTML response."""
    if record.rec_type != "response":
        return
    headers = record.http_headers
    if not headers or "html" not in (headers.get_header("Content-Type") or "").lower():
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{location}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
    warc_date = parse_date((record.rec_headers.get_header("WARC-Date") or "")[:10])
    fallback = (warc_date, "warc") if warc_date else None
    yield from read_html(record.content_stream().read(), where, url=url, fallback=fallback)


def _warc_start(raw: bytes) -> bytes:
    """The first bytes of a WARC, decompressed when it is gzipped."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw[:256]
    try:
        return zlib.decompressobj(wbits=31).decompress(raw[:65536], 256)
    except zlib.error:
        return b""


def _warc_damage(raw: bytes, offset: int, end: int) -> str | None:
    """What is wrong with the end of a WARC whose last whole record starts at `offset` and ends at `end`."""
    if raw.startswith(b"\x1f\x8b"):  # one gzip member per record: the last one must be complete
        if end < len(raw):
            return f"{len(raw) - end} bytes after the last whole record cannot be read"
        member = zlib.decompressobj(wbits=31)
        try:
            member.decompress(raw[offset:])
        except zlib.error as exc:
            return f"the last record is corrupt ({exc})"
        return None if member.eof else "the file ends inside its last record"
    tail = raw[end:]
    if tail[:4] not in (b"\r\n\r\n",) or tail[4:].strip():  # each record ends with a blank line
        return "the file ends inside its last record"
    return None
