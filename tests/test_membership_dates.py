"""Membership dates as precise as their source, and dates that are a signature's, not an entry's."""

import shutil

from alliance_atlas import i18n, queries, tables
from alliance_atlas.dates import last_of
from alliance_atlas.loader import load, load_partial
from tests.conftest import GOOD

HEADER = "alliance,country,signed,joined,left,joined_as,note,sources"


def folder_with_memberships(tmp_path, header: str, rows: list[str]):
    folder = tmp_path / "data"
    shutil.copytree(GOOD, folder)
    (folder / "memberships.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_a_month_or_a_year_is_kept_as_precise_as_given(tmp_path):
    rows = [
        "pact,AAA,,1950-06,,founder,,treaty-text",
        "pact,CCC,,1994,1996-05,acceded,,treaty-text",
    ]
    ds = load(folder_with_memberships(tmp_path, HEADER, rows))
    frame = ds.memberships_frame.set_index("country")
    assert str(frame.loc["AAA", "joined"].date()) == "1950-06-01"  # drawn from the month's start
    assert frame.loc["AAA", "joined_as_given"] == "1950-06"  # read as given
    assert (frame.loc["CCC", "joined_as_given"], frame.loc["CCC", "left_as_given"]) == (
        "1994",
        "1996-05",
    )
    table = tables.members(
        queries.membership_table(ds, today=frame.loc["CCC", "joined"].date()),
        {"pact": "Pact"},
        {"AAA": "Aland", "CCC": "Carpania"},
        i18n.translator("en"),
    )
    assert table.set_index("State").loc["Carpania", "Joined"] == "1994"
    assert set(table["Joined date is"]) == {""}  # the atlas's rule goes without saying


def test_a_file_without_the_newer_basis_column_still_loads_and_means_effect(tmp_path):
    ds = load(
        folder_with_memberships(tmp_path, HEADER, ["pact,AAA,,1950-06-01,,founder,,treaty-text"])
    )
    assert [m.record.joined_basis for m in ds.memberships] == ["effect"]


def test_a_signature_based_date_says_so_in_the_table(tmp_path):
    header = HEADER + ",joined_basis"
    rows = ["pact,AAA,,1950-06-01,,founder,,treaty-text,signature"]
    ds = load(folder_with_memberships(tmp_path, header, rows))
    assert [m.record.joined_basis for m in ds.memberships] == ["signature"]
    episodes = queries.membership_table(ds, today=ds.memberships_frame["joined"].iloc[0].date())
    table = tables.members(episodes, {"pact": "Pact"}, {"AAA": "Aland"}, i18n.translator("fr"))
    column = "La date d\N{RIGHT SINGLE QUOTATION MARK}entrée est"
    assert table[column].tolist() == ["Celle de la signature (convention du jeu de données)"]


def test_a_header_with_a_column_of_its_own_is_refused_with_the_expected_columns(tmp_path):
    folder = folder_with_memberships(
        tmp_path, HEADER + ",colour", ["pact,AAA,,1950,,founder,,treaty-text,red"]
    )
    problems = load_partial(folder).problems
    assert [(p.rule, p.line) for p in problems if p.file.endswith("memberships.csv")] == [
        ("csv-header", 1)
    ]
    assert "the last 1 may be left out" in problems[0].message


def test_a_year_that_reaches_the_entry_into_force_is_within_the_alliances_life(tmp_path):
    rows = ["pact,AAA,,1950,,founder,,treaty-text"]  # in force 1950-06-01: 1950 may mean it
    assert [
        m.record.joined for m in load(folder_with_memberships(tmp_path, HEADER, rows)).memberships
    ] == ["1950"]
    early = ["pact,AAA,,1949-12,,founder,,treaty-text"]
    problems = load_partial(folder_with_memberships(tmp_path / "early", HEADER, early)).problems
    assert "outside-lifetime" in {p.rule for p in problems}


def test_the_last_day_a_date_can_mean():
    assert [
        str(last_of(text)) for text in ("2024-02", "2023-02", "1994", "1994-12", "1994-05-06")
    ] == [
        "2024-02-29",
        "2023-02-28",
        "1994-12-31",
        "1994-12-31",
        "1994-05-06",
    ]
