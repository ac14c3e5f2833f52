"""The queries the pages ask, on the small fixture and on the real data at known dates."""

import datetime as dt

import pandas as pd
import pytest

from alliance_atlas import i18n, queries, tables
from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import load
from alliance_atlas.paths import SHIPPED_DATA_DIR
from alliance_atlas.vocab import FIRST_DAY
from tests.conftest import GOOD


@pytest.fixture(scope="module")
def fixture_ds():
    return load(GOOD)


def test_a_member_on_the_day_it_joins_counts_and_on_the_day_it_leaves_does_not(fixture_ds):
    on = lambda day: set(queries.members_on(fixture_ds, day)["country"])  # noqa: E731
    assert "CCC" in on(dt.date(1993, 1, 1))
    assert "CCC" not in on(dt.date(1999, 5, 1))
    assert "CCC" in on(dt.date(2005, 2, 1))


def test_a_frozen_member_is_still_a_member_with_its_status_and_since(fixture_ds):
    members = queries.members_on(fixture_ds, dt.date(2011, 1, 1)).set_index("country")
    assert members.loc["AAA", "status"] == "frozen"
    assert members.loc["AAA", "since"] == "2010-02"  # as precise as the data, no more
    assert members.loc["CCC", "status"] == "member"
    assert members.loc["CCC", "since"] == "2005-02-01"


def test_a_status_known_only_to_the_month_or_year_is_never_shown_as_a_day(real_ds):
    members = queries.members_on(real_ds, dt.date(1965, 1, 1)).set_index(["alliance", "country"])
    albania = members.loc[("warsaw_pact", "ALB")]
    assert (albania["status"], albania["since"]) == ("inactive", "1961-12")
    rows = queries.map_rows(real_ds, dt.date(1965, 1, 1), "fr")
    shown = tables.map_members(rows, {"warsaw_pact": "Pacte"}, i18n.translator("fr"), "fr")
    assert "décembre 1961" in shown.to_string() and "1er décembre 1961" not in shown.to_string()


def test_counts_step_at_every_join_and_exit(fixture_ds):
    counts = queries.membership_counts(fixture_ds)
    assert counts["members"].tolist() == [2, 2, 1, 2]
    assert (counts["members"] >= 0).all()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["pact-1950-treaty", "pact-2000-request", "pact-2000-intervention"]),
        ({"kinds": ["request"]}, ["pact-2000-request"]),
        ({"countries": ["AAA"]}, ["pact-1950-treaty", "pact-2000-intervention"]),
        ({"start": dt.date(2000, 1, 2)}, ["pact-2000-intervention"]),
        ({"end": dt.date(1999, 1, 1)}, ["pact-1950-treaty"]),
        ({"text": "CARPANIE"}, ["pact-2000-request", "pact-2000-intervention"]),
        ({"text": "[("}, []),
        ({"alliances": ["nato"]}, []),
    ],
)
def test_events_are_filtered_by_every_field(fixture_ds, filters, expected):
    assert queries.filter_events(fixture_ds, **filters)["id"].tolist() == expected


# --- the real data, at dates whose answers are known from the sources -----------------


def test_the_real_data_validate_and_hold_what_the_issue_requires(real_ds):
    counts = real_ds.counts()
    assert {"cst", "csto", "nato", "warsaw_pact"} <= set(real_ds.alliance_by_id)
    assert counts["memberships"] >= 32 + 8 + 9 + 7
    assert counts["events"] >= 40
    assert counts["sources"] >= 30


@pytest.mark.parametrize(
    ("alliance", "day", "size"),
    [
        ("nato", dt.date(1949, 8, 24), 12),
        ("nato", dt.date(2024, 3, 6), 31),
        ("nato", dt.date(2024, 3, 7), 32),
        ("warsaw_pact", dt.date(1960, 1, 1), 8),
        ("warsaw_pact", dt.date(1990, 10, 1), 6),
        ("csto", dt.date(2013, 1, 1), 6),
        ("csto", dt.date(2025, 6, 1), 6),
    ],
)
def test_alliance_sizes_at_known_dates(real_ds, alliance, day, size):
    assert len(queries.members_on(real_ds, day, [alliance])) == size


def test_csto_members_on_2013_01_01(real_ds):
    members = queries.members_on(real_ds, dt.date(2013, 1, 1), ["csto"])
    assert set(members["country"]) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}


def test_warsaw_pact_members_on_1990_10_01_exclude_the_gdr_and_albania(real_ds):
    members = queries.members_on(real_ds, dt.date(1990, 10, 1), ["warsaw_pact"])
    assert set(members["country"]) == {"BGR", "CSK", "HUN", "POL", "ROU", "SUN"}


def test_armenia_is_a_frozen_member_of_the_csto_in_2025(real_ds):
    members = queries.members_on(real_ds, dt.date(2025, 6, 1), ["csto"]).set_index("country")
    assert members.loc["ARM", "status"] == "frozen"


