"""Run every measurement in order, print the table, and write bench/results.md."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import browser as b
from bench import coldstart, imports, interactions, machine, memory, report, servers, sessions
from bench.fileaccess import OpenWatch
from tests import soak

REPS = 5
SOAK_SECONDS = float(os.environ.get("ATLAS_SOAK_SECONDS", "300"))  # make test's soak is 60 s
RESULTS = Path(__file__).resolve().parent / "results.md"


def _browser_figures(browser) -> dict:
    found: dict = {}
    with servers.running(servers.BASELINE) as server:
        sessions.baseline_sessions(browser, server.base, 1)  # warm
        found["baseline_loads"] = sessions.baseline_sessions(browser, server.base, REPS)
        found["baseline_cached"] = sessions.baseline_cached(browser, server.base, REPS)
        found["baseline_reruns"] = interactions.baseline_checkbox(browser, server.base, REPS)
    with servers.running(servers.PLOTLY_FLOOR) as server:
        sessions.baseline_sessions(browser, server.base, 1, plots=1)  # warm
        found["floor_loads"] = sessions.baseline_sessions(browser, server.base, REPS, plots=1)
        found["floor_cached"] = sessions.baseline_cached(browser, server.base, REPS, plots=1)
        found["floor_reruns"] = interactions.baseline_checkbox(browser, server.base, REPS, 1)
    with servers.running() as server:
        found["plots"] = sessions.warm(browser, server.base)
        watch = OpenWatch([servers.ROOT / "data", servers.ROOT / "data" / "events",
                           servers.ROOT / "static" / "maps"])  # fmt: skip
        found["loads"] = sessions.new_sessions(browser, server.base, found["plots"], REPS)
        found["cached_loads"] = sessions.cached_sessions(browser, server.base, found["plots"], REPS)
        found["opened_on_loads"] = watch.drain()
        interactions.WATCH = watch
        found["timeline_reruns"] = interactions.timeline_filter(browser, server.base, REPS)
        found["map_reruns"] = interactions.map_date(browser, server.base, REPS)
        interactions.WATCH = None
        watch.close()
    found["import"] = imports.measure(browser, REPS)
    found["memory"] = memory.measure(browser)
    found["soak"] = soak.run(SOAK_SECONDS)
    found["cold_app"] = coldstart.measure(browser, servers.APP, 3, found["plots"]["overview"])
    found["cold_baseline"] = coldstart.measure(browser, servers.BASELINE, 3)
    found["chromium"] = browser.version
    return found


def main() -> int:
    """Measure, report, and return 0; any failure raises."""
    started = time.perf_counter()
    with b.chromium() as browser:
        found = _browser_figures(browser)
    print(f"browser figures done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    scale = subprocess.run(
        [sys.executable, "-m", "bench.scale"],
        cwd=servers.ROOT, check=True, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    found["scale"] = json.loads(scale.stdout)
    found["elapsed"] = time.perf_counter() - started
    text = report.render(found, machine.describe(found["chromium"]))
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
