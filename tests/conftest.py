"""Shared fixtures: paths to the test data and a builder of broken data folders."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from alliance_atlas.loader import load
from alliance_atlas.paths import ROOT, SHIPPED_DATA_DIR

FIXTURES = ROOT / "tests" / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"


def build_case(case: Path, target: Path) -> Path:
    """A copy of the good folder with the case's files laid over it.

    `name.append` adds its lines to the good file, `name.delete` removes the file,
    and any other file replaces the good one.
    """
    shutil.copytree(GOOD, target)
    for path in sorted(p for p in case.rglob("*") if p.is_file() and p.name != "expected.txt"):
        relative = path.relative_to(case)
        if path.suffix == ".append":
            destination = target / relative.with_suffix("")
            with destination.open("ab") as out:
                out.write(path.read_bytes())
        elif path.suffix == ".delete":
            (target / relative.with_suffix("")).unlink()
        else:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
    return target


@pytest.fixture
def good_dir() -> Path:
    return GOOD


@pytest.fixture(scope="session")
def real_ds():
    """The shipped data, loaded once."""
    return load(SHIPPED_DATA_DIR)


# Fuzzing: a bounded run in `make test`; HYPOTHESIS_PROFILE=long for a longer one.
settings.register_profile("default", max_examples=60, deadline=5_000)
settings.register_profile("long", max_examples=3_000, deadline=5_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
