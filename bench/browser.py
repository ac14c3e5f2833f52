"""Chromium as the tests launch it, and in-page waits that return when the view was drawn."""

import contextlib
from collections.abc import Iterator

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.server import CHROMIUM, CHROMIUM_FLAGS

TIMEOUT = 120_000
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ROUTED = '[data-testid="stSidebarNav"]'
VIEWPORT = {"width": 1400, "height": 1000}

# Every change of the script state, with its time, kept in window.__states.
STATE_LOG = """
window.__states = [];
const __push = state => {
  const log = window.__states;
  if (state && (!log.length || log[log.length - 1][1] !== state)) log.push([performance.now(), state]);
};
new MutationObserver(records => {
  // A fast rerun can flip running -> notRunning before we are called: replay every value.
  const changes = records.filter(r => r.attributeName === 'data-test-script-state');
  changes.slice(1).forEach(r => __push(r.oldValue));
  const app = document.querySelector('[data-testid="stApp"]');
  __push(app && app.getAttribute('data-test-script-state'));
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""

# True once the run has finished, the router has drawn the sidebar, and every plot has drawn.
DRAWN = """([finished, nav, routed, plots, extra]) => {
  if (!document.querySelector(finished)) return false;
  if (routed && !document.querySelector(nav)) return false;
  const all = [...document.querySelectorAll('.js-plotly-plot')];
  if (all.length < plots || !all.every(p => p.querySelector('.main-svg'))) return false;
  if (!extra.every(s => document.querySelector(s))) return false;
  return performance.now();
}"""


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium with the tests' flags, closed on exit."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser) -> BrowserContext:
    """A fresh context (no cache, no cookies) that logs script-state changes."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT)
    context.add_init_script(STATE_LOG)
    return context


def wait_drawn(page: Page, routed: bool, plots: int = 0, extra: tuple[str, ...] = ()) -> float:
    """Wait until the view is drawn; the page's clock (ms since navigation) at that moment."""
    arg = [FINISHED, ROUTED, routed, plots, list(extra)]
    handle = page.wait_for_function(DRAWN, arg=arg, polling=10, timeout=TIMEOUT)
    return float(handle.json_value())


def now(page: Page) -> float:
    """The page's clock, in ms."""
    return float(page.evaluate("performance.now()"))


def finished_after(page: Page, start: float, timeout: float = TIMEOUT) -> float:
    """Wait for a run that started after `start` (page clock) to finish; when it finished."""
    script = """start => {
      const log = window.__states, i = log.findIndex(([t, s]) => t >= start && s === 'running');
      if (i < 0) return false;
      const done = log.slice(i).find(([t, s]) => s === 'notRunning');
      return done ? done[0] : false;
    }"""
    return float(
        page.wait_for_function(script, arg=start, polling=10, timeout=timeout).json_value()
    )


class Bytes:
    """Bytes received over the page's websockets, and the static map files it fetched."""

    def __init__(self, page: Page):
        self.ws = 0
        self.maps: list[tuple[str, int]] = []
        page.on("websocket", self._socket)
        page.on("response", self._response)

    def _socket(self, socket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        self.ws += len(payload.encode() if isinstance(payload, str) else payload)

    def _response(self, response) -> None:
        if "/app/static/maps/" in response.url:
            with contextlib.suppress(Exception):
                self.maps.append((response.url.rsplit("/", 1)[-1], len(response.body())))
