"""Load and validation time of the shipped data and of synthetic folders 10x to 1000x larger."""

import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from alliance_atlas.loader import load
from alliance_atlas.problems import DataError
from bench.synth import build

SHIPPED = Path(__file__).resolve().parents[1] / "data"
SCALES = (1, 10, 100, 1000)


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
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
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
