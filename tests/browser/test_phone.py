"""On a phone and in an embed, in Chromium: every page fits and leads with its content; taps, swipes."""

from collections.abc import Callable
from functools import cache
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from alliance_atlas import i18n, navigation
from alliance_atlas.loader import load
from alliance_atlas.names import country_name
from alliance_atlas.paths import SHIPPED_DATA_DIR
from alliance_atlas.vocab import DEFAULT_LANGUAGE, LANGUAGES
from tests.browser.axe import AXE, BLOCKING, audit, known, require_axe
from tests.browser.test_pages import FINISHED, ROUTED, SETTLED

pytestmark = pytest.mark.browser

PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
DESKTOP_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SIZES = {  # each size: how its browser context is made, and what it adds to the address
    "phone": (
        {
            "viewport": {"width": 390, "height": 844},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 1,
            "user_agent": PHONE_AGENT,
        },
        {},
    ),
    "embed": (
        {
            "viewport": {"width": 600, "height": 450},
            "device_scale_factor": 1,
            "user_agent": DESKTOP_AGENT,
        },
        {"embed": "true"},
    ),
}
WIDE = {"viewport": {"width": 1400, "height": 900}, "user_agent": DESKTOP_AGENT}
PAGES = {page.name: page.address for page in navigation.PAGES}
MAIN = '[data-testid="stMain"]'
CONTENT = {  # what each page is for, which must start on the first screen
    "overview": f'{MAIN} [data-testid="stMetric"]',
    "timeline": f"{MAIN} .js-plotly-plot",
    "map": f"{MAIN} .js-plotly-plot",
    "members": f'{MAIN} [data-testid="stDataFrame"]',
    "compare": f'{MAIN} [data-testid="stTable"]',
    "sources": f'{MAIN} [data-testid="stCode"]',
    "data": f'{MAIN} [data-testid="stMetric"]',
}
CONTROLLED = ("timeline", "map", "members", "compare")  # the pages with controls
SEEN = 60  # px of the main content that the first screen must show
VIEWS = [(size, name, lang) for size in SIZES for name in PAGES for lang in LANGUAGES]
IDS = [f"{size}-{name}-{lang}" for size, name, lang in VIEWS]

# Everything measured on a view as it opens, before anything scrolls.
MEASURE = """content => {
    const box = e => { const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
        && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[inert]'); };
    const main = document.querySelector('[data-testid="stMain"]');
    const first = document.querySelector(content);
    const expanders = [...main.querySelectorAll('[data-testid="stExpander"]')];
    const line = e => { const before = (e.closest('[data-testid="stLayoutWrapper"]') || e)
        .previousElementSibling;
        const caption = before && before.querySelector('[data-testid="stCaptionContainer"]');
        return caption ? caption.textContent.trim() : null; };
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const link = main.querySelector('[data-testid="stLinkButton"] a');
    const h1 = main.querySelector('h1');
    return {
        width: innerWidth, height: innerHeight,
        widths: {document: [document.scrollingElement.scrollWidth,
                            document.scrollingElement.clientWidth],
                 stMain: [main.scrollWidth, main.clientWidth]},
        content: first ? box(first) : null,
        headings: [...main.querySelectorAll('h1')].map(h => h.textContent.trim()),
        expanders: expanders.map(e => ({
            label: e.querySelector('summary [data-testid="stMarkdownContainer"]').textContent.trim(),
            open: e.querySelector('details').open,
            widgets: e.querySelectorAll('[data-testid="stWidgetLabel"]').length,
            line: line(e)})),
        multiselects: [...main.querySelectorAll('[data-testid="stMultiSelect"]')].filter(shown)
            .length,
        sidebar: !!sidebar && shown(sidebar),
        link: link && {text: link.textContent.trim(), href: link.href, target: link.target,
                       below: link.getBoundingClientRect().top - h1.getBoundingClientRect().bottom},
        legends: [...main.querySelectorAll('.js-plotly-plot .legendtext')].map(t => ({
            text: t.textContent, box: box(t), svg: box(t.closest('svg.main-svg'))})),
        titles: [...main.querySelectorAll('.js-plotly-plot .gtitle')].map(t => ({
            text: t.textContent, box: box(t), svg: box(t.closest('svg.main-svg'))})),
        errors: main.querySelectorAll('[data-testid="stException"]').length,
        text: main.innerText.slice(0, 300),  // to tell what was there when a test fails
    };
}"""
# The map's path for one state, found by the location Plotly bound to it.
STATE_BOX = """code => {
    const path = [...document.querySelectorAll('.choroplethlocation')]
        .find(e => e.__data__ && e.__data__.loc === code);
    const r = path.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""
SCROLLED = f"() => document.querySelector('{MAIN}').scrollTop"
IN_CHART = "([x, y]) => !!document.elementFromPoint(x, y).closest('.js-plotly-plot')"


def address(app_url: str, name: str, **query: str) -> str:
    """The page's URL with `query` (empty values left out)."""
    pairs = "&".join(f"{key}={value}" for key, value in query.items() if value)
    return f"{app_url}/{PAGES[name]}" + (f"?{pairs}" if pairs else "")


