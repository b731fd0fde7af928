"""The JSON API under /api: thin routes over the `Dashboard` (documented at /docs)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import PlainTextResponse, StreamingResponse
from pydantic import AfterValidator, Field
from starlette.responses import Response

from . import tables
from .params import (
    ActorQuery,
    AlertQuery,
    CodeRequest,
    DyadQuery,
    EventExport,
    EventFilters,
    EventQuery,
    check_actor,
    check_id,
)
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


def csv_download(text: str, name: str) -> PlainTextResponse:
    """CSV text as a download named `name`."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8", headers=headers)


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}
Board = Annotated[Dashboard, Depends(dashboard)]
Side = Annotated[str, AfterValidator(check_actor), Path(description="a country (RUS) or code prefix (RUSMIL)")]
Id = Annotated[str, AfterValidator(check_id), Path(description="16 hex digits, as in the event and article records")]

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(token_dependency)],
                   default_response_class=JSONBytes)  # fmt: skip


@router.get("/overview", summary="Counts, story events per month, busiest dyads, newest alerts")
def overview(board: Board) -> JSONBytes:
    """What the dashboard's overview page shows."""
    return JSONBytes(board.overview())


@router.get("/overview.csv", summary="One of the overview's tables as CSV", response_class=PlainTextResponse,
            responses=CSV_RESPONSE)  # fmt: skip
def overview_csv(
    board: Board,
    table: Annotated[Literal["volume", "dyads", "alerts"], Query(description="which table")] = "volume",
) -> PlainTextResponse:
    """Story events per month (volume), the busiest dyads (dyads) or the newest alerts (alerts)."""
    columns, rows = tables.overview_rows(board.overview(), table)
    return csv_download(tables.to_csv(columns, rows), f"overview-{table}.csv")


@router.get("/events", summary="Events, filtered as `legation events` filters them, one page at a time")
def events(board: Board, q: Annotated[EventQuery, Query()]) -> JSONBytes:
    """Matching events (oldest first, or in `sort` order): `total`, `limit`, `offset`, `sort` and the page's
    `events`. `q` searches the sentences and article texts. With `facets=true`, also `facets`: for each of CAMEO
    root, PLOVER type, source, target, outlet, month and coder, its ten commonest values among the matches with
    their counts and `href`, the events page with that filter added."""
    return JSONBytes(board.events_json(q))


@router.get("/events.csv", summary="Every matching event as CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
def events_csv(board: Board, q: Annotated[EventExport, Query()]) -> StreamingResponse:
    """The filtered events as a CSV download (flat columns, as `legation events --format csv`), in `sort`
    order (the events page's orders; oldest first by default)."""
    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    return StreamingResponse(board.events_csv(q), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/events/{event_id}", summary="One event with its sentence and trigger marked")
def event(board: Board, event_id: Id) -> JSONBytes:
    """The event, its article fields, and its sentence cut into segments marking trigger and actors."""
    return JSONBytes(board.event(event_id))


@router.get("/dyads/{a}/{b}.csv", summary="The dyad's timeline table as CSV", response_class=PlainTextResponse,
            responses=CSV_RESPONSE)  # fmt: skip
def dyad_csv(board: Board, a: Side, b: Side, q: Annotated[DyadQuery, Query()]) -> PlainTextResponse:
    """One row per period: story events, reports, cooperation, conflict, military cooperation, Goldstein."""
    rows = tables.timeline_rows(board.dyad(a, b, q))
    return csv_download(tables.to_csv(tables.TIMELINE, rows), f"{a}-{b}-timeline.csv")


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


@router.get("/alerts.csv", summary="The alerts as CSV", response_class=PlainTextResponse, responses=CSV_RESPONSE)
def alerts_csv(board: Board, q: Annotated[AlertQuery, Query()]) -> PlainTextResponse:
    """One row per alert, with the ids of the events behind it."""
    rows = tables.alert_rows(board.alerts(q)["alerts"])
    return csv_download(tables.to_csv(tables.ALERTS, rows), "alerts.csv")


@router.get("/network.csv", summary="The network's pairs as CSV", response_class=PlainTextResponse,
            responses=CSV_RESPONSE)  # fmt: skip
def network_csv(board: Board, size: Annotated[int, Query(ge=2, le=100, description="sides shown")] = 24
                ) -> PlainTextResponse:  # fmt: skip
    """Every pair of the busiest sides with story events between them."""
    return csv_download(tables.to_csv(tables.NETWORK, board.network(size)["edges"]), "network.csv")


@router.get("/network", summary="Who interacts with whom")
def network(board: Board, size: Annotated[int, Query(ge=2, le=100, description="sides shown")] = 24) -> JSONBytes:
    """The busiest sides and the story events, cooperation and conflict between each pair of them."""
    return JSONBytes(board.network(size))


class PlacesQuery(EventFilters):
    """The event filters, and whether to add events placed only by their article's country."""

    article_places: bool = Field(False, description="also events placed only by the article's country (guesses)")


@router.get("/places", summary="Where the matching events took place, grouped by place, precision and basis")
def places(board: Board, q: Annotated[PlacesQuery, Query()]) -> JSONBytes:
    """One row per place, precision and basis: name, country, lat, lon, events, cooperation, conflict, ids."""
    found = board.places(q, q.article_places)
    return JSONBytes({"count": len(found), "article_places": q.article_places, "filters": q.query(),
                      "places": found})  # fmt: skip


@router.get("/places.csv", summary="The grouped places as CSV (a fixed header, even with no rows)",
            response_class=PlainTextResponse, responses=CSV_RESPONSE)  # fmt: skip
def places_csv(board: Board, q: Annotated[PlacesQuery, Query()]) -> PlainTextResponse:
    """The rows of /api/places, one column each of `tables.PLACES` (first event id only)."""
    return csv_download(tables.to_csv(tables.PLACES, board.places(q, q.article_places)), "places.csv")


@router.get("/articles/{article_id}", summary="An article's text with its evidence marked")
def article(board: Board, article_id: Id) -> JSONBytes:
    """The text, its events, the trigger and actor spans, and the text cut into marked segments."""
    return JSONBytes(board.article(article_id))


@router.get("/stories/{cluster_id}", summary="A story cluster's reports side by side")
def story(board: Board, cluster_id: Id) -> JSONBytes:
    """The cluster's articles (each with its events and exact copies), reports and outlets."""
    return JSONBytes(board.story(cluster_id))


@router.post("/code", summary="Code a short text on the fly (at most 5,000 characters, time-limited)")
async def code(board: Board, body: CodeRequest) -> JSONBytes:
    """The events of the text, as `legation code` prints them; one text at a time (503 when busy)."""
    return JSONBytes(await board.code(body.text, body.date))
