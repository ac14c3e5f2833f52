"""The other pacts at dates their sources fix: who belonged, with which status, and who left.

Every date here was checked by a fact-check that did not write the records
(data/notes/fact-check-*.md).
"""

import datetime as dt
import itertools
import json

import pandas as pd
import pytest
from pydantic import ValidationError

from alliance_atlas import charts, dataset, i18n, maps, queries, schema, shapes, views, vocab
from alliance_atlas.loader import load
from alliance_atlas.names import alliance_names, country_names
from tests.conftest import GOOD

D = dt.date
EU_2009 = set(
    [
        "AUT",
        "BEL",
        "BGR",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GBR",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LTU",
        "LUX",
        "LVA",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "SWE",
    ]
)


@pytest.mark.parametrize(
    ("alliance", "day", "members"),
    [
        # ANZUS: signed 1 Sep 1951, in force 29 Apr 1952.
        ("anzus", D(1952, 4, 28), set()),
        ("anzus", D(1952, 4, 29), {"AUS", "NZL", "USA"}),
        ("anzus", D(2025, 1, 1), {"AUS", "NZL", "USA"}),  # suspended towards NZ, not ended
        # SEATO: in force 19 Feb 1955; Pakistan out from 7 Nov 1973; dissolved 30 Jun 1977.
        ("seato", D(1955, 2, 18), set()),
        ("seato", D(1955, 2, 19), {"AUS", "FRA", "GBR", "NZL", "PAK", "PHL", "THA", "USA"}),
        ("seato", D(1974, 1, 1), {"AUS", "FRA", "GBR", "NZL", "PHL", "THA", "USA"}),
        ("seato", D(1977, 6, 30), set()),
        # Russia-Belarus security guarantees: instruments exchanged on 13 Mar 2025.
        ("union_state_security", D(2025, 3, 12), set()),
        ("union_state_security", D(2025, 3, 13), {"BLR", "RUS"}),
        # Russia-DPRK: instruments exchanged in Moscow on 4 Dec 2024.
        ("rus_prk", D(2024, 12, 3), set()),
        ("rus_prk", D(2024, 12, 4), {"PRK", "RUS"}),
        # Brussels Treaty: in force 25 Aug 1948; the WEU from 6 May 1955 to 30 Jun 2011.
        ("brussels_treaty", D(1948, 8, 24), set()),
        ("brussels_treaty", D(1948, 8, 25), {"BEL", "FRA", "GBR", "LUX", "NLD"}),
        ("brussels_treaty", D(1955, 5, 6), set()),
        ("weu", D(1955, 5, 6), {"BEL", "DEU", "FRA", "GBR", "ITA", "LUX", "NLD"}),
        (
            "weu",
            D(1995, 3, 6),
            {"BEL", "DEU", "ESP", "FRA", "GBR", "GRC", "ITA", "LUX", "NLD", "PRT"},
        ),
        ("weu", D(2011, 6, 30), set()),
        # The SCO (a security organisation, not a pact): founded 15 Jun 2001; India and
        # Pakistan from 9 Jun 2017, Iran from 4 Jul 2023, Belarus from 4 Jul 2024.
        ("sco", D(2001, 6, 15), {"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
        ("sco", D(2017, 6, 9), {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}),
        (
            "sco",
            D(2024, 7, 4),
            {"BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"},
        ),
        # The Baghdad Pact / CENTO (its entry into force in 1955 is uncertain, so not tested):
        # Pakistan from 23 Sep 1955, Iran from 3 Nov 1955; Iraq out on 24 Mar 1959; Iran out on
        # 11 Mar 1979 and Pakistan on 12 Mar 1979; ended by the notes of 2 and 4 Oct 1979.
        ("cento", D(1955, 9, 22), {"GBR", "IRQ", "TUR"}),
        ("cento", D(1955, 11, 3), {"GBR", "IRN", "IRQ", "PAK", "TUR"}),
        ("cento", D(1959, 3, 24), {"GBR", "IRN", "PAK", "TUR"}),
        ("cento", D(1979, 3, 11), {"GBR", "PAK", "TUR"}),
        ("cento", D(1979, 3, 12), {"GBR", "TUR"}),
        ("cento", D(1979, 10, 4), set()),
        # The EU's Art. 42(7): from 1 Dec 2009, Croatia from 1 Jul 2013, the UK out from
        # 1 Feb 2020 (the withdrawal took effect at 00:00 Brussels time).
        ("eu_42_7", D(2009, 11, 30), set()),
        ("eu_42_7", D(2013, 7, 1), EU_2009 | {"HRV"}),
        ("eu_42_7", D(2020, 1, 31), EU_2009 | {"HRV"}),
        ("eu_42_7", D(2020, 2, 1), EU_2009 - {"GBR"} | {"HRV"}),
    ],
)
def test_members_on_dates_the_sources_fix(real_ds, alliance, day, members):
    assert set(queries.members_on(real_ds, day, [alliance])["country"]) == members


@pytest.mark.parametrize(
    ("alliance", "country", "day", "member"),
    [
        # The Rio Treaty: in force 3 Dec 1948 (the OAS's "12/03/48", in US order). Only the
        # deposits the OAS table shows are tested; several others are the earliest possible day.
        ("rio", "USA", D(1948, 12, 2), False),
        ("rio", "USA", D(1948, 12, 3), True),
        ("rio", "BRA", D(1948, 12, 3), True),
        ("rio", "CUB", D(1948, 12, 8), False),
        ("rio", "CUB", D(1948, 12, 9), True),
        ("rio", "CHL", D(1949, 2, 9), True),
        ("rio", "ARG", D(1950, 8, 20), False),
        ("rio", "ARG", D(1950, 8, 21), True),
        ("rio", "GTM", D(1955, 4, 6), True),
        ("rio", "TTO", D(1967, 6, 12), True),
        ("rio", "BHS", D(1982, 11, 24), True),
    ],
)
def test_single_memberships_on_dates_the_sources_fix(real_ds, alliance, country, day, member):
    members = set(queries.members_on(real_ds, day, [alliance])["country"])
    assert (country in members) is member


@pytest.mark.parametrize(
    ("alliance", "country", "day", "status"),
    [
        ("anzus", "NZL", D(1986, 8, 10), "member"),
        ("anzus", "NZL", D(1986, 8, 11), "suspended"),
        ("anzus", "NZL", D(2024, 6, 1), "suspended"),
        ("anzus", "AUS", D(2024, 6, 1), "member"),
        ("seato", "FRA", D(1974, 6, 1), "member"),
        ("seato", "FRA", D(1975, 1, 1), "inactive"),
        ("cento", "IRQ", D(1958, 6, 30), "member"),
        ("cento", "IRQ", D(1958, 10, 1), "inactive"),  # after the revolution of 14 Jul 1958
        ("cento", "TUR", D(1979, 6, 1), "inactive"),
        ("rio", "CUB", D(1961, 6, 1), "member"),
        ("rio", "CUB", D(1962, 6, 1), "suspended"),  # its government excluded on 31 Jan 1962
    ],
)
def test_partial_statuses_on_dates_the_sources_fix(real_ds, alliance, country, day, status):
    members = queries.members_on(real_ds, day, [alliance]).set_index("country")
    assert members.at[country, "status"] == status


def test_the_sco_is_a_security_organisation_that_the_pages_leave_out_unless_asked(real_ds):
    assert real_ds.alliance_by_id["sco"].type == "security_organisation"
    assert real_ds.alliance_by_id["sco"].defence_clause is None
    pacts = dataset.pacts_only(real_ds)
    assert "sco" not in pacts.alliance_by_id
    assert set(pacts.alliance_by_id) == set(real_ds.alliance_by_id) - {"sco"}
    rows = queries.map_rows(pacts, D(2025, 6, 1), "en").set_index("country")
    assert rows["alliance"].isna()["CHN"]  # China is in no pact


def test_only_pakistan_left_seato_before_its_end(real_ds):
    assert queries.comparison(real_ds, D(2026, 1, 1))["seato"]["exits"] == 1
    assert queries.comparison(real_ds, D(2026, 1, 1))["anzus"]["exits"] == 0


def test_a_state_in_several_alliances_is_drawn_in_the_first_in_display_order(real_ds):
    rows = queries.map_rows(real_ds, D(1960, 6, 1), "en").set_index("country")
    assert rows.at["USA", "alliance"] == "nato"  # also in ANZUS, SEATO and the Rio Treaty
    assert rows.at["GBR", "alliance"] == "nato"
    assert rows.at["AUS", "alliance"] == "anzus"  # also in SEATO
    assert rows.at["THA", "alliance"] == "seato"
    before_nato = queries.map_rows(real_ds, D(1949, 1, 1), "en").set_index("country")
    assert before_nato.at["FRA", "alliance"] == "brussels_treaty"
    assert rows.at["USA", "also"] == ("anzus", "seato", "rio")
    assert rows.at["GBR", "also"] == ("seato", "cento", "weu")  # four pacts at once in 1960
    assert rows.at["THA", "also"] == ()
    today = queries.map_rows(real_ds, D(2025, 6, 1), "en").set_index("country")
    assert today.at["RUS", "alliance"] == "csto"
    assert today.at["RUS", "also"] == ("union_state_security", "rus_prk", "sco")
    assert today.at["PRK", "alliance"] == "rus_prk"


def test_the_map_sentence_counts_every_member_not_only_those_drawn_in_its_colour(real_ds):
    sentence = views.map_sentence(
        real_ds, queries.map_rows(real_ds, D(1960, 6, 1), "en"), D(1960, 6, 1), "en"
    )
    assert "ANZUS 3" in sentence  # the United States is drawn in NATO's colour
    assert "SEATO 8" in sentence


def test_a_state_in_two_treaty_families_gets_a_lane_for_each_in_the_gantt(real_ds):
    fig = views.gantt_figure(real_ds, tuple(real_ds.alliance_by_id), D(2026, 1, 1), "en")
    lanes = set(fig.layout.yaxis.categoryarray)
    assert {"United States · NATO", "United States · ANZUS", "United States · SEATO"} <= lanes
    assert "Armenia" in lanes  # the CST and the CSTO are one family: one lane
    assert not any(lane.startswith("Armenia ·") for lane in lanes)


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_every_alliance_of_the_atlas_has_its_own_colour(scheme):
    colours = charts.alliance_colours(scheme=scheme)
    assert len(colours) == len(vocab.ALLIANCES)
    assert len(set(colours.values())) == len(colours)


def test_each_chart_is_drawn_in_the_colours_of_the_readers_theme(real_ds):
    light, dark = charts.alliance_colours(), charts.alliance_colours(scheme="dark")
    assert light["eu_42_7"] != dark["eu_42_7"]  # the light theme's indigo vanishes on dark
    day, everything = D(2025, 6, 1), tuple(real_ds.alliance_by_id)
    for scheme, colours in (("light", light), ("dark", dark)):
        world = views.map_figure(real_ds, day, "en", None, scheme)
        nato = next(trace for trace in world.data if trace.name == "NATO")
        assert nato.colorscale[0][1] == colours["nato"]
        assert world.layout.geo.landcolor == maps.LOOKS[scheme]["land"]
        assert world.layout.font.color == charts.INK[scheme]  # tests/test_contrast.py
        timeline = views.timeline_figure(real_ds, real_ds.events_frame, "en", scheme)
        events = [t for t in timeline.data if t.mode == "markers" and t.showlegend is False]
        markers = {colour for trace in events for colour in trace.marker.color}
        assert colours["csto"] in markers and markers <= set(colours.values())
        counts = views.counts_figure(real_ds, ("csto",), day, "en", scheme)
        assert [trace.line.color for trace in counts.data] == [colours["csto"]]
        gantt = views.gantt_figure(real_ds, ("csto",), day, "en", scheme)
        assert {trace.marker.color for trace in gantt.data} == {colours["csto"]}
        pacts = views.pacts_figure(real_ds, everything, day, "en", scheme)
        assert colours["eu_42_7"] in {trace.fillcolor for trace in pacts.data}
        assert (
            views.years_figure(real_ds, 1950, "en", everything, scheme).layout.geo.landcolor
            == (maps.LOOKS[scheme]["land"])
        )


def test_names_cover_every_alliance_and_state_in_both_languages(real_ds):
    for lang in ("en", "fr"):
        assert set(alliance_names(real_ds, lang)) == set(real_ds.alliance_by_id)
        assert set(country_names(real_ds, lang)) == set(real_ds.country_by_code)
    assert alliance_names(real_ds, "fr")["seato"] == "OTASE"
    assert i18n.translator("fr")("alliance_type.defence_pact").startswith("Pacte de défense")


def test_an_uploaded_alliance_gets_a_colour_even_when_the_atlas_uses_them_all():
    colours = charts.alliance_colours([*vocab.ALLIANCES, "mine"])
    assert colours["mine"].startswith("#")


def test_uploaded_alliances_on_their_own_get_colours_of_their_own():
    colours = charts.alliance_colours(["alpha", "beta", "gamma"])
    assert len({colours[a] for a in ("alpha", "beta", "gamma")}) == 3


def test_every_state_of_the_atlas_is_drawn_as_an_outline_or_a_dot(real_ds):
    world = json.loads((shapes.MAPS_DIR / "world_110m.json").read_text(encoding="utf-8"))
    outlines = {g.get("id") for g in world["objects"]["countries"]["geometries"]}
    assert outlines >= shapes.HISTORICAL_SHAPES
    drawable = outlines | set(shapes.small_state_points())
    assert len(real_ds.country_by_code) > 50
    assert [c.code for c in real_ds.country_by_code.values() if c.shape not in drawable] == []


def test_a_member_too_small_for_an_outline_is_a_dot_in_its_alliances_colour(real_ds):
    figure = views.map_figure(real_ds, D(2025, 6, 1), "en")
    dots = next(trace for trace in figure.data if getattr(trace, "lon", None))
    assert list(dots.lon) == [shapes.small_state_points()["MLT"][0]]
    assert "Malta" in dots.customdata[0][0]
    assert dots.marker.color[0] == charts.alliance_colours()["eu_42_7"]
    assert list(dots.marker.symbol) == ["circle"]
    rows = queries.map_rows(real_ds, D(2025, 6, 1), "en", None)
    malta = rows["shape"] == "MLT"
    rows.loc[malta, "status"] = vocab.PARTIAL_STATUSES[0]  # were Malta's part suspended
    names = alliance_names(real_ds, "en")
    figure = maps.membership_map(rows, names, i18n.translator("en"), "en", [])
    dots = next(trace for trace in figure.data if getattr(trace, "lon", None))
    assert list(dots.marker.symbol) == ["circle-x"]  # crossed, as ✕ marks an outline


def test_a_treaty_that_hands_its_members_to_a_successor_is_not_drawn_falling_to_zero(real_ds):
    handed = {"cst": ("csto", D(2003, 9, 18)), "brussels_treaty": ("weu", D(1955, 5, 6))}
    assert queries.handovers(real_ds, D(2026, 1, 1)) == handed
    assert "cst" not in queries.handovers(real_ds, D(2003, 9, 17))  # not yet handed over
    figure = views.counts_figure(real_ds, ("cst", "csto"), D(2026, 1, 1), "en")
    cst = next(trace for trace in figure.data if trace.name == "CST")
    assert (str(cst.x[-1])[:10], cst.y[-1]) == ("2003-09-18", 6)  # it ends on its last count
    assert [note.text for note in figure.layout.annotations] == ["→ CSTO"]
    nato = views.counts_figure(real_ds, ("nato",), D(2026, 1, 1), "en")
    assert not nato.layout.annotations


def test_a_state_in_several_shown_alliances_carries_their_number_and_each_in_its_hover(real_ds):
    figure = views.map_figure(real_ds, D(1960, 6, 1), "en")
    several = next(trace for trace in figure.data if trace.name and trace.name.startswith("2, 3"))
    marks = dict(zip(several.locations, several.text, strict=True))
    assert marks["GBR"] == "4" and marks["USA"] == "4"  # NATO, SEATO, CENTO, WEU; NATO, ANZUS...
    assert "THA" not in marks  # SEATO only
    nato = next(trace for trace in figure.data if trace.name == "NATO")
    hover = dict(zip(nato.locations, (detail for _, detail, _ in nato.customdata), strict=True))
    assert "Also SEATO: Member since 19 February 1955" in hover["GBR"]
    assert "Also WEU: Member since 6 May 1955" in hover["GBR"]
    only_seato = views.map_figure(real_ds, D(1960, 6, 1), "en", ("seato",))
    several = next(t for t in only_seato.data if t.name and t.name.startswith("2, 3"))
    assert list(several.locations) == []  # one shown alliance: no state is in several


def test_every_highlighted_event_is_labelled_on_the_timeline_and_labels_never_collide(real_ds):
    events = real_ds.events_frame
    figure = views.timeline_figure(real_ds, events, "en")
    words = next(trace for trace in figure.data if trace.mode == "text")
    leaders = next(trace for trace in figure.data if trace.mode == "lines")
    highlighted = events[events["highlight"]]
    assert len(highlighted) >= 40
    assert len(words.text) == len(highlighted)
    assert len(leaders.x) == 3 * len(highlighted)  # a line down to each marker
    assert words.hoverinfo == "skip" and leaders.hoverinfo == "skip"  # clicks reach markers only
    written = highlighted["label_en"].dropna()
    assert len(written) > 0 and set(written.map(charts.escape)) <= set(words.text)
    # Within a lane and a row, no two labels overlap at the narrowest wide plot.
    first, last = figure.layout.xaxis.range
    per_px = (pd.Timestamp(last) - pd.Timestamp(first)) / charts.PLOT_PX
    spans: dict[float, list[tuple[pd.Timestamp, pd.Timestamp]]] = {}
    for x, y, text, place in zip(words.x, words.y, words.text, words.textposition, strict=True):
        width = per_px * (charts.CHAR_PX * len(text) + 12)
        x = pd.Timestamp(x)
        span = (x, x + width) if place == "middle right" else (x - width, x)
        spans.setdefault(round(y, 3), []).append(span)
    for row in spans.values():
        row.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(row))


def test_a_label_is_a_few_words_and_a_long_one_is_refused():
    assert schema.Label({"en": "Kazakhstan deployment", "fr": "Déploiement au Kazakhstan"})
    with pytest.raises(ValidationError, match="longer than 36"):
        schema.Label({"en": "x" * 37, "fr": "court"})


def test_a_preset_with_none_of_the_datas_alliances_is_not_offered():
    own = load(GOOD)  # one alliance of its own, "pact", with members
    assert queries.presets(own, D(2026, 1, 1)) == {"today": ("pact",), "everything": ()}


def test_a_timeline_of_one_event_says_so_in_its_title(real_ds):
    one = real_ds.events_frame[real_ds.events_frame["id"] == "csto-2022-01-kazakhstan-deployment"]
    figure = views.timeline_figure(real_ds, one, "en")
    assert figure.layout.title.text == "One event, 2022"
