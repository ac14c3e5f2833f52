"""Colours that every reader can tell apart: text 4.5:1 on its background, map shapes 3:1 apart."""

import datetime as dt

import pytest

from alliance_atlas import charts, maps, views
from alliance_atlas.contrast import NON_TEXT, TEXT, outline, ratio

# Streamlit writes captions (intros, the sentences beside charts) in the theme's text colour at
# 60 % opacity; the sidebar and widgets sit on a second background. Both are Streamlit's values.
CAPTION_OPACITY = 0.6
SECOND_BACKGROUND = {"light": "#f8f8f7", "dark": "#2d2b27"}


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
    for background in (charts.PAGE[scheme], SECOND_BACKGROUND[scheme]):
        assert ratio(ink, background) >= TEXT
        assert ratio(blend(ink, background, CAPTION_OPACITY), background) >= TEXT, background


def test_a_caption_in_streamlits_own_light_text_colour_would_fail():
    # Why the light theme's text is darker than Streamlit's default: the rule can fail.
    streamlit_default = "#2f2d2b"
    caption = blend(streamlit_default, SECOND_BACKGROUND["light"], CAPTION_OPACITY)
    assert ratio(caption, SECOND_BACKGROUND["light"]) < TEXT


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_white_on_the_accent_reads_at_aa(scheme):
    # A multiselect's chips write white on the theme's accent colour.
    accent = charts.theme(scheme)["primaryColor"]
    assert ratio("#ffffff", accent) >= TEXT
    assert ratio(accent, charts.PAGE[scheme]) >= NON_TEXT


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_fields_and_buttons_have_a_border_that_can_be_seen(scheme):
    theme = charts.theme(scheme)
    assert theme["showWidgetBorder"] is True
    for background in (charts.PAGE[scheme], SECOND_BACKGROUND[scheme]):
        assert ratio(theme["borderColor"], background) >= NON_TEXT, background


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_every_alliances_states_stand_3_to_1_apart_from_the_land(scheme):
    look = maps.LOOKS[scheme]
    outlined = 0
    for alliance, fill in charts.alliance_colours(scheme=scheme).items():
        line = outline(fill, look["land"], look["border"], (look["ink"], look["halo"]))
        if ratio(fill, look["land"]) < NON_TEXT:  # then a line of 3:1 runs between them
            outlined += 1
            assert ratio(line, look["land"]) >= NON_TEXT, alliance
            assert ratio(line, fill) >= NON_TEXT, alliance
        else:
            assert line == look["border"], alliance
    # Okabe-Ito's light colours (yellow, sky blue, orange...) are too light for grey land alone.
    assert outlined > 0 if scheme == "light" else outlined == 0


def test_the_map_draws_the_outlines(real_ds):
    world = views.map_figure(real_ds, dt.date(2025, 6, 1), "en", None, "light")
    lines = {
        trace.name: trace.marker.line.color for trace in world.data if trace.type == "choropleth"
    }
    assert lines["NATO"] == maps.LOOKS["light"]["border"]  # dark blue: 4.2:1 on the land
    assert lines["SCO"] == maps.LOOKS["light"]["ink"]  # olive: 2.4:1, so a black line
    assert lines["In none of these alliances"] == maps.LOOKS["light"]["border"]
