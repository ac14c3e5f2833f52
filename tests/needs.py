"""What a test needs from the machine: missing in CI, it fails the run; elsewhere, it skips."""

import os
from typing import NoReturn

import pytest


def missing(why: str) -> NoReturn:
    """Stop the test for want of a tool: a failure in CI (never a skip to green), a skip that
    says how to install it on a developer's machine."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)
