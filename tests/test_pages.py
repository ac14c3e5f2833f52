"""AppTest: every filter changes what a page shows, and the URL restores the view."""

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas import provenance, tables
from alliance_atlas.paths import ROOT

pytestmark = pytest.mark.app


def run(page: str, **params) -> AppTest:
    """Run `page` through the router with the given URL parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, index: int = 0):
    return at.dataframe[index].value


def figure(at: AppTest, index: int = 0) -> dict:
    charts = [el for el in at.main if getattr(el.proto, "spec", None)]
    return json.loads(charts[index].proto.spec)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"alliance": "csto"}, lambda rows: set(rows["Alliance"]) == {"CSTO"}),
        ({"kind": "invocation"}, lambda rows: set(rows["Kind"]) == {"Article invoked"}),
        (
            {"country": "KAZ"},
            lambda rows: (
                "csto-2022-01-kazakhstan-deployment" in set(rows["id"])
                and "NATO" not in set(rows["Alliance"])
            ),
        ),
        ({"q": "Bishkek"}, lambda rows: rows["Title"].str.contains("Bishkek").all()),
        (
            {"from": "2020-01-01", "to": "2021-12-31"},
            lambda rows: rows["Date"].str.contains("202[01]").all(),
        ),
    ],
)
def test_each_timeline_filter_narrows_the_table(params, check):
    everything = table(run("timeline"))
    rows = table(run("timeline", **params))
    assert 0 < len(rows) < len(everything)
    assert check(rows)


def test_the_timeline_chart_follows_the_filters():
    points = lambda at: sum(len(trace.get("x") or []) for trace in figure(at)["data"])  # noqa: E731
    assert points(run("timeline", alliance="nato")) < points(run("timeline"))


def test_a_chosen_event_opens_its_details_with_figures_and_sources():
    at = run("timeline", event="csto-2022-01-kazakhstan-deployment")
    assert at.selectbox(key="event").value == "csto-2022-01-kazakhstan-deployment"
    texts = [t.value for t in at.text]
    assert any("Almaty" in text for text in texts)
    figures = at.dataframe[0].value  # the details come right under the chart, before the table
    assert 2030 in [int(v.replace(",", "").lstrip("≈ ")) for v in figures["Value"]]


def test_the_url_restores_every_timeline_widget():
    at = run("timeline", alliance=["csto", "nato"], kind="summit", q="summit", to="2020-01-01")
    assert at.multiselect(key="alliance").value == ["csto", "nato"]
    assert at.multiselect(key="kind").value == ["summit"]
    assert at.text_input(key="q").value == "summit"
    assert str(at.date_input(key="to").value) == "2020-01-01"


@pytest.mark.parametrize(
    "params",
    [
        {"date": "not-a-date"},
        {"date": "1800-01-01"},
        {"alliance": "no_such_pact"},
        {"event": "../../etc/passwd"},
        {"q": "x" * 5000},
        {"lang": "<script>"},
        {"kind": ["summit"] * 500},
        {"view": "3d"},
    ],
    ids=[
        "bad-date",
        "too-early",
        "unknown-alliance",
        "path-like",
        "huge",
        "script",
        "repeated",
        "unknown-view",
    ],
)
def test_a_nonsense_link_falls_back_with_a_notice(params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the first run reads the link; later runs see the tidied URL
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert any("could not be used" in n for n in notices)
    assert any(next(iter(params)) in n for n in notices)


def test_the_map_draws_the_cold_war_states_for_their_time():
    old = {
        loc
        for trace in figure(run("map", date="1985-06-01"))["data"]
        for loc in trace.get("locations") or []
    }
    new = {
        loc
        for trace in figure(run("map", date="2024-06-01"))["data"]
        for loc in trace.get("locations") or []
    }
    assert {"DDR", "FRG", "SUN", "CSK"} <= old
    assert not {"DDR", "FRG", "SUN", "CSK"} & new
    assert {"FIN", "SWE", "RUS", "DEU"} <= new


def map_spec(at) -> tuple[dict, dict]:
    """The map's plotly spec and its config."""
    chart = next(el for el in at.main if getattr(el.proto, "spec", None))
    return json.loads(chart.proto.spec), json.loads(chart.proto.config)


def test_the_map_on_a_date_is_light_and_serves_its_shapes():
    at = run("map", date="2000-01-01")
    spec, config = map_spec(at)
    assert config["topojsonURL"] == "app/static/maps/"
    assert not spec.get("frames")
    assert len(json.dumps(spec)) < 40_000  # no animation frames on a plain date change


