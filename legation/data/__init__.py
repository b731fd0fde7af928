"""Shipped dictionaries, built by scripts/build_data.py."""
