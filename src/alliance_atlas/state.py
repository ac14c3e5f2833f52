"""The view in the URL: the one registry of parameters a page may bind, and which values make sense."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from alliance_atlas import framing, vocab
from alliance_atlas.dataset import Dataset

MAX_TEXT = 100  # longest free-text filter kept from a link
MAX_REPEATS = 60  # more values than this for one key is not a real view
MAP_VIEWS = ("date", "years")  # the map on one date, or year by year with a play control
FLAG_ON = "1"  # how a link says that a flag is on; off is its absence

# What a parameter holds: a date, one value, repeated values, free text, or a flag that is on.
Shape = Literal["day", "one", "many", "text", "flag"]


@dataclass(frozen=True)
class Param:
    """A URL parameter: the shape of its values and, for ids, which of `Allowed` they are among."""

    shape: Shape
    among: str | None = None  # a field of Allowed, for "one" and "many"


# Every URL parameter of the atlas. A widget bound to a key not listed here is refused.
PARAMS = {
    "date": Param("day"),
    "from": Param("day"),
    "to": Param("day"),
    "since": Param("day"),
    "on": Param("day"),
    "alliance": Param("many", "alliances"),
    "kind": Param("many", "kinds"),
    "country": Param("many", "countries"),
    "status": Param("many", "statuses"),
    "event": Param("one", "events"),
    "lang": Param("one", "languages"),
    "view": Param("one", "views"),
    "year": Param("one", "years"),  # the year the year-by-year map opens at
    "frame": Param("one", "framings"),  # where the map looks: fitted to its members, or a region
    "state": Param("one", "countries"),  # the state chosen on the map, whose details show
    "q": Param("text"),
    "orgs": Param("flag"),  # security organisations (the SCO) counted beside the pacts
}


class UnboundParam(LookupError):
    """A widget asked for a URL parameter that PARAMS does not define with that shape."""


def param(key: str, shape: Shape) -> Param:
    """The registered parameter `key`, which must have `shape`; a widget binds only these."""
    found = PARAMS.get(key)
    if found is None or found.shape != shape:
        raise UnboundParam(f"URL parameter {key!r} is not registered as {shape!r} in state.PARAMS")
    return found


class QueryParams(Protocol):
    """What we need of `st.query_params`: every value of a key."""

    def get_all(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class Allowed:
    """The values a link may carry, from the data and the vocabularies."""

    alliances: frozenset[str]  # alliance ids
    kinds: frozenset[str]  # event kinds
    events: frozenset[str]  # event ids
    countries: frozenset[str]  # country codes
    statuses: frozenset[str]  # membership statuses
    languages: frozenset[str]  # the atlas's languages
    views: frozenset[str]  # the map's views
    framings: frozenset[str]  # the map's framings (framing.FRAMINGS)
    years: frozenset[str]  # the years of the year-by-year map, from 1945 to last year
    first_day: dt.date  # earliest date a view may ask for
    today: dt.date  # latest date a view may ask for


def allowed(ds: Dataset, today: dt.date) -> Allowed:
    """What a link may carry for these data on `today`."""
    return Allowed(
        alliances=frozenset(ds.alliance_by_id),
        kinds=frozenset(vocab.EVENT_KINDS),
        events=frozenset(ds.event_by_id),
        countries=frozenset(ds.country_by_code),
        statuses=frozenset(vocab.STATUSES),
        languages=frozenset(vocab.LANGUAGES),
        views=frozenset(MAP_VIEWS),
        framings=frozenset(framing.FRAMINGS),
        years=frozenset(map_years(today)),
        first_day=vocab.FIRST_DAY,
        today=today,
    )


def map_years(today: dt.date) -> list[str]:
    """The years the year-by-year map shows, each at its year-end: from 1945 to last year."""
    return [str(year) for year in range(vocab.FIRST_DAY.year, today.year)]


def parse_day(text: str, first: dt.date, last: dt.date) -> dt.date | None:
    """A YYYY-MM-DD date within [first, last], or None."""
    if len(text) != 10:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if first <= day <= last else None


def _rule(spec: Param, allowed: Allowed) -> Callable[[list[str]], bool]:
    """Whether a parameter's values make sense."""
    among = getattr(allowed, spec.among) if spec.among else frozenset()
    match spec.shape:
        case "day":
            return lambda v: len(v) == 1 and bool(parse_day(v[0], allowed.first_day, allowed.today))
        case "one":
            return lambda v: len(v) == 1 and v[0] in among
        case "many":
            return lambda v: all(value in among for value in v)
        case "text":
            return lambda v: len(v) == 1 and len(v[0]) <= MAX_TEXT
        case "flag":
            return lambda v: v == [FLAG_ON]
    raise ValueError(f"no rule for the shape {spec.shape!r}")


def unusable_params(params: QueryParams, allowed: Allowed) -> list[str]:
    """Names of the URL parameters whose values cannot be used; the view falls back for them."""
    bad = []
    for name, spec in PARAMS.items():
        values = params.get_all(name)
        if values and (len(values) > MAX_REPEATS or not _rule(spec, allowed)(values)):
            bad.append(name)
    start, end = params.get_all("from"), params.get_all("to")
    if "from" not in bad and "to" not in bad and start and end and start[0] > end[0]:
        bad.append("to")  # a range that ends before it starts
    return bad
