"""The shipped nginx config in front of two replicas on loopback: sessions spread and stay put,
and a rolling restart under 20 sessions costs no reader an error page or their view."""

import asyncio
import http.client
import random
import socket
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
import websockets

from alliance_atlas.paths import ROOT
from tests import proxy, server
from tests.needs import missing
from tests.visits import THINK, Run, any_view, finished, in_thread, rerun

pytestmark = pytest.mark.server
REPORT = ROOT / "tests" / "artifacts" / "proxy.md"
RECONNECT_SECONDS = 60  # a browser keeps trying; a reader gone this long counts as an error


@pytest.fixture(scope="module")
def replicas():
    if not proxy.available():
        why = "the proxy tests need Debian's nginx: `apt-get install nginx`, or `bash .ci/run`"
        missing(why)
    started: list[server.Server] = []
    try:
        for _ in range(2):  # one by one: the first is stopped if the second fails
            started.append(server.launch())
        yield started
    finally:
        for replica in started:
            server.stop(replica)


def address(replica: server.Server) -> str:
    """host:port of a replica, as the proxy config and nginx's log write it."""
    return replica.base.removeprefix("http://")


@dataclass
class Reader:
    """One reader's browser: its own loopback address, its cookies, the view in its URL, and
    what happened to it."""

    base: str  # the proxy
    client: str  # the loopback address the reader's requests come from
    rng: random.Random
    cookies: dict[str, str] = field(default_factory=dict)
    view: tuple[str, str] = ("", "")
    seen: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # each view's words
    runs: int = 0
    refused: int = 0  # websockets the proxy refused while the reader reconnected
    reconnects: list[float] = field(default_factory=list)  # seconds from loss to view drawn
    restored: int = 0  # reconnections that drew the view exactly as it was
    errors: list[str] = field(default_factory=list)

    def get(self, path: str) -> int:
        """GET `path` through the proxy, keeping the cookies it sets; the status."""
        host = urlparse(self.base)
        connection = http.client.HTTPConnection(
            host.hostname, host.port, timeout=30, source_address=(self.client, 0)
        )
        try:
            connection.request("GET", path, headers=self._cookie_header())
            answer = connection.getresponse()
            answer.read()
            for value in answer.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return answer.status
        finally:
            connection.close()

    def _cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    async def open(self, page: str = "", query: str = "") -> None:
        """Open a link, as a browser does: the page, then the health and config checks."""
        status = await asyncio.to_thread(self.get, f"/{page}?{query}" if query else f"/{page}")
        if status != 200:
            self.errors.append(f"{self.client}: /{page}?{query} answered {status}")
        self.view = (page, query)

    async def connect(self, deadline: float):
        """The session's websocket, as the browser (re)connects: once /_stcore/health answers,
        and again after a pause while the proxy refuses the socket."""
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        while True:
            if await asyncio.to_thread(self._health) == 200:
                await asyncio.to_thread(self.get, "/_stcore/host-config")
                try:
                    return await websockets.connect(
                        url,
                        subprotocols=["streamlit"],
                        max_size=None,
                        additional_headers=self._cookie_header(),
                        local_addr=(self.client, 0),
                    )
                except (websockets.InvalidStatus, OSError):
                    self.refused += 1
            if time.monotonic() > deadline:
                raise TimeoutError("no replica took the session's websocket")
            await asyncio.sleep(0.5)

    def _health(self) -> int:
        try:
            return self.get("/_stcore/health")
        except OSError:
            return 0

    async def show(self, socket, view: tuple[str, str]) -> Run:
        """Run `view` in the session, as a click or a reconnection does; the address bar follows
        what the page writes to it, and each address's words are kept."""
        await socket.send(rerun(*view))
        run = await finished(socket)
        self.runs += 1
        shown = f"{self.client}: /{view[0]}?{view[1]}"
        self.errors += [f"{shown}: {message}" for message in run.exceptions]
        self.view = (view[0], view[1] if run.query is None else run.query)
        self.seen.setdefault(self.view, run.words)
        return run

    async def read(self, until: float) -> None:
        """Click from view to view until `until`; when the socket is lost, reconnect and check
        that the view in the URL comes back exactly as it was."""
        await self.open()
        socket = await self.connect(time.monotonic() + RECONNECT_SECONDS)
        while time.monotonic() < until:
            view = any_view(self.rng)
            try:
                await self.show(socket, view)
                await asyncio.sleep(self.rng.uniform(*THINK))
            except (websockets.ConnectionClosed, OSError, TimeoutError):
                lost, address = time.monotonic(), self.view
                before = self.seen.get(address)
                try:
                    socket = await self.connect(lost + RECONNECT_SECONDS)
                    run = await self.show(socket, address)
                except (websockets.WebSocketException, OSError, TimeoutError) as error:
                    self.errors.append(f"{self.client}: no reconnection: {error!r}")
                    return
                self.reconnects.append(time.monotonic() - lost)
                if (run.words, self.view) == (before, address):
                    self.restored += 1
                else:
                    changed = next(iter(set(before or ()) ^ set(run.words)), "the address")
                    shown = f"/{address[0]}?{address[1]}"
                    self.errors.append(f"{self.client}: {shown} came back changed: {changed!r}")
        await socket.close()


