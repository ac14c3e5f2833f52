"""Cold start: from launching `streamlit run` until the first page is drawn in the browser."""

import time

from playwright.sync_api import Browser

from bench import browser as b
from bench import servers


def measure(browser: Browser, script, runs: int, plots: int = 0) -> list[tuple[float, float]]:
    """For each run, seconds from launch to a healthy server and to the first page drawn."""
    found = []
    baseline = script == servers.BASELINE
    for _ in range(runs):
        with servers.running(script) as server:
            context = b.new_context(browser)
            try:
                page = context.new_page()
                page.goto(server.base + "/", wait_until="commit")
                extra = ("h1",) if baseline else ()
                b.wait_drawn(page, not baseline, plots, extra)
                drawn = time.perf_counter()
            finally:
                context.close()
            found.append((server.healthy - server.launched, drawn - server.launched))
    return found