def settle(page: Page) -> None:
    """Wait until the run has ended and every chart has drawn (the sidebar's menu is there, but
    folded away on a phone and hidden in an embed, so it is only attached)."""
    page.wait_for_selector(ROUTED, state="attached", timeout=60_000)
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.wait_for_function(SETTLED, timeout=60_000)
    page.wait_for_timeout(500)  # let the charts' transitions end


def opened(browser: Browser, size: str, url: str) -> tuple[BrowserContext, Page]:
    """A fresh context (a new session) of `size`, with `url` open and settled."""
    options, extra = SIZES[size]
    context = browser.new_context(**options)
    page = context.new_page()
    joiner = "&" if "?" in url else "?"
    page.goto(url + "".join(f"{joiner}{key}={value}" for key, value in extra.items()))
    settle(page)
    return context, page


@pytest.fixture(scope="module")
def view(browser: Browser, app_url, artifacts) -> Callable[[str, str, str], dict]:
    """Each view opened once in a fresh context: what it measures, its findings and a screenshot."""

    @cache
    def measure(size: str, name: str, lang: str) -> dict:
        context, page = opened(browser, size, address(app_url, name, lang=lang))
        try:
            measured = page.evaluate(MEASURE, CONTENT[name])
            measured["url"] = page.url
            page.screenshot(path=artifacts / f"{size}-{name}-{lang}.png")
            measured["findings"] = audit(page) if AXE.exists() else None  # or the axe test fails
            return measured
        finally:
            context.close()

    return measure


@pytest.mark.parametrize(("size", "name", "lang"), VIEWS, ids=IDS)
def test_no_view_scrolls_sideways(view, size, name, lang):
    measured = view(size, name, lang)
    assert measured["errors"] == 0, f"{size} {name} {lang}: the page raised"
    too_wide = {k: (s, c) for k, (s, c) in measured["widths"].items() if s > c}
    assert not too_wide, f"{size} {name} {lang}: scrollWidth > clientWidth: {too_wide}"


@pytest.mark.parametrize(("size", "name", "lang"), VIEWS, ids=IDS)
def test_each_page_shows_its_main_content_on_the_first_screen(
    view, record_property, size, name, lang
):
    measured = view(size, name, lang)
    assert measured["headings"] == [i18n.catalogue(lang)[f"{name}.title"]]
    box = measured["content"]
    assert box is not None, f"{size} {name} {lang}: no {CONTENT[name]}: {measured['text']!r}"
    visible = min(box["bottom"], measured["height"]) - max(box["top"], 0)
    record_property("content_top", round(box["top"]))
    record_property("content_visible", round(visible))
    assert box["top"] < measured["height"] and visible >= SEEN, (
        f"{size} {name} {lang}: {CONTENT[name]} starts at {box['top']:.0f} px, "
        f"{visible:.0f} px of it on a {measured['height']} px screen"
    )


