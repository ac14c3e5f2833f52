"""Size limits per file and per data folder, checked by size alone before anything is read."""

import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from alliance_atlas.problems import Problem

MB = 1_000_000  # a megabyte, as the upload caps count them


@dataclass(frozen=True)
class Limit:
    """A size limit with a default, which the operator can raise with an environment variable."""

    variable: str  # the environment variable that sets it, in MB, e.g. "50" or "2.5"
    default_mb: float  # the limit when the variable is not set
    per: str  # what it bounds, for messages: "per file"

    def megabytes(self) -> float:
        """The limit in force, in MB; ValueError, saying what to write, if it is set wrong."""
        text = os.environ.get(self.variable, "").strip()
        if not text:
            return self.default_mb
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            example = f"{self.variable}={self.default_mb:g}"
            raise ValueError(
                f"{self.variable}={text!r} is not a positive number of megabytes; "
                f"write e.g. {example} (the default), or unset it"
            )
        return value

    def exceeded(self, size: int, limit: float) -> str:
        """What to say of `size` bytes over the limit: the size, the limit, how to raise it."""
        return (
            f"{_size(size)}, over the limit of {limit:g} MB {self.per}, so none of it was read; "
            f"to read it, raise the limit where the memory allows (see SECURITY.md): "
            f"{self.variable}={math.ceil(size / MB)}"
        )


# The defaults, measured with `python -m bench.limits` (bench/README.md, "Size limits"): a file
# or a folder just under them validates under a 1 GB address-space cap (`ulimit -v 1048576`)
# in every shape measured. The costliest per byte, in peak resident memory without the cap:
# - an events file of events cut to their required fields, beside the shipped data: 10 MB
#   takes 577 MiB and passes under the cap, 15 MB takes 774 MiB and runs out of it;
# - an ATOP member file of short rows (12 columns, 35 bytes), imported: 4 MB (114,000 rows)
#   takes 748 MiB and passes, 5 MB takes 887 MiB and runs out.
# Folders shaped like the shipped data cost less to validate: 10x (8.9 MB) 209 MiB, 70x (61 MB)
# 730 MiB. The app, showing every page to one session, costs more: 217 MiB on the shipped data,
# 300 MiB on 10x, 421 MiB on 20x (17.6 MB); on 40x (35 MB) it runs out under the cap.
# 4 MB is 9 times the shipped data's largest file (sources.yaml, 443 kB), and 10 MB per folder
# 9 times the shipped data (1.1 MB) and the upload page's cap, `upload.MAX_BYTES`.
FILE = Limit("ALLIANCE_ATLAS_MAX_FILE_MB", 4, "per file")
FOLDER = Limit("ALLIANCE_ATLAS_MAX_FOLDER_MB", 10, "per data folder")


def _size(size: int) -> str:
    """`size` bytes as a person reads them: in bytes under 1 MB, else in MB with one decimal,
    rounded up, so that a size over a limit never reads as equal to it."""
    if size < MB:
        return f"{size:,} bytes"
    return f"{math.ceil(size / MB * 10) / 10:,.1f} MB"


def file_refusal(path: Path, shown: str) -> Problem | None:
    """Why the file must not be read, from `stat` alone: over the limit per file, not a file
    that has a size (a folder, a pipe, a device), or the limit set wrong; None if it may be
    read. OSError, as `stat` raises it, is left to the reader to report."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        return Problem(shown, None, "unreadable", "not a regular file (a folder, a pipe, a device)")
    try:
        limit = FILE.megabytes()
    except ValueError as error:
        return Problem(shown, None, "limit-setting", str(error))
    if status.st_size <= limit * MB:
        return None
    return Problem(shown, None, "file-too-large", FILE.exceeded(status.st_size, limit))


def folder_refusals(shown: str, files: dict[str, Path]) -> list[Problem]:
    """Why a data folder must not be read, from its files' sizes alone: each file over the limit
    per file, and the folder if its files together are over the limit per folder, or a limit
    set wrong. `files` maps each data file's name in messages to its path."""
    try:
        limit = FOLDER.megabytes()
        FILE.megabytes()
    except ValueError as error:
        return [Problem(shown, None, "limit-setting", str(error))]
    refused, total = [], 0
    for name, path in files.items():
        try:
            problem = file_refusal(path, name)
            total += path.stat().st_size
        except OSError:
            continue  # missing or unreadable: the reader names it when it gets there
        if problem:
            refused.append(problem)
    if total > limit * MB:
        message = f"its data files hold {FOLDER.exceeded(total, limit)}"
        refused.append(Problem(shown, None, "folder-too-large", message))
    return refused


def out_of_memory(shown: str) -> Problem:
    """What to say when memory ran out while `shown` was read: which limits to lower."""
    now = ", ".join(f"{limit.variable} {_in_force(limit)}" for limit in (FILE, FOLDER))
    message = (
        f"memory ran out while it was read; lower the size limits ({now}) so that data this "
        "large are refused before they are read, or give the process more memory (see SECURITY.md)"
    )
    return Problem(shown, None, "out-of-memory", message)


def _in_force(limit: Limit) -> str:
    """The limit in force, as a phrase: "is 10 MB"."""
    try:
        return f"is {limit.megabytes():g} MB"
    except ValueError:
        return "is set wrong"