def test_the_years_view_animates_in_the_browser_from_1945():
    spec, _ = map_spec(run("map", date="2000-01-01", view="years"))
    assert len(spec["frames"]) >= 70
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    slider = spec["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == "1945"
    # Frames carry only what changes; colours and hovers stay on the full traces, except for
    # the dots of small states, whose places and colours change with the members.
    keys = {key for frame in spec["frames"] for trace in frame["data"] for key in trace}
    assert keys <= {"type", "locations", "z", "customdata", "text", "lon", "lat", "marker"}
    frame_2000 = next(f for f in spec["frames"] if f["name"] == "2000")
    nato = frame_2000["data"][1]  # after the states in no alliance
    assert "POL" in nato["locations"]
    assert "POL" not in frame_2000["data"][2]["locations"]  # the Warsaw Pact


def test_the_years_change_in_steps_and_never_slide():
    # No transition between years, whether played or stepped: motion stays at a minimum for
    # every reader; atlas.css hides Play for those who ask their system for less.
    spec, _ = map_spec(run("map", view="years"))
    play, pause = spec["layout"]["updatemenus"][0]["buttons"]
    slider = spec["layout"]["sliders"][0]
    steps = [step["args"][1]["transition"] for step in slider["steps"]]
    transitions = [play["args"][1]["transition"], pause["args"][1]["transition"], *steps]
    assert len(transitions) > 70
    assert all(transition["duration"] == 0 for transition in [*transitions, slider["transition"]])


def test_the_map_lists_changes_between_two_dates():
    at = run("map", date="2024-06-01", since="2022-01-01")
    changes = table(at, 1)
    assert set(changes["State"]) >= {"Finland", "Sweden", "Armenia"}


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"alliance": "warsaw_pact"}, lambda rows: len(rows) == 8),
        ({"country": "UZB"}, lambda rows: len(rows) == 2),
        ({"status": "frozen"}, lambda rows: rows["State"].tolist() == ["Armenia"]),
        ({"on": "1990-10-01", "alliance": "warsaw_pact"}, lambda rows: len(rows) == 6),
    ],
)
def test_each_members_filter_changes_the_rows(params, check):
    assert check(table(run("members", **params)))


def test_members_offers_the_rows_shown_as_csv_and_json():
    at = run("members", alliance="csto")
    rows = table(at)
    assert len(rows) == 7
    buttons = at.get("download_button")
    assert [b.proto.url.rsplit(".", 1)[1] for b in buttons[:2]] == ["csv", "json"]
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons[2:])  # on a press
    labels = [button.proto.label for button in buttons][2:]
    assert labels == [
        "ATOP-style member rows (CSV)",
        "COW-style by-member rows (CSV)",
        "Statements to hold against Wikidata (CSV)",
    ]  # the same rows for other tools
    csv_text = tables.to_csv(rows).decode()
    assert csv_text.count("\n") == len(rows) + 1
    assert len(json.loads(tables.to_json(rows))) == len(rows)


def test_compare_opens_on_the_csto_against_nato_and_counts_its_requests():
    at = run("compare")
    comparison = at.table[0].value
    assert comparison.columns.tolist() == ["CSTO", "NATO"]
    assert "3 refused" in comparison.loc["Requests for collective help", "CSTO"]
    assert "alliance" not in at.query_params  # the default stays out of the link


def test_a_comparison_of_three_alliances_is_restored_from_its_url():
    at = run("compare", alliance=["seato", "nato", "cst"])
    comparison = at.table[0].value
    assert comparison.columns.tolist() == ["NATO", "CST", "SEATO"]  # the atlas's order
    assert comparison.loc["Members today", "SEATO"] == "0"  # dissolved in 1977
    assert comparison.loc["Members today", "CST"] == "successor from 18 September 2003: CSTO"
    lines = [trace["name"] for trace in figure(at)["data"]]
    assert lines == ["NATO", "CST", "SEATO"]
    sentence = next(c.value for c in at.caption if c.value.startswith("Member count"))
    assert "CST: at most 9, then its successor, CSTO, from 18 September 2003" in sentence
    requests = set(table(at)["Alliance"])
    assert requests and requests <= {"NATO", "CST", "SEATO"}