def test_sessions_spread_over_both_replicas_and_each_stays_on_one(replicas):
    addresses = {address(r) for r in replicas}
    readers = [
        Reader("", f"127.0.0.{n}", random.Random(n)) for n in range(2, 14)
    ]  # twelve readers, twelve addresses
    with proxy.running(sorted(addresses)) as nginx:
        for reader in readers:
            reader.base = nginx.base

        async def visit(reader: Reader) -> None:
            await reader.open()
            socket = await reader.connect(time.monotonic() + 30)
            for _ in range(3):
                await reader.show(socket, any_view(reader.rng))
            await socket.close()

        async def crowd() -> None:
            await asyncio.gather(*(visit(reader) for reader in readers))

        in_thread(crowd())
        # A reader whose cookie names the other replica goes there, whatever its address.
        first = [e for e in nginx.log() if e.client == "127.0.0.2"][-1].replicas[-1]
        other = Reader(nginx.base, "127.0.0.2", random.Random(0))
        chosen = "2" if first == sorted(addresses)[0] else "1"
        other.cookies["atlas_replica"] = chosen
        assert other.get("/_stcore/health") == 200
        log = nginx.log(until=lambda entries: len(streams(entries)) == len(readers))
    assert [e for r in readers for e in r.errors] == []
    assert all(r.runs == 3 for r in readers)
    checked = [e for e in log if e.cookie == chosen and e.client == "127.0.0.2"]
    served: dict[str, set[str]] = {}
    for entry in log:
        assert len(entry.replicas) == 1, f"a request was retried with both replicas up: {entry}"
        if entry not in checked:
            served.setdefault(entry.client, set()).update(entry.replicas)
    assert streams(log) == {r.client for r in readers}, "a reader's websocket never went through"
    assert all(len(replicas_of) == 1 for replicas_of in served.values()), served
    assert {next(iter(s)) for s in served.values()} == addresses, "one replica took everyone"
    assert [e.replicas[-1] for e in checked] == [proxy.replica_named(addresses, chosen)]


def streams(log: list[proxy.Logged]) -> set[str]:
    """The clients whose websocket nginx has logged (it logs one when it closes)."""
    return {e.client for e in log if e.uri == "/_stcore/stream" and e.status == 101}


