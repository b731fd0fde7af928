"""Coding: predicates and arguments into CAMEO and PLOVER events."""
