"""Every page runs under AppTest without an exception, and a real server serves the app."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas.paths import ROOT

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def test_there_are_pages_to_run():
    assert PAGES


@pytest.mark.app
@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_without_an_exception(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(page).run()
    assert not at.exception
    assert at.title


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.server
def test_a_real_server_answers_health_and_serves_the_app():
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
    ]
    command += [f"--server.port={port}", "--server.address=127.0.0.1"]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as answer:
                    assert answer.read() == b"ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start within 60 s"
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as answer:
            assert b"<title>Streamlit</title>" in answer.read()
    finally:
        server.terminate()
        server.wait(timeout=20)
