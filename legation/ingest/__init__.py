"""Ingest: read articles from files and feeds into Documents."""
