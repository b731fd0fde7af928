"""Security: the optional token, a cap on request bodies, and response headers for a strict browser policy.

With a token set, every API route and page needs it: as `Authorization: Bearer TOKEN`, or, for a browser,
the cookie that `GET /any-page?token=TOKEN` sets (HttpOnly, SameSite=Strict) before redirecting to the page
without the token in its address. The OpenAPI schema, /docs and static files need no token: they hold no data.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import LegationError, message

COOKIE = "legation_token"
TOKEN_ENV = "LEGATION_TOKEN"
MAX_BODY = 64 * 1024  # bytes: POST /api/code takes at most 5,000 characters of text
OPEN_PREFIXES = ("/static/", "/static-offline-docs/", "/docs", "/redoc", "/openapi.json", "/favicon")
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_POLICY = (  # Swagger UI and ReDoc start from an inline script
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'"
)
bearer = HTTPBearer(auto_error=False, description="the server's token, when it was started with one")


def same_token(given: str | None, expected: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = None) -> None:
    """Raise E123 (401) unless the request carries the server's token, when it has one."""
    expected = getattr(request.app.state, "token", None)
    if not expected:
        return
    given = credentials.credentials if credentials else request.cookies.get(COOKIE)
    if not same_token(given, expected):
        raise LegationError("E123")


async def token_dependency(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None
) -> None:
    """The routes' token check (documented in the OpenAPI schema as a bearer token)."""
    require_token(request, credentials)


class TokenCookie:
    """ASGI middleware: a page opened with ?token=TOKEN sets the token cookie and redirects to itself without it.

    A plain ASGI class rather than an `@app.middleware("http")` function, which costs a task and two memory
    streams on every request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand every request on, except a page's first visit with ?token=, which is answered here."""
        if scope["type"] != "http" or scope["method"] != "GET" or b"token=" not in scope.get("query_string", b""):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if given is None or request.url.path.startswith("/api/"):
            await self.app(scope, receive, send)
            return
        expected = getattr(request.app.state, "token", None)
        if not expected or not same_token(given, expected):
            await JSONResponse({"detail": message("E123"), "code": "E123"}, status_code=401)(scope, receive, send)
            return
        rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        path = "/" + request.url.path.lstrip("/")  # never "//host": that would leave this server
        response = RedirectResponse(path + (f"?{rest}" if rest else ""), status_code=303)
        response.set_cookie(COOKIE, expected, httponly=True, samesite="strict", path="/")
        await response(scope, receive, send)


_COMMON_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                   (b"referrer-policy", b"no-referrer"))  # fmt: skip
_PAGE_HEADERS = ((b"content-security-policy", PAGE_POLICY.encode()), *_COMMON_HEADERS)
_DOCS_HEADERS = ((b"content-security-policy", DOCS_POLICY.encode()), *_COMMON_HEADERS)
_API_HEADERS = (*_PAGE_HEADERS, (b"cache-control", b"no-store"))


def policy_headers(path: str) -> tuple[tuple[bytes, bytes], ...]:
    """Headers that keep browsers from sniffing types, framing pages or loading anything from elsewhere."""
    if path.startswith(("/docs", "/redoc")):
        return _DOCS_HEADERS
    return _API_HEADERS if path.startswith("/api/") else _PAGE_HEADERS


class SecurityHeaders:
    """ASGI middleware: every response gets `policy_headers` for its path (a header already set is kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response's start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = policy_headers(scope.get("path", ""))

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes gets 413 (E124) before the app sees any of it."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, read the body up to the limit, then hand it on."""
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._reject(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            msg = await receive()
            if msg["type"] != "http.request":
                return  # the client went away
            size += len(msg.get("body", b""))
            if size > self.limit:
                await self._reject(scope, receive, send)
                return
            chunks.append(msg.get("body", b""))
            more = bool(msg.get("more_body"))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = {"detail": message("E124", limit=self.limit), "code": "E124"}
        await JSONResponse(body, status_code=413)(scope, receive, send)


def status_of(code: str) -> int:
    """The HTTP status for a catalogue error code."""
    return STATUS.get(code, 500)


STATUS: dict[str, int] = {
    "E040": 503, "E045": 503, "E070": 404, "E110": 422, "E111": 422, "E112": 422, "E113": 422, "E114": 422,
    "E115": 422, "E116": 422, "E117": 422, "E118": 404, "E119": 404, "E120": 422, "E121": 504, "E122": 503,
    "E123": 401, "E124": 413, "E125": 422, "E135": 404,
}  # fmt: skip


def headers_of(code: str) -> dict[str, Any]:
    """Extra response headers for an error: a bearer challenge for 401, a retry hint for busy."""
    if code == "E123":
        return {"WWW-Authenticate": "Bearer"}
    if code in ("E040", "E122"):
        return {"Retry-After": "5"}
    return {}
