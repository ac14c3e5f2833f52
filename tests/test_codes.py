"""State numbers of the research datasets (COW, Gleditsch-Ward) and the atlas's states, both ways."""

import datetime as dt

import pytest

from alliance_atlas import codes
from alliance_atlas.loader import load
from tests.conftest import GOOD

D = dt.date


@pytest.mark.parametrize(
    ("scheme", "number", "day", "state"),
    [
        ("cow", 365, D(1985, 6, 1), "SUN"),
        ("cow", 365, D(1991, 12, 25), "SUN"),
        ("cow", 365, D(1991, 12, 26), "RUS"),  # COW starts the post-Soviet states that day
        ("cow", 260, D(1970, 1, 1), "DEU"),  # the Federal Republic
        ("cow", 260, D(1990, 10, 2), "DEU"),
        ("cow", 260, D(1990, 10, 3), None),  # COW's Germany is 255 again from unification
        ("cow", 255, D(1990, 10, 3), "DEU"),
        ("cow", 255, D(1940, 1, 1), None),  # the Reich is no state of the atlas: never guessed
        ("gw", 260, D(2000, 1, 1), "DEU"),  # Gleditsch-Ward keep 260 after unification
        ("gw", 255, D(2000, 1, 1), None),
        ("cow", 265, D(1980, 1, 1), "DDR"),
        ("cow", 265, D(1990, 10, 3), None),  # the GDR ends the day before
        ("cow", 315, D(1992, 12, 31), "CSK"),
        ("cow", 316, D(1993, 1, 1), "CZE"),
        ("cow", 316, D(1992, 12, 31), None),
        ("cow", 2, D(1949, 4, 4), "USA"),
        ("gw", 2, D(1949, 4, 4), "USA"),  # the same number in both where the lists agree
        ("cow", 999, D(2000, 1, 1), None),
    ],
)
def test_a_number_on_a_day_names_one_state_of_the_atlas(real_ds, scheme, number, day, state):
    assert codes.state_of(real_ds, scheme, number, day) == state


def test_a_state_has_its_number_on_each_day_of_its_life(real_ds):
    assert codes.number_of(real_ds, "cow", "DEU", D(1980, 1, 1)) == 260
    assert codes.number_of(real_ds, "cow", "DEU", D(2000, 1, 1)) == 255
    assert codes.number_of(real_ds, "gw", "DEU", D(2000, 1, 1)) == 260
    assert codes.number_of(real_ds, "cow", "SUN", D(1992, 1, 1)) is None  # gone by then
    assert {c.record.country for c in real_ds.codes} == set(real_ds.country_by_code)
    checked = 0
    for item in real_ds.codes:  # on the first and last day of each span, both ways
        start, end = codes.span(real_ds, item.record)
        for day in (start or D(1945, 1, 1), (end or D(2026, 1, 1)) - dt.timedelta(days=1)):
            for scheme in ("cow", "gw"):
                number = codes.number_of(real_ds, scheme, item.record.country, day)
                assert number == item.record.number(scheme), (item.record.country, day)
                assert codes.state_of(real_ds, scheme, number, day) == item.record.country
                checked += 1
    assert checked == 4 * len(real_ds.codes) > 300


def test_a_number_handed_on_the_day_a_state_ends_names_its_successor():
    ds = load(GOOD)  # Borduria (902) ends on 1 January 1993; Carpania takes 902 that day
    assert codes.state_of(ds, "cow", 902, D(1992, 12, 31)) == "BBB"
    assert codes.state_of(ds, "cow", 902, D(1993, 1, 1)) == "CCC"
    assert codes.state_of(ds, "gw", 904, D(2000, 1, 1)) == "DDD"
    assert codes.state_of(ds, "gw", 903, D(2000, 1, 1)) is None  # DDD is 904 in that list
