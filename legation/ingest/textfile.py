"""One article file for `legation code ARTICLE`: read with the ingest readers, returned as a Document."""

from __future__ import annotations

from pathlib import Path

from ..errors import LegationError
from ..model import Document
from .article import Article
from .readers import read_file


def read_text_article(path: Path) -> Document:
    """Read one article file (txt, md, html); E012 names the file when it holds no readable article."""
    for item in read_file(Path(path)):
        if isinstance(item, Article):
            return Document(
                id=Path(path).stem or item.id, text=item.text, date=item.published, title=item.title,
                url=item.url, source=item.source,
            )
        raise LegationError("E012", where=str(path), detail=f"{item.kind}: {item.detail or item.code}")
    raise LegationError("E012", where=str(path), detail="no article in the file")
