"""The FastAPI app: the JSON API, the dashboard pages, static files and offline API docs."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import LegationError
from . import api, pages, params
from .security import MAX_BODY, BodyLimit, SecurityHeaders, TokenCookie, headers_of, status_of
from .service import Coder, Dashboard

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
DESCRIPTION = """Political events coded from news text, with their evidence, read from a legation store.

The store is opened read-only. When the server has a token, every route needs it as
`Authorization: Bearer TOKEN`. Every parameter is checked: a bad date or unknown code gets a 422 that says
what is wrong (error codes E110-E125 of the catalogue in `legation/errors.py`)."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi.json", "/docs", "/redoc"))


async def _legation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LegationError)
    status = status_of(exc.code)
    if status >= 500:
        log.warning("web: %s %s: %s", request.method, request.url.path, exc)
    if _is_api(request):
        return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=status, headers=headers_of(exc.code))
    response = pages.render_error(request, status, "This page could not be shown", [str(exc)])
    response.headers.update(headers_of(exc.code))
    return response


def _validation_messages(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_messages(exc)
    if _is_api(request):
        return JSONResponse({"detail": errors}, status_code=422)
    lines = [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors]
    bad = frozenset(str(e["loc"][1]) for e in errors if len(e["loc"]) > 1 and e["loc"][0] == "query")
    return pages.render_error(request, 422, "Some parameters are not right", lines, bad)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _is_api(request) or request.url.path.startswith("/static"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return pages.render_error(request, exc.status_code, "This page could not be shown", [str(exc.detail)])


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as its GET would be, with the headers and no body.

    FastAPI routes declare GET only, so without this every HEAD got 405 (link checkers and `curl -I` use it).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run a HEAD as a GET and drop the body from what goes back."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def loopback_hosts(host: str) -> list[str] | None:
    """The Host headers to accept when serving on a loopback address (None: any, for a public address)."""
    return list(LOOPBACK_HOSTS) if host in LOOPBACK_HOSTS or host.startswith("127.") else None


def create_app(
    db: str | os.PathLike[str] | None = None,
    token: str | None = None,
    *,
    coder: Coder | None = None,
    code_timeout: float = 20.0,
    allowed_hosts: Sequence[str] | None = None,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The web app over the store at `db` (opened read-only; raises E045 when there is none).

    `token` protects every API route and page; `allowed_hosts` limits the Host
    header (against DNS rebinding when serving on loopback); `coder` codes POST /api/code texts (default:
    the shipped pipeline, loaded on first use) within `code_timeout` seconds.
    """
    board = Dashboard(db, coder=coder, code_timeout=code_timeout)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(params.warm)
        yield
        board.close()

    app = FastAPIOffline(title="legation", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         static_url="/static-offline-docs", swagger_ui_parameters={"validatorUrl": None})  # fmt: skip
    app.state.dashboard = board
    app.state.token = token or None
    app.add_exception_handler(LegationError, _legation_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(TokenCookie)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(HeadAsGet)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
