"""A synthetic 2,500-row ATOP member file: how long it takes to import, and how the map, the
timeline and the members page open with it loaded beside the shipped data."""

import contextlib
import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import Browser

from alliance_atlas import codes, importers
from alliance_atlas.loader import load
from bench import servers, sessions

ROWS = 2500
PAGES = ("map", "timeline", "members")
HEADER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,nonagg,consul"


def synthetic(atlas, count: int = ROWS) -> str:
    """`count` ATOP-format rows over the states whose COW numbers stand for a state of the atlas
    from 1992 to 2015 (so none is refused): alliances of 2 to 12 members starting between 1992
    and 2015, some without a day, some left; the same rows every run."""
    numbers = []
    for year in (1992, 2015):
        day = dt.date(year, 6, 1)
        numbers.append({codes.number_of(atlas, "cow", c, day) for c in atlas.country_by_code})
    steady, draw = sorted((numbers[0] & numbers[1]) - {None}), random.Random(1945)
    rows, alliance = [HEADER], 100_000
    while len(rows) <= count:
        alliance += 1
        year = draw.randint(1992, 2015)
        for number in draw.sample(steady, draw.randint(2, 12)):
            day = draw.choice(["", str(draw.randint(1, 28))])
            left = draw.choice(["0,0,0"] * 3 + [f"{year + draw.randint(1, 9)},6,30"])
            rows.append(f"{alliance},{number},{year},{draw.randint(1, 12)},{day},{left},1,1,0,1")
    return "\n".join(rows[: count + 1]) + "\n"


def import_seconds(path: Path, atlas, reps: int = 3) -> tuple[float, importers.Imported]:
    """The median time to read, place, merge and check the file into a folder."""
    times, imported = [], None
    for _ in range(reps):
        started = time.perf_counter()
        imported = importers.read_atop(path, atlas)
        times.append(time.perf_counter() - started)
    return statistics.median(times), imported


def beside_shipped(imported: importers.Imported, folder: Path) -> Path:
    """The shipped data folder with the import's alliances, memberships and citation added,
    as an upload beside it would give (its copies of shipped states and sources left out)."""
    shutil.copytree(servers.ROOT / "data", folder)
    with (folder / "alliances.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + imported.files["alliances.yaml"])
    known = {s["id"] for s in yaml.safe_load((folder / "sources.yaml").read_text())}
    new = [s for s in yaml.safe_load(imported.files["sources.yaml"]) if s["id"] not in known]
    with (folder / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + yaml.safe_dump(new, allow_unicode=True, sort_keys=False))
    shipped = (folder / "memberships.csv").read_text(encoding="utf-8").splitlines()
    added = imported.files["memberships.csv"].splitlines()
    lines = [added[0], *(f"{line}," for line in shipped[1:]), *added[1:]]  # basis left blank
    (folder / "memberships.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@contextlib.contextmanager
def _data_folder(folder: Path):
    before = os.environ.get("ALLIANCE_ATLAS_DATA")
    os.environ["ALLIANCE_ATLAS_DATA"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["ALLIANCE_ATLAS_DATA"]
        else:
            os.environ["ALLIANCE_ATLAS_DATA"] = before


def measure(browser: Browser, reps: int) -> dict:
    """The import's time and size, and new sessions of PAGES on the data with it."""
    atlas = load(servers.ROOT / "data")
    with tempfile.TemporaryDirectory(prefix="atlas-bench-import-") as tmp:
        path = Path(tmp) / "atop_synthetic.csv"
        path.write_text(synthetic(atlas), encoding="utf-8")
        seconds, imported = import_seconds(path, atlas)
        folder = beside_shipped(imported, Path(tmp) / "data")
        combined = load(folder)  # raises if the folder broke a rule
        with _data_folder(folder), servers.running() as server:
            plots = sessions.warm(browser, server.base)
            loads = {
                name: [
                    sessions.open_once(
                        browser,
                        server.base + sessions.PAGES[name],
                        True,
                        plots[name],
                        sessions.extra_for(name),
                    )
                    for _ in range(reps)
                ]
                for name in PAGES
            }
    return {
        "rows": imported.rows,
        "left_out": imported.left_out,
        "seconds": seconds,
        "alliances": len(combined.alliance_by_id),
        "memberships": len(combined.memberships),
        "loads": loads,
    }
