"""Reruns after a widget change: time until the view changed and the run finished, and bytes."""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import browser as b

SEARCH = "Search titles and summaries"
TERMS = ["Kazakhstan", "Warsaw", "Armenia", "treaty", "Belarus", "summit"]
DATES = ["1985-06-01", "1995-06-01", "2005-06-01", "1960-06-01", "2015-06-01", "1975-06-01"]
POINTS = "document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length"
# Where the markers are drawn: changes even when two searches find as many events (10 for
# both "Kazakhstan" and "Warsaw" since the data of 29 November, which a count missed).
PLACES = """[...document.querySelectorAll('.js-plotly-plot .scatterlayer .point')]
  .map(p => p.getAttribute('transform')).join('|')"""
FILLS = """[...document.querySelectorAll('path.choroplethlocation')]
  .map(p => p.style.fill).join('|')"""


@dataclass
class Rerun:
    """One widget change."""

    changed_ms: float  # action to the drawn view changing
    finished_ms: float  # action to the script state back to notRunning
    ws_bytes: int  # websocket bytes received for the rerun
    maps_fetched: int  # static/maps files fetched during the rerun
    opened: list[str] = field(default_factory=list)  # watched files the server opened meanwhile


WATCH = None  # an OpenWatch; when set, each rerun records the watched files the server opens


def _measure(page: Page, received: b.Bytes, act, changed: str, before) -> Rerun:
    ws, maps = received.ws, len(received.maps)
    if WATCH:
        WATCH.drain()
    start = b.now(page)
    act()
    script = f"before => ({changed}) !== before && performance.now()"
    changed_at = float(page.wait_for_function(script, arg=before, polling=10).json_value())
    try:
        finished_at = b.finished_after(page, start, timeout=10_000)
    except PlaywrightTimeout:  # a run so short the page never showed "running"
        page.wait_for_selector(b.FINISHED)
        finished_at = max(changed_at, page.evaluate("window.__states.at(-1)[0]"))
    page.wait_for_timeout(400)  # let the last frame and response events reach us
    return Rerun(
        changed_at - start, finished_at - start, received.ws - ws, len(received.maps) - maps
    )


@contextlib.contextmanager
def _opened(browser: Browser, url: str) -> Iterator[tuple[Page, b.Bytes]]:
    """A fresh page at `url`, with the bytes it receives counted; its context closed on exit."""
    context = b.new_context(browser)
    try:
        page = context.new_page()
        received = b.Bytes(page)
        page.goto(url, wait_until="commit")
        yield page, received
    finally:
        context.close()


def timeline_filter(browser: Browser, base: str, reps: int) -> list[Rerun]:
    """Type a search term and press Enter; the view changed when the markers are drawn elsewhere."""
    with _opened(browser, f"{base}/timeline") as (page, received):
        b.wait_drawn(page, True, 1)
        page.wait_for_function(f"() => {POINTS} > 50")
        box = page.get_by_label(SEARCH)
        reruns = []
        for term in TERMS[:reps]:
            box.fill(term)
            before = page.evaluate(PLACES)
            reruns.append(_measure(page, received, lambda: box.press("Enter"), PLACES, before))
        return reruns


def map_date(browser: Browser, base: str, reps: int) -> list[Rerun]:
    """Type another date into the map's date field and click away; changed when the fills change."""
    with _opened(browser, f"{base}/map?date=2024-06-01") as (page, received):
        b.wait_drawn(page, True, 1, ("path.choroplethlocation",))
        year = page.locator('[aria-label="Date"] [data-type="year"]').first
        title = page.locator("h1").first
        reruns = []
        for day in DATES[:reps]:
            year.focus()  # the field commits when it loses focus to a click elsewhere
            page.keyboard.type(day.replace("-", ""))
            before = page.evaluate(FILLS)
            reruns.append(_measure(page, received, lambda: title.click(), FILLS, before))
        return reruns


def baseline_checkbox(browser: Browser, base: str, reps: int, plots: int = 0) -> list[Rerun]:
    """Tick and untick the checkbox of the baseline (the view changed with the box) or of the
    Plotly floor (the view changed when the chart has redrawn with another number of points)."""
    with _opened(browser, base) as (page, received):
        b.wait_drawn(page, False, plots, ("h1", "input[type=checkbox]"))
        box = page.locator("[data-testid=stCheckbox] label")  # the input itself ignores a 2nd click
        state = (
            POINTS if plots else "String(document.querySelector('input[type=checkbox]')?.checked)"
        )
        reruns = []
        for _ in range(reps):
            before = page.evaluate(state)
            reruns.append(_measure(page, received, lambda: box.click(), state, before))
        return reruns
