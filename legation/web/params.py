"""Request parameters: every value is checked here, and a bad one gets a 422 that says what is wrong."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..errors import message
from ..store import EventFilter

DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]{2,14}")
ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
NAME_PATTERN = re.compile(r"[\w .,'’-]{2,80}")
FREQS = ("auto", "week", "month", "quarter", "year")
MAX_CODE_CHARS = 5000  # POST /api/code: the longest text coded on the fly


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    """The shipped actor dictionary, loaded once."""
    from ..actors.dictionary import load_dictionary

    return load_dictionary()


@lru_cache(maxsize=1)
def actor_prefixes() -> frozenset[str]:
    """Three-letter prefixes an actor code may start with: countries, international bodies and sectors."""
    from ..actors.dictionary import ROLE_CODES

    return frozenset(_dictionary().country_codes() | ROLE_CODES)


@lru_cache(maxsize=1)
def code_segments() -> frozenset[str]:
    """Every three-character part of a known actor code (RUS, MIL, EUR, 214), and every sector code."""
    book = _dictionary()
    codes = {span.code for entries in book.phrases.values() for entry in entries for span in entry.codes}
    codes |= set(book.agents.values())
    found = {code[i : i + 3] for code in codes for i in range(0, len(code), 3)}
    return frozenset(found | actor_prefixes() | sector_codes())


def is_actor_code(code: str) -> bool:
    """Whether `code` (upper case) is a whole actor code: a known country, body or sector, then known parts."""
    if not CODE_PATTERN.fullmatch(code) or len(code) % 3 or code[:3] not in actor_prefixes():
        return False
    parts = code_segments()
    return all(code[i : i + 3] in parts for i in range(3, len(code), 3))


def country_code_of(name: str) -> str | None:
    """The code of a country or international body named `name` in any case (Russia, RUSSIA), else None."""
    from ..actors.dictionary import phrase_key

    found = _dictionary().lookup(phrase_key(name), None)
    if found is None or found[0].kind not in ("state", "igo"):
        return None
    return found[1] if is_actor_code(found[1]) else None


@lru_cache(maxsize=1)
def sector_codes() -> frozenset[str]:
    """Sector codes an actor may have (GOV, MIL, REB, ...), from the shipped agent dictionary."""
    from ..actors.dictionary import ROLE_CODES

    found = {code[i : i + 3] for code in _dictionary().agents.values() for i in range(0, len(code), 3)}
    return frozenset(found | ROLE_CODES)


@lru_cache(maxsize=1)
def cameo_codes() -> frozenset[str]:
    """Every CAMEO code of the shipped table, and every prefix of one (so 04 and 042 are both known)."""
    from ..coding.cameo import cameo_table

    return frozenset(code[:n] for code in cameo_table() for n in range(2, len(code) + 1))


@lru_cache(maxsize=1)
def plover_types() -> tuple[str, ...]:
    """The PLOVER event types of the shipped CAMEO crosswalk."""
    from ..coding.cameo import cameo_table

    return tuple(sorted({c.plover.type for c in cameo_table().values() if c.plover.type}))


def warm() -> None:
    """Load the code tables the checks use (the actor dictionary takes a second or two)."""
    actor_prefixes(), sector_codes(), code_segments(), cameo_codes(), plover_types()


def check_date(value: str) -> str:
    """An ISO date, month or year (YYYY-MM-DD, YYYY-MM, YYYY) that exists on the calendar."""
    found = DATE_PATTERN.fullmatch(value)
    try:
        if not found:
            raise ValueError
        year, month, day = (int(p) if p else 1 for p in found.groups())
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(message("E110", detail=value[:40])) from None
    return value


def check_day(value: str) -> str:
    """A full ISO date, YYYY-MM-DD."""
    if len(check_date(value)) != 10:
        raise ValueError(message("E110", detail=value[:40]))
    return value


def check_month(value: str) -> str:
    """One month, YYYY-MM."""
    if len(check_date(value)) != 7:
        raise ValueError(message("E110", detail=value[:40]))
    return value


def check_actor(value: str) -> str:
    """A whole actor code in any case (RUS, rusmil, IGOUNO), or a country's name (Russia) as its code.

    Every three-letter part is checked, not only the first: RUSSIA is refused (E114, naming it) unless it
    is a country's name, which it is, so it becomes RUS.
    """
    text = value.strip()
    code = text.upper()
    if is_actor_code(code):
        return code
    named = country_code_of(text) if NAME_PATTERN.fullmatch(text) else None
    if named is None:
        raise ValueError(message("E114", detail=value[:40]))
    return named


def check_actor_or_name(value: str) -> str:
    """Either side's actor: a code in any case (RUS, rus, RUSMIL), a country's name (Russia, as RUS) or part
    of a person's or group's name (Putin)."""
    text = value.strip()
    if text.replace("_", "").isalnum() and (text.upper() == text or is_actor_code(text.upper())):
        return check_actor(text)
    if not NAME_PATTERN.fullmatch(text):
        raise ValueError(message("E114", detail=value[:40]))
    return country_code_of(text) or text


def check_cameo(value: str) -> str:
    """A CAMEO code or code prefix of the shipped table (042, 04)."""
    if value not in cameo_codes():
        raise ValueError(message("E111", detail=value[:40]))
    return value


def check_root(value: str) -> str:
    """A CAMEO root, 01 to 20 (a leading zero may be left out)."""
    if not (value.isdigit() and len(value) <= 2 and 1 <= int(value) <= 20):
        raise ValueError(message("E112", detail=value[:40]))
    return value.zfill(2)


def check_plover(value: str) -> str:
    """A PLOVER event type (CONSULT, ASSAULT, ...), in any case."""
    if value.upper() not in plover_types():
        raise ValueError(message("E113", detail=value[:40], limit=", ".join(plover_types())))
    return value.upper()


def check_sectors(value: str) -> str:
    """Comma-separated sector codes (MIL,GOV)."""
    parts = [p.strip().upper() for p in value.split(",") if p.strip()]
    if not parts or any(p not in sector_codes() for p in parts):
        raise ValueError(message("E115", detail=value[:60]))
    return ",".join(parts)


def check_id(value: str) -> str:
    """An article, event or story cluster id: letters, digits and _.:- only."""
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(message("E125", detail=value[:40]))
    return value


DateParam = Annotated[str, AfterValidator(check_date)]
DayParam = Annotated[str, AfterValidator(check_day)]
ActorParam = Annotated[str, AfterValidator(check_actor)]
IdParam = Annotated[str, AfterValidator(check_id)]


def check_span(since: str | None, until: str | None) -> None:
    """Raise when `since` falls after `until` (a shorter `until` covers its whole month or year)."""
    if since and until and since[: len(until)] > until:
        raise ValueError(message("E116", detail=since, limit=until))


class FormQuery(BaseModel):
    """Query parameters as a browser form sends them: an empty field is a field left out."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data


