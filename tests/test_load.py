"""Load: 20 sessions over the websocket rerun pages for a fixed time, with no error at all."""

import asyncio
import os
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from alliance_atlas.paths import ROOT
from tests.server import running

pytestmark = pytest.mark.server
SESSIONS = 20
SECONDS = float(os.environ.get("ATLAS_LOAD_SECONDS", "15"))  # longer runs: set it higher
REPORT = ROOT / "tests" / "artifacts" / "load.md"
# What the sessions ask for: every page, with dates, filters and languages that vary.
VIEWS = [
    ("", ""),
    ("timeline", "q={term}"),
    ("timeline", "alliance=csto&kind=summit"),
    ("map", "date={year}-06-01"),
    ("map", "date={year}-06-01&view=years"),
    ("members", "on={year}-01-01"),
    ("compare", ""),
    ("sources", ""),
    ("data", ""),
]
TERMS = ["Kazakhstan", "Armenia", "summit", "treaty", "Warsaw", "Belarus"]
THINK = (1.0, 3.0)  # seconds a visitor reads before the next click


@dataclass
class Tally:
    """What the sessions saw."""

    seconds: list[float] = field(default_factory=list)  # one per finished rerun
    views: list[str] = field(default_factory=list)  # the view each rerun asked for
    errors: list[str] = field(default_factory=list)  # exceptions shown, failed runs, lost sockets


async def visitor(base: str, seed: int, until: float, tally: Tally) -> None:
    """One session: rerun a random view, wait for the run to finish, again until `until`."""
    rng = random.Random(seed)
    url = base.replace("http", "ws", 1) + "/_stcore/stream"
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as socket:
            while time.monotonic() < until:
                page, query = rng.choice(VIEWS)
                message = BackMsg()
                message.rerun_script.page_name = page
                message.rerun_script.query_string = query.format(
                    term=rng.choice(TERMS), year=rng.randrange(1950, 2026)
                )
                started = time.monotonic()
                await socket.send(message.SerializeToString())
                await finished(socket, f"{page}?{message.rerun_script.query_string}", tally)
                tally.seconds.append(time.monotonic() - started)
                tally.views.append(f"/{page}?{message.rerun_script.query_string}")
                await asyncio.sleep(rng.uniform(*THINK))
    except (OSError, websockets.WebSocketException) as error:
        tally.errors.append(f"session {seed}: {error!r}")


async def finished(socket, view: str, tally: Tally) -> None:
    """Read messages until the run has finished; note any exception the page shows."""
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=60))
        kind = reply.WhichOneof("type")
        if kind == "delta" and reply.delta.new_element.WhichOneof("type") == "exception":
            tally.errors.append(f"{view}: {reply.delta.new_element.exception.message}")
        if kind == "script_finished":
            if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                tally.errors.append(f"{view}: the script did not compile")
            return


def test_twenty_sessions_rerun_pages_without_a_single_error():
    tally = Tally()
    with running() as server:

        async def crowd() -> None:
            await visitor(server.base, -1, time.monotonic() + 10, Tally())  # build the caches
            until = time.monotonic() + SECONDS
            await asyncio.gather(*(visitor(server.base, s, until, tally) for s in range(SESSIONS)))

        # A thread of its own: the browser tests' Playwright keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, crowd()).result()
    assert tally.errors == []
    assert len(tally.seconds) >= SESSIONS, "fewer reruns than sessions: the load never ran"
    p95 = statistics.quantiles(tally.seconds, n=20)[-1]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        f"# Load test\n\n{SESSIONS} sessions for {SECONDS:.0f} s over the websocket, each "
        f"reading {THINK[0]:.0f} to {THINK[1]:.0f} s between clicks, on a warm server: "
        f"{len(tally.seconds)} reruns, 0 errors; rerun latency median "
        f"{statistics.median(tally.seconds) * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms.\n"
        "\nThe slowest reruns:\n\n"
        + "".join(
            f"- {seconds * 1000:.0f} ms: `{view}`\n"
            for seconds, view in sorted(zip(tally.seconds, tally.views, strict=True))[-5:]
        ),
        encoding="utf-8",
    )
    print(REPORT.read_text(encoding="utf-8"))
