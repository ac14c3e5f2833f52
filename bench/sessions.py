"""New-session page loads on a warm server: time to drawn, websocket bytes, static map files."""

import statistics
from dataclasses import dataclass, field

from playwright.sync_api import Browser

from alliance_atlas import navigation
from bench import browser as b

PAGES = {page.name: f"/{page.address}" for page in navigation.PAGES}
MAP_DRAWN = ("path.choroplethlocation",)
TITLE = ("h1",)


@dataclass
class Load:
    """One page opened in a new browser context."""

    ms: float  # navigation start to drawn, on the page's clock
    ws_bytes: int  # websocket bytes received until drawn (+ a short settle)
    maps: list[tuple[str, int]] = field(default_factory=list)  # static/maps files fetched


def extra_for(name: str) -> tuple[str, ...]:
    """Selectors that must be present, beyond the finished run and drawn plots."""
    return MAP_DRAWN if name == "map" else ()


def open_in(context, url: str, routed: bool, plots: int, extra: tuple[str, ...]) -> Load:
    """Open `url` in a new tab of `context` (a new session), wait until it is drawn, and count
    what it received."""
    page = context.new_page()
    try:
        received = b.Bytes(page)
        page.goto(url, wait_until="commit")
        ms = b.wait_drawn(page, routed, plots, extra)
        page.wait_for_timeout(400)  # let the last frame and response events reach us
        return Load(ms, received.ws, list(received.maps))
    finally:
        page.close()


def open_once(browser: Browser, url: str, routed: bool, plots: int, extra: tuple[str, ...]) -> Load:
    """Open `url` in a new context: a new session with an empty browser cache."""
    context = b.new_context(browser)
    try:
        return open_in(context, url, routed, plots, extra)
    finally:
        context.close()


def open_cached(
    browser: Browser, url: str, routed: bool, plots: int, extra: tuple[str, ...], reps: int
) -> list[Load]:
    """Open `url` once to fill the browser cache, then `reps` times in new tabs of the same
    context: new sessions of a returning visitor, whose browser has the scripts already."""
    context = b.new_context(browser)
    try:
        open_in(context, url, routed, plots, extra)
        return [open_in(context, url, routed, plots, extra) for _ in range(reps)]
    finally:
        context.close()


def warm(browser: Browser, base: str) -> dict[str, int]:
    """Open every page once, so caches are built; how many plots each page draws."""
    plots = {}
    for name, path in PAGES.items():
        context = b.new_context(browser)
        page = context.new_page()
        page.goto(base + path, wait_until="commit")
        b.wait_drawn(page, True, 0, extra_for(name))
        page.wait_for_timeout(3000)  # plots draw after the run has finished
        plots[name] = page.locator(".js-plotly-plot").count()
        b.wait_drawn(page, True, plots[name], extra_for(name))
        context.close()
    return plots


def new_sessions(
    browser: Browser, base: str, plots: dict[str, int], reps: int
) -> dict[str, list[Load]]:
    """Each page `reps` times, each time in a new context; the pages take turns."""
    loads: dict[str, list[Load]] = {name: [] for name in PAGES}
    for _ in range(reps):
        for name, path in PAGES.items():
            loads[name].append(open_once(browser, base + path, True, plots[name], extra_for(name)))
    return loads


def cached_sessions(
    browser: Browser, base: str, plots: dict[str, int], reps: int
) -> dict[str, list[Load]]:
    """Each page `reps` times as a new session in a browser whose cache is warm."""
    return {
        name: open_cached(browser, base + path, True, plots[name], extra_for(name), reps)
        for name, path in PAGES.items()
    }


def baseline_sessions(browser: Browser, base: str, reps: int, plots: int = 0) -> list[Load]:
    """A one-page app (the baseline, or the Plotly floor with its one plot) opened `reps` times,
    until its title and plots show and its run has finished."""
    return [open_once(browser, base + "/", False, plots, TITLE) for _ in range(reps)]


def baseline_cached(browser: Browser, base: str, reps: int, plots: int = 0) -> list[Load]:
    """The same, in new tabs of a browser whose cache is warm."""
    return open_cached(browser, base + "/", False, plots, TITLE, reps)


def median(values: list[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")
