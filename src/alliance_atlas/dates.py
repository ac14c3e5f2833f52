"""Dates with a precision: a day, a month or a year, written YYYY-MM-DD, YYYY-MM or YYYY."""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

Precision = Literal["day", "month", "year"]

_SHAPE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")  # YYYY, YYYY-MM or YYYY-MM-DD
_PADDING = {10: "", 7: "-01", 4: "-01-01"}  # to the first day it can mean, by length


def precision_of(text: str) -> Precision:
    """Whether a normalised date names a day, a month or a year."""
    return {10: "day", 7: "month", 4: "year"}[len(text)]  # type: ignore[return-value]


def start_of(text: str) -> dt.date:
    """The first day a normalised date can mean."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def last_of(text: str) -> dt.date:
    """The last day a normalised date can mean: `1994` ends on 31 December 1994."""
    first = start_of(text)
    match precision_of(text):
        case "year":
            return first.replace(month=12, day=31)
        case "month":
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
    return first


def _normalise_partial(value: Any) -> str:
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be written YYYY-MM-DD, YYYY-MM or YYYY")
    text = value.strip()
    if not _SHAPE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        dt.date.fromisoformat(text + _PADDING[len(text)])
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return text


def _normalise_day(value: Any) -> dt.date:
    text = _normalise_partial(value)
    if precision_of(text) != "day":
        raise ValueError(f"{text!r} must be a full date, YYYY-MM-DD")
    return dt.date.fromisoformat(text)


PartialDate = Annotated[str, BeforeValidator(_normalise_partial)]
"""A date of day, month or year precision, kept as its canonical text."""

Day = Annotated[dt.date, BeforeValidator(_normalise_day)]
"""A full calendar date, YYYY-MM-DD."""
