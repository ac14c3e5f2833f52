"""Load and validation time of the shipped data and of synthetic folders 10x to 1000x larger."""

import contextlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from alliance_atlas.limits import FILE, FOLDER
from alliance_atlas.loader import load
from alliance_atlas.problems import DataError
from bench.synth import build

SHIPPED = Path(__file__).resolve().parents[1] / "data"
SCALES = (1, 10, 100, 1000)
# The synthetic folders are far over the size limits (100x holds 87 MB, 1000x 870 MB): this
# benchmark measures loading itself, so it raises the limits, for its own process only.
RAISED = {FILE.variable: "1000000", FOLDER.variable: "1000000"}


@contextlib.contextmanager
def raised_limits():
    """The size limits raised out of the way while the block runs, then as they were."""
    before = {name: os.environ.get(name) for name in RAISED}
    os.environ.update(RAISED)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def timed_load(folder: Path, repeats: int) -> tuple[float, int]:
    """Median seconds of `load(folder)`, and the number of records; fails loudly on problems."""
    times, records = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            dataset = load(folder)
        except DataError as error:
            shown = "\n".join(str(p) for p in error.problems[:20])
            sys.exit(
                f"synthetic data in {folder} do not validate ({len(error.problems)}):\n{shown}"
            )
        times.append(time.perf_counter() - start)
        records = sum(dataset.counts().values())
        del dataset
    return statistics.median(times), records


def measure(scales: tuple[int, ...] = SCALES) -> list[dict]:
    """One row per scale: records, seconds to build, seconds to load, peak RSS so far."""
    timed_load(SHIPPED, 1)  # imports and first-call costs, not counted
    rows = []
    with raised_limits(), tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        for scale in scales:
            started = time.perf_counter()
            folder = SHIPPED if scale == 1 else build(SHIPPED, Path(tmp) / f"x{scale}", scale)
            built = time.perf_counter() - started
            seconds, records = timed_load(folder, 3 if scale <= 100 else 1)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rows.append(
                {
                    "scale": scale,
                    "records": records,
                    "build_s": built,
                    "load_s": seconds,
                    "peak_rss_mb": peak,
                }
            )
            print(f"scale {scale}x: {records} records, load {seconds:.2f} s", file=sys.stderr)
    return rows


if __name__ == "__main__":
    print(json.dumps(measure(tuple(int(a) for a in sys.argv[1:]) or SCALES)))
