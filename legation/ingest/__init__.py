"""Ingest: read articles from files, folders, feeds, WARCs and URLs; deduplicate, code and store them.

`run(paths, db)` is the library entry point behind `legation ingest`.
"""

from .article import Article, Problem, normalise
from .readers import read_file, read_sources
from .runner import Coder, IngestReport, run

__all__ = ["Article", "Coder", "IngestReport", "Problem", "normalise", "read_file", "read_sources", "run"]
