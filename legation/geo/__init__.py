"""Geo: where events happened (gazetteer and toponym resolution)."""
