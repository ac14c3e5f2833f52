"""ATOP and COW files, written here in their formats with the awkward cases, imported and loaded."""

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from alliance_atlas import importers
from alliance_atlas.loader import load
from alliance_atlas.paths import ROOT
from alliance_atlas.schema import Alliance
from alliance_atlas.upload import Upload, load_uploads

ATOP_HEADER = "atopid,version,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul"
ATOP_ROWS = [
    # Two phases of one alliance: one stay, not an exit and a return.
    "3180,5.1,2,1949,4,4,1955,5,5,1,1,0,0,0,1",
    "3180,5.1,2,1955,5,6,0,0,0,2,1,0,0,0,1",
    # A blank day: the month is all the file knows.
    "3180,5.1,200,1949,4,,0,0,0,1,1,0,0,0,1",
    # Left and came back: two stays.
    "3180,5.1,220,1949,4,4,1966,7,1,1,1,0,0,0,1",
    "3180,5.1,220,2009,4,4,0,0,0,3,1,0,0,0,1",
    # One state under two numbers: the Federal Republic (260), then Germany (255).
    "3180,5.1,260,1955,5,6,1990,10,2,2,1,0,0,0,1",
    "3180,5.1,255,1990,10,3,0,0,0,3,1,0,0,0,1",
    # 365 is the Soviet Union, then Russia: one row across December 1991 becomes two.
    "3999,5.1,365,1980,1,1,0,0,0,0,0,0,0,1,0",
    "3999,5.1,2,1980,1,1,0,0,0,0,0,0,0,1,0",
    # A number that stands for no state of the atlas (Austria-Hungary, 300) is named, not guessed.
    "3999,5.1,300,1879,10,7,1918,11,3,0,0,0,0,1,0",
    # A date that does not exist.
    "3999,5.1,2,1981,13,1,0,0,0,0,0,0,0,1,0",
]


def write(tmp_path, name: str, header: str, rows: list[str]):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def atop(tmp_path, real_ds):
    members = write(tmp_path, "atop5_1m.csv", ATOP_HEADER, ATOP_ROWS)
    return importers.read_atop(members, real_ds)


def stays(ds, alliance: str, country: str) -> list[tuple[str, str | None]]:
    return [
        (m.record.joined, m.record.left)
        for m in ds.memberships
        if (m.record.alliance, m.record.country) == (alliance, country)
    ]


def test_an_atop_member_file_becomes_a_folder_that_passes_every_rule(atop, tmp_path):
    atop.write(tmp_path / "out")
    ds = load(tmp_path / "out")  # raises on any problem
    assert atop.rows == len(ATOP_ROWS)
    assert set(ds.alliance_by_id) == {"atop_3180", "atop_3999"}
    assert ds.alliance_by_id["atop_3180"].type == "defence_pact"
    assert ds.alliance_by_id["atop_3999"].type == "non_aggression_pact"
    assert ds.alliance_by_id["atop_3180"].origin == "ATOP"
    assert stays(ds, "atop_3180", "USA") == [("1949-04-04", None)]  # the phases are one stay
    assert stays(ds, "atop_3180", "GBR") == [("1949-04", None)]  # no day, no invented day
    assert stays(ds, "atop_3180", "FRA") == [("1949-04-04", "1966-07-01"), ("2009-04-04", None)]
    assert stays(ds, "atop_3180", "DEU") == [("1955-05-06", None)]  # 260 then 255: one stay
    assert stays(ds, "atop_3999", "SUN") == [("1980-01-01", "1991-12-26")]
    assert stays(ds, "atop_3999", "RUS") == [("1991-12-26", None)]
    every = {m.record.joined_basis for m in ds.memberships}
    assert every == {"signature"}  # ATOP dates an entry by its signature, and the data say so
    assert {m.record.sources[0] for m in ds.memberships} == {"atop-dataset"}
    founders = {m.record.country for m in ds.memberships if m.record.joined_as == "founder"}
    assert founders >= {"USA", "FRA"} and "DEU" not in founders
    assert ds.source_by_id["atop-dataset"].url == "http://atop.rice.edu/data"


def test_rows_that_cannot_be_carried_over_are_named_by_file_line_and_rule(atop):
    named = [(p.file.rsplit("/", 1)[-1], p.line, p.rule) for p in atop.problems]
    assert sorted(named) == [
        ("atop5_1m.csv", 11, "unknown-code"),  # 300: Austria-Hungary
        ("atop5_1m.csv", 12, "invalid-value"),  # month 13
    ]
    assert "COW number 300 stands for no state of the atlas on 1879-10-07" in str(atop.problems)