def test_compare_puts_at_most_four_alliances_side_by_side():
    at = run("compare", alliance=["nato", "warsaw_pact", "cst", "csto", "anzus"])
    assert at.table[0].value.columns.tolist() == ["CSTO", "NATO", "Warsaw Pact", "CST"]
    assert at.query_params["alliance"] == ["nato", "warsaw_pact", "cst", "csto"]
    assert [w.value for w in at.warning] == [
        "This page shows at most 4 at once; the link also asked for: ANZUS."
    ]
    at.multiselect(key="compared").set_value(["nato", "csto"]).run()
    assert not at.warning  # said once, as the link opens


def test_compare_opens_on_its_default_after_a_choice_made_on_another_page():
    at = run("timeline", alliance=["seato"])
    del at.query_params["alliance"]  # a browser's address drops the parameters on a page change
    at.switch_page("pages/compare.py").run()
    assert at.table[0].value.columns.tolist() == ["CSTO", "NATO"]


def test_compare_with_no_alliance_chosen_shows_the_default_pair_and_says_so():
    at = run("compare")
    at.multiselect(key="compared").set_value([]).run()
    assert at.info and "CSTO and NATO" in at.info[0].value
    assert at.table[0].value.columns.tolist() == ["CSTO", "NATO"]


def test_sources_page_lists_every_source_and_how_to_cite():
    at = run("sources")
    assert len(table(at)) >= 300
    assert "data version" in at.code[0].value


def test_charts_export_from_their_own_toolbar_in_the_browser():
    at = run("timeline")
    chart = next(el for el in at.main if getattr(el.proto, "spec", None))
    assert json.loads(chart.proto.config)["toImageButtonOptions"]["format"] == "svg"


def test_a_shared_chart_carries_its_title_its_source_and_a_telling_file_name():
    at = run("map", date="1985-06-01")
    chart = next(el for el in at.main if getattr(el.proto, "spec", None))
    title = json.loads(chart.proto.spec)["layout"]["title"]
    assert title["text"] == "Who belonged to which alliance on 1 June 1985"
    assert title["subtitle"]["text"].startswith("Source: Alliance Atlas, data version ")
    version = title["subtitle"]["text"].rsplit(" ", 1)[1]
    assert version in at.sidebar.code[0].value  # the version the citation gives
    options = json.loads(chart.proto.config)["toImageButtonOptions"]
    assert options["filename"] == "alliance-atlas-map-1985-06-01"


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("cold_war", ["nato", "seato", "cento", "anzus", "rio", "weu", "warsaw_pact"]),
        ("russia", ["cst", "csto", "union_state_security", "rus_prk"]),
        ("today", ["nato", "csto", "anzus", "rio", "eu_42_7", "union_state_security", "rus_prk"]),
    ],
)
def test_a_preset_fills_the_alliance_choice_and_the_link(preset, expected):
    at = run("map", date="1960-06-01")
    at.button_group(key="alliance_preset").set_value(preset).run()
    assert sorted(at.multiselect(key="alliance").value) == sorted(expected)
    assert sorted(at.query_params["alliance"]) == sorted(expected)
    assert at.button_group(key="alliance_preset").value is None  # a start, not a state


def test_the_map_shows_only_the_chosen_alliances_and_their_changes():
    at = run("map", date="1960-06-01", alliance=["cento", "seato"])
    names = [trace["name"] for trace in figure(at)["data"] if trace.get("showlegend")]
    assert names == ["In none of these alliances", "SEATO", "CENTO"]
    members = at.dataframe[0].value
    assert set(members["Alliance"]) == {"SEATO", "CENTO"}
    changes = set(table(at, 1)["Alliance"])
    assert changes and changes <= {"SEATO", "CENTO"}


def test_the_years_view_plays_the_chosen_alliances():
    spec, _ = map_spec(run("map", view="years", alliance=["rio"]))
    legend = [trace["name"] for trace in spec["data"] if trace.get("showlegend")]
    assert legend == ["In none of these alliances", "Rio Treaty (TIAR)"]
    frame_1960 = next(f for f in spec["frames"] if f["name"] == "1960")
    assert "MEX" in frame_1960["data"][1]["locations"]


def test_the_reader_steps_through_the_shown_events_in_date_order():
    at = run("timeline", alliance="csto")
    ids = table(at)["id"].tolist()
    assert at.button(key="event_previous").disabled
    at.button(key="event_next").click().run()
    assert at.selectbox(key="event").value == ids[0]
    at.button(key="event_next").click().run()
    at.button(key="event_next").click().run()
    assert at.selectbox(key="event").value == ids[2]
    assert at.query_params["event"] == ids[2]
    at.button(key="event_previous").click().run()
    assert at.selectbox(key="event").value == ids[1]
    last = run("timeline", alliance="csto", event=ids[-1])
    assert last.button(key="event_next").disabled


