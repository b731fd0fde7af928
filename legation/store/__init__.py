"""Store: the only gateway to the DuckDB event store (default ./legation.duckdb, or $LEGATION_DB).

Schema (version in `schema_info`, applied by numbered migrations in `schema.py`):

- `articles`: one row per distinct article text. `id` hashes the normalised text and url; `content_hash`
  the text alone (unique: exact copies are stored once). Publication date (`published`, `date_source`),
  outlet (`source`), `language`, `format`, where it was read (`location`), its story `cluster_id`,
  `similarity` to the cluster, `coded` (false for non-English), `coder`, `seq` (ingest order) and its
  MinHash signature.
- `article_copies`: each further location where an exact copy was seen (so reports can be counted).
- `story_clusters`: near-copies (syndicated stories) share a cluster; its id is its first article's id.
- `events`: one row per coded event, keyed by `Event.id`: every `Event.to_dict()` field as a flat column
  (actors `source_*`/`target_*`, `plover_*`, location `lat`/`lon`/`location_country`/`admin1`/...,
  `date`/`date_precision`/`date_end`), with its evidence (article, sentence, trigger offsets) and cluster.
- `ingest_errors`: every file or record not stored or not coded, with its catalogue code, kind and message.
- `ingest_runs`, `error_runs` (bookkeeping, not in `TABLES`): each ingest run and the errors each run saw;
  `error_rows(store, since=RUN)` lists errors for `legation errors`.
- views `actors` (one row per actor mention in an event) and `cluster_summary` (articles, reports and
  outlets per story cluster).

The writer opens the file only for one batch at a time, so readers (`read_only=True`) get in between
batches; a reader that cannot get in within its wait raises E040. Readers that stream (`event_rows`) take
a snapshot and release the file before handing out the first row, so no consumer, however slow, holds
the writer up.
"""

from .records import ArticleRecord, Batch, ClusterRecord, CopyRecord, ErrorRecord, event_dict
from .runs import ERROR_FIELDS, begin_run, end_run, error_rows
from .schema import SCHEMA_VERSION, TABLES, VIEWS
from .store import DEFAULT_DB, EventFilter, KnownState, Store, open_store, resolve_db_path

__all__ = [
    "DEFAULT_DB",
    "ERROR_FIELDS",
    "SCHEMA_VERSION",
    "TABLES",
    "VIEWS",
    "begin_run",
    "end_run",
    "error_rows",
    "ArticleRecord",
    "Batch",
    "ClusterRecord",
    "CopyRecord",
    "ErrorRecord",
    "EventFilter",
    "KnownState",
    "Store",
    "event_dict",
    "open_store",
    "resolve_db_path",
]
