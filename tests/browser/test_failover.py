"""In Chromium behind the shipped nginx config: the replica serving a reader is killed, and the
page comes back through the survivor showing the same view, because the view lives in the URL."""

import os
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests import proxy, server
from tests.browser.test_pages import FINISHED, SETTLED, open_page

pytestmark = pytest.mark.browser
# Filters, a date, an event and a language: the whole view is in the link.
VIEW = "/timeline?alliance=csto&from=2000-01-01&event=csto-2022-01-kazakhstan-deployment&lang=fr"
SHOWN = '[data-testid="stMain"], [data-testid="stSidebarUserContent"]'
STATUS = '[data-testid="stStatusWidget"]'  # Streamlit's sign, top right, while it reconnects


def shown_text(page) -> str:
    """Every word of the page and its sidebar, in order."""
    return "\n".join(page.locator(SHOWN).all_inner_texts())


def watch_signs(page, until, artifacts) -> list[tuple[float, str]]:
    """What Streamlit's status sign says, each change with its time, until `until()` or 30 s;
    a screenshot of the first sign shown."""
    started, signs = time.perf_counter(), []
    while not until() and time.perf_counter() - started < 30:
        status = page.locator(STATUS)
        sign = status.first.inner_text() if status.count() else ""
        if sign and not any(seen for _, seen in signs):
            page.screenshot(path=artifacts / "failover-reconnecting.png")
        if page.locator('[role="dialog"]').count():
            sign += " (a dialog)"
        if not signs or signs[-1][1] != sign:
            signs.append((time.perf_counter() - started, sign))
        page.wait_for_timeout(20)
    return signs


def test_a_reader_whose_replica_dies_gets_the_same_view_from_the_survivor(
    browser: Browser, artifacts
):
    if not proxy.available():
        pytest.fail("the failover test needs Debian's nginx: `bash .ci/run` installs it")
    replicas: list[server.Server] = []
    try:
        for _ in range(2):  # one by one: the first is stopped if the second fails
            replicas.append(server.launch())
        addresses = sorted(r.base.removeprefix("http://") for r in replicas)
        with proxy.running(addresses) as nginx:
            context = browser.new_context()
            page = context.new_page()
            open_page(page, nginx.base + VIEW)
            before, url = shown_text(page), page.url
            cookie = {c["name"]: c["value"] for c in context.cookies()}["atlas_replica"]
            serving = proxy.replica_named(addresses, cookie)
            victim = next(r for r in replicas if r.base.endswith(serving))

            opened: list[float] = []  # when the page opened a websocket
            finished: list[float] = []  # when a run's end reached the page

            def watch(socket: WebSocket) -> None:
                opened.append(time.perf_counter())

                def frame(payload: bytes | str) -> None:
                    message = ForwardMsg()
                    if isinstance(payload, bytes):
                        message.ParseFromString(payload)
                    if message.WhichOneof("type") == "script_finished":
                        finished.append(time.perf_counter())

                socket.on("framereceived", frame)

            page.on("websocket", watch)
            killed = time.perf_counter()
            victim.process.kill()  # SIGKILL: no goodbye to the browser
            signs = watch_signs(page, until=lambda: bool(opened), artifacts=artifacts)
            assert opened, "the page never reconnected after its replica died"
            page.wait_for_timeout(1000)
            # Streamlit 1.67 reconnects an idle page without running it again: the reader's
            # next action runs on the survivor. Here it is R, Streamlit's "rerun" key.
            pressed = time.perf_counter()
            page.keyboard.press("r")
            deadline = time.perf_counter() + 60
            while not finished and time.perf_counter() < deadline:
                page.wait_for_timeout(50)
            assert finished, "the survivor never ran the page"
            page.wait_for_selector(FINISHED, timeout=60_000)
            page.wait_for_function(SETTLED, timeout=60_000)
            drawn = time.perf_counter()
            page.wait_for_timeout(500)
            page.screenshot(path=artifacts / "failover-after.png")
            after = shown_text(page)
            dialogs = page.locator('[role="dialog"]').count()
            moved = {c["name"]: c["value"] for c in context.cookies()}["atlas_replica"]
            context.close()
    finally:
        for replica in replicas:
            server.stop(replica)
    assert page.url == url
    assert dialogs == 0, "the reader was shown a dialog (a connection error?)"
    assert not any("dialog" in sign for _, sign in signs), f"a dialog while reconnecting: {signs}"
    assert after == before, "the view came back different"
    assert moved != cookie, "the cookie still names the dead replica"
    report = artifacts / "failover.md"
    report.write_text(
        "# A replica killed under a reader\n\n"
        f"Chromium on `{urlparse(url).path}?{urlparse(url).query}` through nginx; the replica "
        "serving it killed (SIGKILL).\n\n"
        f"- The page opened a new websocket through the proxy {opened[0] - killed:.1f} s "
        "after the kill. Meanwhile it kept showing the last view; Streamlit's status sign read: "
        + "; ".join(f"{at:.1f} s: {sign or '(nothing)'!r}" for at, sign in signs)
        + ". No dialog, no error.\n"
        "- Streamlit 1.67 does not run an idle page again when it reconnects: the view stays "
        "on screen, and the reader's next action runs on the survivor. Pressed R (rerun) "
        f"{pressed - killed:.1f} s after the kill, the survivor's run reached the page after "
        f"{finished[0] - pressed:.1f} s and was drawn, charts included, after "
        f"{drawn - pressed:.1f} s, with the same address and the same words in page and "
        "sidebar.\n",
        encoding="utf-8",
    )
    print(report.read_text(encoding="utf-8"), os.linesep)
