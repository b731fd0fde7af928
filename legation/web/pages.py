"""The dashboard's pages: overview, dyad, events table, event, article and actor network (server-rendered)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import AfterValidator

from ..analysis.periods import first_day, last_day
from . import charts, facets
from .api import Board, PlacesQuery
from .params import AlertQuery, DyadQuery, EventQuery, check_actor, check_id
from .security import token_dependency
from .service import Dashboard

TEMPLATES = Jinja2Templates(directory=str(FilePath(__file__).resolve().parent / "templates"))
TEMPLATES.env.globals.update(events_url=charts.events_url, dyad_url=charts.dyad_url)
TEMPLATES.env.filters.update(first_day=first_day, last_day=last_day)  # a date picker needs a whole day

Side = Annotated[str, AfterValidator(check_actor), Path()]
Id = Annotated[str, AfterValidator(check_id), Path()]

router = APIRouter(include_in_schema=False, dependencies=[Depends(token_dependency)],
                   default_response_class=HTMLResponse)  # fmt: skip


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template."""
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def render_cached(request: Request, board: Dashboard, name: str, build: Callable[[], dict[str, Any]]) -> HTMLResponse:
    """A page from its template, rendered once per address until the store changes (a busy page, such as a
    search, is not rendered again for every visitor). `build` gives the template's context."""
    key = ("html", name, request.url.path, request.url.query)
    body = board.pages.get(key, lambda: TEMPLATES.get_template(name).render(build()))
    return HTMLResponse(body)


def render_error(
    request: Request, status: int, title: str, messages: list[str], bad: frozenset[str] = frozenset()
) -> HTMLResponse:
    """The error page: what was wrong, in the catalogue's words, and the user's filters to correct.

    Every query parameter comes back as a filled-in field (the ones named in `bad` marked), so fixing one
    value and submitting again keeps the others."""
    fields = [{"name": k, "value": v, "bad": k in bad} for k, v in request.query_params.multi_items() if k != "token"]
    return render(request, "error.html", status=status, title=title, messages=messages, fields=fields,
                  action=request.url.path)  # fmt: skip


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


@router.get("/dyads/{a}/{b}", response_model=None)
def dyad(
    request: Request, board: Board, a: Side, b: Side, q: Annotated[DyadQuery, Query()]
) -> HTMLResponse | RedirectResponse:
    """The cooperation/conflict timeline, military cooperation events, evidence and a map of places.

    A side given by name or in lower case (/dyads/Russia/chn) redirects to the page of its codes."""
    canonical = charts.dyad_url(a, b)
    if request.url.path != canonical:
        query = request.url.query
        return RedirectResponse(canonical + (f"?{query}" if query else ""), status_code=308)
    report = board.dyad(a, b, q)
    places = board.dyad_places(a, b, q)
    label = f"Places of the {report['dyad']['label']} events"
    timeline, where = charts.timeline_chart(report), charts.places_map(places, label)
    return render(request, "dyad.html", report=report, q=q, places=places, timeline=Markup(timeline), map=Markup(where))


@router.get("/events")
def events(request: Request, board: Board, q: Annotated[EventQuery, Query()]) -> HTMLResponse:
    """The events table with its search box, filters, facets, sort order, pages and a CSV download.

    An offset past the last match shows no rows and says so, with links to the first and the last page."""

    def build() -> dict[str, Any]:
        page = board.events(q.model_copy(update={"facets": True}))
        filters, kept = q.query(), facets.view_params(q)
        total = page["total"]
        last = max(0, (total - 1) // q.limit * q.limit)
        nav = {"prev": (min(q.offset - q.limit, last) if q.offset < total else last) if q.offset else None,
               "next": q.offset + q.limit if q.offset + q.limit < total else None,
               "first": charts.events_url(**kept), "past_end": total > 0 and q.offset >= total}  # fmt: skip
        nav["prev"] = max(0, nav["prev"]) if nav["prev"] is not None else None
        return {"page": page, "q": q, "filters": filters, "kept": kept, "nav": nav, "active": facets.active_filters(q),
                "sorts": facets.SORT_LABELS, "sizes": facets.PAGE_SIZES,
                "csv_url": charts.events_url(**filters, sort=None if q.sort == "date" else q.sort).replace(
                    "/events", "/api/events.csv", 1)}  # fmt: skip

    return render_cached(request, board, "events.html", build)


@router.get("/events/{event_id}")
def event(request: Request, board: Board, event_id: Id) -> HTMLResponse:
    """One event: who did what to whom, its codes, and its sentence with the trigger marked."""
    return render(request, "event.html", event=board.event(event_id))


@router.get("/articles/{article_id}")
def article(request: Request, board: Board, article_id: Id) -> HTMLResponse:
    """An article with every event's trigger and actors marked, and its events listed."""
    return render(request, "article.html", article=board.article(article_id))


@router.get("/alerts")
def alerts(request: Request, board: Board, q: Annotated[AlertQuery, Query()]) -> HTMLResponse:
    """Every alert of the rule, newest first, each with the story events behind it."""
    return render(request, "alerts.html", data=board.alerts(q), q=q, filters=q.query())


@router.get("/stories/{cluster_id}")
def story(request: Request, board: Board, cluster_id: Id) -> HTMLResponse:
    """The reports of one story cluster side by side, each with the events coded from it."""
    return render(request, "story.html", story=board.story(cluster_id))


@router.get("/map")
def world_map(request: Request, board: Board, q: Annotated[PlacesQuery, Query()]) -> HTMLResponse:
    """Every matching event's place on the world map (article-country guesses only when asked for)."""
    places = board.places(q, q.article_places)
    where = charts.places_map(places, "Places of the events")
    filters = q.query()
    return render(request, "map.html", places=places, q=q, filters=filters, map=Markup(where),
                  events=sum(p["count"] for p in places))  # fmt: skip


@router.get("/network")
def network(request: Request, board: Board, size: Annotated[int, Query(ge=2, le=100)] = 24) -> HTMLResponse:
    """The actor network: who interacts with whom, and how."""
    data = board.network(size)
    return render(request, "network.html", data=data, chart=Markup(charts.network_chart(data)))
