"""The router's one workaround: a page that runs before app.py has routed it hands over to app.py.

Until `st.navigation` has run once in a server process, Streamlit takes a `pages/` folder
beside the entry point for its legacy multipage routing: on a server's first visit by deep
link (`/timeline`) it runs the page script alone, without app.py (no sidebar, no page
config). app.py marks the runs it routes; a page run without that mark runs app.py instead,
in the same run, so that nothing the visitor did (a button's click) is lost to a rerun.
This needs no Streamlit internals; tests/browser opens a deep link on a fresh server first.
"""

import contextlib
import contextvars
import runpy
from collections.abc import Iterator

import streamlit as st

from alliance_atlas.paths import ROOT

_ROUTED = contextvars.ContextVar("routed_by_app_py", default=False)


@contextlib.contextmanager
def routed() -> Iterator[None]:
    """Mark the page run inside as routed by app.py."""
    token = _ROUTED.set(True)
    try:
        yield
    finally:
        _ROUTED.reset(token)


def through_router() -> None:
    """Make sure app.py routes this run: called first by every page script."""
    if not _ROUTED.get():
        runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
        st.stop()