@pytest.mark.parametrize(
    ("size", "name", "lang"),
    [v for v in VIEWS if v[1] in CONTROLLED],
    ids=[i for v, i in zip(VIEWS, IDS, strict=True) if v[1] in CONTROLLED],
)
def test_the_controls_wait_in_one_closed_filters_expander_under_a_line_saying_what_is_filtered(
    view, size, name, lang
):
    words = i18n.catalogue(lang)
    measured = view(size, name, lang)
    folded = [e for e in measured["expanders"] if e["label"] == words["filters.title"]]
    assert len(folded) == 1, f"{size} {name} {lang}: expanders {measured['expanders']}"
    assert not folded[0]["open"]
    assert folded[0]["widgets"] > 0, f"{size} {name} {lang}: no control in the expander"
    line = folded[0]["line"]
    # a default view: nothing filtered, or the parts "label: value" of what is set
    assert line == words["filters.none"] or (line and ":" in line), f"the line over it: {line!r}"
    assert measured["multiselects"] == 0, f"{size} {name} {lang}: a multiselect shows"


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in PAGES for lang in LANGUAGES])
def test_an_embed_links_to_the_same_view_in_the_atlas_in_a_new_tab(view, name, lang):
    measured = view("embed", name, lang)
    link = measured["link"]
    assert link is not None, f"embed {name} {lang}: no link to the atlas"
    assert link["text"].endswith(i18n.catalogue(lang)["embed.open"])
    assert link["target"] == "_blank"
    assert 0 <= link["below"] < 40, f"{link['below']:.0f} px under the h1"
    shown, href = urlparse(measured["url"]), urlparse(link["href"])
    assert parse_qs(shown.query).get("embed") == ["true"]
    assert href.path == shown.path
    without = {k: v for k, v in parse_qs(shown.query).items() if k != "embed"}
    assert parse_qs(href.query) == without
    if lang != DEFAULT_LANGUAGE:
        assert parse_qs(href.query).get("lang") == [lang]
    assert not measured["sidebar"], f"embed {name} {lang}: the sidebar shows"


def outside(items: list[dict], width: int) -> list[tuple[str, dict, dict]]:
    """The texts whose box is not inside their chart's SVG (to 1 px) and the screen's width."""
    return [
        (
            item["text"],
            {k: round(v) for k, v in item["box"].items()},
            {k: round(v) for k, v in item["svg"].items()},
        )
        for item in items
        if item["box"]["left"] < item["svg"]["left"] - 1
        or item["box"]["right"] > item["svg"]["right"] + 1
        or item["box"]["top"] < item["svg"]["top"] - 1
        or item["box"]["bottom"] > item["svg"]["bottom"] + 1
        or item["box"]["left"] < 0
        or item["box"]["right"] > width
    ]


@pytest.mark.parametrize(("size", "name", "lang"), VIEWS, ids=IDS)
def test_no_chart_legend_is_clipped(view, size, name, lang):
    measured = view(size, name, lang)
    clipped = outside(measured["legends"], measured["width"])
    assert not clipped, f"{size} {name} {lang} ({measured['width']} px): (text, box, svg) {clipped}"
    if name in ("timeline", "map"):
        assert measured["legends"], f"{size} {name} {lang}: no legend: {measured['text']!r}"


@pytest.mark.parametrize(("size", "name", "lang"), VIEWS, ids=IDS)
def test_no_chart_title_runs_off_its_chart(view, size, name, lang):
    measured = view(size, name, lang)
    clipped = outside(measured["titles"], measured["width"])
    assert not clipped, f"{size} {name} {lang} ({measured['width']} px): (text, box, svg) {clipped}"
    if name in ("timeline", "map"):
        assert measured["titles"], f"{size} {name} {lang}: no title: {measured['text']!r}"


@pytest.mark.parametrize(("size", "name", "lang"), VIEWS, ids=IDS)
def test_axe_finds_nothing_serious_and_only_the_known_minor_things(view, size, name, lang):
    require_axe()
    findings, where = view(size, name, lang)["findings"], f"{size}-{name}"
    blocking = [f for f in findings if f.impact in BLOCKING]
    assert not blocking, f"{where} ({lang}): {blocking}"
    found, accepted = {f.known_as for f in findings}, known().get(where, set())
    assert found <= accepted, f"new findings on {where} ({lang}), fix or list them: {findings}"
    assert accepted <= found, f"listed for {where} but gone, remove: {accepted - found}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tap_on_the_gdr_on_a_phone_opens_its_card_under_the_map(
    browser: Browser, app_url, artifacts, record_property, lang
):
    name = country_name(load(SHIPPED_DATA_DIR), "DDR", lang)
    context, page = opened(browser, "phone", address(app_url, "map", date="1985-06-01", lang=lang))
    try:
        gdr = page.evaluate(STATE_BOX, "DDR")
        record_property("gdr", f"{gdr['width']:.1f} x {gdr['height']:.1f}")
        assert gdr["width"] >= 24 and gdr["height"] >= 24, f"the GDR is drawn {gdr}"
        centre = (gdr["x"] + gdr["width"] / 2, gdr["y"] + gdr["height"] / 2)
        assert page.evaluate(IN_CHART, centre), f"the GDR's centre {centre} is not on the map"
        page.touchscreen.tap(*centre)
        label = page.locator(".hoverlayer .hovertext").first
        expect(label).to_contain_text(name)
        hover = label.bounding_box()
        record_property("hover", f"{hover['x']:.0f}..{hover['x'] + hover['width']:.0f}")
        width, height = SIZES["phone"][0]["viewport"].values()
        inside = hover["x"] >= 0 and hover["x"] + hover["width"] <= width
        inside = inside and hover["y"] >= 0 and hover["y"] + hover["height"] <= height
        assert inside, f"the hover label at {hover}, on a {width} x {height} screen"
        page.wait_for_function("() => location.search.includes('state=DDR')", timeout=30_000)
        settle(page)
        card = page.locator(f"{MAIN} h2", has_text=name)
        expect(card).to_have_count(1)
        expect(card).to_be_visible()
        expect(card).to_be_in_viewport()  # brought into view once the run ended
        border = card.evaluate(
            "h => getComputedStyle(h.closest('[data-testid=\"stVerticalBlock\"]')).borderTopWidth"
        )
        chart = page.locator(f"{MAIN} .js-plotly-plot").first.bounding_box()
        record_property("card_top", round(card.bounding_box()["y"]))
        assert float(border.removesuffix("px")) > 0, "the card has no border"
        assert card.bounding_box()["y"] > chart["y"] + chart["height"], (
            "the card is not under the map"
        )
        page.screenshot(path=artifacts / f"phone-map-tap-{lang}.png")
    finally:
        context.close()


