"""The machine and the versions a benchmark ran with."""

import datetime as dt
import os
import platform
from pathlib import Path

import streamlit


def describe(chromium_version: str) -> list[tuple[str, str]]:
    """Name and value of each fact about the machine."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if "model name" in ln), "?"
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    ram_gib = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024**2
    return [
        ("Date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("RAM", f"{ram_gib:.1f} GiB"),
        ("Python", platform.python_version()),
        ("Streamlit", streamlit.__version__),
        ("Chromium", chromium_version),
    ]
