"""A soak: readers come and go on one server, cycling pages, languages, dates and filters, while
the server's resident memory is sampled; shared by tests/test_soak.py and the benchmark."""

import asyncio
import itertools
import statistics
import time
from dataclasses import dataclass, field

import websockets

from tests.server import launch, rss_mb, stop
from tests.visits import VIEWS, finished, in_thread, rerun

READERS = 8  # at once; each reads a few views, leaves, and a new reader takes its place
VIEWS_PER_READER = 5
SAMPLES_PER_SECOND = 4
# A closed session is kept 120 s (Streamlit's default) for its reader to come back. The soak
# keeps it 5 s, so that a minute holds many sessions' whole lives and the plateau shows.
OPTIONS = ("--server.disconnectedSessionTTL=5",)
# The first third of the soak is not judged: memory climbs while the sessions kept after
# leaving build up and the allocator finds its size. Then, levelled off: the least-squares slope
# of the judged samples is no more than one allocator step can explain, plus a little. Resident
# memory rises in steps of up to STEP MiB now and then (seen here at random times, also with
# MALLOC_ARENA_MAX=2, less often; 20 minutes went from 281 to 297 MiB in such steps and ended at
# +0.7 MiB/min), and a least-squares line reads a step in the middle of a window of m minutes as
# 1.5 * STEP / m MiB/min. So 60 s (40 judged) allows 55 MiB/min: a leak of 50 kB per run, put
# into app.py by hand (about 20 runs a second here), read +70 MiB/min and failed. Smaller leaks
# need longer soaks (ATLAS_SOAK_SECONDS; make bench runs 5 minutes, which allows 19 MiB/min).
STEP = 20  # MiB
SLOPE_BEYOND_A_STEP = 10  # MiB/min
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

    def judged(self) -> list[tuple[float, float]]:
        """The samples after the first third, when the memory should have found its level."""
        return [(at, mib) for at, mib in self.samples if at >= self.seconds / 3]

    def quarter(self, n: int) -> float:
        """Median MiB of the n-th quarter (1 to 4) of the judged samples."""
        judged = self.judged()
        size = len(judged) // 4
        return statistics.median(mib for _, mib in judged[(n - 1) * size : n * size])

    def allowed_slope(self) -> float:
        """The most MiB/min the judged samples may rise: one allocator step, and a little."""
        judged_minutes = self.seconds * 2 / 3 / 60
        return 1.5 * STEP / judged_minutes + SLOPE_BEYOND_A_STEP

    def levelled(self) -> bool:
        """Whether memory has levelled off: the judged samples' slope within what is allowed."""
        return self.slope() <= self.allowed_slope()

    def slope(self) -> float:
        """MiB per minute over the judged samples, by least squares."""
        seconds, mib = zip(*self.judged(), strict=True)
        return statistics.linear_regression(seconds, mib).slope * 60

    def summary(self) -> str:
        """One paragraph for a report."""
        return (
            f"{READERS} readers at a time for {self.seconds:.0f} s, each reading "
            f"{VIEWS_PER_READER} of {len(ASKED)} views (every page; dates, filters, both "
            f"languages) and leaving: {self.sessions:,} sessions, {self.runs:,} runs, "
            f"{len(self.errors)} errors. Resident memory: {self.idle:.0f} MiB idle, "
            f"{self.samples[0][1]:.0f} MiB as the readers came, {self.samples[-1][1]:.0f} MiB at "
            f"the end; over the last two thirds, medians of each quarter "
            + ", ".join(f"{self.quarter(n):.0f}" for n in range(1, 5))
            + f" MiB and a slope of {self.slope():+.1f} MiB/min (allowed: "
            f"{self.allowed_slope():.0f})."
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
        in_thread(go())
        return soak
    finally:
        stop(server)
