"""Running the app: `serve`, what `legation serve` calls."""

from __future__ import annotations

import logging
import os

import uvicorn

from .app import create_app, loopback_hosts
from .security import TOKEN_ENV

log = logging.getLogger(__name__)


def resolve_token(token: str | None) -> str | None:
    """The token given, else $LEGATION_TOKEN, else None (no token)."""
    return token or os.environ.get(TOKEN_ENV) or None


def serve(
    db: str | os.PathLike[str] | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    code_timeout: float = 20.0,
    log_level: str = "info",
    access_log: bool = False,
) -> None:
    """Serve the API and dashboard over the store at `db` (read-only) with uvicorn until interrupted."""
    token = resolve_token(token)
    allowed = loopback_hosts(host)
    if allowed is None and not token:
        log.warning("web: serving on %s without a token: anyone who can reach it can read the store", host)
    app = create_app(db, token, code_timeout=code_timeout, allowed_hosts=allowed)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=access_log, server_header=False)