class EventFilters(FormQuery):
    """The `legation events` filters: a dyad, either side, codes, PLOVER type, dates and story cluster; and the
    events page's text search (`q`) and facet filters (one side alone, outlet, month, coder)."""

    source: ActorParam | None = Field(None, description="source actor of a dyad: a country (RUS) or code prefix")
    target: ActorParam | None = Field(None, description="target actor of a dyad (give source and target)")
    undirected: bool = Field(False, description="the dyad in either direction")
    actor: Annotated[str, AfterValidator(check_actor_or_name)] | None = Field(
        None, description="either side: a code (RUS, RUSMIL) or part of a name (Putin)"
    )
    cameo: Annotated[str, AfterValidator(check_cameo)] | None = Field(None, description="CAMEO code or prefix")
    root: Annotated[str, AfterValidator(check_root)] | None = Field(None, description="CAMEO root code, 01-20")
    plover: Annotated[str, AfterValidator(check_plover)] | None = Field(None, description="PLOVER event type")
    since: DateParam | None = Field(None, description="first date, YYYY-MM-DD (or YYYY-MM, YYYY)")
    until: DateParam | None = Field(None, description="last date, inclusive, YYYY-MM-DD (or YYYY-MM, YYYY)")
    cluster: IdParam | None = Field(None, description="one story cluster id")
    q: Annotated[str, Field(max_length=200)] | None = Field(
        None, description='text search in the sentence and article: all words must match (each at the start of '
        'a word, in any case); a "quoted phrase" matches as a phrase'
    )
    src: Annotated[str, AfterValidator(check_actor_or_name)] | None = Field(
        None, description="the source actor alone (no dyad needed): a code (RUS, RUSMIL) or part of a name"
    )
    tgt: Annotated[str, AfterValidator(check_actor_or_name)] | None = Field(
        None, description="the target actor alone: a code (RUS, RUSMIL) or part of a name"
    )
    outlet: Annotated[str, Field(min_length=1, max_length=120)] | None = Field(
        None, description="the article's outlet, exactly as stored (e.g. Demo Wire)"
    )
    month: Annotated[str, AfterValidator(check_month)] | None = Field(None, description="one month, YYYY-MM")
    coder: IdParam | None = Field(None, description="only events of this coder (legation.RuleCoder.v1, ...)")

    @model_validator(mode="after")
    def _consistent(self) -> EventFilters:
        if (self.source is None) != (self.target is None):
            raise ValueError(message("E117"))
        check_span(self.since, self.until)
        return self

    def to_filter(self) -> EventFilter:
        """The store's EventFilter for these parameters."""
        dyad = (self.source, self.target) if self.source and self.target else None
        return EventFilter(dyad=dyad, undirected=self.undirected, actor=self.actor, cameo=self.cameo,
                           root=self.root, plover=self.plover, since=self.since, until=self.until,
                           cluster=self.cluster, text=self.q, source_side=self.src, target_side=self.tgt,
                           outlet=self.outlet, month=self.month,
                           coders=(self.coder,) if self.coder else None)  # fmt: skip

    def query(self) -> dict[str, Any]:
        """The filters that are set, as query parameters (for links and the CSV download)."""
        return {k: v for k, v in self.model_dump(exclude_defaults=True).items() if k in EventFilters.model_fields}

    def cache_key(self) -> tuple[tuple[str, Any], ...]:
        """The filters that are set, as a hashable key (for the Dashboard's caches)."""
        return tuple(sorted(self.query().items()))


