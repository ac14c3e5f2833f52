"""Exports for other tools, tested on known facts, and the research formats read back unchanged."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from alliance_atlas import exporters, importers, queries
from alliance_atlas.loader import load
from alliance_atlas.paths import ROOT

TODAY = dt.date(2026, 11, 30)


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def episodes(real_ds):
    return queries.membership_table(real_ds, today=TODAY)


def stays(ds, prefix: str = "") -> set[tuple[str, str, str, str | None]]:
    return {
        (m.record.alliance.removeprefix(prefix), m.record.country, m.record.joined, m.record.left)
        for m in ds.memberships
    }


@pytest.mark.parametrize(
    ("kind", "write", "read"),
    [
        ("atop", exporters.atop, importers.read_atop),
        ("cow", exporters.cow, importers.read_cow),
    ],
)
def test_the_research_formats_read_back_as_the_same_episodes(
    real_ds, episodes, tmp_path, kind, write, read
):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(write(real_ds, episodes))
    imported = read(path, real_ds)
    assert imported.problems == []
    imported.write(tmp_path / "back")
    back = load(tmp_path / "back")
    assert len(stays(real_ds)) == len(episodes) > 100
    assert stays(back, f"{kind}_") == stays(real_ds)  # every state, every date, every stay


def test_the_atop_rows_key_states_by_their_number_on_the_day_they_joined(real_ds, episodes):
    rows = rows_of(exporters.atop(real_ds, episodes))
    assert tuple(rows[0]) == exporters.ATOP_COLUMNS
    warsaw = {r["member"]: r for r in rows if r["atopid"] == "warsaw_pact"}
    assert (warsaw["365"]["yrexit"], warsaw["365"]["moexit"], warsaw["365"]["dayexit"]) == (
        "1991",
        "7",
        "1",
    )
    assert "265" in warsaw and "255" not in warsaw  # the GDR, not Germany
    nato_germany = [r for r in rows if r["atopid"] == "nato" and r["member"] in {"255", "260"}]
    assert [(r["member"], r["yrent"], r["yrexit"]) for r in nato_germany] == [("260", "1955", "0")]


def test_a_timelinejs_sheet_has_its_exact_header_a_title_row_and_one_row_per_event(real_ds):
    shown = queries.filter_events(real_ds, alliances=("csto", "cst"))
    rows = rows_of(exporters.timelinejs_rows(real_ds, shown, "en"))
    assert tuple(rows[0]) == exporters.TIMELINEJS_COLUMNS
    assert [r["Type"] for r in rows].count("title") == 1 and rows[0]["Type"] == "title"
    events = rows[1:]
    assert len(events) == len(shown) > 20
    for r in events:  # TimelineJS's rules: no month without a year, no day without a month
        assert r["Year"] and (r["Month"] or not r["Day"])
    deployment = next(r for r in events if r["Headline"].startswith("CSTO peacekeepers deploy"))
    assert (deployment["Year"], deployment["Month"], deployment["Day"]) == ("2022", "1", "6")
    assert deployment["Display Date"] == "6 January 2022" and deployment["Group"] == "CSTO"
    assert '<a href="https://' in deployment["Text"]  # its sources, linked
    by_month = next(e for e in shown.itertuples() if e.precision == "month")
    row = next(r for r in events if r["Display Date"] == exporters.format_date(by_month.date, "en"))
    assert row["Day"] == ""  # a month is not given a day


def test_timelinejs_json_carries_the_same_events_with_the_data_text_escaped(real_ds):
    shown = queries.filter_events(real_ds, alliances=("csto",)).head(3).copy()
    shown.loc[shown.index[0], "summary_fr"] = "<script>alert(1)</script>"
    timeline = json.loads(exporters.timelinejs_json(real_ds, shown, "fr"))
    assert timeline["scale"] == "human" and "title" in timeline
    assert [e["unique_id"] for e in timeline["events"]] == shown["id"].tolist()
    text = timeline["events"][0]["text"]["text"]
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert timeline["events"][0]["start_date"]["display_date"][0].isdigit()  # "7 octobre 2002"


def test_a_datawrapper_map_on_a_known_date(real_ds):
    day, everything = dt.date(1985, 6, 1), tuple(real_ds.alliance_by_id)
    rows = rows_of(
        exporters.datawrapper(
            real_ds, queries.map_rows(real_ds, day, "en", everything), everything, "en"
        )
    )
    by_code = {r["ISO3"]: r for r in rows}
    assert by_code["SUN"]["Warsaw Pact"] == "Member"
    assert "no longer exists" in by_code["SUN"]["Note"] and "RUS" in by_code["SUN"]["Note"]
    assert by_code["DDR"]["Warsaw Pact"] == "Member" and by_code["DEU"]["NATO"] == "Member"
    assert "NATO" in by_code["GBR"]["Alliances"] and "WEU" in by_code["GBR"]["Alliances"]
    assert by_code["USA"]["Note"] == ""
    assert "SWE" not in by_code  # in none of them in 1985


def test_wikidata_statements_on_known_dates(real_ds, episodes):
    rows = rows_of(exporters.wikidata(real_ds, episodes))
    finland = next(r for r in rows if r["state_iso3"] == "FIN" and r["alliance"] == "NATO")
    assert (finland["property"], finland["start_time_P580"], finland["end_time_P582"]) == (
        "P463",
        "2023-04-04",
        "",
    )
    france_seato = next(r for r in rows if r["state_iso3"] == "FRA" and r["alliance"] == "SEATO")
    assert france_seato["start_time_P580"] == "1955-02-19"
    assert all(r["reference_url"].startswith("http") for r in rows)


def test_a_cell_that_a_spreadsheet_would_run_is_quoted_out(real_ds):
    shown = queries.filter_events(real_ds, alliances=("csto",)).head(1).copy()
    shown.loc[shown.index[0], "title_en"] = '=HYPERLINK("http://evil.example")'
    rows = rows_of(exporters.timelinejs_rows(real_ds, shown, "en"))
    assert rows[1]["Headline"].startswith("'=")


def test_the_command_line_exports_with_the_pages_filters(tmp_path):
    out = tmp_path / "kazakhstan.csv"
    command = [sys.executable, "-m", "alliance_atlas", "export", "timelinejs-csv"]
    command += ["--alliance", "csto", "--q", "Kazakhstan", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = rows_of(out.read_bytes())
    assert len(rows) >= 2 and all("Kazakhstan" in r["Headline"] + r["Text"] for r in rows[1:])
    bad = subprocess.run(
        [*command[:5], "--alliance", "nope", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "no such alliance: nope" in bad.stderr