def test_the_sidebar_offers_an_embed_snippet_of_the_view_in_its_language():
    at = run("map", date="1985-06-01", lang="fr")
    snippet = at.sidebar.code[-1].value
    assert snippet.startswith("<iframe ") and 'title="Alliance Atlas' in snippet
    src = snippet.split('src="', 1)[1].split('"', 1)[0]
    assert "date=1985-06-01" in src and "lang=fr" in src and src.endswith("embed=true")


def test_an_embed_snippet_names_its_frame_and_escapes_its_address():
    snippet = provenance.embed_snippet('https://x.test/map?q="<b>"&embed=false', 'A "B"')
    assert 'title="A &quot;B&quot;"' in snippet
    assert "<b>" not in snippet and snippet.count("embed=") == 1


def test_the_overview_shows_every_pact_on_one_page_with_how_each_stands_today():
    at = run("overview")
    pacts = figure(at, 1)
    ends = {note["text"] for note in pacts["layout"]["annotations"]}
    assert {"32 today", "→ CSTO", "→ WEU", "ended 1977", "ended 1991"} <= ends
    lanes = pacts["layout"]["yaxis"]["ticktext"]
    assert lanes[-1] == "NATO" and "SCO" not in lanes  # the first on top; no organisation


def test_the_1960_map_reads_the_united_kingdom_as_a_member_of_four_alliances():
    spec, _ = map_spec(run("map", date="1960-06-01"))
    nato = next(trace for trace in spec["data"] if trace.get("name") == "NATO")
    detail = dict(zip(nato["locations"], (d for _, d, _ in nato["customdata"]), strict=True))["GBR"]
    assert all(f"Also {name}:" in detail for name in ("SEATO", "CENTO", "WEU"))
    several = next(t for t in spec["data"] if t.get("name", "").startswith("2, 3"))
    assert dict(zip(several["locations"], several["text"], strict=True))["GBR"] == "4"


def test_the_maps_source_line_names_the_publishers_of_the_chosen_alliances_only():
    def publishers(at) -> int:
        line = next(c.value for c in at.main.caption if c.value.startswith("Sources ("))
        return int(line.split("(")[1].split(" ")[0])

    everything = publishers(run("map", date="1960-06-01"))
    assert 0 < publishers(run("map", date="1960-06-01", alliance="anzus")) < everything


def test_the_changes_start_ten_years_before_the_maps_date_as_it_moves():
    at = run("map", date="2000-06-01")
    assert str(at.date_input(key="since").value) == "1990-01-01"
    at.date_input(key="date").set_value(dt.date(1985, 6, 1)).run()
    assert str(at.date_input(key="since").value) == "1975-01-01"  # not 1990, after 1985
    assert at.query_params.get("since") is None  # still the default: left out of the link
    at.date_input(key="since").set_value(dt.date(1980, 1, 1)).run()
    at.date_input(key="date").set_value(dt.date(1991, 6, 1)).run()
    assert str(at.date_input(key="since").value) == "1980-01-01"  # the reader's own start stays


def test_the_years_view_opens_at_the_year_a_link_or_the_keyboard_chooses():
    spec, _ = map_spec(run("map", view="years", year="1985"))
    slider = spec["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == "1985"
    drawn = {trace.get("name"): trace.get("locations", []) for trace in spec["data"]}
    assert {"DDR", "SUN", "POL"} <= set(drawn["Warsaw Pact"])  # the frame of 1985, not 1945
    assert "ALB" not in drawn["Warsaw Pact"]  # Albania left in 1968
    frame = next(f for f in spec["frames"] if f["name"] == "1985")
    assert len(spec["frames"]) >= 70 and frame["data"]  # Play goes on from there


def test_changes_run_from_the_earlier_date_to_the_later_whichever_is_chosen():
    at = run("map", date="1985-06-01", since="2016-01-01")
    caption = next(c.value for c in at.caption if "changes between" in c.value)
    assert "between 1 June 1985 and 1 January 2016" in caption
    changes = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    poland = changes[(changes["State"] == "Poland") & (changes["Alliance"] == "NATO")]
    assert list(poland["Change"]) == ["Joined"]  # in 1999: never "Left" from 2016 back to 1985
