"""The research datasets' state numbers (Correlates of War, Gleditsch-Ward) and the atlas's states."""

import datetime as dt

from alliance_atlas.dataset import Dataset
from alliance_atlas.schema import StateCode


def span(ds: Dataset, code: StateCode) -> tuple[dt.date | None, dt.date | None]:
    """The days a row of state_codes.csv covers, [start, end): a blank start or end is the
    state's own (`exists_from`, `exists_until` in countries.csv); None is unbounded."""
    country = ds.country_by_code.get(code.country)
    start = code.start or (country.exists_from if country else None)
    end = code.end or (country.exists_until if country else None)
    return start, end


def _covers(ds: Dataset, code: StateCode, day: dt.date) -> bool:
    start, end = span(ds, code)
    return (start is None or start <= day) and (end is None or day < end)


def number_ends(ds: Dataset, country: str, day: dt.date) -> dt.date | None:
    """The first day after `day` on which the state's numbers no longer stand for it (Germany's
    260 on 3 October 1990), or None where they still do."""
    found = (c.record for c in ds.codes if c.record.country == country)
    return next((span(ds, code)[1] for code in found if _covers(ds, code, day)), None)


def state_of(ds: Dataset, scheme: str, number: int, day: dt.date) -> str | None:
    """The atlas's state that `number` stands for in `scheme` ("cow" or "gw") on `day`: COW's
    365 is the Soviet Union (SUN) before 26 December 1991 and Russia from then. None where
    the number stands for no state of the data that day, which a caller reports, never guesses."""
    found = (c.record for c in ds.codes if c.record.number(scheme) == number)
    return next((code.country for code in found if _covers(ds, code, day)), None)


def number_of(ds: Dataset, scheme: str, country: str, day: dt.date) -> int | None:
    """The number `scheme` gives the atlas's state `country` on `day`, or None where it has none."""
    found = (c.record for c in ds.codes if c.record.country == country)
    return next((code.number(scheme) for code in found if _covers(ds, code, day)), None)
