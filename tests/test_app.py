"""Every page runs under AppTest without an exception, and a real server serves the app."""

import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas.navigation import PAGES
from alliance_atlas.paths import ROOT
from tests.server import running


def test_the_router_lists_every_page_script_and_no_other():
    scripts = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
    assert scripts
    assert sorted(page.script for page in PAGES) == scripts


@pytest.mark.app
@pytest.mark.parametrize("page", [page.script for page in PAGES])
def test_each_page_runs_without_an_exception(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(page).run()
    assert not at.exception
    assert at.title


@pytest.mark.server
def test_a_real_server_answers_health_and_serves_the_app():
    with running() as server:
        with urllib.request.urlopen(f"{server.base}/_stcore/health") as answer:
            assert answer.read() == b"ok"
        with urllib.request.urlopen(f"{server.base}/") as answer:
            assert b"<title>Streamlit</title>" in answer.read()
