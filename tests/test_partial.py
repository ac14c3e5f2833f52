"""Partial loads: valid records are kept, every skipped one is named, and counts always add up."""

import shutil
from pathlib import Path

import pytest

from alliance_atlas import checks
from alliance_atlas.loader import NOTICES, combine, load_partial, read_folder, settle
from tests.conftest import BAD, GOOD, build_case

# 2 sources, 1 alliance, 4 countries, 4 memberships, 1 status, 3 events, 1 dispute, 4 codes
GOOD_RECORDS = 20

BROKEN_EVENT = """- id: pact-2001-broken
  date: 2001-13-45
  alliance: pact
  kind: summit
  countries: [AAA]
  title: {en: A summit, fr: Un sommet}
  summary: {en: Leaders meet., fr: Les dirigeants se réunissent.}
  sources: [treaty-text]
"""
GHOST_ALLIANCE = """- id: ghost
  type: defence_pact
  name: {en: Ghost Pact, fr: Pacte fantôme}
  short_name: {en: GP, fr: PF}
  treaty: {en: Ghost Treaty, fr: Traité fantôme}
  signed: 1960-01-01
  signed_at: {en: Nowhere, fr: Nulle part}
  in_force: 1960-01-01
  headquarters: []
  defence_clause:
    article: {en: Article 1, fr: Article premier}
    paraphrase: {en: Nothing., fr: Rien.}
    sources: [treaty-text]
  obligations: {defence: true, offence: false, neutrality: false, non_aggression: false, consultation: true}
  sources: [no-such-source]
"""


def folder_with(tmp_path: Path, **appended: str) -> Path:
    """The good folder with text appended to some of its files (`events__pact_yaml=...`)."""
    folder = tmp_path / "data"
    shutil.copytree(GOOD, folder)
    for name, text in appended.items():
        with (
            folder / name.replace("__", "/").replace("_yaml", ".yaml").replace("_csv", ".csv")
        ).open("a") as out:
            out.write(text)
    return folder


def test_good_data_keep_every_record(good_dir):
    loaded = load_partial(good_dir)
    assert (loaded.read, loaded.kept, loaded.skipped, loaded.problems) == (
        GOOD_RECORDS,
        GOOD_RECORDS,
        0,
        [],
    )


def test_broken_records_are_skipped_and_named_the_others_kept(tmp_path):
    folder = folder_with(
        tmp_path,
        events__pact_yaml=BROKEN_EVENT,
        memberships_csv="pact,ZZZ,,1999-01-01,,acceded,,treaty-text\n",
    )
    loaded = load_partial(folder, label="upload")
    assert (loaded.read, loaded.kept, loaded.skipped) == (GOOD_RECORDS + 2, GOOD_RECORDS, 2)
    shown = [str(p) for p in loaded.problems]
    assert any(s.startswith("upload/events/pact.yaml:") and "date:" in s for s in shown), shown
    assert any(s.startswith("upload/memberships.csv:6: unknown-country") for s in shown), shown
    assert "pact-2001-broken" not in {e.record.id for e in loaded.dataset.events}


def test_records_that_rely_on_a_skipped_record_are_skipped_too(tmp_path):
    folder = folder_with(
        tmp_path,
        alliances_yaml=GHOST_ALLIANCE,
        memberships_csv="ghost,AAA,,1961-01-01,,acceded,,treaty-text\n",
    )
    loaded = load_partial(folder)
    rules = {p.rule for p in loaded.problems}
    assert {"unknown-source", "unknown-alliance"} <= rules
    assert "ghost" not in loaded.dataset.alliance_by_id
    assert all(m.record.alliance == "pact" for m in loaded.dataset.memberships)
    assert loaded.skipped == 2


def test_added_data_beside_other_data_cannot_replace_their_records(tmp_path):
    added = tmp_path / "added"
    (added / "events").mkdir(parents=True)
    (added / "events" / "pact.yaml").write_text(
        (GOOD / "events" / "pact.yaml")
        .read_text()
        .split("- id: pact-2000-request")[0]
        .replace("The treaty is signed", "The treaty is rewritten")  # same id, other record
        + BROKEN_EVENT.replace("pact-2001-broken", "pact-2001-summit").replace(
            "2001-13-45", "2001-05-05"
        ),
        encoding="utf-8",
    )
    both = combine(read_folder(GOOD, "data"), read_folder(added, "upload", required=False))
    loaded = settle(both)
    assert "pact-2001-summit" in {e.record.id for e in loaded.dataset.events}
    duplicate = [str(p) for p in loaded.problems if p.rule == "duplicate-id"]
    assert duplicate and duplicate[0].startswith("upload/events/pact.yaml:1:")
    assert loaded.kept == GOOD_RECORDS + 1 and loaded.skipped == 1


def test_an_exact_copy_of_a_record_beside_it_is_the_same_record(tmp_path):
    added = tmp_path / "added"
    (added / "events").mkdir(parents=True)
    copy = (GOOD / "events" / "pact.yaml").read_text().split("- id: pact-2000-request")[0]
    (added / "events" / "pact.yaml").write_text(copy, encoding="utf-8")
    loaded = settle(
        combine(read_folder(GOOD, "data"), read_folder(added, "upload", required=False))
    )
    assert loaded.problems == []
    assert loaded.kept == loaded.read == GOOD_RECORDS  # counted once, read once


@pytest.mark.parametrize(
    "case", sorted(p for p in BAD.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_every_bad_case_settles_into_data_that_break_no_rule(case, tmp_path):
    loaded = load_partial(build_case(case, tmp_path / "data"))
    assert loaded.problems, "a bad case with no problem"
    assert loaded.kept + loaded.skipped == loaded.read
    left = [p for p in checks.check_all(loaded.dataset) if p.rule not in NOTICES]
    assert left == []
    named = {(p.file, p.line) for p in loaded.problems if p.rule not in NOTICES}
    assert loaded.skipped <= len(named)