def test_a_rolling_restart_under_twenty_sessions_costs_no_reader_an_error(replicas):
    readers = [Reader("", f"127.0.1.{n}", random.Random(100 + n)) for n in range(1, 21)]
    restarts: list[str] = []
    with proxy.running(sorted(address(r) for r in replicas)) as nginx:
        for reader in readers:
            reader.base = nginx.base

        async def restart_each() -> None:
            await asyncio.sleep(8)  # every reader settled on a replica
            for i, replica in enumerate(replicas):
                port = urlparse(replica.base).port
                await asyncio.to_thread(server.stop, replica)  # SIGTERM, as an orchestrator does
                replicas[i] = await asyncio.to_thread(server.launch, port=port)
                restarts.append(address(replicas[i]))
                await asyncio.sleep(8)  # readers reconnect, the restarted replica warms up

        async def crowd() -> None:
            until = time.monotonic() + 8 + 2 * 8 + 20  # about: settle, two restarts, after
            await asyncio.gather(restart_each(), *(r.read(until) for r in readers))

        in_thread(crowd())
        log = nginx.log()
    errors = [e for r in readers for e in r.errors]
    assert errors == []
    assert len(restarts) == 2
    reconnects = [seconds for r in readers for seconds in r.reconnects]
    # Every reader was on one of the two replicas, and each was restarted under them.
    assert all(r.reconnects for r in readers), "a reader never lost its replica"
    assert sum(r.restored for r in readers) == len(reconnects)
    pages = [e for e in log if e.uri == "/" or e.uri.startswith("/?")]
    failed = [e.uri for e in log if e.status >= 500]
    assert pages and all(e.status == 200 for e in pages)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        "# Rolling restart behind nginx\n\n"
        f"Two replicas behind deploy/nginx/atlas.conf.template, {len(readers)} readers each "
        f"reading {THINK[0]:.0f} to {THINK[1]:.0f} s between clicks; each replica stopped "
        "(SIGTERM) and started again in turn, 8 s apart.\n\n"
        f"- {sum(r.runs for r in readers)} runs, {len(errors)} errors; the proxy answered "
        f"{len(failed)} requests with 5xx: {', '.join(sorted(set(failed))) or 'none'} (a "
        "browser tries these again; no page asked for was among them)\n"
        f"- {len(reconnects)} reconnections, every one to the same view: median "
        f"{statistics.median(reconnects):.1f} s, slowest {max(reconnects):.1f} s, from the "
        "lost socket to the view drawn again\n"
        f"- {sum(r.refused for r in readers)} websockets refused by the proxy on the way (the "
        "browser shows its connecting sign and tries again)\n",
        encoding="utf-8",
    )
    print(REPORT.read_text(encoding="utf-8"))


def test_a_reader_on_a_host_name_and_port_gets_a_websocket(replicas):
    # The browser sends Origin http://host:port; Streamlit refuses a websocket whose Origin is
    # not the Host it was given (but for localhost), so the proxy must pass the port on.
    with proxy.running(sorted(address(r) for r in replicas)) as nginx:
        port = urlparse(nginx.base).port

        async def handshake() -> None:
            async with websockets.connect(
                f"ws://atlas.example:{port}/_stcore/stream",
                host="127.0.0.1",
                port=port,
                origin=websockets.Origin(f"http://atlas.example:{port}"),
                subprotocols=["streamlit"],
            ) as socket:
                await socket.send(rerun("", ""))
                assert (await finished(socket)).exceptions == []

        in_thread(handshake())


def test_a_replica_that_takes_connections_but_never_answers_is_passed_over(replicas):
    # Its kernel accepts the connection, so only a read timeout finds it: the health check's,
    # 5 s, not the hour a websocket is given.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen()
        silent = f"127.0.0.1:{hung.getsockname()[1]}"
        with proxy.running([silent, address(replicas[1])]) as nginx:
            reader = Reader(nginx.base, "127.0.0.2", random.Random(0))
            reader.cookies["atlas_replica"] = "1"  # its session was on the replica that hangs
            assert reader.get("/_stcore/health") == 200
            log = nginx.log()
    assert log[-1].replicas == (silent, address(replicas[1]))
    assert reader.cookies["atlas_replica"] == "2"
