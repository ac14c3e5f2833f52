"""AppTest with a clock the test controls: a server that runs past midnight serves the new day."""

import datetime as dt
import json

import pytest

from alliance_atlas import session
from tests.test_pages import run

pytestmark = pytest.mark.app

# Sweden's instrument of accession took effect on 7 March 2024: NATO's 32nd member.
EVE, DAY = dt.date(2024, 3, 6), dt.date(2024, 3, 7)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, dt.date]:
    """The day the app believes it is; the test moves it forward."""
    now = {"day": EVE}
    monkeypatch.setattr(session, "today", lambda: now["day"])
    return now


def nato_today_on_overview() -> str:
    at = run("overview")
    names = [s.value for s in at.header]
    today = [m for m in at.metric if m.label == "Members today"]
    return today[names.index("NATO")].value


def nato_today_on_compare() -> str:
    return run("compare").table[0].value.loc["Members today", "NATO"]


def map_default_date() -> dt.date:
    return run("map").date_input(key="date").value


def test_members_today_and_the_map_date_follow_the_clock_past_midnight(clock):
    before = (nato_today_on_overview(), nato_today_on_compare(), map_default_date())
    clock["day"] = DAY  # midnight passes; the server and its caches stay up
    after = (nato_today_on_overview(), nato_today_on_compare(), map_default_date())
    assert before == ("31", "31", EVE)
    assert after == ("32", "32", DAY)


def test_the_year_by_year_map_gains_a_frame_when_the_year_turns(clock):
    def last_frame() -> str:
        at = run("map", view="years")
        chart = next(el for el in at.main if getattr(el.proto, "spec", None))
        return json.loads(chart.proto.spec)["frames"][-1]["name"]

    clock["day"] = dt.date(2024, 12, 31)
    assert last_frame() == "2023"
    clock["day"] = dt.date(2025, 1, 1)
    assert last_frame() == "2024"
