"""Readers' sessions over the websocket, as a browser holds them: views asked for, runs read."""

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# What readers ask for: every page, with dates, filters and languages that vary.
VIEWS = [
    ("", ""),
    ("", "lang=fr"),
    ("timeline", "q={term}"),
    ("timeline", "alliance=csto&kind=summit"),
    ("timeline", "alliance=csto&from=2000-01-01&event=csto-2022-01-kazakhstan-deployment&lang=fr"),
    ("map", "date={year}-06-01"),
    ("map", "date={year}-06-01&view=years"),
    ("map", "date={year}-06-01&lang=fr"),
    ("members", "on={year}-01-01"),
    ("members", "alliance=nato&lang=fr"),
    ("compare", ""),
    ("sources", ""),
    ("data", ""),
]
TERMS = ["Kazakhstan", "Armenia", "summit", "treaty", "Warsaw", "Belarus"]
THINK = (1.0, 3.0)  # seconds a reader reads before the next click


def in_thread(coroutine):
    """Run `coroutine` to its end in a thread of its own, and return what it returns: the
    browser tests' Playwright keeps an event loop in the tests' own thread."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def any_view(rng: random.Random) -> tuple[str, str]:
    """A page and its query string, with a term and a year drawn by `rng`."""
    page, query = rng.choice(VIEWS)
    return page, query.format(term=rng.choice(TERMS), year=rng.randrange(1950, 2026))


def rerun(page: str, query: str) -> bytes:
    """The message a browser sends to run `page` with `query`, as when a link is opened."""
    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = query
    return message.SerializeToString()


@dataclass
class Run:
    """What one run of a page showed: its words in order, the exceptions it raised, and the
    query string it wrote to the browser's address bar, if it wrote one."""

    words: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    compiled: bool = True
    query: str | None = None


async def finished(socket, timeout: float = 60) -> Run:
    """Read messages until the run has finished, keeping the words and exceptions it showed."""
    run = Run()
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=timeout))
        kind = reply.WhichOneof("type")
        if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
            element = reply.delta.new_element
            shown = element.WhichOneof("type")
            if shown == "exception":
                run.exceptions.append(element.exception.message)
            elif shown in ("markdown", "heading", "text", "alert"):
                run.words.append(getattr(element, shown).body)
        if kind == "page_info_changed":
            run.query = reply.page_info_changed.query_string
        if kind == "script_finished":
            run.compiled = reply.script_finished != ForwardMsg.FINISHED_WITH_COMPILE_ERROR
            return run
