"""Soak: readers come and go for a minute (longer with ATLAS_SOAK_SECONDS), cycling pages,
languages, dates and filters, and the server's memory levels off."""

import os

import pytest

from alliance_atlas.paths import ROOT
from tests import soak

pytestmark = pytest.mark.server
SECONDS = float(os.environ.get("ATLAS_SOAK_SECONDS", "60"))
REPORT = ROOT / "tests" / "artifacts" / "soak.md"


def test_memory_levels_off_while_readers_come_and_go():
    found = soak.run(SECONDS)
    assert found.sessions > soak.READERS and len(found.judged()) > 8, "the soak never ran"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(f"# Soak\n\n{found.summary()}\n", encoding="utf-8")
    print(found.summary())
    assert found.errors == []
    assert found.levelled(), (
        f"memory still grows: {found.slope():+.1f} MiB/min after the warm-up (allowed {found.allowed_slope():.0f})"
    )
