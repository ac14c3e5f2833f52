"""Keyboard only, in a real Chromium: the menu, the map's date and view, an event chosen from the
timeline's table, the members' downloads and the language, each done with keys alone.

A page is opened by its address; from then on only keys are pressed (no click, fill or focus()),
and every element Tab stops on must show a focus mark that can be seen (in a table, whose cells
are drawn on a canvas, the timeline's test finds the ring by its pixels).
"""

import datetime as dt
import io
import json
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from alliance_atlas import charts, i18n
from alliance_atlas.loader import load
from alliance_atlas.names import alliance_names
from alliance_atlas.paths import SHIPPED_DATA_DIR
from tests.browser.test_pages import FINISHED, SETTLED, open_page

pytestmark = pytest.mark.browser

EN, FR = i18n.catalogue("en"), i18n.catalogue("fr")
ACCENTS = {  # each theme's accent, as (r, g, b)
    scheme: tuple(int(charts.theme(scheme)["primaryColor"][i : i + 2], 16) for i in (1, 3, 5))
    for scheme in charts.SCHEMES
}
ACCENT = ACCENTS["light"]

# The first mark of focus on the focused element or on one of its five nearest ancestors that
# can be seen: an outline, a box shadow, or a border in the accent colour (how Streamlit marks a
# focused text, select or date field). A native radio or checkbox sits in a 1-pixel box that
# hides it, and a toolbar may be transparent: a mark there is not seen, so it does not count.
# In an open list the keyboard is on the option the focused field points at, and on its label.
FOCUS_MARK = """accent => {
    const hidden = element => {
        for (let e = element; e && e !== document.documentElement; e = e.parentElement) {
            const style = getComputedStyle(e), box = e.getBoundingClientRect();
            if (style.display === 'none' || style.visibility === 'hidden') return true;
            if (style.opacity === '0') return true;
            if ((box.width < 4 || box.height < 4) && style.overflow !== 'visible') return true;
        }
        return false;
    };
    const active = document.activeElement;
    const option = document.getElementById(active.getAttribute('aria-activedescendant') || '');
    let e = option ? option.firstElementChild || option : active;
    for (let up = 0; e && up < 6; e = e.parentElement, up++) {
        if (hidden(e)) continue;
        const style = getComputedStyle(e);
        const name = e.getAttribute('data-testid') || e.tagName.toLowerCase();
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            return `outline on ${name}`;
        if (style.boxShadow !== 'none') return `box shadow on ${name}`;
        if (style.borderTopStyle !== 'none' && style.borderTopColor === accent)
            return `accent border on ${name}`;
    }
    return null;
}"""
DARK = "() => matchMedia('(prefers-color-scheme: dark)').matches"
# The focused element, said in a few words for a failure message.
FOCUSED = r"""() => {
    const e = document.activeElement;
    const widget = e.closest('[data-testid]');
    const text = (e.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const words = e.getAttribute('aria-label') || text;
    return `${e.tagName.toLowerCase()} in ${widget ? widget.dataset.testid : 'page'}: ${words}`;
}"""
# Glide Data Grid (st.dataframe) draws its focused cell on a canvas and moves the browser's focus
# to that cell in a hidden table; test_an_event_is_chosen_... checks its ring by its pixels.
IN_GRID = "e.matches('canvas, td') && !!e.closest('[data-testid=\"stDataFrame\"]')"


def focused_is(page: Page, condition: str) -> bool:
    """Whether the focused element `e` meets the JavaScript `condition`."""
    return page.evaluate(f"() => {{ const e = document.activeElement; return !!({condition}); }}")