def test_the_alliance_file_gives_the_dates_and_an_end_closes_the_open_stays(tmp_path, real_ds):
    members = write(tmp_path, "m.csv", ATOP_HEADER, ["3999,5.1,2,1980,1,1,0,0,0,0,0,0,0,1,0"])
    header = "atopid,begyr,begmo,begday,endyr,endmo,endday,ineffect"
    alliances = write(tmp_path, "a.csv", header, ["3999,1979,12,,1985,6,30,0"])
    imported = importers.read_atop(members, real_ds, alliances)
    imported.write(tmp_path / "out")
    ds = load(tmp_path / "out")
    pact = ds.alliance_by_id["atop_3999"]
    assert (str(pact.in_force), str(pact.dissolved)) == ("1979-12-01", "1985-06-30")
    assert "1979-12" in pact.note  # the month given, and how its first day was taken
    assert stays(ds, "atop_3999", "USA") == [("1980-01-01", "1985-06-30")]


COW_HEADER = (
    "version4id,ccode,state_name,all_st_day,all_st_month,all_st_year,all_end_day,all_end_month,"
    "all_end_year,ss_type,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,"
    "mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente,version"
)


def test_a_cow_by_member_file_keeps_its_conventions(tmp_path, real_ds):
    rows = [
        # Still in at the end of coverage (right_censor): no exit.
        "123,2,United States,4,4,1949,,,,Type I: Defense Pact,4,4,1949,,,,0,1,1,0,0,1,4.1",
        # An unknown day (-9) lowers the precision.
        "123,20,Canada,4,4,1949,,,,Type I: Defense Pact,-9,4,1949,,,,0,1,1,0,0,1,4.1",
        # An exit.
        "124,640,Turkey,24,2,1955,,,,Type III: Entente,24,2,1955,16,8,1979,0,0,0,0,0,1,4.1",
    ]
    imported = importers.read_cow(write(tmp_path, "cow.csv", COW_HEADER, rows), real_ds)
    assert imported.problems == []
    imported.write(tmp_path / "out")
    ds = load(tmp_path / "out")
    assert stays(ds, "cow_123", "USA") == [("1949-04-04", None)]
    assert stays(ds, "cow_123", "CAN") == [("1949-04", None)]
    assert stays(ds, "cow_124", "TUR") == [("1955-02-24", "1979-08-16")]
    assert ds.alliance_by_id["cow_124"].type == "consultation_pact"  # an entente
    assert {m.record.joined_basis for m in ds.memberships} == {"effect"}


def test_a_file_that_is_not_the_format_is_refused_by_its_header(tmp_path, real_ds):
    imported = importers.read_cow(write(tmp_path, "x.csv", ATOP_HEADER, ATOP_ROWS[:1]), real_ds)
    assert [(p.line, p.rule) for p in imported.problems] == [(1, "csv-header")]
    assert "version4id" in imported.problems[0].message
    assert imported.files == {}


