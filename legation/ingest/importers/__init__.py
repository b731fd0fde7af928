"""Importers: GDELT, ICEWS and POLECAT/PLOVER event files into the store, beside legation's own coding.

`import_files("gdelt", paths, db)` is the library entry point behind `legation import`. Files are read as
streams (plain, zipped or gzipped) and each is committed on its own, a large one in chunks of rows (one
transaction each), so files larger than memory import in bounded memory and a bad file never undoes a good
one. Bad rows and bad files are error records in the report and the store, never exceptions. Each
imported event's `coder` names its dataset.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from .base import CHUNK_ROWS, BadRow, FileReport, Importer, ImportReport, run_import
from .gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, GdeltImporter
from .icews import ICEWS_COLUMNS, IcewsImporter
from .plover import PloverImporter

IMPORTERS: dict[str, type] = {"gdelt": GdeltImporter, "icews": IcewsImporter, "plover": PloverImporter}


def import_files(
    kind: str,
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    *,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import `kind` ('gdelt', 'icews' or 'plover') files into the store at `db`; the report."""
    if kind not in IMPORTERS:
        raise ValueError(f"unknown dataset {kind!r}; one of {', '.join(IMPORTERS)}")
    importer: Importer = IMPORTERS[kind]()
    return run_import(importer, paths, db, chunk_rows=chunk_rows, progress=progress)


__all__ = [
    "CHUNK_ROWS",
    "GDELT1_COLUMNS",
    "GDELT2_COLUMNS",
    "ICEWS_COLUMNS",
    "IMPORTERS",
    "BadRow",
    "FileReport",
    "ImportReport",
    "Importer",
    "import_files",
]
