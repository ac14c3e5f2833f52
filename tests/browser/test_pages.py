"""In a real Chromium against a real server: every page draws, the map has its shapes, the URL is the view."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from alliance_atlas import charts, i18n, navigation
from alliance_atlas.loader import load
from alliance_atlas.paths import SHIPPED_DATA_DIR
from tests.server import running

pytestmark = pytest.mark.browser

FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ROUTED = '[data-testid="stSidebarNav"]'  # drawn only when app.py has routed the run
# No placeholder is left, and every chart has drawn its SVG.
SETTLED = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"""
PAGES = {page.name: page.address for page in navigation.PAGES}


def open_page(page: Page, url: str) -> list[str]:
    """Open `url`, wait until the router has run the page to the end, and return the hosts asked."""
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname or ""))
    page.set_viewport_size({"width": 1400, "height": 2200})  # tall, so screenshots show whole pages
    page.goto(url)
    page.wait_for_selector(ROUTED, timeout=60_000)
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.wait_for_function(SETTLED, timeout=60_000)
    page.wait_for_timeout(500)  # let the charts' transitions end
    return hosts


def drawn_map_ids(page: Page) -> set[str]:
    """Every location the map's choropleth traces hold, read from the drawn plotly figure."""
    return set(
        page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
                .flatMap(plot => plot.data || [])
                .filter(trace => trace.type === 'choropleth' && trace.showlegend !== false)
                .flatMap(trace => Array.from(trace.locations || []))"""
        )
    )


def test_a_fresh_server_routes_its_first_visit_by_deep_link(page: Page):
    # Streamlit's legacy routing runs a page script alone on a server's first visit when a
    # pages/ folder sits beside app.py; routing.through_router must hand the run to app.py.
    english = i18n.catalogue("en")
    with running() as server:
        open_page(page, f"{server.base}/members")
        expect(page.locator("h1").first).to_have_text(english["members.title"])
        # Only app.py's run has the atlas's menu and sidebar; the legacy one lists file names.
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text(english["nav.overview"], exact=True)).to_be_visible()
        expect(sidebar.get_by_text(english["sidebar.language"])).to_be_visible()
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_the_map_draws_country_shapes_from_the_served_files(page: Page, app_url):
    open_page(page, f"{app_url}/map?date=2024-06-01")
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    assert page.locator("path.choroplethlocation").count() > 100
    assert {"FIN", "SWE", "DEU"} <= drawn_map_ids(page)


def test_the_1985_map_draws_the_gdr_and_the_ussr(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/map?date=1985-06-01")
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    ids = drawn_map_ids(page)
    assert {"DDR", "FRG", "SUN", "CSK"} <= ids
    assert "RUS" not in ids  # no Russia before 1992
    assert {"DEU", "CZE"}.isdisjoint(ids)
    page.screenshot(path=artifacts / "map-1985.png", full_page=True)


@pytest.mark.parametrize("scheme", charts.SCHEMES)
def test_the_map_is_drawn_in_the_colours_of_the_browsers_theme(page: Page, app_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, f"{app_url}/map?date=2024-06-01")
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    nato = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => p.data || [])
            .find(t => t.type === 'choropleth' && t.name === 'NATO').colorscale[0][1]"""
    )
    assert nato == charts.alliance_colours(scheme=scheme)["nato"]


