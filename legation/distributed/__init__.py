"""Distributed: coding on Dask, locally or on a cluster."""
