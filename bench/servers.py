"""The app's and the baseline's servers, from the tests' launcher, and their resident memory."""

import contextlib
from pathlib import Path

from tests.server import APP, ROOT, Server, running

BASELINE = ROOT / "bench" / "baseline_app.py"
PLOTLY_FLOOR = ROOT / "bench" / "plotly_floor_app.py"
__all__ = ["APP", "BASELINE", "PLOTLY_FLOOR", "ROOT", "rss_mb", "running"]


def rss_mb(server: Server) -> float:
    """Resident memory of the server and every descendant process, in MiB."""
    return sum(_rss_kb(pid) for pid in _tree(server.process.pid)) / 1024


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants, read from /proc/<pid>/task/<tid>/children."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                stack.extend(int(child) for child in task.read_text().split())
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
