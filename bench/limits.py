"""Peak memory of `validate`, `import` and the app on data of growing size, with and without a
1 GB address-space cap: the measurement behind the size limits' defaults in limits.py."""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from alliance_atlas.limits import MB
from alliance_atlas.loader import data_files, load
from alliance_atlas.navigation import PAGES
from bench.imports import synthetic
from bench.scale import RAISED  # the limits out of the way: what they would stop is measured
from bench.synth import Dumper, build

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data"
CAP_MB = 1024  # `ulimit -v 1048576`, the cap of issue 15
EVENTS_MB = (5, 10, 20)  # one events file of this size beside the shipped data
SHORT_EVENTS_MB = (5, 10, 15)  # the same, of events cut short: the most records per MB
SCALES = (10, 40, 70)  # synthetic folders this many times the shipped data (bench/synth.py)
ATOP_MB = (1, 2, 4, 5)  # an ATOP member file of this size (12 short columns), imported
APP_SCALES = (1, 10, 20, 40)  # the app on synthetic folders: every page, one session
REFUSED_MB = 66  # the events file of issue 15, refused at the default limits


@dataclass
class Run:
    """One command run in a child process."""

    status: int  # its exit status
    seconds: float
    peak_mib: float  # the child's peak resident memory
    said: str  # what it printed, stdout and stderr together


def run(args: list[str], env: dict[str, str], cap_mb: int | None) -> Run:
    """`python ARGS`, under an address-space cap of `cap_mb` if given; its peak memory is the
    child's own (`wait4`), not the largest of every child so far."""

    def cap() -> None:
        if cap_mb:
            resource.setrlimit(resource.RLIMIT_AS, (cap_mb * 2**20, cap_mb * 2**20))

    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=out, preexec_fn=cap
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        return Run(child.returncode, seconds, usage.ru_maxrss / 1024, out.read())


def atlas(*args: str) -> list[str]:
    """The arguments of `python -m alliance_atlas ARGS`."""
    return ["-m", "alliance_atlas", *args]


def with_events_file(folder: Path, megabytes: float, short: bool = False) -> Path:
    """The shipped data, with copies of NATO's events (new ids; `short`: each cut to its
    required fields and a few words) added to its events file until that file holds
    `megabytes`: every record valid."""
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("notes", "*.md"))
    path = folder / "events" / "nato.yaml"
    events = yaml.safe_load(path.read_text(encoding="utf-8"))
    if short:
        kept = ("id", "date", "alliance", "kind", "sources")
        events = [
            {**{k: e[k] for k in kept}, "title": _words(), "summary": _words()} for e in events
        ]
    with path.open("a", encoding="utf-8") as out:
        copy = 0
        while out.tell() < megabytes * MB:
            copy += 1
            copies = [{**event, "id": f"{event['id']}-copy-{copy}"} for event in events]
            out.write(yaml.dump(copies, Dumper=Dumper, allow_unicode=True, sort_keys=False))
    return folder


def _words() -> dict[str, str]:
    """A short text in both languages, a new one each time (a shared one becomes a YAML alias)."""
    return {"en": "A few words", "fr": "Quelques mots"}


def with_atop_file(path: Path, megabytes: float) -> Path:
    """An ATOP member file of about `megabytes`, of rows every one of which is imported."""
    sample = synthetic(load(SHIPPED), 1000)
    per_row = len(sample.encode()) / 1000
    path.write_text(synthetic(load(SHIPPED), int(megabytes * MB / per_row)), encoding="utf-8")
    return path


def sizes(folder: Path) -> tuple[float, float]:
    """The largest data file of `folder`, and all of them, in MB."""
    found = [(folder / name).stat().st_size / MB for name in data_files(folder)]
    return max(found), sum(found)


def row(what: str, args: list[str], largest: float, total: float, env: dict | None = None) -> str:
    """One line of the table: the run without a cap, then whether it passes under the cap (an
    import writes into a new folder each time: `{out}` in `args`)."""
    env = {**os.environ, **RAISED, **(env or {})}
    with tempfile.TemporaryDirectory() as free_out, tempfile.TemporaryDirectory() as capped_out:
        free = run([a.format(out=f"{free_out}/out") for a in args], env, None)
        capped = run([a.format(out=f"{capped_out}/out") for a in args], env, CAP_MB)
    if free.status != 0:
        sys.exit(f"{what}: fails without a cap:\n{free.said[-2000:]}")
    verdict = "passes" if capped.status == 0 else "out of memory"
    return (
        f"| {what} | {largest:.1f} | {total:.1f} | {free.peak_mib:.0f} | {free.seconds:.1f} "
        f"| {verdict} ({capped.peak_mib:.0f} MiB, {capped.seconds:.1f} s) |"
    )


def every_page() -> int:
    """Run every page in AppTest, as one session, on the data folder of the environment."""
    from streamlit.testing.v1 import AppTest  # only in the child that measures the app

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    for page in PAGES:
        at.switch_page(page.script).run()
        if at.exception:
            print(page.name, at.exception)
            return 1
    return 0


def main() -> int:
    """Print the table, and the refusal of issue 15's folder at the default limits."""
    print("| Data | Largest file MB | Data files MB | Peak RSS MiB | s | Under a 1 GB cap |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="atlas-limits-") as tmp:
        for megabytes in EVENTS_MB:
            folder = with_events_file(Path(tmp) / f"events{megabytes}", megabytes)
            what = f"shipped data, events file of {megabytes} MB"
            print(row(what, atlas("validate", str(folder)), *sizes(folder)), flush=True)
            shutil.rmtree(folder)
        for megabytes in SHORT_EVENTS_MB:
            folder = with_events_file(Path(tmp) / f"short{megabytes}", megabytes, short=True)
            what = f"shipped data, events file of {megabytes} MB, each event cut short"
            print(row(what, atlas("validate", str(folder)), *sizes(folder)), flush=True)
            shutil.rmtree(folder)
        for scale in SCALES:
            folder = build(SHIPPED, Path(tmp) / f"x{scale}", scale)
            what = f"synthetic data {scale}x"
            print(row(what, atlas("validate", str(folder)), *sizes(folder)), flush=True)
            shutil.rmtree(folder)
        for megabytes in ATOP_MB:
            path = with_atop_file(Path(tmp) / f"atop{megabytes}.csv", megabytes)
            args = atlas("import", "atop", str(path), "--out", "{out}")
            size = path.stat().st_size / MB
            what = f"ATOP member file of {megabytes} MB, imported"
            print(row(what, args, size, size), flush=True)
        for scale in APP_SCALES:
            folder = SHIPPED if scale == 1 else build(SHIPPED, Path(tmp) / f"app{scale}", scale)
            data = "the shipped data" if scale == 1 else f"synthetic data {scale}x"
            what = f"the app, every page, on {data}"
            served = {"ALLIANCE_ATLAS_DATA": str(folder)}
            args = ["-m", "bench.limits", "app"]
            print(row(what, args, *sizes(folder), served), flush=True)
        folder = with_events_file(Path(tmp) / "refused", REFUSED_MB)
        env = {k: v for k, v in os.environ.items() if k not in RAISED}
        refused = run(atlas("validate", str(folder)), env, CAP_MB)
    print(
        f"\nAt the default limits, under the cap, a folder with an events file of {REFUSED_MB} "
        f"MB: exit {refused.status} in {refused.seconds:.1f} s, peak {refused.peak_mib:.0f} MiB:"
    )
    print(refused.said)
    return 0


if __name__ == "__main__":
    sys.exit(every_page() if sys.argv[1:] == ["app"] else main())
