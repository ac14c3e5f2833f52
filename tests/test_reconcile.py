"""Reconciling an imported file with the atlas: every difference found and put in its class."""

import pandas as pd
import pytest

from alliance_atlas import exporters, importers, queries, reconcile
from alliance_atlas.loader import load
from tests.test_imports import page_with_upload

HEADER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit"
ROWS = [
    "3180,2,1949,4,4,0,0,0",  # NATO: the United States from the signature (we: entry into force)
    "3285,265,1955,5,14,1990,10,2",  # Warsaw Pact: the GDR to the eve of unification (disputed)
    "3285,290,1955,5,14,1991,7,1",  # Poland: same exit as ours
    "3285,310,1955,5,14,1991,3,31",  # Hungary: out three months early (no record says so)
]


@pytest.fixture(scope="module")
def imported(real_ds, tmp_path_factory):
    folder = tmp_path_factory.mktemp("atop")
    (folder / "m.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    importers.read_atop(folder / "m.csv", real_ds).write(folder / "out")
    return load(folder / "out")


def found(real_ds, imported) -> dict[tuple[str, str], dict]:
    mapping = {"atop_3180": "nato", "atop_3285": "warsaw_pact"}
    table = reconcile.differences(real_ds, imported, mapping)
    return {(r["state"], r["field"]): r for r in table.to_dict("records")}


def test_a_signature_date_against_an_entry_into_force_is_a_convention(real_ds, imported):
    usa = found(real_ds, imported)[("USA", "joined")]
    assert (usa["atlas_value"], usa["dataset_value"], usa["days"]) == (
        "1949-08-24",
        "1949-04-04",
        -142,
    )
    assert usa["class"] == "convention" and "signature" in usa["explanation"]


def test_a_difference_a_dispute_records_is_disputed(real_ds, imported):
    gdr = found(real_ds, imported)[("DDR", "left")]
    assert (gdr["atlas_value"], gdr["dataset_value"], gdr["days"]) == (
        "1990-09-24",
        "1990-10-02",
        8,
    )
    assert gdr["class"] == "disputed" and "disputes.yaml" in gdr["explanation"]


def test_a_difference_nothing_explains_is_unexplained_and_an_equal_date_is_no_difference(
    real_ds, imported
):
    rows = found(real_ds, imported)
    hungary = rows[("HUN", "left")]
    assert (hungary["days"], hungary["class"]) == (-92, "unexplained")
    assert ("POL", "left") not in rows  # the same day on both sides
    states = {state for state, _ in rows}
    assert "CSK" in states and pd.isna(rows[("CSK", "membership")]["dataset_value"])  # ours only
    assert set(r["class"] for r in rows.values()) <= set(reconcile.CLASSES)


def test_the_suggested_mapping_pairs_alliances_by_their_members(real_ds, tmp_path):
    episodes = queries.membership_table(
        real_ds, today=real_ds.memberships_frame["joined"].max().date()
    )
    (tmp_path / "atop.csv").write_bytes(exporters.atop(real_ds, episodes))
    importers.read_atop(tmp_path / "atop.csv", real_ds).write(tmp_path / "back")
    back = load(tmp_path / "back")
    mapping = reconcile.suggested_mapping(real_ds, back)
    assert mapping["atop_nato"] == "nato" and mapping["atop_csto"] == "csto"
    assert mapping["atop_warsaw_pact"] == "warsaw_pact"
    table = reconcile.differences(real_ds, back, mapping)
    assert table.empty  # our own data, exported and read back, differ in nothing


def test_the_command_line_pairs_reports_and_takes_a_correction(tmp_path):
    import subprocess
    import sys

    from alliance_atlas.paths import ROOT

    (tmp_path / "m.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "alliance_atlas", "reconcile", "atop", str(tmp_path / "m.csv")]
    out = tmp_path / "diff.csv"
    done = subprocess.run(
        [*command, "--map", "atop_3180=nato", "--map", "atop_3285=warsaw_pact", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "atop_3180 = nato" in done.stdout and "1 disputed" in done.stdout  # the GDR's exit
    written = pd.read_csv(out)
    assert set(written["class"]) == set(reconcile.CLASSES)
    wrong = subprocess.run(
        [*command, "--map", "atop_3180=nope", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "no such alliance" in wrong.stderr


WARSAW = [f"3285,{n},1955,5,14,1991,7,1" for n in (290, 365, 315, 360, 355)] + [
    "3285,265,1955,5,14,1990,10,2",
    "3285,310,1955,5,14,1991,3,31",
    "3285,339,1955,5,14,1968,9,13",
]


def test_the_data_page_pairs_an_uploaded_file_and_lists_the_differences_by_class():
    at = page_with_upload(HEADER, WARSAW, "data")
    assert "Where your file and the atlas disagree" in [s.value for s in at.header]
    assert any("Warsaw Pact" in str(frame.value) for frame in at.dataframe)
    counts = next(c.value for c in at.caption if "differences:" in c.value)
    assert counts == "10 differences: 8 from a convention, 1 recorded as disputed, 1 unexplained."
