"""The store's schema as numbered migrations; `SCHEMA_VERSION` is the newest."""

from __future__ import annotations

import logging

import duckdb

log = logging.getLogger(__name__)

ARTICLE_COLUMNS = (
    "id", "seq", "content_hash", "external_id", "url", "title", "text", "published", "date_source",
    "source", "language", "format", "location", "cluster_id", "similarity", "coded", "coder", "minhash",
)  # fmt: skip

ACTOR_FIELDS_V1 = ("text", "code", "country", "sector", "kind", "start", "end")
ACTOR_FIELDS = (*ACTOR_FIELDS_V1, "resolution")  # schema 2: how each actor was resolved

EVENT_COLUMNS = (
    "id", "article_id", "cluster_id", "sentence_index", "sentence", "sentence_start",
    *(f"source_{f}" for f in ACTOR_FIELDS_V1), *(f"target_{f}" for f in ACTOR_FIELDS_V1),
    "cameo", "cameo_name", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context",
    "modality", "trigger", "trigger_start", "trigger_end", "confidence", "coder",
    "location_name", "lat", "lon", "location_country", "admin1", "geonameid", "location_precision",
    "location", "date", "date_precision", "date_end", "extra",
    "source_resolution", "target_resolution",  # schema 2 (added columns come last)
)  # fmt: skip

COPY_COLUMNS = ("location", "article_id", "url", "source")
CLUSTER_COLUMNS = ("id", "first_article_id", "title", "first_published")
ERROR_COLUMNS = ("id", "location", "code", "kind", "message", "article_id")


def _actor_ddl(role: str) -> str:
    return (
        f"{role}_text VARCHAR, {role}_code VARCHAR, {role}_country VARCHAR, {role}_sector VARCHAR, "
        f"{role}_kind VARCHAR, {role}_start INTEGER, {role}_end INTEGER"
    )


def _actor_view_select(role: str, fields: tuple[str, ...] = ACTOR_FIELDS) -> str:
    cols = ", ".join(f'{role}_{f} AS "{f}"' for f in fields)
    return (
        f"SELECT id AS event_id, '{role}' AS role, article_id, {cols} FROM events"
        f" WHERE {role}_code IS NOT NULL"
    )


MIGRATIONS: list[list[str]] = [
    # 1: the first schema.
    [
        "CREATE TABLE schema_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, content_hash VARCHAR NOT NULL UNIQUE,
            external_id VARCHAR, url VARCHAR, title VARCHAR, text VARCHAR NOT NULL,
            published DATE, date_source VARCHAR, source VARCHAR, language VARCHAR, format VARCHAR,
            location VARCHAR, cluster_id VARCHAR NOT NULL, similarity DOUBLE, coded BOOLEAN NOT NULL,
            coder VARCHAR, minhash BLOB)""",
        """CREATE TABLE article_copies (
            location VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, url VARCHAR, source VARCHAR)""",
        """CREATE TABLE story_clusters (
            id VARCHAR PRIMARY KEY, first_article_id VARCHAR NOT NULL, title VARCHAR,
            first_published DATE)""",
        f"""CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, cluster_id VARCHAR,
            sentence_index INTEGER, sentence VARCHAR, sentence_start INTEGER,
            {_actor_ddl("source")}, {_actor_ddl("target")},
            cameo VARCHAR NOT NULL, cameo_name VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
            plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            modality VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            confidence DOUBLE, coder VARCHAR,
            location_name VARCHAR, lat DOUBLE, lon DOUBLE, location_country VARCHAR, admin1 VARCHAR,
            geonameid VARCHAR, location_precision VARCHAR, location VARCHAR,
            date VARCHAR, date_precision VARCHAR, date_end VARCHAR, extra VARCHAR)""",
        """CREATE TABLE ingest_errors (
            id VARCHAR PRIMARY KEY, location VARCHAR NOT NULL, code VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            message VARCHAR NOT NULL, article_id VARCHAR)""",
        f"CREATE VIEW actors AS {_actor_view_select('source', ACTOR_FIELDS_V1)} "
        f"UNION ALL {_actor_view_select('target', ACTOR_FIELDS_V1)}",
        """CREATE VIEW cluster_summary AS
            SELECT c.id, c.first_article_id, c.title, c.first_published,
                   count(DISTINCT a.id) AS articles,
                   count(DISTINCT a.id) + (SELECT count(*) FROM article_copies k
                        JOIN articles b ON b.id = k.article_id WHERE b.cluster_id = c.id) AS reports,
                   count(DISTINCT a.source) AS sources,
                   min(a.published) AS first_seen, max(a.published) AS last_seen
            FROM story_clusters c JOIN articles a ON a.cluster_id = c.id
            GROUP BY c.id, c.first_article_id, c.title, c.first_published""",
    ],
    # 2: each actor records how it was resolved (dictionary, title, person, coreference, headline, context).
    [
        "ALTER TABLE events ADD COLUMN source_resolution VARCHAR",
        "ALTER TABLE events ADD COLUMN target_resolution VARCHAR",
        "DROP VIEW actors",
        f"CREATE VIEW actors AS {_actor_view_select('source')} UNION ALL {_actor_view_select('target')}",
    ],
    # 3: a log of ingest runs, and which runs saw each recorded error (`legation errors --since RUN`).
    [
        """CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY, started TIMESTAMP NOT NULL, finished TIMESTAMP, inputs VARCHAR,
            read BIGINT, stored BIGINT, failed BIGINT)""",
        "CREATE TABLE error_runs (error_id VARCHAR NOT NULL, run_id INTEGER NOT NULL, PRIMARY KEY (error_id, run_id))",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("articles", "article_copies", "story_clusters", "events", "ingest_errors")
VIEWS = ("actors", "cluster_summary")
RUN_TABLES = ("ingest_runs", "error_runs")  # bookkeeping of runs, like schema_info: not the store's data


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version recorded in the database; 0 for an empty one."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every pending migration, each in its own transaction; return the version reached."""
    version = schema_version(con)
    for number in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[number - 1]:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO schema_info VALUES ('version', ?)", [str(number)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        log.info("store: migrated to schema version %d", number)
        version = number
    return version
