"""A soak: readers come and go on one server, cycling pages, languages, dates and filters, while
the server's resident memory is sampled; shared by tests/test_soak.py and the benchmark."""

import asyncio
import itertools
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import websockets

from tests.server import launch, rss_mb, stop
from tests.visits import VIEWS, finished, rerun

READERS = 8  # at once; each reads a few views, leaves, and a new reader takes its place
VIEWS_PER_READER = 5
SAMPLES_PER_SECOND = 4
# A closed session is kept 120 s (Streamlit's default) for its reader to come back. The soak
# keeps it 5 s, so that a minute holds many sessions' whole lives and the plateau shows.
OPTIONS = ("--server.disconnectedSessionTTL=5",)
# Levelled off: the last quarter's median is at most this far above the third's. Between the
# last two quarters of a steady server: 0 to 3 MiB in 60 s runs, under 10 MiB in a 180 s run.
# A leak of 50 kB per run, put into app.py by hand (about 23 runs a second here), gave +17 MiB
# in 60 s and failed; a longer soak (ATLAS_SOAK_SECONDS) finds smaller leaks.
ALLOWED_RISE = 12  # MiB
# Every view the soak asks for, each page with its dates, filters and languages: a fixed set,
# so that the caches fill in the warm-up and any later growth is the process's own.
ASKED = sorted(
    {
        (page, query.format(term=term, year=year))
        for page, query in VIEWS
        for term in ("Kazakhstan", "summit", "Warsaw")
        for year in (1955, 1972, 1991, 2004, 2022)
    }
)


@dataclass
class Soak:
    """What a soak saw: memory over time, the runs, and every exception shown."""

    seconds: float
    idle: float  # MiB before the first reader
    samples: list[tuple[float, float]] = field(default_factory=list)  # (s since start, MiB)
    runs: int = 0
    sessions: int = 0
    errors: list[str] = field(default_factory=list)

    def quarter(self, n: int) -> float:
        """Median MiB of the n-th quarter (1 to 4) of the samples."""
        size = len(self.samples) // 4
        return statistics.median(mib for _, mib in self.samples[(n - 1) * size : n * size])

    def rise(self) -> float:
        """MiB from the third quarter's median to the last's."""
        return self.quarter(4) - self.quarter(3)

    def levelled(self) -> bool:
        """Whether memory has levelled off: the last quarter no more than ALLOWED_RISE up."""
        return self.rise() <= ALLOWED_RISE

    def slope(self) -> float:
        """MiB per minute over the second half, by least squares: the growth after warm-up."""
        half = self.samples[len(self.samples) // 2 :]
        seconds, mib = zip(*half, strict=True)
        return statistics.linear_regression(seconds, mib).slope * 60

    def summary(self) -> str:
        """One paragraph for a report."""
        return (
            f"{READERS} readers at a time for {self.seconds:.0f} s, each reading "
            f"{VIEWS_PER_READER} of {len(ASKED)} views (every page; dates, filters, both "
            f"languages) and leaving: {self.sessions:,} sessions, {self.runs:,} runs, "
            f"{len(self.errors)} errors. Resident memory: {self.idle:.0f} MiB idle, "
            f"{self.samples[0][1]:.0f} MiB after the warm-up, {self.samples[-1][1]:.0f} MiB at "
            f"the end; medians of the four quarters "
            + ", ".join(f"{self.quarter(n):.0f}" for n in range(1, 5))
            + f" MiB; slope over the second half {self.slope():+.1f} MiB/min."
        )


async def _readers(base: str, views, until: float, soak: Soak, each: int) -> None:
    """Readers one after another, each reading `each` views, until `until` (one at least)."""
    url = base.replace("http", "ws", 1) + "/_stcore/stream"
    first = True
    while first or time.monotonic() < until:
        first = False
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as socket:
            soak.sessions += 1
            for page, query in itertools.islice(views, each):
                await socket.send(rerun(page, query))
                run = await finished(socket)
                soak.errors += [f"/{page}?{query}: {message}" for message in run.exceptions]
                soak.runs += 1


def run(seconds: float) -> Soak:
    """Soak a fresh server for `seconds` after a warm-up that asks for every view once."""
    server = launch(options=OPTIONS)
    try:
        soak = Soak(seconds, rss_mb(server))

        async def go() -> None:
            await _readers(server.base, iter(ASKED), 0, soak, len(ASKED))  # the warm-up
            started = time.monotonic()
            until = started + seconds

            async def sample() -> None:
                while time.monotonic() < until:
                    soak.samples.append((time.monotonic() - started, rss_mb(server)))
                    await asyncio.sleep(1 / SAMPLES_PER_SECOND)

            crowd = [
                _readers(server.base, cycle, until, soak, VIEWS_PER_READER) for _ in range(READERS)
            ]
            await asyncio.gather(sample(), *crowd)

        cycle = itertools.cycle(ASKED)
        # A thread of its own: the browser tests' Playwright keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, go()).result()
        return soak
    finally:
        stop(server)