def tab_to(page: Page, condition: str, limit: int = 80, key: str = "Tab") -> list[str]:
    """Press `key` until the focused element `e` meets `condition`, each stop on the way showing
    a focus mark; the stops, in order."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press(key)
        stops.append(page.evaluate(FOCUSED))
        if not focused_is(page, f"e === document.body || {IN_GRID}"):
            expect_focus_mark(page, stops[-1])
        if focused_is(page, condition):
            return stops
    raise AssertionError(f"{key} pressed {limit} times never reached {condition}; stops: {stops}")


def expect_focus_mark(page: Page, where: str) -> None:
    """Wait for a focus mark on the focused element (a border fades in over 0.2 s)."""
    try:
        accent = ACCENTS["dark" if page.evaluate(DARK) else "light"]
        page.wait_for_function(FOCUS_MARK, arg="rgb({}, {}, {})".format(*accent), timeout=3_000)
    except Exception as error:  # Playwright's timeout, said as what it means here
        raise AssertionError(f"no visible focus mark on {where}") from error


def settled(page: Page) -> None:
    """Wait until the run the last key started has ended and the charts have drawn."""
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.wait_for_function(SETTLED, timeout=60_000)


def url_has(page: Page, name: str, value: str) -> None:
    """Wait until the address says `name=value`."""
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).getAll(name).includes(value)",
        arg=[name, value],
        timeout=30_000,
    )


def accent_pixels(png: bytes) -> int:
    """How many pixels of a screenshot are in the accent colour, give or take a little."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(pixels - ACCENT).sum(axis=2) <= 60).sum())


def by_label(label: str) -> str:
    return f"e.getAttribute('aria-label') === {json.dumps(label)}"


def button_named(name: str) -> str:
    return f"e.tagName === 'BUTTON' && e.innerText.trim() === {json.dumps(name)}"


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_the_map_is_opened_from_the_menu_and_its_date_and_view_set_by_keyboard(
    page: Page, app_url, artifacts, scheme
):
    page.emulate_media(color_scheme=scheme)  # every focus mark is looked for in both themes
    open_page(page, app_url)
    tab_to(page, "e.dataset.testid === 'stSidebarNavLink' && new URL(e.href).pathname === '/map'")
    page.screenshot(path=artifacts / f"keyboard-1-menu-{scheme}.png")
    page.keyboard.press("Enter")
    expect(page.locator("h1").first).to_have_text(EN["map.title"], timeout=30_000)
    assert urlparse(page.url).path == "/map"
    settled(page)

    # The date field is three spin buttons, year, month and day, each moving on when full;
    # the date counts once the focus leaves the field, here for the view's radio buttons.
    day = dt.date(1985, 6, 1)
    opening = EN["map.describe"].split("{parts}")[0].format(date=i18n.format_date(day, "en"))
    sentence = page.get_by_text(opening)
    expect(sentence).to_have_count(0)
    tab_to(page, by_label(f"year, {EN['map.date']}"))
    page.keyboard.type(day.strftime("%Y%m%d"))
    tab_to(page, "!!e.closest('[data-testid=\"stRadio\"]')", limit=3)
    url_has(page, "date", day.isoformat())
    settled(page)
    expect(sentence).to_have_count(1)
    warsaw_pact = alliance_names(load(SHIPPED_DATA_DIR), "en")["warsaw_pact"]
    expect(sentence).to_contain_text(warsaw_pact)  # the map of 1985, not of today
    page.screenshot(path=artifacts / f"keyboard-2-map-1985-{scheme}.png")

    # Arrow keys move the choice along a row of radio buttons.
    page.keyboard.press("ArrowRight")
    url_has(page, "view", "years")
    settled(page)
    expect(page.locator(".js-plotly-plot .slider-container")).to_have_count(1)  # year by year
    assert focused_is(page, "e.type === 'radio' && e.checked")
    expect_focus_mark(page, "the chosen radio button")

    # The year the animation shows, which its Plotly slider cannot take from the keyboard: a
    # select box, where a typed year narrows the list and Enter takes it.
    tab_to(page, by_label(EN["map.year_shown"]), limit=5)
    page.keyboard.type("1985")
    page.keyboard.press("Enter")
    url_has(page, "year", "1985")
    settled(page)
    shown = page.locator(".js-plotly-plot g.slider-group > text.slider-label")
    expect(shown).to_have_text(f"{EN['map.year']} 1985")
    page.screenshot(path=artifacts / f"keyboard-3-map-years-{scheme}.png")


