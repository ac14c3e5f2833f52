"""Resident memory of a fresh app server: idle, with 1 session, with 20 concurrent sessions."""

from playwright.sync_api import Browser

from bench import browser as b
from bench import servers

# 20 views, each different, so that the server caches differ somewhat.
CONCURRENT = [
    *(f"/map?date={year}-06-01" for year in (1955, 1970, 1985, 1992, 2000, 2010)),
    "/timeline",
    "/timeline?q=Kazakhstan",
    "/timeline?alliance=nato",
    "/timeline?alliance=csto&kind=intervention",
    "/members",
    "/members?alliance=nato",
    "/members?on=1990-01-01",
    "/compare",
    "/sources",
    "/",
    "/map?date=2024-06-01",
    "/timeline?q=treaty",
    "/members?alliance=csto",
    "/map?date=1999-04-01",
]
PER_CONTEXT = 5


def measure(browser: Browser) -> dict[str, float]:
    """RSS in MiB of the server process tree at each stage."""
    found = {}
    with servers.running() as server:
        found["idle"] = servers.rss_mb(server)
        first = b.new_context(browser)
        page = first.new_page()
        page.goto(server.base + "/", wait_until="commit")
        b.wait_drawn(page, True)
        page.wait_for_timeout(1000)
        found["1 session"] = servers.rss_mb(server)
        first.close()
        contexts = [b.new_context(browser) for _ in range(len(CONCURRENT) // PER_CONTEXT)]
        pages = []
        for i, path in enumerate(CONCURRENT):
            page = contexts[i // PER_CONTEXT].new_page()
            page.goto(server.base + path, wait_until="commit")
            pages.append((path, page))
        for path, page in pages:
            b.wait_drawn(page, True, 0, ("path.choroplethlocation",) if "map" in path else ())
        pages[0][1].wait_for_timeout(2000)
        found["20 sessions"] = max(servers.rss_mb(server) for _ in range(3))
        for context in contexts:
            context.close()
    return found
