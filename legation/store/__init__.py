"""Store: the only gateway to the DuckDB event store."""
