"""Fetching page and feed URLs (used only when a URL is given; tests serve files on 127.0.0.1)."""

from __future__ import annotations

import urllib.request

USER_AGENT = "legation/0.1 (+offline political event coder)"
MAX_BYTES = 20_000_000
TIMEOUT = 20.0


def is_url(value: str) -> bool:
    """Whether a command-line input is an http(s) URL rather than a path."""
    return value.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> tuple[bytes, str, str]:
    """GET a URL: its body, content type and final URL; raises OSError (URLError) on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise OSError(f"over {MAX_BYTES} bytes")
        return body, response.headers.get("Content-Type", "").lower(), response.geturl()
