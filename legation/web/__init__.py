"""Web: the JSON API and the dashboard."""
