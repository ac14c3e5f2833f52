"""The app's and the baseline's servers, from the tests' launcher, and their resident memory."""

from tests.server import APP, ROOT, rss_mb, running

BASELINE = ROOT / "bench" / "baseline_app.py"
PLOTLY_FLOOR = ROOT / "bench" / "plotly_floor_app.py"
__all__ = ["APP", "BASELINE", "PLOTLY_FLOOR", "ROOT", "rss_mb", "running"]