def test_an_event_is_chosen_from_the_timelines_table_by_keyboard(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/timeline")
    tab_to(page, by_label(EN["filter.text"]))
    page.keyboard.type("Kazakhstan")
    page.keyboard.press("Enter")
    url_has(page, "q", "Kazakhstan")
    settled(page)

    # Tab enters the grid on its first cell, drawn with a ring in the accent colour.
    table = page.locator('[data-testid="stDataFrame"]').first
    unfocused = accent_pixels(table.screenshot())
    tab_to(page, IN_GRID)
    page.wait_for_function("() => document.activeElement.matches('td[aria-selected=\"true\"]')")
    assert accent_pixels(table.screenshot()) > unfocused + 100, "no ring on the focused cell"

    # Arrows move between cells; Shift+Space chooses the focused cell's row (Glide Data Grid's
    # own key: Space and Enter alone do not, and the arrows never reach the tick boxes).
    row = "Number(document.activeElement.closest('tr').getAttribute('aria-rowindex'))"
    first_row = page.evaluate(f"() => {row}")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"next => {row} === next", arg=first_row + 1, timeout=5_000)
    title = page.evaluate(
        """title => {
            const cells = [...document.activeElement.closest('table').querySelectorAll('th')];
            const at = cells.findIndex(cell => cell.textContent === title);
            return document.activeElement.closest('tr').children[at].textContent;
        }""",
        EN["column.title"],
    )
    page.screenshot(path=artifacts / "keyboard-4-timeline-row.png")
    page.keyboard.press("Shift+Space")
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    settled(page)
    event_id = parse_qs(urlparse(page.url).query)["event"][0]
    event = load(SHIPPED_DATA_DIR).event_by_id[event_id]
    assert i18n.localise(event.title, "en") == title
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.screenshot(path=artifacts / "keyboard-5-timeline-event.png", full_page=True)


def test_the_members_table_and_an_export_download_by_keyboard(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/members")
    # Enter opens the expander, and Space presses a button in it. No download button starts a
    # run (on_click="ignore"): a run that ended between a key's press and its release could
    # swallow the press.
    expander = json.dumps(EN["export.title"])
    tab_to(page, f"e.tagName === 'SUMMARY' && e.innerText.includes({expander})", limit=150)
    page.keyboard.press("Enter")
    tab_to(page, button_named(EN["export.atop"]), limit=3)
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Space")
    assert download.value.suggested_filename == "alliance-atlas-atop.csv"
    assert download.value.path().read_text(encoding="utf-8").count("\n") > 10

    tab_to(page, button_named(EN["members.csv"]), limit=10, key="Shift+Tab")
    page.screenshot(path=artifacts / "keyboard-6-members-download.png")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "alliance-atlas-members.csv"
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100, f"the CSV has {len(lines)} lines"


def test_the_language_is_switched_to_french_by_keyboard(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/timeline")
    tab_to(page, by_label(EN["sidebar.language"]))
    # Down opens the list on the next language; Enter takes the one the list points at.
    option = """() => {
        const id = document.activeElement.getAttribute('aria-activedescendant');
        return id && document.getElementById(id).textContent;
    }"""
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        if page.evaluate(option) == i18n.language_name("fr"):
            break
    assert page.evaluate(option) == i18n.language_name("fr")
    expect_focus_mark(page, "the option the open list points at")
    page.screenshot(path=artifacts / "keyboard-7-language-list.png")
    page.keyboard.press("Enter")
    url_has(page, "lang", "fr")
    settled(page)
    expect(page.locator("h1").first).to_have_text(FR["timeline.title"])
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(FR["nav.overview"], exact=True)).to_be_visible()
    assert focused_is(page, by_label(FR["sidebar.language"]))  # the focus stays on the switch
    expect_focus_mark(page, "the language switch")
    page.screenshot(path=artifacts / "keyboard-8-french.png")
