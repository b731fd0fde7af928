"""Dates: when events happened, resolved against the publication date."""