Sort = Literal["date", "-date", "goldstein", "-goldstein", "-confidence"]
SORT_FIELD = Field("date", description="order: date (oldest first), -date (newest first), goldstein (most "
                   "conflictual first), -goldstein (most cooperative first), -confidence (most confident first)")


class EventExport(EventFilters):
    """The event filters and an order: every matching event, as the CSV download writes them."""

    sort: Sort = SORT_FIELD


class EventQuery(EventFilters):
    """The event filters and one page of results."""

    limit: int = Field(50, ge=1, le=500, description="events per page")
    offset: int = Field(0, ge=0, le=10_000_000, description="events to skip")
    sort: Sort = SORT_FIELD
    facets: bool = Field(False, description="add `facets`: the top values of each facet, with counts")


class DyadQuery(FormQuery):
    """The dyad report's options."""

    model_config = ConfigDict(extra="forbid")

    freq: Literal["auto", "week", "month", "quarter", "year"] = Field("auto", description="period length")
    sectors: Annotated[str, AfterValidator(check_sectors)] | None = Field(
        None, description="only events whose two actors are of these sectors, e.g. MIL,GOV"
    )
    since: DateParam | None = Field(None, description="first date, YYYY-MM-DD (or YYYY-MM, YYYY)")
    until: DateParam | None = Field(None, description="last date, inclusive, YYYY-MM-DD (or YYYY-MM, YYYY)")
    evidence: int = Field(10, ge=0, le=50, description="strongest evidence sentences")
    article_places: bool = Field(False, description="also map events placed only by the article's country")

    @model_validator(mode="after")
    def _consistent(self) -> DyadQuery:
        check_span(self.since, self.until)
        return self

    def sector_list(self) -> list[str] | None:
        """The sectors as a list, or None for all."""
        return self.sectors.split(",") if self.sectors else None


class AlertQuery(FormQuery):
    """The alert rule, an optional dyad, and how many alerts and events to return."""

    model_config = ConfigDict(extra="forbid")

    freq: Literal["week", "month", "quarter", "year"] = Field("month", description="period length")
    window: int = Field(6, ge=1, le=60, description="baseline periods before the one tested")
    threshold: float = Field(2.0, ge=0.5, le=20.0, description="|z| that raises an alert")
    min_events: int = Field(2, ge=1, le=1000, description="story events a rise needs")
    a: ActorParam | None = Field(None, description="only alerts of this dyad: first side (give a and b)")
    b: ActorParam | None = Field(None, description="only alerts of this dyad: second side")
    since: DateParam | None = Field(None, description="only alerts for periods ending on or after this date")
    evidence: int = Field(3, ge=0, le=10, description="events shown per alert")
    limit: int = Field(50, ge=1, le=200, description="alerts returned, newest first")

    @model_validator(mode="after")
    def _consistent(self) -> AlertQuery:
        if (self.a is None) != (self.b is None):
            raise ValueError(message("E117"))
        return self

    def query(self) -> dict[str, Any]:
        """The options that differ from the defaults, as query parameters (for links and the CSV)."""
        return self.model_dump(exclude_defaults=True)


class ActorQuery(FormQuery):
    """Which actors to list."""

    model_config = ConfigDict(extra="forbid")

    q: Annotated[str, Field(min_length=1, max_length=80)] | None = Field(
        None, description="a code prefix (RUS) or part of a name (Putin)"
    )
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class CodeRequest(BaseModel):
    """A text to code on the fly."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_CODE_CHARS, description="English news text")
    date: DayParam | None = Field(None, description="publication date, YYYY-MM-DD (resolves 'on Tuesday')")
