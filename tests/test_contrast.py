"""Colours that every reader can tell apart: text 4.5:1 on its background, map shapes 3:1 apart."""

import datetime as dt

import pytest

from alliance_atlas import charts, maps, views
from alliance_atlas.contrast import NON_TEXT, TEXT, ratio

# Streamlit writes captions (intros, the sentences beside charts) in the theme's text colour at
# 60 % opacity. Besides the page, text and fields sit on Streamlit's second backgrounds: the
# sidebar and the fields (light #f8f8f7 both, and #f1f0ee for fields in the sidebar; dark
# #2d2b27 for fields and #21201d for the sidebar), the defaults its config documents.
CAPTION_OPACITY = 0.6
SECOND_BACKGROUNDS = {"light": ("#f8f8f7", "#f1f0ee"), "dark": ("#2d2b27", "#21201d")}


def backgrounds(scheme: str) -> tuple[str, ...]:
    return (charts.PAGE[scheme], *SECOND_BACKGROUNDS[scheme])


def blend(colour: str, background: str, opacity: float) -> str:
    """`colour` drawn at `opacity` over `background`, as the browser composes it."""
    pairs = [(int(colour[i : i + 2], 16), int(background[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(opacity * c + (1 - opacity) * b):02x}" for c, b in pairs)


def test_the_ratio_follows_wcag():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fail
    assert ratio("#0072B2", "#ffffff") == ratio("#ffffff", "#0072B2")


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_text_and_captions_read_at_aa_in_each_theme(scheme):
    ink = charts.INK[scheme]
    for background in backgrounds(scheme):
        assert ratio(ink, background) >= TEXT
        assert ratio(blend(ink, background, CAPTION_OPACITY), background) >= TEXT, background


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_the_accent_carries_white_text_and_stands_apart_from_every_background(scheme):
    # A multiselect's chips write white on the accent; it marks focus and ticked boxes.
    accent = charts.theme(scheme)["primaryColor"]
    assert ratio("#ffffff", accent) >= TEXT
    for background in backgrounds(scheme):
        assert ratio(accent, background) >= NON_TEXT, background


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_fields_and_buttons_have_a_border_that_can_be_seen(scheme):
    theme = charts.theme(scheme)
    assert theme["showWidgetBorder"] is True
    for background in backgrounds(scheme):
        assert ratio(theme["borderColor"], background) >= NON_TEXT, background


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_each_alliances_states_are_set_apart_by_a_line_of_3_to_1(scheme):
    # From the land by their fill or their outline; from a neighbour in another alliance by
    # the outlines, each 3:1 against its own fill, whatever the two fills are.
    look = maps.LOOKS[scheme]
    outlined = 0
    for alliance, fill in charts.alliance_colours(scheme=scheme).items():
        line = maps._line(fill, look)["color"]
        assert ratio(line, fill) >= NON_TEXT, alliance
        if ratio(fill, look["land"]) < NON_TEXT:
            outlined += 1
            assert ratio(line, look["land"]) >= NON_TEXT, alliance
    # Okabe-Ito's light colours (yellow, sky blue, orange...) are too light for grey land alone;
    # the dark theme's colours all stand 3:1 apart from its dark land.
    assert outlined >= 5 if scheme == "light" else outlined == 0


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_a_mark_on_a_state_or_its_ring_stands_apart_from_every_fill(scheme):
    look = maps.LOOKS[scheme]
    for alliance, fill in charts.alliance_colours(scheme=scheme).items():
        best = max(ratio(look["ink"], fill), ratio(look["halo"], fill))
        assert best >= NON_TEXT, alliance
    assert maps._halo(look).count(look["halo"]) == 4  # a ring: up, down, left and right


def test_the_map_draws_the_outlines(real_ds):
    world = views.map_figure(real_ds, dt.date(2025, 6, 1), "en", None, "light")
    lines = {trace.name: trace.marker.line for trace in world.data if trace.type == "choropleth"}
    assert lines["NATO"].color == maps.LOOKS["light"]["border"]  # dark blue: 4.2:1 on the land
    assert lines["SCO"].color == maps.LOOKS["light"]["ink"]  # olive: 2.4:1, so a black line
    assert lines["SCO"].width == 1
    assert lines["In none of these alliances"].color == maps.LOOKS["light"]["border"]


def test_the_small_states_dots_keep_their_outlines_from_year_to_year(real_ds):
    years = views.years_figure(real_ds, 2025, "en", None, "light")
    framed = [
        trace
        for frame in years.frames
        for trace in frame.data
        if trace.type == "scattergeo" and trace.lon
    ]
    assert framed, "no frame has a small state's dot"
    assert all(len(trace.marker.line.color) == len(trace.lon) for trace in framed)