def test_a_tap_on_a_marker_on_the_phone_timeline_opens_its_event_under_the_chart(
    browser: Browser, app_url, artifacts, record_property
):
    context, page = opened(browser, "phone", address(app_url, "timeline"))
    try:
        marker = page.evaluate(
            """() => { const el = [...document.querySelectorAll('.scatterlayer .point')].find(e => {
                const r = e.getBoundingClientRect();
                return r.width > 5 && r.top > 0 && r.bottom < innerHeight
                    && r.left > 0 && r.right < innerWidth; });
                const r = el.getBoundingClientRect();
                return [r.x + r.width / 2, r.y + r.height / 2]; }"""
        )
        page.touchscreen.tap(*marker)
        page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
        settle(page)
        chosen = parse_qs(urlparse(page.url).query)["event"][0]
        title = i18n.localise(load(SHIPPED_DATA_DIR).event_by_id[chosen].title, "en")
        heading = page.locator(f"{MAIN} h2", has_text=title)
        expect(heading).to_be_visible()
        expect(heading).to_be_in_viewport()  # brought into view once the run ended
        chart = page.locator(f"{MAIN} .js-plotly-plot").first.bounding_box()
        record_property("heading_top", round(heading.bounding_box()["y"]))
        assert heading.bounding_box()["y"] > chart["y"] + chart["height"]
        page.screenshot(path=artifacts / "phone-timeline-tap.png")
    finally:
        context.close()


def test_a_click_on_a_state_in_an_embed_opens_its_card(browser: Browser, app_url, artifacts):
    name = country_name(load(SHIPPED_DATA_DIR), "DDR", "en")
    context, page = opened(browser, "embed", address(app_url, "map", date="1985-06-01"))
    try:
        gdr = page.evaluate(STATE_BOX, "DDR")  # under the first screen of 450 px: scroll to it
        page.evaluate(f"y => document.querySelector('{MAIN}').scrollBy(0, y)", gdr["y"] - 200)
        page.wait_for_timeout(300)
        gdr = page.evaluate(STATE_BOX, "DDR")
        page.mouse.click(gdr["x"] + gdr["width"] / 2, gdr["y"] + gdr["height"] / 2)
        page.wait_for_function("() => location.search.includes('state=DDR')", timeout=30_000)
        settle(page)
        expect(page.locator(f"{MAIN} h2", has_text=name)).to_be_visible()
        href = page.locator(f'{MAIN} [data-testid="stLinkButton"] a').get_attribute("href")
        assert parse_qs(urlparse(href).query).get("date") == ["1985-06-01"]
        assert "embed" not in parse_qs(urlparse(href).query)
        page.screenshot(path=artifacts / "embed-map-click.png")
    finally:
        context.close()


