"""Actors: recognise and code the who of each event."""
