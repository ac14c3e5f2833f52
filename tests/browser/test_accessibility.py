"""WCAG 2.2 AA in a real Chromium: every page, light and dark, English and French, judged by
axe-core; and the words the charts draw in SVG, which axe does not read, measured here."""

import pytest
from playwright.sync_api import Page, expect

from alliance_atlas import charts, i18n
from alliance_atlas.contrast import TEXT, ratio
from alliance_atlas.vocab import LANGUAGES
from tests.browser.axe import BLOCKING, VIEWS, audit, chart_text, known, require_axe
from tests.browser.test_pages import open_page

pytestmark = pytest.mark.browser
CHARTED = {"overview", "timeline", "map", "members", "compare", "map-years", "timeline-event"}


def hex_colour(css: str) -> str:
    """'rgb(20, 19, 18)' as '#141312' (an alpha, if any, is checked to be 1)."""
    channels = css[css.index("(") + 1 : css.index(")")].split(",")
    assert len(channels) == 3 or float(channels[3]) == 1, f"a see-through colour: {css}"
    return "#" + "".join(f"{int(float(c)):02x}" for c in channels[:3])


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("scheme", charts.SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_view_meets_wcag_aa_in_each_theme_and_language(
    page: Page, app_url, artifacts, view, scheme, lang
):
    require_axe()
    name, address = VIEWS[view]
    page.emulate_media(color_scheme=scheme)
    joiner = "&" if "?" in address else "?"
    hosts = open_page(page, f"{app_url}/{address}{joiner}lang={lang}")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(i18n.catalogue(lang)[f"{name}.title"])
    page.screenshot(path=artifacts / f"{view}-{scheme}-{lang}.png", full_page=True)
    assert set(hosts) == {"127.0.0.1"}, f"requests left the machine: {set(hosts)}"

    findings = audit(page)
    blocking = [f for f in findings if f.impact in BLOCKING]
    assert not blocking, f"{view} ({scheme}, {lang}): {blocking}"
    found = {f.known_as for f in findings}
    accepted = known().get(view, set())
    assert found <= accepted, f"new findings on {view}, fix or list them: {found - accepted}"
    assert accepted <= found, (
        f"listed for {view} but gone, remove from the list: {accepted - found}"
    )

    background = hex_colour(
        page.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")
    )
    words = chart_text(page)
    faint = [(text, fill) for text, fill in words if ratio(hex_colour(fill), background) < TEXT]
    assert not faint, f"chart text under {TEXT}:1 on {background}: {faint}"
    if view in CHARTED:
        assert words, f"{view} has charts, but no chart text was measured"


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_year_by_year_map_plays_only_for_readers_who_allow_motion(
    page: Page, app_url, artifacts, motion
):
    page.emulate_media(reduced_motion=motion)
    open_page(page, f"{app_url}/map?view=years")
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    play, years = page.locator("g.updatemenu-button").first, page.locator("g.slider-container")
    expect(years).to_be_visible()  # the year slider steps on request, for every reader
    if motion == "reduce":
        expect(play).to_be_hidden()
    else:
        expect(play).to_be_visible()
    # A click on the slider's far end steps straight to the last year: one step, no sliding.
    rail = years.locator("rect.slider-rail-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] - 2, rail["y"] + rail["height"] / 2)
    last = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').layout.sliders[0].steps.at(-1).label"
    )
    shown = years.locator("g.slider-group > text.slider-label")  # "Year 1945"
    expect(shown).to_have_text(f"{i18n.catalogue('en')['map.year']} {last}")
    assert int(last) > 1945
    page.screenshot(path=artifacts / f"map-years-motion-{motion}.png", full_page=True)
