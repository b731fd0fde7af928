"""Article files for `legation code FILE`: read with the ingest readers, returned as Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from ..errors import LegationError
from ..model import Document
from .article import Article, Problem
from .readers import HTML_SUFFIXES, TEXT_SUFFIXES, read_file


def _document(item: Article, doc_id: str) -> Document:
    return Document(
        id=doc_id, text=item.text, date=item.published, title=item.title, url=item.url, source=item.source,
    )  # fmt: skip


def read_text_article(path: Path) -> Document:
    """Read one article file (txt, md, html); E012 names the file when it holds no readable article."""
    for item in read_file(Path(path)):
        if isinstance(item, Article):
            return _document(item, Path(path).stem or item.id)
        if item.code == "E126":  # a pipe or device: said so, not "could not be read"
            raise LegationError(item.code, where=item.location, detail=item.detail)
        raise LegationError("E012", where=str(path), detail=f"{item.kind}: {item.detail or item.code}")
    raise LegationError("E012", where=str(path), detail="no article in the file")


def read_articles(path: Path) -> Iterator[Document | str]:
    """Every article of a file (a .jsonl, .csv, feed or WARC holds many), or a message per bad record.

    A one-article file (txt, md, html) is a Document named after the file, as `read_text_article` gives;
    an article of a many-article file is named by its record id, else by the ingest article id. A file
    that cannot be read at all raises its catalogue error here, before any coding."""
    path = Path(path)
    if path.suffix.lower() in TEXT_SUFFIXES or path.suffix.lower() in HTML_SUFFIXES:
        return iter([read_text_article(path)])
    items = read_file(path)
    first = next(items, None)
    if first is None:
        raise LegationError("E012", where=str(path), detail="no article in the file")
    if isinstance(first, Problem) and first.location == str(path.resolve()):  # the whole file failed
        raise LegationError(first.code, where=first.location, detail=first.detail, limit=first.limit)
    return _documents(chain([first], items))


def _documents(items: Iterable[Article | Problem]) -> Iterator[Document | str]:
    for item in items:
        if isinstance(item, Article):
            yield _document(item, item.external_id or item.id)
        else:
            yield item.record().message