def test_france_was_outside_the_integrated_command_in_1980_but_a_member(real_ds):
    members = queries.members_on(real_ds, dt.date(1980, 1, 1), ["nato"]).set_index("country")
    assert members.loc["FRA", "status"] == "outside_integrated_command"
    assert members.loc["DEU", "status"] == "member"


def test_uzbekistan_has_two_csto_related_exits(real_ds):
    episodes = real_ds.memberships_frame.query("country == 'UZB' and alliance in ['cst', 'csto']")
    assert len(episodes) == 2
    assert episodes["left"].notna().all()


def test_the_summary_gives_each_alliance_its_size_today_and_at_its_peak(real_ds):
    summary = queries.alliance_summary(real_ds, dt.date(2026, 1, 1)).set_index("alliance")
    assert summary.loc["nato", ["members_now", "peak"]].tolist() == [32, 32]
    assert summary.loc["csto", ["members_now", "peak"]].tolist() == [6, 7]
    assert summary.loc["csto", "peak_since"].date() == dt.date(2006, 12, 13)
    dissolved = set(summary.index[summary["dissolved"].notna()])
    assert {"warsaw_pact"} <= dissolved and not {"nato", "csto", "cst"} & dissolved
    assert summary.loc["warsaw_pact", ["members_now", "peak"]].tolist() == [0, 8]
    assert summary.loc["cst", "peak"] == 9


def test_the_1985_map_draws_the_gdr_the_frg_and_the_ussr(real_ds):
    rows = queries.map_rows(real_ds, dt.date(1985, 1, 1), "en").set_index("country")
    assert rows.loc["DDR", "alliance"] == "warsaw_pact"
    assert rows.loc["DEU", ["shape", "alliance"]].tolist() == ["FRG", "nato"]
    assert rows.loc["SUN", "alliance"] == "warsaw_pact"
    assert "RUS" not in rows.index
    assert "CZE" not in rows.index


def test_the_2024_map_has_finland_and_sweden_in_nato_and_no_cold_war_states(real_ds):
    rows = queries.map_rows(real_ds, dt.date(2024, 6, 1), "en").set_index("country")
    assert rows.loc[["FIN", "SWE"], "alliance"].tolist() == ["nato", "nato"]
    assert rows.loc["DEU", "shape"] == "DEU"
    assert not {"SUN", "DDR", "CSK"} & set(rows.index)


def test_changes_between_two_dates_list_joins_exits_and_status_changes(real_ds):
    changes = queries.changes_between(real_ds, dt.date(2012, 1, 1), dt.date(2025, 1, 1))
    found = set(zip(changes["change"], changes["alliance"], changes["country"], strict=True))
    assert ("left", "csto", "UZB") in found
    assert ("status", "csto", "ARM") in found
    assert ("joined", "nato", "SWE") in found
    assert ("joined", "nato", "ALB") not in found


def test_status_segments_cut_an_episode_at_each_status_change(fixture_ds):
    segments = queries.status_segments(fixture_ds, dt.date(2020, 1, 1))
    aaa = segments[segments["country"] == "AAA"]
    assert aaa["status"].tolist() == ["member", "frozen"]
    assert aaa["start"].dt.date.tolist() == [dt.date(1950, 6, 1), dt.date(2010, 2, 1)]
    assert aaa["start_as_given"].tolist() == ["1950-06-01", "2010-02"]  # for readers
    assert aaa["end_as_given"].iloc[0] == "2010-02"
    assert aaa["end_as_given"].isna().iloc[1]  # still frozen
    assert (segments["end"] > segments["start"]).all()


def test_a_dataset_with_no_records_gives_an_empty_map_not_an_error():
    empty = Dataset(folder=SHIPPED_DATA_DIR)
    assert queries.map_rows(empty, dt.date(2000, 1, 1), "fr").empty
    assert queries.members_on(empty, dt.date(2000, 1, 1)).empty


def test_compare_shows_an_alliance_it_does_not_know_after_the_four_it_does(fixture_ds, real_ds):
    t = i18n.translator("en")
    names = {"csto": "CSTO", "pact": "Pact"}
    answers = {
        **queries.comparison(fixture_ds, dt.date(2020, 1, 1)),
        "csto": queries.comparison(real_ds, dt.date(2020, 1, 1))["csto"],
    }
    assert tables.comparison(answers, names, t, "en").columns.tolist() == ["CSTO", "Pact"]
    assert tables.comparison({}, names, t, "en").empty


def test_a_view_never_starts_before_the_first_day_the_atlas_covers():
    ds = load(GOOD)  # its own copy: the frame is changed below
    early = ds.events_frame.copy()
    early.loc[0, "when"] = pd.Timestamp("1930-01-01")  # e.g. an uploaded pre-war event
    ds.__dict__["events_frame"] = early  # the cached frame, replaced
    assert queries.first_event_day(ds) == FIRST_DAY
