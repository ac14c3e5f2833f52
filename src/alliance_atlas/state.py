"""The view in the URL: which parameters the pages read, and which values make sense."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

MAX_TEXT = 100  # longest free-text filter kept from a link
MAX_REPEATS = 60  # more values than this for one key is not a real view
MAP_VIEWS = ("date", "years")  # the map on one date, or year by year with a play control


class QueryParams(Protocol):
    """What we need of `st.query_params`: every value of a key."""

    def get_all(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class Allowed:
    """The values a link may carry, from the data and the catalogues."""

    alliances: frozenset[str]  # alliance ids
    kinds: frozenset[str]  # event kinds
    events: frozenset[str]  # event ids
    countries: frozenset[str]  # country codes
    statuses: frozenset[str]  # membership statuses
    languages: frozenset[str]  # catalogue languages
    first_day: dt.date  # earliest date a view may ask for
    today: dt.date  # latest date a view may ask for


def parse_day(text: str, first: dt.date, last: dt.date) -> dt.date | None:
    """A YYYY-MM-DD date within [first, last], or None."""
    if len(text) != 10:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if first <= day <= last else None


def _one_of(allowed: Iterable[str]) -> Callable[[list[str]], bool]:
    return lambda values: len(values) == 1 and values[0] in allowed


def _all_in(allowed: Iterable[str]) -> Callable[[list[str]], bool]:
    return lambda values: all(value in allowed for value in values)


def unusable_params(params: QueryParams, allowed: Allowed) -> list[str]:
    """Names of the URL parameters whose values cannot be used; the view falls back for them."""

    def one_day(values: list[str]) -> bool:
        return (
            len(values) == 1 and parse_day(values[0], allowed.first_day, allowed.today) is not None
        )

    rules: dict[str, Callable[[list[str]], bool]] = {
        "date": one_day,
        "from": one_day,
        "to": one_day,
        "since": one_day,
        "on": one_day,
        "alliance": _all_in(allowed.alliances),
        "kind": _all_in(allowed.kinds),
        "country": _all_in(allowed.countries),
        "status": _all_in(allowed.statuses),
        "event": _one_of(allowed.events),
        "lang": _one_of(allowed.languages),
        "view": _one_of(MAP_VIEWS),
        "q": lambda values: len(values) == 1 and len(values[0]) <= MAX_TEXT,
    }
    bad = []
    for name, rule in rules.items():
        values = params.get_all(name)
        if values and (len(values) > MAX_REPEATS or not rule(values)):
            bad.append(name)
    start, end = params.get_all("from"), params.get_all("to")
    if "from" not in bad and "to" not in bad and start and end and start[0] > end[0]:
        bad.append("to")  # a range that ends before it starts
    return bad
