"""AppTest: on a phone or in an embed the chart comes first; on a wide screen the pages stay as they were."""

import datetime as dt

import pytest

from alliance_atlas import framing, i18n, layout, queries, tables
from alliance_atlas.names import country_names
from tests.test_pages import figure, map_spec, run

pytestmark = pytest.mark.app
EN, FR = i18n.catalogue("en"), i18n.catalogue("fr")
WITH_CONTROLS = ["timeline", "map", "members", "compare"]


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setattr(layout, "phone", lambda: True)


def run_wide(page: str, **params):
    """`page` as a wide screen gets it, whatever the test's fixtures say of the device."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "phone", lambda: False)
        return run(page, **params)


@pytest.fixture
def embed(monkeypatch):
    monkeypatch.setattr(layout, "embedded", lambda: True)


def filters(at):
    return [e for e in at.expander if e.label in (EN["filters.title"], FR["filters.title"])]


@pytest.mark.parametrize("page", WITH_CONTROLS)
def test_on_a_phone_every_control_of_a_page_folds_into_one_filters_expander(phone, page):
    at = run(page)
    (folded,) = filters(at)
    inside = {m.key for m in folded.multiselect}
    assert inside and inside == {m.key for m in at.main.multiselect}


@pytest.mark.parametrize("page", WITH_CONTROLS)
def test_on_a_wide_screen_no_page_folds_its_controls(page):
    at = run(page)
    assert filters(at) == []
    assert len(at.multiselect) >= 1


def test_the_line_over_the_filters_says_what_is_filtered(phone):
    at = run("timeline", alliance=["csto", "nato"], q="Bishkek")
    captions = [c.value for c in at.caption]
    line = f"{EN['filter.alliance']}: CSTO, NATO · {EN['filter.text']}: Bishkek"
    assert tables.literal(line) in captions  # as typed: a link's text is never markdown
    assert EN["filters.none"] not in captions


def test_the_line_over_the_filters_shows_a_link_s_text_as_typed(phone):
    at = run("timeline", q="[click me](https://example.org) **x**")
    line = next(c.value for c in at.caption if "click me" in c.value)
    assert "\\[click me\\]" in line and "\\*\\*x\\*\\*" in line


def test_the_line_over_the_filters_says_so_when_nothing_is_filtered(phone):
    at = run("members", lang="fr")
    assert FR["filters.none"] in [c.value for c in at.caption]


def test_on_a_phone_the_timeline_gives_its_labels_way_to_the_table(phone):
    bare = figure(run("timeline"))
    assert not [trace for trace in bare["data"] if trace.get("mode") == "text"]


def test_on_a_wide_screen_the_timeline_keeps_its_labels():
    spec = figure(run("timeline"))
    words = [trace for trace in spec["data"] if trace.get("mode") == "text"]
    assert words and len(words[0]["text"]) > 10


def test_an_embed_opens_the_same_view_in_the_atlas_without_its_introduction(embed):
    at = run("map", date="1985-06-01", alliance=["nato", "warsaw_pact"])
    (link,) = at.get("link_button")
    assert link.proto.label == EN["embed.open"]
    assert "date=1985-06-01" in link.proto.url and "alliance=warsaw_pact" in link.proto.url
    assert "embed" not in link.proto.url
    assert EN["map.intro"] not in [c.value for c in at.caption]
    assert len(filters(at)) == 1


def test_no_link_to_the_atlas_outside_an_embed():
    at = run("map", date="1985-06-01")
    assert at.get("link_button") == []
    assert EN["map.intro"] in [c.value for c in at.caption]


def europe_frame(at) -> tuple[float, float, float, float]:
    geo = map_spec(at)[0]["layout"]["geo"]
    (west, east), (south, north) = geo["lonaxis"]["range"], geo["lataxis"]["range"]
    assert west < 0 < 20 < east and south < 45 < 55 < north  # from Iceland past the GDR
    return west, south, east, north


def test_the_map_of_1985_opens_on_europe_and_names_the_members_left_outside():
    at = run("map", date="1985-06-01")
    west, south, east, north = europe_frame(at)
    assert west > -90 and east < 90 and south > 20 and north < 85
    captions = [c.value.replace("\\", "") for c in at.caption]  # as shown: no escapes
    sentence = next(c for c in captions if c.startswith("On 1 June 1985"))
    outside = sentence[sentence.index(EN["map.outside"].split("{")[0]) :]
    assert "Rio Treaty" in outside and "ANZUS" in outside
    assert "Warsaw Pact" not in outside  # the USSR reaches into the frame
    assert EN["map.frame.world"] in outside


def test_on_a_phone_the_map_of_1985_is_framed_closer_than_on_a_wide_screen(phone):
    west, _, east, _ = europe_frame(run("map", date="1985-06-01"))
    wide = europe_frame(run_wide("map", date="1985-06-01"))
    assert wide[0] < west < east < wide[2]
    assert east - west < 90  # Europe fills a phone's width


def test_a_framing_in_the_link_is_kept_and_draws_its_region():
    at = run("map", date="1985-06-01", frame="world")
    geo = map_spec(at)[0]["layout"]["geo"]
    world = framing.frame({}, "world")
    assert geo["lonaxis"]["range"] == list(world.lon)
    assert at.selectbox(key="frame").value == "world"
    assert at.query_params["frame"] == "world"


def test_the_year_by_year_map_is_framed_on_every_year_s_members():
    at = run("map", view="years", alliance=["rio"])
    assert at.multiselect(key="alliance").value == ["rio"]  # not a fallback to every alliance
    spec = map_spec(at)[0]
    (west, east), (south, north) = (
        spec["layout"]["geo"][a]["range"] for a in ("lonaxis", "lataxis")
    )
    centre = ((west + east) / 2 + 180) % 360 - 180  # east may run past 180
    assert -120 < centre < -40 and east - west <= 200  # the Americas, not Europe or the world
    assert south < -30 and north > 50
    assert len(spec["frames"]) > 70 and spec["frames"][-1]["data"][1]["locations"]


def test_a_state_in_the_link_opens_every_membership_it_had(real_ds):
    at = run("map", date="1985-06-01", state="DDR")
    name = country_names(real_ds, "en")["DDR"]
    assert name in [h.value for h in at.header]
    memberships = next(d.value for d in at.dataframe if EN["column.joined"] in d.value.columns)
    assert set(memberships[EN["column.alliance"]]) == {"Warsaw Pact"}
    assert any("Warsaw Pact" in c.value and "1 June 1985" in c.value for c in at.caption)


def test_a_state_that_did_not_exist_on_the_date_says_so(real_ds):
    at = run("map", date="2000-01-01", state="DDR")
    absent = tables.literal(EN["map.state_absent"].format(date="1 January 2000"))
    assert absent in [c.value for c in at.caption]


def test_the_map_carries_each_state_s_id_for_a_tap_to_choose_it(real_ds):
    day = dt.date(1985, 6, 1)
    spec = map_spec(run("map", date=day.isoformat()))[0]
    nato = next(trace for trace in spec["data"] if trace.get("name") == "NATO")
    codes = [code for _, _, code in nato["customdata"]]
    assert len(codes) > 10
    assert [queries.shape_of(real_ds, code, day) for code in codes] == list(nato["locations"])


def test_an_embed_s_link_to_the_atlas_keeps_a_choice_made_in_the_embed(embed):
    at = run("map", date="1985-06-01")
    at.selectbox(key="state").set_value("DDR").run()
    (link,) = at.get("link_button")
    assert "state=DDR" in link.proto.url and "date=1985-06-01" in link.proto.url
