"""Browser fixtures: one real server per session, and Debian's Chromium, which works offline."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from alliance_atlas.paths import ROOT
from tests.needs import missing
from tests.server import CHROMIUM, CHROMIUM_FLAGS, running

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        why = (
            f"the browser tests need Debian's Chromium at {CHROMIUM}: run "
            "`apt-get install chromium` as root, or `bash .ci/run`, which installs it"
        )
        missing(why)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running() as server:
        yield server.base


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
