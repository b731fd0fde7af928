"""The dashboard's pages: overview, dyad, events table, event, article and actor network (server-rendered)."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import AfterValidator

from . import charts
from .api import Board
from .params import DyadQuery, EventQuery, check_actor, check_id
from .security import token_dependency

TEMPLATES = Jinja2Templates(directory=str(FilePath(__file__).resolve().parent / "templates"))
TEMPLATES.env.globals.update(events_url=charts.events_url, dyad_url=charts.dyad_url)

Side = Annotated[str, AfterValidator(check_actor), Path()]
Id = Annotated[str, AfterValidator(check_id), Path()]

router = APIRouter(include_in_schema=False, dependencies=[Depends(token_dependency)],
                   default_response_class=HTMLResponse)  # fmt: skip


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template."""
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, title: str, messages: list[str]) -> HTMLResponse:
    """The error page: what was wrong, in the catalogue's words."""
    return render(request, "error.html", status=status, title=title, messages=messages)


@router.get("/")
def overview(request: Request, board: Board) -> HTMLResponse:
    """Story events over time, the busiest dyads and the newest alerts."""
    data = board.overview()
    return render(request, "overview.html", data=data, volume=Markup(charts.volume_chart(data["volume"])))


@router.get("/dyad")
def dyad_form(a: Annotated[str, AfterValidator(check_actor), Query()],
              b: Annotated[str, AfterValidator(check_actor), Query()]) -> RedirectResponse:  # fmt: skip
    """The overview's dyad form: go to the dyad's page."""
    return RedirectResponse(charts.dyad_url(a, b), status_code=303)


@router.get("/dyads/{a}/{b}")
def dyad(request: Request, board: Board, a: Side, b: Side, q: Annotated[DyadQuery, Query()]) -> HTMLResponse:
    """The cooperation/conflict timeline, military cooperation events, evidence and a map of places."""
    report = board.dyad(a, b, q)
    places = board.dyad_places(a, b, q)
    label = f"Places of the {report['dyad']['label']} events"
    timeline, where = charts.timeline_chart(report), charts.places_map(places, label)
    return render(request, "dyad.html", report=report, q=q, places=places, timeline=Markup(timeline), map=Markup(where))


@router.get("/events")
def events(request: Request, board: Board, q: Annotated[EventQuery, Query()]) -> HTMLResponse:
    """The events table with its filters, pages and a CSV download of every matching event."""
    page = board.events(q)
    filters = q.query()
    nav = {"prev": max(0, q.offset - q.limit) if q.offset else None,
           "next": q.offset + q.limit if q.offset + q.limit < page["total"] else None}  # fmt: skip
    return render(request, "events.html", page=page, q=q, filters=filters, nav=nav,
                  csv_url=charts.events_url(**filters).replace("/events", "/api/events.csv", 1))  # fmt: skip


@router.get("/events/{event_id}")
def event(request: Request, board: Board, event_id: Id) -> HTMLResponse:
    """One event: who did what to whom, its codes, and its sentence with the trigger marked."""
    return render(request, "event.html", event=board.event(event_id))


@router.get("/articles/{article_id}")
def article(request: Request, board: Board, article_id: Id) -> HTMLResponse:
    """An article with every event's trigger and actors marked, and its events listed."""
    return render(request, "article.html", article=board.article(article_id))


@router.get("/network")
def network(request: Request, board: Board, size: Annotated[int, Query(ge=2, le=100)] = 24) -> HTMLResponse:
    """The actor network: who interacts with whom, and how."""
    data = board.network(size)
    return render(request, "network.html", data=data, chart=Markup(charts.network_chart(data)))
