"""Start a real Streamlit server on a free port, and launch Chromium, the way tests and bench do."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alliance_atlas.paths import ROOT

APP = ROOT / "app.py"
SERVE_ENVIRONMENT = {"MALLOC_ARENA_MAX": "2"}  # as `make run` and the image serve the app
CHROMIUM = Path("/usr/bin/chromium")  # Debian's: Playwright cannot download its own here
# Without the background-networking flags Chromium keeps calling out and being refused.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running server: its base URL, its process, and when it was launched and answered."""

    base: str
    process: subprocess.Popen
    launched: float  # time.perf_counter() just before the process started
    healthy: float  # time.perf_counter() when /_stcore/health first answered "ok"


def launch(
    script: Path = APP, port: int | None = None, timeout: float = 90, options: tuple[str, ...] = ()
) -> Server:
    """Start `python -m streamlit run script` (with Streamlit's command-line `options`) from the
    project root and wait until it is healthy; the caller stops it with `stop`."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), *options]
    command += ["--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1"]
    launched = time.perf_counter()
    environment = {**os.environ, **SERVE_ENVIRONMENT}
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        return Server(base, process, launched, _wait_healthy(base, process, timeout))
    except BaseException:
        _end(process)
        raise


def stop(server: Server) -> None:
    """Stop the server as an operator would (SIGTERM), or kill it after 20 s."""
    _end(server.process)


@contextlib.contextmanager
def running(script: Path = APP, timeout: float = 90) -> Iterator[Server]:
    """A fresh server on a free port, always stopped on exit."""
    server = launch(script, timeout=timeout)
    try:
        yield server
    finally:
        stop(server)


def _end(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return time.perf_counter()
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the Streamlit server at {base} did not start")
        time.sleep(0.02)


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
