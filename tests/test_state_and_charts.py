"""URL parameters are judged before use; figures escape data text and carry their shapes' ids."""

import datetime as dt
from types import SimpleNamespace

import pytest

from alliance_atlas import charts, framing, i18n, queries, state
from alliance_atlas.loader import load
from tests.conftest import GOOD

ALLOWED = state.Allowed(
    alliances=frozenset({"nato", "csto"}),
    kinds=frozenset({"summit"}),
    events=frozenset({"e1"}),
    countries=frozenset({"ARM"}),
    statuses=frozenset({"member"}),
    languages=frozenset({"en"}),
    views=frozenset(state.MAP_VIEWS),
    framings=frozenset(framing.FRAMINGS),
    years=frozenset(state.map_years(dt.date(2026, 11, 29))),
    first_day=dt.date(1949, 1, 1),
    today=dt.date(2026, 11, 29),
)


class Params(dict):
    def get_all(self, key: str) -> list[str]:
        return self.get(key, [])


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({}, []),
        ({"date": ["2000-01-01"], "alliance": ["nato", "csto"], "q": ["x"]}, []),
        ({"date": ["2000-1-1"]}, ["date"]),
        ({"date": ["2999-01-01"]}, ["date"]),
        ({"date": ["2000-01-01", "2001-01-01"]}, ["date"]),
        ({"alliance": ["nato", "seato"]}, ["alliance"]),
        ({"kind": ["summit"] * 100}, ["kind"]),
        ({"event": ["e2"]}, ["event"]),
        ({"q": ["y" * 101]}, ["q"]),
        ({"from": ["2010-01-01"], "to": ["2000-01-01"]}, ["to"]),
        ({"lang": ["../en"]}, ["lang"]),
        ({"view": ["years"]}, []),
        ({"view": ["3d"]}, ["view"]),
        ({"year": ["1985"]}, []),
        ({"year": ["2026"]}, ["year"]),  # this year has no year-end yet
        ({"year": ["1944"]}, ["year"]),
        ({"frame": ["europe"], "state": ["ARM"]}, []),
        ({"frame": ["mars"]}, ["frame"]),
        ({"state": ["XXX"]}, ["state"]),
    ],
)
def test_unusable_url_parameters_are_named(params, bad):
    assert state.unusable_params(Params(params), ALLOWED) == bad


@pytest.mark.parametrize("shape", ["day", "one", "many", "text"])
def test_a_widget_cannot_bind_a_parameter_the_registry_lacks(shape):
    with pytest.raises(state.UnboundParam):
        state.param("no-such-parameter", shape)


def test_a_widget_cannot_bind_a_parameter_with_another_shape():
    assert state.param("date", "day") == state.Param("day")
    with pytest.raises(state.UnboundParam):
        state.param("date", "text")


def test_a_hover_shows_data_text_literally():
    ds = load(GOOD)
    events = queries.filter_events(ds)
    events.loc[0, "title_en"] = "<script>alert(1)</script>"
    fig = charts.timeline(events, {"pact": "EP"}, i18n.translator("en"), "en")
    titles = [
        row[1] for trace in fig.data if trace.customdata is not None for row in trace.customdata
    ]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in titles
    assert not any("<script>" in title for title in titles)


def test_a_source_caption_names_the_most_cited_publishers_first():
    publishers = {"a": "Zeta Press", "b": "Beta News", "c": "Alpha Wire", "d": "Beta News"}
    sources = {key: SimpleNamespace(publisher=name) for key, name in publishers.items()}
    cited = ["a", "a", "a", "b", "c", "d", "unknown"]
    caption = charts.sources_caption(cited, sources, i18n.translator("en"))
    assert "(3 publishers, the most cited first): Zeta Press, Beta News, Alpha Wire." in caption


def test_a_long_title_s_hover_breaks_into_lines_that_fit_a_phone():
    title = (
        "Armenia asks the CSTO for help under Article 2 after Azerbaijani troops cross into Syunik"
    )
    lines = charts.hover_lines(title).split("<br>")
    assert len(lines) >= 2 and max(map(len, lines)) <= charts.HOVER_LINE
    assert " ".join(lines) == title  # nothing lost, nothing split inside a word
    assert charts.hover_lines("a <b> & c") == "a &lt;b&gt; &amp; c"


def test_a_narrow_figure_grows_by_its_title_s_lines_and_its_legend_s_rows():
    def figure() -> charts.go.Figure:
        names = ["Russia-Belarus security treaty", "NATO", "CSTO", "Warsaw Pact", "ANZUS"]
        traces = [charts.go.Scatter(x=[1], y=[1], name=name) for name in names]
        return charts.go.Figure(traces, layout={"height": 400})

    title = "Member count of every alliance, from 1945 to 1 December 2026"
    wide = charts.credited(figure(), title, "Source: Alliance Atlas", "light")
    narrow = charts.credited(figure(), title, "Source: Alliance Atlas", "light", narrow=True)
    lines = narrow.layout.title.text.split("<br>")
    assert len(lines) == 2 and max(map(len, lines)) <= charts.TITLE_LINE[0]
    assert "<br>" not in wide.layout.title.text
    rows = charts.legend_rows(narrow, charts.PHONE_PLOT_PX) - charts.legend_rows(wide, 700)
    assert rows > 0  # five names, one to a row on a phone
    grown = charts.TITLE_LINE[1] + charts.LIFT_PX + charts.LEGEND_ROW_PX * rows
    assert narrow.layout.height - wide.layout.height == grown
    assert narrow.layout.title.pad.t - wide.layout.title.pad.t == charts.LIFT_PX