def test_play_runs_the_years_in_the_browser_without_a_rerun(page: Page, app_url, artifacts):
    sent: list[int] = []  # messages from the browser to the server, such as a rerun request
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(1)))
    open_page(page, f"{app_url}/map?view=years")
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    warsaw_pact = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => p.data || [])
        .filter(t => t.type === 'choropleth' && t.name === 'Warsaw Pact')
        .flatMap(t => Array.from(t.locations || []))"""
    assert page.evaluate(warsaw_pact) == []  # 1945: no Warsaw Pact yet
    page.screenshot(path=artifacts / "map-years.png", full_page=True)
    assert sent, "no websocket message was seen at all"
    before = len(sent)
    page.locator("g.updatemenu-button").first.click()  # ▶ Play
    # Poland signs the Warsaw Treaty in 1955, ten frames on.
    page.wait_for_function(f"() => ({warsaw_pact})().includes('POL')", timeout=30_000)
    assert "DDR" in drawn_map_ids(page)
    assert len(sent) == before, "the animation asked the server for a rerun"


def test_a_filter_change_updates_the_url_and_the_chart(page: Page, app_url):
    open_page(page, f"{app_url}/timeline")
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length > 50"
    )
    before = page.locator(".js-plotly-plot .scatterlayer .point").count()
    box = page.get_by_label("Search titles and summaries")
    box.fill("Kazakhstan")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('q=Kazakhstan')", timeout=30_000)
    points = "document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length"
    page.wait_for_function(f"n => {points} > 0 && {points} < n", arg=before, timeout=30_000)
    assert before > 50


def test_a_copied_url_restores_the_view_in_a_fresh_browser(browser: Browser, app_url, artifacts):
    link = f"{app_url}/timeline?alliance=csto&q=Armenia&event=csto-2024-02-22-armenia-freeze"
    first = browser.new_context().new_page()
    open_page(first, link)
    shared = first.url
    assert parse_qs(urlparse(shared).query)["q"] == ["Armenia"]
    fresh = browser.new_context().new_page()
    open_page(fresh, shared)
    expect(fresh.get_by_label("Search titles and summaries")).to_have_value("Armenia")
    expect(fresh.get_by_text("Armenia has frozen its CSTO participation").last).to_be_visible()
    fresh.screenshot(path=artifacts / "timeline-shared-link.png", full_page=True)


def test_a_nonsense_link_falls_back_with_a_notice(page: Page, app_url):
    open_page(page, f"{app_url}/map?date=not-a-date&lang=xx")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("could not be used").first).to_be_visible()


def test_clicking_a_marker_opens_the_event_and_names_it_in_the_url(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/timeline?alliance=csto&kind=intervention")
    page.locator(".js-plotly-plot .scatterlayer .point").first.click(force=True)
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    details = page.get_by_role("heading", name="CSTO peacekeepers deploy to Kazakhstan")
    expect(details).to_be_visible()  # the card under the chart, not a hover label that may go
    sidebar = page.locator('[data-testid="stSidebar"]')
    # in the citation, and in the embed snippet below it
    expect(sidebar.get_by_text("event=csto-2022-01-kazakhstan-deployment").first).to_be_visible()
    page.screenshot(path=artifacts / "timeline-event.png", full_page=True)


def test_the_embed_snippet_opens_the_same_view_in_a_fresh_browser(
    browser: Browser, app_url, artifacts
):
    first = browser.new_context().new_page()
    open_page(first, f"{app_url}/map?date=1985-06-01&alliance=nato&alliance=warsaw_pact")
    snippet = first.locator('[data-testid="stSidebar"] code').last.inner_text()
    src = snippet.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(urlparse(src).query)["embed"] == ["true"]
    fresh = browser.new_context(viewport={"width": 600, "height": 450}).new_page()
    fresh.goto(src)
    fresh.wait_for_selector(FINISHED, timeout=60_000)
    fresh.wait_for_function(SETTLED, timeout=60_000)
    expanded = fresh.locator('[data-testid="stSidebar"][aria-expanded="true"]')
    expect(expanded).to_have_count(0)  # the sidebar's controls stay folded in the article
    expect(fresh.locator('[data-testid="stException"]')).to_have_count(0)
    expect(fresh.get_by_text("On 1 June 1985").first).to_be_attached()
    fresh.screenshot(path=artifacts / "map-embed.png", full_page=True)


def test_an_exported_map_keeps_its_title_and_source_line(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/map?date=1985-06-01")
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=60_000) as download:
        page.locator('.modebar-btn[data-title^="Download plot"]').first.click(force=True)
    assert download.value.suggested_filename == "alliance-atlas-map-1985-06-01.svg"
    svg = download.value.path().read_text(encoding="utf-8")
    assert "Who belonged to which alliance on 1 June 1985" in svg
    assert "Source: Alliance Atlas, data version" in svg
    (artifacts / "map-1985-export.svg").write_text(svg, encoding="utf-8")


def test_the_keyboard_steps_from_event_to_event(page: Page, app_url, artifacts):
    open_page(page, f"{app_url}/timeline?alliance=csto&kind=intervention&kind=summit")
    following = page.get_by_role("button", name="Next event →")
    following.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    first = parse_qs(urlparse(page.url).query)["event"][0]
    page.wait_for_selector(FINISHED, timeout=30_000)
    page.get_by_role("button", name="Next event →").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "first => !location.search.includes('event=' + first)", arg=first, timeout=30_000
    )
    second = parse_qs(urlparse(page.url).query)["event"][0]
    assert second != first
    page.wait_for_selector(FINISHED, timeout=30_000)
    page.get_by_role("button", name="← Previous event").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "first => location.search.includes('event=' + first)", arg=first, timeout=30_000
    )
    page.screenshot(path=artifacts / "timeline-keyboard.png", full_page=True)


def test_an_event_reads_in_french_with_its_figures_in_french_numbers(
    page: Page, app_url, artifacts
):
    event = load(SHIPPED_DATA_DIR).event_by_id["csto-2022-01-kazakhstan-deployment"]
    open_page(page, f"{app_url}/timeline?lang=fr&event={event.id}")
    expect(page.get_by_role("heading", name=i18n.localise(event.title, "fr"))).to_be_visible()
    grid_cell = page.get_by_text("≈ " + i18n.format_number(2500, "fr"), exact=True)
    expect(grid_cell.first).to_be_attached()  # the grid draws on a canvas; its cells are hidden
    page.screenshot(path=artifacts / "timeline-event-fr.png", full_page=True)


def test_a_french_browser_opens_in_french_and_its_links_say_so(browser: Browser, app_url):
    french = browser.new_context(locale="fr-FR").new_page()
    open_page(french, f"{app_url}/timeline")
    expect(french.locator("h1").first).to_have_text(i18n.catalogue("fr")["timeline.title"])
    french.wait_for_function("() => location.search.includes('lang=fr')", timeout=30_000)
