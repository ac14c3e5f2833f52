"""Security organisations (such as the SCO) are left out of the pacts unless a reader asks."""

import re
import shutil
from pathlib import Path

import pytest

from alliance_atlas.dataset import pacts_only
from alliance_atlas.loader import load
from tests.conftest import GOOD
from tests.test_pages import run

CLUB = """
- id: club
  type: security_organisation
  name: {en: Example Club, fr: Club exemple}
  short_name: {en: EC, fr: CE}
  treaty: {en: Club Charter, fr: Charte du club}
  signed: 1995-01-01
  signed_at: {en: Geneva, fr: Genève}
  in_force: 1995-06-01
  obligations: {defence: false, offence: false, neutrality: false, non_aggression: false, consultation: true}
  sources: [treaty-text]
"""
CLUB_EVENT = """- id: club-1995-founding
  date: 1995-06-01
  alliance: club
  kind: founding
  countries: [AAA]
  title: {en: The club is founded, fr: Le club est fondé}
  summary: {en: Two states found a club., fr: Deux États fondent un club.}
  sources: [treaty-text]
"""
CLUB_DISPUTE = """
- record: event:club-1995-founding
  field: date
  shown: "1995-06-01"
  reason: The charter says so.
  values:
    - value: "1995-06-01"
      sources: [treaty-text]
    - value: "1995-06-02"
      sources: [news-story]
"""


@pytest.fixture
def with_club(tmp_path: Path) -> Path:
    """The good data with a security organisation of two members."""
    folder = Path(shutil.copytree(GOOD, tmp_path / "data"))
    with (folder / "alliances.yaml").open("a") as out:
        out.write(CLUB)
    with (folder / "memberships.csv").open("a") as out:
        out.write("club,AAA,,1995-06-01,,founder,,treaty-text\n")
        out.write("club,CCC,,1995-06-01,,founder,,treaty-text\n")
    (folder / "events" / "club.yaml").write_text(CLUB_EVENT)
    with (folder / "disputes.yaml").open("a") as out:
        out.write(CLUB_DISPUTE)
    return folder


def test_the_pacts_leave_out_an_organisation_and_everything_about_it(with_club):
    everything = load(with_club)
    pacts = pacts_only(everything)
    assert "club" in everything.alliance_by_id and "club" not in pacts.alliance_by_id
    assert {m.record.alliance for m in pacts.memberships} == {"pact"}
    assert "club-1995-founding" not in pacts.event_by_id
    assert not any(d.record.record.startswith("event:club") for d in pacts.disputes)
    assert len(pacts.disputes) == len(everything.disputes) - 1
    assert pacts.version != everything.version  # cached apart


def test_data_with_no_organisation_are_their_own_pacts(good_dir):
    ds = load(good_dir)
    assert pacts_only(ds) is ds


@pytest.mark.app
def test_a_reader_sees_an_organisation_only_after_asking(with_club, monkeypatch):
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(with_club))
    default = run("compare")
    assert "EC" not in default.table[0].value.columns
    assert default.checkbox(key="orgs").value is False
    asked = run("compare", orgs="1")
    assert "EC" in asked.table[0].value.columns
    assert asked.checkbox(key="orgs").value is True


@pytest.mark.app
def test_the_choice_is_offered_only_when_the_data_hold_an_organisation(monkeypatch):
    assert [c for c in run("overview").checkbox if c.key == "orgs"]  # the shipped SCO
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(GOOD))
    assert not [c for c in run("overview").checkbox if c.key == "orgs"]


@pytest.mark.app
def test_unticking_the_organisations_drops_them_from_the_filters_without_an_error(
    with_club, monkeypatch
):
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(with_club))
    at = run("timeline", orgs="1", alliance="club")
    assert at.multiselect(key="alliance").value == ["club"]
    at.checkbox(key="orgs").uncheck().run()
    assert not at.exception, at.exception
    assert "club" not in at.multiselect(key="alliance").options


@pytest.mark.app
def test_a_citation_names_the_version_of_the_files_whatever_the_view_leaves_out():
    def version(at) -> str:
        return re.search(r"data version (\S+),", at.code[0].value)[1]

    assert version(run("sources")) == version(run("sources", orgs="1"))
    assert "-pacts" not in version(run("sources"))
