"""In a real Chromium: pages render from a real server, and no request leaves the machine."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def open_page(page: Page, url: str) -> list[str]:
    """Open `url`, wait until the script has finished, and return every host the page asked."""
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname or ""))
    page.goto(url)
    page.wait_for_selector(FINISHED, timeout=30_000)
    return hosts


@pytest.mark.parametrize("path", ["/", "/overview"])
def test_the_overview_renders_from_the_root_and_from_a_deep_link(
    page: Page, app_url, path, artifacts
):
    hosts = open_page(page, app_url + path)
    expect(page.get_by_role("heading", name="Alliance Atlas")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.screenshot(path=artifacts / f"overview{path.replace('/', '-')}.png", full_page=True)
    assert hosts, "the page made no request at all"
    assert set(hosts) == {"127.0.0.1"}, f"requests left the machine: {set(hosts)}"