def swipe(context: BrowserContext, page: Page, x: float, y: float) -> float:
    """Drag a finger 300 px up from (x, y) as a touch screen does; how far the page scrolled."""
    before = page.evaluate(SCROLLED)
    cdp = context.new_cdp_session(page)
    touch = {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
    cdp.send("Input.dispatchTouchEvent", touch)
    for step in range(1, 16):
        touch = {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 20 * step}]}
        cdp.send("Input.dispatchTouchEvent", touch)
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(600)  # the fling ends
    return page.evaluate(SCROLLED) - before


@pytest.mark.parametrize(
    ("name", "on_chart"), [("timeline", False), ("timeline", True), ("map", True)]
)
def test_a_swipe_on_a_phone_scrolls_the_page_even_when_it_starts_on_a_chart(
    browser: Browser, app_url, record_property, name, on_chart
):
    context, page = opened(browser, "phone", address(app_url, name))
    try:
        if on_chart:
            box = page.locator(f"{MAIN} .js-plotly-plot").first.bounding_box()
            top, bottom = max(box["y"], 0), min(box["y"] + box["height"], 844)
            start = (box["x"] + box["width"] / 2, (top + bottom) / 2)
        else:  # the control: the title, so that the swipe is known to scroll at all
            box = page.locator(f"{MAIN} h1").bounding_box()
            start = (box["x"] + 10, box["y"] + box["height"] / 2)
        assert page.evaluate(IN_CHART, start) == on_chart, f"{start} on a chart: {not on_chart}"
        scrolled = swipe(context, page, *start)
        record_property("scrolled", scrolled)
        assert scrolled >= 100, f"{name}: a swipe from {start} scrolled {scrolled} px"
    finally:
        context.close()


def test_a_wide_screen_keeps_the_timelines_controls_inline(browser: Browser, app_url):
    context = browser.new_context(**WIDE)
    page = context.new_page()
    try:
        page.goto(address(app_url, "timeline"))
        settle(page)
        expect(page.locator(ROUTED)).to_be_visible()
        english = i18n.catalogue("en")
        expect(page.locator(f'{MAIN} [data-testid="stMultiSelect"]').first).to_be_visible()
        expect(page.get_by_role("combobox", name=english["filter.alliance"])).to_be_visible()
        summaries = page.locator(f'{MAIN} [data-testid="stExpander"] summary')
        assert english["filters.title"] not in summaries.all_inner_texts()
        assert page.locator(f'{MAIN} [data-testid="stMultiSelect"]').count() >= 2
    finally:
        context.close()


def runs_while_opening(browser: Browser, options: dict, url: str) -> int:
    """How many times the server ran the page while a new session opened `url`: the script-
    finished messages it sent over the websocket, read with Streamlit's own protobuf."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished: list[str] = []

    def listen(socket) -> None:
        def read(payload) -> None:
            if isinstance(payload, bytes | bytearray):
                message = ForwardMsg.FromString(bytes(payload))
                if message.WhichOneof("type") == "script_finished":
                    finished.append(message.script_finished)

        socket.on("framereceived", read)

    context = browser.new_context(**options)
    page = context.new_page()
    page.on("websocket", listen)
    try:
        page.goto(url)
        settle(page)
        page.wait_for_timeout(1000)  # room for a second run, had the page asked for one
        return len(finished)
    finally:
        context.close()


@pytest.mark.parametrize("size", ["phone", "embed", "wide"])
def test_framing_the_map_costs_no_second_run(browser: Browser, app_url, size):
    options, extra = SIZES.get(size, (WIDE, {}))
    url = address(app_url, "map", date="1985-06-01", **extra)
    assert runs_while_opening(browser, options, url) == 1


def test_the_year_by_year_map_s_slider_is_dragged_by_a_finger(browser: Browser, app_url):
    context, page = opened(browser, "phone", address(app_url, "map", view="years"))
    try:
        slider = page.locator(f"{MAIN} .js-plotly-plot .slider-container")
        slider.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        rail = page.locator(f"{MAIN} .js-plotly-plot .slider-rail-rect").bounding_box()
        shown = page.locator(
            f"{MAIN} .js-plotly-plot .slider-container text.slider-label"
        ).first  # "Year 1945"
        before = shown.text_content()
        cdp = context.new_cdp_session(page)
        y, x = rail["y"] + rail["height"] / 2, rail["x"] + 8
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for step in range(1, 16):
            point = {"x": x + step * rail["width"] / 20, "y": y}  # along the rail
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
            page.wait_for_timeout(16)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(800)
        after = shown.text_content()
        assert before != after, f"the slider still reads {after!r} after a drag along its rail"
    finally:
        context.close()