def test_the_command_line_writes_a_valid_folder_and_lists_what_it_left_out(tmp_path):
    members = write(tmp_path, "atop.csv", ATOP_HEADER, ATOP_ROWS)
    command = [sys.executable, "-m", "alliance_atlas", "import", "atop", str(members)]
    done = subprocess.run(
        [*command, "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "atop.csv:11: unknown-code" in done.stderr
    assert f"{len(ATOP_ROWS)} rows read" in done.stdout
    assert "OK:" in done.stdout  # the folder passes validate


def test_only_an_imported_alliance_may_lack_its_place_and_clause(real_ds):
    nato = real_ds.alliance_by_id["nato"].model_dump()
    for field in ("signed_at", "defence_clause"):
        with pytest.raises(ValidationError, match=r"signed_at|defence_clause"):
            Alliance.model_validate({**nato, field: None})
        assert Alliance.model_validate({**nato, field: None, "origin": "ATOP"}).origin == "ATOP"


def test_an_uploaded_atop_file_is_told_by_its_header_and_joins_the_shipped_data(real_ds):
    data = ("\n".join([ATOP_HEADER, *ATOP_ROWS]) + "\n").encode()
    loaded = load_uploads([Upload("my-alliances.csv", data)], beside=ROOT / "data")
    rules = sorted({p.rule for p in loaded.problems})
    assert rules == ["invalid-value", "unknown-code"]  # the two rows named above, nothing else
    assert all(p.file == "upload/my-alliances.csv" for p in loaded.problems)
    assert {"atop_3180", "atop_3999", "nato", "csto"} <= set(loaded.dataset.alliance_by_id)
    # Its copies of shipped states and sources are the same records: counted once, no clash.
    assert len(loaded.dataset.country_by_code) == len(real_ds.country_by_code)
    assert loaded.skipped == 2  # the two rows, counted as read and not kept
    alone = load_uploads([Upload("my-alliances.csv", data)], beside=None)
    assert set(alone.dataset.alliance_by_id) == {"atop_3180", "atop_3999"}
    assert alone.kept > 0 and {p.rule for p in alone.problems} == {"invalid-value", "unknown-code"}


def test_a_csv_that_is_no_dataset_is_still_refused(tmp_path):
    loaded = load_uploads([Upload("notes.csv", b"a,b\n1,2\n")], beside=None)
    assert {p.rule for p in loaded.problems} == {"not-a-data-file", "missing-file"}
    refused = next(p for p in loaded.problems if p.rule == "not-a-data-file")
    assert "ATOP or COW member file" in refused.message


def page_with_upload(header: str, rows: list[str], page: str):
    """An app session that uploaded a member file beside the shipped data, on `page`."""
    from streamlit.testing.v1 import AppTest

    from alliance_atlas import session as visitor

    data = ("\n".join([header, *rows]) + "\n").encode()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[visitor.UPLOADED] = load_uploads([Upload("mine.csv", data)], ROOT / "data")
    at.session_state[visitor.UPLOAD_MODE] = "beside"
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_with_an_import_beside_them_the_charts_keep_to_the_atlass_alliances_and_say_so():
    at = page_with_upload(ATOP_HEADER, ATOP_ROWS, "members")
    total = len(at.multiselect(key="alliance").options)  # the pacts, the SCO left out
    notes = [c.value for c in at.caption if c.value.startswith("The charts show")]
    assert notes == [
        f"The charts show {total - 2} of the {total} alliances in these data; "
        "choose others in the list above."
    ]
    lines = {trace["name"] for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert "ATOP 3180" not in lines and "NATO" in lines
    at.multiselect(key="alliance").set_value(["atop_3180"]).run()
    lines = {trace["name"] for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert lines == {"ATOP 3180"}  # chosen, it is drawn


HEADER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit"


def imported_rows(tmp_path, real_ds, rows: list[str], alliances: list[str] | None = None):
    members = write(tmp_path, "m.csv", HEADER, rows)
    spans = None
    if alliances:
        spans = write(tmp_path, "a.csv", "atopid,begyr,begmo,begday,endyr,endmo,endday", alliances)
    imported = importers.read_atop(members, real_ds, spans)
    if imported.files:
        imported.write(tmp_path / "out")
    return imported


@pytest.mark.parametrize(
    "row",
    [
        "1,2,inf,1,1,0,0,0",  # not a number
        "1,2,12345,1,1,0,0,0",  # no year of the calendar
        "1,2,1e10,1,1,0,0,0",
        "1,2,1949,4,31,0,0,0",  # 31 April
        "1,2,1949,4",  # too few cells
        "1,2,1949,4,4,0,0,0,extra",  # too many
        "1,2,1960,1,1,1950,1,1",  # out before in
        ",2,1949,4,4,0,0,0",  # no alliance id
    ],
)
def test_a_hostile_row_is_named_and_never_crashes_the_import(tmp_path, real_ds, row):
    imported = imported_rows(tmp_path, real_ds, ["1,20,1949,4,4,0,0,0", row])
    assert [(p.line, p.rule) for p in imported.problems if p.line == 3] != []
    assert (
        imported.left_out == 1 and imported.rows == 2
    )  # the good row is kept, the bad one counted


def test_a_soviet_member_with_no_exit_leaves_when_its_alliance_ends_before_december_1991(
    tmp_path, real_ds
):
    imported = imported_rows(
        tmp_path, real_ds, ["1,365,1955,5,14,0,0,0"], alliances=["1,1955,5,14,1991,7,1"]
    )
    assert imported.problems == []
    ds = load(tmp_path / "out")
    assert stays(ds, "atop_1", "SUN") == [("1955-05-14", "1991-07-01")]
    assert stays(ds, "atop_1", "RUS") == []
    assert "ends with the alliance" in ds.memberships[0].record.note


def test_rows_that_overlap_are_named_and_never_shorten_a_stay(tmp_path, real_ds):
    imported = imported_rows(tmp_path, real_ds, ["1,2,1949,4,4,1990,1,1", "1,2,1950,1,1,1960,1,1"])
    assert [(p.line, p.rule) for p in imported.problems] == [(3, "overlap")]
    assert stays(load(tmp_path / "out"), "atop_1", "USA") == [("1949-04-04", "1990-01-01")]


def test_a_statistics_packages_numbers_read_as_whole_numbers(tmp_path, real_ds):
    header = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,defense"
    members = write(tmp_path, "m.csv", header, ["3180.0,2.0,1949.0,4.0,-9.0,0.0,0.0,0.0,1.0"])
    imported = importers.read_atop(members, real_ds)
    assert imported.problems == []
    imported.write(tmp_path / "out")
    ds = load(tmp_path / "out")
    assert stays(ds, "atop_3180", "USA") == [("1949-04", None)]
    assert ds.alliance_by_id["atop_3180"].type == "defence_pact"


def test_an_end_given_as_a_year_closes_on_its_last_day(tmp_path, real_ds):
    rows = ["1,2,1950,1,1,1955,6,15", "1,20,1950,1,1,0,0,0"]
    imported = imported_rows(tmp_path, real_ds, rows, alliances=["1,1950,1,1,1955,,"])
    assert imported.problems == []
    ds = load(tmp_path / "out")
    assert str(ds.alliance_by_id["atop_1"].dissolved) == "1955-12-31"
    assert stays(ds, "atop_1", "USA") == [("1950-01-01", "1955-06-15")]
    assert stays(ds, "atop_1", "CAN") == [("1950-01-01", "1955")]  # out with it, in 1955


def test_a_phase_that_ends_in_a_month_and_one_that_begins_in_it_are_one_stay(tmp_path, real_ds):
    imported = imported_rows(tmp_path, real_ds, ["1,2,1949,4,4,1955,5,", "1,2,1955,5,6,0,0,0"])
    assert imported.problems == []
    assert stays(load(tmp_path / "out"), "atop_1", "USA") == [("1949-04-04", None)]


def test_a_number_before_its_state_existed_is_named_not_guessed(tmp_path, real_ds):
    imported = imported_rows(
        tmp_path, real_ds, ["1,365,1900,1,1,1910,1,1", "1,2,1900,1,1,1910,1,1"]
    )
    assert [(p.line, p.rule) for p in imported.problems] == [(2, "unknown-code")]  # tsarist Russia


def test_ids_that_would_clash_and_an_alliance_given_twice_are_named(tmp_path, real_ds):
    imported = imported_rows(
        tmp_path,
        real_ds,
        ["A1,2,1950,1,1,0,0,0", "a1,20,1950,1,1,0,0,0"],
        alliances=["A1,1950,1,1,0,0,0", "A1,1951,1,1,0,0,0"],
    )
    named = sorted((p.file.rsplit("/", 1)[-1], p.line, p.rule) for p in imported.problems)
    assert named == [("a.csv", 3, "duplicate-id"), ("m.csv", 3, "duplicate-id")]


def test_a_membership_outside_its_alliances_life_is_named_at_its_row(tmp_path, real_ds):
    imported = imported_rows(
        tmp_path,
        real_ds,
        ["1,2,1950,1,1,0,0,0", "1,20,1960,1,1,0,0,0"],
        alliances=["1,1950,1,1,1955,1,1"],
    )
    named = [(p.file.rsplit("/", 1)[-1], p.line) for p in imported.problems]
    assert named == [("m.csv", 3)]  # Canada joins in 1960 an alliance that ended in 1955
    assert imported.left_out == 1
    assert stays(load(tmp_path / "out"), "atop_1", "USA") == [("1950-01-01", "1955-01-01")]


def test_the_command_line_will_not_write_into_a_folder_that_holds_files(tmp_path):
    members = write(tmp_path, "atop.csv", ATOP_HEADER, ATOP_ROWS[:1])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    command = [sys.executable, "-m", "alliance_atlas", "import", "atop", str(members)]
    done = subprocess.run(
        [*command, "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2 and "not empty" in done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]
