"""Start nginx from deploy/nginx/ in front of app servers on loopback, and read what it logged."""

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alliance_atlas.paths import ROOT
from tests.server import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's: .ci/run installs it
TEMPLATE = ROOT / "deploy" / "nginx" / "atlas.conf.template"
# What the tests read back from nginx: who asked, with which cookie, and which replica answered.
LOG_FORMAT = "$remote_addr\\t$cookie_atlas_replica\\t$upstream_addr\\t$status\\t$request_uri"
# The rest of an nginx main configuration, which the official image brings with it.
MAIN = """
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    log_format atlas "{log_format}";
    access_log {folder}/access.log atlas;
    error_log {folder}/error.log info;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/atlas.conf;
}}
"""


@dataclass(frozen=True)
class Logged:
    """One request as nginx logged it."""

    client: str  # $remote_addr
    cookie: str  # the atlas_replica cookie the request carried, or "-"
    replicas: tuple[str, ...]  # every replica tried, the one that answered last
    status: int
    uri: str


@dataclass
class Proxy:
    """A running nginx: its base URL, process and log."""

    base: str
    process: subprocess.Popen
    folder: Path

    def log(self, until=lambda entries: True, timeout: float = 10) -> list[Logged]:
        """Every request logged so far, once `until(entries)` holds or `timeout` has passed
        (nginx logs a websocket when it closes, which may come a moment after the client's)."""
        deadline = time.monotonic() + timeout
        while not until(entries := self._read()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return entries

    def _read(self) -> list[Logged]:
        found = []
        for line in (self.folder / "access.log").read_text(encoding="utf-8").splitlines():
            client, cookie, upstream, status, uri = line.split("\t")
            found.append(Logged(client, cookie, tuple(upstream.split(", ")), int(status), uri))
        return found


def render(template: str, values: dict[str, str]) -> str:
    """The template with its ${ATLAS_*} names filled, as the official image's envsubst does."""
    return re.sub(r"\$\{(ATLAS_\w+)\}", lambda match: values[match[1]], template)


def replica_named(replicas, cookie: str) -> str:
    """The replica a value of the affinity cookie names: "1" is ATLAS_REPLICA_1, the first of
    `replicas` in the order `running` was given them (sorted, in the tests)."""
    return sorted(replicas)[int(cookie) - 1]


def available() -> bool:
    """Whether nginx is installed here."""
    return Path(NGINX).exists()


@contextlib.contextmanager
def running(replicas: list[str], timeout: float = 20) -> Iterator[Proxy]:
    """nginx with the shipped template in front of `replicas` (each host:port), always stopped."""
    port = free_port()
    values = {f"ATLAS_REPLICA_{i}": replica for i, replica in enumerate(replicas, 1)}
    values["ATLAS_LISTEN_PORT"] = f"127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="atlas-nginx-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)  # run as root, nginx's workers are `nobody`: they write here
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / name).mkdir(mode=0o777)
            os.chmod(folder / name, 0o777)
        conf = render(TEMPLATE.read_text(encoding="utf-8"), values)
        (folder / "atlas.conf").write_text(conf, encoding="utf-8")
        main = MAIN.format(folder=folder, log_format=LOG_FORMAT)
        (folder / "nginx.conf").write_text(main, encoding="utf-8")
        command = [NGINX, "-e", str(folder / "error.log"), "-p", str(folder)]
        process = subprocess.Popen([*command, "-c", str(folder / "nginx.conf")])
        proxy = Proxy(f"http://127.0.0.1:{port}", process, folder)
        try:
            _wait_listening(proxy, timeout)
            yield proxy
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_listening(proxy: Proxy, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{proxy.base}/_stcore/health", timeout=10) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if proxy.process.poll() is not None or time.monotonic() > deadline:
            error = (proxy.folder / "error.log").read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"nginx did not start in front of the replicas:\n{error[-2000:]}")
        time.sleep(0.05)
