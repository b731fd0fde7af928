"""The JSON API under /api: thin routes over the `Dashboard` (documented at /docs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import AfterValidator
from starlette.responses import Response

from .params import ActorQuery, AlertQuery, CodeRequest, DyadQuery, EventFilters, EventQuery, check_actor, check_id
from .security import token_dependency
from .service import Dashboard, to_json


class JSONBytes(Response):
    """A JSON response encoded once, without FastAPI's per-field encoder (reports are large)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Bytes as they are; anything else as JSON (NaN as null)."""
        return content if isinstance(content, bytes) else to_json(content)


def dashboard(request: Request) -> Dashboard:
    """The app's Dashboard."""
    return request.app.state.dashboard


Board = Annotated[Dashboard, Depends(dashboard)]
Side = Annotated[str, AfterValidator(check_actor), Path(description="a country (RUS) or code prefix (RUSMIL)")]
Id = Annotated[str, AfterValidator(check_id), Path(description="16 hex digits, as in the event and article records")]

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(token_dependency)],
                   default_response_class=JSONBytes)  # fmt: skip


@router.get("/overview", summary="Counts, story events per month, busiest dyads, newest alerts")
def overview(board: Board) -> JSONBytes:
    """What the dashboard's overview page shows."""
    return JSONBytes(board.overview())


@router.get("/events", summary="Events, filtered as `legation events` filters them, one page at a time")
def events(board: Board, q: Annotated[EventQuery, Query()]) -> JSONBytes:
    """Matching events oldest first: `total`, `limit`, `offset` and the page's `events`."""
    return JSONBytes(board.events(q))


@router.get("/events.csv", summary="Every matching event as CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
def events_csv(board: Board, q: Annotated[EventFilters, Query()]) -> StreamingResponse:
    """The filtered events as a CSV download (flat columns, as `legation events --format csv`)."""
    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    return StreamingResponse(board.events_csv(q), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/events/{event_id}", summary="One event with its sentence and trigger marked")
def event(board: Board, event_id: Id) -> JSONBytes:
    """The event, its article fields, and its sentence cut into segments marking trigger and actors."""
    return JSONBytes(board.event(event_id))


@router.get("/dyads/{a}/{b}", summary="The dyad report of `legation dyad A B`")
def dyad(board: Board, a: Side, b: Side, q: Annotated[DyadQuery, Query()]) -> JSONBytes:
    """Series, totals, trend, change points, evidence, military cooperation events and comparison."""
    return JSONBytes(board.dyad_json(a, b, q))


@router.get("/actors", summary="Actors by how many events name them")
def actors(board: Board, q: Annotated[ActorQuery, Query()]) -> JSONBytes:
    """Actor codes with their most common name, events and articles, most active first."""
    return JSONBytes(board.actors(q.q, q.limit, q.offset))


@router.get("/alerts", summary="Dyads whose cooperation or conflict moved past the alert rule")
def alerts(board: Board, q: Annotated[AlertQuery, Query()]) -> JSONBytes:
    """Alerts newest first, each with the story events that moved it (`legation alerts`)."""
    return JSONBytes(board.alerts(q))


@router.get("/network", summary="Who interacts with whom")
def network(board: Board, size: Annotated[int, Query(ge=2, le=100, description="sides shown")] = 24) -> JSONBytes:
    """The busiest sides and the story events, cooperation and conflict between each pair of them."""
    return JSONBytes(board.network(size))


@router.get("/articles/{article_id}", summary="An article's text with its evidence marked")
def article(board: Board, article_id: Id) -> JSONBytes:
    """The text, its events, the trigger and actor spans, and the text cut into marked segments."""
    return JSONBytes(board.article(article_id))


@router.post("/code", summary="Code a short text on the fly (at most 5,000 characters, time-limited)")
async def code(board: Board, body: CodeRequest) -> JSONBytes:
    """The events of the text, as `legation code` prints them; one text at a time (503 when busy)."""
    return JSONBytes(await board.code(body.text, body.date))
