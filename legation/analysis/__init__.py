"""Analysis: dyad time series, trends, change points and alerts."""
